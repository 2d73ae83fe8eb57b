"""The confidence features of each unit (align/confidence.unit_features): the shortcuts for the common
one-to-one unit (one score, its row and its column for the rival, the known words from running
totals) give the same doubles as the plain reading of the features written out here."""
from __future__ import annotations

from array import array

from hypothesis import given, settings
from hypothesis import strategies as st

from hamsu.align.confidence import kind_of, unit_features
from hamsu.align.length import length_penalty
from hamsu.align.lexical import Evidence


def plain_features(beads, pair_scores, fa_ev, en_ev, fa_chars, en_chars, ratio, variance):
    n, m = len(fa_ev), len(en_ev)
    lexical = [sum(sum(pair_scores(ii, j, j + b - 1)) for ii in range(i, i + a)) if a and b else 0.0
               for i, a, j, b in beads]  # fmt: skip

    def best(fa_range, en_lo, en_hi, skip=range(0)):
        top = 0.0
        en_lo, en_hi = max(0, en_lo), min(m - 1, en_hi)
        for ii in fa_range:
            if 0 <= ii < n and en_lo <= en_hi:
                for jj, s in zip(range(en_lo, en_hi + 1), pair_scores(ii, en_lo, en_hi)):
                    if s > top and jj not in skip:
                        top = s
        return top

    out = []
    for k, (i, a, j, b) in enumerate(beads):
        lex = lexical[k]
        if a and b:
            rival = max(best(range(i, i + a), j - 1, j + b, skip=range(j, j + b)), best((i - 1, i + a), j, j + b - 1))
        elif a:
            rival = best(range(i, i + a), j - 2, j + 1)
        else:
            rival = best(range(i - 2, i + 2), j, j)
        known = sum(e.known for e in fa_ev[i : i + a]) + sum(e.known for e in en_ev[j : j + b])
        per_word = lex / max(1.0, known / 2) if a and b else known / 10
        length = 0.0
        if a and b:
            length = length_penalty(fa_chars[i + a] - fa_chars[i], en_chars[j + b] - en_chars[j], ratio, variance)
        before = lexical[k - 1] if k > 0 else 1.0
        after = lexical[k + 1] if k + 1 < len(beads) else 1.0
        out.append((kind_of(a, b), (1.0, min(lex, 10.0), min(per_word, 3.0), min(length, 10.0), min(rival, 10.0),
                                    min(before, after, 3.0))))  # fmt: skip
    return out


SHAPES = [(1, 1)] * 6 + [(1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3)]


@st.composite
def paths(draw):
    beads, i, j = [], 0, 0
    for a, b in draw(st.lists(st.sampled_from(SHAPES), min_size=1, max_size=12)):
        beads.append((i, a, j, b))
        i, j = i + a, j + b
    n, m = i, j
    # Scores with ties and zeros, as shared keys give them; the same double each time a pair is asked.
    score = st.sampled_from([0.0, 0.5, 1.0, 1.25]) | st.floats(0, 20, allow_nan=False, allow_infinity=False)
    grid = [[draw(score) for _ in range(m)] for _ in range(n)]
    known = st.integers(0, 30)
    fa_ev = [Evidence(frozenset(), (), draw(known)) for _ in range(n)]
    en_ev = [Evidence(frozenset(), (), draw(known)) for _ in range(m)]
    lengths = st.integers(0, 300)
    fa_chars, en_chars = [0], [0]
    for _ in range(n):
        fa_chars.append(fa_chars[-1] + draw(lengths))
    for _ in range(m):
        en_chars.append(en_chars[-1] + draw(lengths))
    return beads, grid, fa_ev, en_ev, tuple(fa_chars), tuple(en_chars)


@settings(max_examples=400, deadline=None)
@given(paths())
def test_features_as_the_plain_reading_gives_them(case):
    beads, grid, fa_ev, en_ev, fa_chars, en_chars = case

    def pair_scores(i, lo, hi):
        return array("d", grid[i][lo : hi + 1])

    args = (beads, pair_scores, fa_ev, en_ev, fa_chars, en_chars, 0.94, 2.32)
    got, expected = unit_features(*args), plain_features(*args)
    assert repr(got) == repr(expected)  # the same doubles, -0.0 and all
