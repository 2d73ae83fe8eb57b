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

from .db import Store, open_store

__all__ = ["Store", "open_store"]
