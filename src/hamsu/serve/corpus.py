"""The corpus a server serves: read-only connections per worker thread, one writer at a time,
rendered document views cached; and the check that a file is a corpus at all."""
from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from ..errors import HamsuError
from ..store import queries


class Corpus:
    """The corpus database: a read-only connection per worker thread, one writer at a time, and
    rendered document views cached by (id, content hash)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self.write_lock = threading.Lock()
        self._views: OrderedDict[tuple[int, str, int], dict] = OrderedDict()

    def conn(self) -> sqlite3.Connection:
        """This thread's read-only connection (sqlite3 connections stay on their thread)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = queries.connect_readonly(self.path)
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()

    def cached_view(self, key: tuple[int, str, int], build: Callable[[], dict]) -> dict:
        with self._lock:
            view = self._views.get(key)
            if view is not None:
                self._views.move_to_end(key)
                return view
        view = build()
        with self._lock:
            self._views[key] = view
            while len(self._views) > 64:
                self._views.popitem(last=False)
        return view


def check_corpus(path: str | Path) -> None:
    """HamsuError unless `path` is a hamsu corpus database that can be read."""
    p = Path(path)
    if not p.exists():
        raise HamsuError(f"{p}: no such corpus database")
    if p.is_dir():
        raise HamsuError(f"{p}: is a directory, not a corpus database")
    try:
        conn = queries.connect_readonly(p)
        try:
            tables = queries.table_names(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        raise HamsuError(f"{p}: not a corpus database ({e})") from None
    missing = {"documents", "units", "sentences", "blocks", "flags", "names"} - tables
    if missing:
        raise HamsuError(f"{p}: not a hamsu corpus (no {', '.join(sorted(missing))} table)")
    from ..store import open_store

    open_store(p, readonly=True).close()  # the store's own checks: its file, a schema it reads
