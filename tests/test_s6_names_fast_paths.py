"""The names rule's early exits, against what the rule computed without them: a name is searched
for a swapped word only where one of its words is in no other unit of the document; the English is
asked whether it renders a Persian word that looks like a name (a stray) only where that word may
be the rival the rule reads (one of the two names sure)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hamsu.check.names import NamesRule
from hamsu.names import presence
from hamsu.pipeline import check_document
from hamsu.read.aligned import aligned_pairs


def _names_flags(pairs: list[tuple[str, str]]) -> list[tuple[int | None, str, str]]:
    checked = check_document(aligned_pairs(pairs, "doc"))
    return [(f.unit, f.severity, f.evidence) for f in checked.flags if f.rule == NamesRule.name]


SWAPPED = ("کمیسیون ملی انرژی این طرح را تایید کرد.", "The National Energy Foundation approved the plan.")


def _spy_swapped_parts(monkeypatch) -> list[str]:
    asked: list[str] = []
    real = presence.swapped_parts

    def spy(text, *args, **kwargs):
        asked.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(presence, "swapped_parts", spy)
    return asked


def test_a_swapped_word_found_nowhere_else_is_still_reported(monkeypatch):
    asked = _spy_swapped_parts(monkeypatch)
    flags = _names_flags([SWAPPED])
    assert asked == ["National Energy Foundation"]
    assert any(severity == "warning" and "'Foundation' rendered by nothing" in evidence
               for _, severity, evidence in flags)  # fmt: skip


def test_a_name_whose_words_recur_elsewhere_is_not_searched_for_a_swap(monkeypatch):
    # Foundation is in another unit of the document: it is no word put in another's place, so
    # the Persian side need not be searched for one.
    pairs = [SWAPPED, ("بنیاد ملی انرژی کار خود را آغاز کرد.", "The National Energy Foundation began its work.")]
    expected = _names_flags(pairs)
    asked = _spy_swapped_parts(monkeypatch)
    assert _names_flags(pairs) == expected
    assert asked == []
    assert not any("rendered by nothing while the name's other words are" in e for _, _, e in expected)


# --- strays: the English asked about a Persian word only where the rule reads it --------------

def reference_stray_names(fa_text, en_text, skip=frozenset()):
    """presence.stray_names as it was written: every word asked whether the English renders it."""
    english = presence.english_side(en_text)
    table = presence.name_table_data()
    out = []
    words = presence.persian_side(fa_text).words
    for i, w in enumerate(words):
        if w.latin or w.key in presence.STOPWORDS or len(w.base) < 3 or w.key in skip or w.base in skip:
            continue
        if w.base in presence._PERSIAN_TITLES or any(stem in presence.generic_english() for stem in w.stems):
            continue
        title = words[i - 1].key if i > 0 and words[i - 1].run == w.run else ""
        ordinary = presence._ordinary_persian_word(w)
        titled = title in presence._PRESS_TITLES or (title in presence._NAMING_TITLES and not ordinary)
        if (ordinary and not titled) or presence._persian_word_rendered(w, english):
            continue
        entries = [table.entry(stem) for stem in w.stems[:2]]
        out.append((w.text, titled or any(e is not None and not e.ambiguous for e in entries)))
    return tuple(out)


FA_WORDS = ["شوماخر", "روزنامه", "گاردین", "شهر", "کابل", "لونا", "اسپانیایی", "ژاپن", "کالج", "سلطنتی", "در", "و",
            "ترامپ", "چین", "کتاب", "بییشکک", "Paris", "سازمان", "بهداشت", "جهانی", "آمریکایی"]  # fmt: skip
EN_WORDS = ["Schumacher", "Guardian", "Kabul", "Japan", "Spanish", "Trump", "China", "the", "book", "American",
            "WHO", "Paris", "left", "race"]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(FA_WORDS), max_size=8).map(" ".join),
       st.lists(st.sampled_from(EN_WORDS), max_size=8).map(" ".join),
       st.sets(st.sampled_from(["کابل", "شوماخر", "ترامپ"]), max_size=2))  # fmt: skip
def test_strays_are_the_candidates_the_english_does_not_render(fa_text, en_text, skip):
    skip = frozenset(skip)
    expected = reference_stray_names(fa_text, en_text, skip)
    assert presence.stray_names(fa_text, en_text, skip) == expected
    assert tuple((w.text, sure) for w, sure in presence.stray_candidates(fa_text, skip)
                 if not presence.stray_rendered(w, en_text)) == expected  # fmt: skip


def _spy_stray_rendered(monkeypatch) -> list[str]:
    asked: list[str] = []
    real = presence.stray_rendered

    def spy(word, en_text):
        asked.append(word.text)
        return real(word, en_text)

    monkeypatch.setattr(presence, "stray_rendered", spy)
    return asked


def test_a_stray_is_read_where_one_of_the_two_names_is_sure(monkeypatch):
    asked = _spy_stray_rendered(monkeypatch)
    flags = _names_flags([("پس از آن شوماخر مسابقه را ترک کرد.", "After that, Michael Arizona left the race.")])
    assert "شوماخر" in asked  # Arizona is a name the table knows: any stray may have taken its place
    assert any(severity == "warning" and "fa has شوماخر" in evidence for _, severity, evidence in flags)


def test_an_unsure_stray_is_not_read_for_an_unsure_name(monkeypatch):
    # Neither Vuorinen nor شوماخر is a name the table knows: the Persian word is no rival
    # whatever the English renders, so the English is not asked about it.
    pair = ("پس از آن شوماخر مسابقه را ترک کرد.", "After that, Ilkka Vuorinen left the race.")
    assert [(w.text, sure) for w, sure in presence.stray_candidates(pair[0])] == [("شوماخر", False)]
    expected = _names_flags([pair])
    asked = _spy_stray_rendered(monkeypatch)
    assert _names_flags([pair]) == expected
    assert asked == []
