"""HTML pages to text (stdlib html.parser), then read as a one-file document.

The extracted text has one block-level element (paragraph, heading, list item, quotation, table
cell) per paragraph, with blank lines between, so the text reader finds the same paragraphs the
page shows. Page furniture (scripts, styles, navigation, header, footer, asides, forms) is dropped
by element, before any text heuristic runs. Offsets of the Document's blocks point into the
extracted text, which is Document.texts[0].

Real pages are often malformed; the parser is lenient and an end tag closes whatever was left
open inside its element, as browsers do, so an unclosed <nav> ends with its parent.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from ..errors import InputError
from ..records import Document
from .blocks import text_blocks
from .document import document_id, require_text

SKIPPED = frozenset(
    "script style nav header footer aside form noscript template head svg iframe button select textarea"
    " object canvas".split()
)
# Elements that start and end a paragraph of their own; anything else is inline and only text.
BLOCK_LEVEL = frozenset(
    "p h1 h2 h3 h4 h5 h6 li blockquote td th dt dd pre figcaption caption div section article main"
    " ul ol dl table tr tbody thead tfoot body html address center figure details summary hr".split()
)
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


class _TextExtractor(HTMLParser):
    """Collects paragraphs (each a list of lines) and the <title>; nothing else."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []  # elements not yet closed, outermost first
        self.skipping = 0  # how many of the open elements are SKIPPED ones
        self.paragraphs: list[list[str]] = []
        self.lines: list[str] = [""]
        self.title: list[str] = []

    def _flush(self) -> None:
        # <br><br> leaves an empty line: that is a paragraph break on many sites.
        current: list[str] = []
        for line in self.lines:
            line = _HTML_SPACE.sub(" ", line).strip()
            if line:
                current.append(line)
            elif current:
                self.paragraphs.append(current)
                current = []
        if current:
            self.paragraphs.append(current)
        self.lines = [""]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_LEVEL:
            self._flush()
        if tag == "br" and not self.skipping:
            self.lines.append("")
        if tag in VOID:
            return
        self.open.append(tag)
        if tag in SKIPPED:
            self.skipping += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK_LEVEL:
            self._flush()
        if tag not in self.open:
            return  # a stray end tag: ignored, as browsers do
        while self.open:
            closed = self.open.pop()
            if closed in SKIPPED:
                self.skipping -= 1
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1] == "title" and "svg" not in self.open:
            self.title.append(data)
        elif not self.skipping:
            self.lines[-1] += data

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        # Python's parser rejects an unknown "<![keyword ...]>" (Word's HTML has them); browsers
        # read it as a comment, and so do we.
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            return self.parse_bogus_comment(i, report)

    def close(self) -> None:
        super().close()
        self._flush()


def extract_html_text(html: str) -> tuple[str, str]:
    """(text with a blank line between paragraphs, page title) of an HTML page."""
    parser = _TextExtractor()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError, IndexError):
        # Should html.parser still give up on some malformed markup, keep what was read up to
        # there rather than lose the page.
        parser._flush()
    text = "\n\n".join("\n".join(lines) for lines in parser.paragraphs)
    title = _HTML_SPACE.sub(" ", "".join(parser.title)).strip()
    return text, title


def read_html(html: str, source: str) -> Document:
    require_text(html, source)
    text, title = extract_html_text(html)
    if not text.strip():
        raise InputError(f"{source}: no text found in the HTML (only markup, scripts or navigation)")
    texts = (text,)
    meta = (("format", "html"),) + ((("title", title),) if title else ())
    return Document(id=document_id(texts), source=source, texts=texts, blocks=text_blocks(text, 0), meta=meta)
