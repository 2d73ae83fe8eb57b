"""Fuzzing the readers, the glossary loader and the search parser (hypothesis): whatever the input,
each answers or raises one of hamsu's own errors (HamsuError), never anything else.

Bytes, HTML, JSON lines, aligned files, TSV/CSV/TBX glossaries and search queries, each generated
from pieces that reach the interesting branches (markup, JSON structure, column separators,
query operators) mixed with arbitrary text. Example counts are modest so CI stays fast.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from servekit import SEED

from hamsu.errors import HamsuError

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PERSIAN = "سلام دنیا، این یک خبر است. وزیر خارجه ایران به پاریس رفت. می‌روم «کتاب» ۱۲۳"
ENGLISH = "Hello world. This is a story. Iran's foreign minister went to Paris. 123"
words = st.sampled_from(PERSIAN.split() + ENGLISH.split() + ["\u200c", "\ufeff", "\u202b", "\r", "\x00", "\x1b"])
texty = st.one_of(
    st.text(max_size=40),
    st.lists(words, max_size=20).map(" ".join),
    st.sampled_from([PERSIAN, ENGLISH, PERSIAN + "\n\n" + ENGLISH, "", " ", "\n"]),
)
separators = st.sampled_from(["\n", "\n\n", " ", "\t", ",", "\r\n", ""])
lines = st.lists(st.tuples(texty, separators), max_size=12).map(lambda xs: "".join(a + b for a, b in xs))


def _encodings(text: str) -> st.SearchStrategy[bytes]:
    return st.sampled_from(["utf-8", "utf-16", "windows-1256"]).map(
        lambda e: text.encode(e, errors="replace")
    )


raw_bytes = st.one_of(st.binary(max_size=300), lines.map(str.encode), lines.flatmap(_encodings))

# --- HTML ---------------------------------------------------------------------------------------

TAGS = ["p", "div", "br", "h1", "title", "script", "style", "nav", "li", "table", "td", "svg", "pre", "span",
        "![CDATA[", "!--", "!DOCTYPE html", "![if !supportLists]", "?xml"]
tag = st.builds(
    lambda name, close, attrs: f"<{'/' if close else ''}{name}{attrs}>",
    st.sampled_from(TAGS),
    st.booleans(),
    st.sampled_from(["", ' class="x"', " a='<'", ' dir="rtl"', " x=", ' "']),
)
html = st.lists(st.one_of(tag, texty, st.sampled_from(["&amp;", "&#1587;", "&#x;", "&nbsp;", "<", ">", "]]>"])),
                max_size=30).map("".join)

# --- JSON lines -----------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texty,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(texty, children, max_size=3),
    max_leaves=8,
)
record = st.fixed_dictionaries(
    {},
    optional={
        "fa": st.one_of(texty, json_values),
        "en": st.one_of(texty, json_values),
        "id": json_values,
        "title": json_values,
        "url": json_values,
        "fa_ids": st.lists(st.integers(-2, 5), max_size=3),
        "en_ids": st.lists(st.integers(-2, 5), max_size=3),
        "score": json_values,
        "doc": json_values,
        "unit": json_values,
    },
)
json_line = st.one_of(
    record.map(lambda r: json.dumps(r, ensure_ascii=False)),
    json_values.map(json.dumps),
    st.integers(1, 3000).map(lambda n: "[" * n),
    texty,
)
jsonl = st.lists(json_line, max_size=6).map("\n".join)

# --- glossaries -----------------------------------------------------------------------------------

cell = st.one_of(texty, st.sampled_from(["", '"', '""', "a,b", "کتاب", "book", "book|volume", "!forbidden"]))
tsv = st.lists(st.lists(cell, max_size=4).map("\t".join), max_size=8).map("\n".join)
csv = st.lists(st.lists(cell, max_size=4).map(",".join), max_size=8).map("\n".join)
TBX_PIECES = ['<?xml version="1.0"?>', "<martif>", "</martif>", "<tbx>", "<body>", "</body>", "<termEntry>",
              "</termEntry>", "<conceptEntry>", '<langSet xml:lang="fa">', '<langSet xml:lang="en">', "<langSet>",
              "</langSet>", "<tig>", "</tig>", "<term>", "</term>", '<termNote type="administrativeStatus">',
              "forbidden", "preferredTerm-admn-sts", "</termNote>", "<!DOCTYPE x [<!ENTITY a 'b'>]>", "&a;", "<"]
tbx = st.lists(st.one_of(st.sampled_from(TBX_PIECES), texty), max_size=30).map("".join)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    return path


def _only_hamsu_errors(call, *args, **kwargs):
    try:
        result = call(*args, **kwargs)
        return list(result) if not isinstance(result, (str, tuple, list)) and hasattr(result, "__iter__") else result
    except HamsuError as e:
        assert str(e) and "\n" not in str(e).strip(), repr(str(e))
        return None


# --- the readers ----------------------------------------------------------------------------------


@FUZZ
@given(data=raw_bytes, suffix=st.sampled_from([".txt", ".html", ".jsonl", ".md"]), presplit=st.booleans(),
       encoding=st.sampled_from(["utf-8", "windows-1256", "utf-16"]))
def test_read_path_on_any_bytes(folder, data, suffix, presplit, encoding):
    from hamsu.read import read_path

    path = _write(folder, f"input{suffix}", data)
    _only_hamsu_errors(read_path, path, encoding, presplit)
    _only_hamsu_errors(read_path, path, encoding, presplit, require_both=False)


@FUZZ
@given(fa=raw_bytes, en=raw_bytes, presplit=st.booleans())
def test_read_pair_paths_and_the_cli_entry_on_any_bytes(folder, fa, en, presplit):
    from hamsu.api import read_documents
    from hamsu.read import read_pair_paths

    fa_path, en_path = _write(folder, "fa.txt", fa), _write(folder, "en.txt", en)
    _only_hamsu_errors(read_pair_paths, fa_path, en_path, presplit=presplit)
    _only_hamsu_errors(read_documents, [fa_path, en_path], presplit=presplit)
    _only_hamsu_errors(read_documents, [fa_path])


@FUZZ
@given(text=html)
def test_read_html_on_any_markup(text):
    from hamsu.read import extract_html_text, read_html

    extract_html_text(text)  # never refuses: it keeps what it could read
    _only_hamsu_errors(read_html, text, "page.html")


@FUZZ
@given(text=jsonl)
def test_json_lines_readers_on_any_lines(text):
    from hamsu.read import read_jsonl
    from hamsu.read.aligned import is_aligned_jsonl, read_aligned_jsonl

    _only_hamsu_errors(read_jsonl, text, "in.jsonl")
    is_aligned_jsonl(text)
    _only_hamsu_errors(read_aligned_jsonl, text, "in.jsonl")


@FUZZ
@given(fa=lines, en=lines)
def test_read_aligned_files_on_any_lines(folder, fa, en):
    from hamsu.read.aligned import read_aligned_files

    _only_hamsu_errors(read_aligned_files, _write(folder, "a.fa", fa), _write(folder, "a.en", en))


@FUZZ
@given(text=lines)
def test_read_document_on_any_text(text):
    from hamsu.read import read_document, read_presplit_document, require_both_languages

    for reader in (read_document, read_presplit_document):
        document = _only_hamsu_errors(reader, text, "in.txt")
        if document is not None:
            _only_hamsu_errors(require_both_languages, document)


# --- the glossary loader ----------------------------------------------------------------------------


@FUZZ
@given(data=st.one_of(tsv.map(lambda t: (".tsv", t)), csv.map(lambda t: (".csv", t)), tbx.map(lambda t: (".tbx", t)),
                      tbx.map(lambda t: (".gloss", t)), raw_bytes.map(lambda b: (".tsv", b)),
                      raw_bytes.map(lambda b: (".tbx", b))))
def test_load_glossary_on_any_file(folder, data):
    from hamsu.check.glossary import load_glossary

    suffix, content = data
    _only_hamsu_errors(load_glossary, _write(folder, f"glossary{suffix}", content))


# --- the search parser ----------------------------------------------------------------------------

QUERY_PIECES = ['"', "*", "OR", "AND", "NOT", "|", "(", ")", "-", "-1", "سلیمانی", "Syria", "Soleymani", "می‌شود",
                "COVID-19", "a", "Sy*", "\u200c", ":", "^", "NEAR", "{", "}", "+", "''"]
query = st.one_of(
    st.text(max_size=30),
    st.lists(st.one_of(st.sampled_from(QUERY_PIECES), st.text(max_size=4)), max_size=8).map(" ".join),
    st.lists(st.sampled_from(QUERY_PIECES), max_size=8).map("".join),
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from hamsu.store import open_store
    from hamsu.store.queries import connect_readonly

    db = tmp_path_factory.mktemp("fuzz-corpus") / "c.db"
    from hamsu.api import read_documents
    from hamsu.pipeline import process_document

    with open_store(db) as store:
        for document in read_documents([SEED]):
            store.ingest(process_document(document))
    conn = connect_readonly(db)
    yield conn
    conn.close()


@FUZZ
@given(q=query, lang=st.sampled_from([None, "fa", "en"]), offset=st.sampled_from([0, 5, 2**63 - 1, 2**80, -3]))
def test_search_parser_and_search_on_any_query(corpus, q, lang, offset):
    from hamsu.store.search import QueryError, parse, search, search_unit_ids

    try:
        parse(q)
    except QueryError:
        pass
    try:
        search(corpus, q, lang=lang, limit=5, offset=offset)
    except QueryError as e:
        assert "\n" not in str(e)
    # Lenient (the API): any text at all is a query.
    search(corpus, q, lang=lang, limit=5, offset=offset, lenient=True)
    search_unit_ids(corpus, q, lang=lang, lenient=True)
