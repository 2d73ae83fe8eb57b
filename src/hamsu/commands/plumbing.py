"""What every command shares: one-line errors and exit codes, the input-size option, writing
output (to stdout, or atomically to a file) and progress on standard error.

A command is thin over the Python API: it parses its options, calls the API inside guard(),
and writes what comes back with write_output(). Nothing below the command line imports this.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NoReturn

import typer

from ..errors import HamsuError
from ..progress import BAR, LINES, Progress, progress_mode
from ..read.decode import DEFAULT_MAX_INPUT_BYTES, MAX_INPUT_SIZE_MB, MB

__all__ = [
    "BAR",
    "LINES",
    "Progress",
    "fail",
    "guard",
    "max_input_size_option",
    "progress_mode",
    "write_output",
]


def fail(message: str, code: int = 2) -> NoReturn:
    """`hamsu: error: MESSAGE` on standard error, and exit with `code` (2: bad input or options)."""
    from ..terminal import shown

    # A message may quote input (a file name, a glossary term): its control characters are escaped.
    sys.stderr.write(f"hamsu: error: {shown(message)}\n")
    raise typer.Exit(code)


def guard(job: Callable[[], object], max_input_mb: int | None = None, share_units: bool = False) -> None:
    """Run a command's work: a HamsuError is a one-line message and its exit code, never a traceback.
    `max_input_mb`: the --max-input-size the readers apply while the job runs. `share_units`: a
    long document's names and checks may use a second core (hamsu.parallel), as a command alone
    in its process may."""
    from contextlib import nullcontext

    from ..parallel import workers
    from ..read.decode import max_input_size

    limit = DEFAULT_MAX_INPUT_BYTES if max_input_mb is None else max_input_mb * MB
    try:
        with max_input_size(limit), workers() if share_units else nullcontext():
            job()
    except HamsuError as e:
        fail(str(e), e.exit_code)
    except BrokenPipeError:
        sys.stderr.close()
        raise typer.Exit(1) from None


def write_output(chunks: Iterator[str], output: Path | None) -> None:
    """Stream text to stdout, or to `output` so that it appears whole or not at all."""
    from ..formats.atomic import atomic_output

    if output is None:
        out = sys.stdout.buffer
        for chunk in chunks:
            out.write(chunk.encode("utf-8"))
        out.flush()
        return
    with atomic_output(output) as f:
        for chunk in chunks:
            f.write(chunk)


def max_input_size_option():
    """--max-input-size MB, the same on every command that reads whole inputs."""
    return typer.Option(
        DEFAULT_MAX_INPUT_BYTES // MB, "--max-input-size", min=1, max=MAX_INPUT_SIZE_MB, metavar="MB",
        help="Refuse an input larger than this many megabytes, found while reading it.",
    )
