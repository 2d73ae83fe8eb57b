"""The report of `hamsu check`: the flags (or name tables) of checked documents, as text or JSON
lines, and a summary for the closing line and the exit code.

Each document's flags come as it is checked; flags that need the whole input (the same Persian
sentence translated two ways) follow once every document has been seen. Reading and checking the
inputs is the command's part (hamsu.commands.text.check_inputs): this module reads no files.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..records import EN, FA, SEVERITIES, Checked, Flag
from ..terminal import shown
from .base import at_least, shorten

FORMATS = ("text", "jsonl")


@dataclass(frozen=True, slots=True)
class CheckedInput:
    """One checked document, and for aligned JSON lines where each unit came from."""

    checked: Checked
    jsonl: object | None = None  # hamsu.read.aligned.AlignedJsonl


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
