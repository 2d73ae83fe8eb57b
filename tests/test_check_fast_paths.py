"""The checks' shared machinery read lazily and their cheap tests: a side's offsets are made only
when a flag needs them, and then the same as made at once; the dates rule's quick test of which
parts of a date a text may hold answers as the word-by-word test did (hypothesis)."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from hamsu.check import check_alignment, dates, numerals, punctuation
from hamsu.check.base import SideOffsets, build_side, shifted_offsets
from hamsu.persian.normalize import normalize_sentence
from hamsu.read.aligned import aligned_pairs
from hamsu.records import EN, FA


def eager_offsets(alignment, ids, lang) -> tuple[int, ...]:
    """A side's offsets made at once, one a character, as build_side made them before."""
    sentences = alignment.fa if lang == FA else alignment.en
    offsets: list[int] = []
    last_end = 0
    for n, i in enumerate(ids):
        sentence = sentences[i]
        if n:
            offsets.append(last_end)
        if lang == FA:
            if sentence.shifts is not None:
                offsets += shifted_offsets(sentence.shifts, len(sentence.text), sentence.start)
            else:
                original = alignment.document.texts[sentence.source][sentence.start : sentence.end]
                offsets += map(sentence.start.__add__, normalize_sentence(original).offset_map[:-1])
        else:
            offsets += range(sentence.start, sentence.end)
        last_end = sentence.end
    offsets.append(last_end)
    return tuple(offsets)


PERSIAN_PIECES = ["كتاب", "ي", "مي شود", "  ", "می‌روم", "،", " ,", "۱۲", "12", "ـ", "ً", "«سلام»", "؟", "\u200c", " "]
PERSIAN = st.lists(st.sampled_from(PERSIAN_PIECES), min_size=1, max_size=12).map("".join).filter(str.strip)


@settings(max_examples=200)
@given(st.lists(st.tuples(PERSIAN, st.text("ab 1.", min_size=1, max_size=12).filter(str.strip)), min_size=1,
                max_size=4))  # fmt: skip
def test_a_sides_offsets_are_those_made_at_once(pairs):
    alignment = aligned_pairs(pairs, "doc")
    units = alignment.units
    # one sentence a side, and every sentence of a side joined as one (a 2-1 or 3-1 unit)
    for lang, ids in [(FA, u.fa) for u in units] + [(EN, u.en) for u in units] + [
        (FA, tuple(range(len(alignment.fa)))), (EN, tuple(range(len(alignment.en))))
    ]:
        side = build_side(alignment, ids, lang)
        expected = eager_offsets(alignment, ids, lang)
        assert len(side.offsets) == len(side.text) + 1
        assert tuple(side.offsets) == expected
        assert side.span(0, len(side.text)) == (expected[0], expected[-1])


def test_offsets_are_made_only_when_a_flag_needs_them(monkeypatch):
    pairs = [("شهر تهران ۱۲ بیمارستان دارد.", "Tehran has 12 hospitals."),
             ("شهر شیراز ۵ بیمارستان دارد.", "Shiraz has 7 hospitals."),
             ("هوا امروز گرم بود.", "The weather was warm today.")]  # fmt: skip
    made = []
    make = SideOffsets._offsets

    def counting(self):
        if self._made is None:
            made.append(self)
        return make(self)

    monkeypatch.setattr(SideOffsets, "_offsets", counting)
    alignment = aligned_pairs(pairs, "doc")
    flags = check_alignment(alignment)
    assert [f.unit for f in flags] == [1]
    # the flagged unit's sides, for its spans; the other four sides were read and never made
    assert len(made) == 2
    fa_span, en_span = flags[0].fa_spans[0], flags[0].en_spans[0]
    assert alignment.document.texts[0][slice(*fa_span)] == "۵"
    assert alignment.document.texts[1][slice(*en_span)] == "7"


# --- the dates rule's quick test --------------------------------------------------------------

WORDS = [*dates.EN_MONTHS, *dates.EN_WEEKDAYS, "day", "Mark", "Sunda", "Ma", "y", "0s", "1990", "12", " ", ".",
         *dates.SOLAR_MONTHS, *dates.GREGORIAN_MONTHS_FA, "ماه", "\u200c", "شنبه", "جمعه", "دهه", "سال", "ب", "ی"]
TEXTS = st.lists(st.sampled_from(WORDS), max_size=10).map("".join)


def word_by_word(text: str, lang: str) -> set[str]:
    """_parts_present as it was written first: each month and weekday name asked in turn."""
    present = set()
    if re.search(r"\d", text):
        present.add("digit")
        if re.search(r"\d{4}", text):
            present.add("year")
    if lang == EN:
        if "0s" in text:
            present.add("decade")
        if any(month in text for month in dates.EN_MONTHS):
            present.add("month")
        if any(day in text for day in dates.EN_WEEKDAYS):
            present.add("weekday")
        return present
    if not dates._FA_MONTH_RUNS.isdisjoint(dates._FA_WORD_RUN.findall(text)):
        present.add("month")
    for part, word in (("weekday", "شنبه"), ("weekday", "جمعه"), ("decade", "دهه"), ("sal", "سال")):
        if word in text:
            present.add(part)
    return present


@settings(max_examples=1000)
@given(TEXTS, st.sampled_from([EN, FA]))
def test_the_quick_test_of_date_parts_is_the_word_by_word_one(text, lang):
    assert dates._parts_present(text, lang) == word_by_word(text, lang)


# --- the numbers rule's first look at a side, the punctuation rule's counts ---------------------

CONTENT_PIECES = ["one", "One", "TWO", "both", "Both", "pair", "II", "XIV", "twice", "seventh", "a", "dozen",
                  "یک", "دو", "جفت", "زوج", "سوم", "سه\u200cبعدی", "ده\u200cها", "هزار", "ي", "ك", "ً", "دوً",
                  "كتاب", "book", "5", "۵", " ", "،", "-", "İ", "ß"]  # fmt: skip
CONTENT_TEXTS = st.lists(st.sampled_from(CONTENT_PIECES), max_size=8).map("".join)


def content_word_by_word(text: str) -> int:
    """number_content as it was written first: each set of words asked in turn."""
    if re.search(r"\d", text):
        return numerals.NUMBERS
    if not text.isascii():
        text = numerals._MARKS.sub("", text).translate(numerals._FA_VARIANTS)
    words = set(numerals._WORD.findall(text))
    lower = set(map(str.lower, filter(str.isascii, words)))
    if not numerals._NUMBER_WORDS.isdisjoint(words) or not numerals._NUMBER_WORDS.isdisjoint(lower):
        return numerals.NUMBERS
    if not numerals._ANSWER_WORDS.isdisjoint(words) or not numerals._ANSWER_WORDS.isdisjoint(lower):
        return numerals.ANSWERS_ONLY
    return numerals.NO_NUMBERS


@settings(max_examples=1000)
@given(CONTENT_TEXTS)
def test_number_content_is_the_word_by_word_answer(text):
    assert numerals.number_content(text) == content_word_by_word(text)


MARK_TEXTS = st.text(alphabet='()[]{}«»“”"?؟ ab ک', max_size=12)


@settings(max_examples=500)
@given(MARK_TEXTS)
def test_unbalanced_marks_counts_as_before(text):
    counted = "".join(o + c for o, c in punctuation.PAIRS if text.count(o) != text.count(c))
    counted += punctuation.STRAIGHT_QUOTE if text.count(punctuation.STRAIGHT_QUOTE) % 2 else ""
    assert punctuation.unbalanced_marks(text) == counted


def test_a_side_is_read_for_numbers_only_where_the_other_has_dates():
    # The Persian side's numbers answer only for English dates: with none there, the dates rule
    # leaves them unread (the numbers rule reads them apart from its dates, excluded); the
    # English side's are read for the Persian dates. The finding is the one it always was.
    from hamsu.check import RULES
    from hamsu.check.base import DocumentContext, UnitView

    alignment = aligned_pairs([("در ۱۲ مرداد ۱۴۰۳ سه نفر آمدند.", "Three people came.")], "doc")
    context = DocumentContext(alignment)
    view = UnitView(0, alignment.units[0], context)
    found = RULES["dates"].findings(view)
    kept = context._unit_memo[0]
    assert ("numerals", EN) in kept and ("numerals", FA) not in kept
    assert len(found) == 1 and found[0].severity == "warning" and "not in English" in found[0].message
