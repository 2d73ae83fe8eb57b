"""Long documents in bounded memory (issue 14): what the checks read from one unit is kept only
while the check is near it, and the name linker lets go of each unit's search indexes once its
pairs are chosen and keeps a window of prepared sentences; the flags and names come out the same."""
from __future__ import annotations

from pathlib import Path

import pytest

import hamsu.check
from hamsu.check import check_alignment
from hamsu.check.base import UNIT_WINDOW, DocumentContext
from hamsu.names import english, link_names
from hamsu.names import link as link_module
from hamsu.pipeline import align_document, process_document
from hamsu.read import read_document
from hamsu.read.aligned import aligned_pairs

SEED = Path(__file__).resolve().parents[1] / "examples" / "seed.txt"

# Numbers, dates and names in every unit, one number moved to the next unit now and then, so that
# the rules read their neighbours too.
PAIRS = [
    (f"در سال ۲۰۱۹ شهر تهران {n + 3} میلیون نفر جمعیت و {n * 7} بیمارستان داشت.",
     f"In 2019 Tehran had {n + 3} million people and {n * 7 if n % 5 else n * 7 + 1} hospitals.")
    for n in range(60)
]  # fmt: skip


def _checked(monkeypatch, forget: bool):
    contexts = []

    class Recording(DocumentContext):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            contexts.append(self)

        def forget_before(self, index):
            if forget:
                super().forget_before(index)

    monkeypatch.setattr(hamsu.check, "DocumentContext", Recording)
    alignment = aligned_pairs(PAIRS, "doc")
    names = link_names(alignment)
    return check_alignment(alignment, names), contexts[-1]


def test_a_unit_read_by_the_rules_is_let_go_behind_the_window(monkeypatch):
    kept_flags, kept = _checked(monkeypatch, forget=False)
    flags, bounded = _checked(monkeypatch, forget=True)
    assert flags == kept_flags and any(f.rule == "numbers" for f in flags)
    assert len(kept._unit_memo) == len(PAIRS)  # without forgetting, every unit stays
    assert len(bounded._unit_memo) <= UNIT_WINDOW + 3
    assert not any(isinstance(key, tuple) and len(key) > 1 and isinstance(key[1], int) for key in bounded._memo)


def test_the_linker_releases_each_units_indexes(monkeypatch):
    units = []
    chosen = link_module._chosen

    def recording(unit, known):
        units.append(unit)
        return chosen(unit, known)

    monkeypatch.setattr(link_module, "_chosen", recording)
    link_names(aligned_pairs(PAIRS, "doc"))
    assert units and all(u._translit is None and not u._found and u._joined_keys is None for u in units)


@pytest.mark.parametrize("source", ["aligned pairs", "seed"])
def test_the_linker_keeps_a_window_of_prepared_sentences_with_the_same_names(monkeypatch, source):
    if source == "seed":
        alignment = align_document(read_document(SEED.read_text(encoding="utf-8"), "seed"))
    else:
        alignment = aligned_pairs(PAIRS, "doc")
    whole = link_names(alignment)
    prepared = []
    prepare_fa = link_module.prepare_fa

    def counting(alignment, index, table):
        prepared.append(index)
        return prepare_fa(alignment, index, table)

    monkeypatch.setattr(link_module, "prepare_fa", counting)
    monkeypatch.setattr(link_module, "PREPARED_SENTENCES", 2)
    assert link_names(alignment) == whole
    assert len(prepared) > len(set(prepared)) == len(alignment.fa)  # prepared again once let go


def test_the_linker_reads_each_english_sentence_once_in_a_long_document():
    # More sentences than a small cache keeps: the capitals pass and the names pass meet each one.
    pairs = [(f"شهر شماره {n} در استان فارس است.", f"City number {n} of Fars Province lies in Iran, near Shiraz.")
             for n in range(700)]  # fmt: skip
    english._pieces.cache_clear()
    link_names(aligned_pairs(pairs, "doc"))
    assert english._pieces.cache_info().misses == len(pairs)


def test_each_side_is_built_once_for_its_unit_and_its_neighbours(monkeypatch):
    # A figure put in the next sentence: the numbers rule reads the neighbours' numbers, and
    # shares the sides the neighbours' own checks build.
    pairs = [("شهر تهران ۱۲ بیمارستان دارد.", "Tehran has many hospitals."),
             ("شهر شیراز بزرگ است.", "Shiraz is large, with 12 hospitals."),
             ("هوا امروز گرم بود.", "The weather was warm today.")]  # fmt: skip
    built = []
    build_side = hamsu.check.base.build_side

    def counting(alignment, ids, lang):
        built.append((ids, lang))
        return build_side(alignment, ids, lang)

    monkeypatch.setattr(hamsu.check.base, "build_side", counting)
    alignment = aligned_pairs(pairs, "doc")
    flags = check_alignment(alignment, link_names(alignment))
    assert any(f.rule == "numbers" and "unit 1" in f.message + f.evidence for f in flags)
    assert len(built) == len(set(built)) == 2 * len(pairs)


def test_the_linker_leaves_no_cycle_behind_for_the_collector():
    # A batch worker links document after document with the cyclic collector mostly idle: a linker
    # kept alive by a reference cycle would hold its document's prepared names until a full
    # collection (a 10,000-article build's worker grew by half).
    import gc

    document = read_document(SEED.read_text(encoding="utf-8"), "seed")
    gc.collect()
    before = sum(isinstance(o, link_module.NameLinker) for o in gc.get_objects())
    gc.disable()
    try:
        for _ in range(2):
            process_document(document)
        alive = sum(isinstance(o, link_module.NameLinker) for o in gc.get_objects())
    finally:
        gc.enable()
    assert alive == before
