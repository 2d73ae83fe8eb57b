"""`hamsu serve`: the JSON API against its own OpenAPI description, errors, escaping, security
headers, exports and token-only ingest. A real uvicorn server on 127.0.0.1, a real SQLite file."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

jsonschema = pytest.importorskip("jsonschema")
pytest.importorskip("fastapi")

from servekit import EVIL_EN, EVIL_FA, build_corpus, build_flagged_corpus, serve  # noqa: E402

SOLEIMANI = "سلیمانی"
TOKEN = "s3cret-test-token-0123456789"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("corpus") / "corpus.db")


@pytest.fixture(scope="module")
def server(corpus):
    with serve(corpus) as s:
        yield s


@pytest.fixture(scope="module")
def spec(server) -> dict:
    r = server.get("/openapi.json")
    assert r.status == 200
    return r.json()


@pytest.fixture(scope="module")
def ids(server) -> dict:
    docs = server.get("/api/documents?limit=100").json()["items"]
    seed = next(d for d in docs if SOLEIMANI in d["title"])
    evil = next(d for d in docs if d["doc_key"] == "evil")
    units = server.get(f"/api/documents/{seed['id']}/units?limit=100").json()["items"]
    return {"seed": seed["id"], "evil": evil["id"], "unit": units[0]["id"], "units": units}


def validator(spec: dict, path: str, method: str = "get", status: str = "200"):
    """A validator for the JSON schema of one response in the OpenAPI description."""
    schema = spec["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"]
    return jsonschema.Draft202012Validator({**schema, "components": spec["components"]})


def error_validator(spec: dict):
    return jsonschema.Draft202012Validator({"$ref": "#/components/schemas/ErrorOut", "components": spec["components"]})


# --- the API against its OpenAPI description ------------------------------------------------------

EXPECTED_GET_PATHS = {
    "/api/search",
    "/api/documents",
    "/api/documents/{doc_id}",
    "/api/documents/{doc_id}/units",
    "/api/documents/{doc_id}/names",
    "/api/units/{unit_id}",
    "/api/names",
    "/api/flags",
    "/api/overview",
}


def test_openapi_lists_the_api_and_hides_ingest_without_a_token(spec):
    gets = {p for p, ops in spec["paths"].items() if "get" in ops}
    assert gets == EXPECTED_GET_PATHS
    assert "/api/ingest" not in spec["paths"]
    assert spec["openapi"].startswith("3.")


def _fill(spec: dict, path: str, ids: dict) -> str:
    """A URL for `path` with its path parameters and required query parameters filled in."""
    url = path.replace("{doc_id}", str(ids["seed"])).replace("{unit_id}", str(ids["unit"]))
    required = [
        p["name"] for p in spec["paths"][path]["get"].get("parameters", []) if p["in"] == "query" and p.get("required")
    ]
    values = {"q": quote(SOLEIMANI)}
    query = "&".join(f"{name}={values[name]}" for name in required)
    return f"{url}?{query}" if query else url


def test_every_get_path_answers_what_openapi_describes(server, spec, ids):
    for path in sorted(EXPECTED_GET_PATHS):
        url = _fill(spec, path, ids)
        r = server.get(url)
        assert r.status == 200, (url, r.text)
        assert r.headers["content-type"].startswith("application/json")
        errors = sorted(validator(spec, path).iter_errors(r.json()), key=str)
        assert not errors, (url, [e.message for e in errors[:3]])


def test_api_contents(server, ids):
    overview = server.get("/api/overview").json()
    assert overview["documents"] == 2
    assert overview["units"] >= 9
    assert sum(b["count"] for b in overview["score_histogram"]) == overview["units"]
    doc = server.get(f"/api/documents/{ids['seed']}").json()
    assert doc["n_units"] == 8
    assert any(b["kind"] == "boilerplate" and b["reason"] for b in doc["blocks"])
    units = server.get(f"/api/documents/{ids['seed']}/units?limit=3&offset=1").json()
    assert units["total"] == 8 and [u["idx"] for u in units["items"]] == [1, 2, 3]
    unit = server.get(f"/api/units/{ids['unit']}").json()
    assert SOLEIMANI in unit["fa"] and "Soleymani" in unit["en"]
    assert any(n["fa"] == SOLEIMANI and n["en"] == "Soleymani" for n in unit["names"])
    names = server.get("/api/names?q=soleym").json()
    assert {n["en"] for n in names["items"]} >= {"Soleymani"}
    by_rule = overview["flags_by_rule"][0]
    flags = server.get(f"/api/flags?rule={by_rule['rule']}&severity={by_rule['severity']}&limit=2").json()
    assert flags["total"] == by_rule["count"] and len(flags["items"]) == min(2, by_rule["count"])
    assert all(f["rule"] == by_rule["rule"] and f["severity"] == by_rule["severity"] for f in flags["items"])
    assert server.get("/api/flags?limit=100").json()["total"] == overview["flags"]


def test_search(server):
    r = server.get(f"/api/search?q={quote(SOLEIMANI)}&limit=5")
    assert r.status == 200
    result = r.json()
    assert result["hits"], result
    hit = result["hits"][0]
    assert SOLEIMANI in hit["fa"] and "Soleymani" in hit["en"]
    assert any(hit["fa"][a:b] == SOLEIMANI for a, b in hit["fa_marks"])
    lang_en = server.get("/api/search?q=Soleymani&lang=en").json()
    assert lang_en["hits"] and all("Soleymani" in h["en"] for h in lang_en["hits"])


def test_search_pages_are_bounded(server):
    first = server.get("/api/search?q=Syria&limit=1").json()
    assert len(first["hits"]) == 1 and first["has_more"] is True
    second = server.get("/api/search?q=Syria&limit=1&offset=1").json()
    assert second["hits"][0]["unit_id"] != first["hits"][0]["unit_id"]
    for url in ("/api/search?q=Syria&limit=101", "/api/documents?limit=0", "/api/flags?offset=-1",
                "/api/search?q=" + "a" * 300, "/api/flags?severity=awful"):
        r = server.get(url)
        assert r.status == 422, url
        body = r.json()
        assert body["status"] == 422 and body["error"] and "\n" not in body["error"]


# --- errors -----------------------------------------------------------------------------------------


def test_not_found(server, spec):
    check = error_validator(spec)
    for url, words in [
        ("/api/documents/999999", "no document with id 999999"),
        ("/api/documents/999999/units", "no document"),
        ("/api/documents/999999/names", "no document"),
        ("/api/units/999999", "no unit with id 999999"),
        ("/api/nothing", "no such page"),
    ]:
        r = server.get(url)
        assert r.status == 404, url
        check.validate(r.json())
        assert words in r.json()["error"]
    page = server.get("/doc/999999")
    assert page.status == 404 and "no document with id 999999" in page.text
    assert page.headers["content-type"].startswith("text/html")
    assert server.get("/export/doc/999999.tmx").status == 404


def test_bad_requests(server, spec):
    r = server.get("/export/search.tsv?q=%20%20")
    assert r.status == 400 and "empty search query" in r.text
    r = server.get("/api/documents/abc")
    error_validator(spec).validate(r.json())
    assert r.status == 422 and "doc_id" in r.json()["error"]
    page = server.get("/search?q=Syria&limit=5000")
    assert page.status == 400 and "limit" in page.text
    page = server.get("/export/doc/1.exe")
    assert page.status == 400
    r = server.request("POST", "/api/documents")
    assert r.status == 405 and r.json()["error"] == "method POST not allowed on /api/documents"


def test_query_error_is_a_400(server):
    from hamsu.store.queries import connect_readonly
    from hamsu.store.search import QueryError, search

    # Find a query the store refuses, then check the API says 400 with its one-line message.
    conn = connect_readonly(server.db)
    try:
        refused = None
        for q in ['"', '"unclosed', "AND", "NEAR(", "*", "(", "OR OR"]:
            try:
                search(conn, q)
            except QueryError as e:
                refused = (q, str(e))
                break
    finally:
        conn.close()
    if refused is None:
        pytest.skip("the store accepts every query tried")
    page = server.get(f"/search?q={quote(refused[0])}")
    assert page.status == 400 and 'class="error"' in page.text
    assert " ".join(refused[1].split()).replace("'", "&#39;").replace('"', "&#34;") in page.text


def test_api_search_reads_any_query(server):
    # The API answers whatever is typed: syntax it cannot read is searched as plain words, and a
    # query with nothing to search for finds nothing (the page says what is wrong instead).
    plain = server.get("/api/search?q=Syria&limit=100").json()
    for q in ['"Syria', "Syria OR", "(Syria)", "-Syria", "NOT Syria", "Sy*ria*", "AND Syria", "S*"]:
        r = server.get(f"/api/search?q={quote(q)}&limit=100")
        assert r.status == 200, (q, r.text)
        if q != "Sy*ria*" and q != "S*":
            assert [h["unit_id"] for h in r.json()["hits"]] == [h["unit_id"] for h in plain["hits"]], q
    for q in ["¶", "  ", '"', "*", "OR", "--"]:
        r = server.get(f"/api/search?q={quote(q)}")
        assert r.status == 200 and r.json()["hits"] == [] and r.json()["has_more"] is False, q


# --- safety -------------------------------------------------------------------------------------------


def test_script_in_an_article_is_shown_as_text(server, ids):
    doc = server.get(f"/api/documents/{ids['evil']}").json()
    units = server.get(f"/api/documents/{ids['evil']}/units").json()["items"]
    assert "<script>alert('en')</script>" in units[0]["en"]  # JSON carries the text as it is
    assert doc["doc_key"] == "evil"
    page = server.get(f"/doc/{ids['evil']}").text
    assert "&lt;script&gt;alert(&#39;en&#39;)&lt;/script&gt;" in page
    assert "&lt;script&gt;alert(&#39;fa&#39;)&lt;/script&gt;" in page
    assert "<script>alert" not in page
    assert re.findall(r"<script\b[^>]*>", page) == ['<script src="/static/reader.js" defer>']
    found = server.get("/search?q=" + quote("<script>alert(1)</script> Tehran")).text
    assert "<script>alert" not in found
    hits = server.get("/search?q=Tehran").text
    assert "&lt;script&gt;" in hits and "<script>alert" not in hits
    assert EVIL_FA and EVIL_EN


def test_security_headers(server, ids):
    for url in ("/", f"/doc/{ids['seed']}", "/api/overview", "/api/nothing", "/static/reader.js"):
        h = server.get(url).headers
        assert "script-src 'self'" in h["content-security-policy"], url
        assert "unsafe-inline" not in h["content-security-policy"]
        assert h["x-content-type-options"] == "nosniff"
        assert "server" not in h


def test_host_header_must_be_loopback(server):
    r = server.get("/api/overview", headers={"Host": "attacker.example"})
    assert r.status == 400 and r.headers["x-content-type-options"] == "nosniff"
    assert server.get("/api/overview", headers={"Host": f"localhost:{server.port}"}).status == 200


def test_the_corpus_is_opened_read_only(server, corpus):
    import sqlite3

    from hamsu.store.queries import connect_readonly

    conn = connect_readonly(corpus)
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("DELETE FROM documents")
    conn.close()


# --- pages and exports --------------------------------------------------------------------------------


def test_pages(server, ids):
    home = server.get("/")
    assert home.status == 200 and 'name="q"' in home.text
    found = server.get(f"/search?q={quote(SOLEIMANI)}")
    assert found.status == 200 and f'href="/doc/{ids["seed"]}#u' in found.text
    assert f'<mark class="hit">{SOLEIMANI}</mark>' in found.text
    assert "/export/search.tmx?q=" in found.text
    doc = server.get(f"/doc/{ids['seed']}").text
    assert 'dir="rtl"' in doc and 'lang="fa"' in doc
    assert doc.count('class="sent') >= 16 and f'data-unit="{ids["unit"]}"' in doc
    assert f'<mark class="name" title="transliteration: Soleymani">{SOLEIMANI}</mark>' in doc
    assert 'class="block boilerplate"' in doc and "title marker" in doc
    assert f'/export/doc/{ids["seed"]}.tmx' in doc and 'class="flag sev-' in doc
    overview = server.get("/overview").text
    assert '<svg class="histogram"' in overview and "names" in overview


def test_exports(server, ids):
    tmx = server.get(f"/export/doc/{ids['seed']}.tmx")
    assert tmx.status == 200 and tmx.headers["content-type"].startswith("application/x-tmx+xml")
    assert "attachment" in tmx.headers["content-disposition"]
    assert "<tmx" in tmx.text and "Soleymani" in tmx.text
    tsv = server.get(f"/export/doc/{ids['seed']}.tsv").text
    assert len([line for line in tsv.splitlines() if line]) >= 8
    jsonl = server.get(f"/export/doc/{ids['seed']}.jsonl").text
    records = [json.loads(line) for line in jsonl.splitlines() if line.strip()]
    assert len(records) == 8
    found = server.get(f"/export/search.tsv?q={quote(SOLEIMANI)}")
    assert found.status == 200 and "Soleymani" in found.text
    n = len(server.get(f"/api/search?q={quote(SOLEIMANI)}&limit=100").json()["hits"])
    assert found.headers["x-hamsu-units"] == str(n)
    jsonl = server.get(f"/export/search.jsonl?q={quote(SOLEIMANI)}").text
    assert len([line for line in jsonl.splitlines() if line.strip()]) == n
    empty = server.get("/export/search.tmx?q=zzzqqqxxx")
    assert empty.status == 200 and "<tmx" in empty.text and empty.headers["x-hamsu-units"] == "0"


# --- ingest -----------------------------------------------------------------------------------------


def test_ingest_is_absent_without_a_token(server):
    r = server.request("POST", "/api/ingest", body=b'{"fa": "x", "en": "y"}',
                       headers={"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"})
    assert r.status == 404
    assert "without --token" in r.json()["error"]


@pytest.fixture
def writable(tmp_path, corpus):
    db = tmp_path / "ingest.db"
    shutil.copy(corpus, db)
    with serve(db, token=TOKEN, max_body=64 * 1024) as s:
        yield s


def test_ingest_needs_the_token(writable):
    record = {"fa": "وزیر خارجه ایران به پاریس رفت.", "en": "Iran's foreign minister went to Paris.", "id": "t1",
              "title": "Paris visit"}
    body = json.dumps(record).encode()
    json_type = {"Content-Type": "application/json"}
    spec = writable.get("/openapi.json").json()
    assert "/api/ingest" in spec["paths"]
    for auth in (None, "Bearer wrong-token", f"Basic {TOKEN}", "Bearer", f"Bearer {TOKEN}x"):
        headers = dict(json_type, **({"Authorization": auth} if auth else {}))
        r = writable.request("POST", "/api/ingest", body=body, headers=headers)
        assert r.status == 401, auth
        assert r.headers["www-authenticate"] == "Bearer"
    before = writable.get("/api/overview").json()["documents"]
    ok = dict(json_type, Authorization=f"Bearer {TOKEN}")
    r = writable.request("POST", "/api/ingest", body=body, headers=ok)
    assert r.status == 200, r.text
    out = r.json()
    jsonschema.Draft202012Validator(
        {**spec["paths"]["/api/ingest"]["post"]["responses"]["200"]["content"]["application/json"]["schema"],
         "components": spec["components"]}
    ).validate(out)
    assert out["status"] == "added" and out["doc_key"] == "t1" and out["n_units"] >= 1
    assert writable.get("/api/overview").json()["documents"] == before + 1
    assert writable.get(f"/api/documents/{out['doc_id']}").json()["title"] == "Paris visit"
    assert writable.request("POST", "/api/ingest", body=body, headers=ok).json()["status"] == "unchanged"
    page = writable.get(f"/doc/{out['doc_id']}")
    assert page.status == 200 and "Paris" in page.text
    # Without an id, the content is the key.
    anonymous = json.dumps({"fa": "وزیر خارجه ایران به پاریس رفت.", "en": "Iran's foreign minister went to Paris."})
    r = writable.request("POST", "/api/ingest", body=anonymous.encode(), headers=ok)
    assert r.status == 200 and r.json()["status"] == "added"
    assert writable.request("POST", "/api/ingest", body=anonymous.encode(), headers=ok).json()["status"] == "unchanged"
    # Fields say which text is which, so a field that does not read as its language is stored, not refused:
    # the schema's promise that what it allows is accepted holds (the checks say what is wrong with it).
    r = writable.request("POST", "/api/ingest", body=b'{"fa": "0", "en": "0"}', headers=ok)
    assert r.status == 200, r.text
    assert writable.get("/api/overview").json()["documents"] == before + 3
    # A text holding both languages is for `hamsu ingest FILE`: the API takes JSON only.
    text = (Path(__file__).resolve().parent.parent / "examples" / "seed.txt").read_bytes()
    text_type = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain; charset=utf-8"}
    r = writable.request("POST", "/api/ingest", body=text, headers=text_type)
    assert r.status == 415 and "hamsu ingest FILE" in r.json()["error"]
    assert set(spec["paths"]["/api/ingest"]["post"]["requestBody"]["content"]) == {"application/json"}


def test_ingest_limits_and_bad_bodies(writable):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = b'{"fa": "' + b"a" * (64 * 1024) + b'", "en": "b"}'
    r = writable.request("POST", "/api/ingest", body=big, headers=dict(auth, **{"Content-Type": "application/json"}))
    assert r.status == 413 and "larger than 65536 bytes" in r.json()["error"]
    r = writable.request("POST", "/api/ingest", body=big, chunked=True,
                         headers=dict(auth, **{"Content-Type": "application/json"}))
    assert r.status == 413
    cases = [
        (b"{not json", "application/json", 400, "not valid JSON"),
        (b'{"fa": "x"}', "application/json", 422, "en"),
        (b'{"fa": "\xd8", "en": "x"}', "application/json", 400, "not valid utf-8 at byte 8"),
        (b"only English here, nothing else.", "text/plain", 415, "JSON object"),
        (b"<p>a page</p>", "text/html", 415, "JSON object"),
        (b"x", "application/pdf", 415, "application/pdf"),
    ]
    for body, ctype, status, words in cases:
        r = writable.request("POST", "/api/ingest", body=body, headers=dict(auth, **{"Content-Type": ctype}))
        assert r.status == status, (body, r.text)
        assert words in r.json()["error"], r.json()


SEED_TEXT = (Path(__file__).resolve().parent.parent / "examples" / "seed.txt").read_text(encoding="utf-8")


def test_ingest_reads_a_body_as_the_cli_reads_a_file(writable, tmp_path):
    auth = {"Authorization": f"Bearer {TOKEN}"}

    def post(body: bytes, ctype: str, query: str = ""):
        return writable.request("POST", f"/api/ingest{query}", body=body, headers=dict(auth, **{"Content-Type": ctype}))

    seed = {"fa": SEED_TEXT.split("\n\n")[0], "en": "General Soleymani visits al-Nujaba fighters", "id": "seed"}
    body = json.dumps(seed, ensure_ascii=False)
    # A NUL byte: the CLI's error for a JSON line holding one, at the same byte (the CLI names FILE:LINE).
    nul = body.encode().replace(b", ", b",\x00 ", 1)
    (tmp_path / "nul.jsonl").write_bytes(nul)
    cli = _hamsu("ingest", tmp_path / "c.db", tmp_path / "nul.jsonl")
    r = post(nul, "application/json")
    assert r.status == 400
    reason = r.json()["error"].removeprefix("POST /api/ingest: ")
    assert reason.startswith("binary data (a NUL byte) at byte ")
    assert f"nul.jsonl:1: {reason} of the line" in cli.stderr
    # A NUL character in a JSON string: refused by the schema, and by the CLI's JSON-lines reader.
    record = {"fa": "وزیر خارجه ایران به پاریس رفت.\u0000", "en": "Iran's foreign minister went to Paris."}
    r = post(json.dumps(record).encode(), "application/json")
    assert r.status == 422 and "fa" in r.json()["error"]
    (tmp_path / "nulchar.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    cli = _hamsu("ingest", tmp_path / "c.db", tmp_path / "nulchar.jsonl")
    assert cli.returncode != 0 and 'nulchar.jsonl:1: binary data (a NUL character) in "fa"' in cli.stderr
    # A declared charset is honoured; an undecodable body is a 400.
    utf16 = json.dumps(dict(seed, id="utf16"), ensure_ascii=False).encode("utf-16")
    r = post(utf16, "application/json; charset=utf-16")
    assert r.status == 200 and r.json()["doc_key"] == "utf16", r.text
    cp1256 = json.dumps(dict(seed, id="cp1256"), ensure_ascii=False).encode("windows-1256", errors="replace")
    r = post(cp1256, "application/json; charset=windows-1256")
    assert r.status == 200, r.text
    r = post(cp1256, "application/json")
    assert r.status == 400 and "not valid utf-8 at byte" in r.json()["error"]
    r = post(body.encode(), "application/json; charset=no-such-thing")
    assert r.status == 400 and "unknown encoding 'no-such-thing'" in r.json()["error"]
    # Ids and metadata are bounded, in the schema as in the server.
    spec = writable.get("/openapi.json").json()
    schema = spec["paths"]["/api/ingest"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert schema["properties"]["id"]["anyOf"][0]["maxLength"] == 200
    assert all(schema["properties"][f]["minLength"] == 1 for f in ("fa", "en"))
    r = post(json.dumps(dict(record, fa="وزیر خارجه ایران به پاریس رفت.", id="k" * 201)).encode(), "application/json")
    assert r.status == 422 and "id" in r.json()["error"]
    r = post(json.dumps(dict(record, fa="وزیر خارجه ایران به پاریس رفت.", id="k" * 200)).encode(), "application/json")
    assert r.status == 200 and r.json()["doc_key"] == "k" * 200


def test_ingest_refuses_deep_json_before_parsing_it(writable):
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    for body in (b"[" * 60_000, b'{"fa": ' + b"[" * 30_000 + b"]" * 30_000 + b', "en": "x"}'):
        r = writable.request("POST", "/api/ingest", body=body, headers=auth)
        assert r.status == 400 and "nested more than 32 deep" in r.json()["error"], r.text
    deep_in_a_string = json.dumps({"fa": "[" * 1000 + " سلام", "en": "hello"}).encode()
    assert writable.request("POST", "/api/ingest", body=deep_in_a_string, headers=auth).status != 500


HUGE_IDS = [2**63, 2**63 - 1, 2**64 + 5, 10**30, -1, -(2**63) - 1, 0]


def test_ids_out_of_range_are_404_or_422(server):
    for ident in HUGE_IDS:
        in_range = 1 <= ident < 2**63
        for url in (f"/api/documents/{ident}", f"/api/documents/{ident}/units", f"/api/documents/{ident}/names",
                    f"/api/units/{ident}", f"/api/flags?doc_id={ident}", f"/doc/{ident}", f"/export/doc/{ident}.tmx"):
            r = server.get(url)
            if not in_range:
                assert r.status == (422 if url.startswith("/api/") else 400), (url, r.status)
            elif "flags" in url:
                assert r.status == 200 and r.json()["total"] == 0
            else:
                assert r.status == 404, (url, r.status)
        assert server.get(f"/doc/1?page={ident}").status in (400, 404)


def test_the_schema_bounds_every_integer(spec):
    for path, ops in spec["paths"].items():
        for op in ops.values():
            for param in op.get("parameters", []):
                schema = param["schema"]
                schemas = schema.get("anyOf", [schema])
                for s in schemas:
                    if s.get("type") == "integer":
                        assert "minimum" in s and "maximum" in s, (path, param["name"])
                        assert s["maximum"] <= 2**63 - 1
                    if s.get("type") == "string" and "enum" not in s:
                        assert "maxLength" in s, (path, param["name"])


def test_head_wherever_get_is(server, ids):
    for url in ("/", "/search?q=Syria", f"/doc/{ids['seed']}", "/overview", "/api/overview",
                f"/api/documents/{ids['seed']}", "/api/search?q=Syria", "/openapi.json", "/static/hamsu.css",
                f"/export/doc/{ids['seed']}.tsv"):
        got = server.get(url)
        head = server.request("HEAD", url)
        assert head.status == got.status == 200, url
        assert head.body == b"" and head.headers["content-type"] == got.headers["content-type"], url
        assert head.headers.get("content-length") == got.headers.get("content-length"), url
    assert server.request("HEAD", "/api/documents/999999").status == 404
    assert server.request("DELETE", "/api/overview").status == 405


def test_routes_get_the_corpus_by_dependency(corpus, tmp_path):
    """Every route is a router module's function, not a closure of create_app, and reads the corpus
    it is given: overriding the corpus dependency switches pages, API and exports to another one."""
    import inspect

    from hamsu.serve.corpus import Corpus
    from hamsu.serve.deps import get_corpus
    from hamsu.serve.routes import api, export, pages

    other = build_flagged_corpus(tmp_path / "other.db")

    def use_other(app):
        app.dependency_overrides[get_corpus] = lambda: Corpus(other)

    with serve(corpus, configure=use_other) as s:
        docs = s.get("/api/documents").json()["items"]
        assert [d["doc_key"] for d in docs] == ["flagged"]
        assert s.get("/api/overview").json()["documents"] == 1
        assert "flagged" in s.get(f"/doc/{docs[0]['id']}").text
        assert s.get(f"/export/doc/{docs[0]['id']}.tsv").status == 200
    for module in (pages, export, api):
        for route in module.router.routes:
            assert "<locals>" not in route.endpoint.__qualname__, route.path
            if route.path != "/favicon.ico":
                needs = [p.annotation for p in inspect.signature(route.endpoint).parameters.values()]
                assert any("CorpusDep" in str(a) for a in needs), route.path


def test_document_page_is_paginated(corpus, monkeypatch):
    import hamsu.serve.app as app_module

    monkeypatch.setattr(app_module, "UNITS_PER_PAGE", 3)
    with serve(corpus) as s:
        docs = s.get("/api/documents?limit=100").json()["items"]
        seed = next(d for d in docs if SOLEIMANI in d["title"])
        units = s.get(f"/api/documents/{seed['id']}/units?limit=100").json()["items"]
        assert len(units) == 8
        seen = []
        for page in (1, 2, 3):
            r = s.get(f"/doc/{seed['id']}?page={page}")
            assert r.status == 200
            shown = {int(u) for u in re.findall(r'data-unit="(\d+)"', r.text)}
            assert shown == {u["id"] for u in units[(page - 1) * 3 : page * 3]}, page
            seen.append(r.text)
            assert f"page {page} of 3" in r.text
        assert 'rel="next" href="/doc/{}?page=2"'.format(seed["id"]) in seen[0] and 'rel="prev"' not in seen[0]
        assert 'rel="prev"' in seen[2] and 'rel="next"' not in seen[2]
        # Boilerplate and every sentence are on some page, each once.
        assert sum(t.count('class="block boilerplate"') for t in seen) >= 1
        fa_sentences = [re.findall(r'id="s-fa-(\d+)"', t) for t in seen]
        flat = [int(i) for ids in fa_sentences for i in ids]
        assert sorted(flat) == sorted(set(flat)) and flat == sorted(flat)
        assert s.get(f"/doc/{seed['id']}?page=4").status == 404
        assert s.get(f"/doc/{seed['id']}?page=0").status == 400
        # A search hit on a later page links to that page.
        hit_unit = units[7]
        found = s.get("/search?q=" + quote(hit_unit["en"].split()[0])).text
        assert f'/doc/{seed["id"]}?page=3#u{hit_unit["id"]}' in found or hit_unit["en"].split()[0] not in found


# --- the command --------------------------------------------------------------------------------------


def _hamsu(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hamsu", *map(str, args)], capture_output=True, text=True, timeout=60)


def test_serve_command_errors(tmp_path, corpus):
    r = _hamsu("serve", tmp_path / "missing.db")
    assert r.returncode == 2 and r.stderr.count("\n") == 1
    assert r.stderr.startswith("hamsu: error: ") and "missing.db: no such corpus database" in r.stderr
    r = _hamsu("serve", corpus, "--host", "0.0.0.0")
    assert r.returncode == 2 and "--public" in r.stderr and r.stderr.count("\n") == 1
    not_corpus = tmp_path / "x.db"
    not_corpus.write_text("hello")
    r = _hamsu("serve", not_corpus)
    assert r.returncode == 2 and "not a" in r.stderr


def test_serve_command_serves(corpus):
    import urllib.request

    proc = subprocess.Popen([sys.executable, "-m", "hamsu", "serve", str(corpus), "--port", "0"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert url and "read-only" in line, line
        with urllib.request.urlopen(url.group(0) + "api/overview", timeout=30) as r:
            assert json.load(r)["documents"] == 2
        port = int(url.group(0).rsplit(":", 1)[1].strip("/"))
        busy = _hamsu("serve", corpus, "--port", port)
        assert busy.returncode == 2 and f"cannot listen on 127.0.0.1:{port}" in busy.stderr
    finally:
        proc.terminate()
        proc.wait(10)


def test_help_does_not_load_the_web_stack():
    code = "import sys, hamsu.commands; print(sorted(m for m in ('fastapi', 'uvicorn', 'jinja2') if m in sys.modules))"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.stdout.strip() == "[]"
    assert "serve" in _hamsu("--help").stdout


def test_is_loopback():
    from hamsu.commands.serve import is_loopback

    assert all(map(is_loopback, ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"]))
    assert not any(map(is_loopback, ["0.0.0.0", "192.168.1.2", "::", "example.com"]))


# --- marked-up text -----------------------------------------------------------------------------------


def test_marked_escapes_and_nests():
    from hamsu.serve.render import Mark, marked

    text = "a <b> & c"
    out = marked(text, [Mark(0, 5, "name", 'x"y'), Mark(2, 9, "hit")])
    assert str(out) == (
        '<mark class="name" title="x&#34;y">a </mark><mark class="name hit" title="x&#34;y">&lt;b&gt;</mark>'
        '<mark class="hit"> &amp; c</mark>'
    )
    assert str(marked("<i>", [])) == "&lt;i&gt;"
    assert str(marked("abc", [Mark(5, 9, "x"), Mark(2, 1, "y")])) == "abc"


# --- flag evidence ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def flagged_server(tmp_path_factory):
    with serve(build_flagged_corpus(tmp_path_factory.mktemp("flagged") / "corpus.db")) as s:
        yield s


def test_api_flags_and_units_carry_the_evidence(flagged_server, spec):
    server = flagged_server
    flags = server.get("/api/flags").json()
    assert not list(validator(spec, "/api/flags").iter_errors(flags))
    by_rule = {f["rule"]: f for f in flags["items"]}
    assert by_rule["punctuation"]["evidence"] == "question marks: fa 1, en 0"
    assert "<script>alert('ev')</script>" in by_rule["null-unit"]["evidence"]  # JSON: as it is
    assert spec["components"]["schemas"]["FlagOut"]["properties"]["evidence"]["type"] == "string"
    assert "evidence" in spec["components"]["schemas"]["FlagOut"]["required"]
    unit = server.get(f"/api/units/{by_rule['null-unit']['unit_id']}").json()
    assert not list(validator(spec, "/api/units/{unit_id}").iter_errors(unit))
    assert [f["evidence"] for f in unit["flags"]] == [by_rule["null-unit"]["evidence"]]


def test_the_reader_shows_the_evidence_escaped_with_its_flag(flagged_server):
    server = flagged_server
    [doc] = server.get("/api/documents").json()["items"]
    page = server.get(f"/doc/{doc['id']}").text
    assert "<script>alert('ev')" not in page
    escaped = "&lt;script&gt;alert(&#39;ev&#39;)&lt;/script&gt;"
    # In the flags table, next to its flag, and in the tooltip of the flag's badge and marked span.
    row = re.search(r'<tr><td class="num"><a href="#u\d+">2</a></td><td><span class="flag sev-major">null-unit</span>'
                    r'</td><td dir="auto">[^<]*</td><td class="evidence" dir="auto">([^<]*)</td></tr>', page)
    assert row and escaped in row.group(1)
    assert re.search(r'<span class="flag sev-major" title="null-unit \(major\): [^"]*— evidence: [^"]*'
                     + re.escape(escaped), page)
    assert '<td class="evidence" dir="auto">question marks: fa 1, en 0</td>' in page


def test_the_reader_places_marks_by_the_stored_offset_map(monkeypatch):
    """A sentence the store keeps with its offset map is not normalized again to place a mark;
    one from a store made before the maps were kept (shifts None) still is."""
    from hamsu.persian import normalize as normalize_module
    from hamsu.persian.normalize import normalize_detailed
    from hamsu.records import offset_shifts
    from hamsu.serve.render import SentenceText

    original = "او  مي آيد و  كتاب را مي‌خواند."
    normalized = normalize_detailed(original)
    assert normalized.text != original
    word = normalized.text.index("کتاب")
    start, end = normalized.offset_map[word], normalized.offset_map[word + 4]  # کتاب in the original
    row = {"lang": "fa", "text": normalized.text, "start": 0, "end": len(original)}

    calls = []
    monkeypatch.setattr(normalize_module, "normalize_detailed", lambda text: calls.append(text) or normalized)
    kept = SentenceText({**row, "shifts": offset_shifts(normalized.offset_map)}, original)
    assert kept.text[slice(*kept.local(start, end))] == "کتاب" and calls == []
    again = SentenceText({**row, "shifts": None}, original)
    assert again.text[slice(*again.local(start, end))] == "کتاب" and calls == [original]
