"""POST /api/ingest: a document sent as JSON, processed and stored. It answers 404 unless the server
was started with a token, and is in the OpenAPI schema only then."""
from __future__ import annotations

import hashlib
import hmac
import json
import re
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from ...errors import HamsuError
from ...store import queries
from .. import models
from ..corpus import Corpus
from ..deps import ERRORS, MAX_JSON_DEPTH, CorpusDep, SettingsDep, one_line

# JSON only: its "fa" and "en" fields say which text is which, so every document the schema
# allows can be stored. A text or page holding both languages is read by telling the languages
# apart, which can fail on text a schema allows (one language only): `hamsu ingest FILE` takes those.
INGEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": models.IngestIn.model_json_schema()}},
    }
}


def router(max_body: int, in_schema: bool) -> APIRouter:
    """The ingest route, its documentation saying the largest body (`max_body` bytes) it takes;
    described in the OpenAPI schema when `in_schema` (a server with a token)."""
    ingest = APIRouter()

    @ingest.post(
        "/api/ingest",
        response_model=models.IngestOut,
        tags=["ingest"],
        include_in_schema=in_schema,
        openapi_extra=INGEST_BODY,
        responses={
            **ERRORS,
            401: {"model": models.ErrorOut, "description": "Missing or wrong bearer token."},
            413: {"model": models.ErrorOut, "description": f"Body larger than {max_body} bytes."},
            415: {"model": models.ErrorOut, "description": "Not JSON."},
        },
    )
    async def api_ingest(request: Request, corpus: CorpusDep, settings: SettingsDep) -> dict[str, Any]:
        """Process a document (normalize, split, align, link names, check) and store it.
        Needs `Authorization: Bearer TOKEN`.

        The body is one JSON object as a line of `hamsu ingest`'s JSON lines: "fa", "en", and
        optionally "id", "url", "title", "date"; in UTF-8 unless its Content-Type declares a
        charset. It is stored under its "id" (else its content). The same key with new content
        replaces the stored version; the same content again is "unchanged"."""
        token_digest = settings.token_digest
        if token_digest is None:
            raise HTTPException(404, "ingest is disabled: the server was started without --token")
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        given_digest = hashlib.sha256(given.strip().encode()).digest()
        if scheme.lower() != "bearer" or not hmac.compare_digest(given_digest, token_digest):
            raise HTTPException(401, "a valid 'Authorization: Bearer TOKEN' header is required",
                                headers={"WWW-Authenticate": "Bearer"})
        too_large = HTTPException(413, f"request body larger than {settings.max_body} bytes")
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > settings.max_body):
            raise too_large
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > settings.max_body:
                raise too_large
        document = _ingest_document(bytes(body), request.headers.get("content-type", ""))
        return await run_in_threadpool(_ingest, corpus, document)

    return ingest


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
    from ...errors import InputError
    from ...read import require_both_languages
    from ...read.decode import decode_bytes
    from ...read.jsonl import parse_line
    from ...read.table import readers

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
        raise HTTPException(400, one_line(str(e))) from None
    return document


def _ingest(corpus: Corpus, document) -> dict[str, Any]:
    from ...pipeline import process_document
    from ...store import open_store

    try:
        checked = process_document(document)
    except HamsuError as e:
        raise HTTPException(400, one_line(str(e))) from None
    from ...store.ingest import document_key

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
