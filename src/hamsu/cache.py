"""Tables derived from the shipped data, kept in the user's cache so that later runs load them fast.

Building the aligner's dictionary or the name table from their compressed text takes a few tenths
of a second (stemming every entry); loading the built table back takes a few hundredths. The first
run builds it and writes it to the cache folder; later runs read it back if it is still valid.

A cached file is valid only for the exact inputs it was built from: its name carries a SHA-256 of
the shipped data file and of the source of every module whose code shapes the table (change a
stemmer and the key changes), and its body carries a SHA-256 of itself, so a truncated or damaged
file is rebuilt, never trusted. The cache is a speed-up only: when the folder cannot be written
(read-only home, full disk) the table is built in memory as before.

The folder is $HAMSU_CACHE_DIR, else $XDG_CACHE_HOME/hamsu, else ~/.cache/hamsu;
HAMSU_CACHE_DIR=off turns the cache off.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import TypeVar

T = TypeVar("T")

_FORMAT = b"hamsu-cache-1\n"  # bump when the file layout changes


def cache_dir() -> Path | None:
    """Where derived tables are kept, or None when the cache is off."""
    configured = os.environ.get("HAMSU_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "no") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "hamsu"


def shipped_bytes(filename: str) -> bytes:
    """A data file that ships inside the package (hamsu/data): read straight from the folder
    where the package is one, else (a zip, say) through importlib.resources, which costs a few
    milliseconds of imports at every start."""
    try:
        return (Path(__file__).parent / "data" / filename).read_bytes()
    except OSError:
        from importlib import resources

        return resources.files("hamsu.data").joinpath(filename).read_bytes()


def _key(raw: bytes, modules: Iterable[ModuleType]) -> str:
    digest = hashlib.sha256(_FORMAT)
    digest.update(f"{sys.version_info[:2]}|{pickle.HIGHEST_PROTOCOL}".encode())
    digest.update(hashlib.sha256(raw).digest())
    for module in modules:
        source = getattr(module, "__file__", None)
        digest.update(module.__name__.encode())
        digest.update(Path(source).read_bytes() if source else b"")
    return digest.hexdigest()[:24]


def derived_table(name: str, raw: bytes, build: Callable[[bytes], T], modules: Iterable[ModuleType]) -> T:
    """`build(raw)`, or the same table read back from the cache.

    `name` names the table's files; `modules` are those whose code decides what `build` returns.
    """
    folder = cache_dir()
    if folder is None:
        return build(raw)
    path = folder / f"{name}-{_key(raw, modules)}.pickle"
    table = _read(path)
    if table is not None:
        return table
    table = build(raw)
    _write(folder, path, name, table)
    return table


def _read(path: Path):
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    header = len(_FORMAT) + 32
    if blob[: len(_FORMAT)] != _FORMAT or hashlib.sha256(blob[header:]).digest() != blob[len(_FORMAT) : header]:
        return None  # not ours, truncated or damaged: rebuild
    try:
        return pickle.loads(blob[header:])
    except Exception:  # a class renamed since the file was written: rebuild rather than fail
        return None


def _write(folder: Path, path: Path, name: str, table) -> None:
    import tempfile  # only when writing, which later runs do not

    payload = pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{name}-", dir=folder)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(_FORMAT + hashlib.sha256(payload).digest() + payload)
            os.replace(temp, path)  # whole or not at all, even with two runs writing at once
        except BaseException:
            os.unlink(temp)
            raise
        for old in folder.glob(f"{name}-*.pickle"):  # tables built from older data or code
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a cache that cannot be written only costs speed
