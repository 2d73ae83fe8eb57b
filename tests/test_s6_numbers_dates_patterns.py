"""The date patterns, rewritten so the pattern engine looks for their first character instead of
trying a match at every place (alternations grouped by first character, a leading look-behind
asserted after the first character), find what the plain patterns found: the same matches, spans
and groups, on any text (hypothesis)."""
from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from hamsu.check import dates
from hamsu.check.dates import (
    EN_DAY_WORDS,
    EN_MONTHS,
    EN_WEEKDAYS,
    FA_DAY_WORDS,
    GREGORIAN_MONTHS_FA,
    SOLAR_MONTHS,
)
from hamsu.matching import ARABIC_LETTERS, ZWNJ


def _plain(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# The patterns as they were written before the rewrite: the reference.
_EN_MONTH = rf"(?P<month>{_plain(EN_MONTHS)})\.?"
_EN_DAY = (rf"(?:(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?|(?:the\s+)?(?P<dayword>{_plain(EN_DAY_WORDS)}))"
           r"(?:(?:\s*[-–—]\s*|\s+(?:and|to)\s+)(?P<day2>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b)?")  # fmt: skip
_EN_YEAR = r"(?P<year>\d{4})"
PLAIN_EN = [
    rf"\b{_EN_DAY}\s+(?:of\s+)?{_EN_MONTH}\b,?\s+{_EN_YEAR}\b",
    rf"\b{_EN_MONTH}\s+{_EN_DAY}\b,?\s+{_EN_YEAR}\b",
    rf"\b{_EN_MONTH}\b,?\s+{_EN_YEAR}\b",
    rf"\b{_EN_DAY}\s+(?:of\s+)?{_EN_MONTH}\b",
    rf"\b{_EN_MONTH}\s+{_EN_DAY}\b(?![,.]?\d)",
    r"\b(?P<year>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b",
    r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})(?![\d/])",
    r"(?<![\w.,:/])(?P<year>1\d{3}|20\d{2})\s?[-–—/]\s?(?P<short_end>\d{2})(?![\w%]|[-–—/.,:]\d)",
    r"(?<![\w'])(?P<decade>\d{3}0)s\b|(?:(?<=\bthe )|')(?P<short_decade>\d0)s\b",
    rf"\b{_EN_MONTH}\b",
    rf"\b(?P<weekday>{_plain(EN_WEEKDAYS)})s?\b",
    r"(?<![\w.,:/$£€¥])(?<![A-Za-z]-)(?<!/ )(?P<year>1\d{3}|20\d{2}|2100)(?![\w%]|[.,:/]\d)",
]
_BB = f"(?<![{ARABIC_LETTERS}{ZWNJ}])"
_BA = f"(?![{ARABIC_LETTERS}{ZWNJ}])"
_FA_MONTH = rf"{_BB}(?P<month>{_plain(set(SOLAR_MONTHS) | set(GREGORIAN_MONTHS_FA))})(?P<mah>[ {ZWNJ}]?ماه)?{_BA}"
_FA_DAY = (rf"(?:(?<![\d/.٫])(?P<day>3[01]|[12]\d|0?[1-9])(?:[ {ZWNJ}]?(?:ام|م))?"
           rf"|{_BB}(?<!نیمه )(?P<dayword>{_plain(FA_DAY_WORDS)}))"
           r"(?:(?:\s*[-–—]\s*|\s+(?:و|تا)\s+)(?P<day2>3[01]|[12]\d|0?[1-9]))?")  # fmt: skip
_FA_CALENDAR = rf"(?:\s*(?P<cal>هجری[ {ZWNJ}]شمسی|هجری[ {ZWNJ}]قمری|شمسی|خورشیدی|قمری|میلادی))?"
_FA_YEAR = rf"(?:سال\s+)?(?P<year>\d{{4}}|\d{{2}})(?![\d/]){_FA_CALENDAR}"
PLAIN_FA = [
    rf"{_FA_DAY}\s*{_FA_MONTH}\s+{_FA_YEAR}",
    rf"{_FA_MONTH}\s+{_FA_YEAR}",
    rf"{_FA_DAY}\s*{_FA_MONTH}",
    r"(?<![\d/.])(?P<year>\d{4})[/\-.](?P<m>\d{1,2})[/\-.](?P<d>\d{1,2})(?![\d/])",
    r"(?<![\d/.])(?P<d>\d{1,2})[/\-.](?P<m>\d{1,2})[/\-.](?P<year>\d{4})(?![\d/])",
    rf"{_BB}دهه(?:[ {ZWNJ}]ی)?\s+(?P<decade_word>بیست|سی|چهل|پنجاه|شصت|هفتاد|هشتاد|نود){_BA}",
    rf"{_BB}دهه(?:[ {ZWNJ}]ی)?\s+(?P<decade>\d{{4}}|\d{{2}})(?!\d)(?:\s*(?P<cal>شمسی|خورشیدی|میلادی))?",
    rf"(?:(?P<mah_before>{_BB}ماه)\s+)?{_FA_MONTH}",
    rf"{_BB}(?<!\d)(?P<weekday>(?:یک|دو|سه|چهار|پنج|[1-5])[\s{ZWNJ}]*شنبه|شنبه|جمعه)(?:{ZWNJ}[{ARABIC_LETTERS}]+)?{_BA}",
    r"(?<![\d.,٫٬/:])(?P<year>\d{4})\s?[-–—/]\s?(?P<short_end>\d{2})(?![\d]|[-–—/.,:]\d)",
    r"(?<![\d.,٫٬/:\-–—])(?P<short_end>\d{2})\s?[-–—]\s?(?P<year>\d{4})(?![\d]|[-–—/.,:]\d)",
    rf"(?P<sal>{_BB}سال\s+)(?P<year>\d{{2}})(?![\d/])",
    rf"(?<![\d.,٫٬/:])(?<!/ )(?P<year>\d{{4}})(?![\d]|[.,٫٬/:]\d){_FA_CALENDAR}",
]
PAIRS = [(re.compile(p), q) for p, q in zip(PLAIN_EN + PLAIN_FA, dates._EN_PATTERNS + dates._FA_PATTERNS)]

# What the patterns read: every month, day word and weekday (whole, and cut short), digits of each
# length the patterns count, each separator and dash, the words around dates, letters of both
# scripts and of neither, marks, white space, the half-space.
_WORDS = [*EN_MONTHS, *EN_DAY_WORDS, *EN_WEEKDAYS, *SOLAR_MONTHS, *GREGORIAN_MONTHS_FA, *FA_DAY_WORDS]
PIECES = [
    *_WORDS, *{w[:2] for w in _WORDS}, *{w[1:] for w in _WORDS},
    *"0123456789", "12", "31", "05", "199", "1990", "2010", "2100", "1403", "20", "11",
    *".,:/-–—'%$£€¥_", "٫", "٬", "،", "the", "of", "and", "to", "st", "th", "s", "A", "x", "é",
    "سال", "ماه", "نیمه", "دهه", "ی", "و", "تا", "شنبه", "جمعه", "یک", "سه", "شمسی", "میلادی", "قمری", "هجری",
    "ام", "م", "ها", "ب", " ", "  ", "\n", ZWNJ, "\u200d",
]  # fmt: skip
# Figures and what stands around them, from a small alphabet, so that every arrangement the
# look-behinds tell apart (a slash and a space before four digits, a letter and a hyphen) is met.
FIGURE_PIECES = [*"0123456789", "1990", "2010", "12", "2010-1-2", "5/8/2024", "2010–11", "11-2010", "1403/5/2",
                 "/ ", "A-", *".,:/-–—'%$_", "٫", "٬", "،", " ", "A", "x", "s", "é", "ی",
                 ZWNJ, "the "]  # fmt: skip
# Months and figures with no day word (where date_items tries the day patterns at digits only).
MONTH_PIECES = [*EN_MONTHS, *SOLAR_MONTHS, *GREGORIAN_MONTHS_FA, "ماه", "نیمه ", "سال", "the ", "of ", *"0123456789",
                "12", "2020", "1402", *" ./-,٫", "  ", ZWNJ, "x", "ب", "A"]  # fmt: skip
TEXTS = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=14).map("".join),
    st.lists(st.sampled_from(FIGURE_PIECES), max_size=16).map("".join),
    st.lists(st.sampled_from(MONTH_PIECES), max_size=14).map("".join),
)


def _found(pattern: re.Pattern[str], text) -> list:
    """What pattern finds in text (or the matches given), as spans and groups."""
    matches = pattern.finditer(text) if isinstance(text, str) else text
    return [(m.span(), m.groupdict()) for m in matches]


@settings(max_examples=4000, deadline=None)
@given(TEXTS)
@example("ref/ 1990, x2010-1-2 and 1/5/8/2024, ٫1403-99 A-1995 15 مرداد1402 آ‌مهر ماه March")
def test_the_rewritten_date_patterns_find_what_the_plain_ones_found(text):
    for plain, rewritten in PAIRS:
        assert _found(rewritten, text) == _found(plain, text), (plain.pattern[:60], text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_on_any_text(text):
    for plain, rewritten in PAIRS:
        assert _found(rewritten, text) == _found(plain, text)


def test_the_rewritten_patterns_begin_with_what_the_engine_looks_for():
    # (the point of the rewrite: no look-behind or boundary in front)
    for pattern in (*dates._EN_PATTERNS[1:3], *dates._EN_PATTERNS[4:8], *dates._EN_PATTERNS[9:12],
                    *dates._FA_PATTERNS[3:5], *dates._FA_PATTERNS[9:11], dates._FA_PATTERNS[12]):  # fmt: skip
        assert not pattern.pattern.startswith(("(?<", "\\b")), pattern.pattern[:40]


@settings(max_examples=4000, deadline=None)
@given(TEXTS)
@example("نیمه بیست و یکم مهر ۱۴۰۲، ۲۱ آبان‌ماه و ماه  مهر 5 March, the first of May 2020 and 12 June")
@example("۲۱ آبان‌ماه ۱۴۰۲، ماه  مهر و 5 March, x5 May 2020 and -12 June")
def test_a_pattern_tried_where_its_matches_may_begin_finds_what_finditer_finds(text):
    text = dates.ascii_digits(text)
    for pattern, starts_of in dates._STARTS.items():
        found = dates._found(pattern, starts_of, text)
        assert _found(pattern, iter(found)) == _found(pattern, text), (pattern.pattern[:60], text)


def test_a_place_after_no_letter_lies_inside_no_month_name():
    # (what _month_starts relies on: each name is in letters and half-spaces but for its last character)
    letters = re.compile(f"[{dates.FA_MONTH_LETTERS}]")
    for word in {*SOLAR_MONTHS, *GREGORIAN_MONTHS_FA, "ماه"}:
        assert all(letters.match(ch) for ch in word[:-1]), word


PLAIN_TITLE_AFTER = re.compile(r"'?s?\s(?!(?:" + _plain(EN_MONTHS) + r")\b)[A-Z][a-z]")


@settings(max_examples=2000, deadline=None)
@given(TEXTS)
@example(" March 5, 's Times, 's Marchers, Sunday Jan")
def test_the_other_grouped_alternations_read_as_the_plain_ones(text):
    for start in range(len(text) + 1):
        assert bool(dates._EN_TITLE_AFTER.match(text, start)) == bool(PLAIN_TITLE_AFTER.match(text, start))
    assert bool(dates._EN_MONTH_NAMES.search(text)) == bool(re.search(_plain(EN_MONTHS), text))
    assert bool(dates._EN_WEEKDAY_NAMES.search(text)) == bool(re.search(_plain(EN_WEEKDAYS), text))
    assert bool(dates._FA_DAY_WORD.search(text)) == bool(re.search(_plain(FA_DAY_WORDS), text))
    assert bool(dates._EN_DAY_WORD.search(text)) == bool(re.search(_plain(EN_DAY_WORDS), text))
