"""A document's English evidence with each stem's translations cut to the Persian keys once: the
same keys, stems and counts as every translation added and the whole cut at the end."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamsu.align import AlignModel
from hamsu.align.lexical import (
    _EN_TOKEN,
    _MARK_KEY,
    EnglishEvidence,
    _en_word,
    en_evidence,
    fa_evidence,
    number_key,
)


@pytest.fixture(scope="module")
def dictionary():
    return AlignModel.default().dictionary


def reference(text: str, dictionary, persian_keys) -> tuple[frozenset[str], tuple[str, ...], int]:
    """The English evidence as first written: a match object a token, every translation kept."""
    keys, stems, known, previous = set(), [], 0, ""
    table = dictionary.en_to_fa
    for m in _EN_TOKEN.finditer(text):
        if m.lastgroup == "en":
            stem, latin, skeleton = _en_word(m.group())
            if not stem:
                continue
            stems.append(stem)
            keys.add(latin)
            translations = table.get(stem)
            if translations:
                keys.update(translations)
            if previous and (pair := table.get(previous + " " + stem)):
                keys.update(pair)
            if skeleton:
                keys.add(skeleton)
            known += bool(translations or skeleton)
            previous = stem
            continue
        previous = ""
        if m.lastgroup == "num":
            keys.add(number_key(m.group()))
            known += 1
        else:
            keys.add(_MARK_KEY[m.group()])
    return frozenset(keys & set(persian_keys)), tuple(stems), known


WORDS = ("the new hospital opened in Tehran on Monday , said minister Halifax 1,500 people were "
         "treated ? “ ” water health city government year children school report").split()  # fmt: skip
sentences = st.lists(st.sampled_from(WORDS), max_size=25).map(" ".join)
PERSIAN = [
    "بیمارستان جدید در تهران روز دوشنبه افتتاح شد",
    "وزیر گفت ۱٬۵۰۰ نفر درمان شدند؟",
    "آب و سلامت شهر و دولت «گزارش» مدرسه کودکان سال",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(sentences, min_size=1, max_size=6), st.integers(0, len(PERSIAN)))
def test_cut_once_gives_what_cutting_the_whole_gives(dictionary, english, persian_count):
    persian_keys = frozenset().union(*(fa_evidence(s, dictionary).keys for s in PERSIAN[:persian_count]))
    one_document = EnglishEvidence(dictionary, persian_keys)  # its cut translations kept sentence to sentence
    for text in english:
        ev = one_document(text)
        assert isinstance(ev.keys, tuple) and len(set(ev.keys)) == len(ev.keys)
        assert (frozenset(ev.keys), ev.stems, ev.known) == reference(text, dictionary, persian_keys)
        alone = en_evidence(text, dictionary, persian_keys)
        assert (frozenset(alone.keys), alone.stems, alone.known) == reference(text, dictionary, persian_keys)


def test_uncut_evidence_keeps_every_translation(dictionary):
    text = "The new hospital opened in Tehran, said the minister."
    ev = en_evidence(text, dictionary)
    assert isinstance(ev.keys, frozenset)
    every = reference(text, dictionary, set().union(*dictionary.en_to_fa.values()) | {k for k in ev.keys})
    assert (ev.keys, ev.stems, ev.known) == every
    assert any(re.match("@", k) for k in ev.keys) and ev.known >= 4


def _kind(token: str, persian: bool) -> str:
    """What the evidence functions take a token for, from its first character."""
    from hamsu.align.lexical import _FA_WORD_START, _NUMBER_START

    first = token[0]
    if first in _NUMBER_START:
        return "num"
    if first in _MARK_KEY:
        return "mark"
    if persian:
        return "fa" if first in _FA_WORD_START else "lat"
    return "en"


TOKEN_TEXT = st.text(
    alphabet="ابپ‌يكۀ\u064b\u0670 1۲٣.,٫٬ aZéß'’?؟!«»\"“”-:", max_size=60  # noqa: RUF001
)


@settings(max_examples=500, deadline=None)
@given(TOKEN_TEXT)
def test_plain_token_patterns_find_what_the_named_groups_found(text):
    from hamsu.align.lexical import _EN_TOKENS, _FA_TOKEN, _FA_TOKENS

    assert [(_kind(t, True), t) for t in _FA_TOKENS.findall(text)] == [
        (m.lastgroup, m.group()) for m in _FA_TOKEN.finditer(text)
    ]
    assert [(_kind(t, False), t) for t in _EN_TOKENS.findall(text)] == [
        (m.lastgroup, m.group()) for m in _EN_TOKEN.finditer(text)
    ]


@settings(max_examples=300, deadline=None)
@given(st.frozensets(st.sampled_from("abcdefgh")), st.lists(st.sampled_from("abcdefgh"), max_size=4),
       st.frozensets(st.sampled_from("abcdefgh")))  # fmt: skip
def test_persian_keys_kept_are_the_other_sides_and_the_own_stems(keys, stems, other_side):
    from hamsu.align import _keeping
    from hamsu.align.lexical import Evidence

    evidence = Evidence(keys, tuple(stems), 3)
    kept = _keeping(evidence, other_side)
    assert kept.keys == frozenset(k for k in keys if k in other_side or k in stems)
    assert isinstance(kept.keys, frozenset) and (kept.stems, kept.known) == (evidence.stems, 3)
    assert (kept is evidence) == (kept.keys == keys)


def test_evidence_travels_between_processes_as_a_plain_tuple(dictionary):
    # The second process of a long document sends half the evidence back pickled: as a named
    # tuple it is rebuilt by one call, not a field at a time, and comes back equal.
    import pickle

    sentences = ["بانک مرکزی ایران ۱۲٬۵۰۰ میلیارد ریال «اوراق» منتشر کرد؟", "NASA و ناسا"]
    evidence = [fa_evidence(s, dictionary) for s in sentences]
    evidence.append(EnglishEvidence(dictionary, frozenset().union(*(e.keys for e in evidence)))("NASA's bank"))
    for ev in evidence:
        assert isinstance(ev, tuple) and ev == (ev.keys, ev.stems, ev.known)
        assert pickle.loads(pickle.dumps(ev, protocol=pickle.HIGHEST_PROTOCOL)) == ev
    assert pickle.loads(pickle.dumps(evidence, protocol=pickle.HIGHEST_PROTOCOL)) == evidence
