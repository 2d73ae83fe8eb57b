"""Search over a corpus store: the fold, the query language, names and the order of hits."""
from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hamsu.api import process_paths
from hamsu.errors import HamsuError
from hamsu.persian.normalize import normalize
from hamsu.pipeline import process_document
from hamsu.read import read_pair
from hamsu.store import open_store
from hamsu.store.fold import fa_tokens, search_fold_en, search_fold_fa
from hamsu.store.search import MAX_LIMIT, QueryError, parse, search, search_unit_ids

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "seed.txt"
ZWNJ = "\u200c"

# Sentence pairs of the small test corpus, one document each (presplit: one sentence a line).
PAIRS = [
    ("کتاب‌های جدید در کتابخانه است.", "The new books are in the library."),
    ("او هر روز به مدرسه می‌رود.", "She goes to school every day."),
    ("قیمت نفت ۱۲ درصد افزایش یافت.", "The price of oil rose 12 percent."),
    ("دانشمندان واکسن تازه‌ای ساختند.", "Scientists developed a new vaccine."),
    ("بیمارستان‌ها پر از بیماران است.", "The hospitals are full of patients."),
    ("این کار انجام می‌شود.", "This work is being done."),
    ("او برای دیدار رفت.", "He went for a visit."),
    ("آنها از شهر دیدن کردند.", "They visited the city."),
    ("سیاست‌های اقتصادی تغییر کرد.", "Economic policies changed."),
    ("واکسن کووید-۱۹ آماده شد.", "The COVID-19 vaccine is ready."),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("search") / "corpus.db"
    with open_store(path) as store:
        for n, (fa, en) in enumerate(PAIRS):
            document = read_pair(fa, en, f"pair{n}", presplit=True, doc_id=f"pair{n}")
            store.ingest(process_document(document, presplit=True, check=False))
        [seed] = process_paths([SEED])
        store.ingest(seed)
    return path


@pytest.fixture()
def conn(corpus):
    with open_store(corpus, readonly=True) as store:
        yield store.conn


def found(conn, query, lang=None) -> list[str]:
    """The English side of each hit."""
    return [h.en for h in search(conn, query, lang=lang).hits]


def found_fa(conn, query, lang=None) -> list[str]:
    return [h.fa for h in search(conn, query, lang=lang).hits]


# --- The fold --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "variant",
    [
        "سليماني",  # Arabic yeh
        "سلیمانی",
        "سلیمانی‌ها",  # plural after a half-space
        "سلیمانی ها",  # ... after a space
        "سلیمانیها",  # ... joined
        "سلیمانی‌های",
        "سُلَیمانی",  # diacritics
        "سلیـــمانی",  # kashida
    ],
)
def test_persian_variants_fold_alike(variant):
    assert search_fold_fa(variant) == search_fold_fa("سلیمانی") == "سلیمانی"


def test_fold_letters_digits_and_half_spaces():
    assert search_fold_fa("كتاب") == search_fold_fa("کتاب")
    assert search_fold_fa("۱۲۳") == search_fold_fa("١٢٣") == "123"
    assert search_fold_fa("می‌شود") == search_fold_fa("می شود")
    assert search_fold_fa("نُجَباء") == search_fold_fa("نجبا")
    assert search_fold_fa("ﻻ") == search_fold_fa("لا")  # presentation form


def test_fold_keeps_short_stems_and_an_plurals():
    # ها after a two-letter stem is part of the word: تنها "alone" is not تن "body".
    assert search_fold_fa("تنها") == "تنها"
    assert search_fold_fa("ایران") == "ایران"
    assert search_fold_fa("رزمندگان") == "رزمندگان"


def test_fold_en():
    assert search_fold_en("Iran ۱۲ ＡＢＣ") == "iran 12 abc"
    assert search_fold_en("visits") == search_fold_en("visited") == search_fold_en("visiting") == "visit"


def test_letters_and_digits_are_separate_words():
    assert search_fold_en("COVID-19") == search_fold_en("covid19") == search_fold_en("Covid 19") == "covid 19"
    assert search_fold_fa("کووید۱۹") == search_fold_fa("کووید-۱۹") == "کووید 19"


PERSIAN = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآءأؤئۀةيك"
# Pieces, not only letters, so that plural endings and half-spaces come up often.
fa_text = st.lists(
    st.sampled_from(list(PERSIAN) + [" ", ZWNJ, "ها", "های", "هایی", "\u064e", "\u0640", "۱", "٢", "3", "A", "،"]),
    max_size=30,
).map("".join)


@given(fa_text)
def test_fold_fa_idempotent(text):
    assert search_fold_fa(search_fold_fa(text)) == search_fold_fa(text)


@given(st.text(max_size=40))
def test_fold_fa_idempotent_any_text(text):
    assert search_fold_fa(search_fold_fa(text)) == search_fold_fa(text)


@given(st.text(max_size=40))
def test_fold_en_idempotent(text):
    assert search_fold_en(search_fold_en(text)) == search_fold_en(text)


@given(fa_text)
def test_a_word_of_the_text_typed_as_a_query_folds_into_the_text(text):
    """The query side (normalize each term, then fold) meets the index side (the pipeline's
    normalized text, folded): every word of an indexed text, searched for, is in its index."""
    indexed = normalize(text)
    index_tokens = set(fa_tokens(indexed))
    for word in re.split(f"[\\s{ZWNJ}]+", indexed):
        assert set(fa_tokens(normalize(word))) <= index_tokens, word


# --- Persian search ---------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["سليماني", "سلیمانی", "سلیمانی‌ها", "سلیمانیها", "سُلَیمانی"])
def test_seed_found_by_every_spelling(conn, query):
    hits = search(conn, query).hits
    assert hits and all("سلیمانی" in h.fa for h in hits)
    assert any("Soleymani" in h.en for h in hits)


def test_plural_and_half_space_forms(conn):
    # Indexed: کتاب‌های; found as the singular, the joined plural and with a space.
    for query in ("کتاب", "کتابهای", "کتاب های", "كتاب"):
        assert "The new books are in the library." in found(conn, query), query
    # بیمارستان‌ها (plural) found by the singular.
    assert "The hospitals are full of patients." in found(conn, "بیمارستان")


def test_query_without_half_space(conn):
    # Indexed می‌شود, typed میشود: the normalizer restores the half-space in the query.
    assert "This work is being done." in found(conn, "میشود")
    assert "This work is being done." in found(conn, "می شود")


@pytest.mark.parametrize("query", ["covid19", "COVID-19", '"covid 19"', "کووید۱۹", "کووید ۱۹", "covid"])
def test_words_with_numbers(conn, query):
    assert found(conn, query) == ["The COVID-19 vaccine is ready."]


def test_digits_in_any_script(conn):
    for query in ("12", "۱۲", "١٢"):
        assert found(conn, query) == ["The price of oil rose 12 percent."], query


def test_diacritics_in_text_and_query(conn):
    # The seed writes نُجَباء with diacritics and hamza.
    assert search(conn, "نجبا").hits
    assert len(search(conn, "نجبا").hits) == len(search(conn, "نُجَباء").hits)


def test_persian_marks_point_at_the_words(conn):
    [hit] = search(conn, "کتاب").hits
    assert [hit.fa[s:e] for s, e in hit.fa_marks] == ["کتاب"]
    hit = search(conn, "سلیمانی").hits[0]
    assert all(hit.fa[s:e] == "سلیمانی" for s, e in hit.fa_marks) and hit.fa_marks


# --- English search ---------------------------------------------------------------------------------


def test_english_stemming(conn):
    assert "They visited the city." in found(conn, "visit")
    assert "He went for a visit." in found(conn, "visited")
    assert any("visits" in en for en in found(conn, "visiting"))
    hit = next(h for h in search(conn, "visit").hits if h.en == "They visited the city.")
    assert [hit.en[s:e] for s, e in hit.en_marks] == ["visited"]
    assert hit.fa  # the counterpart comes with the hit


def test_english_case_and_accents(conn):
    assert found(conn, "LIBRARY") == found(conn, "library") == ["The new books are in the library."]
    assert found(conn, "líbrary") == ["The new books are in the library."]


def test_phrase_needs_the_words_together(conn):
    assert found(conn, '"new books"') == ["The new books are in the library."]
    assert found(conn, '"books new"') == []
    assert found(conn, "books new") == ["The new books are in the library."]  # words: any order


def test_persian_phrase(conn):
    assert found(conn, '"کتاب‌های جدید"') == ["The new books are in the library."]
    assert found(conn, '"جدید کتاب"') == []


def test_prefix(conn):
    assert "The hospitals are full of patients." in found(conn, "hosp*")
    assert any("Soleymani" in en for en in found(conn, "Soley*"))
    assert "The hospitals are full of patients." in found(conn, "بیمار*")
    assert found(conn, '"new boo"*') == ["The new books are in the library."]


def test_or_and_and(conn):
    assert set(found(conn, "library OR hospitals")) == {
        "The new books are in the library.",
        "The hospitals are full of patients.",
    }
    # OR binds tighter than AND: new AND (library OR vaccine)
    assert set(found(conn, "new library OR vaccine")) == {
        "The new books are in the library.",
        "Scientists developed a new vaccine.",
    }
    assert found(conn, "new AND library") == ["The new books are in the library."]


def test_lang_keeps_to_one_side(conn):
    assert found(conn, "12", lang="en") == ["The price of oil rose 12 percent."]
    assert found(conn, "library", lang="fa") == []
    assert found(conn, "کتاب", lang="en") == []


def test_mixed_language_query(conn):
    # A Persian word and an English word: both must match, each on its own side.
    assert found(conn, "کتاب library") == ["The new books are in the library."]
    assert found(conn, "کتاب hospitals") == []


# --- Names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["Soleimani", "soleimani", "Suleimani"])
def test_name_search_finds_persian_spelling(conn, query):
    result = search(conn, query, lang="fa")
    assert result.names and "سلیمانی" in result.names
    assert result.hits and all("سلیمانی" in h.fa for h in result.hits)
    assert all(h.fa[s:e] == "سلیمانی" for h in result.hits for s, e in h.fa_marks)


def test_name_search_through_link_english_form(conn):
    # "Albu Kamal" is the English side of a stored link to البوکمال.
    result = search(conn, '"Albu Kamal"', lang="fa")
    assert "البوکمال" in result.names
    assert len(result.hits) == len(search(conn, "البوکمال").hits)


def test_common_words_are_not_taken_for_names(conn):
    assert search(conn, "library").names == ()


# --- Errors, limits and pages ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "needle"),
    [
        ('"unclosed', "unclosed quote"),
        ("", "empty query"),
        ("   ", "empty query"),
        ("OR library", "OR needs"),
        ("library OR", "OR needs"),
        ("a OR OR b", "OR needs"),
        ("(library)", "parentheses"),
        ("lib*rary", "'*' goes at the end"),
        ("*", "'*' goes at the end"),
        ("l*", "at least 2 letters"),
        ("NOT library", "NOT is not supported"),
        ("-library", "excluding words"),
        ("،؛!", "nothing to search for"),
        ("ها", "nothing to search for"),
    ],
)
def test_query_errors_are_one_clear_line(conn, query, needle):
    with pytest.raises(QueryError) as info:
        search(conn, query)
    message = str(info.value)
    assert needle in message and "\n" not in message
    assert isinstance(info.value, HamsuError) and not isinstance(info.value, sqlite3.Error)


@pytest.mark.parametrize(
    "query", ['library"', 'a"b', '""', "near(", "^library", "fa:library", "{fa}", "x:y:z", "+", "'"]
)
def test_odd_queries_never_raise_sql_errors(conn, query):
    try:
        search(conn, query)
    except QueryError:
        pass


def test_parse_groups():
    groups = parse('a "b c" OR d* e')
    assert [[(t.text, t.phrase, t.prefix) for t in g] for g in groups] == [
        [("a", False, False)],
        [("b c", True, False), ("d", False, True)],
        [("e", False, False)],
    ]


def test_bad_lang(conn):
    with pytest.raises(QueryError, match="lang"):
        search(conn, "x", lang="de")


def test_limit_is_capped_and_pages_follow(tmp_path):
    path = tmp_path / "many.db"
    n = MAX_LIMIT + 30
    fa = "\n".join(f"جمله شماره {i} درباره کتاب" for i in range(n))
    en = "\n".join(f"Sentence number {i} about books" for i in range(n))
    with open_store(path) as store:
        document = read_pair(fa, en, "many", presplit=True, doc_id="many")
        store.ingest(process_document(document, presplit=True, check=False))
        conn = store.conn
        first = search(conn, "books", limit=1000)
        assert len(first.hits) == MAX_LIMIT and first.more
        rest = search(conn, "books", limit=MAX_LIMIT, offset=MAX_LIMIT)
        assert len(rest.hits) == 30 and not rest.more
        ids = [h.unit_id for h in first.hits + rest.hits]
        assert len(set(ids)) == n  # every unit once, across the pages
        assert search(conn, "books", limit=0).hits  # at least one hit per page
        assert len(search_unit_ids(conn, "books")) == n
        paged = [h.unit_id for k in range(0, n, 7) for h in search(conn, "books", limit=7, offset=k).hits]
        assert paged == ids


def test_hit_fields(conn):
    hit = search(conn, "Soleymani", lang="en").hits[0]
    assert hit.doc_key.endswith("seed.txt")
    assert hit.title.startswith("بازدید")
    assert 0 <= hit.score <= 1
    assert isinstance(hit.flags, tuple)
    flagged = [h for h in search(conn, "Front of Truth").hits if h.flags]
    assert flagged and all(r == "names" for h in flagged for r in h.flags)
