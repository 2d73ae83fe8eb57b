"""The corpus store: one SQLite file of documents, sentences, aligned units, flags and names,
with full-text search over both languages.

    >>> from hamsu.store import open_store
    >>> from hamsu.store.search import search
    >>> with open_store("corpus.db") as store:                       # doctest: +SKIP
    ...     store.ingest(checked)                                    # "added"
    ...     search(store.conn, "سلیمانی").hits[0].en

Schema: store/schema.sql (versions and upgrades: store/migrations.py). Search form of the text:
store/fold.py. Reading documents back and exporting them: store/export.py.
"""
from __future__ import annotations

__all__ = ["Store", "open_store"]


def __getattr__(name: str):
    # Loaded on first use: the command line imports store.commands at every start, and the store
    # (SQLite schema, search folding, the checks' text helpers) is only for the store commands.
    if name in __all__:
        from . import db

        return getattr(db, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
