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

    The shapes are written out one by one rather than looped over: this is the hot loop, and
    in pure Python the generic form (a loop over shapes and over the bead's sentence pairs) is
    more than twice as slow.
    """
    lo, hi = band.lo, band.hi
    prior = [scoring.priors.get(shape) for shape in SHAPES]
    p11, p10, p01, p21, p12, p22, p31, p13 = (NEG if p is None else p for p in prior)
    # Row i holds columns off[i] .. hi[min(n, i + 3)], padded with NEG, so that a step back by
    # up to three columns, or into a shorter row above, never leaves its list.
    off = [lo[i] - _PAD for i in range(n + 1)]
    score: list[list[float]] = []
    back: list[bytearray] = []
    # Lexical scores of Persian sentence i with English sentences poff[i] ..: the English
    # sentences a bead ending in rows i + 1 .. i + 3 can hold.
    poff = [0] * n
    pairs: list[list[float]] = [[]] * n

    fc, ec = scoring.fa_chars, scoring.en_chars
    fbr, ebr = scoring.fa_break, scoring.en_break
    c, s2 = scoring.ratio, scoring.variance
    lw = scoring.length_weight / s2  # δ²/2 = d² / (s² t) with d = l_fa − c l_en, t = l_fa / c + l_en
    mw = scoring.match_weight
    cross, mismatch = scoring.cross_penalty, scoring.mismatch_penalty
    use_mismatch = bool(mismatch) and any(fbr[1:n]) and any(ebr[1:m])
    empty: list[float] = []
    r1 = r2 = r3 = empty
    q1 = q2 = q3 = empty  # pair scores of Persian sentences i - 1, i - 2, i - 3
    o1 = o2 = o3 = u1 = u2 = u3 = 0

    for i in range(n + 1):
        if i < n:
            p_lo = max(0, lo[i + 1] - _PAD)
            p_hi = min(m - 1, hi[min(n, i + 3)] - 1)
            poff[i] = p_lo
            pairs[i] = pair_scores(i, p_lo, p_hi) if p_hi >= p_lo else []
        o = off[i]
        row = [NEG] * (hi[min(n, i + 3)] - o + 1)
        brow = bytearray(len(row))
        score.append(row)
        back.append(brow)
        if i >= 1:
            r1, o1, q1, u1 = score[i - 1], off[i - 1], pairs[i - 1], poff[i - 1]
            f1 = fc[i] - fc[i - 1]
        if i >= 2:
            r2, o2, q2, u2 = score[i - 2], off[i - 2], pairs[i - 2], poff[i - 2]
            f2 = fc[i] - fc[i - 2]
            x2 = cross if fbr[i - 1] else 0.0
        if i >= 3:
            r3, o3, q3, u3 = score[i - 3], off[i - 3], pairs[i - 3], poff[i - 3]
            f3 = fc[i] - fc[i - 3]
            x3 = cross if (fbr[i - 1] or fbr[i - 2]) else 0.0
        for j in range(lo[i], hi[i] + 1):
            if i == 0 and j == 0:
                row[j - o] = 0.0
                continue
            best, arg = NEG, 0
            if j:
                v = row[j - 1 - o]
                if v > NEG:  # 0-1
                    best, arg = v + p01, 2
                e1 = ec[j] - ec[j - 1]
            if i:
                v = r1[j - o1]
                if v > NEG and v + p10 > best:  # 1-0
                    best, arg = v + p10, 1
            if not (i and j):
                row[j - o] = best
                brow[j - o] = arg
                continue
            if j >= 2:
                e2 = ec[j] - ec[j - 2]
                y2 = cross if ebr[j - 1] else 0.0
            if j >= 3:
                e3 = ec[j] - ec[j - 3]
                y3 = cross if (ebr[j - 1] or ebr[j - 2]) else 0.0
            a1 = q1[j - 1 - u1]  # the lexical score of the 1-1 pair (i - 1, j - 1)
            v = r1[j - 1 - o1]
            if v > NEG:  # 1-1
                d = f1 - c * e1
                t = f1 / c + e1
                v += p11 + mw * a1
                if t > 0:
                    v -= lw * d * d / t
                if use_mismatch and fbr[i - 1] != ebr[j - 1]:
                    v -= mismatch
                if v > best:
                    best, arg = v, 0
            if i >= 2:
                a2 = q2[j - 1 - u2]
                v = r2[j - 1 - o2]
                if v > NEG and p21 > NEG:  # 2-1
                    d = f2 - c * e1
                    t = f2 / c + e1
                    v += p21 + mw * (a1 + a2) - x2
                    if t > 0:
                        v -= lw * d * d / t
                    if use_mismatch and fbr[i - 2] != ebr[j - 1]:
                        v -= mismatch
                    if v > best:
                        best, arg = v, 3
                if j >= 2:
                    v = r2[j - 2 - o2]
                    if v > NEG and p22 > NEG:  # 2-2
                        d = f2 - c * e2
                        t = f2 / c + e2
                        lex = a1 + a2 + q1[j - 2 - u1] + q2[j - 2 - u2]
                        v += p22 + mw * lex - x2 - y2
                        if t > 0:
                            v -= lw * d * d / t
                        if use_mismatch and fbr[i - 2] != ebr[j - 2]:
                            v -= mismatch
                        if v > best:
                            best, arg = v, 5
                if i >= 3:
                    v = r3[j - 1 - o3]
                    if v > NEG and p31 > NEG:  # 3-1
                        d = f3 - c * e1
                        t = f3 / c + e1
                        v += p31 + mw * (a1 + a2 + q3[j - 1 - u3]) - x3
                        if t > 0:
                            v -= lw * d * d / t
                        if use_mismatch and fbr[i - 3] != ebr[j - 1]:
                            v -= mismatch
                        if v > best:
                            best, arg = v, 6
            if j >= 2:
                b2 = q1[j - 2 - u1]
                v = r1[j - 2 - o1]
                if v > NEG and p12 > NEG:  # 1-2
                    d = f1 - c * e2
                    t = f1 / c + e2
                    v += p12 + mw * (a1 + b2) - y2
                    if t > 0:
                        v -= lw * d * d / t
                    if use_mismatch and fbr[i - 1] != ebr[j - 2]:
                        v -= mismatch
                    if v > best:
                        best, arg = v, 4
                if j >= 3:
                    v = r1[j - 3 - o1]
                    if v > NEG and p13 > NEG:  # 1-3
                        d = f1 - c * e3
                        t = f1 / c + e3
                        v += p13 + mw * (a1 + b2 + q1[j - 3 - u1]) - y3
                        if t > 0:
                            v -= lw * d * d / t
                        if use_mismatch and fbr[i - 1] != ebr[j - 3]:
                            v -= mismatch
                        if v > best:
                            best, arg = v, 7
            row[j - o] = best
            brow[j - o] = arg
    if score[n][m - off[n]] == NEG:
        raise ValueError("no path through the band")
    path = []
    i, j = n, m
    while i or j:
        a, b = SHAPES[back[i][j - off[i]]]
        path.append((a, b))
        i, j = i - a, j - b
    path.reverse()
    return path


# --- The coarse path --------------------------------------------------------------------------


def anchors(
    fa_keys: Sequence[frozenset[str]], en_keys: Sequence[frozenset[str]], max_df: int = 4, min_shared: int = 2
) -> list[tuple[int, int]]:
    """Sentence pairs that share at least `min_shared` rare keys (in at most `max_df` sentences of
    each side), thinned to the heaviest chain that is increasing on both sides: a wrong anchor
    rarely fits in line with the right ones around it. Allowing a few occurrences rather than
    one keeps anchors in documents that repeat themselves."""
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
