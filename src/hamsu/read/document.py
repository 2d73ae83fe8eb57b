"""Documents from texts: the stable id, the empty-input check and the both-languages check."""
from __future__ import annotations

import hashlib
from collections.abc import Callable

from ..errors import InputError
from ..records import EN, FA, Block, Document
from .blocks import BOILERPLATE, text_blocks

LANGUAGE_NAMES = {FA: "Persian", EN: "English"}
# A text is in one language when that language holds this share of its article text's letters: a
# Persian article with a Latin-letter headline or score line is still a Persian file, while the
# halves of a bilingual document (a text and its translation) are never four to one.
PREDOMINANT_SHARE = 0.8


def document_id(texts: tuple[str, ...]) -> str:
    """The first 16 hex digits of the SHA-256 of the texts (joined by NUL): the same input always
    gets the same id, so outputs of separate runs can be matched up."""
    return hashlib.sha256("\0".join(texts).encode("utf-8")).hexdigest()[:16]


def require_text(text: str, source: str, what: str = "") -> None:
    """InputError "SOURCE: empty" for a text with nothing but whitespace."""
    if not text.strip():
        raise InputError(f"{source}: empty{f' ({what})' if what else ''}")


def single_text_document(
    text: str, source: str, doc_id: str | None, blocks: Callable[[str, int], tuple[Block, ...]], fmt: str
) -> Document:
    """A Document of one text whose blocks `blocks(text, 0)` finds, tagged with its format."""
    require_text(text, source)
    texts = (text,)
    return Document(
        id=doc_id or document_id(texts), source=source, texts=texts, blocks=blocks(text, 0), meta=(("format", fmt),)
    )


def read_document(text: str, source: str, doc_id: str | None = None) -> Document:
    """A one-file bilingual document: both languages in one text, in either order."""
    return single_text_document(text, source, doc_id, text_blocks, "text")


def languages_present(doc: Document) -> set[str]:
    """The languages of the article text (titles and paragraphs, not boilerplate)."""
    return {b.lang for b in doc.blocks if b.kind != BOILERPLATE and b.lang in (FA, EN)}


def predominant_language(doc: Document, share: float = PREDOMINANT_SHARE) -> str | None:
    """FA or EN when that language holds at least `share` of the letters of the document's
    article text (titles and paragraphs, not boilerplate); None for a mixed or empty document."""
    letters = {FA: 0, EN: 0}
    for b in doc.blocks:
        if b.kind != BOILERPLATE and b.lang in letters:
            letters[b.lang] += sum(map(str.isalpha, doc.texts[b.source][b.start : b.end]))
    total = letters[FA] + letters[EN]
    for lang, count in letters.items():
        if total and count >= share * total:
            return lang
    return None


def require_both_languages(doc: Document) -> None:
    """InputError unless doc has Persian and English article text.

    Separate from reading so that a caller going through many documents can warn and go on.
    """
    present = languages_present(doc)
    if present == {FA, EN}:
        return
    if not present:
        raise InputError(f"{doc.source}: no Persian or English text found")
    (found,) = present
    missing = EN if found == FA else FA
    raise InputError(f"{doc.source}: only {LANGUAGE_NAMES[found]} text found (no {LANGUAGE_NAMES[missing]})")
