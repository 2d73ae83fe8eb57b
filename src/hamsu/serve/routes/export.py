"""The exports: a document, or the units a search finds, in an exchange format of the writer table."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response

from ...store import queries
from ..deps import EXPORT_LIMIT, MAX_QUERY, CorpusDep, DocId, Fmt, not_found, one_line
from ..views import export_response, export_text

router = APIRouter()


@router.get("/export/doc/{doc_id}.{fmt}", include_in_schema=False)
def export_document(corpus: CorpusDep, doc_id: DocId, fmt: Fmt) -> Response:
    doc = queries.get_document(corpus.conn(), doc_id)
    if doc is None:
        raise not_found("document", doc_id)
    return export_response(export_text(corpus, fmt, doc_ids=[doc_id]), fmt, f"hamsu-doc-{doc_id}")


@router.get("/export/search.{fmt}", include_in_schema=False)
def export_search(
    corpus: CorpusDep, fmt: Fmt, q: str = Query(..., max_length=MAX_QUERY), lang: Literal["", "fa", "en"] = ""
) -> Response:
    from ...store.search import QueryError, search_unit_ids

    if not q.strip():
        raise HTTPException(400, "empty search query")
    try:
        unit_ids = search_unit_ids(corpus.conn(), q.strip(), lang=lang or None)
    except QueryError as e:
        raise HTTPException(400, one_line(str(e))) from None
    response = export_response(export_text(corpus, fmt, unit_ids=unit_ids[:EXPORT_LIMIT]), fmt, "hamsu-search")
    response.headers["X-Hamsu-Units"] = str(min(len(unit_ids), EXPORT_LIMIT))
    if len(unit_ids) > EXPORT_LIMIT:
        response.headers["X-Hamsu-Truncated"] = f"the first {EXPORT_LIMIT} of {len(unit_ids)} units"
    return response
