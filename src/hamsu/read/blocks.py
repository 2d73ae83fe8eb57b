"""One input text to blocks: paragraphs with a language, titles, and boilerplate set aside.

The steps, each a pure function over the text and a tuple of Blocks:

1. paragraphs: split at blank lines (or at every line break when the text has no blank line, as in
   one-paragraph-a-line files); inside a paragraph, a line in another language or a footer line
   ("Tags: ...", "© ...") starts a block of its own;
2. titles: the headline of each language, the last short unpunctuated block before its article
   text starts;
3. layout: the Persian and English halves (layout.py);
4. position: link-like blocks at the start or end of the text or of a half are navigation or
   section links, and a "+ Photos" marker closing a title becomes a block of its own.

Every block is trimmed to non-whitespace and blocks never overlap, so every non-whitespace
character of the text lies in exactly one block.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from ..records import EN, FA, Block
from .boilerplate import is_footer_line, is_link_like, is_title_like, title_marker_span
from .language import block_language
from .layout import Half, Layout, block_layout

TITLE, PARAGRAPH, BOILERPLATE = "title", "paragraph", "boilerplate"
OTHER = "other"

TITLE_MARKER = "title marker"
LEADING_NAVIGATION = "leading navigation"
TRAILING_SECTION_LINK = "trailing section link"
FOOTER_LINE = "share/related/footer line"

# The line breaks str.splitlines knows, so a text from any platform splits the same way.
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"  # what str.splitlines breaks at
_LINE_BREAK = re.compile(f"\r\n|[{LINE_BREAKS}]")
_NON_SPACE = re.compile(r"\S")


# --- 1. paragraphs ------------------------------------------------------------------------------


def line_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of every line, line breaks excluded."""
    spans, start = [], 0
    for m in _LINE_BREAK.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without surrounding whitespace, or None if it is all whitespace."""
    m = _NON_SPACE.search(text, start, end)
    if m is None:
        return None
    last = end
    while text[last - 1].isspace():
        last -= 1
    return m.start(), last


def paragraphs(text: str) -> list[list[tuple[int, int]]]:
    """The non-blank lines of text, grouped into paragraphs (trimmed line spans)."""
    groups: list[list[tuple[int, int]]] = [[]]
    for start, end in line_spans(text):
        span = trim(text, start, end)
        if span is None:
            if groups[-1]:
                groups.append([])
        else:
            groups[-1].append(span)
    groups = [g for g in groups if g]
    if len(groups) == 1 and len(groups[0]) > 1:
        # No blank line anywhere: a file with one paragraph per line.
        return [[line] for line in groups[0]]
    return groups


def _split_paragraph(text: str, lines: list[tuple[int, int]]) -> Iterator[tuple[int, int, bool, str | None]]:
    """(start, end, is_footer, lang) runs of lines: footer lines alone, and a new run at a language
    change. `lang` is the run's language when it is one line, already detected here (else None).

    Lines with no Persian or English (numbers, an Arabic line) stay with the run they follow.
    """
    run: list[tuple[int, int]] = []
    run_lang = OTHER
    last_lang = OTHER  # the language of the run's last line

    def ended() -> tuple[int, int, bool, str | None]:
        return run[0][0], run[-1][1], False, last_lang if len(run) == 1 else None

    for start, end in lines:
        line = text[start:end]
        if is_footer_line(line):
            if run:
                yield ended()
            yield start, end, True, None
            run, run_lang = [], OTHER
            continue
        lang = block_language(line)
        if run and lang != OTHER and run_lang != OTHER and lang != run_lang:
            yield ended()
            run, run_lang = [], OTHER
        run.append((start, end))
        last_lang = lang
        if run_lang == OTHER:
            run_lang = lang
    if run:
        yield ended()


def paragraph_blocks(text: str, source: int = 0) -> tuple[Block, ...]:
    """Step 1: every paragraph (or run of it) as a block, footer lines already boilerplate."""
    blocks = []
    for lines in paragraphs(text):
        for start, end, footer, known in _split_paragraph(text, lines):
            lang = known or block_language(text[start:end])  # a one-line run: its line's language
            if footer:
                blocks.append(Block(lang, BOILERPLATE, start, end, source, FOOTER_LINE))
            else:
                blocks.append(Block(lang, PARAGRAPH, start, end, source))
    return tuple(blocks)


# --- 2.-4. titles, layout, boilerplate by position ---------------------------------------------


def _headline(text: str, block: Block) -> str:
    """The block's text without a title marker, as a title candidate is judged."""
    span = title_marker_span(text[block.start : block.end])
    return text[block.start : block.start + span[0]] if span else text[block.start : block.end]


def _is_candidate(text: str, block: Block) -> bool:
    return block.kind == PARAGRAPH and is_title_like(_headline(text, block))


def _is_body(text: str, block: Block, lang: str) -> bool:
    return block.kind == PARAGRAPH and block.lang == lang and not is_title_like(_headline(text, block))


def title_indices(text: str, blocks: Sequence[Block]) -> dict[str, int]:
    """The title block of each language.

    Each place where article text of a language starts (a body paragraph of it whose previous
    body paragraph is in the other language, or none) may have a headline: the last title-like
    block of that language before it, with no body of it in between. Blocks of the other language
    are passed over, so a Persian title followed by an English one, then both articles, still
    gives two titles. The first such headline is the language's title. A language with no body
    paragraph has no title: a text of one short line is content, not a headline of nothing.
    """
    bodies = [i for i, b in enumerate(blocks) if any(_is_body(text, b, lang) for lang in (FA, EN))]
    section_starts = [i for n, i in enumerate(bodies) if n == 0 or blocks[bodies[n - 1]].lang != blocks[i].lang]
    titles: dict[str, int] = {}
    for start in section_starts:
        lang = blocks[start].lang
        if lang in titles:
            continue
        for i in range(start - 1, -1, -1):
            block = blocks[i]
            if block.lang != lang:
                continue
            if _is_body(text, block, lang):
                break
            if _is_candidate(text, block):
                titles[lang] = i
                break
    return titles


def mark_titles(text: str, blocks: Sequence[Block]) -> tuple[Block, ...]:
    chosen = set(title_indices(text, blocks).values())
    return tuple(replace(b, kind=TITLE) if i in chosen else b for i, b in enumerate(blocks))


def _link_run(text: str, blocks: Sequence[Block], indices: Sequence[int], marked: dict[int, str]) -> list[int]:
    """The link-like paragraphs along indices, up to the first block that is not one.

    Boilerplate (and blocks in marked) is passed over; a title or any other paragraph ends the run.
    """
    run = []
    for i in indices:
        block = blocks[i]
        if block.kind == BOILERPLATE or i in marked:
            continue
        if block.kind != PARAGRAPH or not is_link_like(text[block.start : block.end]):
            break
        run.append(i)
    return run


def mark_positional_boilerplate(text: str, blocks: Sequence[Block], layout: Layout) -> tuple[Block, ...]:
    """Link-like blocks at the start of the text or of a half are navigation; at the end of the
    text or of a half they are section links ("Latest news", "More from Politics").

    Only when there is article text to set them apart from: a text of short lines is kept whole.
    """
    if not any(_is_body(text, b, lang) for b in blocks for lang in (FA, EN)):
        return tuple(blocks)
    marked: dict[int, str] = {}
    for half in layout.halves or (Half(OTHER, 0, len(blocks)),):
        for i in _link_run(text, blocks, range(half.first, half.end), marked):
            marked[i] = LEADING_NAVIGATION
        for i in _link_run(text, blocks, range(half.end - 1, half.first - 1, -1), marked):
            marked[i] = TRAILING_SECTION_LINK
    return tuple(
        replace(b, kind=BOILERPLATE, reason=marked[i]) if i in marked else b for i, b in enumerate(blocks)
    )


def split_title_markers(text: str, blocks: Sequence[Block]) -> tuple[Block, ...]:
    """A "+ Photos" marker closing a title becomes a boilerplate block of its own."""
    result = []
    for block in blocks:
        span = title_marker_span(text[block.start : block.end]) if block.kind == TITLE else None
        if span is None:
            result.append(block)
            continue
        marker_start, marker_end = block.start + span[0], block.start + span[1]
        title_end = trim(text, block.start, marker_start)[1]
        result.append(replace(block, end=title_end))
        marker_lang = block_language(text[marker_start:marker_end])
        result.append(Block(marker_lang, BOILERPLATE, marker_start, marker_end, block.source, TITLE_MARKER))
    return tuple(result)


def text_blocks(text: str, source: int = 0) -> tuple[Block, ...]:
    """All blocks of one input text, in text order."""
    blocks = mark_titles(text, paragraph_blocks(text, source))
    blocks = mark_positional_boilerplate(text, blocks, block_layout(blocks))
    return split_title_markers(text, blocks)
