"""Pre-split input: one sentence a line, already segmented (and often already aligned) by the user.

Each non-empty line is a paragraph block of its own, with no title or boilerplate detection: the
aligner must get exactly the lines it was given, so nothing may be merged, dropped or relabelled
by a heuristic.
"""
from __future__ import annotations

from ..records import Block
from .blocks import PARAGRAPH, line_spans, trim
from .language import block_language


def presplit_blocks(text: str, source: int = 0, lang: str | None = None) -> tuple[Block, ...]:
    """One paragraph block per non-empty line; lang for every line (a file of one language), or
    None to detect each line's language."""
    blocks = []
    for start, end in line_spans(text):
        span = trim(text, start, end)
        if span is not None:
            line_lang = lang or block_language(text[span[0] : span[1]])
            blocks.append(Block(line_lang, PARAGRAPH, span[0], span[1], source))
    return tuple(blocks)
