"""A document given as two texts: the Persian text (source 0) and its English translation (source 1)."""
from __future__ import annotations

from dataclasses import replace

from ..errors import InputError
from ..records import EN, FA, Block, Document
from .blocks import BOILERPLATE, text_blocks
from .document import document_id, require_text
from .language import Scripts, block_language, reads_as_english
from .presplit import presplit_blocks

FA_SOURCE, EN_SOURCE = 0, 1


def read_pair(
    fa_text: str,
    en_text: str,
    source: str,
    presplit: bool = False,
    doc_id: str | None = None,
    meta: tuple[tuple[str, str], ...] = (("format", "pair"),),
    declared: bool = False,
    fa_scripts: Scripts | None = None,
) -> Document:
    """One Document with texts (fa_text, en_text).

    Blocks are read from each text as from a one-file document, so a title, boilerplate or an
    untranslated line in either file is found the same way. With presplit, every non-empty line is
    one block labelled with its file's language (the user has segmented the text already).

    `declared`: the texts come labelled (JSON's "fa" and "en" fields), so a text none of whose
    paragraphs reads as its language (a number, a name in Latin letters, an untranslated copy)
    still counts as that language; the checks then say what is wrong with it, rather than the
    reader refusing a document its writer labelled.

    `fa_scripts`: text_scripts(fa_text), where the caller has counted them already.
    """
    require_text(fa_text, source, "Persian text")
    require_text(en_text, source, "English text")
    texts = (fa_text, en_text)
    if presplit:
        # Labels come from the file, not the content, so swapped files would pair silently.
        if reads_as_english(fa_text, fa_scripts) and block_language(en_text) == FA:
            raise InputError(f"{source}: the Persian and English files look swapped")
        blocks = presplit_blocks(fa_text, FA_SOURCE, FA) + presplit_blocks(en_text, EN_SOURCE, EN)
    else:
        fa_blocks, en_blocks = text_blocks(fa_text, FA_SOURCE), text_blocks(en_text, EN_SOURCE)
        if declared:
            fa_blocks, en_blocks = _as_declared(fa_blocks, FA), _as_declared(en_blocks, EN)
        blocks = fa_blocks + en_blocks
    return Document(id=doc_id or document_id(texts), source=source, texts=texts, blocks=blocks, meta=meta)


def _as_declared(blocks: tuple[Block, ...], lang: str) -> tuple[Block, ...]:
    """The article blocks of a text labelled `lang`, relabelled `lang` if none of them reads as it;
    a text all of whose blocks read as site furniture (a lone "© …" line) is its writer's text all
    the same, paragraphs of `lang` (the checks say what is wrong with it)."""
    article = [b for b in blocks if b.kind != BOILERPLATE]
    if not article:
        return tuple(replace(b, lang=lang, kind="paragraph", reason="") for b in blocks)
    if any(b.lang == lang for b in article):
        return blocks
    return tuple(b if b.kind == BOILERPLATE else replace(b, lang=lang) for b in blocks)
