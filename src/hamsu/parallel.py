"""Work on the units of one long document split between two processes, where the caller allows it.

The name linker and the checks go through a document's units one by one, and most of what they do
for one unit does not depend on another's result. On a machine with more than one core, a long
document's units are split in two: a forked child takes the second half and sends its results back
through a pipe, pickled, while this process does the first; the results come back in unit order, the
same as one process gives (tests/test_parallel.py holds them equal).

Only a command line that knows it is alone in its process allows it (`with workers(2): …`, see
hamsu.commands): a library call, the web server (threads) and the batch builder (its own worker
processes) run in one process, as before. Where fork is missing, or the child fails (a plugin's
result that cannot be pickled, a crash), this process does the child's half itself: the answer is
the same, only slower.
"""
from __future__ import annotations

import os
import pickle
import struct
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")

# Units a document needs before a second process pays for itself: forking, pickling the results
# back and the child's own caches cost about as much as checking a few hundred units.
MIN_UNITS = 2_000
# Units beyond which the second process is not started: a fork shares the parent's memory only
# until either side writes to it, and a very long document's memory would then grow towards
# twice its size.
MAX_UNITS = 40_000

_allowed = 1


@contextmanager
def workers(count: int | None = None) -> Iterator[None]:
    """Allow `count` processes (default: the cores this process may use, at most 2) to share a
    document's units while the block runs."""
    global _allowed
    if count is None:
        count = min(2, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
    before, _allowed = _allowed, max(1, count)
    try:
        yield
    finally:
        _allowed = before


def allowed() -> int:
    return _allowed


def split_units(count: int, work: Callable[[int, int], list[T]]) -> list[T]:
    """work(0, count), computed as work(0, half) + work(half, count) in two processes where
    allowed and worth it. `work(start, end)` must give the results of units [start, end) in order,
    the same whichever process runs it. The first unit is done here before the split, so that
    what the work loads on first use (tables, lexicons) is loaded once, shared by both."""
    if count < MIN_UNITS or _allowed < 2:
        return work(0, count)
    first = work(0, 1)
    with SharedRounds(count - 1, [lambda start, end, _: work(start + 1, end + 1)]) as rounds:
        return first + rounds.run(0, None)


Round = Callable[[int, int, Any], list]


class SharedRounds:
    """Several passes over the same units, each needing what the passes before found in all of
    them, shared by two processes that each keep their half between passes (their caches stay
    warm):

        with SharedRounds(count, [first, second]) as rounds:
            found = rounds.run(0, None)        # first(0, half, None) + first(half, count, None)
            named = rounds.run(1, gathered)    # `gathered` (pickled to the child) from `found`

    A round function rounds[k](start, end, arg) gives its units' results in order, the same in
    either process: it may keep what it finds for its own units (the child's copy is its own), and
    must not rely on what the other half kept. Rounds run in order, each once. Where the child
    fails, this process runs its half, that round and the next; where sharing is not allowed or
    not worth it (split_units), this process runs every round on all units."""

    def __init__(self, count: int, rounds: Sequence[Round]) -> None:
        self.count, self.rounds = count, rounds
        self.half = count
        self.pid = 0
        self.alive = False

    def __enter__(self) -> SharedRounds:
        if _allowed < 2 or not MIN_UNITS <= self.count <= MAX_UNITS or not hasattr(os, "fork"):
            return self
        self.half = self.count // 2
        to_child_read, to_child_write = os.pipe()
        from_child_read, from_child_write = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(to_child_write)
            os.close(from_child_read)
            self._serve(os.fdopen(to_child_read, "rb"), os.fdopen(from_child_write, "wb"))
        os.close(to_child_read)
        os.close(from_child_write)
        self.inbox, self.outbox = os.fdopen(from_child_read, "rb"), os.fdopen(to_child_write, "wb")
        self.alive = True
        return self

    def _serve(self, inbox, outbox) -> None:
        """The child: each round's second half, until a round fails or the parent is done."""
        try:
            for work in self.rounds:
                message = _receive(inbox)
                if not message:
                    break
                try:
                    payload = pickle.dumps(work(self.half, self.count, pickle.loads(message)),
                                           protocol=pickle.HIGHEST_PROTOCOL)  # fmt: skip
                except BaseException:  # noqa: BLE001 - any failure: the parent does the half itself
                    _send(outbox, b"")
                    break
                _send(outbox, payload)
        finally:
            os._exit(0)

    def run(self, k: int, arg: Any) -> list:
        work = self.rounds[k]
        if self.alive:
            try:
                _send(self.outbox, pickle.dumps(arg, protocol=pickle.HIGHEST_PROTOCOL))
            except (OSError, pickle.PicklingError, TypeError, AttributeError):
                self.alive = False
        first = work(0, self.half, arg)
        if self.half == self.count:
            return first
        payload = _receive(self.inbox) if self.alive else b""
        if not payload:
            self.alive = False
            return first + work(self.half, self.count, arg)
        return first + pickle.loads(payload)

    def __exit__(self, *exc: object) -> None:
        if not self.pid:
            return
        self.inbox.close()
        try:
            self.outbox.close()  # the child, waiting for a round, reads the end and leaves
        except OSError:
            pass
        os.waitpid(self.pid, 0)


_LENGTH = struct.Struct("<Q")


def _send(pipe, payload: bytes) -> None:
    pipe.write(_LENGTH.pack(len(payload)))
    pipe.write(payload)
    pipe.flush()


def _receive(pipe) -> bytes:
    """The next message (b"" for a failure or a closed pipe)."""
    head = pipe.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return b""
    (size,) = _LENGTH.unpack(head)
    return pipe.read(size) if size else b""
