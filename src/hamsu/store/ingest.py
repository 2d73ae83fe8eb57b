"""Writing one checked document into the store, and taking one out: rows only, no transactions.

The Store (store/db.py) wraps each call in a transaction; everything here runs inside it.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from ..formats.units import unit_spans, unit_text
from ..matching import ARABIC_MARKS, ZWNJ
from ..names.translit import latin_key, romanization_fold_fa, romanization_skeleton_fa
from ..read.document import document_id
from ..records import SEVERITIES, Checked, Document, Mention, Sentence
from .fold import en_stem, en_words, fa_tokens, fa_tokens_of_words, fa_words, search_fold_fa


def document_key(document: Document) -> str:
    """The identity a document is stored under; a new version with the same key replaces the old.

    An id given with the document (a JSON-lines "id") is its key. Otherwise a document that is a
    whole file (text, HTML, a file pair) is keyed by where it was read from, so an edited file
    replaces its old version; a JSON-lines record without an id is keyed by its content id, as
    its line number changes whenever lines are added above it.
    """
    if document.id != document_id(document.texts):
        return document.id
    if document.metadata().get("format") == "jsonl":
        return document.id
    return document.source


PAIR_JOIN = " + "  # how a file pair's source names its two files (hamsu.read.read_pair_paths)


def file_key(document: Document) -> str:
    """document_key, with a document that is a whole file keyed by the file's resolved absolute
    path (a pair: both files'), so that seed.txt and /abs/path/seed.txt are one document. Made
    where the file was read: a relative path resolves against that process's working folder."""
    key = document_key(document)
    if key != document.source:
        return key
    parts = key.split(PAIR_JOIN, 1) if document.metadata().get("format") == "pair" else [key]
    return PAIR_JOIN.join(os.path.realpath(part) for part in parts)


def content_hash(document: Document) -> str:
    """What decides "unchanged": the texts, how they were read into blocks, and the metadata.

    Not the later stages: re-ingesting the same input with another glossary or a newer aligner
    keeps the stored version unless forced (`hamsu ingest --force`).
    """
    blocks = [[b.lang, b.kind, b.start, b.end, b.source, b.reason] for b in document.blocks]
    payload = json.dumps([list(document.texts), blocks, list(map(list, document.meta))], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def dedup_key(fa: str, en: str) -> str:
    """Hash of a unit's near-duplicate key: the Persian words with letters, digits and half-spaces
    folded (endings kept: a plural is another sentence) and the English words in lower case,
    each joined by single spaces, so case, punctuation, digit script and spacing do not count.
    """
    return _dedup(fa_words(fa), en_words(en))


def _dedup(fa_words: list[str], en_words: list[str]) -> str:
    key = " ".join(fa_words) + "\t" + " ".join(en_words)
    return hashlib.blake2b(key.encode("utf-8"), digest_size=16).hexdigest()


_MARKS = re.compile(f"[{ARABIC_MARKS}]")


def name_term_rows(forms: Iterable[str]) -> Iterator[tuple[str, str, str]]:
    """(term, form, skeleton) for each Persian word of the name forms (see name_terms in schema.sql)."""
    for form in forms:
        for word in re.split(rf"[\s{ZWNJ}]+", form):
            shown = _MARKS.sub("", word)
            for term in fa_tokens(word):
                if len(term) < 2 or term.isascii():
                    continue
                skel = "".join(sorted(romanization_skeleton_fa(romanization_fold_fa(shown).strip())))
                if skel:
                    yield term, shown, skel


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_json = _ENCODER.encode


def _title(document: Document) -> str:
    meta = document.metadata()
    if meta.get("title"):
        return meta["title"]
    for block in document.blocks:
        if block.kind == "title":
            return " ".join(document.texts[block.source][block.start : block.end].split())
    return ""


def _next_id(conn: sqlite3.Connection, table: str) -> int:
    # Ids are assigned here so that units, their index rows and their flags go in with
    # executemany; AUTOINCREMENT keeps sqlite_sequence at the highest id ever used.
    row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
    return (row[0] if row else 0) + 1


def _mention_columns(m: Mention | None) -> tuple:
    if m is None:
        return None, None, None, None, None
    return m.text, m.start, m.end, m.source, m.kind


class DocumentRows(NamedTuple):
    """A checked document as the rows the store keeps, without the ids the database assigns when
    they are written (a unit is named by its index in the document). Making them is the work;
    writing them is a few INSERTs. `hamsu build`'s workers make them, so its one writer only writes.
    Tuples of strings and numbers: they pickle in C on their way from a worker."""

    key: str  # document_key
    digest: str  # content_hash
    document: tuple  # the other columns of the documents row, in write_rows's order
    blocks: tuple[tuple, ...]
    sentences: tuple[tuple, ...]
    units: tuple[tuple, ...]  # columns after id and doc_id
    search: tuple[tuple[str, str], ...]  # each unit's fa and en for units_fts
    flags: tuple[tuple, ...]  # (idx, unit index or None, rule, severity, its_type, message, spans, score, evidence)
    names: tuple[tuple, ...]  # (unit index, idx, fa, en, ...)
    name_terms: tuple[tuple[str, str, str], ...]


def _sentence_text(sentence: Sentence, texts: tuple[str, ...]) -> tuple[str | None, str | None]:
    """(text, shifts) as the sentences table keeps them: both NULL when the text is the original
    slice unchanged (all English), else the text and its offset map, if it was kept."""
    if texts[sentence.source][sentence.start : sentence.end] == sentence.text:
        return None, None
    shifts = sentence.shifts
    return sentence.text, None if shifts is None else " ".join(map(str, shifts))


def document_rows(checked: Checked, key: str | None = None) -> DocumentRows:
    """Everything write_rows stores for a checked document, under `key` (default document_key)."""
    alignment = checked.alignment
    document = alignment.document
    meta = document.metadata()
    units = alignment.units
    texts = document.texts
    head = (document.id, document.source, _json(list(texts)), _json(meta), _title(document), meta.get("url", ""),
            meta.get("date", ""), len(units), len(checked.flags))  # fmt: skip
    blocks = tuple((i, b.lang, b.kind, b.source, b.start, b.end, b.reason) for i, b in enumerate(document.blocks))
    sentences = tuple(
        (s.lang, i, *_sentence_text(s, texts), s.source, s.start, s.end, s.block)
        for side in (alignment.fa, alignment.en)
        for i, s in enumerate(side)
    )
    severity = {name: rank for rank, name in enumerate(SEVERITIES)}
    unit_flags: list[list[str]] = [[] for _ in units]
    for flag in checked.flags:
        if flag.unit is not None:
            unit_flags[flag.unit].append(flag.severity)
    unit_rows, search_rows = [], []
    for i, unit in enumerate(units):
        fa, en = unit_text(alignment.fa, unit.fa), unit_text(alignment.en, unit.en)
        # Words once, for both the duplicate key and the search form.
        fa_w, en_w = fa_words(fa), en_words(en)
        worst = max(unit_flags[i], key=lambda s: severity.get(s, -1), default="")
        unit_rows.append(
            (i, fa, en, _json(list(unit.fa)), _json(list(unit.en)), _json(unit_spans(alignment.fa, unit.fa)),
             _json(unit_spans(alignment.en, unit.en)), unit.score, len(unit_flags[i]), worst, _dedup(fa_w, en_w))
        )  # fmt: skip
        search_rows.append((" ".join(fa_tokens_of_words(fa_w)), " ".join(map(en_stem, en_w))))
    flags = tuple(
        (k, f.unit, f.rule, f.severity, f.its_type, f.message, _json([list(s) for s in f.fa_spans]),
         _json([list(s) for s in f.en_spans]), f.score, f.evidence)
        for k, f in enumerate(checked.flags)
    )  # fmt: skip
    names, forms = _name_rows(checked)
    return DocumentRows(key or document_key(document), content_hash(document), head, blocks, sentences,
                        tuple(unit_rows), tuple(search_rows), flags, names,
                        tuple(name_term_rows(sorted(forms))))  # fmt: skip


def _name_rows(checked: Checked) -> tuple[tuple[tuple, ...], set[str]]:
    rows = []
    forms = set()
    for i, names in enumerate(checked.names):
        entries = [(link.fa, link.en, link.score, link.evidence) for link in names.links]
        entries += [(m, None, 0.0, "fa_only") for m in names.fa_only]
        entries += [(None, m, 0.0, "en_only") for m in names.en_only]
        for k, (fa, en, score, evidence) in enumerate(entries):
            fa_cols, en_cols = _mention_columns(fa), _mention_columns(en)
            rows.append(
                (i, k, fa_cols[0], en_cols[0], search_fold_fa(fa.text) if fa else "", latin_key(en.text) if en else "",
                 *fa_cols[1:], *en_cols[1:], score, evidence)
            )  # fmt: skip
            if fa is not None:
                forms.add(fa.text)
    return tuple(rows), forms


def write_rows(conn: sqlite3.Connection, rows: DocumentRows) -> int:
    """Insert a document's rows, numbering its units after the highest unit id; returns its id."""
    cursor = conn.execute(
        "INSERT INTO documents(doc_key, content_hash, ident, source, texts, meta, title, url, date, n_units, n_flags)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (rows.key, rows.digest, *rows.document),
    )
    doc_id = cursor.lastrowid
    conn.executemany(
        'INSERT INTO blocks(doc_id, idx, lang, kind, source, start, "end", reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [(doc_id, *row) for row in rows.blocks],
    )
    conn.executemany(
        'INSERT INTO sentences(doc_id, lang, idx, text, shifts, source, start, "end", block)'
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(doc_id, *row) for row in rows.sentences],
    )
    first = _next_id(conn, "units")
    conn.executemany(
        "INSERT INTO units(id, doc_id, idx, fa, en, fa_ids, en_ids, fa_spans, en_spans, score, n_flags, worst, dedup)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(first + row[0], doc_id, *row) for row in rows.units],
    )
    conn.executemany(
        "INSERT INTO units_fts(rowid, fa, en) VALUES (?, ?, ?)",
        [(first + i, fa, en) for i, (fa, en) in enumerate(rows.search)],
    )
    conn.executemany(
        "INSERT INTO flags(doc_id, idx, unit_id, rule, severity, its_type, message, fa_spans, en_spans, score,"
        " evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(doc_id, row[0], None if row[1] is None else first + row[1], *row[2:]) for row in rows.flags],
    )
    _write_names(conn, rows, doc_id, first)
    return doc_id


def _write_names(conn: sqlite3.Connection, rows: DocumentRows, doc_id: int, first: int) -> None:
    conn.executemany(
        "INSERT INTO names(doc_id, unit_id, idx, fa, en, fa_key, en_key, fa_start, fa_end, fa_source, fa_kind,"
        " en_start, en_end, en_source, en_kind, score, evidence)"
        f" VALUES ({', '.join('?' * 17)})",
        [(doc_id, first + row[0], *row[1:]) for row in rows.names],
    )
    conn.executemany("INSERT OR IGNORE INTO name_terms(term, form, skel) VALUES (?, ?, ?)", rows.name_terms)


def delete_document(conn: sqlite3.Connection, doc_id: int) -> None:
    """Remove a document and everything found in it (rows cascade; the index is not a table
    foreign keys reach, so its rows go by hand)."""
    conn.execute("DELETE FROM units_fts WHERE rowid IN (SELECT id FROM units WHERE doc_id = ?)", (doc_id,))
    conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
