"""The names check's compiled romanization loop scores a run with the compiled cost itself, as
translit.score_keys does (the same doubles), without calling score_keys for each new pair; it asks
score_keys only where the cost cannot answer (a key not in ASCII, a form with no letter to align)."""
from __future__ import annotations

import pytest
from corekit import compiled_only
from hypothesis import given, settings
from hypothesis import strategies as st

from hamsu.names import presence
from hamsu.names.presence import PersianSide
from hamsu.names.translit import en_weight, romanization_fold_fa, romanization_skeleton_fa, score_keys, skeleton_bits

compiled = compiled_only(presence._SCORED_HERE)
# what presence gives the core to score pairs itself (set_tables' optional arguments)
COMPILED_SCORE = (presence._translit.cost, presence._romanization_cost, en_weight) if presence._SCORED_HERE else ()

FOLDED = st.text("abcdeghiklmnorstuyzسلامکتبیرزنهوپچژگ ", min_size=1, max_size=9).map(romanization_fold_fa)
KEYS = st.text("abcdeghiklmnorstuvyz", max_size=12) | st.sampled_from(["soleimani", "trump", "bishkek", "é", "ab"])


@pytest.fixture
def counted_score_keys():
    """score_keys as the compiled loop's fallback, counting the calls it gets."""
    calls: list[tuple[str, str, float]] = []

    def counted(folded, key, floor=0.0):
        calls.append((folded, key, floor))
        return score_keys(folded, key, floor)

    tables = (presence.PRESENT_SCORE, presence.SHORT_PRESENT_SCORE, presence.COMMON_PRESENT_SCORE)
    presence._presence_core.set_tables(counted, *tables, *COMPILED_SCORE)
    yield calls
    presence._presence_core.set_tables(score_keys, *tables, *COMPILED_SCORE)


def side_of(runs: list[tuple[str, float, bool]]) -> PersianSide:
    persian = PersianSide(())
    persian.derived["romanization runs"] = tuple(
        (folded, skeleton_bits(romanization_skeleton_fa(folded)), len(romanization_skeleton_fa(folded)), weight,
         common) for folded, weight, common in runs)  # fmt: skip
    return persian


def loop_answer(key: str, persian: PersianSide) -> bool | None:
    bits, size, weight = presence._key_skeleton(key)
    return presence._presence_core.romanized_in(presence._romanization_runs(persian), key, bits, size, weight)


@compiled
@settings(max_examples=500)
@given(st.lists(st.tuples(FOLDED, st.sampled_from([0.0, 1.0, 2.0, 3.0, 4.5, 7.0]), st.booleans()), max_size=10),
       KEYS)  # fmt: skip
def test_the_loop_scores_as_score_keys_does(runs, key):
    persian = side_of(runs)
    assert loop_answer(key, persian) == presence._python_romanized_in(key, persian)


@compiled
@settings(max_examples=1000)
@given(FOLDED | st.just(""), KEYS, st.sampled_from([0.0, -0.5, 0.25, 0.34, 0.49, 0.59, 0.74, 0.79, 1.0]))
def test_the_cores_score_is_score_keys_to_the_last_bit(folded, key, floor):
    assert presence._presence_core.score(folded, key, floor) == score_keys(folded, key, floor)
    assert presence._presence_core.score(folded, key) == score_keys(folded, key)
    assert presence._score is presence._presence_core.score


@compiled
def test_the_loop_asks_score_keys_only_what_the_cost_cannot_answer(counted_score_keys):
    folded = romanization_fold_fa("سلیمانی")
    persian = side_of([(folded, 3.0, False), (romanization_fold_fa("بغداد"), 3.0, True)])
    assert loop_answer("soleimani", persian) is True
    assert loop_answer("baghdad", persian) is True
    assert loop_answer("soleimanu", persian) is True  # a letter off: still above the floor
    assert loop_answer("trump", persian) is False
    assert counted_score_keys == []
    # a key not in ASCII: the compiled cost declines, and score_keys answers as before
    assert loop_answer("sol\u00e9imani", persian) == presence._python_romanized_in("sol\u00e9imani", persian)
    assert [key for _, key, _ in counted_score_keys] and all(key == "sol\u00e9imani" for _, key, _ in
                                                              counted_score_keys)  # fmt: skip


@compiled
def test_without_the_compiled_cost_the_loop_asks_score_keys():
    # as where _presence was built and _translit was not: every pair scored by score_keys
    tables = (presence.PRESENT_SCORE, presence.SHORT_PRESENT_SCORE, presence.COMMON_PRESENT_SCORE)
    calls = []

    def counted(folded, key, floor=0.0):
        calls.append(key)
        return score_keys(folded, key, floor)

    persian = side_of([(romanization_fold_fa("سلیمانی"), 3.0, False), (romanization_fold_fa("ترامپ"), 3.0, False)])
    try:
        presence._presence_core.set_tables(counted, *tables)
        answers = [loop_answer(key, persian) for key in ("soleimani", "trump", "paris")]
    finally:
        presence._presence_core.set_tables(score_keys, *tables, *COMPILED_SCORE)
    assert answers == [presence._python_romanized_in(key, persian) for key in ("soleimani", "trump", "paris")]
    assert calls
    with pytest.raises(TypeError):
        presence._presence_core.set_tables(score_keys, *tables, presence._translit.cost)  # all or none


BLOCK_CORES = """
import sys
class Blocked:
    def find_spec(self, name, path=None, target=None):
        if name in ("hamsu.names._presence", "hamsu.names._translit"):
            raise ImportError(name)
sys.meta_path.insert(0, Blocked())
"""
ASKED = [("سردار قاسم سلیمانی", "fa", "General Qassem Soleimani was killed in Baghdad."),
         ("Bishkek", "en", "خیابان‌های بییشکک خالی بود."),
         ("Michael Arizona", "en", "پس از آن شوماخر مسابقه را ترک کرد."),
         ("Taiwanese", "en", "مقام‌های تایوانی گفتند"), ("Coronavirus", "en", "ویروس کرونا شیوع یافت")]  # fmt: skip


def _answers() -> list:
    return [(presence.presence(text, lang, other), presence.unrendered_words(text, lang, other),
             presence.loose_counterpart(tuple(text.split()), lang, other),
             presence.loosely_romanizes("شینهووا", "Xinhua")) for text, lang, other in ASKED]  # fmt: skip


def test_the_names_checks_answers_without_the_compiled_cores():
    """Where neither _presence nor _translit was built, presence answers as with them."""
    import json
    import os
    import subprocess
    import sys

    code = BLOCK_CORES + f"""
import json
from hamsu.names import presence
assert not presence.COMPILED and presence._score is presence.score_keys
ASKED = {ASKED!r}
print(json.dumps([(presence.presence(t, l, o), presence.unrendered_words(t, l, o),
                   presence.loose_counterpart(tuple(t.split()), l, o),
                   presence.loosely_romanizes("شینهووا", "Xinhua")) for t, l, o in ASKED]))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, check=True)
    assert json.loads(done.stdout) == json.loads(json.dumps(_answers()))
