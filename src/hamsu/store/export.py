"""Stored documents back out: the Checked records they were ingested from, and any of the unit
formats (formats/units.py) for the whole corpus, some documents or the units of a search."""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import replace

from ..errors import InputError
from ..records import Alignment, Block, Checked, Document, Flag, Mention, NameLink, Sentence, Unit, UnitNames


def _spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((s, e) for s, e in json.loads(text))


def load_checked(conn: sqlite3.Connection, doc_id: int) -> Checked:
    """The Checked record a document was stored from: texts, blocks, sentences, units, names and flags."""
    row = conn.execute("SELECT ident, source, texts, meta FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        raise InputError(f"no document with id {doc_id} in the corpus")
    ident, source, texts_json, meta_json = tuple(row)
    texts = tuple(json.loads(texts_json))
    blocks = tuple(
        Block(lang, kind, start, end, source=src, reason=reason)
        for lang, kind, start, end, src, reason in conn.execute(
            'SELECT lang, kind, start, "end", source, reason FROM blocks WHERE doc_id = ? ORDER BY idx', (doc_id,)
        )
    )
    document = Document(ident, source, texts, blocks, tuple(json.loads(meta_json).items()))
    sentences: dict[str, list[Sentence]] = {"fa": [], "en": []}
    for lang, text, shifts, src, start, end, block in conn.execute(
        'SELECT lang, text, shifts, source, start, "end", block FROM sentences WHERE doc_id = ? ORDER BY lang, idx',
        (doc_id,),
    ):
        shown = texts[src][start:end] if text is None else text
        sentences[lang].append(Sentence(lang, shown, start, end, block, src, stored_shifts(lang, text, shifts)))
    unit_ids: list[int] = []
    units = []
    for uid, fa_ids, en_ids, score in conn.execute(
        "SELECT id, fa_ids, en_ids, score FROM units WHERE doc_id = ? ORDER BY idx", (doc_id,)
    ):
        unit_ids.append(uid)
        units.append(Unit(tuple(json.loads(fa_ids)), tuple(json.loads(en_ids)), score))
    position = {uid: i for i, uid in enumerate(unit_ids)}
    alignment = Alignment(document, tuple(sentences["fa"]), tuple(sentences["en"]), tuple(units))
    return Checked(alignment, _names(conn, doc_id, position), _flags(conn, doc_id, ident, position))


def stored_shifts(lang: str, text: str | None, shifts: str | None) -> tuple[int, ...] | None:
    """A sentence's offset map (Sentence.shifts) from its sentences row: a Persian sentence kept
    as the original slice (text NULL) has the identity map; None where a store made before
    version 3 did not keep it."""
    if shifts is not None:
        return tuple(int(n) for n in shifts.split())
    return () if text is None and lang == "fa" else None


def _mention(lang: str, text: str | None, start, end, source, kind) -> Mention | None:
    if text is None:
        return None
    return Mention(lang, text, start, end, source, kind)


def _names(conn: sqlite3.Connection, doc_id: int, position: dict[int, int]) -> tuple[UnitNames, ...]:
    found: list[tuple[list, list, list]] = [([], [], []) for _ in position]
    for row in conn.execute(
        "SELECT unit_id, fa, fa_start, fa_end, fa_source, fa_kind, en, en_start, en_end, en_source, en_kind,"
        " score, evidence FROM names WHERE doc_id = ? ORDER BY unit_id, idx",
        (doc_id,),
    ):
        row = tuple(row)
        unit_id, fa_cols, en_cols, score, evidence = row[0], row[1:6], row[6:11], row[11], row[12]
        fa, en = _mention("fa", *fa_cols), _mention("en", *en_cols)
        links, fa_only, en_only = found[position[unit_id]]
        if evidence == "fa_only":
            fa_only.append(fa)
        elif evidence == "en_only":
            en_only.append(en)
        else:
            links.append(NameLink(fa, en, score, evidence))
    return tuple(UnitNames(tuple(a), tuple(b), tuple(c)) for a, b, c in found)


def _flags(conn: sqlite3.Connection, doc_id: int, ident: str, position: dict[int, int]) -> tuple[Flag, ...]:
    return tuple(
        Flag(
            rule, severity, its_type, message, None if unit_id is None else position[unit_id],
            _spans(fa_spans), _spans(en_spans), score, ident, evidence,
        )
        for unit_id, rule, severity, its_type, message, fa_spans, en_spans, score, evidence in conn.execute(
            "SELECT unit_id, rule, severity, its_type, message, fa_spans, en_spans, score, evidence FROM flags"
            " WHERE doc_id = ? ORDER BY idx",
            (doc_id,),
        )
    )


def restrict(checked: Checked, keep: Sequence[int]) -> Checked:
    """The document with only the units at positions `keep` (in order), their names and flags;
    flags point at the units' new positions, document-level flags stay."""
    keep = sorted(set(keep))
    moved = {old: new for new, old in enumerate(keep)}
    alignment = checked.alignment
    flags = tuple(
        f if f.unit is None else replace(f, unit=moved[f.unit])
        for f in checked.flags
        if f.unit is None or f.unit in moved
    )
    return Checked(
        replace(alignment, units=tuple(alignment.units[i] for i in keep)),
        tuple(checked.names[i] for i in keep),
        flags,
    )


def _chunks(values: Sequence[int], size: int = 900) -> Iterator[Sequence[int]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _documents(
    conn: sqlite3.Connection, doc_ids: Sequence[int] | None, unit_ids: Sequence[int] | None
) -> Iterator[Checked]:
    if unit_ids is None:
        if doc_ids is None:
            ids = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY id")]
        else:
            ids = sorted(set(doc_ids))
        for doc_id in ids:
            yield load_checked(conn, doc_id)
        return
    wanted: dict[int, list[int]] = {}
    for chunk in _chunks(list(unit_ids)):
        marks = ",".join("?" * len(chunk))
        for doc_id, idx in conn.execute(f"SELECT doc_id, idx FROM units WHERE id IN ({marks})", chunk):
            wanted.setdefault(doc_id, []).append(idx)
    allowed = None if doc_ids is None else set(doc_ids)
    for doc_id in sorted(wanted):
        if allowed is None or doc_id in allowed:
            yield restrict(load_checked(conn, doc_id), wanted[doc_id])


def export_corpus(
    conn: sqlite3.Connection,
    fmt: str,
    doc_ids: Sequence[int] | None = None,
    unit_ids: Sequence[int] | None = None,
) -> Iterator[str]:
    """The corpus in format `fmt` (any in the table of hamsu.formats.writers()), as chunks of text:
    documents in id order, or only `doc_ids`; with `unit_ids`, only those units (e.g. a search's
    hits). Documents load one at a time, so memory stays one document's worth."""
    from ..formats import writers

    table = writers()
    if fmt not in table:
        raise InputError(f"format must be one of {', '.join(table)}, not {fmt!r}")
    return table[fmt].write(_documents(conn, doc_ids, unit_ids))
