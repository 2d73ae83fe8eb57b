"""score_keys' helpers, made cheaper to call: the Persian folds translate by tables indexed by code
point (no KeyError raised inside translate for a letter in no fold), the same text as the dicts
give on any text; the compiled cost and overlapping read their arguments without PyArg_ParseTuple
(METH_FASTCALL), taking and refusing what the format took and refused."""
from __future__ import annotations

import math
from array import array

import pytest
from corekit import compiled_only
from hypothesis import given, settings
from hypothesis import strategies as st

from hamsu.names import translit
from hamsu.persian.script import ROMANIZATION_FOLD, ZWNJ

compiled = compiled_only(translit.COMPILED)

_FOLD_AS_DICT = str.maketrans(ROMANIZATION_FOLD)
_CLASS_AS_DICT = {c: to for c, to in enumerate(translit._FA_CLASS) if to != chr(c)}

PARTS = ["ب", "ی", "ي", "ك", "آ", "أ", "ء", "ة", "ۀ", "\u064b", "\u0670", "ـ", ZWNJ, " ", "a", "«", "’", "\U0001f600",
         chr(len(translit._FA_FOLD)), chr(len(translit._FA_CLASS)), "ح", "ش"]  # fmt: skip
TEXT = st.one_of(st.text(), st.lists(st.sampled_from(PARTS), max_size=30).map("".join))


def test_the_folds_are_tables_by_code_point():
    assert isinstance(translit._FA_FOLD, list) and isinstance(translit._FA_CLASS, list)
    assert {c: to for c, to in enumerate(translit._FA_FOLD) if to != chr(c)} == _FOLD_AS_DICT


@settings(max_examples=1500)
@given(TEXT)
def test_folds_by_table_as_by_dict(text):
    assert translit.romanization_fold_fa(text) == text.translate(_FOLD_AS_DICT)
    with_madda = "آ".join(part.translate(_FOLD_AS_DICT) for part in text.split("آ"))
    assert translit.romanization_fold_fa(text, keep_madda=True) == with_madda
    assert text.translate(translit._FA_CLASS) == text.translate(_CLASS_AS_DICT)


@compiled
def test_cost_takes_what_its_format_took():
    codes, written = translit._compiled_form("سلیمانی")
    expected = translit._translit.cost(codes, written, "soleymani", math.inf)
    assert expected == translit._python_cost("سلیمانی", "soleymani", math.inf)
    assert translit._translit.cost(bytearray(codes), written, "soleymani", math.inf) == expected
    assert translit._translit.cost(memoryview(codes), written, "soleymani", 5) == expected  # an int limit
    assert translit._translit.cost(codes, written, "genève", 1.0) is None
    for bad in [("سلیمانی", written, "x", 1.0), (codes, 1.5, "x", 1.0), (codes, written, b"x", 1.0),
                (codes, written, "x", "1")]:  # fmt: skip
        with pytest.raises(TypeError):
            translit._translit.cost(*bad)
    with pytest.raises(TypeError):
        translit._translit.cost(codes, written, "x")


@compiled
def test_overlapping_takes_what_its_format_took():
    skeletons = translit.Skeletons([0b011, 0b110, 0b111], [1, 2, 4])
    assert skeletons.overlapping(0b011, 2, 1) == skeletons._overlapping(0b011, 2, 1)
    bits, sizes, lengths = array("Q", [0b011, 0b110]), bytes([2, 2]), bytes([1, 2])
    assert translit._translit.overlapping(bits, bytearray(sizes), lengths, 0b011, 2, 1) == [0]
    with pytest.raises(ValueError):
        translit._translit.overlapping(bits, bytes([2]), lengths, 0b011, 2, 1)
    with pytest.raises(TypeError):
        translit._translit.overlapping(bits, sizes, lengths, 0b011, 2.0, 1)
    with pytest.raises(TypeError):
        translit._translit.overlapping(bits, sizes, lengths, 0b011, 2)
