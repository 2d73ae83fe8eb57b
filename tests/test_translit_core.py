"""The transliteration cost: the compiled core (names/_translit.c) and the Python give the same
cost, bit for bit, on any Persian form, English key and limit (hypothesis); the Python stands alone
where the core was not built."""
from __future__ import annotations

import math

from corekit import compiled_only
from hypothesis import given, settings
from hypothesis import strategies as st

from hamsu.names import translit
from hamsu.names.translit import LETTERS, latin_key, romanization_fold_fa

compiled = compiled_only(translit.COMPILED)


@compiled
def test_ci_builds_the_compiled_core():
    assert translit.COMPILED

PERSIAN = st.lists(st.sampled_from(sorted(LETTERS) + [" ", "ال", "\u200c", "ء", "x"]), min_size=1, max_size=14).map(
    "".join
)
# Keys as latin_key makes them, and raw text too: capitals, digits, letters outside ASCII.
ENGLISH = st.one_of(
    st.lists(st.sampled_from(list("abcdefghijklmnopqrstuvwxyz") + ["aeiou", "sh", "kh", "ch", "al-"]), max_size=16)
    .map("".join)
    .map(latin_key),
    st.text("abcdefhiosuyzAZ -'é0", max_size=70),
)
LIMITS = st.one_of(st.just(math.inf), st.floats(0.0, 8.0), st.sampled_from([0.0, 0.9, 1.8, 2.7]))


def same(a: float, b: float) -> bool:
    return a == b and math.copysign(1, a) == math.copysign(1, b)


@compiled
@settings(max_examples=1500)
@given(PERSIAN, ENGLISH, LIMITS)
def test_the_compiled_cost_is_the_pythons(persian, english, limit):
    folded = romanization_fold_fa(persian)
    assert same(translit._compiled_cost(folded, english, limit), translit._python_cost(folded, english, limit))


@compiled
def test_real_names_cost_the_same():
    pairs = [("سلیمانی", "Soleymani"), ("قاسم", "Qasem"), ("الزور", "az-Zawr"), ("پائولو", "Paulo"),
             ("کیوو", "Kivu"), ("سلیمانی", "Salman"), ("برژینسکی", "Brzezinski"), ("مکه", "Mecca"),
             ("عبدالله", "Abdullah"), ("ژنو", "Geneva")]  # fmt: skip
    for persian, english in pairs:
        folded, key = romanization_fold_fa(persian), latin_key(english)
        for limit in (math.inf, 3.0, 2.0, 0.5, 0.0):
            assert same(translit._compiled_cost(folded, key, limit), translit._python_cost(folded, key, limit))


@compiled
def test_a_long_key_beyond_the_stack_rows():
    folded, key = romanization_fold_fa("سلیمانی " * 12), latin_key("Soleymani" * 12)
    assert len(key) > 64
    for limit in (math.inf, 10.0, 1.0):
        assert same(translit._compiled_cost(folded, key, limit), translit._python_cost(folded, key, limit))


@compiled
def test_a_key_outside_ascii_is_left_to_the_python():
    folded = romanization_fold_fa("ژنو")
    assert translit._translit.cost(*translit._compiled_form(folded), "genève", math.inf) is None
    assert translit._compiled_cost(folded, "genève", math.inf) == translit._python_cost(folded, "genève", math.inf)


def test_scores_without_the_core(monkeypatch):
    """score_keys on the Python alone: the same scores (the core, where built, is set aside)."""
    pairs = [("سلیمانی", "Soleymani"), ("سلیمانی", "Syria"), ("قاسم", "Qasem"), ("مکه", "Mecca")]
    keys = [(romanization_fold_fa(fa), latin_key(en)) for fa, en in pairs]
    floors = (0.0, 0.5, 0.85)
    with_core = [translit.score_keys.__wrapped__(fa, en, floor) for fa, en in keys for floor in floors]
    monkeypatch.setattr(translit, "_cost", translit._python_cost)
    alone = [translit.score_keys.__wrapped__(fa, en, floor) for fa, en in keys for floor in floors]
    assert alone == with_core
    assert alone[0] > 0.9 and alone[3] < 0.5 and alone[5] == 0.0


CLASSES = list("bftsjckrlmn") + ["ئ", "ة", "ح", "x", "q"]
SKELETON = st.frozensets(st.sampled_from(CLASSES), min_size=1, max_size=9)


@settings(max_examples=300)
@given(st.lists(st.tuples(SKELETON, st.integers(1, 5)), max_size=40), SKELETON, st.integers(0, 6))
def test_skeletons_overlapping_is_skeletons_overlap(persian, english, length):
    skeletons = translit.Skeletons([translit.skeleton_bits(s) for s, _ in persian], [n for _, n in persian])
    en_bits = translit.skeleton_bits(english)
    expected = [k for k, (s, n) in enumerate(persian)
                if abs(n - length) <= 1 and translit.skeletons_overlap(s, english)]
    assert skeletons.overlapping(en_bits, len(english), length) == expected
    assert skeletons._overlapping(en_bits, len(english), length) == expected


def test_skeletons_beyond_a_machine_word_are_tested_in_python():
    wide = 1 << 70 | 0b111
    skeletons = translit.Skeletons([wide, 0b11, 0b1000], [1, 2, 2])
    assert skeletons._packed is None
    assert skeletons.overlapping(0b111, 3, 2) == [0, 1]  # 3 of 4 and 2 of 3 shared, none of 1
    assert skeletons.overlapping(0b111, 3, 3) == [1]  # one word more or less than 3
    assert translit.Skeletons([0b11, 0b1000], [1, 1]).overlapping(wide, 4, 1) == []
