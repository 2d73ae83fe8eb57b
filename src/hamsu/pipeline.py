"""The document pipeline: blocks → sentences (Persian normalized) → aligned units → names, flags.

Pure: a Document in, an Alignment out. Reading files and writing results stay with the callers.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import NamedTuple

from .align import align
from .collector import collector_paused
from .parallel import split_units
from .persian.normalize import normalize, normalize_detailed
from .records import EN, FA, Alignment, Block, Checked, Document, Sentence, UnitNames, offset_shifts
from .segment import split_sentences

ALIGNED_KINDS = ("title", "paragraph")
Progress = Callable[[str, int, int], None]  # progress(stage, done, total)
PROGRESS_EVERY = 64  # blocks between two progress calls while splitting


def block_sides(document: Document) -> list[str | None]:
    """Which side of the translation each block belongs to: "fa", "en" or None (not aligned).

    With two texts the file decides. In one text, the languages form contiguous runs; a block of
    another language inside a run (a paragraph left untranslated) stays on the side of its run,
    to be flagged later, and is never moved across.
    """
    blocks = document.blocks
    sides: list[str | None] = []
    if len(document.texts) > 1:
        return [(FA if b.source == 0 else EN) if b.kind in ALIGNED_KINDS else None for b in blocks]
    aligned = [i for i, b in enumerate(blocks) if b.kind in ALIGNED_KINDS]
    langs = {i: blocks[i].lang if blocks[i].lang in (FA, EN) else None for i in aligned}
    for pos, i in enumerate(aligned):
        lang = langs[i]
        before = next((langs[j] for j in reversed(aligned[:pos]) if langs[j]), None)
        after = next((langs[j] for j in aligned[pos + 1 :] if langs[j]), None)
        if lang is None or (before is not None and before == after and before != lang):
            lang = before or after
        langs[i] = lang
    sides = [langs.get(i) for i in range(len(blocks))]
    return sides


def _sentences(document: Document, index: int, block: Block, side: str) -> list[Sentence]:
    text = document.texts[block.source]
    original = text[block.start : block.end]
    if side == FA:
        normalized = normalize_detailed(original)
        spans = split_sentences(normalized.text, FA)
        offset_map = normalized.offset_map
        return [
            Sentence(
                FA,
                normalized.text[s:e],
                block.start + offset_map[s],
                block.start + offset_map[e],
                index,
                block.source,
                offset_shifts(offset_map[s : e + 1], offset_map[s]),
            )
            for s, e in spans
        ]
    return [
        Sentence(side, original[s:e], block.start + s, block.start + e, index, block.source)
        for s, e in split_sentences(original, EN)
    ]


def _presplit_persian(document: Document, sides: list[str | None], offset_maps: bool) -> Iterator[Sentence]:
    """The Persian blocks of a pre-split document, each normalized into one sentence, in order;
    a long document's shared by two processes where the command line allows (hamsu.parallel).
    `offset_maps=False`: no offset map kept (Sentence.shifts), which only the name linker and the
    checks read."""
    chosen = [(index, block) for index, (block, side) in enumerate(zip(document.blocks, sides)) if side == FA]

    def fields(start: int, end: int) -> list[tuple]:
        """The sentences' fields after the language, as plain tuples: the second process's half
        comes back pickled, and tuples pickle and load at a third of the cost of Sentences."""
        out = []
        for index, block in chosen[start:end]:
            text = document.texts[block.source][block.start : block.end]
            if offset_maps:
                normalized = normalize_detailed(text)
                out.append((normalized.text, block.start, block.end, index, block.source,
                            offset_shifts(normalized.offset_map)))  # fmt: skip
            else:
                out.append((normalize(text), block.start, block.end, index, block.source))
        return out

    return (Sentence(FA, *row) for row in split_units(len(chosen), fields))


def _quiet(stage: str, done: int, total: int) -> None:
    """No progress shown (see hamsu.progress.Stages for what a progress callback is told)."""


def align_document(
    document: Document, presplit: bool = False, progress: Progress = _quiet, offset_maps: bool = True
) -> Alignment:
    """Split each side into sentences and align them. With `presplit`, each block is a sentence.
    `progress(stage, done, total)` is told how far the work has got (hamsu.progress.Stages).
    `offset_maps=False`: pre-split Persian sentences keep no offset map (Sentence.shifts), which
    only the name linker and the checks read; an output without them need not pay for it."""
    return _aligned(_split(document, presplit, progress, offset_maps), progress)


class _Split(NamedTuple):
    """A document's sentences, before they are aligned."""

    document: Document
    fa: tuple[Sentence, ...]
    en: tuple[Sentence, ...]
    fa_breaks: frozenset[int] | tuple[()]  # the sentences that start a paragraph (the first left out)
    en_breaks: frozenset[int] | tuple[()]


def _split(document: Document, presplit: bool, progress: Progress, offset_maps: bool) -> _Split:
    sides = block_sides(document)
    found: dict[str, list[Sentence]] = {FA: [], EN: []}
    breaks: dict[str, list[int]] = {FA: [], EN: []}
    blocks = len(document.blocks)
    persian = _presplit_persian(document, sides, offset_maps) if presplit else iter(())
    for index, (block, side) in enumerate(zip(document.blocks, sides)):
        if not index % PROGRESS_EVERY:
            progress("splitting paragraphs", index, blocks)
        if side is None:
            continue
        breaks[side].append(len(found[side]))
        if presplit:
            if side == FA:
                sentence = next(persian)
            else:  # a block's offsets are the sentence's
                text = document.texts[block.source][block.start : block.end]
                sentence = Sentence(side, text, block.start, block.end, index, block.source)
            found[side].append(sentence)
        else:
            found[side] += _sentences(document, index, block, side)
    progress("splitting paragraphs", blocks, blocks)
    fa, en = tuple(found[FA]), tuple(found[EN])
    if presplit:
        return _Split(document, fa, en, (), ())
    return _Split(document, fa, en, frozenset(breaks[FA]) - {0}, frozenset(breaks[EN]) - {0})


def _aligned(split: _Split, progress: Progress) -> Alignment:
    fa, en = split.fa, split.en
    progress(f"aligning {len(fa):,} × {len(en):,} sentences", 0, 1)
    units = align([s.text for s in fa], [s.text for s in en], fa_breaks=split.fa_breaks, en_breaks=split.en_breaks)
    progress(f"aligning {len(fa):,} × {len(en):,} sentences", 1, 1)
    return Alignment(split.document, fa, en, tuple(units))


def check_document(alignment: Alignment, glossary=None, names: bool = True) -> Checked:
    """Link the names of each unit and run the checks (hamsu.check) on an aligned document.

    `glossary`: from hamsu.check.load_glossary, or None. With names=False the name rules are skipped
    and every unit gets an empty UnitNames.
    """
    from .names import link_names

    if not names:
        return _checked(alignment, None, glossary)
    return _checked(alignment, tuple(link_names(alignment)), glossary)


def _checked(alignment: Alignment, linked: tuple[UnitNames, ...] | None, glossary) -> Checked:
    from .check import check_alignment

    flags = check_alignment(alignment, linked, glossary)
    flags = [f if f.doc else replace(f, doc=alignment.document.id) for f in flags]
    return Checked(alignment, linked if linked is not None else tuple(UnitNames() for _ in alignment.units),
                   tuple(flags))  # fmt: skip


def process_document(
    document: Document, presplit: bool = False, glossary=None, check: bool = True, progress: Progress = _quiet
) -> Checked:
    """The whole pipeline for one document: normalize, split, align, link names, check.

    The name linker starts before the alignment (NameLinker, ahead): where the command line
    allows a second process, it prepares the names of its share of a long document's sentences
    while this one aligns them."""
    if not check:
        alignment = align_document(document, presplit=presplit, progress=progress, offset_maps=False)
        return Checked(alignment, tuple(UnitNames() for _ in alignment.units), ())
    from .names import NameLinker

    split = _split(document, presplit, progress, offset_maps=True)
    with collector_paused(settle=True), NameLinker(document, split.fa, split.en, ahead=True) as linker:
        alignment = _aligned(split, progress)
        stage = f"linking names and checking {len(alignment.units):,} units"
        progress(stage, 0, 1)
        linked = linker.link(alignment.units)
    checked = _checked(alignment, linked, glossary)
    progress(stage, 1, 1)
    return checked
