"""The web reader and JSON API over a corpus database (FastAPI, Jinja2, served by uvicorn).

    create_app(path, token=None, allowed_hosts=None) -> FastAPI

Pages: / (search), /doc/{id} (side by side), /overview, /export/... (TMX, TSV, JSON lines).
API: /api/search, /api/documents[/{id}[/units|/names]], /api/units/{id}, /api/names, /api/flags,
/api/overview, described at /openapi.json. POST /api/ingest exists only with a token.

The routes are in routes/ (one router a kind), the work they share in views.py; each gets the
corpus and the settings by dependency (deps.py). create_app assembles them with the middleware and
the error handlers.

Safe by default: read-only connections (SQLite refuses writes on them), parameterized SQL
(store/queries.py), every corpus text escaped (Jinja2 autoescape; marked-up text built from escaped
pieces in render.py), bounded page sizes and bodies, a Content-Security-Policy that allows no
inline script, and a Host check against DNS rebinding when bound to loopback.
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from .corpus import Corpus, check_corpus
from .deps import (  # noqa: F401 - the limits' old address (tests and callers read them here)
    EXPORT_FORMATS,
    EXPORT_LIMIT,
    MAX_BODY,
    MAX_DOC_PAGE,
    MAX_ID,
    MAX_JSON_DEPTH,
    MAX_OFFSET,
    MAX_PAGE,
    MAX_QUERY,
    UNITS_PER_PAGE,
    Settings,
    error_json,
    one_line,
)
from .routes import api, export, ingest, pages

__all__ = ["LOOPBACK_HOSTS", "Corpus", "check_corpus", "create_app"]

log = logging.getLogger("hamsu.serve")

HERE = Path(__file__).parent
# Worker threads. SQLite releases the GIL while it reads, but rendering holds it: more threads than
# this only queue on the GIL (bench/serve_load.py).
THREADS = 8
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


def _validation_message(errors: list[dict]) -> str:
    parts = []
    for e in errors:
        loc = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body"))
        parts.append(f"{loc}: {e.get('msg', 'invalid')}" if loc else e.get("msg", "invalid"))
    return one_line("; ".join(parts)) or "invalid request"


def _is_api(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path == "/api" or path == "/openapi.json"


def _error_page(request: Request, status: int, message: str) -> HTMLResponse:
    context = {"status": status, "message": message, "title": f"Error {status}"}
    templates = request.app.state.settings.templates
    return templates.TemplateResponse(request, "error.html", context, status_code=status)


async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
    message = exc.detail if isinstance(exc.detail, str) else "error"
    if exc.status_code == 404 and message == "Not Found":
        message = f"no such page: {request.url.path}"
    if exc.status_code == 405:
        message = f"method {request.method} not allowed on {request.url.path}"
    if _is_api(request):
        return error_json(exc.status_code, one_line(message), headers=getattr(exc, "headers", None))
    return _error_page(request, exc.status_code, one_line(message))


async def validation_error(request: Request, exc: RequestValidationError) -> Response:
    errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")} for e in exc.errors()]
    message = _validation_message(errors)
    if _is_api(request):
        return error_json(422, message, errors)
    return _error_page(request, 400, message)


async def internal_error(request: Request, exc: Exception) -> Response:
    log.exception("error serving %s", request.url.path)
    if _is_api(request):
        return error_json(500, "internal error")
    return _error_page(request, 500, "internal error")


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
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals["version"] = __version__
    templates.env.globals["ingest_enabled"] = token is not None
    templates.env.globals["units_per_page"] = UNITS_PER_PAGE
    # What the routes get by dependency (deps.get_corpus, deps.get_settings).
    app.state.corpus = corpus
    app.state.settings = Settings(
        token_digest=hashlib.sha256(token.encode()).digest() if token else None,
        max_body=max_body,
        units_per_page=UNITS_PER_PAGE,
        templates=templates,
    )
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
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, internal_error)
    app.include_router(pages.router)
    app.include_router(export.router)
    app.include_router(api.router)
    app.include_router(ingest.router(max_body, in_schema=token is not None))
    return app
