"""Progress on standard error: a Rich bar on a terminal, plain lines with --progress elsewhere.

A bar redraws itself in place, which only a terminal can show; in a log file or a CI job it
would be control codes and, on leaving, a blank line. So there (asked for with --progress) a
command prints one plain line when it starts and then one every PLAIN_EVERY_SECONDS.
"""
from __future__ import annotations

import sys
import time
from collections.abc import Callable

BAR, LINES = "bar", "lines"
PLAIN_EVERY_SECONDS = 10.0


def progress_mode(requested: bool | None, stream) -> str | None:
    """BAR on a terminal unless --no-progress; LINES with --progress on anything else; else None."""
    if requested is False:
        return None
    if stream.isatty():
        return BAR
    return LINES if requested else None


class Every:
    """Says when a plain progress line is due: the first time asked, then every `seconds`."""

    def __init__(self, seconds: float | None = None) -> None:
        self.seconds = PLAIN_EVERY_SECONDS if seconds is None else seconds
        self.started = time.monotonic()
        self.last: float | None = None

    def due(self) -> bool:
        now = time.monotonic()
        if self.last is not None and now - self.last < self.seconds:
            return False
        self.last = now
        return True

    def elapsed(self) -> float:
        return time.monotonic() - self.started


class Progress:
    """Progress on standard error, one class for every command: a Rich bar on a terminal (BAR),
    a plain line at the start and then every PLAIN_EVERY_SECONDS elsewhere (LINES), or nothing.
    Errors print above the bar, so it is not torn.

    `label` heads the bar; `total` is what the bar fills to (inputs, or bytes); `line(elapsed)` is
    the text of a plain line; `detail`, a Rich format of the task's fields (`advance(**fields)`),
    stands in the bar for "done of total" and adds an ETA.
    """

    def __init__(self, mode: str | None, label: str, total: int, line: Callable[[float], str],
                 detail: str | None = None, fields: dict | None = None, stream=None) -> None:  # fmt: skip
        self.mode, self.label, self.total, self.line, self.detail = mode, label, total, line, detail
        self.fields = fields or {}
        self.stream = sys.stderr if stream is None else stream
        self.done = 0  # the sum of the amounts advanced
        self.bar = None
        self.task = None
        self.every: Every | None = None

    def __enter__(self) -> Progress:
        if self.mode == LINES:
            self.every = Every()
            self._line()
        elif self.mode == BAR:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )
            from rich.progress import Progress as Bar

            if self.detail is None:
                columns = [TextColumn(self.label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
            else:
                columns = [TextColumn(self.label), BarColumn(), TextColumn(self.detail), TimeElapsedColumn(),
                           TextColumn("ETA"), TimeRemainingColumn()]  # fmt: skip
            self.bar = Bar(*columns, console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task(self.label, total=max(self.total, 1), **self.fields)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def advance(self, amount: int = 1, **fields: object) -> None:
        self.done += amount
        if self.bar is not None:
            self.bar.update(self.task, advance=amount, **fields)
        self._line()

    def _line(self) -> None:
        if self.every is None or not self.every.due():
            return
        self.stream.write(self.line(self.every.elapsed()) + "\n")
        self.stream.flush()

    def error(self, message: str) -> None:
        """`hamsu: error: MESSAGE` (control characters shown escaped), above the bar if there is one."""
        from .terminal import shown

        line = f"hamsu: error: {shown(message)}"
        if self.bar is not None:
            self.bar.console.print(line, markup=False, highlight=False)
        else:
            self.stream.write(line + "\n")


class Stages:
    """Progress through the stages of one long job (reading, splitting, aligning, checking,
    writing) on standard error: a Rich bar on a terminal, a plain line when a stage starts and then
    every PLAIN_EVERY_SECONDS elsewhere. Called as `progress(stage, done, total)` (total 0: not
    known yet); `finish(line)` prints the summary with the time taken.

    On a terminal a short job shows nothing: the bar (and Rich, which takes a while to import)
    only comes once the job has run BAR_AFTER_SECONDS, and the summary only after a job that had
    a bar or asked for plain lines."""

    BAR_AFTER_SECONDS = 0.5

    def __init__(self, mode: str | None, stream=None, every: float | None = None) -> None:
        self.mode = mode
        self.stream = stream if stream is not None else sys.stderr
        self.every = Every(every)
        self.stage: str | None = None
        self.bar = self.task = None
        self.shown = False  # a bar was shown, or plain lines asked for

    def _start_bar(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.bar = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=Console(file=self.stream), transient=True,
        )  # fmt: skip
        self.bar.start()
        self.shown = True

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.mode == BAR:
            if self.bar is None and self.every.elapsed() >= self.BAR_AFTER_SECONDS:
                self._start_bar()
            if self.bar is not None:
                if stage != self.stage or self.task is None:
                    if self.task is not None:
                        self.bar.remove_task(self.task)
                    self.task = self.bar.add_task(stage, total=total or None)
                self.bar.update(self.task, completed=done, total=total or None)
        elif self.mode == LINES and (self.every.due() | (stage != self.stage)):  # due() restarts the wait too
            count = f"{done:,} of {total:,} ({done / total:.0%})" if total else f"{done:,}"
            self.stream.write(f"hamsu: {stage}: {count}, {self.every.elapsed():.0f} s\n")
            self.stream.flush()
            self.shown = True
        self.stage = stage

    def finish_quietly(self) -> None:
        """Close the bar, if it is still shown (the job failed), printing nothing."""
        if self.bar is not None:
            self.bar.stop()
            self.bar = None
        self.mode = None

    def finish(self, summary: str) -> None:
        """Close the bar and print `summary` with the time taken, if progress was shown."""
        shown = self.shown and self.mode is not None
        self.finish_quietly()
        if shown:
            self.stream.write(f"hamsu: {summary} in {self.every.elapsed():.1f} s\n")
            self.stream.flush()
