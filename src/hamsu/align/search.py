"""The monotone search: the best sequence of beads, by dynamic programming inside a band.

The grid has a node (i, j) for every "first i Persian and first j English sentences aligned"; a bead
is a step from (i − a, j − b) to (i, j) that puts a Persian and b English sentences in one unit.
Only nodes inside a band — for each i, lo[i] ≤ j ≤ hi[i] — are visited, so the work is linear in
the length of the document for a band of fixed width. The band comes from a coarse path (anchors:
sentence pairs that share keys found in few other sentences) and is widened wherever the best path
runs along its edge, since there the true path may lie outside.
"""
from __future__ import annotations

import math
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass

NEG = -math.inf


@dataclass(frozen=True, slots=True)
class Band:
    """Nodes (i, j) with lo[i] ≤ j ≤ hi[i], for i in 0..n; lo and hi never decrease."""

    lo: tuple[int, ...]
    hi: tuple[int, ...]

    @classmethod
    def full(cls, n: int, m: int) -> Band:
        return cls((0,) * (n + 1), (m,) * (n + 1))

    @classmethod
    def around(cls, centre: Sequence[float], width: Sequence[int] | int, m: int) -> Band:
        """The band of half-width `width` around a path j = centre[i], made monotone and connected."""
        n = len(centre) - 1
        widths = [width] * (n + 1) if isinstance(width, int) else width
        lo = [max(0, min(m, math.floor(c) - w)) for c, w in zip(centre, widths)]
        hi = [max(0, min(m, math.ceil(c) + w)) for c, w in zip(centre, widths)]
        lo[0], hi[n] = 0, m
        for i in range(n - 1, -1, -1):  # lo never decreases: take suffix minima
            lo[i] = min(lo[i], lo[i + 1])
        for i in range(1, n + 1):  # hi never decreases: take prefix maxima
            hi[i] = max(hi[i], hi[i - 1])
        for i in range(1, n + 1):  # every row reachable from the one before (one step covers a ≤ 3)
            lo[i] = min(lo[i], hi[i - 1] + 1)
        return cls(tuple(lo), tuple(hi))

    def cells(self) -> int:
        return sum(top - bottom + 1 for bottom, top in zip(self.lo, self.hi))


@dataclass(frozen=True, slots=True)
class Scoring:
    """Everything a bead's score depends on, as arrays the search reads directly.

    A bead covering Persian [i0, i1) and English [j0, j1) scores

        prior(a, b) − length_weight · δ²/2 + match_weight · M − paragraph penalties

    where δ is the length model's deviation (length.py) and M the sum of the lexical match scores
    of the bead's sentence pairs. A bead with an empty side scores its prior only.
    """

    fa_chars: tuple[int, ...]  # prefix sums of Persian sentence lengths (n + 1 entries)
    en_chars: tuple[int, ...]
    fa_break: bytes  # fa_break[i] = 1 where a paragraph starts at Persian sentence i (n + 1 entries)
    en_break: bytes
    priors: dict[tuple[int, int], float]  # log prior of each bead shape, 1-1 included
    ratio: float
    variance: float
    length_weight: float
    match_weight: float
    cross_penalty: float  # a bead with a paragraph start inside it
    mismatch_penalty: float  # a bead that starts a paragraph on one side only


# pair_scores(i, j_lo, j_hi) -> lexical match scores of Persian i with English j_lo..j_hi.
PairScores = Callable[[int, int, int], list[float]]


_MARK_KEYS = frozenset('?!"')  # punctuation keys: too common to anchor anything
SHAPES = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3))
_PAD = 3  # the most sentences a bead takes from one side


def best_path(n: int, m: int, scoring: Scoring, pair_scores: PairScores, band: Band) -> list[tuple[int, int]]:
    """The bead shapes (a, b) of the best-scoring path from (0, 0) to (n, m) inside the band.

    The lexical scores the beads can need are fetched first, row by row; the search itself runs
    in the compiled core (_beads.c) when it was built, else in fill_python() below: the same
    programme, bit for bit (tests/test_search_core.py holds the two to each other and to a plain
    full-grid reference).
    """
    table = _pair_table(n, m, pair_scores, band)
    fill = _compiled_fill if _compiled_fill is not None else fill_python
    return [SHAPES[s] for s in fill(n, m, scoring, band, table)]


@dataclass(frozen=True, slots=True)
class PairTable:
    """The lexical scores of Persian sentence i with English sentences start[i] .. start[i] + length[i] − 1:
    every pair a bead ending inside the band can hold. All rows lie end to end in one array of
    doubles (row i from offset[i]), the form the compiled core reads: a list of floats per row
    took as much memory again, for every row of a long document."""

    start: array  # "q"
    offset: array  # "q"
    length: array  # "q"
    scores: array  # "d"

    def get(self, i: int, j: int) -> float:
        k = j - self.start[i]
        if not 0 <= k < self.length[i]:
            raise IndexError("a bead needs a pair score outside the scored range")
        return self.scores[self.offset[i] + k]


def _pair_table(n: int, m: int, pair_scores: PairScores, band: Band) -> PairTable:
    lo, hi = band.lo, band.hi
    start, offset, length = array("q"), array("q"), array("q")
    total = 0
    for i in range(n):  # a bead ending in rows i + 1 .. i + 3 holds Persian i with these English sentences
        first = max(0, lo[i + 1] - _PAD)
        last = min(m - 1, hi[min(n, i + 3)] - 1)
        start.append(first)
        offset.append(total)
        length.append(max(0, last - first + 1))
        total += length[-1]
    every_row = getattr(pair_scores, "rows", None)  # lexical.PairScores scores them all in one go
    if callable(every_row):
        scores = every_row(start, length)
    else:
        scores = array("d")
        for i in range(n):
            if length[i]:
                scores.extend(pair_scores(i, start[i], start[i] + length[i] - 1))
    return PairTable(start, offset, length, scores)


# The order in which bead shapes compete at a node: on equal scores the first one wins.
_ORDER = ((0, 1), (1, 0), (1, 1), (2, 1), (2, 2), (3, 1), (1, 2), (1, 3))


def fill_python(n: int, m: int, scoring: Scoring, band: Band, table: PairTable) -> bytes:
    """The search in plain Python: for every node of the band, the best bead into it.

    A bead (a, b) into node (i, j) adds to the score at (i − a, j − b)

        prior(a, b) + match_weight · (lexical scores of its sentence pairs)
        − cross_penalty for a paragraph start inside it on each side
        − length_weight · δ²/2 (beads with both sides) − mismatch_penalty (a paragraph start on one side only)

    Returns the index into SHAPES of each bead of the best path, first bead first. The arithmetic
    is done in the order _beads.c does it, so both choose the same path, to the last bit.
    """
    lo, hi = band.lo, band.hi
    fc, ec = scoring.fa_chars, scoring.en_chars
    fbr, ebr = scoring.fa_break, scoring.en_break
    c = scoring.ratio
    lw = scoring.length_weight / scoring.variance  # δ²/2 = d² / (s² t), d = l_fa − c l_en, t = l_fa / c + l_en
    mw = scoring.match_weight
    cross, mismatch = scoring.cross_penalty, scoring.mismatch_penalty
    use_mismatch = bool(mismatch) and any(fbr[1:n]) and any(ebr[1:m])
    shapes = [(a, b, scoring.priors.get((a, b), NEG), SHAPES.index((a, b))) for a, b in _ORDER]
    score: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], int] = {}
    for i in range(n + 1):
        for j in range(lo[i], hi[i] + 1):
            if i == 0 and j == 0:
                continue
            best, arg = NEG, 0
            for a, b, prior, shape in shapes:
                if a > i or b > j:
                    continue
                v = score.get((i - a, j - b), NEG)
                if v == NEG:
                    continue
                if not (a and b):  # a sentence left without a counterpart: its prior only
                    v += prior
                elif prior == NEG:
                    continue
                else:
                    f = fc[i] - fc[i - a]
                    e = ec[j] - ec[j - b]
                    lexical = sum(table.get(i - p, j - q) for q in range(1, b + 1) for p in range(1, a + 1))
                    inside_fa = cross if any(fbr[i - a + 1 : i]) else 0.0
                    inside_en = cross if any(ebr[j - b + 1 : j]) else 0.0
                    v += prior + mw * lexical - inside_fa - inside_en
                    d = f - c * e
                    t = f / c + e
                    if t > 0:
                        v -= lw * d * d / t
                    if use_mismatch and fbr[i - a] != ebr[j - b]:
                        v -= mismatch
                if v > best or (a, b) == (0, 1):
                    best, arg = v, shape
            if best > NEG:
                score[i, j] = best
                back[i, j] = arg
    if (n, m) not in score:
        raise ValueError("no path through the band")
    path = bytearray()
    i, j = n, m
    while i or j:
        shape = back[i, j]
        path.append(shape)
        a, b = SHAPES[shape]
        i, j = i - a, j - b
    path.reverse()
    return bytes(path)


def _fill_compiled(n: int, m: int, scoring: Scoring, band: Band, table: PairTable) -> bytes:
    priors = array("d", (scoring.priors.get(shape, NEG) for shape in SHAPES))
    fbr, ebr = scoring.fa_break, scoring.en_break
    return _beads.fill(
        n, m, array("q", band.lo), array("q", band.hi), array("q", scoring.fa_chars), array("q", scoring.en_chars),
        bytes(fbr), bytes(ebr), priors, scoring.ratio, scoring.length_weight / scoring.variance,
        scoring.match_weight, scoring.cross_penalty, scoring.mismatch_penalty,
        bool(scoring.mismatch_penalty) and any(fbr[1:n]) and any(ebr[1:m]),
        table.start, table.offset, table.length, table.scores,
    )  # fmt: skip


try:  # built by setup.py where a C compiler is found; optional, since the Python gives the same paths
    from . import _beads
except ImportError:
    _beads = None
_compiled_fill = _fill_compiled if _beads is not None else None
COMPILED = _beads is not None


# --- The coarse path --------------------------------------------------------------------------


def anchors(
    fa_keys: Sequence[frozenset[str]], en_keys: Sequence[frozenset[str]], max_df: int = 4, min_shared: int = 2
) -> list[tuple[int, int]]:
    """Sentence pairs that share at least `min_shared` rare keys (in at most `max_df` sentences of
    each side), thinned to the heaviest chain that is increasing on both sides: a wrong anchor
    rarely fits in line with the right ones around it. Allowing a few occurrences rather than
    one keeps anchors in documents that repeat themselves."""
    if _beads is not None:  # the same counts from the compiled core, pairs in order
        rows = [r for r in _beads.anchor_pairs(list(fa_keys), list(en_keys), max_df, _MARK_KEYS) if r[2] >= min_shared]
        return heaviest_chain([(i, j) for i, j, _ in rows], [count for _, _, count in rows])
    where_fa: dict[str, list[int]] = {}
    for i, keys in enumerate(fa_keys):
        for k in keys:
            where_fa.setdefault(k, []).append(i)
    where_en: dict[str, list[int]] = {}
    for j, keys in enumerate(en_keys):
        for k in keys:
            if k in where_fa:
                where_en.setdefault(k, []).append(j)
    shared: dict[tuple[int, int], int] = {}
    for k, js in where_en.items():
        is_ = where_fa[k]
        if len(is_) <= max_df and len(js) <= max_df and k not in _MARK_KEYS:
            for i in is_:
                for j in js:
                    shared[i, j] = shared.get((i, j), 0) + 1
    candidates = sorted(p for p, count in shared.items() if count >= min_shared)
    return heaviest_chain(candidates, [shared[p] for p in candidates])


def heaviest_chain(points: Sequence[tuple[int, int]], weights: Sequence[float]) -> list[tuple[int, int]]:
    """The subset of points (sorted by i) strictly increasing in both coordinates with the
    largest total weight: a Fenwick tree over j gives O(k log k)."""
    if not points:
        return []
    js = sorted({j for _, j in points})
    rank = {j: r + 1 for r, j in enumerate(js)}
    size = len(js)
    tree_best = [0.0] * (size + 1)
    tree_arg = [-1] * (size + 1)
    total = [0.0] * len(points)
    parent = [-1] * len(points)
    k = 0
    while k < len(points):
        # Points of one Persian sentence may not chain with each other: query them all first.
        end = k
        while end < len(points) and points[end][0] == points[k][0]:
            end += 1
        for p in range(k, end):
            r = rank[points[p][1]] - 1  # best chain ending at a column < j
            best, arg = 0.0, -1
            while r > 0:
                if tree_best[r] > best:
                    best, arg = tree_best[r], tree_arg[r]
                r -= r & -r
            total[p], parent[p] = best + weights[p], arg
        for p in range(k, end):
            r = rank[points[p][1]]
            while r <= size:
                if total[p] > tree_best[r]:
                    tree_best[r], tree_arg[r] = total[p], p
                r += r & -r
        k = end
    p = max(range(len(points)), key=total.__getitem__)
    chain = []
    while p >= 0:
        chain.append(points[p])
        p = parent[p]
    return chain[::-1]


def coarse_path(
    anchor_points: Sequence[tuple[int, int]], fa_chars: Sequence[int], en_chars: Sequence[int], width: int,
    max_box: int = 4096,
) -> tuple[list[float], list[int]]:
    """For each node row i, the column j the path is expected near, and how far from it to search.

    The path goes through the anchors (node (i + 1, j + 1) just after each anchor pair) and between
    two anchors follows the characters covered on each side, which tracks the text better than the
    sentence count. Between anchors where one side has more sentences than the other, the extra
    ones may all come in one place (a passage left out on one side), so the path may run along
    the edge of the rectangle between the anchors rather than across it: where that rectangle has
    at most `max_box` nodes the band is widened by the difference, so that it holds every such
    path. Between anchors further apart the band widens a little with the gap, since far from
    any anchor the guess is rougher, and touches() tells where that was not enough.
    """
    n, m = len(fa_chars) - 1, len(en_chars) - 1
    knots = [(0, 0)] + [(i + 1, j + 1) for i, j in anchor_points] + [(n, m)]
    centre = [0.0] * (n + 1)
    widths = [width] * (n + 1)
    for (i1, j1), (i2, j2) in zip(knots, knots[1:]):
        if (i2 - i1 + 1) * (j2 - j1 + 1) <= max_box:
            extra = abs((j2 - j1) - (i2 - i1))
        else:
            extra = min(width, (i2 - i1) // 8)
        span_fa = fa_chars[i2] - fa_chars[i1]
        span_en = en_chars[j2] - en_chars[j1]
        j = j1
        for i in range(i1, i2 + 1):
            t = (fa_chars[i] - fa_chars[i1]) / span_fa if span_fa else (i - i1) / max(1, i2 - i1)
            target = en_chars[j1] + t * span_en
            while j < j2 and en_chars[j + 1] <= target:
                j += 1
            within = en_chars[j + 1] - en_chars[j] if j < m else 0  # a fractional column inside sentence j
            centre[i] = j + ((target - en_chars[j]) / within if within else 0.0)
            widths[i] = max(widths[i], width + extra)
    return centre, widths


def touches(path: Sequence[tuple[int, int]], band: Band, n: int, m: int, margin: int = 1) -> list[int]:
    """Rows where the path runs within `margin` of an edge of the band that is not the grid's edge."""
    rows = []
    i = j = 0
    for a, b in path:
        i, j = i + a, j + b
        if (band.lo[i] > 0 and j - band.lo[i] <= margin) or (band.hi[i] < m and band.hi[i] - j <= margin):
            rows.append(i)
    return rows
