"""Translations learned from the document being aligned (hunalign's re-alignment idea).

After a first pass, the 1-1 units with strong lexical evidence are very likely right; words that
keep occurring together in them and that the dictionary does not explain (domain terms, names the
name lists lack, spellings the stemmers miss) are taken as translations of each other, and the
document is aligned again with them.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import product

from .dictionary import Dictionary
from .lexical import Evidence

_NONE: frozenset[str] = frozenset()

MIN_TOGETHER = 2  # units a pair of words must share
# Units read at most, evenly spread over the document: a word that recurs often enough to be
# learned shows up in a sample of this size too, and reading every unit of a long document
# costs half as much as a search.
MAX_UNITS = 2500
MIN_DICE = 0.6  # 2·together / (units with the English word + units with the Persian word)


def learn_pairs(
    pairs: Sequence[tuple[int, int]],
    fa_ev: Sequence[Evidence],
    en_ev: Sequence[Evidence],
    dictionary: Dictionary,
) -> dict[str, str]:
    """English stem → Persian stem, from the confident 1-1 units (Persian i, English j) of a first pass."""
    table = dictionary.en_to_fa
    free: list[tuple[set[str], set[str]]] = []
    fa_count: Counter[str] = Counter()
    en_count: Counter[str] = Counter()
    step = max(1, -(-len(pairs) // MAX_UNITS))
    for i, j in pairs[::step]:
        fa_keys, en_keys = fa_ev[i].keys, en_ev[j].keys
        # Only words nothing explains yet: a Persian stem no English key matched, an English
        # stem none of whose dictionary translations is in the Persian sentence.
        fa_free = set(fa_ev[i].stems).difference(en_keys)
        en_free = {s for s in en_ev[j].stems if fa_keys.isdisjoint(table.get(s, _NONE))}
        free.append((fa_free, en_free))
        fa_count.update(fa_free)
        en_count.update(en_free)
    together: Counter[tuple[str, str]] = Counter()
    for fa_free, en_free in free:
        # a word seen once cannot reach MIN_TOGETHER: skip it, which leaves few pairs to count
        fs = [f for f in fa_free if fa_count[f] >= MIN_TOGETHER]
        if fs:  # every (English, Persian) pair of the unit counted, the pairs made and counted in C
            together.update(product([e for e in en_free if en_count[e] >= MIN_TOGETHER], fs))
    best: dict[str, tuple[float, str]] = {}
    for (e, f), c in together.items():
        if c < MIN_TOGETHER:
            continue
        dice = 2 * c / (en_count[e] + fa_count[f])
        # ties go to the alphabetically first word, so the result does not depend on set order
        if dice >= MIN_DICE and (e not in best or (dice, best[e][1]) > (best[e][0], f)):
            best[e] = (dice, f)
    return {e: f for e, (_, f) in best.items()}


def with_learned(en_ev: Sequence[Evidence], learned: dict[str, str]) -> list[Evidence]:
    """English evidence with the learned translations added to each sentence's keys."""
    out = []
    taught = learned.keys()
    for ev in en_ev:
        if taught.isdisjoint(ev.stems):  # most sentences have no learned word: tested in C
            out.append(ev)
            continue
        extra = {learned[s] for s in ev.stems if s in learned}
        if extra.difference(ev.keys):
            keys = extra.union(ev.keys)  # as the evidence held them: a set, or a tuple (lexical.Evidence)
            kept = frozenset(keys) if isinstance(ev.keys, frozenset) else tuple(keys)
            out.append(Evidence(kept, ev.stems, ev.known + len(extra)))
        else:
            out.append(ev)
    return out
