"""The lexical scores of sentence pairs: the compiled row (_beads.c pair_row) and the Python give the
same doubles, bit for bit, and both the weighted count of shared keys the PairScores docstring states."""
from __future__ import annotations

import math
from array import array

import pytest
from corekit import compiled_only as compiled_only_if
from hypothesis import given, settings
from hypothesis import strategies as st

from hamsu.align import lexical
from hamsu.align.lexical import Evidence, PairScores

KEYS = [f"k{n}" for n in range(12)] + ["#1", "@x", "~lfks", '"', "?"]
key_sets = st.frozensets(st.sampled_from(KEYS), max_size=8)


@st.composite
def documents(draw):
    fa = draw(st.lists(key_sets, min_size=1, max_size=8))
    en = draw(st.lists(key_sets, min_size=1, max_size=8))
    # English keys as the aligner keeps them: a tuple of distinct keys, or a set.
    en = [tuple(sorted(keys)) if draw(st.booleans()) else keys for keys in en]
    return fa, en, draw(st.integers(0, 4))


def straightforward(scores: PairScores, i: int, j: int) -> float:
    fa_count, en_count = scores.fa_local[i], scores.en_local[j]
    shared = set(scores.fa_keys[i]) & set(scores.en_keys[j])
    return math.fsum(1 / (fa_count.get(k, 1) * en_count.get(k, 1)) for k in shared)


def python_rows(scores: PairScores) -> list[array]:
    compiled, lexical._compiled_row = lexical._compiled_row, None
    try:
        scores.rows_kept.clear()
        return [scores(i, 0, len(scores.en_keys) - 1) for i in range(len(scores.fa_keys))]
    finally:
        lexical._compiled_row = compiled


@settings(max_examples=300, deadline=None)
@given(documents())
def test_python_rows_are_the_weighted_shared_keys(document):
    fa, en, window = document
    scores = PairScores(fa, en, window)
    for i, row in enumerate(python_rows(scores)):
        assert len(row) == len(en)
        for j, value in enumerate(row):
            assert math.isclose(value, straightforward(scores, i, j), rel_tol=1e-12)


compiled_only = compiled_only_if(lexical._compiled_row is not None)


@compiled_only
@settings(max_examples=400, deadline=None)
@given(documents(), st.data())
def test_compiled_and_python_rows_agree_bit_for_bit(document, data):
    fa, en, window = document
    scores = PairScores(fa, en, window)
    expected = python_rows(scores)
    scores.rows_kept.clear()
    for i in range(len(fa)):
        lo = data.draw(st.integers(0, len(en) - 1))
        hi = data.draw(st.integers(lo, len(en) - 1))
        assert scores(i, lo, hi).tobytes() == expected[i][lo : hi + 1].tobytes()


@compiled_only
def test_compiled_row_refuses_a_row_outside_the_sentences():
    scores = PairScores([frozenset({"a"})], [("a",), ("b",)], 2)
    with pytest.raises(ValueError, match="outside"):
        lexical._compiled_row(frozenset({"a"}), {}, scores.en_keys, scores.en_local, 1, array("d", bytes(16)))
    with pytest.raises(TypeError, match="set"):
        lexical._compiled_row(("a",), {}, scores.en_keys, scores.en_local, 0, array("d", bytes(8)))


def test_many_equal_weights_add_up_exactly():
    # More shared keys than the compiled row's first buffer holds, every one found nearby twice.
    keys = frozenset(f"k{n}" for n in range(100))
    scores = PairScores([keys, keys], [tuple(sorted(keys)), tuple(sorted(keys))], 3)
    assert list(scores(0, 0, 1)) == [25.0, 25.0]
    assert list(python_rows(scores)[1]) == [25.0, 25.0]


@st.composite
def sentences_and_wanted(draw):
    sentences = draw(st.lists(key_sets, max_size=30))
    sentences = [tuple(sorted(keys)) if draw(st.booleans()) else keys for keys in sentences]
    wanted = draw(st.frozensets(st.sampled_from(KEYS)))
    return sentences, draw(st.integers(0, 5)), set(wanted) if draw(st.booleans()) else wanted


@settings(max_examples=400, deadline=None)
@given(sentences_and_wanted())
def test_python_local_counts_count_the_sentences_within_the_window(case):
    sentences, window, wanted = case
    for i, counts in enumerate(lexical.local_counts_python(sentences, window, wanted)):
        for key in set(sentences[i]) & set(wanted):
            near = sum(key in sentences[j] for j in range(max(0, i - window), min(len(sentences), i + window + 1)))
            assert counts.get(key, 1) == near
        assert set(counts) <= set(sentences[i]) & set(wanted)


@compiled_only
@settings(max_examples=400, deadline=None)
@given(sentences_and_wanted())
def test_compiled_and_python_local_counts_agree(case):
    sentences, window, wanted = case
    compiled = lexical.local_counts(sentences, window, wanted)
    python = lexical.local_counts_python(sentences, window, wanted)
    assert compiled == python
    assert [list(c.items()) for c in compiled] == [list(p.items()) for p in python]  # filled in the same order


def _row_spans(rows: int, columns: int, data) -> tuple[array, array]:
    """A span of columns drawn for each row, as the search asks for them: (starts, lengths)."""
    start, length = array("q"), array("q")
    for _ in range(rows):
        lo = data.draw(st.integers(0, columns))
        start.append(lo)
        length.append(data.draw(st.integers(0, columns - lo)))
    return start, length


@compiled_only
@settings(max_examples=400, deadline=None)
@given(documents(), st.data())
def test_every_row_at_once_as_row_by_row(document, data):
    fa, en, window = document
    # A key listed twice in an English tuple still counts once, as a set intersection counts it.
    en = [keys + keys[:1] if isinstance(keys, tuple) and data.draw(st.booleans()) else keys for keys in en]
    scores = PairScores(fa, en, window)
    expected = python_rows(scores)
    start, length = _row_spans(len(fa), len(en), data)
    scores.rows_kept.clear()
    table = scores.rows(start, length)
    at = 0
    for i, (lo, width) in enumerate(zip(start, length)):
        assert table[at : at + width].tobytes() == expected[i][lo : lo + width].tobytes()
        if width:  # kept: asking for the row again gives the same doubles
            assert scores(i, lo, lo + width - 1).tobytes() == expected[i][lo : lo + width].tobytes()
        at += width
    assert len(table) == at


@compiled_only
def test_every_row_at_once_refuses_rows_outside_the_sentences():
    scores = PairScores([frozenset({"a"})], [("a",), ("b",)], 2)
    with pytest.raises(ValueError, match="outside"):
        lexical._compiled_rows(scores.fa_keys, scores.fa_local, scores.en_keys, scores.en_local,
                               array("q", [1]), array("q", [2]), array("d", bytes(16)))  # fmt: skip
    with pytest.raises(ValueError, match="hold"):
        lexical._compiled_rows(scores.fa_keys, scores.fa_local, scores.en_keys, scores.en_local,
                               array("q", [0]), array("q", [2]), array("d", bytes(8)))  # fmt: skip


@compiled_only
@settings(max_examples=400, deadline=None)
@given(documents(), st.integers(1, 4), st.integers(1, 3), st.booleans())
def test_compiled_and_python_anchors_agree(document, max_df, min_shared, twice):
    from hamsu.align import search

    fa, en, _ = document
    # Marks never anchor; a key listed twice in an English tuple counts twice, as in the Python.
    en = [(keys + keys[:1] if twice else keys) if isinstance(keys, tuple) else keys for keys in en]
    compiled = search.anchors(fa, en, max_df, min_shared)
    core, search._beads = search._beads, None
    try:
        python = search.anchors(fa, en, max_df, min_shared)
    finally:
        search._beads = core
    assert compiled == python


@settings(max_examples=300, deadline=None)
@given(documents(), st.data())
def test_the_table_of_every_row_is_kept_whole_and_asked_again(document, data):
    fa, en, window = document
    scores = PairScores(fa, en, window)
    expected = python_rows(scores)
    start, length = _row_spans(len(fa), len(en), data)
    scores.rows_kept.clear()
    scores.rows(start, length)
    assert scores.rows_kept == {}  # one table, no slice of it per row
    for i, (lo, width) in enumerate(zip(start, length)):
        if width:
            a = data.draw(st.integers(lo, lo + width - 1))
            b = data.draw(st.integers(a, lo + width - 1))
            assert scores(i, a, b).tobytes() == expected[i][a : b + 1].tobytes()
    assert scores.rows_kept == {}  # answered from the table
    assert scores(0, 0, len(en) - 1).tobytes() == expected[0].tobytes()  # beyond it: scored


@settings(max_examples=300, deadline=None)
@given(documents(), st.data())
def test_english_keys_added_give_the_scores_counted_afresh(document, data):
    fa, en, window = document
    scores = PairScores(fa, en, window)
    new_keys = set(data.draw(st.frozensets(st.sampled_from(KEYS), min_size=1, max_size=4)))
    grown = []
    for j, keys in enumerate(en):  # sentences gain new keys (each new key some sentence's), in the form they had
        gained = new_keys if j == 0 else set(data.draw(st.frozensets(st.sampled_from(sorted(new_keys)))))
        merged = gained.union(keys)
        grown.append(Evidence(frozenset(merged) if isinstance(keys, frozenset) else tuple(sorted(merged)), (), 0))
    updated = scores.with_english(grown, new_keys)
    afresh = PairScores(fa, [e.keys for e in grown], window)
    assert updated.fa_local == afresh.fa_local
    assert updated.en_local == afresh.en_local
    assert updated.fa_all == afresh.fa_all
    for i in range(len(fa)):
        assert updated(i, 0, len(en) - 1).tobytes() == afresh(i, 0, len(en) - 1).tobytes()
