"""The one-file layout: a Persian half and an English half, in either order.

A bilingual news page gives the article in one language, then its translation. The second half
starts at its title when both titles are known with text between them; otherwise the halves are
found as the split point that puts the most text on the side of its own language. Whatever is left
on the wrong side (an untranslated paragraph, an English quote in the Persian half) is a stray: it
keeps its place and its own language label, and is only reported, never moved. When no split
explains most of the text the paragraphs alternate, and the layout is "interleaved".
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..records import EN, FA, Block, Document

# Below this share of text on its own language's side, two halves are not the layout. Titles with
# text between them are strong evidence of halves, so then a majority is enough.
MIN_HALVES_AGREEMENT = 0.75
MIN_ANCHORED_AGREEMENT = 0.5


@dataclass(frozen=True, slots=True)
class Half:
    """Blocks [first, end) of a text that make up the article in one language."""

    lang: str
    first: int
    end: int


@dataclass(frozen=True, slots=True)
class Layout:
    kind: str  # "fa-en", "en-fa", "fa", "en", "interleaved" or "none" (no Persian or English)
    halves: tuple[Half, ...]  # in text order; empty when interleaved or none
    strays: tuple[int, ...]  # blocks of one language inside the other's half


def weight(block: Block) -> int:
    """How much a block counts towards the layout: Persian or English article text only."""
    if block.kind == "boilerplate" or block.lang not in (FA, EN):
        return 0
    return block.end - block.start


def title_boundary(blocks: Sequence[Block]) -> int | None:
    """Where the second half starts, when each language has a title and article text lies between
    them: a translation starts with its title. None when the titles are adjacent or missing."""
    titles = sorted((i for i, b in enumerate(blocks) if b.kind == "title" and b.lang in (FA, EN)))
    if len(titles) != 2 or blocks[titles[0]].lang == blocks[titles[1]].lang:
        return None
    between = range(titles[0] + 1, titles[1])
    return titles[1] if any(weight(blocks[i]) for i in between) else None


def find_layout(items: Sequence[tuple[str, int]], boundary: int | None = None) -> Layout:
    """The layout of a text given (language, weight) per block, in text order.

    boundary, if known (title_boundary), is where the second half starts; otherwise the split is
    the one that puts the most weight on the side of its own language.
    """
    total = {FA: 0, EN: 0}
    for lang, w in items:
        if lang in total:
            total[lang] += w
    if not total[FA] and not total[EN]:
        return Layout("none", (), ())
    if not total[FA] or not total[EN]:
        lang = FA if total[FA] else EN
        return Layout(lang, (Half(lang, 0, len(items)),), ())

    best = (-1, FA, EN, 0)
    for first, second in ((FA, EN), (EN, FA)):
        # score(k) = weight of `first` in blocks [0, k) + weight of `second` in blocks [k, n)
        score = sum(w for lang, w in items if lang == second)
        for k in range(len(items) + 1):
            # >= keeps the last k of a plateau: blocks that count for nothing (boilerplate,
            # Arabic, no letters) between the halves stay with the half they follow.
            if score >= best[0] and (boundary is None or k == boundary):
                best = (score, first, second, k)
            if k < len(items):
                lang, w = items[k]
                score += w if lang == first else -w if lang == second else 0
    score, first, second, k = best
    needed = MIN_HALVES_AGREEMENT if boundary is None else MIN_ANCHORED_AGREEMENT
    if score <= needed * (total[FA] + total[EN]):
        return Layout("interleaved", (), ())

    halves = tuple(
        Half(lang, start, end)
        for lang, start, end in ((first, 0, k), (second, k, len(items)))
        if any(items[i][0] == lang and items[i][1] for i in range(start, end))
    )
    if len(halves) == 1:  # the other language only as strays inside one article
        halves = (Half(halves[0].lang, 0, len(items)),)
    strays = tuple(
        i for half in halves for i in range(half.first, half.end) if items[i][1] and items[i][0] != half.lang
    )
    kind = "-".join(half.lang for half in halves)
    return Layout(kind, halves, strays)


def block_layout(blocks: Sequence[Block]) -> Layout:
    """The layout of one text's blocks (titles already marked), indices into blocks."""
    return find_layout([(b.lang, weight(b)) for b in blocks], title_boundary(blocks))


def document_layout(doc: Document, source: int = 0) -> Layout:
    """The layout of one input text of doc, with block indices into doc.blocks."""
    indices = [i for i, block in enumerate(doc.blocks) if block.source == source]
    layout = block_layout([doc.blocks[i] for i in indices])
    if not indices:
        return layout
    # A text's blocks are contiguous in doc.blocks, so shifting by the first index maps them.
    offset = indices[0]
    return Layout(
        layout.kind,
        tuple(Half(h.lang, h.first + offset, h.end + offset) for h in layout.halves),
        tuple(i + offset for i in layout.strays),
    )
