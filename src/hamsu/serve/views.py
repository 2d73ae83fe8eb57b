"""The work the pages and the API share, over a corpus (run in the thread pool): a search, a
document's metadata, one page of a document's side-by-side view, an export."""
from __future__ import annotations

from typing import Any

from fastapi import HTTPException
from fastapi.responses import Response

from ..formats import writers
from ..store import queries
from .corpus import Corpus
from .deps import MAX_ID, not_found, one_line
from .render import EN, FA, document_view


def run_search(
    corpus: Corpus, q: str, lang: str | None, limit: int, offset: int, lenient: bool = False
) -> dict[str, Any]:
    from ..store.search import QueryError, search

    q = q.strip()
    if not q and not lenient:
        raise HTTPException(400, "empty search query")
    try:
        result = search(corpus.conn(), q, lang=lang, limit=limit, offset=offset, lenient=lenient)
    except QueryError as e:
        raise HTTPException(400, one_line(str(e))) from None
    hits = [
        {
            "unit_id": h.unit_id,
            "doc_id": h.doc_id,
            "doc_key": h.doc_key,
            "title": h.title,
            "unit_idx": h.unit_idx,
            "fa": h.fa,
            "en": h.en,
            "score": h.score,
            "flags": list(h.flags),
            "fa_marks": [list(m) for m in h.fa_marks],
            "en_marks": [list(m) for m in h.en_marks],
        }
        for h in result.hits
    ]
    return {
        "query": q,
        "lang": lang,
        "limit": limit,
        "offset": offset,
        "has_more": bool(result.more),
        "names": list(result.names),
        "hits": hits,
    }


def document_detail(corpus: Corpus, doc_id: int) -> dict[str, Any]:
    conn = corpus.conn()
    doc = queries.get_document(conn, doc_id)
    if doc is None:
        raise not_found("document", doc_id)
    doc["blocks"] = queries.blocks(conn, doc_id)
    doc["document_flags"] = queries.document_flags(conn, doc_id)
    return doc


def document_page(corpus: Corpus, doc_id: int, page: int, units_per_page: int) -> dict[str, Any]:
    conn = corpus.conn()
    doc = queries.get_document(conn, doc_id)
    if doc is None:
        raise not_found("document", doc_id)
    pages = max(1, -(-doc["n_units"] // units_per_page))
    if page > pages:
        raise HTTPException(404, f"no page {page} of document {doc_id}: it has {pages}")

    def build() -> dict[str, Any]:
        offset = (page - 1) * units_per_page
        # One unit more than the page: where the next page starts, so that sentences and
        # blocks in between (in no unit, or boilerplate) are shown on this one.
        units = queries.units(conn, doc_id, units_per_page + 1, offset)
        following, units = units[units_per_page:], units[:units_per_page]
        sentences, next_blocks = [], []
        for lang in (FA, EN):
            ids = [i for u in units for i in u[f"{lang}_ids"]]
            after = [i for u in following for i in u[f"{lang}_ids"]]
            first = 0 if page == 1 else min(ids, default=None)
            last = min(after) - 1 if after else (MAX_ID if not following else max(ids, default=-1))
            if first is not None:
                sentences += queries.sentences_between(conn, doc_id, lang, first, last)
            if after:
                starts_next = queries.sentences_between(conn, doc_id, lang, last + 1, last + 1)
                next_blocks += [s["block"] for s in starts_next]
        in_page = {s["block"] for s in sentences}
        with_sentences = queries.blocks_with_sentences(conn, doc_id)
        lowest = 0 if page == 1 else min(in_page, default=0)
        highest = min(next_blocks) - 1 if next_blocks else (MAX_ID if not following else max(in_page, default=0))
        blocks = [
            b for b in queries.blocks(conn, doc_id)
            if b["idx"] in in_page or (b["idx"] not in with_sentences and lowest <= b["idx"] <= highest)
        ]
        last_idx = units[-1]["idx"] if units else -1
        first_idx = units[0]["idx"] if units else 0
        names = queries.names_of_units(conn, doc_id, first_idx, last_idx)
        flags = queries.document_flags(conn, doc_id) + queries.flags_of_units(conn, doc_id, first_idx, last_idx)
        sides = document_view(queries.document_texts(conn, doc_id), blocks, sentences, units, names, flags)
        pairs: dict[tuple[str, str], int] = {}
        for n in names:
            key = (n["fa"] or "", n["en"] or "")
            pairs[key] = pairs.get(key, 0) + 1
        return {
            "sides": sides,
            "doc_flags": [f for f in flags if f["unit_id"] is None],
            "unit_flags": [f for f in flags if f["unit_id"] is not None],
            "names": sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0][1], kv[0][0])),
            "null_units": queries.count_null_units(conn, doc_id),
            "units_shown": (offset + 1, offset + len(units)),
        }

    view = corpus.cached_view((doc_id, doc["content_hash"], page), build)
    links = {
        "prev": f"/doc/{doc_id}?page={page - 1}" if page > 1 else None,
        "next": f"/doc/{doc_id}?page={page + 1}" if page < pages else None,
    }
    return {"doc": doc, "page": page, "pages": pages, "page_links": links, **view}


def export_text(corpus: Corpus, fmt: str, doc_ids: list[int] | None = None, unit_ids: list[int] | None = None) -> str:
    from ..store.export import export_corpus

    return "".join(export_corpus(corpus.conn(), fmt, doc_ids=doc_ids, unit_ids=unit_ids))


def export_response(text: str, fmt: str, name: str) -> Response:
    writer = writers()[fmt]
    return Response(
        text.encode("utf-8"),
        media_type=writer.media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}{writer.suffix}"'},
    )
