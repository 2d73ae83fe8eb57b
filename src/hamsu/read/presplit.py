"""Pre-split input: one sentence a line, already segmented (and often already aligned) by the user.

Each non-empty line is a paragraph block of its own, with no title or boilerplate detection: the
aligner must get exactly the lines it was given, so nothing may be merged, dropped or relabelled
by a heuristic.
"""
from __future__ import annotations

import re

from ..records import Block
from .blocks import LINE_BREAKS, PARAGRAPH
from .language import block_language

# A line's text without the whitespace around it: from a non-space to the last non-space before
# the line break (every line break is whitespace, so a match never crosses one), in one scan.
_TRIMMED_LINE = re.compile(rf"\S(?:[^{LINE_BREAKS}]*\S)?")


def presplit_blocks(text: str, source: int = 0, lang: str | None = None) -> tuple[Block, ...]:
    """One paragraph block per non-empty line; lang for every line (a file of one language), or
    None to detect each line's language."""
    if lang is not None:
        return tuple(Block(lang, PARAGRAPH, m.start(), m.end(), source) for m in _TRIMMED_LINE.finditer(text))
    return tuple(Block(block_language(m.group()), PARAGRAPH, m.start(), m.end(), source)
                 for m in _TRIMMED_LINE.finditer(text))  # fmt: skip
