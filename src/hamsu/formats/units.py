"""hamsu's own writers: a terminal view, vecalign beads, JSON lines, TSV and TMX 1.4b.

Each is a Writer (formats/base.py): pure, documents in and text chunks out, so the CLI, the store,
the web exports and the batch builder share them and only the caller touches files. A writer takes
Checked documents (alignment, names, flags) or bare Alignments (no names, no flags). The table of
every writer, these and the plugins', is formats/table.py.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence

from .. import __version__
from ..records import Alignment, Checked, Flag, Sentence, Unit, UnitNames
from ..terminal import shown
from .base import Documents, Writer, as_checked, checked_documents, flags_by_unit

# Characters XML 1.0 forbids: C0 controls but tab and line breaks, surrogates, U+FFFE/U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_CELL_BREAKS = re.compile(r"[\t\r\n]+")
# One encoder for every record: json.dumps with an option makes a new one for each call.
_JSON = json.JSONEncoder(ensure_ascii=False)


def unit_text(sentences: tuple[Sentence, ...], ids: tuple[int, ...]) -> str:
    return " ".join(sentences[i].text for i in ids)


def unit_spans(sentences: tuple[Sentence, ...], ids: tuple[int, ...]) -> list[list[int]]:
    return [[sentences[i].start, sentences[i].end] for i in ids]


def unit_flag_record(flag: Flag) -> dict:
    """A flag inside its unit's record: what `hamsu check --format jsonl` writes, less unit and doc."""
    from ..check import flag_record

    record = flag_record(flag)
    del record["unit"], record["doc"]
    return record


def unit_record(
    alignment: Alignment, unit: Unit, names: UnitNames | None = None, flags: Iterable[Flag] | None = None
) -> dict:
    """The JSON object of one unit: texts, sentence ids, confidence, spans into the original;
    with `names` and `flags`, the unit's name links and the flags the checks raised on it."""
    record = {
        "fa": unit_text(alignment.fa, unit.fa),
        "en": unit_text(alignment.en, unit.en),
        "fa_ids": list(unit.fa),
        "en_ids": list(unit.en),
        "score": round(unit.score, 4),
        "fa_spans": unit_spans(alignment.fa, unit.fa),
        "en_spans": unit_spans(alignment.en, unit.en),
    }
    if len(alignment.document.texts) > 1:
        # Two input files: say which file each side's spans point into.
        record["fa_source"] = alignment.fa[unit.fa[0]].source if unit.fa else 0
        record["en_source"] = alignment.en[unit.en[0]].source if unit.en else 1
    record["doc"] = alignment.document.id
    if names is not None:
        from ..names import names_record

        record["names"] = names_record(names)
    if flags is not None:
        record["flags"] = [unit_flag_record(f) for f in flags]
    return record


class JsonlWriter(Writer):
    name = "jsonl"
    media_type = "application/x-ndjson; charset=utf-8"
    suffix = ".jsonl"
    description = "JSON lines: one object per unit, with spans, names and flags"
    exchange = True

    def unit(self, alignment: Alignment, unit: Unit, names: UnitNames, flags: list[Flag]) -> str:
        return _JSON.encode(unit_record(alignment, unit, names, flags)) + "\n"


class BeadsWriter(Writer):
    """vecalign's format: `[i,j]:[k]:score`, Persian ids first, 0-based."""

    name = "beads"
    suffix = ".beads"
    description = "vecalign beads: [i,j]:[k]:score, sentence ids only"
    carries_checks = False

    def unit(self, alignment: Alignment, unit: Unit, names: UnitNames, flags: list[Flag]) -> str:
        fa = ",".join(map(str, unit.fa))
        en = ",".join(map(str, unit.en))
        return f"[{fa}]:[{en}]:{unit.score:.4f}\n"


def _cell(text: str) -> str:
    return _CELL_BREAKS.sub(" ", text)


def flag_summary(flags: Iterable[Flag]) -> str:
    """`rule:severity` of each flag, comma-separated: for a TSV cell or a TMX prop."""
    return ",".join(f"{f.rule}:{f.severity}" for f in flags)


def flag_evidence(flags: Sequence[Flag]) -> str:
    """The evidence of each flag, as a JSON array in the order of flag_summary's items ("" for a
    flag without any), or nothing when no flag has evidence: for a TSV cell."""
    if not any(f.evidence for f in flags):
        return ""
    return _JSON.encode([f.evidence for f in flags])


class TsvWriter(Writer):
    name = "tsv"
    media_type = "text/tab-separated-values; charset=utf-8"
    suffix = ".tsv"
    description = "TSV with a header: fa, en, score, ids, doc, flags, evidence"
    exchange = True

    def header(self) -> str:
        return "fa\ten\tscore\tfa_ids\ten_ids\tdoc\tflags\tevidence\n"

    def unit(self, alignment: Alignment, unit: Unit, names: UnitNames, flags: list[Flag]) -> str:
        doc = _cell(alignment.document.id)
        fa, en = unit_text(alignment.fa, unit.fa), unit_text(alignment.en, unit.en)
        ids = (",".join(map(str, unit.fa)), ",".join(map(str, unit.en)))
        return (f"{_cell(fa)}\t{_cell(en)}\t{unit.score:.4f}\t{ids[0]}\t{ids[1]}\t{doc}\t{flag_summary(flags)}"
                f"\t{_cell(flag_evidence(flags))}\n")  # fmt: skip


# xml.sax.saxutils is imported where TMX is written: it brings urllib and http.client with it,
# a few hundredths of a second of every other command's start-up.
def _xml(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(_XML_ILLEGAL.sub("\ufffd", text))


def _prop(kind: str, value: str) -> str:
    from xml.sax.saxutils import quoteattr

    return f'    <prop type={quoteattr("x-" + kind)}>{_xml(value)}</prop>\n'


class TmxWriter(Writer):
    """TMX 1.4b: one <tu> per unit with text on both sides; nulls stay in the other formats."""

    name = "tmx"
    media_type = "application/x-tmx+xml; charset=utf-8"
    suffix = ".tmx"
    description = "TMX 1.4b: a <tu> per unit with both sides, names and flags as props"
    exchange = True

    def header(self) -> str:
        from xml.sax.saxutils import quoteattr

        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">\n'
            f'  <header creationtool="hamsu" creationtoolversion={quoteattr(__version__)} segtype="sentence"'
            ' o-tmf="hamsu" adminlang="en" srclang="fa" datatype="plaintext"/>\n  <body>\n'
        )

    def footer(self) -> str:
        return "  </body>\n</tmx>\n"

    def unit(self, alignment: Alignment, unit: Unit, names: UnitNames, flags: list[Flag]) -> str:
        if not unit.fa or not unit.en:
            return ""
        url = alignment.document.metadata().get("url")
        out = ["  <tu>\n", _prop("score", f"{unit.score:.4f}"), _prop("document", alignment.document.id)]
        if url:
            out.append(_prop("url", url))
        out += [_prop("fa-ids", ",".join(map(str, unit.fa))), _prop("en-ids", ",".join(map(str, unit.en)))]
        for flag in flags:
            out.append(_prop("flag", f"{flag.rule}:{flag.severity}: {flag.message}"))
            if flag.evidence:  # right after its flag, named by its rule
                out.append(_prop("flag-evidence", f"{flag.rule}: {flag.evidence}"))
        for link in names.links:
            out.append(_prop("name", f"{link.fa.text} = {link.en.text}"))
        for lang, sentences, ids in (("fa", alignment.fa, unit.fa), ("en", alignment.en, unit.en)):
            out.append(f'    <tuv xml:lang="{lang}"><seg>{_xml(unit_text(sentences, ids))}</seg></tuv>\n')
        out.append("  </tu>\n")
        return "".join(out)


class TextWriter(Writer):
    """A readable view for the terminal: each unit's Persian and English on lines of their own,
    then its names and flags; each document headed by its source, its boilerplate after it. Control
    characters of the text are shown escaped (hamsu.terminal)."""

    name = "text"
    suffix = ".txt"
    description = "a readable view for the terminal, boilerplate included"

    def document(self, checked: Checked) -> Iterator[str]:
        alignment = checked.alignment
        yield f"# {shown(alignment.document.source)}  ({len(alignment.units)} units)\n"
        for n, (unit, names, flags) in enumerate(zip(alignment.units, checked.names, flags_by_unit(checked)), 1):
            yield f"[{n}] score {unit.score:.2f}  fa {list(unit.fa)}  en {list(unit.en)}\n"
            yield f"  fa: {shown(unit_text(alignment.fa, unit.fa)) or '—'}\n"
            yield f"  en: {shown(unit_text(alignment.en, unit.en)) or '—'}\n"
            if names.links:
                yield "  names: " + shown("; ".join(f"{link.fa.text} = {link.en.text}" for link in names.links)) + "\n"
            for flag in flags:
                yield f"  flag {flag.severity} {flag.rule}: {shown(flag.message)}\n"
                if flag.evidence:
                    yield f"    evidence: {shown(flag.evidence)}\n"
        document = alignment.document
        for block in document.blocks:
            if block.kind == "boilerplate":
                text = " ".join(document.texts[block.source][block.start : block.end].split())
                yield f"boilerplate ({block.reason}): {shown(text)}\n"
        yield "\n"


# hamsu's own writers, in the order every listing shows them (--format, the web's export links, the
# shards a build writes by default: the exchange formats TMX, TSV, JSON lines). Adding one is its
# class and a line here; another package's are entry points in the group `hamsu.formats`.
BUILTIN_WRITERS: tuple[Writer, ...] = (TextWriter(), BeadsWriter(), TmxWriter(), TsvWriter(), JsonlWriter())

write_text, write_beads, write_tmx, write_tsv, write_jsonl = (w.write for w in BUILTIN_WRITERS)

__all__ = [
    "BUILTIN_WRITERS",
    "BeadsWriter",
    "Documents",
    "JsonlWriter",
    "TextWriter",
    "TmxWriter",
    "TsvWriter",
    "as_checked",
    "checked_documents",
    "flag_evidence",
    "flag_summary",
    "flags_by_unit",
    "unit_flag_record",
    "unit_record",
    "unit_spans",
    "unit_text",
    "write_beads",
    "write_jsonl",
    "write_text",
    "write_tmx",
    "write_tsv",
]
