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
