"""JSON lines: one document a line, {"fa": ..., "en": ...} with optional id, url, title and date.

Each line becomes a two-text Document (Persian source 0, English source 1) named FILE:LINE, so a
message about it points at the line. A malformed line stops the read with that place named: a
corpus with a broken line is better fixed than silently shortened. A caller that stores what it
can (`hamsu ingest`) passes on_bad_line instead, is told of each bad line, and gets the good ones.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator

from ..errors import InputError
from ..records import Document
from .document import require_text
from .pair import read_pair

META_FIELDS = ("url", "title", "date")


def _field_text(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _document(record: object, where: str) -> Document:
    if not isinstance(record, dict):
        raise InputError(f'{where}: expected a JSON object with "fa" and "en" fields')
    for field in ("fa", "en"):
        if field not in record:
            raise InputError(f'{where}: no "{field}" field')
        if not isinstance(record[field], str):
            raise InputError(f'{where}: "{field}" is not a string')
        if "\x00" in record[field]:  # as a file holding a NUL byte is: binary data, not text
            raise InputError(f'{where}: binary data (a NUL character) in "{field}"')
    meta = [("format", "jsonl")]
    meta += [(f, _field_text(record[f])) for f in META_FIELDS if record.get(f) is not None]
    doc_id = _field_text(record["id"]) if record.get("id") not in (None, "") else None
    return read_pair(record["fa"], record["en"], where, doc_id=doc_id, meta=tuple(meta), declared=True)


def parse_line(line: str, where: str) -> object:
    """One JSON line decoded; InputError naming `where` (FILE:LINE) when it is not valid JSON."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError(f"{where}: not valid JSON ({e.msg} at column {e.colno})") from None
    except RecursionError:
        raise InputError(f"{where}: not valid JSON (nested too deeply)") from None


def line_document(line: str, where: str) -> Document:
    """The Document of one JSON line, named `where` (FILE:LINE)."""
    return _document(parse_line(line, where), where)


BadLine = Callable[[InputError], None]


def iter_jsonl(
    text: str, source: str, on_bad_line: BadLine | None = None, *, numbered: bool = True
) -> Iterator[Document]:
    """The documents of a JSON-lines text, one per non-empty line. A malformed line raises its
    InputError, or, given on_bad_line, is passed to it and the reading goes on. `numbered`
    False: the text is one line, and `source` already says which (FILE:LINE)."""
    # Only "\n" ends a record: JSON strings may hold a raw U+2028, which str.splitlines breaks at.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}" if numbered else source
        try:
            document = line_document(line, where)
        except InputError as e:
            if on_bad_line is None:
                raise
            on_bad_line(e)
            continue
        yield document


def read_jsonl_bytes(data: bytes, source: str, encoding: str, on_bad_line: BadLine) -> list[Document]:
    """The documents of JSON-lines bytes in an ASCII-compatible encoding, each line decoded on its
    own (as `hamsu build` reads them), so that an undecodable byte, like malformed JSON, is one bad
    line passed to on_bad_line while the good lines are read."""
    from .decode import decode_bytes

    if not data.strip():
        raise InputError(f"{source}: empty")
    documents = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        where = f"{source}:{number}"
        try:
            line = decode_bytes(raw, where, encoding)
        except InputError as e:
            # The offset counts from the start of the line, not of the file: say so.
            on_bad_line(InputError(re.sub(r" at byte (\d+)", r" at byte \1 of the line", str(e), count=1)))
            continue
        documents += iter_jsonl(line, f"{source}:{number}", on_bad_line, numbered=False)
    return documents


def read_jsonl(text: str, source: str, on_bad_line: BadLine | None = None) -> list[Document]:
    require_text(text, source)
    return list(iter_jsonl(text, source, on_bad_line))
