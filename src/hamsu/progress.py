"""Progress on standard error: a Rich bar on a terminal, plain lines with --progress elsewhere.

A bar redraws itself in place, which only a terminal can show; in a log file or a CI job it
would be control codes and, on leaving, a blank line. So there (asked for with --progress) a
command prints one plain line when it starts and then one every PLAIN_EVERY_SECONDS.
"""
from __future__ import annotations

import time

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
