"""hamsu/persian/script.py: the one table of the script's letters, ranges and folds."""
from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from hamsu.matching import fold_persian
from hamsu.persian.normalize import normalize
from hamsu.persian.script import (
    ARABIC_LETTERS,
    ARABIC_TO_PERSIAN_CHARS,
    ARABIC_TO_PERSIAN_LETTERS,
    MATCHING_FOLD,
    WORD_SPELLING_FOLD,
    in_arabic_block,
)

SRC = Path(__file__).resolve().parents[1] / "src" / "hamsu"
# A module defining its own copy of the script's table: the half-space, the Arabic block as a range,
# or a letter-variant map.
OWN_COPY = re.compile(
    r"""ZWNJ\s*=\s*["']|["']\\u0600["-]|\\u0600-\\u06ff|\\u0620-\\u064a|["']ي["']\s*:\s*["']ی["']|["']ك["']\s*:\s*["']ک["']"""
)
# Copies left in modules other work was changing when script.py was made; each should import
# from script.py instead. No other module may hold one.
NOT_YET_MOVED = {
    "align/lexical.py",
    "check/names.py",
    "names/link.py",
    "names/persian.py",
    "names/presence.py",
    "names/translit.py",
    "persian/halfspace.py",
    "persian/normalize.py",
    "read/boilerplate.py",
    "read/language.py",
}


def test_no_module_keeps_its_own_copy_of_the_script_table():
    copies = {
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if path.name != "script.py" and OWN_COPY.search(path.read_text(encoding="utf-8"))
    }
    assert copies <= NOT_YET_MOVED, sorted(copies - NOT_YET_MOVED)


def test_the_folds_nest_and_land_on_persian_letters():
    assert ARABIC_TO_PERSIAN_LETTERS.items() <= WORD_SPELLING_FOLD.items() <= MATCHING_FOLD.items()
    assert set(ARABIC_TO_PERSIAN_CHARS) == set(ARABIC_TO_PERSIAN_LETTERS)
    letter = re.compile(f"[{ARABIC_LETTERS}]")
    for fold in (ARABIC_TO_PERSIAN_LETTERS, WORD_SPELLING_FOLD, MATCHING_FOLD):
        for variant, persian in fold.items():
            assert letter.fullmatch(variant) and letter.fullmatch(persian), variant
            assert persian not in fold, persian  # one step: a folded letter folds no further
    assert all(in_arabic_block(ch) for ch in MATCHING_FOLD)
    assert not in_arabic_block("A") and not in_arabic_block("\u200c")


persian_text = st.text(alphabet=st.sampled_from("سلامكيىیکاأإآۀةئؤ \u200c۱1"), max_size=40)


@given(persian_text)
def test_normalized_text_holds_no_letter_the_normalizer_folds(text):
    assert not set(normalize(text)) & set(ARABIC_TO_PERSIAN_CHARS)


@given(persian_text)
def test_matching_does_not_see_what_the_normalizer_changes_in_letters(text):
    persian = text.translate(str.maketrans(ARABIC_TO_PERSIAN_LETTERS))
    assert fold_persian(text)[0] == fold_persian(persian)[0]
