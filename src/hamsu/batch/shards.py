"""Shard files: OUT/FORMAT/part-NNNNN.SUFFIX.gz (part-00000.tmx.gz), each a complete file, byte-identical run to run.

A shard holds the kept units of a fixed range of documents (by input order), so its bytes depend
on the inputs and options only: gzip is written with mtime 0 and no file name in its header, at a
fixed level, and nothing in TMX, TSV or JSON lines carries a clock time. Every shard is a valid
file on its own (the writer's header, its units, its footer: TMX with its header and footer, TSV
with its header line), so shards can be
used, checked or shipped one at a time; a shard whose units were all dropped is still written,
so the set of shards is complete and predictable.

Each file is written to a temporary name beside its target and renamed when the shard is whole
(hamsu.formats.atomic), so a killed build never leaves half a shard under a real name.
"""
from __future__ import annotations

import contextlib
import gzip
import os
import re
from pathlib import Path

from ..formats import exchange_formats, writers
from ..formats.atomic import atomic_output

GZIP_LEVEL = 6  # fixed: another level gives other bytes; 6 is zlib's balance of speed and size
_SHARD_NAME = re.compile(r"^part-(\d+)(\.[^/]+)\.gz$")


def shard_path(out: Path, fmt: str, shard: int) -> Path:
    """OUT/FORMAT/part-NNNNN.SUFFIX.gz, the suffix the format's writer gives its files."""
    return out / fmt / f"part-{shard:05d}{writers()[fmt].suffix}.gz"


def frame(fmt: str) -> tuple[str, str]:
    """The text before the first unit and after the last one of a shard in this format."""
    writer = writers()[fmt]
    return writer.header(), writer.footer()


class ShardWriter:
    """The files of one shard, open while its units come in."""

    def __init__(self, out: Path, shard: int, formats: tuple[str, ...]) -> None:
        self.formats = formats
        self.frames = [frame(fmt) for fmt in formats]
        self.stack = contextlib.ExitStack()
        self.streams: list[gzip.GzipFile] = []
        try:
            for fmt, (head, _) in zip(formats, self.frames):
                path = shard_path(out, fmt, shard)
                path.parent.mkdir(parents=True, exist_ok=True)
                raw = self.stack.enter_context(atomic_output(path, "wb"))
                stream = gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=GZIP_LEVEL)
                self.streams.append(stream)
                stream.write(head.encode("utf-8"))
        except BaseException:
            self.stack.close()
            raise

    def add(self, texts: tuple[str, ...]) -> None:
        """One unit: its text in each format, in the order of `formats`."""
        for stream, text in zip(self.streams, texts):
            stream.write(text.encode("utf-8"))

    def finish(self) -> None:
        """Write the footers and put every file of the shard in place."""
        for stream, (_, tail) in zip(self.streams, self.frames):
            stream.write(tail.encode("utf-8"))
            stream.close()
        self.stack.close()

    def abort(self) -> None:
        """Leave nothing behind: the temporary files are removed, no shard file is touched."""
        with contextlib.suppress(Exception):
            self.stack.__exit__(RuntimeError, RuntimeError("aborted"), None)


def shards_present(out: Path, shard: int, formats: tuple[str, ...]) -> bool:
    return all(shard_path(out, fmt, shard).is_file() for fmt in formats)


def remove_stale(out: Path, count: int, formats: tuple[str, ...]) -> None:
    """Shard files a build of these inputs would not write: shards past the last one (the input
    shrank), and folders of formats no longer asked for are left alone (the user may want them)."""
    for fmt in formats:
        folder = out / fmt
        if not folder.is_dir():
            continue
        for name in os.listdir(folder):
            m = _SHARD_NAME.match(name)
            if m and m[2] == writers()[fmt].suffix and int(m[1]) >= count:
                (folder / name).unlink()


def remove_temporaries(out: Path) -> None:
    """Temporary files a killed build left (atomic_output names them .NAME.XXXX.tmp)."""
    for folder in [out, *(out / fmt for fmt in exchange_formats())]:
        if not folder.is_dir():
            continue
        for name in os.listdir(folder):
            if name.startswith(".") and name.endswith(".tmp"):
                with contextlib.suppress(FileNotFoundError):
                    (folder / name).unlink()
