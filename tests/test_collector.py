"""hamsu.collector in a process that froze its long-lived objects for good, as a batch worker
forked from its coordinator is: the arrangements must not count the frozen objects (in Python
3.11 gc.get_freeze_count walks every one of them) for each document."""
from __future__ import annotations

import gc
from pathlib import Path

import hamsu
from hamsu import collector
from hamsu.batch.engine import LocalEngine
from hamsu.check import check_alignment
from hamsu.names import link_names

SEED = Path(__file__).resolve().parents[1] / "examples" / "seed.txt"


def _counting_freeze_counts(monkeypatch) -> list[int]:
    calls: list[int] = []
    count = gc.get_freeze_count
    monkeypatch.setattr(gc, "get_freeze_count", lambda: calls.append(1) or count())
    return calls


def test_a_process_frozen_for_good_is_not_counted_per_document(monkeypatch):
    [alignment] = hamsu.align_paths([SEED])
    plain_names, plain_flags = link_names(alignment), check_alignment(alignment)
    monkeypatch.setattr(collector, "_frozen_for_good", False)
    calls = _counting_freeze_counts(monkeypatch)
    link_names(alignment)
    check_alignment(alignment)
    assert calls  # without the word, each arrangement asks whether a caller froze objects
    calls.clear()
    was_frozen = gc.get_freeze_count()
    gc.freeze()
    try:
        collector.frozen_for_good()
        frozen = gc.get_freeze_count()
        calls.clear()
        for _ in range(3):
            assert link_names(alignment) == plain_names
            assert check_alignment(alignment) == plain_flags
        assert calls == []  # the caller's word is taken: nothing walked
        assert gc.get_freeze_count() == frozen  # and what it froze stays frozen
    finally:
        gc.unfreeze()
        if was_frozen:
            gc.freeze()


def _worker_was_told(payload, settings) -> bool:
    return collector._frozen_for_good


def test_workers_forked_after_the_coordinator_froze_its_tables_are_told(monkeypatch):
    monkeypatch.setattr(collector, "_frozen_for_good", False)
    was_frozen = gc.get_freeze_count()
    try:
        with LocalEngine(2, None, warm_up=lambda settings: None) as engine:
            told = [result for _, result in engine.imap(_worker_was_told, [(k, k) for k in range(4)])]
    finally:
        gc.unfreeze()
        if was_frozen:
            gc.freeze()
    assert told == [True] * 4
