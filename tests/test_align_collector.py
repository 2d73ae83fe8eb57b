"""The cyclic collector is off while an alignment runs (its structures hold no cycles), and is left
as it was found afterwards, even when the alignment fails."""
from __future__ import annotations

import gc

import pytest

import hamsu.align as align_module
from hamsu.align import align

FA = ["این یک جمله است.", "دومین جمله درباره تهران است.", "سومی کوتاه است."] * 30
EN = ["This is a sentence.", "The second sentence is about Tehran.", "The third is short."] * 30


def test_collector_off_during_alignment_and_restored(monkeypatch):
    seen = []
    evidence = align_module.fa_evidence

    def watched(text, dictionary):
        seen.append(gc.isenabled())
        return evidence(text, dictionary)

    monkeypatch.setattr(align_module, "fa_evidence", watched)
    assert gc.isenabled()
    units = align(FA, EN)
    assert seen and not any(seen)
    assert gc.isenabled()
    assert sum(len(u.fa) for u in units) == len(FA)
    gc.disable()
    try:
        align(FA[:3], EN[:3])
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()


def test_collector_restored_after_a_failure(monkeypatch):
    def broken(text, dictionary):
        raise RuntimeError("boom")

    monkeypatch.setattr(align_module, "fa_evidence", broken)
    with pytest.raises(RuntimeError):
        align(FA, EN)
    assert gc.isenabled()


def test_an_alignment_leaves_no_cycles_behind():
    align(FA, EN)  # tables loaded, caches warm
    gc.collect()
    align(FA, EN)
    assert gc.collect() == 0
