"""The bead search: the compiled core and the Python give the same path, bit for bit, and both give
the best path, as a plain full-grid dynamic programme written separately here finds it."""
from __future__ import annotations

import math

import pytest
from corekit import compiled_only as compiled_only_if
from hypothesis import given, settings
from hypothesis import strategies as st

from hamsu.align import search
from hamsu.align.search import SHAPES, Band, Scoring, best_path

NEG = -math.inf


def prefix(values):
    out = [0]
    for v in values:
        out.append(out[-1] + v)
    return tuple(out)


@st.composite
def problems(draw):
    n = draw(st.integers(1, 9))
    m = draw(st.integers(1, 9))
    fa = draw(st.lists(st.integers(1, 200), min_size=n, max_size=n))
    en = draw(st.lists(st.integers(1, 200), min_size=m, max_size=m))
    fbr = bytes([1] + draw(st.lists(st.integers(0, 1), min_size=n, max_size=n)))
    ebr = bytes([1] + draw(st.lists(st.integers(0, 1), min_size=m, max_size=m)))
    prior = st.floats(-12, -0.01, allow_nan=False)
    priors = {shape: draw(prior) for shape in SHAPES}
    for shape in SHAPES[3:]:  # some models leave out the bigger shapes
        if draw(st.booleans()):
            del priors[shape]
    # Whole numbers make ties, where only the order in which the shapes compete decides.
    value = st.sampled_from([0.0, 1.0]) if draw(st.booleans()) else st.floats(-2, 4, allow_nan=False)
    grid = [[draw(value) for _ in range(m)] for _ in range(n)]
    scoring = Scoring(
        prefix(fa), prefix(en), fbr, ebr, priors,
        ratio=draw(st.floats(0.8, 1.3)), variance=draw(st.floats(1, 10)),
        length_weight=draw(st.floats(0, 2)), match_weight=draw(st.floats(0, 2)),
        cross_penalty=draw(st.floats(0, 3)), mismatch_penalty=draw(st.sampled_from([0.0, 0.7])),
    )  # fmt: skip
    centre = [i * m / n for i in range(n + 1)]
    band = Band.around(centre, draw(st.integers(1, 4)), m) if draw(st.booleans()) else Band.full(n, m)
    return n, m, scoring, grid, band


def pair_scores_of(grid):
    return lambda i, j_lo, j_hi: grid[i][j_lo : j_hi + 1]


def bead_value(s: Scoring, grid, n, m, i, j, a, b) -> float:
    """What the bead (a, b) into node (i, j) adds, from the formula in search.Scoring's docstring."""
    prior = s.priors.get((a, b), NEG)
    if not (a and b):
        return prior
    f, e = s.fa_chars[i] - s.fa_chars[i - a], s.en_chars[j] - s.en_chars[j - b]
    d, t = f - s.ratio * e, f / s.ratio + e
    value = prior + s.match_weight * sum(grid[i - p][j - q] for p in range(1, a + 1) for q in range(1, b + 1))
    value -= s.cross_penalty * (any(s.fa_break[i - a + 1 : i]) + any(s.en_break[j - b + 1 : j]))
    value -= s.length_weight / s.variance * d * d / t
    paragraphs_on_both_sides = any(s.fa_break[1:n]) and any(s.en_break[1:m])
    if s.mismatch_penalty and paragraphs_on_both_sides and s.fa_break[i - a] != s.en_break[j - b]:
        value -= s.mismatch_penalty
    return value


def reference_path(n, m, scoring, grid):
    """The best path over the whole grid, by the textbook recurrence, with no band and no tricks."""
    best = {(0, 0): (0.0, None)}
    for i in range(n + 1):
        for j in range(m + 1):
            if (i, j) == (0, 0):
                continue
            options = [(best[i - a, j - b][0] + bead_value(scoring, grid, n, m, i, j, a, b), (a, b)) for a, b in SHAPES
                       if a <= i and b <= j and best.get((i - a, j - b), (NEG,))[0] > NEG]  # fmt: skip
            if options:
                best[i, j] = max(options, key=lambda o: o[0])
    path, node = [], (n, m)
    while node != (0, 0):
        shape = best[node][1]
        path.append(shape)
        node = (node[0] - shape[0], node[1] - shape[1])
    return best[n, m][0], path[::-1]


def path_value(path, n, m, scoring, grid) -> float:
    total, i, j = 0.0, 0, 0
    for a, b in path:
        i, j = i + a, j + b
        total += bead_value(scoring, grid, n, m, i, j, a, b)
    return total


@settings(max_examples=300, deadline=None)
@given(problems())
def test_python_search_finds_the_best_path_of_the_grid(problem):
    n, m, scoring, grid, _ = problem
    compiled, search._compiled_fill = search._compiled_fill, None
    try:
        path = best_path(n, m, scoring, pair_scores_of(grid), Band.full(n, m))
    finally:
        search._compiled_fill = compiled
    best, reference = reference_path(n, m, scoring, grid)
    assert sum(a for a, _ in path) == n and sum(b for _, b in path) == m
    if path != reference:  # only a tie, up to rounding, may choose another path
        assert math.isclose(path_value(path, n, m, scoring, grid), best, rel_tol=1e-9, abs_tol=1e-9)


compiled_only = compiled_only_if(search.COMPILED)


@compiled_only
def test_ci_builds_the_compiled_core():
    assert search.COMPILED


@compiled_only
@settings(max_examples=400, deadline=None)
@given(problems())
def test_compiled_and_python_search_agree_bit_for_bit(problem):
    n, m, scoring, grid, band = problem
    table = search._pair_table(n, m, pair_scores_of(grid), band)
    try:
        expected = search.fill_python(n, m, scoring, band, table)
    except ValueError:
        with pytest.raises(ValueError, match="no path"):
            search._fill_compiled(n, m, scoring, band, table)
        return
    assert search._fill_compiled(n, m, scoring, band, table) == expected


@compiled_only
def test_compiled_core_refuses_what_is_not_a_band():
    n, m = 3, 3
    scoring = Scoring(prefix([5] * n), prefix([5] * m), bytes(n + 1), bytes(m + 1), {(1, 1): -0.1, (1, 0): -5,
                      (0, 1): -5}, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0)  # fmt: skip
    table = search._pair_table(n, m, lambda i, a, b: [0.0] * (b - a + 1), Band.full(n, m))
    with pytest.raises(ValueError):
        search._fill_compiled(n, m, scoring, Band((0, 0, 5, 0), (3, 3, 3, 3)), table)
    assert search._fill_compiled(n, m, scoring, Band.full(n, m), table) == bytes([0, 0, 0])
