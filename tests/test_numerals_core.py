"""The number check's tokenizer: the compiled core (check/_numerals.c) and the Python give the same
tokens, kinds, spans and "may count" flags on any text (hypothesis), and so the same numbers; the
Python stands alone where the core was not built."""
from __future__ import annotations

import re

from corekit import compiled_only
from hypothesis import given, settings
from hypothesis import strategies as st

from hamsu.check import dates, numerals, omission
from hamsu.check.numerals import _PERSIAN_TOKEN_CHARS, _char_ranges, _python_tokens, ascii_digits
from hamsu.matching import ARABIC_LETTERS, ARABIC_MARKS

compiled = compiled_only(numerals.COMPILED)


@compiled
def test_ci_builds_the_compiled_core():
    assert numerals.COMPILED


# Every kind of character the pattern tells apart, and the edges of its classes: digits in several
# scripts (Devanagari, full-width, an astral one), each separator, Persian letters, marks, the
# half-space and the code points either side of the Persian ranges, Latin letters and others that
# are \w, white space of several kinds, a plus, hyphens, a dot.
PIECES = [
    *"0123456789", "۱۲", "٣", "५", "５", "𝟙", *".,٫٬،/:", "٪", "٭", *"+-–", "_", "é", "ß", "😀",
    "دو", "سه", "یک", "هزار", "صد", "میلیون", "سوم", "سه\u200cبعدی", "ده\u200cها", "ي", "ك", "ً", "ـ", "\u200c",
    "\u061f", "\u0620", "\u064a", "\u066d", "\u066e", "\u06d3", "\u06d4", "\u06d5", "\u06d6", "\u06f9", "\u06fa",
    "\u06ff", "\u0700", "\u200b", "\u200d",
    "one", "two", "hundred", "thousand", "first", "II", "XIV", "COVID", "a", "and", "x", "Q",
    " ", "  ", "\t", "\n", "\u00a0", "\u2009", "\u3000", "\x1c",
]  # fmt: skip
TEXTS = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@compiled
@settings(max_examples=3000)
@given(TEXTS)
def test_the_compiled_tokens_are_the_pythons(text):
    text = ascii_digits(text)
    compiled_tokens, compiled_counts = numerals._numerals.tokens(text)
    python_tokens, python_counts = _python_tokens(text)
    assert compiled_tokens == python_tokens
    assert compiled_counts == python_counts
    assert all(type(t) is numerals._Token for t in compiled_tokens)
    assert all(type(c) is bool for c in compiled_counts)


@compiled
@settings(max_examples=300)
@given(st.text(max_size=60))
def test_any_text_tokenizes_the_same(text):
    text = ascii_digits(text)
    assert numerals._numerals.tokens(text) == _python_tokens(text)


def test_the_persian_ranges_are_the_patterns_class():
    """The ranges given to the core hold exactly the characters of _TOKEN's Persian class."""
    cls = re.compile(f"[{_PERSIAN_TOKEN_CHARS}]")
    ranges = _char_ranges(_PERSIAN_TOKEN_CHARS)
    for code in range(0x10000):
        inside = any(first <= code <= last for first, last in ranges)
        assert inside == bool(cls.match(chr(code))), hex(code)


@compiled
def test_real_sentences_read_the_same_numbers():
    sentences = [
        ("fa", "در سال ۱۴۰۲ بیش از ۲٬۵۰۰ نفر و دو میلیون و پانصد هزار تومان، ۳/۵ درصد و ۱۰:۳۰ صبح"),
        ("fa", "کووید-۱۹ در سه‌بعدی و ده‌ها هزار نفر؛ این دو بازیکن و هر سه تیم"),
        ("en", "On 5 March 2024, twenty-one people paid $5m (about £3.9m) for 1,500.5 tonnes, .5 each."),
        ("en", "World War II, COVID-19, the latter two and 3rd place; 10-15 km at 4pm"),
    ]
    for lang, text in sentences:
        numerals._tokens.cache_clear()
        compiled_found = numerals.numerals(text, lang)
        numerals._tokens.cache_clear()
        saved, numerals._tokenize = numerals._tokenize, _python_tokens
        try:
            python_found = numerals.numerals(text, lang)
        finally:
            numerals._tokenize = saved
            numerals._tokens.cache_clear()
        assert compiled_found == python_found and compiled_found


@compiled
@settings(max_examples=1000)
@given(st.text(max_size=80) | TEXTS)
def test_the_compiled_letter_count_is_the_pythons(text):
    assert numerals._numerals.alnum_count(text) == omission._python_content_length(text)


def test_the_length_rule_counts_letters_and_digits_of_any_script():
    # H, i, ۱, ۲, the four letters of کتاب, ½ (a number) and é; not the marks, the spaces or "_"
    assert omission.content_length("Hi, ۱۲ کتاب_ ½ é!") == omission._python_content_length("Hi, ۱۲ کتاب_ ½ é!") == 10


# Hyphens glued between English words (twenty-one), between digits (10-15), and Persian words that
# read as nothing (a kashida, a half-space alone): the pieces of the glued-hyphen rule.
STEP_PIECES = PIECES + ["twenty-one", "forty\u2013two", "a-b", "10-15", "-", "\u2011", " ـ ", "x\u200cy", "ـ"]
STEP_TEXTS = st.lists(st.sampled_from(STEP_PIECES), max_size=30).map("".join)


@st.composite
def texts_and_spans(draw):
    text = draw(STEP_TEXTS)
    bounds = st.integers(0, len(text) + 2)
    spans = draw(st.lists(st.tuples(bounds, bounds).map(sorted).map(tuple), max_size=3))
    return text, sorted(set(spans))


@compiled
@settings(max_examples=3000)
@given(texts_and_spans())
def test_the_compiled_steps_are_the_pythons(case):
    text, excluded = case
    numerals._tokens.cache_clear()
    compiled_steps, compiled_tail = numerals._compiled_steps(text, excluded)
    python_steps, python_tail = numerals._python_steps(text, excluded)
    assert compiled_steps == python_steps
    assert compiled_tail == python_tail
    assert all(type(t) is numerals._Token for step in compiled_steps for t in step[1:] if t is not None)


@settings(max_examples=500)
@given(st.lists(STEP_TEXTS, min_size=2, max_size=4), st.sampled_from(["fa", "en"]))
def test_numbers_do_not_depend_on_what_was_read_before(texts, lang):
    """The caches of figures and compounds (_scaled, _combined) give what a fresh reading gives:
    an integer and a float of one value (the words' 2, the digits' 2.0) share an entry."""
    warm = [numerals.numerals(text, lang) for text in texts]
    for function in (numerals._scaled, numerals._combined, numerals._tokens, numerals._digit_values):
        function.cache_clear()
    assert [numerals.numerals(text, lang) for text in reversed(texts)] == warm[::-1]


@compiled
def test_more_words_than_the_compiled_table_keeps():
    """The core keeps what it was told of each word in a bounded table, emptied when full, even in
    the middle of a text: the answers stay the Python's."""

    def letters(n: int) -> str:
        out = ""
        while True:
            n, k = divmod(n, 26)
            out += chr(97 + k)
            if not n:
                return out

    english = " ".join(letters(n) + ("-one" if n % 7 == 0 else " two") for n in range(40_000))
    persian = " ".join("دو" + "ب" * (n % 40) + "ک" * (n // 40) for n in range(2_000))
    for text in (english, persian, english):
        numerals._tokens.cache_clear()
        assert numerals._compiled_steps(text, [(5, 900)]) == numerals._python_steps(text, [(5, 900)])


# Number words and the words that answer for one, in either case; marks inside and between words
# (dropped: a mark joins the halves of a word), the kashida, the letters the marks' range shares
# (ٮ ٯ ٰ), Arabic letter forms, digits of several scripts, and a word longer than the core's buffer.
CONTENT_PIECES = [
    "one", "One", "ONE", "both", "Both", "pair", "II", "XIV", "seventh", "dozen", "a", "x", "ß", "İ",
    "یک", "دو", "جفت", "زوج", "سوم", "سه\u200cبعدی", "ده\u200cها", "هزار", "ي", "ك", "ى", "د", "و", "ً", "ـ",
    "\u066e", "\u066f", "\u0670", "\u064b", "\u0660", "۵", "5", "५", " ", "،", "-", "\u200c", "z" * 70, "ب" * 70,
]  # fmt: skip
CONTENT_TEXTS = st.lists(st.sampled_from(CONTENT_PIECES), max_size=10).map("".join)


@compiled
@settings(max_examples=3000)
@given(CONTENT_TEXTS)
def test_the_compiled_number_content_is_the_pythons(text):
    assert numerals._numerals.content(text) == numerals._python_number_content(text)


@compiled
@settings(max_examples=300)
@given(st.text(max_size=40))
def test_any_text_has_the_same_number_content(text):
    assert numerals._numerals.content(text) == numerals._python_number_content(text)


def test_the_marks_and_letters_given_to_the_core_are_the_patterns_classes():
    for chars in (ARABIC_MARKS, ARABIC_LETTERS):
        cls = re.compile(f"[{chars}]")
        ranges = _char_ranges(chars)
        for code in range(0x10000):
            assert any(first <= code <= last for first, last in ranges) == bool(cls.match(chr(code))), hex(code)


MONTH_PIECES = [*dates.SOLAR_MONTHS, *dates.GREGORIAN_MONTHS_FA, "ماه", "\u200c", " ", "ب", "ـ", "ً", "\u0670", "2",
                "May", "،", "می\u200cشود"]  # fmt: skip


@compiled
@settings(max_examples=2000)
@given(st.lists(st.sampled_from(MONTH_PIECES), max_size=8).map("".join))
def test_the_compiled_month_test_is_the_pythons(text):
    assert numerals._numerals.has_month_run(text) == dates._python_has_month_run(text)


def test_the_run_letters_given_to_the_core_are_the_patterns_class():
    cls = re.compile(f"[{dates._FA_RUN_CHARS}]")
    ranges = _char_ranges(dates._FA_RUN_CHARS)
    for code in range(0x10000):
        assert any(first <= code <= last for first, last in ranges) == bool(cls.match(chr(code))), hex(code)
