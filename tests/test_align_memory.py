"""English evidence keeps only keys the Persian side has (issue 14: memory of long documents),
and the scores, anchors and learned pairs come out the same as with every key."""
from __future__ import annotations

from pathlib import Path

from hamsu import normalize
from hamsu.align import AlignModel
from hamsu.align.learn import learn_pairs
from hamsu.align.lexical import PairScores, en_evidence, fa_evidence
from hamsu.align.search import anchors
from hamsu.read import read_document

SEED = Path(__file__).resolve().parents[1] / "examples" / "seed.txt"


def _sides():
    doc = read_document(SEED.read_text(encoding="utf-8"), "seed")
    fa = [normalize(doc.texts[0][b.start : b.end]) for b in doc.blocks if b.lang == "fa" and b.kind != "boilerplate"]
    en = [doc.texts[0][b.start : b.end] for b in doc.blocks if b.lang == "en" and b.kind != "boilerplate"]
    return fa, en


def test_english_keys_outside_the_persian_side_are_dropped():
    dictionary = AlignModel.default().dictionary
    whole = en_evidence("The army liberated the city of Albu Kamal.", dictionary)
    kept = en_evidence("The army liberated the city of Albu Kamal.", dictionary, frozenset({"@albu"}))
    assert kept.keys == ("@albu",) and "@albu" in whole.keys and len(whole.keys) > 1
    assert (kept.stems, kept.known) == (whole.stems, whole.known)


def test_the_same_scores_anchors_and_learned_pairs_with_fewer_keys():
    dictionary = AlignModel.default().dictionary
    fa, en = _sides()
    fa_ev = [fa_evidence(s, dictionary) for s in fa]
    persian_keys = frozenset().union(*(e.keys for e in fa_ev))
    whole = [en_evidence(s, dictionary) for s in en]
    kept = [en_evidence(s, dictionary, persian_keys) for s in en]
    assert sum(map(len, (e.keys for e in kept))) < sum(map(len, (e.keys for e in whole)))
    before, after = PairScores.of(fa_ev, whole, 3), PairScores.of(fa_ev, kept, 3)
    assert all(before(i, 0, len(en) - 1) == after(i, 0, len(en) - 1) for i in range(len(fa)))
    assert anchors([e.keys for e in fa_ev], [e.keys for e in whole]) == anchors(
        [e.keys for e in fa_ev], [e.keys for e in kept]
    )
    pairs = [(i, i) for i in range(min(len(fa), len(en)))]
    assert learn_pairs(pairs, fa_ev, whole, dictionary) == learn_pairs(pairs, fa_ev, kept, dictionary)
