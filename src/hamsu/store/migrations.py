"""The corpus schema and its versions: creating a store, upgrading an older one, rebuilding the index.

The schema version is PRAGMA user_version; PRAGMA application_id marks a file as a hamsu corpus,
so another program's SQLite file is refused rather than altered. schema.sql is always the newest
schema. MIGRATIONS[n] turns a version-n store into version n + 1; open_store runs the steps
in one transaction, so an upgrade that fails leaves the file as it was.

Version 0 is an empty SQLite file (or a new one): the step from 0 creates the newest schema at
once, so the later steps are for stores made by an older hamsu only.
Version 2 added flags.evidence (what each check compared); version 3 sentences.shifts (the
normalizer's offset map, so the web reader need not normalize a sentence again to place a mark).

Independently, settings.fold_version records the store/fold.py version units_fts was built
with; a store built with another one gets its full-text index rebuilt from the units.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from importlib import resources

from .fold import FOLD_VERSION, search_fold_en, search_fold_fa

SCHEMA_VERSION = 3
APPLICATION_ID = 0x48534D55  # "HSMU"


def schema_statements() -> list[str]:
    """The statements of schema.sql, one by one (executescript would commit the transaction)."""
    text = resources.files(__package__).joinpath("schema.sql").read_text(encoding="utf-8")
    statements, buffer = [], ""
    for line in text.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip() and not all(ln.strip().startswith("--") or not ln.strip() for ln in buffer.splitlines()):
        raise RuntimeError("schema.sql ends inside a statement")
    return statements


def create_schema(conn: sqlite3.Connection) -> None:
    for statement in schema_statements():
        conn.execute(statement)
    conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('fold_version', ?)", (FOLD_VERSION,))


def add_flag_evidence(conn: sqlite3.Connection) -> None:
    """Version 1 → 2: flags.evidence; the flags stored before have none ('')."""
    conn.execute("ALTER TABLE flags ADD COLUMN evidence TEXT NOT NULL DEFAULT ''")


def add_sentence_shifts(conn: sqlite3.Connection) -> None:
    """Version 2 → 3: sentences.shifts; the sentences stored before have none (NULL), and the
    reader normalizes those again, as it did."""
    conn.execute("ALTER TABLE sentences ADD COLUMN shifts TEXT")


# from_version -> step to from_version + 1. A later version adds its step here and updates
# schema.sql to match what the steps produce.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    0: create_schema,
    1: add_flag_evidence,
    2: add_sentence_shifts,
}


def user_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the store to SCHEMA_VERSION and the index to FOLD_VERSION, inside the caller's
    transaction. Returns the version the store had."""
    start = user_version(conn)
    if start == 0:
        MIGRATIONS[0](conn)  # the newest schema: no later step applies
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    else:
        for version in range(start, SCHEMA_VERSION):
            MIGRATIONS[version](conn)
            conn.execute(f"PRAGMA user_version = {version + 1}")
    if start == 0:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    if fold_version(conn) != FOLD_VERSION:
        reindex(conn)
    return start


def fold_version(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT value FROM settings WHERE key = 'fold_version'").fetchone()
    return row[0] if row else None


def reindex(conn: sqlite3.Connection) -> None:
    """Rebuild units_fts and name_terms from the stored units and names with the current fold."""
    from .ingest import name_term_rows

    conn.execute("DELETE FROM units_fts")
    cursor = conn.execute("SELECT id, fa, en FROM units ORDER BY id")
    while rows := cursor.fetchmany(10_000):
        conn.executemany(
            "INSERT INTO units_fts(rowid, fa, en) VALUES (?, ?, ?)",
            [(uid, search_fold_fa(fa), search_fold_en(en)) for uid, fa, en in rows],
        )
    conn.execute("DELETE FROM name_terms")
    forms = [row[0] for row in conn.execute("SELECT DISTINCT fa FROM names WHERE fa IS NOT NULL")]
    conn.executemany("INSERT OR IGNORE INTO name_terms(term, form, skel) VALUES (?, ?, ?)", name_term_rows(forms))
    conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('fold_version', ?)", (FOLD_VERSION,))
