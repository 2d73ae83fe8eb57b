"""Doubled letters written once by a function, not by re.sub's template r"\\1" (which runs Python
in the re module at every call): latin_key and the Persian gemination give what the template gave,
on any text, and no template is looked up."""
from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamsu.names import translit

LATIN_PARTS = ["a", "l", "x", "X", "é", "Ø", "ß", "-", " ", "'", "ll", "ss", "1"]
ENGLISH = st.one_of(st.text(), st.lists(st.sampled_from(LATIN_PARTS), max_size=20).map("".join))
PERSIAN = st.lists(st.sampled_from(["ب", "ب", "ا", "و", "ی", "ل", "ل", "ح", " "]), max_size=12).map("".join)


def reference_latin_key(text: str) -> str:
    """latin_key as it was written, with the template."""
    plain = text.lower()
    if not plain.isascii():
        plain = unicodedata.normalize("NFKD", plain)
        plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
        plain = plain.replace("ø", "o").replace("æ", "ae").replace("ß", "ss").replace("ı", "i").replace("ł", "l")
    plain = re.sub(r"[^a-z]+", "", plain).replace("x", "ks")
    return re.sub(r"([a-z])\1+", r"\1", plain)


@settings(max_examples=1000)
@given(ENGLISH)
def test_latin_key_as_by_the_template(text):
    assert translit.latin_key.__wrapped__(text) == reference_latin_key(text)


@settings(max_examples=1000)
@given(PERSIAN)
def test_gemination_as_by_the_template(word):
    folded = translit._GEMINATION.sub(r"\1", word)
    units = translit._word_units.__wrapped__(word)
    assert units == translit._word_units.__wrapped__(folded)
    assert translit._GEMINATION.sub(translit._first_group, word) == folded


@pytest.mark.skipif(not hasattr(re, "_subx") and not hasattr(re, "_compile_template"), reason="re's template helper")
def test_no_template_is_looked_up(monkeypatch):
    helper = "_subx" if hasattr(re, "_subx") else "_compile_template"
    calls = []
    original = getattr(re, helper)
    monkeypatch.setattr(re, helper, lambda *args: calls.append(args) or original(*args))
    assert translit.latin_key.__wrapped__("Hassan Rouhani") == "hasanrouhani"
    assert translit._word_units.__wrapped__("حسّن")[1] == translit._word_units.__wrapped__("حسن")[1]
    translit._word_units.__wrapped__("ببل")
    assert calls == []
