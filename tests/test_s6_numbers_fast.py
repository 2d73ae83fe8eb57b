"""The number and date checks' cheaper paths give what the plain ones gave, on any text
(hypothesis): digits and letter variants folded only where the text holds some, the same
string back where it holds none."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hamsu.check import numerals
from hamsu.check.numerals import _FA_VARIANTS, _fa_variants, ascii_digits
from hamsu.persian.script import ASCII_DIGITS

# Digits of several scripts (Persian, Arabic-Indic, ASCII, Devanagari, full-width), the letter
# variants and their Persian forms, marks, the half-space, Latin and white space.
PIECES = [
    *"0123456789", "۰", "۱۲", "۹", "٠", "٣", "٩", "५", "５", "𝟙", *".,٫٬،/:", "ي", "ى", "ك", "ی", "ک",
    "دو", "سه", "هزار", "ً", "\u200c", "one", "COVID", " ", "\n", "😀",
]  # fmt: skip
TEXTS = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=1000)
@given(st.one_of(TEXTS, st.text(max_size=60)))
def test_ascii_digits_is_translate(text):
    assert ascii_digits(text) == text.translate(ASCII_DIGITS)


@settings(max_examples=1000)
@given(st.one_of(TEXTS, st.text(max_size=60)))
def test_fa_variants_is_translate(text):
    assert _fa_variants(text) == text.translate(_FA_VARIANTS)


def test_a_text_without_digits_or_variants_comes_back_as_it_is():
    text = "سه\u200cبعدی و بیست نفر"
    assert ascii_digits(text) is text
    assert _fa_variants(text) is text
    assert ascii_digits("۱۲ و ٣٤") == "12 و 34"


@settings(max_examples=500)
@given(TEXTS)
def test_a_word_reads_the_same_with_its_variants_folded(text):
    for word in text.split():
        assert numerals._word_content(word) == numerals._word_content(word.translate(_FA_VARIANTS))


# Letters of both scripts and their edges: Latin (ASCII, Latin-1, Extended-B's end, Extended
# Additional), Arabic script (Persian, presentation forms), marks, digits, the half-space, others.
SCRIPT_PIECES = ["book", "Iran", "Zoë", "ß", "ɏ", "ɐ", "ḁ", "ỿ", "ª", "µ", "×", "کتاب", "ﻛﺘﺎﺏ", "ـ", "ً", "ء", "﷼",
                 "HCoV-229E", "12", "۱۲", "\u200c", " ", "“", "😀", "Ωμέγα"]  # fmt: skip
SCRIPT_TEXTS = st.lists(st.sampled_from(SCRIPT_PIECES), max_size=12).map("".join)


@settings(max_examples=1000)
@given(st.one_of(SCRIPT_TEXTS, st.text(max_size=60)))
def test_untranslated_counts_letters_as_script_counts_does(text):
    import re

    from hamsu.check import untranslated
    from hamsu.matching import _ARABIC_LETTER, script_counts
    from hamsu.read.language import LATIN_LETTERS

    assert untranslated.script_counts(text) == script_counts(text)
    assert bool(untranslated._LATIN_LETTER.search(text)) == bool(LATIN_LETTERS.search(text))
    assert bool(untranslated._ARABIC_SCRIPT_LETTER.search(text)) == bool(_ARABIC_LETTER.search(text))
    assert untranslated.has_arabic_letter(text) == bool(_ARABIC_LETTER.search(text))
    assert untranslated._has_foreign_letter(text, "en") == bool(_ARABIC_LETTER.search(text))
    assert untranslated._has_foreign_letter(text, "fa") == bool(LATIN_LETTERS.search(text))
    plain_latin_word = re.compile(r"[A-Za-z\u00c0-\u024f]+")
    assert untranslated._LATIN_WORD.findall(text) == plain_latin_word.findall(text)
    assert untranslated._LATIN_WORD.sub("", text) == plain_latin_word.sub("", text)


def _plain_word_content(word: str) -> int:
    read = word.translate(_FA_VARIANTS)
    forms = (read, read.lower()) if read.isascii() else (read,)
    if any(form in numerals._NUMBER_WORDS for form in forms):
        return numerals.NUMBERS
    if any(form in numerals._ANSWER_WORDS for form in forms):
        return numerals.ANSWERS_ONLY
    return numerals.NO_NUMBERS


def _plain_number_prefixed(word: str) -> int | None:
    if "\u200c" in word:
        head, tail = word.split("\u200c", 1)
        return None if tail.startswith("ها") else numerals._FA_UNITS.get(head)
    for suffix in numerals._FA_NUMBER_PREFIXED:
        if word.endswith(suffix) and word[: -len(suffix)] in numerals._FA_UNITS:
            return numerals._FA_UNITS[word[: -len(suffix)]]
    return None


WORDS = st.one_of(
    st.sampled_from([*numerals._NUMBER_WORDS, *numerals._ANSWER_WORDS, "Both", "PAIR", "TWO", "Twenty", "يك", "دوجين",
                     "سه‌بعدی", "ده‌ها", "دوبرابر", "سه‌بار", "بار", "پنجساله", "کتاب", "one"]),
    st.text(max_size=8),
)  # fmt: skip


@settings(max_examples=2000)
@given(WORDS)
def test_a_words_content_and_number_prefix_are_the_plain_ones(word):
    assert numerals._word_content(word) == _plain_word_content(word)
    assert numerals._number_prefixed.__wrapped__(word) == _plain_number_prefixed(word)
