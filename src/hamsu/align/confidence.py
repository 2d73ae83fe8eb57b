"""Calibrated confidence of each unit: the probability that it is exactly right.

A unit is described by a few numbers the search already knows (its lexical score, its length
deviation, how well its sentences match the sentences next to it, how sure its neighbours are),
and a logistic model per kind of unit (1-1, merge, null) turns them into a probability.

The coefficients were fitted by `python bench/align_eval.py --fit-confidence`: maximum likelihood
on every unit the aligner produced for the FLORES-200 devtest and TICO-19 test articles that
align_build.py makes with seeds 1 and 2 (not the scoring seed, 775), a unit counting as right when
the gold file has exactly that unit. The same command prints the reliability table of the fitted
model on the seed-775 articles: expected calibration error 0.007 and Brier score 0.015 there
(0.002 and 0.010 on the fitting units). The dev articles have few wrong units (61 of 5,615 in the
fit), so on harder text the scores are likely too high; refit on such text when there is gold.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate

from .length import length_penalty
from .lexical import Evidence

FEATURES = ("bias", "lexical", "per_word", "length", "rival", "neighbours")

# kind -> one coefficient per FEATURES entry (fitted; see the module doc)
COEFFICIENTS: dict[str, tuple[float, ...]] = {
    "1-1": (3.088, 0.936, 1.374, -0.621, -1.031, 1.116),
    "merge": (2.851, 0.173, 0.274, -0.274, 0.143, 0.04),
    "null": (1.648, 0.0, 0.418, 0.0, -1.028, 1.33),
}

PairScores = Callable[[int, int, int], list[float]]


def kind_of(a: int, b: int) -> str:
    """1-1, null, or merge (any other shape: the dev data has no 2-2, 1-3 or 3-1 to fit them on)."""
    if a == 1 and b == 1:
        return "1-1"
    if not a or not b:
        return "null"
    return "merge"


def unit_features(
    beads: Sequence[tuple[int, int, int, int]],
    pair_scores: PairScores,
    fa_ev: Sequence[Evidence],
    en_ev: Sequence[Evidence],
    fa_chars: Sequence[int],
    en_chars: Sequence[int],
    ratio: float,
    variance: float,
) -> list[tuple[str, tuple[float, ...]]]:
    """(kind, features) of each bead (i, a, j, b) of a path, in FEATURES order."""
    n, m = len(fa_ev), len(en_ev)
    # Words that could have matched, in the sentences before each one: a unit's are a difference.
    fa_known = list(accumulate((e.known for e in fa_ev), initial=0))
    en_known = list(accumulate((e.known for e in en_ev), initial=0))
    lexical = []
    for i, a, j, b in beads:
        if a == 1 and b == 1:  # most units: one score, which the sums below would give unchanged
            lexical.append(pair_scores(i, j, j)[0] + 0.0)
        else:
            lexical.append(sum(sum(pair_scores(ii, j, j + b - 1)) for ii in range(i, i + a)) if a and b else 0.0)
    out = []

    def best(fa_range: Iterable[int], en_lo: int, en_hi: int, skip: range = range(0)) -> float:
        top = 0.0
        en_lo, en_hi = max(0, en_lo), min(m - 1, en_hi)
        for ii in fa_range:
            if 0 <= ii < n and en_lo <= en_hi:
                for jj, s in zip(range(en_lo, en_hi + 1), pair_scores(ii, en_lo, en_hi)):
                    if s > top and jj not in skip:
                        top = s
        return top

    last = len(beads) - 1
    for k, (i, a, j, b) in enumerate(beads):
        kind = kind_of(a, b)
        lex = lexical[k]
        # rival: how well the unit's sentences match the other side's sentences just outside it;
        # for a null unit, the sentences of the other side around the place it sits.
        if a == 1 and b == 1:  # best() below, unrolled for one sentence a side: its own row, then its column
            lo = max(0, j - 1)
            top = 0.0
            for jj, s in zip(range(lo, min(m - 1, j + 1) + 1), pair_scores(i, lo, min(m - 1, j + 1))):
                if s > top and jj != j:
                    top = s
            for ii in (i - 1, i + 1):
                if 0 <= ii < n and (s := pair_scores(ii, j, j)[0]) > top:
                    top = s
            rival = top
        elif a and b:
            rival = max(best(range(i, i + a), j - 1, j + b, skip=range(j, j + b)),
                        best((i - 1, i + a), j, j + b - 1))
        elif a:
            rival = best(range(i, i + a), j - 2, j + 1)
        else:
            rival = best(range(i - 2, i + 2), j, j)
        known = (fa_known[i + a] - fa_known[i]) + (en_known[j + b] - en_known[j])
        per_word = lex / max(1.0, known / 2) if a and b else known / 10
        length = 0.0
        if a and b:
            length = length_penalty(fa_chars[i + a] - fa_chars[i], en_chars[j + b] - en_chars[j], ratio, variance)
        before = lexical[k - 1] if k > 0 else 1.0
        after = lexical[k + 1] if k < last else 1.0
        neighbours = min(before, after, 3.0)
        out.append((kind, (1.0, min(lex, 10.0), min(per_word, 3.0), min(length, 10.0), min(rival, 10.0), neighbours)))
    return out


def probability(
    kind: str, features: Sequence[float], coefficients: dict[str, tuple[float, ...]] = COEFFICIENTS
) -> float:
    z = sum(w * x for w, x in zip(coefficients[kind], features))
    return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0
