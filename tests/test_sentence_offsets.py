"""Sentences carry the normalizer's offset map (issue 14, "carry, don't redo"): the name linker and
the checks read it instead of normalizing each Persian sentence again, with the same results."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import hamsu.check.base
import hamsu.names.link
from hamsu.persian.normalize import normalize_detailed
from hamsu.pipeline import align_document, check_document
from hamsu.read import read_document, read_pair
from hamsu.read.aligned import aligned_pairs
from hamsu.records import FA, expand_shifts, offset_shifts

SEED = Path(__file__).resolve().parents[1] / "examples" / "seed.txt"
PAIR = (
    ["ايران و عراق در سال ۲۰۱۹ توافق كردند .", "آنها میروند به تهران و  شیراز", "سردار قاسم سلیمانی در بغداد کشته شد."],
    ["Iran and Iraq agreed in 2019.", "They go to Tehran and Shiraz.", "General Qasem Soleimani died in Baghdad."],
)
PERSIAN = st.text(st.sampled_from(list("سلام کتابها میروم ي ك ٤ 4 \u200c ، . « » ( ) ؟ abc\u064b\u0640")), max_size=80)


@given(st.lists(st.integers(0, 40), max_size=60), st.integers(0, 5))
def test_any_offset_map_comes_back_from_its_shifts(steps, base):
    offsets, at = [], base
    for step in steps:
        at += step
        offsets.append(at)
    offsets.append(at + 1)
    assert expand_shifts(offset_shifts(offsets, base), len(offsets) - 1) == tuple(o - base for o in offsets)


@given(PERSIAN)
def test_the_normalizers_map_comes_back_from_its_shifts(text):
    normalized = normalize_detailed(text)
    assert expand_shifts(offset_shifts(normalized.offset_map), len(normalized.text)) == normalized.offset_map


def test_an_unchanged_text_keeps_no_shifts():
    assert offset_shifts(normalize_detailed("Plain English.").offset_map) == ()


@pytest.mark.parametrize("presplit", [False, True])
def test_pipeline_sentences_keep_the_map_of_their_original_slice(presplit):
    document = _document(presplit)
    alignment = align_document(document, presplit=presplit)
    changed = 0
    for sentence in alignment.fa:
        original = document.texts[sentence.source][sentence.start : sentence.end]
        again = normalize_detailed(original)
        assert sentence.text == again.text and sentence.offset_map() == again.offset_map
        changed += sentence.shifts != ()
    assert changed  # the seed has sentences the normalizer changes in length
    assert all(s.shifts is None for s in alignment.en)


def _document(presplit):
    if presplit:  # one sentence a line, in two files
        return read_pair("\n".join(PAIR[0]) + "\n", "\n".join(PAIR[1]) + "\n", "pair", presplit=True)
    return read_document(SEED.read_text(encoding="utf-8"), "seed")


def _never(text):
    raise AssertionError(f"normalized again: {text[:30]!r}")


def _without_maps(alignment):
    return replace(alignment, fa=tuple(replace(s, shifts=None) for s in alignment.fa))


@pytest.mark.parametrize("presplit", [False, True])
def test_names_and_checks_read_the_kept_map_with_the_same_results(monkeypatch, presplit):
    document = _document(presplit)
    alignment = align_document(document, presplit=presplit)
    again = check_document(_without_maps(alignment))  # each sentence normalized again
    monkeypatch.setattr(hamsu.check.base, "normalize_sentence", _never)
    monkeypatch.setattr(hamsu.names.link, "normalize_sentence", _never)
    kept = check_document(alignment)
    assert kept.names == again.names and kept.flags == again.flags


def test_aligned_input_keeps_the_map_too(monkeypatch):
    alignment = aligned_pairs(list(zip(*PAIR)), "doc")
    again = check_document(_without_maps(alignment))
    monkeypatch.setattr(hamsu.check.base, "normalize_sentence", _never)
    monkeypatch.setattr(hamsu.names.link, "normalize_sentence", _never)
    assert all(s.lang == FA and s.shifts is not None for s in alignment.fa)
    kept = check_document(alignment)
    assert kept.names == again.names and kept.flags == again.flags


def test_a_unit_side_the_pipeline_normalized_is_not_normalized_again(monkeypatch):
    """The checks' Persian side is the pipeline's normalized text (NormalizedText): the names
    tests read it as it is; any other text is normalized first."""
    from hamsu.names import presence
    from hamsu.persian.normalize import NormalizedText

    calls = []
    real = presence.normalize
    monkeypatch.setattr(presence, "normalize", lambda text: calls.append(text) or real(text))
    presence.persian_side.cache_clear()
    side = presence.persian_side(NormalizedText("سردار سلیمانی در بغداد"))
    assert calls == [] and [w.text for w in side.words][-1] == "بغداد"
    presence.persian_side("سردار  سليماني")  # raw: Arabic letters, two spaces
    assert calls == ["سردار  سليماني"]
