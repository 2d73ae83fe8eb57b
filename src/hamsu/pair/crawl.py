"""Reading the inputs of `hamsu pair`: WARC crawls, folders of saved pages, JSON lines.

    read_inputs(paths) -> Reading      every page of the inputs, what was skipped, and warnings

A WARC file (.warc, .warc.gz; wget --warc-file, Heritrix, browsertrix, Common Crawl) gives one
page per HTML response with status 200; revisit records, other status codes and other content
types are counted, not read. The payload is decoded as UTF-8 when it is valid UTF-8, else by the
charset its Content-Type declares, or the one its <meta> declares, or as Windows-1256 (older
Persian sites), in that order.
A malformed record is reported with the file and its byte offset (in the compressed file for
.warc.gz) and reading goes on at the next record the file holds: one bad record does not cost the
good ones around it.

A folder is walked for .html/.htm/.xhtml and .txt files (names starting with "." are not), each a
page named by its path; a folder holding both languages and a Persian folder beside an English
one are read alike, since each page's language is identified from its text. A JSON-lines file
gives one page a line: {"url": ..., "text": ..., "lang": optional, "title", "date": optional};
a line without a url is named FILE:LINE.
"""
from __future__ import annotations

import codecs
import gzip
import json
import os
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import InputError
from ..read.decode import decode_bytes
from ..read.html import extract_html_text
from .pages import Page, RawPage, Unpaired, finish_pages

HTML_TYPES = ("text/html", "application/xhtml+xml")
FALLBACK_ENCODING = "windows-1256"  # what Persian sites used before UTF-8
SNIFF_BYTES = 4096
PROGRESS_EVERY = 1000  # pages between two progress lines
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_:.-]+)", re.IGNORECASE)
# Publication dates as pages state them in <meta> (Open Graph, Dublin Core, schema.org, news sites).
_META_DATE = re.compile(
    rb"""<meta[^>]+(?:property|name|itemprop)\s*=\s*["']?(?:article:published_time|datePublished|"""
    rb"""pubdate|publishdate|date|dc\.date|dcterms\.date|og:published_time|sailthru\.date)["']?[^>]*>""",
    re.IGNORECASE,
)
_CONTENT = re.compile(rb"""content\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass
class Reading:
    """What the inputs held: pages to pair, pages set aside, records skipped, and warnings."""

    pages: list[Page] = field(default_factory=list)
    unpaired: list[Unpaired] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)  # WARC records that are not pages, by reason
    warnings: list[str] = field(default_factory=list)
    read: int = 0  # pages read, before languages and duplicates were looked at


Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


def _kind(path: str) -> str | None:
    """What the reader table says a file is, by its name's ending: "warc", "html", "text", "jsonl",
    "jsonl.gz" (a plugin's reader's name), or None."""
    from ..read.table import reader_by_suffix

    found = reader_by_suffix(path)
    return None if found is None else found.name


def is_warc(path: str) -> bool:
    """A crawl (the reader table's WARC files)."""
    from ..read.table import is_crawl

    return is_crawl(path)


def _is_jsonl(path: str) -> bool:
    from ..read.table import JsonlReader, reader_by_suffix

    return isinstance(reader_by_suffix(path), JsonlReader)


def read_inputs(paths: list[str], progress: Progress = _quiet) -> Reading:
    """Every page of the inputs (WARC files, folders, JSON lines, single pages), in input order."""
    if not paths:
        raise InputError("no inputs")
    reading = Reading()
    raw: list[RawPage] = []
    for arg in paths:
        path = str(arg)
        if os.path.isdir(path):
            pages = _folder_pages(path, reading)
        elif not os.path.exists(path):
            raise InputError(f"{path}: no such file")
        elif is_warc(path):
            pages = warc_pages(path, reading)
        elif _is_jsonl(path):
            pages = jsonl_pages(path)
        else:
            pages = iter([file_page(path, os.path.dirname(path) or ".")])
        for page in pages:
            raw.append(page)
            if len(raw) % PROGRESS_EVERY == 0:
                progress(f"read {len(raw)} pages")
    progress(f"read {len(raw)} pages")
    if not raw:
        where = ", ".join(str(p) for p in paths)
        raise InputError(f"{where}: no pages found (WARC HTML responses, .html or .txt files, JSON lines)")
    reading.read = len(raw)
    pages, unpaired = finish_pages(raw)
    reading.pages = pages
    reading.unpaired = unpaired
    return reading


# --- Decoding ---------------------------------------------------------------------------------

def _known_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def decode_page(data: bytes, declared: str | None = None) -> str:
    """An HTML page's text: by the declared charset, the <meta> one, UTF-8, then Windows-1256.

    Bytes that are valid UTF-8 beyond ASCII are read as UTF-8 whatever is declared: servers often
    send a default "ISO-8859-1" for UTF-8 pages, and multi-byte UTF-8 sequences practically never
    occur by chance in text of a single-byte charset."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if not data.isascii():
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    meta = _META_CHARSET.search(data[:SNIFF_BYTES])
    tried = []
    for name in (_known_codec(declared), _known_codec(meta.group(1).decode("ascii") if meta else None), "utf-8"):
        if name and name not in tried:
            tried.append(name)
            try:
                return data.decode(name)
            except UnicodeDecodeError:
                continue
    try:
        return data.decode(FALLBACK_ENCODING)
    except UnicodeDecodeError:  # not even Windows-1256: keep the text, mark the bad bytes
        return data.decode("utf-8", errors="replace")


def published_date(html: bytes) -> str | None:
    """The publication date an HTML page states in its <meta> tags, as YYYY-MM-DD, or None."""
    for m in _META_DATE.finditer(html[: 1 << 16]):
        content = _CONTENT.search(m.group())
        if content:
            iso = _ISO_DATE.search(content.group(1).decode("ascii", errors="replace"))
            if iso:
                return iso.group()
    return None


def html_page(data: bytes, source: str, site: str, declared: str | None = None, **meta) -> RawPage:
    text, title = extract_html_text(decode_page(data, declared))
    return RawPage(source, text, title, date=published_date(data), site=site, **meta)


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


# --- WARC -------------------------------------------------------------------------------------

_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_START = b"WARC/"


def warc_pages(path: str, reading: Reading) -> Iterator[RawPage]:
    """The HTML pages of a WARC file; other records are counted in reading.skipped, malformed
    ones reported in reading.warnings (FILE: bad WARC record at byte N: why) and stepped over."""
    from warcio.archiveiterator import ArchiveIterator
    compressed = path.lower().endswith(".gz")
    good = 0
    with open(path, "rb") as f:
        base = 0
        while True:
            f.seek(base)
            iterator = ArchiveIterator(f)
            offset = base  # where the record being read starts (the last one's end)
            try:
                for record in iterator:
                    page = _record_page(record, path, offset, reading)
                    # (asked only now: warcio reads the rest of the record to answer)
                    offset = base + iterator.get_record_offset() + iterator.get_record_length()
                    good += 1
                    if page is not None:
                        yield page
                if not good:
                    why = reading.warnings[-1].split(": ", 1)[1] if reading.warnings else "no records"
                    raise InputError(f"{path}: not a WARC file ({why})")
                end = offset if compressed else _skip_blank_lines(f, offset)
                if end < os.fstat(f.fileno()).st_size:  # bytes after the last record that make none
                    reading.warnings.append(f"{path}: bad WARC record at byte {end}: truncated or not a record")
                    reading.skipped["malformed record"] += 1
                return
            except InputError:
                raise
            # warcio meets malformed input with whatever the parsing code raises (AttributeError
            # on a header line cut short, among others): every failure of a record is the record's.
            except Exception as e:  # noqa: BLE001
                at = offset if compressed else _skip_blank_lines(f, offset)
                reason = " ".join(str(e).split())[:120] or type(e).__name__
                reading.warnings.append(f"{path}: bad WARC record at byte {at}: {reason}")
                reading.skipped["malformed record"] += 1
                base = _next_record(f, at + 1, compressed)
                if base < 0:
                    if not good:
                        raise InputError(f"{path}: not a WARC file (bad record at byte {at}: {reason})") from None
                    return


def _skip_blank_lines(f, offset: int) -> int:
    """The offset of the first byte after the blank lines at `offset` (between plain WARC records)."""
    f.seek(offset)
    head = f.read(64)
    return offset + len(head) - len(head.lstrip(b"\r\n"))


def _next_record(f, start: int, compressed: bool) -> int:
    """Offset of the next record start after `start` (a gzip member, or a WARC/ version line), or -1."""
    marker = _GZIP_MAGIC if compressed else b"\n" + _WARC_START
    f.seek(start)
    pos, tail = start, b""
    while True:
        block = f.read(1 << 20)
        if not block:
            return -1
        data = tail + block
        i = data.find(marker)
        if i >= 0:
            found = pos - len(tail) + i
            return found if compressed else found + 1
        tail = data[-len(marker) :]
        pos += len(block)


def _record_page(record, path: str, offset: int, reading: Reading) -> RawPage | None:
    if not record.format.startswith("warc"):
        raise MalformedRecord(f"not a WARC record ({record.format})")
    kind = record.rec_type
    if kind == "revisit":
        reading.skipped["revisit"] += 1
        return None
    if kind not in ("response", "resource"):
        return None  # requests, warcinfo, metadata: not pages, and not worth counting
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    content_type = ""
    if kind == "response":
        if record.http_headers is None:
            reading.skipped["response without HTTP headers"] += 1
            return None
        status = record.http_headers.get_statuscode()
        if status != "200":
            reading.skipped[f"status {status}"] += 1
            _payload(record)
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    mime = content_type.split(";")[0].strip().lower()
    if mime and mime not in HTML_TYPES:
        reading.skipped[f"not HTML ({mime})"] += 1
        _payload(record)
        return None
    data = _payload(record)
    declared = _HEADER_CHARSET.search(content_type)
    date = record.rec_headers.get_header("WARC-Date")
    return html_page(data, url or f"{path}@{offset}", _host(url) or path, declared.group(1) if declared else None,
                     url=url or None, crawl_date=date)  # fmt: skip


class MalformedRecord(ValueError):
    """A record warcio read but that is not whole WARC: an ARC header, text that is no archive,
    or a record the file ends inside of."""


def _payload(record) -> bytes:
    data = record.content_stream().read()
    if getattr(record.raw_stream, "limit", 0):  # bytes the header promised and the file lacks
        raise MalformedRecord("truncated (the file ends inside the record)")
    return data


# --- Folders, files, JSON lines ---------------------------------------------------------------

def _folder_pages(folder: str, reading: Reading) -> Iterator[RawPage]:
    """The pages under a folder, walked in name order (code points), hidden names left out."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            full = os.path.join(root, name)
            if is_warc(name):
                yield from warc_pages(full, reading)
            elif _kind(name) in ("html", "text"):
                yield file_page(full, root)


def file_page(path: str, site: str) -> RawPage:
    """One saved page (HTML by extension, else plain text), named by its path."""
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from None
    if _kind(path) == "html":
        return html_page(data, path, site)
    text = decode_bytes(data, path)
    return RawPage(path, text, site=site)


def jsonl_pages(path: str) -> Iterator[RawPage]:
    """One page per non-blank line; a malformed line is an InputError naming FILE:LINE."""
    try:
        raw = Path(path).read_bytes()
        if path.lower().endswith(".gz"):
            raw = gzip.decompress(raw)
    except (OSError, EOFError, zlib.error) as e:
        raise InputError(f"{path}: cannot read ({getattr(e, 'strerror', None) or e})") from None
    text = decode_bytes(raw, path)
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"{where}: not valid JSON ({e.msg} at column {e.colno})") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputError(f'{where}: expected a JSON object with a "text" string')
        url = record.get("url") if isinstance(record.get("url"), str) and record.get("url") else None
        lang = record.get("lang") if isinstance(record.get("lang"), str) else None
        date = record.get("date") if isinstance(record.get("date"), str) else None
        title = record.get("title") if isinstance(record.get("title"), str) else ""
        yield RawPage(url or where, record["text"], title, url=url, date=date, site=_host(url) if url else path,
                      lang=lang.lower() if lang else None)  # fmt: skip
