"""The coordinator of `hamsu build`: plans shards, feeds the engine, and is the single writer.

    inputs ──walk──▶ jobs (seq 0, 1, 2 ...) ──chunks──▶ engine (workers: read, pipeline, unit text)
                                                          │ results, in seq order
    corpus.db ◀── ingest ◀── coordinator ──▶ filters, dedup ──▶ shard files ──▶ summary, report

Shard k holds documents k·N .. k·N + N − 1 in input order (N = --shard-size). A shard is done when
its files are in place and its record (the fingerprint of its jobs and its counts) is in the
database, in that order: a run killed in between redoes the shard and writes the same bytes. On
the next run with the same options, a done shard whose jobs hash the same and whose files exist is
skipped without processing; the first shard whose input changed is redone with everything after
it. So a resumed build's shards and summary are byte-identical to an uninterrupted one's, and an
input that only grew at the end is built incrementally. Other options (min-score, formats...) are
another build: every shard is redone, the database keeps what it had (ingest replaces by key).

The coordinator stays light (-j N scales with N): workers do the reading, the pipeline, the
database rows and the unit text of every format, and send them back as plain tuples; the
coordinator inserts the rows, asks the on-disk dedup table, and gzips. Filters and dedup decide
per unit, in input order: null units (one side empty), --drop-flag, --min-score, then exact and
near duplicates of an earlier kept unit. The database gets every document as read (`hamsu ingest`
would store the same); the shards get the kept units only, the same units in every format (TMX
cannot hold a null unit, so none of the formats does).
"""
from __future__ import annotations

import contextlib
import itertools
import json
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from .. import __version__
from ..errors import HamsuError, InputError, OutputError
from ..formats import exchange_formats
from ..progress import progress_mode
from ..read.decode import DEFAULT_MAX_INPUT_BYTES, nul_is_binary
from ..records import SEVERITIES
from ..store.build_state import BuildState
from . import shards as shard_files
from .engine import ENGINES, make_engine
from .inputs import PAIRING, Job, Limits, input_size, listed_pair_jobs, new_digest, walk
from .report import make_summary, render_html, summary_json
from .stats import add_document, add_failure, add_unit, merge, new_stats
from .work import SHARD_FORMATS, Result, Settings, UnitOut, process_chunk, warm_up

DATABASE = "corpus.db"
CHUNK_JOBS = 8  # documents per task: enough to make a task's overhead small, few enough to spread
CHUNK_BYTES = 1 << 20  # ... and at most about this much input, so huge pages do not pile up
WORKERS_PER_CORE = 4


@dataclass(frozen=True)
class BuildOptions:
    output: Path
    workers: int = 1
    engine: str = "local"
    scheduler: str | None = None
    min_score: float | None = None
    drop_flags: tuple[str, ...] = ()
    shard_size: int = 500
    formats: tuple[str, ...] = SHARD_FORMATS
    presplit: bool = False
    encoding: str = "utf-8"
    check: bool = True
    glossary: Path | None = None
    progress: bool | None = False  # None: a bar when standard error is a terminal
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES
    pairs: Path | None = None  # a pair list: build exactly these pairs of pages of the inputs

    def output_options(self, glossary_hash: str) -> dict:
        """The options that decide the output (not where or how fast it is made): the fingerprint
        that a resumed build must match, and the options shown in the summary."""
        return {
            "min_score": self.min_score,
            "drop_flags": sorted(set(self.drop_flags)),
            "shard_size": self.shard_size,
            "formats": list(self.formats),
            "presplit": self.presplit,
            "encoding": self.encoding,
            "check": self.check,
            "glossary": glossary_hash,
        }


@dataclass
class Chunk:
    """A task's bookkeeping, kept by the coordinator while the task is in flight."""

    shard: int
    first_seq: int
    jobs: int
    nbytes: int
    first: bool  # the shard's first chunk
    fingerprint: str | None = None  # set on the shard's last chunk


@dataclass
class Done:
    """A shard skipped because it was already built: for the progress bar."""

    shard: int
    documents: int
    nbytes: int


def check_options(options: BuildOptions) -> None:
    from ..check import RULES

    if options.workers < 1:
        raise HamsuError(f"-j must be at least 1, not {options.workers}")
    if options.shard_size < 1:
        raise HamsuError(f"--shard-size must be at least 1, not {options.shard_size}")
    if options.engine not in ENGINES:
        raise HamsuError(f"--engine must be one of {', '.join(ENGINES)}, not {options.engine!r}")
    if options.min_score is not None and not 0.0 <= options.min_score <= 1.0:
        raise HamsuError(f"--min-score must be between 0 and 1, not {options.min_score}")
    for value in options.drop_flags:
        if value not in RULES and value not in SEVERITIES:
            raise HamsuError(
                f"--drop-flag takes a rule ({', '.join(sorted(RULES))}) or a severity ({', '.join(SEVERITIES)}),"
                f" not {value!r}"
            )
    choices = exchange_formats()
    if not options.formats or any(f not in choices for f in options.formats):
        raise HamsuError(f"--formats takes some of {', '.join(choices)}, comma-separated")


def workers_at_most() -> int:
    """The most local workers a build starts: 4 per core. More only share the cores, each with its
    own memory (the pipeline is CPU-bound)."""
    return WORKERS_PER_CORE * (os.cpu_count() or 1)


def build(inputs: list[str], options: BuildOptions, log=sys.stderr) -> dict:
    """Build OUT from the inputs (or finish an interrupted build); returns the summary."""
    check_options(options)
    limit = workers_at_most()
    if options.workers > limit and options.scheduler is None:
        log.write(f"hamsu: warning: -j {options.workers} is more than {WORKERS_PER_CORE} workers for each of the"
                  f" {os.cpu_count() or 1} cores here; starting {limit}\n")  # fmt: skip
        options = replace(options, workers=limit)
    for arg in inputs:
        if not os.path.exists(arg):
            raise InputError(f"{arg}: no such file or folder")
    out = options.output
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"{out}: cannot create ({e.strerror or e})") from None
    with _locked(out, log):
        shard_files.remove_temporaries(out)
        return Coordinator(inputs, options, log).run()


LOCK = ".build.lock"
# The descriptors of the build locks this process holds. A forked child (a pool worker) gets a copy
# of every descriptor, and with it a share in the lock: were the coordinator killed, its workers
# would keep the folder locked. So every child lets go of them at once (see _release_in_child).
_held_locks: set[int] = set()


def _release_in_child() -> None:
    if not _held_locks:
        return
    # dup2 of /dev/null onto the descriptor drops the child's share in the lock and leaves a valid
    # descriptor in place, so the file object the child inherited can never close someone else's.
    null = os.open(os.devnull, os.O_RDONLY)
    for fd in _held_locks:
        os.dup2(null, fd)
    os.close(null)
    _held_locks.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_release_in_child)


@contextlib.contextmanager
def _locked(out: Path, log=sys.stderr) -> Iterator[None]:
    """One build at a time in a folder: two writers would interleave shards and dedup entries.

    The lock file holds the process id of the build holding it. A lock held although that build
    is gone (something it started lives on) is stale: the file is replaced by a new one, locked
    by this build, with a message."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, as on such systems the rest still works
        yield
        return
    path = out / LOCK
    handle = _open_lock(path, out)
    try:
        if not _try_lock(handle, fcntl):
            holder = _holder(handle)
            if holder is None or _alive(holder):
                running = f" (process {holder})" if holder is not None else ""
                raise OutputError(f"{out}: another build is running there{running}")
            handle.close()
            handle = _take_over(path, out, fcntl)
            log.write(f"hamsu: {out}: build {holder} is no longer running; taking over its lock\n")
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n".encode())
        handle.flush()
        _held_locks.add(handle.fileno())
        try:
            yield
        finally:
            _held_locks.discard(handle.fileno())
    finally:
        handle.close()


def _open_lock(path: Path, out: Path):
    try:
        return open(path, "a+b")
    except OSError as e:
        raise OutputError(f"{out}: cannot write ({e.strerror or e})") from None


def _try_lock(handle, fcntl) -> bool:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _holder(handle) -> int | None:
    """The process id written in a lock file, or None (empty: an older hamsu, or being written)."""
    handle.seek(0)
    text = handle.read(32).decode("ascii", "replace").strip()
    return int(text) if text.isdigit() else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def _take_over(path: Path, out: Path, fcntl):
    """A new lock file, locked, put in the stale one's place (renaming it over the old one is atomic)."""
    fresh = path.with_name(f"{LOCK}.{os.getpid()}")
    handle = _open_lock(fresh, out)
    if not _try_lock(handle, fcntl):
        handle.close()
        raise OutputError(f"{out}: another build is running there")
    os.replace(fresh, path)
    return handle


class Coordinator:
    def __init__(self, inputs: list[str], options: BuildOptions, log) -> None:
        self.inputs = [str(Path(i)) for i in inputs]
        self.options = options
        self.log = log
        self.out = options.output
        glossary, glossary_hash = None, ""
        if options.glossary is not None:
            from ..check import load_glossary

            glossary = load_glossary(options.glossary)
            digest = new_digest()
            digest.update(Path(options.glossary).read_bytes())
            glossary_hash = digest.hexdigest()
        self.settings = Settings(options.presplit, options.encoding, options.check, glossary, options.formats)
        self.output_options = options.output_options(glossary_hash)
        self.fingerprint = json.dumps({"hamsu": __version__, "inputs": self.inputs, **self.output_options},
                                      sort_keys=True)  # fmt: skip
        self.drop_rules = {v for v in options.drop_flags if v not in SEVERITIES}
        floors = [SEVERITIES.index(v) for v in options.drop_flags if v in SEVERITIES]
        self.drop_floor = min(floors) if floors else None
        self.limits = Limits(options.max_input_bytes, nul_is_binary(options.encoding))
        self.shard_count = 0
        # the shard being written
        self.writer: shard_files.ShardWriter | None = None
        self.stats: dict = new_stats()

    # --- planning ------------------------------------------------------------------------------

    def _walk(self) -> Iterator[Job]:
        if self.options.pairs is not None:
            return listed_pair_jobs(self.inputs, str(self.options.pairs))
        return walk(self.inputs, exclude=self.out, limits=self.limits)

    def plan(self, state: BuildState) -> Iterator[tuple[Chunk | Done, list[Job] | None]]:
        """The chunks to process, shard by shard; done shards are checked and passed over."""
        size = self.options.shard_size
        done = state.done()
        settled = 0  # shards before this one are done and checked
        redo: int | None = None  # a done shard to build again (its files are missing)
        while True:
            restart = False
            jobs = enumerate(self._walk())
            for shard, group in itertools.groupby(jobs, key=lambda pair: pair[0] // size):
                self.shard_count = shard + 1
                if shard < settled:
                    for _ in group:
                        pass
                    continue
                if shard in done and shard != redo:
                    digest, count, nbytes = new_digest(), 0, 0
                    for _, job in group:
                        job.fingerprint(digest)
                        count += 1
                        nbytes += job.nbytes
                    if digest.hexdigest() == done[shard]:
                        if shard_files.shards_present(self.out, shard, self.options.formats):
                            settled = shard + 1
                            yield Done(shard, count, nbytes), None
                            continue
                        redo = shard
                    else:
                        state.forget_from(shard, shard * size)
                        done = {k: v for k, v in done.items() if k < shard}
                    restart = True  # walk again from the start to process this shard
                    break
                yield from self._chunks(shard, group)
                settled = shard + 1
            if not restart:
                return

    def _chunks(self, shard: int, group) -> Iterator[tuple[Chunk, list[Job]]]:
        digest = new_digest()
        batch: list[Job] = []
        first_seq, nbytes, first = None, 0, True
        for seq, job in group:
            job.fingerprint(digest)
            if batch and (len(batch) >= CHUNK_JOBS or nbytes + job.nbytes > CHUNK_BYTES):
                yield Chunk(shard, first_seq, len(batch), nbytes, first), batch
                batch, nbytes, first = [], 0, False
            if not batch:
                first_seq = seq
            batch.append(job)
            nbytes += job.nbytes
        yield Chunk(shard, first_seq, len(batch), nbytes, first, digest.hexdigest()), batch

    # --- running -------------------------------------------------------------------------------

    def run(self) -> dict:
        from ..store import open_store

        started = time.monotonic()
        options = self.options
        # Workers first: a forked worker must not inherit the open database (SQLite forbids
        # carrying a connection across fork), nor the progress bar's thread.
        engine = make_engine(options.engine, options.workers, self.settings, options.scheduler, warm_up)
        with engine:
            with open_store(self.out / DATABASE) as store:
                state = BuildState(store.conn)
                if state.options() != self.fingerprint:
                    if state.options() is not None:
                        self.log.write(f"hamsu: {self.out}: inputs or options differ from the last build; "
                                       "building every shard again\n")  # fmt: skip
                    state.set_options(self.fingerprint)
                try:
                    mode = progress_mode(options.progress, self.log)
                    size = input_size(self.inputs, self.out) if mode else 0
                    with _BuildProgress(mode, size, self.log, self.out) as progress:
                        for meta, results in engine.imap(process_chunk, self._tasks(state, progress)):
                            self.consume(store, state, meta, results)
                            progress.advance(meta.jobs, sum(len(r.units) for r in results), meta.nbytes)
                except BaseException:
                    if self.writer is not None:
                        self.writer.abort()
                    raise
                state.forget_after(self.shard_count)
                shard_files.remove_stale(self.out, self.shard_count, options.formats)
                total = new_stats()
                for part in state.shard_stats(self.shard_count):
                    merge(total, part)
        summary = make_summary(total, self.inputs, self.output_options, self.shard_count)
        pairing = {group: counts for group, counts in sorted(PAIRING.items()) if group in total["sources"]}
        if pairing:  # crawls and folders whose pages were paired by content
            summary["pairing"] = pairing
        self._write_reports(summary)
        self._finish_line(summary, time.monotonic() - started)
        return summary

    def _tasks(self, state: BuildState, progress) -> Iterator[tuple[Chunk, list[Job]]]:
        for meta, jobs in self.plan(state):
            if isinstance(meta, Done):
                progress.advance(meta.documents, 0, meta.nbytes)
                continue
            yield meta, jobs

    def consume(self, store, state: BuildState, meta: Chunk, results: list[Result]) -> None:
        """One chunk's results, in order: store the documents, decide each unit, write the kept."""
        if meta.first:
            self.writer = shard_files.ShardWriter(self.out, meta.shard, self.options.formats)
            self.stats = new_stats()
        stats = self.stats
        good = [r.rows for r in results if r.rows is not None]
        if good:
            store.ingest_many(good)
        # Filters first, then dedup among the units that pass them: a unit left out for its score
        # must not make a later, better copy a "duplicate".
        decided: list[tuple[Result, list[str | None]]] = []
        candidates: list[tuple[str, int, int, str]] = []
        for offset, result in enumerate(results):
            if result.rows is None:
                add_failure(stats, result.group, result.source, result.reason, result.skipped)
                continue
            add_document(stats, result.group)
            reasons = [self._filtered(unit) for unit in result.units]
            seq = meta.first_seq + offset
            candidates += [(u.near, seq, i, u.exact) for i, (u, r) in enumerate(zip(result.units, reasons)) if not r]
            decided.append((result, reasons))
        firsts = zip(candidates, state.first_seen(candidates))
        for result, reasons in decided:
            for unit, reason in zip(result.units, reasons):
                if reason is None:
                    (_, seq, index, _), first = next(firsts)
                    reason = _duplicate(unit, seq, index, first)
                add_unit(stats, result.group, unit, reason)
                if reason is None:
                    self.writer.add(unit.text)
        if meta.fingerprint is not None:
            self.writer.finish()
            self.writer = None
            state.record_shard(meta.shard, meta.fingerprint, stats)

    def _filtered(self, unit: UnitOut) -> str | None:
        if unit.null:
            return "null"
        if self.drop_rules or self.drop_floor is not None:
            for rule, severity in unit.flags:
                if rule in self.drop_rules:
                    return "flag"
                if self.drop_floor is not None and severity in SEVERITIES:
                    if SEVERITIES.index(severity) >= self.drop_floor:
                        return "flag"
        if self.options.min_score is not None and unit.score < self.options.min_score:
            return "min-score"
        return None

    def _write_reports(self, summary: dict) -> None:
        from ..formats.atomic import atomic_output

        with atomic_output(self.out / "summary.json") as f:
            f.write(summary_json(summary))
        with atomic_output(self.out / "report.html") as f:
            f.write(render_html(summary))

    def _finish_line(self, summary: dict, seconds: float) -> None:
        docs, units = summary["documents"], summary["units"]
        rate = docs["inputs"] / seconds if seconds > 0 else 0.0
        bad = f", {docs['bad']} bad" if docs["bad"] else ""
        skipped = f", {docs['skipped']} skipped" if docs["skipped"] else ""
        self.log.write(
            f"hamsu: built {self.out}: {docs['ok']} documents{bad}{skipped}; {units['kept']} of {units['total']}"
            f" units in {summary['shards']['count']} shards ({seconds:.1f} s, {rate:.1f} inputs/s)\n"
        )
        if docs["bad"]:
            self.log.write(f"hamsu: warning: {docs['bad']} inputs could not be read; reasons in "
                           f"{self.out / 'summary.json'}\n")  # fmt: skip


def _duplicate(unit: UnitOut, seq: int, index: int, first: tuple[int, int, str]) -> str | None:
    """None when this unit is the first with its near key; else which kind of duplicate it is
    (exact when its text is the first one's, to the character)."""
    first_seq, first_index, first_exact = first
    if (first_seq, first_index) >= (seq, index):
        return None
    return "exact-duplicate" if first_exact == unit.exact else "near-duplicate"


class _BuildProgress:
    """What a build shows while it runs (hamsu.progress.Progress): articles, articles/s and units
    over a bar of input bytes (ETA by bytes), or the same in plain lines."""

    def __init__(self, mode: str | None, total_bytes: int, log, out: Path) -> None:
        from ..progress import Progress

        self.documents = self.units = self.nbytes = 0
        self.total_bytes, self.out, self.started = total_bytes, out, time.monotonic()
        self.shown = Progress(
            mode, "building", total_bytes, self._line, stream=log,
            detail="{task.fields[documents]:,} articles  {task.fields[rate]:.1f}/s  {task.fields[units]:,} units",
            fields={"documents": 0, "rate": 0.0, "units": 0},
        )  # fmt: skip

    def __enter__(self) -> _BuildProgress:
        self.shown.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shown.__exit__(*exc)

    def advance(self, documents: int, units: int, nbytes: int) -> None:
        self.documents += documents
        self.units += units
        self.nbytes += nbytes
        rate = self.documents / max(time.monotonic() - self.started, 1e-6)
        self.shown.advance(nbytes, documents=self.documents, units=self.units, rate=rate)

    def _line(self, elapsed: float) -> str:
        share = f", {min(100, 100 * self.nbytes // self.total_bytes)}% of the input" if self.total_bytes else ""
        return f"hamsu: building {self.out}: {self.documents:,} articles, {self.units:,} units{share} ({elapsed:.0f} s)"


def options_dict(options: BuildOptions) -> dict:
    return {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(options).items()}
