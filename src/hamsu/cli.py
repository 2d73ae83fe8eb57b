"""The `hamsu` command line: thin over the Python API, with one-line errors and exit codes."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Optional

import typer

from . import __version__
from .errors import HamsuError, InputError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="hamsu (همسو): clean, aligned, checked Persian–English parallel text.",
    pretty_exceptions_enable=False,
)


def _fail(message: str, code: int = 2) -> None:
    sys.stderr.write(f"hamsu: error: {message}\n")
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"hamsu {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """hamsu (همسو): clean, aligned, checked Persian–English parallel text."""


def _input_texts(files: list[Path], encoding: str) -> Iterator[str]:
    from .read.decode import decode_chunks, read_chunks

    if not files or files == [Path("-")]:
        yield from decode_chunks(read_chunks(sys.stdin.buffer), "<stdin>", encoding)
        return
    for path in files:
        if str(path) == "-":
            yield from decode_chunks(read_chunks(sys.stdin.buffer), "<stdin>", encoding)
            continue
        try:
            stream = open(path, "rb")
        except FileNotFoundError:
            raise InputError(f"{path}: no such file") from None
        except IsADirectoryError:
            raise InputError(f"{path}: is a directory") from None
        except PermissionError:
            raise InputError(f"{path}: permission denied") from None
        with stream:
            yield from decode_chunks(read_chunks(stream), str(path), encoding)


@app.command("normalize")
def normalize_command(
    files: Optional[list[Path]] = typer.Argument(None, help="Files to read (default: standard input)."),
    digits: str = typer.Option("keep", "--digits", help="Digits: keep, fa (Persian ۰-۹) or ascii (0-9)."),
    strip_diacritics: bool = typer.Option(False, "--strip-diacritics", help="Remove Arabic diacritics (harakat)."),
    explain: Optional[Path] = typer.Option(None, "--explain", help="Write one JSON line per change to this file."),
    encoding: str = typer.Option("utf-8", "--encoding", help="Input encoding (e.g. windows-1256)."),
) -> None:
    """Normalize Persian text: letters, spaces, punctuation and half-spaces (ZWNJ).

    Writes exactly one output line per input line to standard output.
    """
    from .formats.atomic import atomic_output
    from .persian.normalize import DIGIT_MODES
    from .persian.stream import normalize_stream

    if digits not in DIGIT_MODES:
        _fail(f"--digits must be one of {', '.join(DIGIT_MODES)}, not {digits!r}")
    out = sys.stdout.buffer
    try:
        batches = normalize_stream(_input_texts(files or [], encoding), digits, strip_diacritics, explain is not None)
        if explain is None:
            for text, _ in batches:
                out.write(text.encode("utf-8"))
        else:
            with atomic_output(explain) as log:
                for text, changes in batches:
                    out.write(text.encode("utf-8"))
                    log.writelines(json.dumps(c.as_dict(), ensure_ascii=False) + "\n" for c in changes)
        out.flush()
    except HamsuError as e:
        out.flush()
        _fail(str(e), e.exit_code)
    except BrokenPipeError:
        sys.stderr.close()
        raise typer.Exit(1) from None


def run() -> None:
    app()
