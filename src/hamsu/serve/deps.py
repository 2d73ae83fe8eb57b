"""What every route shares: the limits, the parameter types, the error responses, and the
dependencies that hand a route its corpus and the server's settings (FastAPI `Depends`).

`create_app` puts one `Corpus` and one `Settings` on the application's state; a route asks for them
by a parameter typed `CorpusDep` / `SettingsDep`, so no route is a closure over them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import Depends, HTTPException, Request
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse
from fastapi.templating import Jinja2Templates

from ..formats import exchange_formats
from . import models
from .corpus import Corpus

MAX_PAGE = 100  # largest page size anywhere
MAX_OFFSET = 100_000
MAX_QUERY = 256  # characters in a search query
MAX_BODY = 5 * 1024 * 1024  # bytes in an ingest request
MAX_ID = 2**63 - 1  # SQLite's largest integer: a larger id cannot be a row, nor even be looked up
MAX_JSON_DEPTH = 32  # arrays and objects inside one another in an ingest body (the document needs 1)
UNITS_PER_PAGE = 500  # units on one page of /doc/{id}
MAX_DOC_PAGE = 1_000_000  # more pages than any document has (the store holds int64 units at most)
EXPORT_LIMIT = 10_000  # units in a search export (the first, in id order)
# The exchange formats of the writer table (hamsu's TMX, TSV, JSON lines and any plugin's): each
# page links to its export in every one, and the export routes take no other.
EXPORT_FORMATS = exchange_formats()

Lang = Literal["fa", "en"]
Fmt = Literal[EXPORT_FORMATS]  # type: ignore[valid-type]
DocId = Annotated[int, PathParam(ge=1, le=MAX_ID, description="A document id.")]
UnitId = Annotated[int, PathParam(ge=1, le=MAX_ID, description="A unit id.")]

ERRORS = {
    400: {"model": models.ErrorOut, "description": "Bad request (e.g. a search query that cannot be parsed)."},
    404: {"model": models.ErrorOut, "description": "Not found."},
    422: {"model": models.ErrorOut, "description": "A parameter out of range or of the wrong type."},
}


@dataclass(frozen=True)
class Settings:
    """How this server was started: the ingest token's digest (None: ingest disabled), the largest
    ingest body, units on a document page, and the page templates."""

    token_digest: bytes | None
    max_body: int
    units_per_page: int
    templates: Jinja2Templates


# Async, so that FastAPI resolves them on the event loop rather than with a trip to the thread pool.
async def get_corpus(request: Request) -> Corpus:
    return request.app.state.corpus


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


CorpusDep = Annotated[Corpus, Depends(get_corpus)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def not_found(what: str, ident: int) -> HTTPException:
    return HTTPException(404, f"no {what} with id {ident}")


def error_json(status: int, message: str, details: list | None = None, headers: dict | None = None) -> JSONResponse:
    body = models.ErrorOut(status=status, error=message, details=details).model_dump(exclude_none=True)
    return JSONResponse(body, status_code=status, headers=headers)


def page_links(path: str, params: dict[str, Any], offset: int, limit: int, has_more: bool) -> dict[str, str | None]:
    def url(off: int) -> str:
        kept = {k: v for k, v in params.items() if v not in (None, "")}
        return f"{path}?{urlencode({**kept, 'offset': off, 'limit': limit})}"

    return {
        "prev": url(max(offset - limit, 0)) if offset > 0 else None,
        "next": url(offset + limit) if has_more else None,
    }
