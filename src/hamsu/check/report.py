"""`hamsu check` behind the command line: check what the inputs hold, then report the flags.

Inputs are documents (as `hamsu align` reads them), two files aligned line by line, or the JSON
lines `hamsu align` writes. Each document is checked on its own; flags that need the whole input
(the same Persian sentence translated two ways) follow once every document has been read.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from os import PathLike

from ..records import EN, FA, SEVERITIES, Checked, Flag
from ..terminal import shown
from .base import at_least, shorten

FORMATS = ("text", "jsonl")


@dataclass(frozen=True, slots=True)
class CheckedInput:
    """One checked document, and for aligned JSON lines where each unit came from."""

    checked: Checked
    jsonl: object | None = None  # hamsu.read.aligned.AlignedJsonl


def check_inputs(
    paths: Sequence[str | PathLike[str]],
    aligned: tuple[str | PathLike[str], str | PathLike[str]] | None = None,
    glossary: str | PathLike[str] | None = None,
    pair: bool | None = None,
    presplit: bool = False,
    encoding: str = "utf-8",
) -> Iterator[CheckedInput]:
    """Every input document aligned (unless it already is), its names linked and its units checked."""
    from ..api import read_documents
    from ..pipeline import check_document, process_document
    from ..read.aligned import is_aligned_jsonl, read_aligned_files, read_aligned_jsonl
    from ..read.files import read_text_file
    from ..read.table import JsonlReader, reader_by_suffix
    from . import load_glossary

    loaded = load_glossary(glossary) if glossary is not None else None
    if aligned is not None:
        yield CheckedInput(check_document(read_aligned_files(*aligned, encoding), loaded))
        return
    texts = {p: read_text_file(p, encoding) for p in paths if isinstance(reader_by_suffix(p), JsonlReader)}
    aligned_jsonl = {p for p, text in texts.items() if is_aligned_jsonl(text)}
    if not aligned_jsonl:
        for document in read_documents(paths, pair, presplit, encoding):
            yield CheckedInput(process_document(document, presplit=presplit, glossary=loaded))
        return
    for path in paths:
        if path in aligned_jsonl:
            for read in read_aligned_jsonl(texts[path], str(path)):
                yield CheckedInput(check_document(read.alignment, loaded), read)
        else:
            for document in read_documents([path], False, presplit, encoding):
                yield CheckedInput(process_document(document, presplit=presplit, glossary=loaded))


@dataclass
class Summary:
    """What a check run found, for the closing line and the exit code."""

    documents: int = 0
    units: int = 0
    severities: Counter = field(default_factory=Counter)

    def reaches(self, floor: str) -> bool:
        return any(at_least(severity, floor) for severity in self.severities)

    def line(self) -> str:
        total = sum(self.severities.values())
        counts = ", ".join(f"{self.severities[s]} {s}" for s in reversed(SEVERITIES) if self.severities[s])
        docs = f"{self.documents} document{'s' if self.documents != 1 else ''}"
        return (
            f"hamsu check: {total} flag{'s' if total != 1 else ''}"
            + (f" ({counts})" if counts else "")
            + (f" in {self.units} units of {docs}")
        )


def write_report(results: Iterable[CheckedInput], fmt: str, names: bool, state: dict) -> Iterator[str]:
    """The report, in chunks: flags (or with `names`, name tables) as text or JSON lines.

    `state["summary"]` holds the Summary as it grows, so the caller can decide the exit code.
    """
    from . import check_corpus

    summary = state["summary"] = Summary()
    seen: dict[str, CheckedInput] = {}
    for result in results:
        checked = result.checked
        summary.documents += 1
        summary.units += len(checked.alignment.units)
        summary.severities.update(f.severity for f in checked.flags)
        seen[checked.alignment.document.id] = result
        if names:
            yield from _name_table(checked, fmt)
        else:
            for flag in checked.flags:
                yield _flag_out(flag, result, fmt)
    corpus_flags = check_corpus(r.checked.alignment for r in seen.values())
    summary.severities.update(f.severity for f in corpus_flags)
    if not names:
        for flag in corpus_flags:
            yield _flag_out(flag, seen[flag.doc], fmt)


def _flag_out(flag: Flag, result: CheckedInput, fmt: str) -> str:
    from . import flag_record

    alignment = result.checked.alignment
    record = flag_record(flag)
    record["source"] = alignment.document.source
    if result.jsonl is not None and flag.unit is not None:
        place = result.jsonl.place  # type: ignore[attr-defined]
        record["line"] = result.jsonl.lines[flag.unit]  # type: ignore[attr-defined]
        record["fa_spans"] = [list(place(flag.unit, s, FA)) for s in flag.fa_spans]
        record["en_spans"] = [list(place(flag.unit, s, EN)) for s in flag.en_spans]
    if fmt == "jsonl":
        return json.dumps(record, ensure_ascii=False) + "\n"
    where = (
        f"line {record['line']}"
        if "line" in record
        else (f"unit {flag.unit + 1}" if flag.unit is not None else "document")
    )
    # The text view shows control characters of the text escaped (hamsu.terminal); JSON keeps them.
    out = f"{shown(alignment.document.source)}: {where}: {flag.severity} [{flag.rule}] {shown(flag.message)}\n"
    if flag.evidence:
        out += f"    evidence: {shown(flag.evidence)}\n"
    if flag.unit is not None:
        unit = alignment.units[flag.unit]
        fa = " ".join(alignment.fa[i].text for i in unit.fa)
        en = " ".join(alignment.en[i].text for i in unit.en)
        out += f"    fa: {shown(shorten(fa, 100)) or '—'}\n    en: {shown(shorten(en, 100)) or '—'}\n"
    return out


def _name_table(checked: Checked, fmt: str) -> Iterator[str]:
    from ..names import name_table

    document = checked.alignment.document
    rows = name_table(checked.alignment, checked.names)
    if fmt == "jsonl":
        for row in rows:
            yield json.dumps({"doc": document.id, "source": document.source, **row}, ensure_ascii=False) + "\n"
        return
    yield f"# {shown(document.source)}: {len(rows)} names\n"
    for row in rows:
        units = ",".join(str(u + 1) for u in row["units"])
        fa, en = shown(row["fa"] or "—"), shown(" | ".join(row["en"]) or "—")
        yield f"  {fa}  =  {en}   ×{row['count']}  units {units}\n"
