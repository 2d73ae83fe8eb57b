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
import signal
import struct
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")

# Units a document needs before a second process pays for itself: forking, pickling the results
# back and the child's own caches cost about as much as checking a few hundred units. Measured on
# slices of a 2,000-line news pair (`hamsu align --presplit --pair`, whole command, 2 cores): 120
# units 0.38 s in one process, 0.41 s in two; 250 units the same either way; 500 units 0.72 ->
# 0.63 s; 1,000 units 1.08 -> 0.85 s; 2,000 units 1.81 -> 1.31 s.
MIN_UNITS = 500
# Units beyond which the second process is not started: a fork shares the parent's memory only
# until either side writes to it, and a very long document's memory would then grow towards
# twice its size.
MAX_UNITS = 40_000

_allowed = 1
# Children running a head start (SharedRounds.ahead_of) before their rounds: they stand still
# (SIGSTOP) while other rounds share the cores, so that two processes, not three, compete for two
# cores, and go on (SIGCONT) after. Only where such a child dies with its parent (Linux): a
# stopped orphan would otherwise wait for ever.
_ahead_children: set[int] = set()
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def die_with_parent() -> bool:
    """Ask the kernel to end this (forked) process when its parent ends; False where it cannot."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _signal_ahead(signum: int) -> None:
    for pid in _ahead_children:
        try:
            os.kill(pid, signum)
        except ProcessLookupError:
            pass


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
        self.ahead: Callable[[], object] | None = None
        self.share = 0.5  # of the units, the child's
        self.early = self.started = False  # ahead_of
        self.first: Callable[[], Any] | None = None

    @classmethod
    def ahead_of(cls, expected: int, rounds: Sequence[Round], ahead: Callable[[], object] | None, share: float,
                 first: Callable[[], Any] | None = None) -> SharedRounds:  # fmt: skip
        """Rounds whose units are not known yet, with what the child can do before them.

        Entered, it starts the child at once (when `expected` units would be shared), which
        works out first() and sends it, then runs ahead(), while this process goes on (aligning
        the sentences whose units the rounds will go through); begin(count) then gives the units'
        count, before the first run(), and returns what first() gave (None without a child). The
        child takes `share` of the units: the last ones, whose work ahead() began on."""
        self = cls(expected, rounds)
        self.ahead, self.share, self.first = ahead, share, first
        self.early, self.started = True, False
        return self

    def _worth_sharing(self, count: int) -> bool:
        return _allowed >= 2 and MIN_UNITS <= count <= MAX_UNITS and hasattr(os, "fork")

    def _split(self, count: int) -> int:
        return count - round(count * self.share)

    def __enter__(self) -> SharedRounds:
        if not self._worth_sharing(self.count):
            return self
        if not self.early:
            _signal_ahead(signal.SIGSTOP)
        self._fork()
        if not self.pid and not self.early:  # no second process after all: the others go on
            _signal_ahead(signal.SIGCONT)
        return self

    def begin(self, count: int) -> Any:
        """The units' count, for rounds made by ahead_of: shared from here on when worth it (a
        child started for an expected count that proves too small or too large is stopped).
        Returns what the child's first() gave, or None."""
        self.count = self.half = count
        self.started = True
        if not self._worth_sharing(count):
            self._leave()
            return None
        if not self.pid:
            self._fork()
            if not self.pid:
                return None
        _ahead_children.discard(self.pid)
        os.kill(self.pid, signal.SIGCONT)  # its rounds are next, whatever stood it still
        found = None
        if self.alive and self.first is not None:
            payload = _receive(self.inbox)
            found = pickle.loads(payload) if payload else None
        if self.alive:
            try:
                _send(self.outbox, pickle.dumps(count, protocol=pickle.HIGHEST_PROTOCOL))
                self.half = self._split(count)
            except OSError:
                self.alive = False
        return found

    def _fork(self) -> None:
        self.half = self._split(self.count)
        to_child_read, to_child_write = os.pipe()
        from_child_read, from_child_write = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        parent = os.getpid()
        if self.early and self.first is not None:
            _widen(from_child_write)  # what first() gives goes without waiting for a reader
        # A child working ahead may be stood still (SIGSTOP) only where it dies with its parent.
        stoppable = self.early and not self.started and sys.platform.startswith("linux")
        try:
            self.pid = os.fork()
        except OSError:  # no second process (no memory, too many processes): this one does it all
            for fd in (to_child_read, to_child_write, from_child_read, from_child_write):
                os.close(fd)
            self.pid, self.half = 0, self.count
            return
        if self.pid == 0:
            os.close(to_child_write)
            os.close(from_child_read)
            _ahead_children.clear()  # the parent's to stop, not this child's
            if stoppable and not (die_with_parent() and os.getppid() == parent):
                os._exit(0)  # it could outlive a parent that stood it still: the parent does its share
            self._serve(os.fdopen(to_child_read, "rb"), os.fdopen(from_child_write, "wb"))
        os.close(to_child_read)
        os.close(from_child_write)
        if stoppable:
            _ahead_children.add(self.pid)
        self.inbox, self.outbox = os.fdopen(from_child_read, "rb"), os.fdopen(to_child_write, "wb")
        self.alive = True

    def _serve(self, inbox, outbox) -> None:
        """The child: each round's second half, until a round fails or the parent is done."""
        try:
            if self.early:
                if self.first is not None:
                    try:
                        payload = pickle.dumps(self.first(), protocol=pickle.HIGHEST_PROTOCOL)
                    except Exception:  # noqa: BLE001 - the parent works it out itself
                        payload = b""
                    _send(outbox, payload)
                try:
                    if self.ahead is not None:
                        self.ahead()
                except Exception:  # noqa: BLE001 - only a head start: the rounds do the work anyway
                    pass
                message = _receive(inbox)
                if not message:
                    return
                self.count = pickle.loads(message)
                self.half = self._split(self.count)
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

    def _leave(self) -> None:
        """No rounds for the child: it stops, even in the middle of its head start."""
        if self.pid:
            os.kill(self.pid, signal.SIGKILL)
            self.__exit__()
        self.pid = 0
        self.alive = False

    def __exit__(self, *exc: object) -> None:
        if not self.pid:
            return
        _ahead_children.discard(self.pid)
        if not self.early:
            _signal_ahead(signal.SIGCONT)
        if self.early and (exc and exc[0] is not None or not self.started):
            os.kill(self.pid, signal.SIGKILL)  # its head start is of no use now
        self.inbox.close()
        try:
            self.outbox.close()  # the child, waiting for a round, reads the end and leaves
        except OSError:
            pass
        os.waitpid(self.pid, 0)


_LENGTH = struct.Struct("<Q")
PIPE_BYTES = 1 << 20


def _widen(fd: int) -> None:
    """A pipe that holds PIPE_BYTES before its writer waits, where the system allows (Linux)."""
    try:
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass


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
