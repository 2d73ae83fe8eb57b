"""The names check's romanization loop: the compiled core (names/_presence.c) and the Python
(presence._python_romanized_in) give the same answer for any English key and any side's runs
(hypothesis), real and made up; the Python stands alone where the core was not built."""
from __future__ import annotations

from corekit import compiled_only
from hypothesis import given, settings
from hypothesis import strategies as st

from hamsu.names import presence
from hamsu.names.presence import PersianSide, persian_side
from hamsu.names.translit import fa_units, latin_key, romanization_fold_fa, romanization_skeleton_fa, skeleton_bits

compiled = compiled_only(presence.COMPILED)

FA_WORDS = ["سردار", "قاسم", "سلیمانی", "در", "بغداد", "ترامپ", "کنگره", "بودایی", "کاتالونیایی", "خانه‌ای",
            "تایوانی‌ها", "مسیحیان", "ایتالیایی", "پاریس", "کره", "جنوبی", "سنت‌لوییز", "Paris", "و", "ویروس",
            "کرونا", "شینهووا", "بییشکک"]  # fmt: skip
EN_KEYS = st.sampled_from(["soleimani", "trump", "budhism", "catalan", "kong", "taiwanese", "italian", "christians",
                           "baghdad", "general", "paris", "korea", "stlouis", "coronavirus", "xinhua", "bishkek",
                           "mrs", "a", ""]) | st.text("abcdeghiklmnorstuyz", max_size=12)  # fmt: skip


def core_answer(key: str, persian: PersianSide) -> bool | None:
    bits, size, weight = presence._key_skeleton(key)
    return presence._presence_core.romanized_in(presence._romanization_runs(persian), key, bits, size, weight)


@compiled
def test_ci_builds_the_compiled_core():
    assert presence.COMPILED


@compiled
@settings(max_examples=400)
@given(st.lists(st.sampled_from(FA_WORDS) | st.text("سلامکتبیرزنهوپچژگ\u200c", min_size=1, max_size=7),
                max_size=8).map(" ".join), EN_KEYS)  # fmt: skip
def test_the_compiled_loop_answers_as_the_python_on_real_sides(text, key):
    persian = persian_side(text)
    assert core_answer(key, persian) == presence._python_romanized_in(key, persian)
    assert presence._romanized_in(key, persian) == presence._python_romanized_in(key, persian)


FOLDED = st.text("abcdeghiklmnorstuyzسلامکتبیرزنهوپ", min_size=1, max_size=8).map(romanization_fold_fa)


@compiled
@settings(max_examples=400)
@given(st.lists(st.tuples(FOLDED, st.sampled_from([0.0, 0.5, 1.0, 2.0, 2.5, 3.0, 4.5, 7.0]), st.booleans()),
                max_size=12), EN_KEYS)  # fmt: skip
def test_the_compiled_loop_answers_as_the_python_on_any_weights(runs, key):
    # Runs made up with weights other than their letters', so that every turn of the loop (the
    # skeletons, the weights' reach, the short and the ordinary words' scores) is taken both ways.
    persian = PersianSide(())
    persian.derived["romanization runs"] = tuple(
        (folded, skeleton_bits(romanization_skeleton_fa(folded)), len(romanization_skeleton_fa(folded)), weight,
         common) for folded, weight, common in runs)  # fmt: skip
    assert core_answer(key, persian) == presence._python_romanized_in(key, persian)


@compiled
def test_skeletons_beyond_a_machine_word_are_left_to_the_python():
    folded = romanization_fold_fa("سلیمانی")
    wide = 1 << 70 | skeleton_bits(romanization_skeleton_fa(folded))
    persian = PersianSide(())
    persian.derived["romanization runs"] = ((folded, wide, 5, fa_units(folded)[1], False),)
    assert core_answer("soleimani", persian) is None
    assert presence._romanized_in("soleimani", persian) is presence._python_romanized_in("soleimani", persian) is True


def test_romanized_without_the_core(monkeypatch):
    """_romanized_in on the Python alone: the same answers (the core, where built, is set aside)."""
    persian = persian_side("سردار قاسم سلیمانی در بغداد کشته شد و ترامپ گفت کنگره")
    keys = [latin_key(w) for w in ["Soleimani", "Baghdad", "Trump", "Paris", "Congress", "Qasem", "Berlin"]]
    with_core = [presence._romanized_in(key, persian) for key in keys]
    monkeypatch.setattr(presence, "_presence_core", None)
    alone = [presence._romanized_in(key, persian) for key in keys]
    assert alone == with_core == [True, True, True, False, True, True, False]
