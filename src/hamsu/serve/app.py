"""The web reader and JSON API over a corpus database (FastAPI, Jinja2, served by uvicorn).

    create_app(path, token=None, allowed_hosts=None) -> FastAPI

Pages: / (search), /doc/{id} (side by side), /overview, /export/... (TMX, TSV, JSON lines).
API: /api/search, /api/documents[/{id}[/units|/names]], /api/units/{id}, /api/names, /api/flags,
/api/overview, described at /openapi.json. POST /api/ingest exists only with a token.

Safe by default: read-only connections (SQLite refuses writes on them), parameterized SQL
(store/queries.py), every corpus text escaped (Jinja2 autoescape; marked-up text built from escaped
pieces in render.py), bounded page sizes and bodies, a Content-Security-Policy that allows no
inline script, and a Host check against DNS rebinding when bound to loopback.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import HamsuError
from ..formats import exchange_formats, writers
from ..store import queries
from . import models
from .render import EN, FA, document_view, histogram_svg, marked, marks_from_ranges

log = logging.getLogger("hamsu.serve")

HERE = Path(__file__).parent
MAX_PAGE = 100  # largest page size anywhere
MAX_OFFSET = 100_000
MAX_QUERY = 256  # characters in a search query
MAX_BODY = 5 * 1024 * 1024  # bytes in an ingest request
MAX_ID = 2**63 - 1  # SQLite's largest integer: a larger id cannot be a row, nor even be looked up
MAX_JSON_DEPTH = 32  # arrays and objects inside one another in an ingest body (the document needs 1)
UNITS_PER_PAGE = 500  # units on one page of /doc/{id}
MAX_DOC_PAGE = 1_000_000  # more pages than any document has (the store holds int64 units at most)
# Worker threads. SQLite releases the GIL while it reads, but rendering holds it: more threads than
# this only queue on the GIL (bench/serve_load.py).
THREADS = 8
EXPORT_LIMIT = 10_000  # units in a search export (the first, in id order)
# The exchange formats of the writer table (hamsu's TMX, TSV, JSON lines and any plugin's): each
# page links to its export in every one, and the export routes take no other.
EXPORT_FORMATS = exchange_formats()
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]
Lang = Literal["fa", "en"]
Fmt = Literal[EXPORT_FORMATS]  # type: ignore[valid-type]
DocId = Annotated[int, PathParam(ge=1, le=MAX_ID, description="A document id.")]
UnitId = Annotated[int, PathParam(ge=1, le=MAX_ID, description="A unit id.")]


class HeadAsGet:
    """ASGI middleware: HEAD answered wherever GET is, as GET without the body (RFC 9110)."""

    def __init__(self, app: Callable) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_without_body(message: dict) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return  # the rest of a streamed body: HEAD sends none of it
                message = {"type": "http.response.body", "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_without_body)


class SecurityHeaders:
    """ASGI middleware: the security headers on every HTTP response."""

    def __init__(self, app: Callable) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    h for h in SECURITY_HEADERS if h[0] not in present
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class Corpus:
    """The corpus database: a read-only connection per worker thread, one writer at a time, and
    rendered document views cached by (id, content hash)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self.write_lock = threading.Lock()
        self._views: OrderedDict[tuple[int, str, int], dict] = OrderedDict()

    def conn(self) -> sqlite3.Connection:
        """This thread's read-only connection (sqlite3 connections stay on their thread)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = queries.connect_readonly(self.path)
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()

    def cached_view(self, key: tuple[int, str, int], build: Callable[[], dict]) -> dict:
        with self._lock:
            view = self._views.get(key)
            if view is not None:
                self._views.move_to_end(key)
                return view
        view = build()
        with self._lock:
            self._views[key] = view
            while len(self._views) > 64:
                self._views.popitem(last=False)
        return view


def check_corpus(path: str | Path) -> None:
    """HamsuError unless `path` is a hamsu corpus database that can be read."""
    p = Path(path)
    if not p.exists():
        raise HamsuError(f"{p}: no such corpus database")
    if p.is_dir():
        raise HamsuError(f"{p}: is a directory, not a corpus database")
    try:
        conn = queries.connect_readonly(p)
        try:
            tables = queries.table_names(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        raise HamsuError(f"{p}: not a corpus database ({e})") from None
    missing = {"documents", "units", "sentences", "blocks", "flags", "names"} - tables
    if missing:
        raise HamsuError(f"{p}: not a hamsu corpus (no {', '.join(sorted(missing))} table)")
    from ..store import open_store

    open_store(p, readonly=True).close()  # the store's own checks: its file, a schema it reads


def _error_json(status: int, message: str, details: list | None = None, headers: dict | None = None) -> JSONResponse:
    body = models.ErrorOut(status=status, error=message, details=details).model_dump(exclude_none=True)
    return JSONResponse(body, status_code=status, headers=headers)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _validation_message(errors: list[dict]) -> str:
    parts = []
    for e in errors:
        loc = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body"))
        parts.append(f"{loc}: {e.get('msg', 'invalid')}" if loc else e.get("msg", "invalid"))
    return _one_line("; ".join(parts)) or "invalid request"


def _page_links(path: str, params: dict[str, Any], offset: int, limit: int, has_more: bool) -> dict[str, str | None]:
    def url(off: int) -> str:
        kept = {k: v for k, v in params.items() if v not in (None, "")}
        return f"{path}?{urlencode({**kept, 'offset': off, 'limit': limit})}"

    return {
        "prev": url(max(offset - limit, 0)) if offset > 0 else None,
        "next": url(offset + limit) if has_more else None,
    }


ERRORS = {
    400: {"model": models.ErrorOut, "description": "Bad request (e.g. a search query that cannot be parsed)."},
    404: {"model": models.ErrorOut, "description": "Not found."},
    422: {"model": models.ErrorOut, "description": "A parameter out of range or of the wrong type."},
}


def create_app(
    db_path: str | Path,
    *,
    token: str | None = None,
    allowed_hosts: list[str] | None = None,
    max_body: int = MAX_BODY,
    threads: int = THREADS,
) -> FastAPI:
    """The application over the corpus at `db_path`. With `token`, POST /api/ingest accepts
    documents from requests that carry `Authorization: Bearer TOKEN`; without, it answers 404.
    `allowed_hosts`: Host header values to accept (None: any). `threads`: worker threads for the
    database work and page rendering."""
    check_corpus(db_path)
    corpus = Corpus(db_path)
    token_digest = hashlib.sha256(token.encode()).digest() if token else None

    app = FastAPI(
        title="hamsu corpus",
        version=__version__,
        description=(
            "Read-only JSON API over a hamsu Persian–English corpus: search, documents, aligned units, "
            "names and flags. Offsets are code-point [start, end) ranges. Page sizes are at most "
            f"{MAX_PAGE}. POST /api/ingest exists only when the server was started with a token."
        ),
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN: no network, and the CSP forbids it
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.corpus = corpus
    if allowed_hosts is not None:
        from starlette.middleware.trustedhost import TrustedHostMiddleware

        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.add_middleware(HeadAsGet)
    app.add_middleware(SecurityHeaders)  # added last: outermost, so on every response
    app.router.add_event_handler("shutdown", corpus.close)

    def set_threads() -> None:
        import anyio.to_thread

        anyio.to_thread.current_default_thread_limiter().total_tokens = threads

    app.router.add_event_handler("startup", set_threads)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals["version"] = __version__
    templates.env.globals["ingest_enabled"] = token is not None
    templates.env.globals["units_per_page"] = UNITS_PER_PAGE

    def is_api(request: Request) -> bool:
        path = request.url.path
        return path.startswith("/api/") or path == "/api" or path == "/openapi.json"

    def error_page(request: Request, status: int, message: str) -> HTMLResponse:
        context = {"status": status, "message": message, "title": f"Error {status}"}
        return templates.TemplateResponse(request, "error.html", context, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page: {request.url.path}"
        if exc.status_code == 405:
            message = f"method {request.method} not allowed on {request.url.path}"
        if is_api(request):
            return _error_json(exc.status_code, _one_line(message), headers=getattr(exc, "headers", None))
        return error_page(request, exc.status_code, _one_line(message))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        errors = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")} for e in exc.errors()
        ]
        message = _validation_message(errors)
        if is_api(request):
            return _error_json(422, message, errors)
        return error_page(request, 400, message)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        if is_api(request):
            return _error_json(500, "internal error")
        return error_page(request, 500, "internal error")

    # --- shared work (runs in the thread pool) ---------------------------------------------------

    def not_found(what: str, ident: int) -> HTTPException:
        return HTTPException(404, f"no {what} with id {ident}")

    def run_search(q: str, lang: str | None, limit: int, offset: int, lenient: bool = False) -> dict[str, Any]:
        from ..store.search import QueryError, search

        q = q.strip()
        if not q and not lenient:
            raise HTTPException(400, "empty search query")
        try:
            result = search(corpus.conn(), q, lang=lang, limit=limit, offset=offset, lenient=lenient)
        except QueryError as e:
            raise HTTPException(400, _one_line(str(e))) from None
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

    def document_detail(doc_id: int) -> dict[str, Any]:
        conn = corpus.conn()
        doc = queries.get_document(conn, doc_id)
        if doc is None:
            raise not_found("document", doc_id)
        doc["blocks"] = queries.blocks(conn, doc_id)
        doc["document_flags"] = queries.document_flags(conn, doc_id)
        return doc

    def document_page(doc_id: int, page: int) -> dict[str, Any]:
        conn = corpus.conn()
        doc = queries.get_document(conn, doc_id)
        if doc is None:
            raise not_found("document", doc_id)
        pages = max(1, -(-doc["n_units"] // UNITS_PER_PAGE))
        if page > pages:
            raise HTTPException(404, f"no page {page} of document {doc_id}: it has {pages}")

        def build() -> dict[str, Any]:
            offset = (page - 1) * UNITS_PER_PAGE
            # One unit more than the page: where the next page starts, so that sentences and
            # blocks in between (in no unit, or boilerplate) are shown on this one.
            units = queries.units(conn, doc_id, UNITS_PER_PAGE + 1, offset)
            following, units = units[UNITS_PER_PAGE:], units[:UNITS_PER_PAGE]
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

    def export_text(fmt: str, doc_ids: list[int] | None = None, unit_ids: list[int] | None = None) -> str:
        from ..store.export import export_corpus

        return "".join(export_corpus(corpus.conn(), fmt, doc_ids=doc_ids, unit_ids=unit_ids))

    def export_response(text: str, fmt: str, name: str) -> Response:
        writer = writers()[fmt]
        return Response(
            text.encode("utf-8"),
            media_type=writer.media_type,
            headers={"Content-Disposition": f'attachment; filename="{name}{writer.suffix}"'},
        )

    # --- pages -------------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(
        request: Request,
        q: str = Query("", max_length=MAX_QUERY),
        lang: Literal["", "fa", "en"] = "",
        limit: int = Query(20, ge=1, le=MAX_PAGE),
        offset: int = Query(0, ge=0, le=MAX_OFFSET),
    ) -> Response:
        context: dict[str, Any] = {"q": q, "lang": lang, "limit": limit, "offset": offset, "title": "Search"}
        status = 200
        if q.strip():
            try:
                result = run_search(q, lang or None, limit, offset)
            except HTTPException as e:
                context["error"] = e.detail
                status = e.status_code
            else:
                for hit in result["hits"]:
                    hit["fa_html"] = marked(hit["fa"], marks_from_ranges(hit["fa_marks"], "hit"))
                    hit["en_html"] = marked(hit["en"], marks_from_ranges(hit["en_marks"], "hit"))
                context["result"] = result
                context["pages"] = _page_links(
                    "/search", {"q": q, "lang": lang}, offset, limit, result["has_more"]
                )
                params = urlencode({k: v for k, v in (("q", q), ("lang", lang)) if v})
                context["exports"] = {fmt: f"/export/search.{fmt}?{params}" for fmt in EXPORT_FORMATS}
                api_params = {"q": q, "lang": lang, "limit": limit, "offset": offset}
                context["api_url"] = f"/api/search?{urlencode(api_params)}"
        else:
            conn = corpus.conn()
            context["documents"] = queries.list_documents(conn, 10, 0)
            context["n_documents"] = queries.count_documents(conn)
        return templates.TemplateResponse(request, "search.html", context, status_code=status)

    @app.get("/doc/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def doc_page(
        request: Request,
        doc_id: DocId,
        page_number: int = Query(1, alias="page", ge=1, le=MAX_DOC_PAGE, description=f"{UNITS_PER_PAGE} units a page."),
    ) -> Response:
        page = document_page(doc_id, page_number)
        doc = page["doc"]
        page["title"] = doc["title"] or doc["doc_key"]
        page["exports"] = {fmt: f"/export/doc/{doc_id}.{fmt}" for fmt in EXPORT_FORMATS}
        url = doc["url"]
        page["doc_url"] = url if url.lower().startswith(("http://", "https://")) else None
        page["FA"] = FA
        return templates.TemplateResponse(request, "document.html", page)

    @app.get("/overview", response_class=HTMLResponse, include_in_schema=False)
    def overview_page(
        request: Request,
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
            "pages": _page_links("/overview", {}, offset, limit, offset + len(docs) < total),
            "offset": offset,
            "path": str(corpus.path.name),
            "export_formats": EXPORT_FORMATS,
        }
        return templates.TemplateResponse(request, "overview.html", context)

    @app.get("/export/doc/{doc_id}.{fmt}", include_in_schema=False)
    def export_document(doc_id: DocId, fmt: Fmt) -> Response:
        doc = queries.get_document(corpus.conn(), doc_id)
        if doc is None:
            raise not_found("document", doc_id)
        return export_response(export_text(fmt, doc_ids=[doc_id]), fmt, f"hamsu-doc-{doc_id}")

    @app.get("/export/search.{fmt}", include_in_schema=False)
    def export_search(
        fmt: Fmt, q: str = Query(..., max_length=MAX_QUERY), lang: Literal["", "fa", "en"] = ""
    ) -> Response:
        from ..store.search import QueryError, search_unit_ids

        if not q.strip():
            raise HTTPException(400, "empty search query")
        try:
            unit_ids = search_unit_ids(corpus.conn(), q.strip(), lang=lang or None)
        except QueryError as e:
            raise HTTPException(400, _one_line(str(e))) from None
        response = export_response(export_text(fmt, unit_ids=unit_ids[:EXPORT_LIMIT]), fmt, "hamsu-search")
        response.headers["X-Hamsu-Units"] = str(min(len(unit_ids), EXPORT_LIMIT))
        if len(unit_ids) > EXPORT_LIMIT:
            response.headers["X-Hamsu-Truncated"] = f"the first {EXPORT_LIMIT} of {len(unit_ids)} units"
        return response

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return RedirectResponse("/static/favicon.svg", status_code=301)

    # --- API -------------------------------------------------------------------------------------
    # Each endpoint is async and runs its database work in the thread pool: one trip there per
    # request (a sync endpoint with a response model takes two, the second to validate).

    @app.get("/api/search", response_model=models.SearchOut, responses=ERRORS, tags=["search"])
    async def api_search(
        q: str = Query(..., min_length=1, max_length=MAX_QUERY, description="Words, a \"phrase\", or a name."),
        lang: Lang | None = Query(None, description="Search one side only."),
        limit: int = Query(20, ge=1, le=MAX_PAGE),
        offset: int = Query(0, ge=0, le=MAX_OFFSET),
    ) -> dict[str, Any]:
        """Aligned units whose Persian or English text matches the query, best first.

        Any text is a query: syntax that cannot be read (an unclosed quote, a lone OR) is searched
        as plain words, and a query with no letters or digits finds nothing."""
        return await run_in_threadpool(run_search, q, lang, limit, offset, True)

    @app.get("/api/documents", response_model=models.DocumentList, responses=ERRORS, tags=["documents"])
    async def api_documents(
        limit: int = Query(20, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=MAX_OFFSET)
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

    @app.get("/api/documents/{doc_id}", response_model=models.DocumentDetail, responses=ERRORS, tags=["documents"])
    async def api_document(doc_id: DocId) -> dict[str, Any]:
        """One document: metadata, blocks (boilerplate with its reason) and document-level flags."""
        return await run_in_threadpool(document_detail, doc_id)

    @app.get("/api/documents/{doc_id}/units", response_model=models.UnitList, responses=ERRORS, tags=["units"])
    async def api_document_units(
        doc_id: DocId, limit: int = Query(20, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=MAX_OFFSET)
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

    @app.get("/api/documents/{doc_id}/names", response_model=models.DocumentNames, responses=ERRORS, tags=["names"])
    async def api_document_names(doc_id: DocId) -> dict[str, Any]:
        """The names linked (or left alone) in each unit of a document."""

        def work() -> dict[str, Any]:
            conn = corpus.conn()
            if queries.get_document(conn, doc_id) is None:
                raise not_found("document", doc_id)
            return {"doc_id": doc_id, "items": queries.document_names(conn, doc_id)}

        return await run_in_threadpool(work)

    @app.get("/api/units/{unit_id}", response_model=models.UnitDetail, responses=ERRORS, tags=["units"])
    async def api_unit(unit_id: UnitId) -> dict[str, Any]:
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

    @app.get("/api/names", response_model=models.NameTableOut, responses=ERRORS, tags=["names"])
    async def api_names(
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

    @app.get("/api/flags", response_model=models.FlagList, responses=ERRORS, tags=["flags"])
    async def api_flags(
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

    @app.get("/api/overview", response_model=models.OverviewOut, responses=ERRORS, tags=["corpus"])
    async def api_overview() -> dict[str, Any]:
        """Counts, flags by rule and severity, and a histogram of unit scores."""
        return await run_in_threadpool(lambda: queries.overview(corpus.conn()))

    # --- ingest (only with a token) ----------------------------------------------------------------

    # JSON only: its "fa" and "en" fields say which text is which, so every document the schema
    # allows can be stored. A text or page holding both languages is read by telling the languages
    # apart, which can fail on text a schema allows (one language only): `hamsu ingest FILE` takes those.
    ingest_body = {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": models.IngestIn.model_json_schema()}},
        }
    }

    @app.post(
        "/api/ingest",
        response_model=models.IngestOut,
        tags=["ingest"],
        include_in_schema=token is not None,
        openapi_extra=ingest_body,
        responses={
            **ERRORS,
            401: {"model": models.ErrorOut, "description": "Missing or wrong bearer token."},
            413: {"model": models.ErrorOut, "description": f"Body larger than {max_body} bytes."},
            415: {"model": models.ErrorOut, "description": "Not JSON."},
        },
    )
    async def api_ingest(request: Request) -> dict[str, Any]:
        """Process a document (normalize, split, align, link names, check) and store it.
        Needs `Authorization: Bearer TOKEN`.

        The body is one JSON object as a line of `hamsu ingest`'s JSON lines: "fa", "en", and
        optionally "id", "url", "title", "date"; in UTF-8 unless its Content-Type declares a
        charset. It is stored under its "id" (else its content). The same key with new content
        replaces the stored version; the same content again is "unchanged"."""
        if token_digest is None:
            raise HTTPException(404, "ingest is disabled: the server was started without --token")
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        given_digest = hashlib.sha256(given.strip().encode()).digest()
        if scheme.lower() != "bearer" or not hmac.compare_digest(given_digest, token_digest):
            raise HTTPException(401, "a valid 'Authorization: Bearer TOKEN' header is required",
                                headers={"WWW-Authenticate": "Bearer"})
        too_large = HTTPException(413, f"request body larger than {max_body} bytes")
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > max_body):
            raise too_large
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > max_body:
                raise too_large
        document = _ingest_document(bytes(body), request.headers.get("content-type", ""))
        return await run_in_threadpool(_ingest, corpus, document)

    return app


def _fold_fa(text: str) -> str | None:
    """`text` folded like names.fa_key, when the store's folding is available."""
    try:
        from ..store.fold import fold_fa
    except ImportError:
        return None
    try:
        return fold_fa(text)
    except Exception:  # noqa: BLE001 - a lookup aid only
        return None


_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_JSON_NESTING = re.compile(r"[\[\]{}]")


def json_depth(text: str, limit: int) -> int:
    """How deeply arrays and objects nest in a JSON text, counted up to `limit` + 1: a cheap scan
    made before parsing, so that no parser ever recurses that deep."""
    depth = deepest = 0
    for bracket in _JSON_NESTING.findall(_JSON_STRING.sub("", text)):
        depth = depth + 1 if bracket in "[{" else depth - 1
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                break
    return deepest


def _media_type(header: str) -> tuple[str, str | None]:
    """(media type, declared charset or None) of a Content-Type header."""
    media, *params = header.split(";")
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"') or None
    return media.strip().lower(), charset


def _ingest_document(body: bytes, content_type: str):
    """The Document an ingest request carries, or an HTTPException saying what is wrong with it:
    the body read as `hamsu ingest` reads a line of JSON lines (decoded in its declared charset,
    else UTF-8; binary data refused), with the CLI's messages."""
    from ..errors import InputError
    from ..read import require_both_languages
    from ..read.decode import decode_bytes
    from ..read.jsonl import parse_line
    from ..read.table import readers

    source = "POST /api/ingest"
    ctype, charset = _media_type(content_type)
    if ctype not in ("application/json", ""):
        raise HTTPException(
            415,
            f'content type {ctype!r} not accepted: send a JSON object {{"fa": ..., "en": ...}}'
            " (a file holding both languages: hamsu ingest FILE)",
        )
    try:
        # The CLI's hint names its --encoding option; a request declares its charset instead.
        try:
            text = decode_bytes(body, source, charset or "utf-8")
        except InputError as e:
            raise InputError(str(e).replace("try --encoding", "declare a charset such as")) from None
        if json_depth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
            raise InputError(f"{source}: not valid JSON (nested more than {MAX_JSON_DEPTH} deep)")
        record = parse_line(text, source)
        try:
            given = models.IngestIn.model_validate(record)
        except ValidationError as e:
            errors = [{"loc": list(x["loc"]), "msg": x["msg"], "type": x["type"]} for x in e.errors()]
            raise RequestValidationError(errors) from None
        # Read by the JSON-lines reader of the table, as `hamsu ingest` reads a line of a .jsonl file.
        document = readers()["jsonl"].line(json.dumps(given.model_dump(exclude_none=True), ensure_ascii=False), source)
        require_both_languages(document)
    except InputError as e:
        raise HTTPException(400, _one_line(str(e))) from None
    return document


def _ingest(corpus: Corpus, document) -> dict[str, Any]:
    from ..pipeline import process_document
    from ..store import open_store

    try:
        checked = process_document(document)
    except HamsuError as e:
        raise HTTPException(400, _one_line(str(e))) from None
    from ..store.ingest import document_key

    key = document_key(document)
    with corpus.write_lock, open_store(corpus.path) as store:
        status = store.ingest(checked)
        row = queries.document_counts(store.conn, key)
    return {
        "status": status,
        "doc_id": row["id"] if row else None,
        "doc_key": key,
        "n_units": row["n_units"] if row else len(checked.alignment.units),
        "n_flags": row["n_flags"] if row else len(checked.flags),
    }
