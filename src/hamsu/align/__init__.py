"""Monotone sentence alignment of a Persian and an English text.

    >>> from hamsu.align import align
    >>> units = align(persian_sentences, english_sentences)

align() is a pure function of its arguments: the same sentences and model give the same units.
"""
from __future__ import annotations

from collections.abc import Collection, Sequence

from ..collector import collector_paused
from ..parallel import split_units
from ..records import Unit
from .confidence import probability, unit_features
from .dictionary import Dictionary
from .learn import learn_pairs, with_learned
from .lexical import EnglishEvidence, Evidence, PairScores, fa_evidence
from .model import AlignModel
from .search import Band, Scoring, anchors, best_path, coarse_path, touches

__all__ = ["AlignModel", "Dictionary", "Unit", "align", "align_with_features"]


def align(
    fa: Sequence[str],
    en: Sequence[str],
    fa_breaks: Collection[int] = (),
    en_breaks: Collection[int] = (),
    model: AlignModel | None = None,
) -> list[Unit]:
    """Units covering every sentence of both sides once, in order, each with a confidence in 0..1.

    fa: Persian sentences, already normalized (hamsu.normalize); en: English sentences.
    fa_breaks / en_breaks: indices of sentences that start a paragraph; a unit that spans a
    paragraph start, or starts a paragraph on one side only, costs more.
    Unit.score is the estimated probability that the unit is exactly right (confidence.py).
    """
    return [unit for unit, _, _ in align_with_features(fa, en, fa_breaks, en_breaks, model)]


def align_with_features(
    fa: Sequence[str],
    en: Sequence[str],
    fa_breaks: Collection[int] = (),
    en_breaks: Collection[int] = (),
    model: AlignModel | None = None,
) -> list[tuple[Unit, str, tuple[float, ...]]]:
    """align() with each unit's kind and the features its confidence was computed from
    (confidence.FEATURES): what bench/align_eval.py --fit-confidence calibrates on."""
    model = model or AlignModel.default()
    with collector_paused():
        return _align_with_features(fa, en, fa_breaks, en_breaks, model)


def _align_with_features(
    fa: Sequence[str], en: Sequence[str], fa_breaks: Collection[int], en_breaks: Collection[int], model: AlignModel
) -> list[tuple[Unit, str, tuple[float, ...]]]:
    n, m = len(fa), len(en)
    if not n or not m:  # nothing to pair: every sentence is left unaligned, with certainty
        nulls = [Unit((i,), (), 1.0) for i in range(n)] + [Unit((), (j,), 1.0) for j in range(m)]
        return [(u, "null", ()) for u in nulls]
    # Each sentence's evidence is its own: a long document's are shared by two processes where
    # the command line allows (hamsu.parallel), the same lists either way.
    fa_ev = split_units(n, lambda start, end: [fa_evidence(s, model.dictionary) for s in fa[start:end]])
    # Keys only one side has can add to no score, anchor or local count, and learning looks at
    # the Persian stems and the English words' translations only: dropped, they take no memory
    # (their sets were the largest thing a long alignment held). English keys go first, then the
    # Persian keys that are not in the English ones left, save the Persian stems (learning may
    # teach the English side any of them).
    persian_keys = frozenset().union(*(e.keys for e in fa_ev))
    english_evidence = EnglishEvidence(model.dictionary, persian_keys)
    en_ev = split_units(m, lambda start, end: list(map(english_evidence, en[start:end])))
    english_keys = frozenset().union(*(e.keys for e in en_ev))
    for i, evidence in enumerate(fa_ev):  # in place: the old sets go as the new ones come
        fa_ev[i] = _keeping(evidence, english_keys)
    del persian_keys, english_keys
    scoring = _scoring(fa, en, fa_breaks, en_breaks, model)
    pair_scores = PairScores.of(fa_ev, en_ev, model.df_window)
    path = _search(scoring, pair_scores, fa_ev, en_ev, model)
    if model.realign:
        confident = [(i, j) for i, a, j, b in _beads(path) if a == b == 1 and pair_scores(i, j, j)[0] >= LEARN_FROM]
        learned = learn_pairs(confident, fa_ev, en_ev, model.dictionary)
        if learned:
            en_ev = with_learned(en_ev, learned)
            pair_scores = pair_scores.with_english(en_ev, set(learned.values()))
            path = _search(scoring, pair_scores, fa_ev, en_ev, model, _path_centre(path, n))
    beads = _beads(path)
    features = unit_features(
        beads, pair_scores, fa_ev, en_ev, scoring.fa_chars, scoring.en_chars, model.ratio, model.variance
    )
    out = []
    for (i, a, j, b), (kind, x) in zip(beads, features):
        unit = Unit(tuple(range(i, i + a)), tuple(range(j, j + b)), round(probability(kind, x), 4))
        out.append((unit, kind, x))
    return out


def _keeping(evidence: Evidence, other_side: frozenset[str]) -> Evidence:
    """Persian evidence without the keys the other side lacks, its own stems kept."""
    keys = evidence.keys.intersection(other_side)  # set operations in C, not a test a key in Python
    if len(keys) < len(evidence.keys):
        keys |= evidence.keys.intersection(evidence.stems)
    return evidence if len(keys) == len(evidence.keys) else Evidence(keys, evidence.stems, evidence.known)


LEARN_FROM = 1.5  # lexical score of a first-pass 1-1 unit that may teach translations


def _beads(path: list[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """(i, a, j, b) for each bead (a, b) of a path: Persian i .. i + a, English j .. j + b."""
    out, i, j = [], 0, 0
    for a, b in path:
        out.append((i, a, j, b))
        i, j = i + a, j + b
    return out


def _path_centre(path: list[tuple[int, int]], n: int) -> list[float]:
    """The column of a path at each row: the middle of a run of 0-1 steps, and in proportion
    inside a bead that takes several Persian sentences."""
    centre = [0.0] * (n + 1)
    first: dict[int, int] = {0: 0}
    i = j = 0
    for a, b in path:
        for k in range(1, a):
            centre[i + k] = j + b * k / a
        i, j = i + a, j + b
        first.setdefault(i, j)
        centre[i] = (first[i] + j) / 2
    return centre


def _search(
    scoring: Scoring,
    pair_scores: PairScores,
    fa_ev: list[Evidence],
    en_ev: list[Evidence],
    model: AlignModel,
    centre: list[float] | None = None,
) -> list[tuple[int, int]]:
    """The best path: over the whole grid when it is small, else in a band around `centre` (a
    first pass's path) or around the coarse path through the anchors, widened where the path
    runs along the band's edge (at most four searches)."""
    n, m = len(fa_ev), len(en_ev)
    if (n + 1) * (m + 1) <= model.full_search_nodes:
        return best_path(n, m, scoring, pair_scores, Band.full(n, m))
    if centre is not None:  # a second pass stays near the first
        widths = [model.realign_width] * (n + 1)
    else:
        points = anchors([e.keys for e in fa_ev], [e.keys for e in en_ev])
        centre, widths = coarse_path(points, scoring.fa_chars, scoring.en_chars, model.band_width)
    for _ in range(4):
        band = Band.around(centre, widths, m)
        path = best_path(n, m, scoring, pair_scores, band)
        rows = touches(path, band, n, m)
        if not rows:
            break
        wider = widths[:]
        for r in rows:  # the path ran along the edge: double the width around it and search again
            w = min(2 * widths[r], m)
            for i in range(max(0, r - w), min(n, r + w) + 1):
                wider[i] = max(wider[i], w)
        widths = wider
    return path


def _prefix(values: Sequence[int]) -> tuple[int, ...]:
    out = [0]
    for v in values:
        out.append(out[-1] + v)
    return tuple(out)


def _breaks(n: int, starts: Collection[int]) -> bytes:
    flags = bytearray(n + 1)
    flags[0] = 1
    for i in starts:
        if 0 <= i <= n:
            flags[i] = 1
    return bytes(flags)


def _scoring(fa: Sequence[str], en: Sequence[str], fa_breaks: Collection[int], en_breaks: Collection[int],
             model: AlignModel) -> Scoring:
    return Scoring(
        fa_chars=_prefix([len(s) for s in fa]),
        en_chars=_prefix([len(s) for s in en]),
        fa_break=_breaks(len(fa), fa_breaks),
        en_break=_breaks(len(en), en_breaks),
        priors=dict(model.priors),
        ratio=model.ratio,
        variance=model.variance,
        length_weight=model.length_weight,
        match_weight=model.match_weight,
        cross_penalty=model.cross_penalty,
        mismatch_penalty=model.mismatch_penalty,
    )
