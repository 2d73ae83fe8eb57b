"""Reading from files: the reader the table (read/table.py) gives a file decodes and reads it."""
from __future__ import annotations

from os import PathLike
from pathlib import Path

from ..errors import InputError
from ..records import Document
from .decode import decode_bytes
from .document import require_both_languages, require_text, single_text_document
from .pair import read_pair
from .presplit import presplit_blocks
from .table import SNIFF_BYTES, reader_for


def read_presplit_document(text: str, source: str, doc_id: str | None = None) -> Document:
    """One file of one sentence a line, languages mixed: each line a block, its language detected."""
    return single_text_document(text, source, doc_id, presplit_blocks, "presplit")


def read_bytes(path: str | PathLike[str]) -> bytes:
    """The bytes of a file; InputError naming the file if it cannot be read."""
    try:
        return Path(path).read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from None


def read_text_file(path: str | PathLike[str], encoding: str = "utf-8") -> str:
    """The decoded text of a file (a compressed one uncompressed, as its reader decodes it);
    InputError naming the file if it cannot be read or decoded."""
    data = read_bytes(path)
    return reader_for(path, data[:SNIFF_BYTES]).decode(data, str(path), encoding)


def read_path(
    path: str | PathLike[str], encoding: str = "utf-8", presplit: bool = False, *, require_both: bool = True
) -> list[Document]:
    """The documents of one file, read by the reader of the table for it (read/table.py: .html,
    .jsonl, .jsonl.gz, ..., else plain text).

    With require_both (the default) a document without Persian or without English article text is
    an InputError; pass False to check with require_both_languages yourself and warn instead.
    """
    data = read_bytes(path)
    docs = reader_for(path, data[:SNIFF_BYTES]).read(data, str(path), encoding, presplit)
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
    fa_text = decode_bytes(read_bytes(fa_path), str(fa_path), encoding)
    en_text = decode_bytes(read_bytes(en_path), str(en_path), encoding)
    require_text(fa_text, str(fa_path))
    require_text(en_text, str(en_path))
    doc = read_pair(fa_text, en_text, f"{fa_path} + {en_path}", presplit=presplit)
    if require_both:
        require_both_languages(doc)
    return doc
