"""The reader table: which reader reads a file, by its name's ending or, failing that, its first bytes.

A reader is one class and one registration: a line in BUILTIN_READERS below for hamsu's own, or an
entry point in the group `hamsu.readers` for another package's (its value a Reader subclass, or an
instance), e.g. in that package's pyproject.toml:

    [project.entry-points."hamsu.readers"]
    docx = "my_package.readers:DocxReader"

Every place that reads a file (`hamsu align`/`check`/`ingest`, the Python API, `hamsu build`'s
walk and workers) asks this table and keeps no list of endings of its own. A reader that cannot
work is refused when it is registered: a built-in one is a programming error (ValueError); a
plugin's is one warning line naming it, and hamsu goes on without it.
"""
from __future__ import annotations

import functools
import gzip
import re
import zlib
from collections.abc import Iterable, Iterator
from os import PathLike

from ..errors import InputError
from ..records import Document

PLUGIN_GROUP = "hamsu.readers"
SNIFF_BYTES = 512  # how much of a file sniff() sees


_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_SUFFIX = re.compile(r"^\.[a-z0-9][a-z0-9._-]*$")


class Reader:
    """One kind of input file. Subclass it, set the attributes, write `documents()` (and `decode()`
    for a file that is not plain text in an encoding), and register an instance."""

    name: str = ""
    suffixes: tuple[str, ...] = ()  # lower-case name endings, with the dot: (".html", ".htm")
    description: str = ""  # one line, for `hamsu plugins`
    # One file holds many documents (JSON lines), read one line at a time by `hamsu build`; such a
    # file is never one side of a Persian/English pair.
    many: bool = False
    # A file of this kind may hold one language only, the Persian or English side of a pair.
    pairable: bool = False
    # A crawl: pages of one language each, which hamsu.pair pairs before they are aligned (`hamsu
    # align`, `ingest` and `build` send such a file there, never to documents()).
    crawl: bool = False

    def sniff(self, head: bytes) -> bool:
        """Whether a file whose name has no known ending is of this kind, by its first bytes."""
        return False

    def documents(self, text: str, source: str, presplit: bool = False) -> list[Document]:
        """The documents of a file's text (`source` names the file in messages and documents)."""
        raise NotImplementedError(f"{type(self).__name__} does not define documents()")

    def decode(self, data: bytes, source: str, encoding: str) -> str:
        """The text of a file's bytes; InputError naming the file when they cannot be decoded."""
        from .decode import decode_bytes

        return decode_bytes(data, source, encoding)

    def text(self, path: str | PathLike[str], encoding: str = "utf-8") -> str:
        """The text of a file, read and decoded chunk by chunk within the maximum input size."""
        from .files import read_plain_text

        return read_plain_text(path, encoding)

    def read(self, data: bytes, source: str, encoding: str = "utf-8", presplit: bool = False) -> list[Document]:
        """The documents of a file's bytes (`hamsu build` hands its workers bytes)."""
        return self.documents(self.decode(data, source, encoding), source, presplit)

    def read_file(
        self, path: str | PathLike[str], encoding: str = "utf-8", presplit: bool = False, *, on_bad_line=None
    ) -> list[Document]:
        """The documents of a file. `on_bad_line`: for a file of many records, what to do with a
        malformed one instead of failing (see read_path)."""
        return self.documents(self.text(path, encoding), str(path), presplit)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"


class TextReader(Reader):
    """Plain text laid out like the seed (either language first), or one sentence a line."""

    name = "text"
    suffixes = (".txt", ".text")
    description = "plain text, both languages (either first), or one of a Persian/English pair"
    pairable = True

    def documents(self, text: str, source: str, presplit: bool = False) -> list[Document]:
        from .document import read_document
        from .files import read_presplit_document

        return [read_presplit_document(text, source) if presplit else read_document(text, source)]


class HtmlReader(Reader):
    name = "html"
    suffixes = (".html", ".htm", ".xhtml")
    description = "an HTML page: its article text, menus and footers set aside"

    def sniff(self, head: bytes) -> bool:
        start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        return start.startswith((b"<!doctype html", b"<html"))

    def documents(self, text: str, source: str, presplit: bool = False) -> list[Document]:
        from .html import read_html

        return [read_html(text, source)]


class JsonlReader(Reader):
    name = "jsonl"
    suffixes = (".jsonl",)
    description = 'JSON lines, one document a line: {"fa": ..., "en": ...} with optional id, url, title, date'
    many = True

    def documents(self, text: str, source: str, presplit: bool = False) -> list[Document]:
        from .jsonl import read_jsonl

        return read_jsonl(text, source)

    def uncompressed(self, data: bytes, source: str) -> bytes:
        return data

    def decode(self, data: bytes, source: str, encoding: str) -> str:
        return super().decode(self.uncompressed(data, source), source, encoding)

    def read_file(
        self, path: str | PathLike[str], encoding: str = "utf-8", presplit: bool = False, *, on_bad_line=None
    ) -> list[Document]:
        from .decode import nul_is_binary
        from .files import read_bytes
        from .jsonl import read_jsonl, read_jsonl_bytes

        source = str(path)
        if on_bad_line is not None and nul_is_binary(encoding):
            # Line by line from the bytes: an undecodable line is one bad line, not a lost file.
            return read_jsonl_bytes(self.uncompressed(read_bytes(path), source), source, encoding, on_bad_line)
        return read_jsonl(self.text(path, encoding), source, on_bad_line)

    def line(self, text: str, where: str) -> Document:
        """The document of one line, named `where` (FILE:LINE): `hamsu build` reads line by line."""
        from .jsonl import line_document

        return line_document(text, where)


class GzipJsonlReader(JsonlReader):
    name = "jsonl.gz"
    suffixes = (".jsonl.gz",)
    description = "JSON lines compressed with gzip"

    def uncompressed(self, data: bytes, source: str) -> bytes:
        try:
            return gzip.decompress(data)
        except EOFError:
            raise InputError(f"{source}: truncated gzip stream") from None
        except (OSError, zlib.error) as e:
            raise InputError(f"{source}: not a valid gzip file ({e})") from None

    def text(self, path: str | PathLike[str], encoding: str = "utf-8") -> str:
        from .files import read_bytes

        return self.decode(read_bytes(path), str(path), encoding)


class WarcReader(Reader):
    """A web crawl (WARC, as wget --warc-file, Heritrix or Common Crawl write it): its HTML
    responses are pages of one language each, read and paired by hamsu.pair (pair/crawl.py)."""

    name = "warc"
    suffixes = (".warc", ".warc.gz")
    description = "a WARC crawl: its HTML pages, paired first (hamsu pair), then aligned"
    many = True
    crawl = True

    def documents(self, text: str, source: str, presplit: bool = False) -> list[Document]:
        raise InputError(f"{source}: a crawl of pages, not documents: its pages are paired first "
                         "(hamsu pair; hamsu align, ingest and build pair it themselves)")  # fmt: skip

    def read_file(self, path, encoding="utf-8", presplit=False, *, on_bad_line=None) -> list[Document]:
        return self.documents("", str(path), presplit)  # never decoded: a WARC file is records, not text


# hamsu's own readers. A name whose ending no reader claims, and whose first bytes no reader
# recognizes, is read as text.
BUILTIN_READERS: tuple[Reader, ...] = (TextReader(), HtmlReader(), JsonlReader(), GzipJsonlReader(), WarcReader())
DEFAULT_READER = "text"


def reader_problem(reader: object) -> str | None:
    """Why `reader` cannot be registered, or None when it can."""
    if not isinstance(reader, Reader):
        return f"{reader!r} is not a hamsu.read.Reader"
    if not isinstance(reader.name, str) or not _NAME.match(reader.name):
        return f"{type(reader).__name__}: name {reader.name!r} is not lower-case letters, digits, ., - or _"
    if not isinstance(reader.suffixes, tuple) or not all(isinstance(s, str) and _SUFFIX.match(s)
                                                          for s in reader.suffixes):  # fmt: skip
        return f"reader {reader.name!r}: suffixes {reader.suffixes!r} are not lower-case endings such as ('.txt',)"
    for flag in ("many", "pairable", "crawl"):
        if not isinstance(getattr(reader, flag), bool):
            return f"reader {reader.name!r}: {flag} must be True or False"
    if type(reader).documents is Reader.documents:
        return f"reader {reader.name!r} does not define documents()"
    return None


def reader_table(builtin: Iterable[Reader], plugins: Iterable[tuple[str, Reader]] = ()) -> dict[str, Reader]:
    """Readers keyed by name: the built-in ones, then the plugins'. An ending claimed twice is
    refused: which reader reads a file must not depend on the order packages were installed."""
    from ..plugins import registry

    claimed: dict[str, str] = {}

    def conflict(reader: Reader) -> str | None:
        taken = [s for s in reader.suffixes if s in claimed]
        return f"reader {reader.name!r}: {taken[0]} is already read by {claimed[taken[0]]!r}" if taken else None

    def claim(reader: Reader) -> None:
        claimed.update((s, reader.name) for s in reader.suffixes)

    return registry("reader", builtin, plugins, reader_problem, conflict, claim)


def plugin_readers(group: str = PLUGIN_GROUP) -> Iterator[tuple[str, Reader]]:
    from ..plugins import load_entry_points

    yield from load_entry_points(group, "reader")


@functools.cache
def readers() -> dict[str, Reader]:
    """Every reader, hamsu's first, then the plugins' (loaded on the first call)."""
    return reader_table(BUILTIN_READERS, plugin_readers())


def suffixes(many: bool | None = None) -> tuple[str, ...]:
    """Every ending some reader claims (with `many`, only those of readers that are, or are not, many)."""
    return tuple(s for r in readers().values() if many is None or r.many == many for s in r.suffixes)


def reader_by_suffix(name: str | PathLike[str]) -> Reader | None:
    """The reader that claims the ending of `name` (the longest ending wins: .jsonl.gz over .gz)."""
    lower = str(name).lower()
    best: tuple[int, Reader] | None = None
    for reader in readers().values():
        for suffix in reader.suffixes:
            if lower.endswith(suffix) and (best is None or len(suffix) > best[0]):
                best = (len(suffix), reader)
    return None if best is None else best[1]


def is_crawl(name: str | PathLike[str]) -> bool:
    """A crawl by its name's ending (WARC): pages to pair before aligning."""
    found = reader_by_suffix(name)
    return found is not None and found.crawl


def suffixes_of(*names: str) -> tuple[str, ...]:
    """The endings the readers of these names claim (for a walk that looks for some kinds of file)."""
    table = readers()
    return tuple(s for name in names if name in table for s in table[name].suffixes)


def reader_for(name: str | PathLike[str], head: bytes = b"") -> Reader:
    """The reader of a file: by its name's ending, else by its first bytes, else plain text."""
    found = reader_by_suffix(name)
    if found is not None:
        return found
    if head:
        for reader in readers().values():
            if reader.sniff(head[:SNIFF_BYTES]):
                return reader
    return readers()[DEFAULT_READER]
