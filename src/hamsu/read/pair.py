"""A document given as two texts: the Persian text (source 0) and its English translation (source 1)."""
from __future__ import annotations

from ..errors import InputError
from ..records import EN, FA, Document
from .blocks import text_blocks
from .document import document_id, require_text
from .language import block_language
from .presplit import presplit_blocks

FA_SOURCE, EN_SOURCE = 0, 1


def read_pair(
    fa_text: str,
    en_text: str,
    source: str,
    presplit: bool = False,
    doc_id: str | None = None,
    meta: tuple[tuple[str, str], ...] = (("format", "pair"),),
) -> Document:
    """One Document with texts (fa_text, en_text).

    Blocks are read from each text as from a one-file document, so a title, boilerplate or an
    untranslated line in either file is found the same way. With presplit, every non-empty line is
    one block labelled with its file's language (the user has segmented the text already).
    """
    require_text(fa_text, source, "Persian text")
    require_text(en_text, source, "English text")
    texts = (fa_text, en_text)
    if presplit:
        # Labels come from the file, not the content, so swapped files would pair silently.
        if block_language(fa_text) == EN and block_language(en_text) == FA:
            raise InputError(f"{source}: the Persian and English files look swapped")
        blocks = presplit_blocks(fa_text, FA_SOURCE, FA) + presplit_blocks(en_text, EN_SOURCE, EN)
    else:
        blocks = text_blocks(fa_text, FA_SOURCE) + text_blocks(en_text, EN_SOURCE)
    return Document(id=doc_id or document_id(texts), source=source, texts=texts, blocks=blocks, meta=meta)
