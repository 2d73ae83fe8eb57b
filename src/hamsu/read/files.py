"""Reading from files: decode by read/decode.py, then dispatch by extension."""
from __future__ import annotations

from os import PathLike
from pathlib import Path

from ..errors import InputError
from ..records import Document
from .decode import nul_is_binary, read_stream_bytes, read_stream_text
from .document import read_document, require_both_languages, require_text, single_text_document
from .html import read_html
from .jsonl import BadLine, read_jsonl, read_jsonl_bytes
from .pair import read_pair
from .presplit import presplit_blocks

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl",)


def read_presplit_document(text: str, source: str, doc_id: str | None = None) -> Document:
    """One file of one sentence a line, languages mixed: each line a block, its language detected."""
    return single_text_document(text, source, doc_id, presplit_blocks, "presplit")


def read_text_document(text: str, source: str, presplit: bool = False) -> Document:
    """The document of a plain text file already read: one sentence a line with presplit, else
    laid out like the seed (both languages, in either order)."""
    return read_presplit_document(text, source) if presplit else read_document(text, source)


def read_text_file(path: str | PathLike[str], encoding: str = "utf-8") -> str:
    """The decoded text of a file; InputError naming the file if it cannot be read or decoded, or
    is larger than the maximum input size (read/decode.py: checked while reading, so a device or
    an endless pipe stops there)."""
    return _read_file(path, lambda stream, source: read_stream_text(stream, source, encoding))


def _read_file(path: str | PathLike[str], read):
    """read(stream, source) on the file opened for reading bytes; InputError if it cannot be."""
    try:
        with open(path, "rb") as stream:
            return read(stream, str(path))
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from None


def read_path(
    path: str | PathLike[str],
    encoding: str = "utf-8",
    presplit: bool = False,
    *,
    require_both: bool = True,
    on_bad_line: BadLine | None = None,
) -> list[Document]:
    """The documents of one file, read by its extension: .html/.htm, .jsonl, else plain text.

    With require_both (the default) a document without Persian or without English article text is
    an InputError; pass False to check with require_both_languages yourself and warn instead.
    A malformed JSON line is an InputError too, unless on_bad_line is given: it gets each bad
    line's error, and the good lines are read.
    """
    source = str(path)
    suffix = Path(path).suffix.lower()
    if suffix in JSONL_SUFFIXES and on_bad_line is not None and nul_is_binary(encoding):
        # Line by line from the bytes: an undecodable line is one bad line, not a lost file.
        docs = read_jsonl_bytes(_read_file(path, read_stream_bytes), source, encoding, on_bad_line)
    else:
        text = read_text_file(path, encoding)
        if suffix in HTML_SUFFIXES:
            docs = [read_html(text, source)]
        elif suffix in JSONL_SUFFIXES:
            docs = read_jsonl(text, source, on_bad_line)
        else:
            docs = [read_text_document(text, source, presplit)]
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
    fa_text, en_text = read_text_file(fa_path, encoding), read_text_file(en_path, encoding)
    require_text(fa_text, str(fa_path))
    require_text(en_text, str(en_path))
    doc = read_pair(fa_text, en_text, f"{fa_path} + {en_path}", presplit=presplit)
    if require_both:
        require_both_languages(doc)
    return doc
