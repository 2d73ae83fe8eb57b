"""Bytes to text: UTF-8 with or without a byte-order mark, or an encoding the user names.

Undecodable or binary input is an InputError naming the source and the byte offset; nothing is
guessed silently, since a wrong guess would corrupt every later stage.

A file read whole is read a chunk at a time and checked as it comes: a NUL byte or an undecodable
one stops the read in the first chunk that has it, and an input past the maximum input size
(max_input_size, 256 MB unless raised) stops it there, so /dev/zero, /dev/urandom or an endless
pipe end in bounded memory and time.
"""
from __future__ import annotations

import codecs
import contextlib
import os
import stat
from collections.abc import Iterable, Iterator
from contextvars import ContextVar

from ..errors import InputError

CHUNK_BYTES = 1 << 20
MB = 1 << 20
DEFAULT_MAX_INPUT_BYTES = 256 * MB
MAX_INPUT_SIZE_MB = 1 << 20  # the largest --max-input-size: a terabyte
_max_input_bytes: ContextVar[int] = ContextVar("max_input_bytes", default=DEFAULT_MAX_INPUT_BYTES)
NUL = b"\x00"
BOM = "\ufeff"


def open_input(path: str | os.PathLike[str]):
    """A file opened for reading bytes; an InputError naming it, in words, when it cannot be."""
    name = os.fspath(path)
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as e:
        raise InputError(f"{name}: cannot read ({e.strerror or e})") from None


def _codec(encoding: str, source: str) -> str:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"{source}: unknown encoding {encoding!r}") from None
    # UTF-8 with a byte-order mark is read as UTF-8 and the mark dropped by decode_chunks (not by
    # the utf-8-sig codec, whose error offsets do not count the mark's three bytes).
    return "utf-8" if name == "utf-8-sig" else name


def nul_is_binary(encoding: str) -> bool:
    """Whether a NUL byte means binary data: in every encoding but UTF-16 and UTF-32, whose
    ASCII characters carry NUL bytes (an unknown encoding is reported when text is decoded)."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return True
    return not name.startswith(("utf-16", "utf-32"))


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
        if NUL in data and nul_is_binary(codec):
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


def max_input_bytes() -> int:
    """The most bytes one input may have (see max_input_size)."""
    return _max_input_bytes.get()


@contextlib.contextmanager
def max_input_size(limit: int) -> Iterator[None]:
    """Within this block an input larger than `limit` bytes is an InputError (the command line's
    --max-input-size); readers deep in the pipeline see it without passing it down."""
    token = _max_input_bytes.set(limit)
    try:
        yield
    finally:
        _max_input_bytes.reset(token)


def too_large(source: str, limit: int) -> InputError:
    size = f"{limit // MB} MB" if limit % MB == 0 else f"{limit} bytes"
    return InputError(f"{source}: larger than the maximum input size, {size} (raise it with --max-input-size)")


def bounded(chunks: Iterable[bytes], source: str, limit: int) -> Iterator[bytes]:
    """The chunks, until more than `limit` bytes have come: then an InputError, before the rest is read."""
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > limit:
            raise too_large(source, limit)
        yield chunk


def read_stream_bytes(stream, source: str, limit: int | None = None) -> bytes:
    """The bytes of a binary stream (a file opened "rb"), at most `limit` (default: the maximum
    input size): a regular file's size is known before reading, anything else stops at the limit."""
    limit = _checked_limit(stream, source, limit)
    return b"".join(bounded(read_chunks(stream), source, limit))


def _checked_limit(stream, source: str, limit: int | None) -> int:
    """The limit for reading `stream`; an InputError at once for a regular file already past it."""
    limit = max_input_bytes() if limit is None else limit
    try:
        info = os.fstat(stream.fileno())
    except (AttributeError, OSError, ValueError):
        return limit  # not a file: its size is only known by reading
    if stat.S_ISREG(info.st_mode) and info.st_size > limit:
        raise too_large(source, limit)
    return limit


def read_stream_text(stream, source: str, encoding: str = "utf-8", limit: int | None = None) -> str:
    """The decoded text of a binary stream, checked chunk by chunk (binary data, encoding, size)."""
    limit = _checked_limit(stream, source, limit)
    return "".join(decode_chunks(bounded(read_chunks(stream), source, limit), source, encoding))


def read_chunks(stream, size: int = CHUNK_BYTES) -> Iterator[bytes]:
    while True:
        block = stream.read(size)
        if not block:
            return
        yield block
