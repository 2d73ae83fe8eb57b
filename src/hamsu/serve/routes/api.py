"""The JSON API (/api/...), described at /openapi.json."""
from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool

from ...store import queries
from .. import models
from ..deps import ERRORS, MAX_ID, MAX_OFFSET, MAX_PAGE, MAX_QUERY, CorpusDep, DocId, Lang, UnitId, not_found
from ..views import document_detail, run_search

router = APIRouter()


# Each endpoint is async and runs its database work in the thread pool: one trip there per
# request (a sync endpoint with a response model takes two, the second to validate).
@router.get("/api/search", response_model=models.SearchOut, responses=ERRORS, tags=["search"])
async def api_search(
    corpus: CorpusDep,
    q: str = Query(..., min_length=1, max_length=MAX_QUERY, description="Words, a \"phrase\", or a name."),
    lang: Lang | None = Query(None, description="Search one side only."),
    limit: int = Query(20, ge=1, le=MAX_PAGE),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> dict[str, Any]:
    """Aligned units whose Persian or English text matches the query, best first.

    Any text is a query: syntax that cannot be read (an unclosed quote, a lone OR) is searched
    as plain words, and a query with no letters or digits finds nothing."""
    return await run_in_threadpool(run_search, corpus, q, lang, limit, offset, True)


@router.get("/api/documents", response_model=models.DocumentList, responses=ERRORS, tags=["documents"])
async def api_documents(
    corpus: CorpusDep, limit: int = Query(20, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=MAX_OFFSET)
) -> dict[str, Any]:
    """The documents of the corpus, in the order they were stored."""

    def work() -> dict[str, Any]:
        conn = corpus.conn()
        return {
            "total": queries.count_documents(conn),
            "limit": limit,
            "offset": offset,
            "items": queries.list_documents(conn, limit, offset),
        }

    return await run_in_threadpool(work)


@router.get("/api/documents/{doc_id}", response_model=models.DocumentDetail, responses=ERRORS, tags=["documents"])
async def api_document(corpus: CorpusDep, doc_id: DocId) -> dict[str, Any]:
    """One document: metadata, blocks (boilerplate with its reason) and document-level flags."""
    return await run_in_threadpool(document_detail, corpus, doc_id)


@router.get("/api/documents/{doc_id}/units", response_model=models.UnitList, responses=ERRORS, tags=["units"])
async def api_document_units(
    corpus: CorpusDep,
    doc_id: DocId,
    limit: int = Query(20, ge=1, le=MAX_PAGE),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> dict[str, Any]:
    """The aligned units of a document, in order."""

    def work() -> dict[str, Any]:
        conn = corpus.conn()
        if queries.get_document(conn, doc_id) is None:
            raise not_found("document", doc_id)
        return {
            "total": queries.count_units(conn, doc_id),
            "limit": limit,
            "offset": offset,
            "items": queries.units(conn, doc_id, limit, offset),
        }

    return await run_in_threadpool(work)


@router.get("/api/documents/{doc_id}/names", response_model=models.DocumentNames, responses=ERRORS, tags=["names"])
async def api_document_names(corpus: CorpusDep, doc_id: DocId) -> dict[str, Any]:
    """The names linked (or left alone) in each unit of a document."""

    def work() -> dict[str, Any]:
        conn = corpus.conn()
        if queries.get_document(conn, doc_id) is None:
            raise not_found("document", doc_id)
        return {"doc_id": doc_id, "items": queries.document_names(conn, doc_id)}

    return await run_in_threadpool(work)


@router.get("/api/units/{unit_id}", response_model=models.UnitDetail, responses=ERRORS, tags=["units"])
async def api_unit(corpus: CorpusDep, unit_id: UnitId) -> dict[str, Any]:
    """One aligned unit with its flags and names."""

    def work() -> dict[str, Any]:
        conn = corpus.conn()
        unit = queries.get_unit(conn, unit_id)
        if unit is None:
            raise not_found("unit", unit_id)
        unit["flags"] = queries.unit_flags(conn, unit_id)
        unit["names"] = queries.unit_names(conn, unit_id)
        return unit

    return await run_in_threadpool(work)


@router.get("/api/names", response_model=models.NameTableOut, responses=ERRORS, tags=["names"])
async def api_names(
    corpus: CorpusDep,
    q: str | None = Query(None, max_length=MAX_QUERY, description="Part of either form of the name."),
    limit: int = Query(20, ge=1, le=MAX_PAGE),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> dict[str, Any]:
    """The corpus-wide name table: Persian–English pairs with how often they occur."""
    text = (q or "").strip() or None

    def work() -> dict[str, Any]:
        conn = corpus.conn()
        fa_key = _fold_fa(text) if text else None
        return {
            "total": queries.count_name_pairs(conn, text, fa_key),
            "limit": limit,
            "offset": offset,
            "items": queries.name_pairs(conn, limit, offset, text, fa_key),
        }

    return await run_in_threadpool(work)


@router.get("/api/flags", response_model=models.FlagList, responses=ERRORS, tags=["flags"])
async def api_flags(
    corpus: CorpusDep,
    rule: str | None = Query(None, min_length=1, max_length=64),
    severity: Literal["info", "minor", "warning", "major", "critical"] | None = None,
    doc_id: int | None = Query(None, ge=1, le=MAX_ID, description="Flags of this document only."),
    limit: int = Query(20, ge=1, le=MAX_PAGE),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> dict[str, Any]:
    """Flags the checks raised, filtered by rule, severity and document."""

    def work() -> dict[str, Any]:
        conn = corpus.conn()
        return {
            "total": queries.count_flags(conn, rule, severity, doc_id),
            "limit": limit,
            "offset": offset,
            "items": queries.list_flags(conn, limit, offset, rule, severity, doc_id),
        }

    return await run_in_threadpool(work)


@router.get("/api/overview", response_model=models.OverviewOut, responses=ERRORS, tags=["corpus"])
async def api_overview(corpus: CorpusDep) -> dict[str, Any]:
    """Counts, flags by rule and severity, and a histogram of unit scores."""
    return await run_in_threadpool(lambda: queries.overview(corpus.conn()))


def _fold_fa(text: str) -> str | None:
    """`text` folded like names.fa_key, when the store's folding is available."""
    try:
        from ...store.fold import search_fold_fa
    except ImportError:
        return None
    try:
        return search_fold_fa(text)
    except Exception:  # noqa: BLE001 - a lookup aid only
        return None
