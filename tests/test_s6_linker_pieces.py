"""An English sentence's pieces found by the compiled loop (names/_faspans.c pieces) against the
matches of english._PIECE (the Python kept where the loop could not be built), on any text."""
from __future__ import annotations

from corekit import compiled_only
from hypothesis import given, settings
from hypothesis import strategies as st

from hamsu.names import english

compiled = compiled_only(english.COMPILED)

# What a piece is made of or broken by: letters of several scripts and cases, digits that are
# decimal and digits that are not (², ½), marks, the underscore, both apostrophes, astral letters.
PARTS = ["a", "Z", "é", "ß", "ب", "Ж", "中", "1", "٣", "²", "½", "_", "'", "’", "‘", "-", " ", ".", "\u0301",
         "\u200c", "\U0001d400", "\U0001f600", "ǅ", "ʼ", "\n"]  # fmt: skip


@compiled
def test_ci_builds_the_compiled_pieces():
    assert english.COMPILED and english._piece_matches is english._faspans.pieces


@compiled
@settings(max_examples=2000)
@given(st.one_of(st.text(), st.lists(st.sampled_from(PARTS), max_size=40).map("".join)))
def test_compiled_pieces_as_the_patterns(text):
    assert english._faspans.pieces(text) == english._python_piece_matches(text)


@compiled
def test_every_character_of_the_plane_is_a_letter_where_the_pattern_says():
    every = "".join(chr(c) for c in range(0x30000) if not 0xD800 <= c < 0xE000)
    for start in range(0, len(every), 4096):
        chunk = " ".join(every[start : start + 4096])  # each character alone, between spaces
        assert english._faspans.pieces(chunk) == english._python_piece_matches(chunk)


def test_pieces_of_a_sentence():
    text = "Iran's Foreign Minister, O'Brien and Zarif’s aides met 2nd_time ²."
    assert english._pieces.__wrapped__(text) == (
        ("Iran", 0, 4), ("Foreign", 7, 14), ("Minister", 15, 23), ("O'Brien", 25, 32), ("and", 33, 36),
        ("Zarif", 37, 42), ("aides", 45, 50), ("met", 51, 54), ("nd", 56, 58), ("time", 59, 63), ("²", 64, 65),
    )  # fmt: skip
