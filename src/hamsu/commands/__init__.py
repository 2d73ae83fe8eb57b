"""The `hamsu` command line: each command thin over the Python API, the plumbing they share once.

    plumbing.py  errors and exit codes, --max-input-size, writing output, progress
    text.py      normalize, align, pair, check, plugins
    store.py     ingest, search, export
    serve.py     serve
    build.py     build

Each module's register(app) only declares its commands, so start-up stays light: a stage (the
store, FastAPI, Dask) loads when its command runs. This is the top layer: nothing in hamsu imports it.
"""
from __future__ import annotations

import atexit
import gc
import importlib
import sys

import typer

from .. import __version__

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="hamsu (همسو): clean, aligned, checked Persian–English parallel text.",
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"hamsu {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """hamsu (همسو): clean, aligned, checked Persian–English parallel text."""


for _module in ("text", "store", "serve", "build"):
    importlib.import_module(f".{_module}", __package__).register(app)


def run() -> None:
    """The `hamsu` script. A usage error (an unknown option, a value out of range) is one line too,
    like every other error, rather than click's usage text and framed message."""
    try:  # Typer 0.22 and later carry their own copy of click
        from typer._click import exceptions as click_errors
    except ImportError:
        from click import exceptions as click_errors

    # A run holds millions of long-lived small objects (word tables, per-sentence keys) and makes
    # few reference cycles: the collector's default pace spends a fifth of a long alignment
    # re-scanning them. Collect less often; memory stays the same (measured on a 10k-sentence pair).
    gc.set_threshold(200_000, 100, 100)
    # As the process ends, the interpreter runs the collector once more over everything still
    # alive (the word tables, a long alignment): a tenth of a second on the 10k-sentence pair,
    # to find cycles whose memory goes back with the process anyway. Frozen objects are skipped.
    atexit.unregister(gc.freeze)  # once, however many times run() is called in one process
    atexit.register(gc.freeze)
    try:
        code = app(standalone_mode=False)
    except click_errors.NoArgsIsHelpError as e:
        if e.format_message().strip():  # `hamsu` alone: its help (Rich has printed it already)
            e.show()
        sys.exit(e.exit_code)
    except click_errors.UsageError as e:
        where = f" (see {e.ctx.command_path} --help)" if e.ctx is not None else ""
        sys.stderr.write(f"hamsu: error: {e.format_message()}{where}\n")
        sys.exit(e.exit_code)
    except click_errors.ClickException as e:
        sys.stderr.write(f"hamsu: error: {e.format_message()}\n")
        sys.exit(e.exit_code)
    except typer.Abort:
        sys.stderr.write("hamsu: aborted\n")
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
