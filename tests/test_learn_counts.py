"""Learning translations counts with Counter and itertools.product: the same translations as
counting every pair in a Python loop (the way it was first written, kept here as the reference)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hamsu.align.dictionary import Dictionary
from hamsu.align.learn import MAX_UNITS, MIN_DICE, MIN_TOGETHER, learn_pairs
from hamsu.align.lexical import Evidence

FA_WORDS = list("ابپتثجچح")
EN_WORDS = ["gadget", "river", "tax", "king", "road"]


def reference(pairs, fa_ev, en_ev, dictionary):
    table = dictionary.en_to_fa
    free, fa_count, en_count = [], {}, {}
    step = max(1, -(-len(pairs) // MAX_UNITS))
    for i, j in pairs[::step]:
        fa_keys, en_keys = fa_ev[i].keys, en_ev[j].keys
        fa_free = {s for s in fa_ev[i].stems if s not in en_keys}
        en_free = {s for s in en_ev[j].stems if not (table.get(s, frozenset()) & fa_keys)}
        free.append((fa_free, en_free))
        for f in fa_free:
            fa_count[f] = fa_count.get(f, 0) + 1
        for e in en_free:
            en_count[e] = en_count.get(e, 0) + 1
    together = {}
    for fa_free, en_free in free:
        fs = [f for f in fa_free if fa_count[f] >= MIN_TOGETHER]
        for e in en_free:
            if en_count[e] >= MIN_TOGETHER:
                for f in fs:
                    together[e, f] = together.get((e, f), 0) + 1
    best = {}
    for (e, f), c in together.items():
        if c < MIN_TOGETHER:
            continue
        dice = 2 * c / (en_count[e] + fa_count[f])
        if dice >= MIN_DICE and (e not in best or (dice, best[e][1]) > (best[e][0], f)):
            best[e] = (dice, f)
    return {e: f for e, (_, f) in best.items()}


units = st.lists(
    st.tuples(st.lists(st.sampled_from(FA_WORDS), max_size=5), st.lists(st.sampled_from(EN_WORDS), max_size=4)),
    min_size=1, max_size=12,
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(units, st.booleans())
def test_learned_translations_as_counted_in_a_loop(pairs_of_words, english_as_tuple):
    dictionary = Dictionary.from_pairs([("river", "ا")])
    fa_ev = [Evidence(frozenset(fa), tuple(fa), len(fa)) for fa, _ in pairs_of_words]
    en_ev = [Evidence((tuple if english_as_tuple else frozenset)(set(en) | {"ا"} if "river" in en else set(en)),
                      tuple(en), len(en)) for _, en in pairs_of_words]  # fmt: skip
    pairs = [(k, k) for k in range(len(pairs_of_words))]
    assert learn_pairs(pairs, fa_ev, en_ev, dictionary) == reference(pairs, fa_ev, en_ev, dictionary)
