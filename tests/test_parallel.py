"""hamsu.parallel: a long document's units shared by two processes give what one process gives."""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from hamsu import parallel
from hamsu.api import read_documents
from hamsu.pipeline import align_document, check_document

pytestmark = pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="no fork on this system")


@pytest.fixture
def small_threshold(monkeypatch):
    monkeypatch.setattr(parallel, "MIN_UNITS", 4)


def squares(start: int, end: int) -> list[int]:
    return [i * i for i in range(start, end)]


def test_split_units_gives_the_results_in_order(small_threshold):
    with parallel.workers(2):
        assert parallel.split_units(101, squares) == squares(0, 101)
        assert parallel.split_units(4, squares) == squares(0, 4)  # the first unit here, three shared


def test_one_process_unless_allowed(small_threshold, monkeypatch):
    calls = []
    monkeypatch.setattr(parallel.os, "fork", lambda: calls.append("fork") or pytest.fail("forked"))
    assert parallel.split_units(101, squares) == squares(0, 101)  # not allowed: no fork
    with parallel.workers(2):
        assert parallel.split_units(3, squares) == squares(0, 3)  # too few units: no fork
    assert calls == []


def test_a_child_that_cannot_send_its_half_leaves_it_to_the_parent(small_threshold):
    def unpicklable(start: int, end: int) -> list:
        return [threading.Lock() if start >= 5 else i for i in range(start, end)]  # a lock does not pickle

    with parallel.workers(2):
        result = parallel.split_units(10, unpicklable)
    assert result[:5] == [0, 1, 2, 3, 4] and len(result) == 10


def test_the_checks_of_a_document_shared_by_two_processes_equal_one_process(small_threshold):
    [document] = read_documents([Path(__file__).resolve().parents[1] / "examples" / "seed.txt"])
    alignment = align_document(document)
    alone = check_document(alignment)
    with parallel.workers(2):
        shared = check_document(alignment)
    assert shared == alone
    assert shared.flags  # the seed has flags to compare


def test_rounds_keep_their_halves_and_survive_a_child_that_fails(small_threshold):
    kept: dict[int, int] = {}

    def first(start: int, end: int, _: object) -> list[int]:
        for i in range(start, end):
            kept[i] = i + 1  # what a process keeps of its own units between rounds
        return [kept[i] for i in range(start, end)]

    def second(start: int, end: int, offset: int) -> list:
        return [threading.Lock() if start and end - start > 1 else kept.get(i, 0) + offset for i in range(start, end)]

    def third(start: int, end: int, offset: int) -> list[int]:
        return [kept.get(i, 0) * offset for i in range(start, end)]

    with parallel.workers(2), parallel.SharedRounds(10, [first, second, third]) as rounds:
        found = rounds.run(0, None)
        for i, value in enumerate(found):
            kept[i] = value  # the caller gathers what the child found, as link_names does
        assert found == list(range(1, 11))
        assert rounds.run(1, 100)[:5] == [101, 102, 103, 104, 105]  # the child's half failed: done here
        assert rounds.run(2, 3) == [3 * i for i in range(1, 11)]


def test_a_presplit_document_aligned_by_two_processes_equals_one_process(small_threshold, tmp_path):
    # Pre-split Persian normalization and both sides' lexical evidence are what is shared here.
    [document] = read_documents([Path(__file__).resolve().parents[1] / "examples" / "seed.txt"])
    seed = align_document(document)
    (tmp_path / "a.fa").write_text("\n".join(s.text for s in seed.fa) + "\n", encoding="utf-8")
    (tmp_path / "a.en").write_text("\n".join(s.text for s in seed.en) + "\n", encoding="utf-8")
    [pair] = read_documents([tmp_path / "a.fa", tmp_path / "a.en"], pair=True, presplit=True)
    alone = align_document(pair, presplit=True)
    with parallel.workers(2):
        shared = align_document(pair, presplit=True)
    assert len(alone.fa) >= 2 * parallel.MIN_UNITS
    assert shared == alone
    assert [s.shifts for s in shared.fa] == [s.shifts for s in alone.fa]  # == leaves the offset maps out


def test_presplit_persian_comes_back_from_the_second_process_as_plain_tuples(small_threshold, tmp_path, monkeypatch):
    # Sentences are rebuilt here from their fields: the child's half is pickled as tuples, which
    # load at a third of a Sentence's cost; with or without offset maps, the same sentences.
    from hamsu import pipeline

    [document] = read_documents([Path(__file__).resolve().parents[1] / "examples" / "seed.txt"])
    seed = align_document(document)
    (tmp_path / "a.fa").write_text("\n".join(s.text for s in seed.fa) + "\n", encoding="utf-8")
    (tmp_path / "a.en").write_text("\n".join(s.text for s in seed.en) + "\n", encoding="utf-8")
    [pair] = read_documents([tmp_path / "a.fa", tmp_path / "a.en"], pair=True, presplit=True)
    sent: list[list] = []
    shared_units = pipeline.split_units

    def watched(count, work):
        results = shared_units(count, work)
        sent.append(results)
        return results

    monkeypatch.setattr(pipeline, "split_units", watched)
    for offset_maps in (True, False):
        alone = align_document(pair, presplit=True, offset_maps=offset_maps)
        with parallel.workers(2):
            shared = align_document(pair, presplit=True, offset_maps=offset_maps)
        assert shared == alone
        assert [s.shifts for s in shared.fa] == [s.shifts for s in alone.fa]
    assert sent and all(type(row) is tuple for results in sent for row in results)


def _state(pid: int) -> str:
    """A process's state letter from /proc (R running, S sleeping, T stopped, ...)."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


def test_rounds_started_ahead_give_what_one_process_gives_and_what_the_child_found_first(small_threshold):
    kept: dict[int, int] = {}

    def ahead() -> None:
        for i in range(6, 10):  # the child's share, worked on before the rounds
            kept[i] = i * 10

    def first(start: int, end: int, _: object) -> list[int]:
        return [kept.get(i, i * 10) + 1 for i in range(start, end)]

    with parallel.workers(2), parallel.SharedRounds.ahead_of(8, [first], ahead, 0.4, lambda: "capitals") as rounds:
        assert rounds.pid  # started on entering, before the count is known
        assert rounds.begin(10) == "capitals"
        assert rounds.half == 6
        assert rounds.run(0, None) == [i * 10 + 1 for i in range(10)]
    with parallel.SharedRounds.ahead_of(8, [first], ahead, 0.4, lambda: "capitals") as rounds:  # not allowed
        assert not rounds.pid and rounds.begin(10) is None
        assert rounds.run(0, None) == [i * 10 + 1 for i in range(10)]


def test_a_child_started_ahead_is_stopped_when_the_count_proves_too_small_or_the_caller_fails(small_threshold):
    def ahead() -> None:
        time.sleep(60)  # a head start far longer than the test

    def first(start: int, end: int, _: object) -> list[int]:
        return list(range(start, end))

    started = time.monotonic()
    with parallel.workers(2), parallel.SharedRounds.ahead_of(8, [first], ahead, 0.5) as rounds:
        child = rounds.pid
        assert child
        assert rounds.begin(3) is None  # below MIN_UNITS: this process does it all
        assert not rounds.pid and rounds.run(0, None) == [0, 1, 2]
    with pytest.raises(RuntimeError), parallel.workers(2), \
            parallel.SharedRounds.ahead_of(8, [first], ahead, 0.5) as rounds:  # fmt: skip
        other = rounds.pid
        raise RuntimeError("the caller fails before begin(): the child is not waited for")
    assert time.monotonic() - started < 30
    for pid in (child, other):
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # reaped, not left behind


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="no /proc")
def test_a_child_working_ahead_stands_still_while_other_rounds_share_the_cores(small_threshold, tmp_path):
    def ahead() -> None:
        while True:
            time.sleep(0.01)

    def states(start: int, end: int, _: object) -> list[str]:
        return [_state(pid) for _ in range(start, end)]

    with parallel.workers(2), parallel.SharedRounds.ahead_of(8, [squares], ahead, 0.5) as early:
        pid = early.pid
        assert pid in parallel._ahead_children
        with parallel.SharedRounds(6, [states]) as other:
            seen = other.run(0, None)
        assert seen == ["T"] * 6  # stopped, as both processes of the other rounds saw it
        deadline = time.monotonic() + 10
        while _state(pid) == "T" and time.monotonic() < deadline:
            time.sleep(0.01)
        assert _state(pid) != "T"  # going on once they are done
    assert pid not in parallel._ahead_children


def test_a_document_linked_while_it_is_aligned_equals_one_process(small_threshold):
    from hamsu.names import NameLinker, link_names
    from hamsu.pipeline import process_document

    [document] = read_documents([Path(__file__).resolve().parents[1] / "examples" / "seed.txt"])
    alignment = align_document(document)
    alone = link_names(alignment)
    with parallel.workers(2):
        with NameLinker(alignment.document, alignment.fa, alignment.en, ahead=True) as linker:
            assert linker.passes.pid
            shared = linker.link(alignment.units)
        assert process_document(document) == check_document(alignment)
    assert shared == alone


def test_a_fork_that_fails_leaves_the_work_to_this_process_and_lets_a_stopped_child_go_on(small_threshold, monkeypatch):
    def ahead() -> None:
        for _ in range(20):  # a head start that ends
            time.sleep(0.01)

    def round_of_squares(start: int, end: int, _: object) -> list[int]:
        return squares(start, end)

    with parallel.workers(2), parallel.SharedRounds.ahead_of(8, [round_of_squares], ahead, 0.5) as early:
        pid = early.pid

        def failing() -> int:
            raise OSError(12, "Cannot allocate memory")

        fork = parallel.os.fork
        monkeypatch.setattr(parallel.os, "fork", failing)
        assert parallel.split_units(10, squares) == squares(0, 10)
        assert _state(pid) != "T"  # not left standing still by the rounds that could not share
        monkeypatch.setattr(parallel.os, "fork", fork)
        early.begin(10)
        assert early.alive and early.half == 5  # the child started ahead takes its half
        assert early.run(0, None) == squares(0, 10)
