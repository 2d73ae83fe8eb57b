"""Aligned units out: a terminal view, vecalign beads, JSON lines, TSV and TMX 1.4b.

Every writer is a pure function from documents to text (an iterator of chunks), so the CLI,
the store and the batch builder share them and only the caller touches files. A writer takes
Checked documents (alignment, names, flags) or bare Alignments (no names, no flags).
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from xml.sax.saxutils import escape, quoteattr

from .. import __version__
from ..records import Alignment, Checked, Flag, Sentence, Unit, UnitNames
from ..terminal import shown

FORMATS = ("text", "beads", "jsonl", "tsv", "tmx")
# Characters XML 1.0 forbids: C0 controls but tab and line breaks, surrogates, U+FFFE/U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_CELL_BREAKS = re.compile(r"[\t\r\n]+")


def unit_text(sentences: tuple[Sentence, ...], ids: tuple[int, ...]) -> str:
    return " ".join(sentences[i].text for i in ids)


def unit_spans(sentences: tuple[Sentence, ...], ids: tuple[int, ...]) -> list[list[int]]:
    return [[sentences[i].start, sentences[i].end] for i in ids]


Documents = Iterable[Alignment | Checked]


def as_checked(item: Alignment | Checked) -> Checked:
    if isinstance(item, Checked):
        return item
    return Checked(item, tuple(UnitNames() for _ in item.units), ())


def checked_documents(items: Documents) -> Iterator[Checked]:
    for item in items:
        yield as_checked(item)


def flags_by_unit(checked: Checked) -> list[list[Flag]]:
    """The flags of each unit, in unit order (document-level flags are not in any)."""
    found: list[list[Flag]] = [[] for _ in checked.alignment.units]
    for flag in checked.flags:
        if flag.unit is not None:
            found[flag.unit].append(flag)
    return found


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


def write_jsonl(documents: Documents) -> Iterator[str]:
    for checked in checked_documents(documents):
        alignment = checked.alignment
        for unit, names, flags in zip(alignment.units, checked.names, flags_by_unit(checked)):
            yield json.dumps(unit_record(alignment, unit, names, flags), ensure_ascii=False) + "\n"


def write_beads(documents: Documents) -> Iterator[str]:
    """vecalign's format: `[i,j]:[k]:score`, Persian ids first, 0-based."""
    for checked in checked_documents(documents):
        for unit in checked.alignment.units:
            fa = ",".join(map(str, unit.fa))
            en = ",".join(map(str, unit.en))
            yield f"[{fa}]:[{en}]:{unit.score:.4f}\n"


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
    return json.dumps([f.evidence for f in flags], ensure_ascii=False)


def write_tsv(documents: Documents) -> Iterator[str]:
    yield "fa\ten\tscore\tfa_ids\ten_ids\tdoc\tflags\tevidence\n"
    for checked in checked_documents(documents):
        alignment = checked.alignment
        doc = _cell(alignment.document.id)
        for unit, flags in zip(alignment.units, flags_by_unit(checked)):
            fa, en = unit_text(alignment.fa, unit.fa), unit_text(alignment.en, unit.en)
            ids = (",".join(map(str, unit.fa)), ",".join(map(str, unit.en)))
            yield (f"{_cell(fa)}\t{_cell(en)}\t{unit.score:.4f}\t{ids[0]}\t{ids[1]}\t{doc}\t{flag_summary(flags)}"
                   f"\t{_cell(flag_evidence(flags))}\n")  # fmt: skip


def _xml(text: str) -> str:
    return escape(_XML_ILLEGAL.sub("\ufffd", text))


def _prop(kind: str, value: str) -> str:
    return f'    <prop type={quoteattr("x-" + kind)}>{_xml(value)}</prop>\n'


def write_tmx(documents: Documents) -> Iterator[str]:
    """TMX 1.4b: one <tu> per unit with text on both sides; nulls stay in the other formats."""
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">\n'
    yield (
        f'  <header creationtool="hamsu" creationtoolversion={quoteattr(__version__)} segtype="sentence"'
        ' o-tmf="hamsu" adminlang="en" srclang="fa" datatype="plaintext"/>\n  <body>\n'
    )
    for checked in checked_documents(documents):
        alignment = checked.alignment
        meta = alignment.document.metadata()
        for unit, names, flags in zip(alignment.units, checked.names, flags_by_unit(checked)):
            if not unit.fa or not unit.en:
                continue
            yield "  <tu>\n"
            yield _prop("score", f"{unit.score:.4f}")
            yield _prop("document", alignment.document.id)
            if meta.get("url"):
                yield _prop("url", meta["url"])
            yield _prop("fa-ids", ",".join(map(str, unit.fa)))
            yield _prop("en-ids", ",".join(map(str, unit.en)))
            for flag in flags:
                yield _prop("flag", f"{flag.rule}:{flag.severity}: {flag.message}")
                if flag.evidence:  # right after its flag, named by its rule
                    yield _prop("flag-evidence", f"{flag.rule}: {flag.evidence}")
            for link in names.links:
                yield _prop("name", f"{link.fa.text} = {link.en.text}")
            for lang, sentences, ids in (("fa", alignment.fa, unit.fa), ("en", alignment.en, unit.en)):
                yield f'    <tuv xml:lang="{lang}"><seg>{_xml(unit_text(sentences, ids))}</seg></tuv>\n'
            yield "  </tu>\n"
    yield "  </body>\n</tmx>\n"


def write_text(documents: Documents) -> Iterator[str]:
    """A readable view for the terminal: each unit's Persian and English on lines of their own,
    then its names and flags. Control characters of the text are shown escaped (hamsu.terminal)."""
    for checked in checked_documents(documents):
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


WRITERS = {"text": write_text, "beads": write_beads, "jsonl": write_jsonl, "tsv": write_tsv, "tmx": write_tmx}
