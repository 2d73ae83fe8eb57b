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
    r = server.get("/api/search?q=%20%20")
    assert r.status == 400 and r.json()["error"] == "empty search query"
    error_validator(spec).validate(r.json())
    r = server.get("/api/documents/abc")
    assert r.status == 422 and "doc_id" in r.json()["error"]
    page = server.get("/search?q=Syria&limit=5000")
    assert page.status == 400 and "limit" in page.text
    page = server.get("/export/doc/1.exe")
    assert page.status == 400
    r = server.request("POST", "/api/documents")
    assert r.status == 405 and r.json()["error"] == "method POST not allowed on /api/documents"


def test_query_error_is_a_400(server):
    from hamsu.serve.queries import connect_readonly
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
    r = server.get(f"/api/search?q={quote(refused[0])}")
    assert r.status == 400 and r.json()["error"] == " ".join(refused[1].split())
    page = server.get(f"/search?q={quote(refused[0])}")
    assert page.status == 400 and 'class="error"' in page.text


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

    from hamsu.serve.queries import connect_readonly

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
    # A bilingual text, laid out like the seed.
    text = (Path(__file__).resolve().parent.parent / "examples" / "seed.txt").read_bytes()
    text_type = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain; charset=utf-8"}
    r = writable.request("POST", "/api/ingest", body=text, headers=text_type)
    assert r.status == 200 and r.json()["status"] == "added" and r.json()["doc_key"].startswith("ingest:")
    assert writable.request("POST", "/api/ingest", body=text, headers=text_type).json()["status"] == "unchanged"
    r = writable.request("POST", "/api/ingest?id=seed-again", body=text, headers=text_type)
    assert r.json()["status"] == "added" and r.json()["doc_key"] == "seed-again"
    assert writable.get("/api/overview").json()["documents"] == before + 3


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
        (b'{"fa": "\xd8", "en": "x"}', "application/json", 400, "UTF-8"),
        (b"only English here, nothing else.", "text/plain", 400, "only English"),
        (b"x", "application/pdf", 415, "application/pdf"),
    ]
    for body, ctype, status, words in cases:
        r = writable.request("POST", "/api/ingest", body=body, headers=dict(auth, **{"Content-Type": ctype}))
        assert r.status == status, (body, r.text)
        assert words in r.json()["error"], r.json()


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
    code = "import sys, hamsu.cli; print(sorted(m for m in ('fastapi', 'uvicorn', 'jinja2') if m in sys.modules))"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.stdout.strip() == "[]"
    assert "serve" in _hamsu("--help").stdout


def test_is_loopback():
    from hamsu.serve.commands import is_loopback

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
