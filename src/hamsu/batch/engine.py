"""Where the workers run: inline, a local process pool, or a Dask cluster. One interface.

    with make_engine("local", workers=2, settings=s) as engine:
        for meta, results in engine.imap(fn, tasks):   # tasks: (meta, payload) pairs
            ...                                       # results of fn(payload, settings), in task order

Results come back in task order whatever order the workers finish in, and at most `window` tasks
are in flight, so memory stays flat however long the input is and the coordinator reorders
without a growing buffer (a slow task holds back at most `window` finished ones). The engines
differ only in where fn runs; its results, and so the build's output, are the same.

- inline (-j 1 with the local engine): fn runs in the coordinator's process, no pickling at all.
- local: concurrent.futures.ProcessPoolExecutor. Workers get the settings once, at start.
- dask: distributed.Client on the scheduler given, or on a LocalCluster of `workers` processes
  (one thread each: the pipeline is pure Python and holds the GIL). The settings are scattered
  to every worker once. Needs the `dask` extra.
"""
from __future__ import annotations

import collections
import gc
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ..collector import frozen_for_good
from ..errors import HamsuError
from ..parallel import die_with_parent

ENGINES = ("local", "dask")


class EngineError(HamsuError):
    """The workers could not be started or died: the build stops, and can be resumed."""


class InlineEngine:
    def __init__(self, settings: Any) -> None:
        self.settings = settings

    def imap(self, fn: Callable, tasks: Iterable[tuple[Any, Any]]) -> Iterator[tuple[Any, Any]]:
        for meta, payload in tasks:
            yield meta, fn(payload, self.settings)

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


_WORKER_SETTINGS: Any = None
PARENT_CHECK_SECONDS = 1.0


def _init_worker(settings: Any, coordinator: int) -> None:
    global _WORKER_SETTINGS
    _WORKER_SETTINGS = settings
    # The coordinator handles Ctrl-C and stops the pool; a worker's own KeyboardInterrupt would
    # only print a traceback per worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with(coordinator)
    # A worker forked after the coordinator froze its tables keeps them frozen for its life: it
    # counts them once, here, rather than the collector arrangements counting them per document.
    if gc.get_freeze_count():
        frozen_for_good()


def die_with(coordinator: int) -> None:
    """End this worker when its coordinator (process `coordinator`) ends. A coordinator killed
    with kill -9 cannot stop its pool, and the orphans would wait on their task queue for ever
    (every worker holds the queue's write end too, so it never reports end of file).

    On Linux the kernel sends SIGKILL at the parent's death (prctl PR_SET_PDEATHSIG); everywhere,
    a thread checks every PARENT_CHECK_SECONDS that the parent is still the coordinator (an
    orphan is adopted by another process)."""
    die_with_parent()  # where it cannot (no prctl), the thread below still ends the worker
    if os.getppid() != coordinator:  # the coordinator died before the signal was asked for
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(coordinator,), name="hamsu-watch-coordinator", daemon=True).start()


def _watch_parent(coordinator: int) -> None:
    while True:
        time.sleep(PARENT_CHECK_SECONDS)
        if os.getppid() != coordinator:
            os._exit(1)


def _run(fn: Callable, payload: Any) -> Any:
    return fn(payload, _WORKER_SETTINGS)


def _context() -> multiprocessing.context.BaseContext:
    # fork starts workers at once with everything the coordinator already imported; it is only
    # safe before other threads exist, and the pool is made before the progress bar's thread.
    # Elsewhere (macOS, Windows) spawn, the platform default.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods and os.name == "posix" else "spawn")


def in_order(tasks: Iterable[tuple[Any, Any]], window: int, submit: Callable) -> Iterator[tuple[Any, Any]]:
    """(meta, future) for each task in input order, with at most `window` submitted and not yet
    taken: memory stays bounded however long the input, and results come back in order. Futures
    still pending when the caller stops are cancelled."""
    pending: collections.deque = collections.deque()
    tasks = iter(tasks)
    exhausted = False
    try:
        while True:
            while not exhausted and len(pending) < window:
                item = next(tasks, None)
                if item is None:
                    exhausted = True
                    break
                meta, payload = item
                pending.append((meta, submit(payload)))
            if not pending:
                return
            yield pending.popleft()
    finally:
        for _, future in pending:
            future.cancel()



class LocalEngine:
    def __init__(self, workers: int, settings: Any, window: int | None = None, warm_up: Callable | None = None) -> None:
        self.window = window or 2 * workers + 2
        context = _context()
        if warm_up is not None and context.get_start_method() == "fork":
            # Load the pipeline's tables once, here, and fork: the workers share their pages
            # instead of each loading its own copy (less memory, and no start-up per worker).
            # gc.freeze keeps the collector from touching, and so copying, those pages.
            warm_up(settings)
            gc.freeze()
        try:
            self.pool = ProcessPoolExecutor(
                max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(settings, os.getpid())
            )
            # With fork, the first task starts every worker: now, while the caller has no open
            # database and no other thread.
            self.pool.submit(int).result()
        except (OSError, BrokenProcessPool) as e:
            raise EngineError(f"cannot start {workers} worker processes ({e})") from None

    def imap(self, fn: Callable, tasks: Iterable[tuple[Any, Any]]) -> Iterator[tuple[Any, Any]]:
        try:
            for meta, future in in_order(tasks, self.window, lambda payload: self.pool.submit(_run, fn, payload)):
                yield meta, future.result()
        except BrokenProcessPool:
            raise EngineError("a worker process died (out of memory?); run the same command to resume") from None

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class DaskEngine:
    def __init__(self, workers: int, settings: Any, scheduler: str | None = None, window: int | None = None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise EngineError("--engine dask needs Dask: pip install 'hamsu[dask]'") from None
        self.cluster = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout="30s")
            else:
                # Loopback only and no dashboard: a build opens no port to the network.
                self.cluster = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
                self.client = Client(self.cluster)
        except (OSError, TimeoutError) as e:
            if self.cluster is not None:
                self.cluster.close()
            where = scheduler or "a local cluster"
            raise EngineError(f"cannot connect to the Dask scheduler at {where} ({e})") from None
        n = len(self.client.scheduler_info().get("workers", {})) or workers
        self.window = window or 2 * n + 2
        self.settings = self.client.scatter(settings, broadcast=True)

    def imap(self, fn: Callable, tasks: Iterable[tuple[Any, Any]]) -> Iterator[tuple[Any, Any]]:
        def submit(payload: Any) -> Any:
            # pure=False: two equal payloads are still two tasks (Dask would merge them).
            return self.client.submit(fn, payload, self.settings, pure=False)

        for meta, future in in_order(tasks, self.window, submit):
            try:
                result = future.result()
            except Exception as e:  # noqa: BLE001 - a lost worker or task, reported in one line
                raise EngineError(
                    f"a Dask task failed ({type(e).__name__}: {e}); run the same command to resume"
                ) from None
            future.release()
            yield meta, result

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def make_engine(engine: str, workers: int, settings: Any, scheduler: str | None = None, warm_up=None):
    """The engine; `settings` (work.Settings) go to every worker. `warm_up(settings)`, if given,
    loads what workers need in this process before it forks them (local engine)."""
    if engine == "dask":
        return DaskEngine(workers, settings, scheduler)
    if engine != "local":
        raise HamsuError(f"--engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if scheduler:
        raise HamsuError("--scheduler is for --engine dask")
    if workers == 1:
        return InlineEngine(settings)
    return LocalEngine(workers, settings, warm_up=warm_up)
