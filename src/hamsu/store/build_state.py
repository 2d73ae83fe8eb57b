"""What a build remembers between runs, in tables of its own inside the corpus database.

The store's own tables know documents and units, not builds; these tables are the batch
builder's (`hamsu build`, hamsu/batch/), kept here because every SQL statement of hamsu lives in
store/. They are created IF NOT EXISTS beside the store's, so a corpus and the build that made it travel as
one file, and a shard's state commits in the same database its documents went into.

    build_meta    key -> value: the options fingerprint of the build that wrote the shards
    build_shards  shard -> fingerprint of its jobs, its stats (JSON): what is done
    build_dedup   near-duplicate key -> first position (seq, unit) with it, and that unit's exact key

Dedup lives on disk (a primary-key index) rather than in a set that grows with the corpus. A unit
is a duplicate when its key's first position is before its own; positions come from the input
order only, and the table keeps the lowest position ever seen for a key. So redoing a shard that
a killed run had half done decides exactly as the first time: its own entries point at
themselves and are kept, earlier ones are still earlier. That makes every write here idempotent,
and the order of writes after a kill cannot change the output.
"""
from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator

TABLES = (
    "CREATE TABLE IF NOT EXISTS build_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS build_shards (shard INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL,"
    " stats TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS build_dedup (near TEXT PRIMARY KEY, seq INTEGER NOT NULL,"
    " unit INTEGER NOT NULL, exact TEXT NOT NULL) WITHOUT ROWID",
)


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One transaction, whatever the connection's isolation_level (the store's choice, not ours)."""
    if not conn.in_transaction:
        conn.execute("BEGIN")
    try:
        yield conn
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


class BuildState:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        with transaction(conn):
            for statement in TABLES:
                conn.execute(statement)

    def options(self) -> str | None:
        row = self.conn.execute("SELECT value FROM build_meta WHERE key = 'options'").fetchone()
        return row[0] if row else None

    def set_options(self, fingerprint: str) -> None:
        """Start over with these options: an old build's shards and dedup decisions no longer apply."""
        with transaction(self.conn):
            self.conn.execute("DELETE FROM build_shards")
            self.conn.execute("DELETE FROM build_dedup")
            self.conn.execute("INSERT OR REPLACE INTO build_meta(key, value) VALUES ('options', ?)", (fingerprint,))

    def done(self) -> dict[int, str]:
        """shard -> fingerprint of every shard recorded as done."""
        return dict(self.conn.execute("SELECT shard, fingerprint FROM build_shards").fetchall())

    def forget_from(self, shard: int, first_seq: int) -> None:
        """Shard `shard` holds other input than when it was built: it and every later shard are
        redone, and the dedup positions they recorded are dropped (a full scan, but only then)."""
        with transaction(self.conn):
            self.conn.execute("DELETE FROM build_shards WHERE shard >= ?", (shard,))
            self.conn.execute("DELETE FROM build_dedup WHERE seq >= ?", (first_seq,))

    def forget_after(self, count: int) -> None:
        """The input now has `count` shards; records of shards past it are stale."""
        with transaction(self.conn):
            self.conn.execute("DELETE FROM build_shards WHERE shard >= ?", (count,))

    def record_shard(self, shard: int, fingerprint: str, stats: dict) -> None:
        with transaction(self.conn):
            self.conn.execute(
                "INSERT OR REPLACE INTO build_shards(shard, fingerprint, stats) VALUES (?, ?, ?)",
                (shard, fingerprint, json.dumps(stats, sort_keys=True, ensure_ascii=False)),
            )

    def shard_stats(self, count: int) -> Iterator[dict]:
        """The stats of shards 0 .. count - 1, in order, one at a time."""
        for shard in range(count):
            row = self.conn.execute("SELECT stats FROM build_shards WHERE shard = ?", (shard,)).fetchone()
            if row is not None:
                yield json.loads(row[0])

    def first_seen(self, keys: list[tuple[str, int, int, str]]) -> list[tuple[int, int, str]]:
        """For each (near, seq, unit, exact), the first position that has its near key, recording
        this one when it is the first; in one transaction. Returns (seq, unit, exact) of the first."""
        out = []
        with transaction(self.conn):
            execute = self.conn.execute
            for near, seq, unit, exact in keys:
                row = execute("SELECT seq, unit, exact FROM build_dedup WHERE near = ?", (near,)).fetchone()
                if row is None or (row[0], row[1]) > (seq, unit):
                    execute(
                        "INSERT OR REPLACE INTO build_dedup(near, seq, unit, exact) VALUES (?, ?, ?, ?)",
                        (near, seq, unit, exact),
                    )
                    row = (seq, unit, exact)
                out.append((row[0], row[1], row[2]))
        return out
