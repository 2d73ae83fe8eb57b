"""Document pairing: which English page translates which Persian page, in a crawl or folders of pages.

    >>> from hamsu.pair import pair_inputs
    >>> reading, pairing = pair_inputs(["crawl.warc.gz"])          # doctest: +SKIP
    >>> [(p.fa.source, p.en.source, p.score) for p in pairing.pairs]  # doctest: +SKIP

The step Bitextor's document aligner takes: read the pages (crawl.py: WARC, folders, JSON lines;
pages.py: site boilerplate, language), describe each by keys both languages share (anchors.py:
numbers, dates across calendars, names, dictionary-translated words), then find candidates in an
inverted index, score them and choose a one-to-one set of pairs (match.py). `paired_documents`
turns pairs into Documents for the aligner, and `read_pairs_file` reads a pair list back (the
TSV `hamsu pair` writes, perhaps edited by hand).

Layering: this package reads (read/), keys words (align/), names (names/) and numbers and dates
(check/); nothing below the command line and the build imports it.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator

from ..errors import InputError
from ..records import EN, FA, Document
from .crawl import Reading, is_warc, read_inputs
from .match import DEFAULT_MIN_SCORE, Pair, Pairing, pair_pages
from .pages import Page, Unpaired

TSV_HEADER = "fa\ten\tscore\n"


def _quiet(_: str) -> None:
    pass


def pair_inputs(paths: list[str], min_score: float = DEFAULT_MIN_SCORE, progress=_quiet) -> tuple[Reading, Pairing]:
    """Read the inputs and pair their Persian and English pages."""
    reading = read_inputs(paths, progress)
    pairing = pair_pages(reading.pages, min_score, progress)
    return reading, pairing


def _languages(reading: Reading) -> str:
    counts = Counter(p.lang for p in reading.pages) + Counter(u.lang for u in reading.unpaired)
    return ", ".join(f"{lang} {n}" for lang, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _cell(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def pairs_tsv(pairs: list[Pair]) -> Iterator[str]:
    yield TSV_HEADER
    for p in pairs:
        yield f"{_cell(p.fa.source)}\t{_cell(p.en.source)}\t{p.score:.4f}\n"


def pairs_jsonl(pairs: list[Pair]) -> Iterator[str]:
    for p in pairs:
        record = {"fa": p.fa.source, "en": p.en.source, "score": p.score, "evidence": p.evidence}
        yield json.dumps(record, ensure_ascii=False) + "\n"


def unpaired_tsv(unpaired: list[Unpaired]) -> Iterator[str]:
    yield "source\tlanguage\treason\n"
    for u in unpaired:
        yield f"{_cell(u.source)}\t{u.lang}\t{_cell(u.reason)}\n"


def summary(reading: Reading, pairing: Pairing) -> list[str]:
    """Lines for standard error: pages read, languages, pairs, unpaired pages and why."""
    lines = [f"pages read: {reading.read} ({_languages(reading)})"]
    if reading.skipped:
        lines.append("records skipped: " + ", ".join(f"{r} {n}" for r, n in sorted(reading.skipped.items())))
    lines.append(f"pairs: {len(pairing.pairs)} (from {pairing.candidates} candidates)")
    unpaired = reading.unpaired + pairing.unpaired
    why = Counter(_reason_kind(u.reason) for u in unpaired)
    lines.append(f"unpaired pages: {len(unpaired)}" + (" (" + ", ".join(f"{r} {n}" for r, n in why.most_common()) + ")"
                                                        if why else ""))  # fmt: skip
    return lines


def pairing_counts(reading: Reading, pairing: Pairing) -> dict:
    """The counts a build's summary shows for a crawl: pages read, their languages, pairs, the
    unpaired pages by reason and the records that were no pages."""
    unpaired = reading.unpaired + pairing.unpaired
    languages = Counter(p.lang for p in reading.pages) + Counter(u.lang for u in reading.unpaired)
    return {
        "pages": reading.read,
        "languages": dict(sorted(languages.items())),
        "pairs": len(pairing.pairs),
        "unpaired": dict(sorted(Counter(_reason_kind(u.reason) for u in unpaired).items())),
        "records_skipped": dict(sorted(reading.skipped.items())),
    }


def _reason_kind(reason: str) -> str:
    """A reason without its particulars, for counting: "duplicate of X" → "duplicate"."""
    if reason.startswith("duplicate of"):
        return "duplicate"
    if reason.startswith("best score"):
        return "below the minimum score"
    return reason


# --- Pairs back in: `hamsu align --pairs` -----------------------------------------------------

def read_pairs_file(path: str) -> list[tuple[str, str]]:
    """(Persian source, English source) per line of a pair list; the header and a score column are
    optional, blank lines and lines starting with # are skipped."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from None
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: not valid UTF-8 at byte {e.start}") from None
    pairs = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.rstrip("\r").split("\t")
        if number == 1 and fields[0] == "fa":
            continue
        if len(fields) < 2 or not fields[0].strip() or not fields[1].strip():
            raise InputError(f"{path}:{number}: expected a Persian source, a tab and an English source")
        pairs.append((fields[0].strip(), fields[1].strip()))
    return pairs


def paired_documents(pairs: list[tuple[str, str]], pages: list[Page]) -> Iterator[Document]:
    """One two-text Document per pair, its pages looked up by source among `pages`; a source not
    among them is read as a file (a page saved on disk). Named "FA + EN", with the pages' URLs,
    titles and dates as metadata."""
    from ..read.pair import read_pair

    by_source = {p.source: p for p in pages}
    for fa_source, en_source in pairs:
        fa, en = _page(fa_source, by_source, FA), _page(en_source, by_source, EN)
        meta = (("format", "pair"),) + tuple((f"fa_{k}", v) for k, v in fa.meta()) + tuple(
            (f"en_{k}", v) for k, v in en.meta())  # fmt: skip
        yield read_pair(fa.text, en.text, f"{fa.source} + {en.source}", meta=meta)


def crawl_documents(
    paths: list[str], pairs_file: str | None = None, min_score: float = DEFAULT_MIN_SCORE, log=_quiet
) -> list[Document]:
    """The Documents `align`, `ingest` and `build` make of crawls: the pairs listed in `pairs_file`
    (pages looked up in `paths`, or read from the files the list names), or without a list the
    pairs `pair_inputs` finds, its warnings and counts passed to `log` line by line."""
    if pairs_file is not None:
        listed = read_pairs_file(pairs_file)
        pages = read_inputs(paths).pages if paths else []
    else:
        reading, pairing = pair_inputs(paths, min_score)
        for warning in reading.warnings:
            log(f"hamsu: warning: {warning}")
        for line in summary(reading, pairing):
            log(f"hamsu pair: {line}")
        listed = [(p.fa.source, p.en.source) for p in pairing.pairs]
        pages = [page for p in pairing.pairs for page in (p.fa, p.en)]
    return list(paired_documents(listed, pages))


def _page(source: str, by_source: dict[str, Page], lang: str) -> Page:
    page = by_source.get(source)
    if page is not None:
        return page
    import os

    if "://" in source or not os.path.isfile(source):
        raise InputError(f"{source}: not among the pages of the inputs (give the crawl or folder it comes from)")
    reading = read_inputs([source])
    if not reading.pages:
        why = reading.unpaired[0].reason if reading.unpaired else "no text"
        raise InputError(f"{source}: not a page to align ({why})")
    found = reading.pages[0]
    return Page(found.source, lang, found.text, found.title, found.url, found.date, found.crawl_date, found.site)


__all__ = [
    "DEFAULT_MIN_SCORE",
    "crawl_documents",
    "Page",
    "Pair",
    "Pairing",
    "Reading",
    "Unpaired",
    "is_warc",
    "pair_inputs",
    "pair_pages",
    "paired_documents",
    "pairs_jsonl",
    "pairing_counts",
    "pairs_tsv",
    "read_inputs",
    "read_pairs_file",
    "summary",
    "unpaired_tsv",
]
