"""The HTML pages: search (/ and /search), a document side by side (/doc/{id}), the overview."""
from __future__ import annotations

from typing import Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...store import queries
from ..deps import (
    EXPORT_FORMATS,
    MAX_DOC_PAGE,
    MAX_OFFSET,
    MAX_PAGE,
    MAX_QUERY,
    UNITS_PER_PAGE,
    CorpusDep,
    DocId,
    SettingsDep,
    page_links,
)
from ..render import FA, histogram_svg, marked, marks_from_ranges
from ..views import document_page, run_search

router = APIRouter()


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(
    request: Request,
    corpus: CorpusDep,
    settings: SettingsDep,
    q: str = Query("", max_length=MAX_QUERY),
    lang: Literal["", "fa", "en"] = "",
    limit: int = Query(20, ge=1, le=MAX_PAGE),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> Response:
    context: dict[str, Any] = {"q": q, "lang": lang, "limit": limit, "offset": offset, "title": "Search"}
    status = 200
    if q.strip():
        try:
            result = run_search(corpus, q, lang or None, limit, offset)
        except HTTPException as e:
            context["error"] = e.detail
            status = e.status_code
        else:
            for hit in result["hits"]:
                hit["fa_html"] = marked(hit["fa"], marks_from_ranges(hit["fa_marks"], "hit"))
                hit["en_html"] = marked(hit["en"], marks_from_ranges(hit["en_marks"], "hit"))
            context["result"] = result
            context["pages"] = page_links("/search", {"q": q, "lang": lang}, offset, limit, result["has_more"])
            params = urlencode({k: v for k, v in (("q", q), ("lang", lang)) if v})
            context["exports"] = {fmt: f"/export/search.{fmt}?{params}" for fmt in EXPORT_FORMATS}
            api_params = {"q": q, "lang": lang, "limit": limit, "offset": offset}
            context["api_url"] = f"/api/search?{urlencode(api_params)}"
    else:
        conn = corpus.conn()
        context["documents"] = queries.list_documents(conn, 10, 0)
        context["n_documents"] = queries.count_documents(conn)
    return settings.templates.TemplateResponse(request, "search.html", context, status_code=status)


@router.get("/doc/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
def doc_page(
    request: Request,
    corpus: CorpusDep,
    settings: SettingsDep,
    doc_id: DocId,
    page_number: int = Query(1, alias="page", ge=1, le=MAX_DOC_PAGE, description=f"{UNITS_PER_PAGE} units a page."),
) -> Response:
    page = document_page(corpus, doc_id, page_number, settings.units_per_page)
    doc = page["doc"]
    page["title"] = doc["title"] or doc["doc_key"]
    page["exports"] = {fmt: f"/export/doc/{doc_id}.{fmt}" for fmt in EXPORT_FORMATS}
    url = doc["url"]
    page["doc_url"] = url if url.lower().startswith(("http://", "https://")) else None
    page["FA"] = FA
    return settings.templates.TemplateResponse(request, "document.html", page)


@router.get("/overview", response_class=HTMLResponse, include_in_schema=False)
def overview_page(
    request: Request,
    corpus: CorpusDep,
    settings: SettingsDep,
    limit: int = Query(50, ge=1, le=MAX_PAGE),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> Response:
    conn = corpus.conn()
    stats = queries.overview(conn)
    docs = queries.list_documents(conn, limit, offset)
    total = stats["documents"]
    context = {
        "title": "Overview",
        "stats": stats,
        "histogram": histogram_svg(stats["score_histogram"]),
        "documents": docs,
        "pages": page_links("/overview", {}, offset, limit, offset + len(docs) < total),
        "offset": offset,
        "path": str(corpus.path.name),
        "export_formats": EXPORT_FORMATS,
    }
    return settings.templates.TemplateResponse(request, "overview.html", context)


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    return RedirectResponse("/static/favicon.svg", status_code=301)
