"""Bytes to text: UTF-8 with or without a byte-order mark, or an encoding the user names.

Undecodable or binary input is an InputError naming the source and the byte offset; nothing is
guessed silently, since a wrong guess would corrupt every later stage.
"""
from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator

from ..errors import InputError

CHUNK_BYTES = 1 << 20
NUL = b"\x00"
BOM = "\ufeff"


def _codec(encoding: str, source: str) -> str:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"{source}: unknown encoding {encoding!r}") from None
    # UTF-8 with a byte-order mark is read as UTF-8 and the mark dropped by decode_chunks (not by
    # the utf-8-sig codec, whose error offsets do not count the mark's three bytes).
    return "utf-8" if name == "utf-8-sig" else name


def _hint(encoding: str) -> str:
    return " (try --encoding windows-1256 for older Persian sites)" if encoding.startswith("utf") else ""


def decode_chunks(chunks: Iterable[bytes], source: str, encoding: str = "utf-8") -> Iterator[str]:
    """Decode a byte stream incrementally; raises InputError at the first bad byte or a NUL byte."""
    codec = _codec(encoding, source)
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    offset = 0  # bytes consumed before this chunk
    at_start = True  # no text decoded yet: a byte-order mark may come
    for chunk in _with_end(iter(chunks)):
        data = b"" if chunk is None else chunk
        if NUL in data and not codec.startswith(("utf-16", "utf-32")):
            at = offset + data.index(NUL)
            raise InputError(f"{source}: binary data (a NUL byte) at byte {at}")
        pending = len(decoder.getstate()[0])  # bytes of a split character held from the last chunk
        try:
            text = decoder.decode(data, final=chunk is None)
        except UnicodeDecodeError as e:
            at = offset - pending + e.start
            raise InputError(f"{source}: not valid {encoding} at byte {at}{_hint(codec)}") from None
        except UnicodeError as e:  # UTF-16 without a byte-order mark, and the like: no offset given
            raise InputError(f"{source}: not valid {encoding} ({e})") from None
        offset += len(data)
        if text and at_start:
            at_start = False
            if codec == "utf-8" and text[0] == BOM:
                text = text[1:]
        if text:
            yield text


def _with_end(chunks: Iterator[bytes]) -> Iterator[bytes | None]:
    yield from chunks
    yield None


def decode_bytes(data: bytes, source: str, encoding: str = "utf-8") -> str:
    return "".join(decode_chunks([data], source, encoding))


def read_chunks(stream, size: int = CHUNK_BYTES) -> Iterator[bytes]:
    while True:
        block = stream.read(size)
        if not block:
            return
        yield block
