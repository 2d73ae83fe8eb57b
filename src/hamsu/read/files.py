"""Reading from files: the reader the table (read/table.py) gives a file decodes and reads it."""
from __future__ import annotations

import os
from os import PathLike

from ..errors import InputError
from ..records import Document
from .decode import read_stream_bytes, read_stream_text
from .document import require_both_languages, require_text, single_text_document
from .jsonl import BadLine
from .pair import read_pair
from .presplit import presplit_blocks
from .table import DEFAULT_READER, SNIFF_BYTES, Reader, reader_by_suffix, reader_for, readers


def read_presplit_document(text: str, source: str, doc_id: str | None = None) -> Document:
    """One file of one sentence a line, languages mixed: each line a block, its language detected."""
    return single_text_document(text, source, doc_id, presplit_blocks, "presplit")


def read_plain_text(path: str | PathLike[str], encoding: str = "utf-8") -> str:
    """The decoded text of a file; InputError naming the file if it cannot be read or decoded, or
    is larger than the maximum input size (read/decode.py: checked while reading, so a device or
    an endless pipe stops there)."""
    return _read_file(path, lambda stream, source: read_stream_text(stream, source, encoding))


def read_bytes(path: str | PathLike[str]) -> bytes:
    """The bytes of a file, at most the maximum input size; InputError naming the file if it cannot be read."""
    return _read_file(path, read_stream_bytes)


def read_text_file(path: str | PathLike[str], encoding: str = "utf-8") -> str:
    """The decoded text of a file, as its reader decodes it (a compressed file uncompressed)."""
    return reader_of(path).text(path, encoding)


def _read_file(path: str | PathLike[str], read):
    """read(stream, source) on the file opened for reading bytes; InputError if it cannot be."""
    try:
        with open(path, "rb") as stream:
            return read(stream, str(path))
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from None


def reader_of(path: str | PathLike[str]) -> Reader:
    """The reader of a file: by its name's ending, else (a regular file) by its first bytes."""
    found = reader_by_suffix(path)
    if found is not None:
        return found
    if os.path.isfile(path):  # never sniff a pipe or a device: the bytes read would be lost
        return reader_for(path, _read_file(path, lambda stream, _: stream.read(SNIFF_BYTES)))
    return readers()[DEFAULT_READER]


def read_path(
    path: str | PathLike[str],
    encoding: str = "utf-8",
    presplit: bool = False,
    *,
    require_both: bool = True,
    on_bad_line: BadLine | None = None,
) -> list[Document]:
    """The documents of one file, read by the reader of the table for it (read/table.py: .html,
    .jsonl, .jsonl.gz, ..., else plain text).

    With require_both (the default) a document without Persian or without English article text is
    an InputError; pass False to check with require_both_languages yourself and warn instead.
    A malformed JSON line is an InputError too, unless on_bad_line is given: it gets each bad
    line's error, and the good lines are read.
    """
    docs = reader_of(path).read_file(path, encoding, presplit, on_bad_line=on_bad_line)
    if require_both:
        for doc in docs:
            require_both_languages(doc)
    return docs


def read_pair_paths(
    fa_path: str | PathLike[str],
    en_path: str | PathLike[str],
    encoding: str = "utf-8",
    presplit: bool = False,
    *,
    require_both: bool = True,
) -> Document:
    """A Persian file and its English translation as one Document, named "FA_PATH + EN_PATH"."""
    fa_text, en_text = read_plain_text(fa_path, encoding), read_plain_text(en_path, encoding)
    require_text(fa_text, str(fa_path))
    require_text(en_text, str(en_path))
    doc = read_pair(fa_text, en_text, f"{fa_path} + {en_path}", presplit=presplit)
    if require_both:
        require_both_languages(doc)
    return doc
