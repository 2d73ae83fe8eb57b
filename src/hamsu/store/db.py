"""Opening a corpus file and writing documents into it, one transaction per document (or batch)."""
from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from ..errors import InputError, OutputError
from ..records import Checked, Document
from . import migrations

if TYPE_CHECKING:  # ingest loads the name and format modules: only when writing
    from .ingest import DocumentRows

log = logging.getLogger(__name__)
BUSY_TIMEOUT_MS = 10_000  # a second writer waits this long for the first one's transaction


class Store:
    """An open corpus. Use as a context manager, or call close().

    `conn` is in autocommit mode (isolation_level None): the methods here open and commit their
    own transactions, and a caller that writes directly must BEGIN and COMMIT itself.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, readonly: bool) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        # IMMEDIATE takes the write lock first, so the "is it stored?" read and the write that
        # follows cannot interleave with another writer.
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def is_current(self, document: Document, key: str | None = None) -> bool:
        """Whether this very document (same key, same content) is already stored: the CLI skips
        aligning and checking it. `key`: see ingest."""
        from .ingest import content_hash, document_key

        row = self._stored(key or document_key(document), document_key(document))
        return row is not None and row[1] == content_hash(document)

    def _stored(self, key: str, old_key: str) -> tuple[int, str] | None:
        """(id, content_hash) of the document stored under `key`, or else under `old_key`: the
        key an older hamsu gave the same document (a file's path as typed, not resolved)."""
        for k in (key, old_key) if old_key != key else (key,):
            row = self.conn.execute("SELECT id, content_hash FROM documents WHERE doc_key = ?", (k,)).fetchone()
            if row is not None:
                return row
        return None

    def _put(self, item: Checked | DocumentRows, force: bool, key: str | None = None) -> str:
        from .ingest import DocumentRows, delete_document, document_key, document_rows, write_rows

        if isinstance(item, DocumentRows):
            rows, old_key = item, item.key
        else:
            rows, old_key = document_rows(item, key), document_key(item.alignment.document)
        row = self._stored(rows.key, old_key)
        if row is not None and row[1] == rows.digest and not force:
            return "unchanged"
        if row is not None:
            delete_document(self.conn, row[0])
        write_rows(self.conn, rows)
        return "added" if row is None else "replaced"

    def ingest(self, checked: Checked, force: bool = False, key: str | None = None) -> str:
        """Store one checked document: "added", "unchanged" (same key and content already
        stored) or "replaced" (same key, new content; the old version is removed in the same
        transaction). With `force` a stored version is replaced even when unchanged.

        `key` (default store.ingest.document_key) is what it is stored under; `hamsu ingest` gives
        store.ingest.file_key. A version stored under the document_key (by an older hamsu) counts
        as stored: kept when unchanged, replaced under `key` when not."""
        self._writable()
        with self._transaction():
            return self._put(checked, force, key)

    def ingest_many(self, items: Iterable[Checked | DocumentRows], batch: int = 100, force: bool = False) -> Counter:
        """Store many documents with one commit per `batch` of them; returns the statuses counted.
        Items are checked documents or their rows made beforehand (store.ingest.document_rows, as
        `hamsu build`'s workers make them).

        Each document is still written whole or not at all (a savepoint each). If writing one
        fails, or `items` raises, the documents before it are committed and the error goes on
        up; a crash (the process killed) loses at most the uncommitted batch, never part of a
        document.
        """
        self._writable()
        counts: Counter = Counter()
        conn = self.conn
        pending = 0
        conn.execute("BEGIN IMMEDIATE")
        try:
            for checked in items:
                conn.execute("SAVEPOINT document")
                try:
                    status = self._put(checked, force)
                except BaseException:
                    conn.execute("ROLLBACK TO document")
                    conn.execute("RELEASE document")
                    raise
                conn.execute("RELEASE document")
                counts[status] += 1
                pending += 1
                if pending >= batch:
                    conn.execute("COMMIT")
                    conn.execute("BEGIN IMMEDIATE")
                    pending = 0
        except BaseException:
            try:
                conn.execute("COMMIT")
            except sqlite3.Error:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return counts

    def delete(self, doc_key: str) -> bool:
        """Remove the document stored under `doc_key`; False if there is none."""
        from .ingest import delete_document

        self._writable()
        with self._transaction():
            row = self.conn.execute("SELECT id FROM documents WHERE doc_key = ?", (doc_key,)).fetchone()
            if row is None:
                return False
            delete_document(self.conn, row[0])
            return True

    def doc_ids(self, keys: Iterable[str]) -> list[int]:
        """The ids of the documents stored under `keys`; InputError naming a key not stored."""
        ids = []
        for key in keys:
            row = self.conn.execute("SELECT id FROM documents WHERE doc_key = ?", (key,)).fetchone()
            if row is None:
                raise InputError(f"{self.path}: no document {key!r}")
            ids.append(row[0])
        return ids

    def stats(self) -> dict[str, int]:
        """How many documents, units, flags and names the corpus holds."""
        return {
            table: self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("documents", "units", "flags", "names")
        }

    def optimize(self) -> None:
        """Merge the full-text index into one segment: faster searches after a bulk load."""
        self._writable()
        with self._transaction():
            self.conn.execute("INSERT INTO units_fts(units_fts) VALUES ('optimize')")

    def _writable(self) -> None:
        if self.readonly:
            raise OutputError(f"{self.path}: opened read-only")


def connect_readonly(path: str | PathLike[str], **options) -> sqlite3.Connection:
    """A read-only connection to a corpus file (`options` go to sqlite3.connect).

    A corpus is kept in WAL mode, and reading one takes a shared-memory file beside it
    (NAME-shm), which SQLite cannot make when this process may not write the file or its folder
    (a read-only file, folder or medium): the open fails with "unable to open database file".
    Such a file is then opened as immutable, read as it is on disk, since no writer can be
    changing it through what this process sees either."""
    path = Path(path).absolute()
    uri = f"file:{quote(str(path))}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, **options)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        if os.access(path, os.W_OK) and os.access(path.parent, os.W_OK):
            return conn  # not for want of writing: the caller's own checks say what is wrong
        conn.close()
        return sqlite3.connect(f"{uri}&immutable=1", uri=True, **options)
    except sqlite3.DatabaseError:
        pass  # not a database at all: the same
    return conn


def _connect(path: Path, readonly: bool, check_same_thread: bool) -> sqlite3.Connection:
    if readonly:
        return connect_readonly(path, isolation_level=None, check_same_thread=check_same_thread)
    try:
        return sqlite3.connect(path, isolation_level=None, check_same_thread=check_same_thread)
    except sqlite3.OperationalError as e:
        raise OutputError(f"{path}: cannot create ({e})") from None


def _not_corpus(path: Path, why: str) -> InputError:
    return InputError(f"{path}: not a hamsu corpus ({why})")


def open_store(
    path: str | PathLike[str], *, readonly: bool = False, check_same_thread: bool = True
) -> Store:
    """Open the corpus at `path`, creating it (and its schema) when missing unless `readonly`.

    An older schema is upgraded in place (store/migrations.py); a file that is not SQLite, or an
    SQLite file of another program, is an InputError naming it and is left untouched.
    """
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path}: is a directory")
    if readonly and not path.exists():
        raise InputError(f"{path}: no such corpus")
    if not readonly and path.exists() and not (os.access(path, os.W_OK) and os.access(path.absolute().parent, os.W_OK)):
        # Writing takes the file and, for its journal, its folder: say so rather than "cannot read".
        what = "file" if not os.access(path, os.W_OK) else "folder"
        raise OutputError(f"{path}: read-only (this {what} cannot be written); search, export and serve can read it")
    conn = _connect(path, readonly, check_same_thread)
    try:
        _prepare(conn, path, readonly)
    except BaseException:
        conn.close()
        raise
    conn.row_factory = sqlite3.Row
    return Store(conn, path, readonly)


def _prepare(conn: sqlite3.Connection, path: Path, readonly: bool) -> None:
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        n_objects = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as e:
        if "not a database" in str(e) or "malformed" in str(e):
            raise _not_corpus(path, "not an SQLite database") from None
        raise InputError(f"{path}: cannot read ({e})") from None
    fresh = application_id == 0 and n_objects == 0
    if application_id != migrations.APPLICATION_ID and not fresh:
        raise _not_corpus(path, "an SQLite database of another program")
    try:
        version = migrations.user_version(conn)
        if version > migrations.SCHEMA_VERSION:
            raise InputError(
                f"{path}: made by a newer hamsu (schema version {version}; this one reads up to "
                f"{migrations.SCHEMA_VERSION})"
            )
        if readonly:
            if fresh:
                raise _not_corpus(path, "empty")
            if version < migrations.SCHEMA_VERSION:
                raise InputError(
                    f"{path}: schema version {version} is older than this hamsu's ({migrations.SCHEMA_VERSION});"
                    " open it once for writing (e.g. hamsu ingest) to upgrade it"
                )
        else:
            # WAL: readers (the web app) go on reading while a document is written.
            conn.execute("PRAGMA journal_mode = WAL")
            # In WAL mode NORMAL loses no committed transaction on a crash of the program, only
            # possibly the last ones on a power cut, and saves an fsync per document.
            conn.execute("PRAGMA synchronous = NORMAL")
            _upgrade(conn, path)
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as e:
        raise InputError(f"{path}: cannot open as a corpus ({e})") from None


def _upgrade(conn: sqlite3.Connection, path: Path) -> None:
    if (
        migrations.user_version(conn) == migrations.SCHEMA_VERSION
        and migrations.fold_version(conn) == migrations.FOLD_VERSION
    ):
        return  # nothing to do: no write lock taken
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Read again under the write lock: another process may have upgraded it meanwhile.
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        n_objects = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if application_id != migrations.APPLICATION_ID and (application_id != 0 or n_objects):
            raise _not_corpus(path, "an SQLite database of another program")
        if migrations.user_version(conn) == migrations.SCHEMA_VERSION:
            if migrations.fold_version(conn) == migrations.FOLD_VERSION:
                conn.execute("COMMIT")  # another process did it while this one waited for the lock
                return
            # Only the index is out of date; on a big corpus rebuilding it takes minutes, so say why.
            log.warning("%s: rebuilding the search index (made by another version of hamsu's text folding)", path)
        migrations.migrate(conn)
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
