"""Read-only SQL for the web reader and the API, against store/schema.sql (every SQL statement of
hamsu lives in store/; the web app only calls these functions).

Every statement here is a constant string with `?` parameters: no value is ever formatted into
SQL. Each function takes a sqlite3 connection opened read-only (connect_readonly) and returns
plain dicts and lists, ready for the templates and the API models.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from .export import stored_shifts

HISTOGRAM_BINS = 10  # unit scores in [0, 1], bins of 0.1 (a score of 1.0 falls in the last)


def connect_readonly(path: str | Path) -> sqlite3.Connection:
    """A read-only connection to the corpus (SQLite refuses every write on it)."""
    from .db import connect_readonly as connect  # opens a read-only file or medium too

    conn = connect(Path(path).resolve(), check_same_thread=False, timeout=10.0)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA query_only = 1")
    return conn


def table_names(conn: sqlite3.Connection) -> set[str]:
    """The tables of the database (to tell a corpus from another SQLite file)."""
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def document_counts(conn: sqlite3.Connection, doc_key: str) -> sqlite3.Row | None:
    """id, n_units and n_flags of the document stored under `doc_key`, or None."""
    return conn.execute("SELECT id, n_units, n_flags FROM documents WHERE doc_key = ?", (doc_key,)).fetchone()


def _spans(value: str | None) -> list[list[int]]:
    return json.loads(value) if value else []


def _count(conn: sqlite3.Connection, sql: str, params: tuple = ()) -> int:
    return int(conn.execute(sql, params).fetchone()[0])


# --- corpus overview ------------------------------------------------------------------------------


def overview(conn: sqlite3.Connection) -> dict[str, Any]:
    """Counts, flags by rule and severity, and a histogram of unit scores."""
    row = conn.execute(
        """SELECT (SELECT count(*) FROM documents),
                  (SELECT count(*) FROM units),
                  (SELECT count(*) FROM sentences),
                  (SELECT count(*) FROM names),
                  (SELECT count(*) FROM flags),
                  (SELECT count(*) FROM units WHERE fa = '' OR en = ''),
                  (SELECT avg(score) FROM units)"""
    ).fetchone()
    by_rule = [
        {"rule": r[0], "severity": r[1], "count": r[2]}
        for r in conn.execute(
            "SELECT rule, severity, count(*) AS n FROM flags GROUP BY rule, severity ORDER BY n DESC, rule, severity"
        )
    ]
    return {
        "documents": row[0],
        "units": row[1],
        "sentences": row[2],
        "names": row[3],
        "flags": row[4],
        "null_units": row[5],
        "mean_score": round(row[6], 4) if row[6] is not None else None,
        "flags_by_rule": by_rule,
        "score_histogram": score_histogram(conn),
    }


def score_histogram(conn: sqlite3.Connection, bins: int = HISTOGRAM_BINS) -> list[dict[str, Any]]:
    counts = [0] * bins
    for b, n in conn.execute(
        "SELECT min(max(CAST(score * ? AS INTEGER), 0), ? - 1) AS b, count(*) FROM units GROUP BY b", (bins, bins)
    ):
        counts[b] = n
    return [{"lo": round(i / bins, 4), "hi": round((i + 1) / bins, 4), "count": n} for i, n in enumerate(counts)]


# --- documents ------------------------------------------------------------------------------------

_DOC_COLUMNS = "id, doc_key, title, url, date, source, n_units, n_flags"


def _document(row: sqlite3.Row) -> dict[str, Any]:
    return {k: row[k] for k in ("id", "doc_key", "title", "url", "date", "source", "n_units", "n_flags")}


def count_documents(conn: sqlite3.Connection) -> int:
    return _count(conn, "SELECT count(*) FROM documents")


def list_documents(conn: sqlite3.Connection, limit: int, offset: int) -> list[dict[str, Any]]:
    rows = conn.execute(f"SELECT {_DOC_COLUMNS} FROM documents ORDER BY id LIMIT ? OFFSET ?", (limit, offset))
    return [_document(r) for r in rows]


def get_document(conn: sqlite3.Connection, doc_id: int) -> dict[str, Any] | None:
    """One document with its metadata, or None."""
    row = conn.execute(
        f"SELECT {_DOC_COLUMNS}, meta, content_hash, ingested FROM documents WHERE id = ?", (doc_id,)
    ).fetchone()
    if row is None:
        return None
    doc = _document(row)
    meta = json.loads(row["meta"] or "{}")
    doc["meta"] = {str(k): v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for k, v in meta.items()}
    doc["content_hash"] = row["content_hash"]
    doc["ingested"] = row["ingested"]
    return doc


def document_texts(conn: sqlite3.Connection, doc_id: int) -> list[str]:
    row = conn.execute("SELECT texts FROM documents WHERE id = ?", (doc_id,)).fetchone()
    return json.loads(row[0]) if row else []


def blocks(conn: sqlite3.Connection, doc_id: int) -> list[dict[str, Any]]:
    rows = conn.execute(
        'SELECT idx, lang, kind, source, start, "end", reason FROM blocks WHERE doc_id = ? ORDER BY idx', (doc_id,)
    )
    return [dict(r) for r in rows]


def sentences(conn: sqlite3.Connection, doc_id: int) -> list[dict[str, Any]]:
    rows = conn.execute(
        'SELECT lang, idx, text, shifts, source, start, "end", block FROM sentences'
        " WHERE doc_id = ? ORDER BY lang, idx",
        (doc_id,),
    )
    return [_sentence(r) for r in rows]


def _sentence(row: sqlite3.Row) -> dict[str, Any]:
    """A sentences row, its shifts as numbers (see store.export.stored_shifts)."""
    out = dict(row)
    out["shifts"] = stored_shifts(out["lang"], out["text"], out["shifts"])
    return out


# --- units ----------------------------------------------------------------------------------------

_UNIT_COLUMNS = "id, doc_id, idx, fa, en, fa_ids, en_ids, fa_spans, en_spans, score, n_flags, worst"


def _unit(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "doc_id": row["doc_id"],
        "idx": row["idx"],
        "fa": row["fa"],
        "en": row["en"],
        "fa_ids": json.loads(row["fa_ids"]),
        "en_ids": json.loads(row["en_ids"]),
        "fa_spans": _spans(row["fa_spans"]),
        "en_spans": _spans(row["en_spans"]),
        "score": row["score"],
        "n_flags": row["n_flags"],
        "worst": row["worst"],
    }


def count_units(conn: sqlite3.Connection, doc_id: int) -> int:
    return _count(conn, "SELECT count(*) FROM units WHERE doc_id = ?", (doc_id,))


def units(conn: sqlite3.Connection, doc_id: int, limit: int = -1, offset: int = 0) -> list[dict[str, Any]]:
    """The units of a document in order (limit -1: all of them)."""
    rows = conn.execute(
        f"SELECT {_UNIT_COLUMNS} FROM units WHERE doc_id = ? ORDER BY idx LIMIT ? OFFSET ?", (doc_id, limit, offset)
    )
    return [_unit(r) for r in rows]


def count_null_units(conn: sqlite3.Connection, doc_id: int) -> int:
    return _count(conn, "SELECT count(*) FROM units WHERE doc_id = ? AND (fa = '' OR en = '')", (doc_id,))


def blocks_with_sentences(conn: sqlite3.Connection, doc_id: int) -> set[int]:
    return {r[0] for r in conn.execute("SELECT DISTINCT block FROM sentences WHERE doc_id = ?", (doc_id,))}


def sentences_between(conn: sqlite3.Connection, doc_id: int, lang: str, first: int, last: int) -> list[dict[str, Any]]:
    """The sentences of one side with first <= idx <= last, in order."""
    rows = conn.execute(
        'SELECT lang, idx, text, shifts, source, start, "end", block FROM sentences'
        " WHERE doc_id = ? AND lang = ? AND idx BETWEEN ? AND ? ORDER BY idx",
        (doc_id, lang, first, last),
    )
    return [_sentence(r) for r in rows]


def get_unit(conn: sqlite3.Connection, unit_id: int) -> dict[str, Any] | None:
    row = conn.execute(f"SELECT {_UNIT_COLUMNS} FROM units WHERE id = ?", (unit_id,)).fetchone()
    return _unit(row) if row else None


# --- names ----------------------------------------------------------------------------------------

_NAME_COLUMNS = "id, doc_id, unit_id, fa, en, fa_start, fa_end, en_start, en_end, fa_kind, en_kind, score, evidence"


def _name(row: sqlite3.Row) -> dict[str, Any]:
    out = {k: row[k] for k in ("id", "doc_id", "unit_id", "fa", "en", "score", "evidence")}
    out["fa_span"] = [row["fa_start"], row["fa_end"]] if row["fa_start"] is not None else None
    out["en_span"] = [row["en_start"], row["en_end"]] if row["en_start"] is not None else None
    out["kind"] = row["fa_kind"] or row["en_kind"] or "name"
    return out


def document_names(conn: sqlite3.Connection, doc_id: int) -> list[dict[str, Any]]:
    rows = conn.execute(f"SELECT {_NAME_COLUMNS} FROM names WHERE doc_id = ? ORDER BY unit_id, idx", (doc_id,))
    return [_name(r) for r in rows]


def names_of_units(conn: sqlite3.Connection, doc_id: int, first_idx: int, last_idx: int) -> list[dict[str, Any]]:
    """The names of a document's units first_idx..last_idx (their positions), in order."""
    rows = conn.execute(
        f"SELECT {_NAME_COLUMNS} FROM names WHERE doc_id = ?1 AND unit_id IN"
        " (SELECT id FROM units WHERE doc_id = ?1 AND idx BETWEEN ?2 AND ?3) ORDER BY unit_id, idx",
        (doc_id, first_idx, last_idx),
    )
    return [_name(r) for r in rows]


def unit_names(conn: sqlite3.Connection, unit_id: int) -> list[dict[str, Any]]:
    rows = conn.execute(f"SELECT {_NAME_COLUMNS} FROM names WHERE unit_id = ? ORDER BY idx", (unit_id,))
    return [_name(r) for r in rows]


def _like(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, its own % and _ taken literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


_NAME_FILTER = """FROM names
    WHERE ?1 IS NULL OR en_key LIKE ?2 ESCAPE '\\' OR fa_key LIKE ?3 ESCAPE '\\'
       OR fa LIKE ?4 ESCAPE '\\' OR en LIKE ?4 ESCAPE '\\'"""


def _name_params(q: str | None, fa_key: str | None) -> tuple:
    """(any filter, en_key pattern, fa_key pattern, pattern for the names as written)."""
    if not q:
        return (None, None, None, None)
    from ..names.translit import latin_key

    en_key = latin_key(q)
    return (1, _like(en_key) if en_key else None, _like(fa_key) if fa_key else None, _like(q))


def count_name_pairs(conn: sqlite3.Connection, q: str | None = None, fa_key: str | None = None) -> int:
    return _count(
        conn, f"SELECT count(*) FROM (SELECT 1 {_NAME_FILTER} GROUP BY fa_key, en_key)", _name_params(q, fa_key)
    )


def name_pairs(
    conn: sqlite3.Connection, limit: int, offset: int, q: str | None = None, fa_key: str | None = None
) -> list[dict[str, Any]]:
    """The corpus-wide name table: each (Persian, English) pair, how often and in how many documents,
    most frequent first. `q` matches any part of either form; `fa_key` is q folded like fa_key."""
    rows = conn.execute(
        f"""SELECT min(fa) AS fa, min(en) AS en, fa_key, en_key, count(*) AS n, count(DISTINCT doc_id) AS docs,
                   group_concat(DISTINCT evidence) AS evidence
            {_NAME_FILTER}
            GROUP BY fa_key, en_key ORDER BY n DESC, en_key, fa_key LIMIT ?5 OFFSET ?6""",
        (*_name_params(q, fa_key), limit, offset),
    )
    return [
        {
            "fa": r["fa"],
            "en": r["en"],
            "fa_key": r["fa_key"],
            "en_key": r["en_key"],
            "count": r["n"],
            "documents": r["docs"],
            "evidence": sorted((r["evidence"] or "").split(",")) if r["evidence"] else [],
        }
        for r in rows
    ]


# --- flags ----------------------------------------------------------------------------------------

_FLAG_SELECT = """SELECT f.id, f.doc_id, f.unit_id, u.idx AS unit_idx, f.rule, f.severity, f.its_type, f.message,
       f.fa_spans, f.en_spans, f.score, f.evidence
FROM flags f LEFT JOIN units u ON u.id = f.unit_id"""
_FLAG_FILTER = """WHERE (?1 IS NULL OR f.rule = ?1) AND (?2 IS NULL OR f.severity = ?2)
    AND (?3 IS NULL OR f.doc_id = ?3)"""


def _flag(row: sqlite3.Row) -> dict[str, Any]:
    out = {k: row[k] for k in ("id", "doc_id", "unit_id", "unit_idx", "rule", "severity", "its_type", "message")}
    out["fa_spans"] = _spans(row["fa_spans"])
    out["en_spans"] = _spans(row["en_spans"])
    out["score"] = row["score"]
    out["evidence"] = row["evidence"]
    return out


def count_flags(
    conn: sqlite3.Connection, rule: str | None = None, severity: str | None = None, doc_id: int | None = None
) -> int:
    return _count(conn, f"SELECT count(*) FROM flags f {_FLAG_FILTER}", (rule, severity, doc_id))


def list_flags(
    conn: sqlite3.Connection,
    limit: int = -1,
    offset: int = 0,
    rule: str | None = None,
    severity: str | None = None,
    doc_id: int | None = None,
) -> list[dict[str, Any]]:
    rows = conn.execute(
        f"{_FLAG_SELECT} {_FLAG_FILTER} ORDER BY f.doc_id, f.idx LIMIT ?4 OFFSET ?5",
        (rule, severity, doc_id, limit, offset),
    )
    return [_flag(r) for r in rows]


def document_flags(conn: sqlite3.Connection, doc_id: int) -> list[dict[str, Any]]:
    """The flags on a document as a whole (on no one unit)."""
    rows = conn.execute(f"{_FLAG_SELECT} WHERE f.doc_id = ? AND f.unit_id IS NULL ORDER BY f.idx", (doc_id,))
    return [_flag(r) for r in rows]


def flags_of_units(conn: sqlite3.Connection, doc_id: int, first_idx: int, last_idx: int) -> list[dict[str, Any]]:
    """The flags on a document's units first_idx..last_idx (their positions)."""
    rows = conn.execute(
        f"{_FLAG_SELECT} WHERE f.doc_id = ?1 AND u.idx BETWEEN ?2 AND ?3 ORDER BY f.idx", (doc_id, first_idx, last_idx)
    )
    return [_flag(r) for r in rows]


def unit_flags(conn: sqlite3.Connection, unit_id: int) -> list[dict[str, Any]]:
    rows = conn.execute(f"{_FLAG_SELECT} WHERE f.unit_id = ? ORDER BY f.idx", (unit_id,))
    return [_flag(r) for r in rows]


def flag_rules(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT DISTINCT rule FROM flags ORDER BY rule")]
