"""Reading documents: bytes to text, with clear errors for bad input, and text to Documents.

    read_document(text, source)          one file, Persian and English halves in either order
    read_pair(fa_text, en_text, source)  a Persian text and its English translation
    read_html(html, source)              an HTML page (its article text)
    read_jsonl(text, source)             JSON lines {"fa": ..., "en": ...}, one Document each
    read_path(path) / read_pair_paths(fa_path, en_path)   the same from files, by the reader table
    readers() / reader_for(path)         the reader table (read/table.py): suffix or sniffing -> Reader

Every Document's blocks cover every non-whitespace character of its texts exactly once, with
offsets into the original texts. Reading does not insist on both languages: call
require_both_languages(doc) to make a one-language document an error (read_path does by default).
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Where each public name lives. Loaded on first use, so that `hamsu.read.decode` (all the
# normalizer needs) does not pay for the HTML and JSON readers at start-up.
_EXPORTS = {
    "read_document": "document",
    "document_id": "document",
    "require_both_languages": "document",
    "languages_present": "document",
    "predominant_language": "document",
    "require_text": "document",
    "read_pair": "pair",
    "read_html": "html",
    "extract_html_text": "html",
    "read_jsonl": "jsonl",
    "iter_jsonl": "jsonl",
    "read_path": "files",
    "read_pair_paths": "files",
    "read_presplit_document": "files",
    "read_text_file": "files",
    "text_blocks": "blocks",
    "Reader": "table",
    "readers": "table",
    "reader_for": "table",
    "presplit_blocks": "presplit",
    "language_of": "language",
    "block_language": "language",
    "Layout": "layout",
    "document_layout": "layout",
    "TITLE": "blocks",
    "PARAGRAPH": "blocks",
    "BOILERPLATE": "blocks",
    "TITLE_MARKER": "blocks",
    "LEADING_NAVIGATION": "blocks",
    "TRAILING_SECTION_LINK": "blocks",
    "FOOTER_LINE": "blocks",
}
__all__ = [
    "BOILERPLATE",
    "FOOTER_LINE",
    "LEADING_NAVIGATION",
    "Layout",
    "PARAGRAPH",
    "Reader",
    "TITLE",
    "TITLE_MARKER",
    "TRAILING_SECTION_LINK",
    "block_language",
    "document_id",
    "document_layout",
    "extract_html_text",
    "iter_jsonl",
    "language_of",
    "languages_present",
    "predominant_language",
    "presplit_blocks",
    "read_document",
    "read_html",
    "read_jsonl",
    "read_pair",
    "read_pair_paths",
    "read_path",
    "read_presplit_document",
    "read_text_file",
    "reader_for",
    "readers",
    "require_both_languages",
    "require_text",
    "text_blocks",
]

if TYPE_CHECKING:
    from .blocks import (
        BOILERPLATE,
        FOOTER_LINE,
        LEADING_NAVIGATION,
        PARAGRAPH,
        TITLE,
        TITLE_MARKER,
        TRAILING_SECTION_LINK,
        text_blocks,
    )
    from .document import (
        document_id,
        languages_present,
        predominant_language,
        read_document,
        require_both_languages,
        require_text,
    )
    from .files import read_pair_paths, read_path, read_presplit_document, read_text_file
    from .html import extract_html_text, read_html
    from .jsonl import iter_jsonl, read_jsonl
    from .language import block_language, language_of
    from .layout import Layout, document_layout
    from .pair import read_pair
    from .presplit import presplit_blocks
    from .table import Reader, reader_for, readers


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
