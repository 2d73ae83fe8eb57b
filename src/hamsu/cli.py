"""The `hamsu` command line: thin over the Python API, with one-line errors and exit codes."""
from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import typer

from . import __version__
from .errors import HamsuError, InputError
from .read.decode import DEFAULT_MAX_INPUT_BYTES, MAX_INPUT_SIZE_MB, MB

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="hamsu (همسو): clean, aligned, checked Persian–English parallel text.",
    pretty_exceptions_enable=False,
)


def max_input_size_option():
    """--max-input-size MB, the same on every command that reads whole inputs."""
    return typer.Option(
        DEFAULT_MAX_INPUT_BYTES // MB, "--max-input-size", min=1, max=MAX_INPUT_SIZE_MB, metavar="MB",
        help="Refuse an input larger than this many megabytes, found while reading it.",
    )


def _fail(message: str, code: int = 2) -> None:
    from .terminal import shown

    # A message may quote input (a file name, a glossary term): its control characters are escaped.
    sys.stderr.write(f"hamsu: error: {shown(message)}\n")
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


def _sources(files: list[Path], encoding: str) -> Iterator[Iterator[str]]:
    """The text of each input, in order, as an iterator of decoded pieces; `-` is standard input."""
    from .read.decode import decode_chunks, read_chunks

    for path in files or [Path("-")]:
        if str(path) == "-":
            yield decode_chunks(read_chunks(sys.stdin.buffer), "<stdin>", encoding)
            continue
        yield _file_text(path, encoding)


def _file_text(path: Path, encoding: str) -> Iterator[str]:
    from .read.decode import decode_chunks, read_chunks

    try:
        stream = open(path, "rb")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None
    with stream:
        yield from decode_chunks(read_chunks(stream), str(path), encoding)


@app.command("normalize")
def normalize_command(
    files: list[Path] | None = typer.Argument(None, help="Files to read, or - (default: standard input)."),
    digits: str = typer.Option("keep", "--digits", help="Digits: keep, fa (Persian ۰-۹) or ascii (0-9)."),
    strip_diacritics: bool = typer.Option(False, "--strip-diacritics", help="Remove Arabic diacritics (harakat)."),
    explain: Path | None = typer.Option(
        None, "--explain", help="Write one JSON line per change to this file (line, offset, before, after, rule)."
    ),
    encoding: str = typer.Option("utf-8", "--encoding", help="Input encoding (e.g. windows-1256)."),
) -> None:
    """Normalize Persian text: letters, spaces, punctuation and half-spaces (ZWNJ).

    Writes exactly one output line per input line to standard output.

    Each file is normalized on its own; one whose last line lacks a line break gets one if a file follows.

    Line numbers in --explain count through all the inputs, as the lines appear on the output.
    """
    from .formats.atomic import atomic_output
    from .persian.normalize import DIGIT_MODES
    from .persian.stream import normalize_stream

    if digits not in DIGIT_MODES:
        _fail(f"--digits must be one of {', '.join(DIGIT_MODES)}, not {digits!r}")
    out = sys.stdout.buffer

    def normalize_all(log: IO[str] | None) -> None:
        lines_before = 0  # lines of the inputs already written
        open_line = False  # the last input written ended without a line break
        for texts in _sources(files or [], encoding):
            first_line = lines_before  # normalize_stream numbers each input's lines from 1
            last = ""
            for text, changes in normalize_stream(texts, digits, strip_diacritics, log is not None):
                if not text:
                    continue
                if open_line:
                    out.write(b"\n")
                    open_line = False
                out.write(text.encode("utf-8"))
                for c in changes:
                    record = c.as_dict()
                    record["line"] += first_line
                    log.write(json.dumps(record, ensure_ascii=False) + "\n")
                lines_before += text.count("\n")
                last = text[-1]
            if last and last != "\n":
                lines_before += 1
                open_line = True

    try:
        if explain is None:
            normalize_all(None)
        else:
            with atomic_output(explain) as log:
                normalize_all(log)
        out.flush()
    except HamsuError as e:
        out.flush()
        _fail(str(e), e.exit_code)
    except BrokenPipeError:
        sys.stderr.close()
        raise typer.Exit(1) from None


@app.command("align")
def align_command(
    inputs: list[Path] = typer.Argument(
        ..., help="Bilingual files (text laid out like the seed, HTML, JSON lines), or a Persian file and its English."
    ),
    fmt: str = typer.Option("text", "--format", "-f", help="text, beads, jsonl, tsv, tmx, or a plugin's format."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here (atomically), not to stdout."),
    pair: bool | None = typer.Option(
        None, "--pair/--no-pair", help="The two inputs are a Persian file and its English translation (default: guess)."
    ),
    presplit: bool = typer.Option(False, "--presplit", help="Inputs hold one sentence a line."),
    encoding: str = typer.Option("utf-8", "--encoding", help="Input encoding (e.g. windows-1256)."),
    glossary: Path | None = typer.Option(None, "--glossary", help="Glossary (TSV, CSV or TBX) for the glossary check."),
    check: bool | None = typer.Option(
        None,
        "--check/--no-check",
        help="Link names and run the checks (default: on, except for beads, which cannot carry them).",
    ),
    max_input_size: int = max_input_size_option(),
) -> None:
    """Split Persian and English into sentences and align them.

    One file may hold both languages in either order (title, paragraphs, boilerplate), or two
    files may hold one language each. Boilerplate is kept out of alignment and shown in the text
    view; sentences without a counterpart become null units. Each unit carries its linked names and
    the flags of `hamsu check` (jsonl fields, TMX props) unless --no-check; a format that carries
    neither (beads) skips that work unless --check asks for it.
    """
    from .api import process_paths
    from .formats import get_writer

    try:
        writer = get_writer(fmt)
    except HamsuError as e:
        _fail(str(e), e.exit_code)
    if check is None:  # names and flags cost more than the alignment itself: only where they are written
        check = writer.carries_checks
    _guard(
        lambda: _write(writer.write(process_paths(inputs, pair, presplit, encoding, glossary, check)), output),
        max_input_size,
    )


def _guard(job, max_input_mb: int | None = None) -> None:
    """Run a command's work: a HamsuError is a one-line message and its exit code, never a traceback.
    `max_input_mb`: the --max-input-size the readers apply while the job runs."""
    from .read.decode import max_input_size

    limit = DEFAULT_MAX_INPUT_BYTES if max_input_mb is None else max_input_mb * MB
    try:
        with max_input_size(limit):
            job()
    except HamsuError as e:
        _fail(str(e), e.exit_code)
    except BrokenPipeError:
        sys.stderr.close()
        raise typer.Exit(1) from None


@app.command("check")
def check_command(
    inputs: list[Path] | None = typer.Argument(
        None, help="Documents as `align` reads them, or the JSON lines `align --format jsonl` writes."
    ),
    aligned: tuple[Path, Path] | None = typer.Option(
        None, "--aligned", help="FA EN: two files already aligned, line i with line i.", metavar="FA EN"
    ),
    glossary: Path | None = typer.Option(
        None, "--glossary", help="Glossary (TSV, CSV or TBX): required and forbidden renderings."
    ),
    fmt: str = typer.Option("text", "--format", "-f", help="text or jsonl (one object per flag)."),
    fail_on: str | None = typer.Option(
        None, "--fail-on", help="Exit 1 when a flag is this severe or worse: info, minor, warning, major, critical."
    ),
    names: bool = typer.Option(False, "--names", help="Print each document's name table instead of the flags."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here (atomically), not to stdout."),
    pair: bool | None = typer.Option(
        None, "--pair/--no-pair", help="The two inputs are a Persian file and its English."
    ),
    presplit: bool = typer.Option(False, "--presplit", help="Inputs hold one sentence a line."),
    encoding: str = typer.Option("utf-8", "--encoding", help="Input encoding (e.g. windows-1256)."),
    max_input_size: int = max_input_size_option(),
) -> None:
    """Link names across the languages and flag translation problems.

    Checks numbers, dates, names, omissions and additions, untranslated text, punctuation, a
    glossary, and consistency across the documents. Spans are [start, end) character offsets into
    the input (for aligned JSON lines: into the unit's "fa" / "en" strings, with its line number).
    With --fail-on, exits 1 when a flag reaches that severity, so it can gate a pipeline.
    """
    from .check.report import FORMATS, check_inputs, write_report
    from .records import SEVERITIES

    if fmt not in FORMATS:
        _fail(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if fail_on is not None and fail_on not in SEVERITIES:
        _fail(f"--fail-on must be one of {', '.join(SEVERITIES)}, not {fail_on!r}")
    if aligned is not None and inputs:
        _fail("give either documents or --aligned FA EN, not both")
    if aligned is None and not inputs:
        _fail("nothing to check: give documents, or --aligned FA EN")
    state: dict = {}

    def job() -> None:
        results = check_inputs(inputs or [], aligned, glossary, pair, presplit, encoding)
        _write(write_report(results, fmt, names, state), output)

    _guard(job, max_input_size)
    summary = state["summary"]
    sys.stderr.write(summary.line() + "\n")
    if fail_on is not None and summary.reaches(fail_on):
        raise typer.Exit(1)


def _write(chunks: Iterator[str], output: Path | None) -> None:
    """Stream text to stdout, or to `output` so that it appears whole or not at all."""
    from .formats.atomic import atomic_output

    if output is None:
        out = sys.stdout.buffer
        for chunk in chunks:
            out.write(chunk.encode("utf-8"))
        out.flush()
        return
    with atomic_output(output) as f:
        for chunk in chunks:
            f.write(chunk)


@app.command("plugins")
def plugins_command() -> None:
    """List the readers, output formats and check rules hamsu has, and the package of each.

    hamsu's own come first; other packages add theirs through entry points (the groups
    hamsu.readers, hamsu.formats and hamsu.rules). A plugin that cannot be loaded is one warning
    line on standard error, and the others are listed.
    """
    from .check import BUILTIN_RULES, RULES
    from .formats import writers
    from .formats.units import BUILTIN_WRITERS
    from .plugins import packages_by_name
    from .read.table import BUILTIN_READERS, readers

    own = f"hamsu {__version__}"
    for title, group, table, builtin in (
        ("readers", "hamsu.readers", readers(), BUILTIN_READERS),
        ("formats", "hamsu.formats", writers(), BUILTIN_WRITERS),
        ("rules", "hamsu.rules", RULES, BUILTIN_RULES),
    ):
        hamsus = {item.name for item in builtin}
        packages = packages_by_name(group)
        typer.echo(f"{title}:")
        width = max(map(len, table))
        for name, item in table.items():
            source = own if name in hamsus else packages.get(name, "?")
            typer.echo(f"  {name:<{width}}  {source:<24}  {item.description}")


# Commands that live with their stage register themselves here; each module's register(app)
# only declares the command, so start-up stays light (the stage loads when the command runs).
_STAGE_COMMANDS: tuple[str, ...] = (
    "store.commands",
    "serve.commands",
    "build.commands",
)
for _module in _STAGE_COMMANDS:
    importlib.import_module(f".{_module}", __package__).register(app)


def run() -> None:
    """The `hamsu` script. A usage error (an unknown option, a value out of range) is one line too,
    like every other error, rather than click's usage text and framed message."""
    try:  # Typer 0.22 and later carry their own copy of click
        from typer._click import exceptions as click_errors
    except ImportError:
        from click import exceptions as click_errors

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
