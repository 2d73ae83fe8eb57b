"""`hamsu normalize`, `align`, `pair`, `check` and `plugins`: text in, aligned and checked text out."""
from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from os import PathLike
from pathlib import Path
from typing import IO, TYPE_CHECKING

import typer

from .. import __version__
from ..errors import HamsuError
from .plumbing import fail, guard, max_input_size_option, write_output

if TYPE_CHECKING:
    from ..check.report import CheckedInput


def register(app: typer.Typer) -> None:
    app.command("normalize")(normalize_command)
    app.command("align")(align_command)
    app.command("pair")(pair_command)
    app.command("check")(check_command)
    app.command("plugins")(plugins_command)


def _sources(files: list[Path], encoding: str) -> Iterator[Iterator[str]]:
    """The text of each input, in order, as an iterator of decoded pieces; `-` is standard input."""
    from ..read.decode import decode_chunks, read_chunks

    for path in files or [Path("-")]:
        if str(path) == "-":
            yield decode_chunks(read_chunks(sys.stdin.buffer), "<stdin>", encoding)
            continue
        yield _file_text(path, encoding)


def _file_text(path: Path, encoding: str) -> Iterator[str]:
    from ..read.decode import decode_chunks, open_input, read_chunks

    with open_input(path) as stream:
        yield from decode_chunks(read_chunks(stream), str(path), encoding)


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
    from ..formats.atomic import atomic_output
    from ..persian.normalize import DIGIT_MODES
    from ..persian.stream import normalize_stream

    if digits not in DIGIT_MODES:
        fail(f"--digits must be one of {', '.join(DIGIT_MODES)}, not {digits!r}")
    out = sys.stdout.buffer

    def normalize_all(log: IO[str] | None) -> None:
        import json  # only for --explain

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
        fail(str(e), e.exit_code)
    except BrokenPipeError:
        sys.stderr.close()
        raise typer.Exit(1) from None


def align_command(
    inputs: list[Path] | None = typer.Argument(
        None,
        help="Bilingual files (text laid out like the seed, HTML, JSON lines), or a Persian file and its English;"
        " or WARC crawls and folders of pages, paired first (see `hamsu pair`).",
    ),
    fmt: str = typer.Option("text", "--format", "-f", help="text, beads, tmx, tsv, jsonl, or a plugin's format."),
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
    pairs: Path | None = typer.Option(
        None, "--pairs", help="Align exactly these pages: a TSV of Persian and English sources (`hamsu pair` output)."
    ),
    min_score: float = typer.Option(0.1, "--min-score", help="For crawls paired first: as `hamsu pair --min-score`."),
    progress: bool | None = typer.Option(
        None, "--progress/--no-progress",
        help="Progress on standard error: a bar on a terminal (the default there), else a line every 10 s.",
    ),
) -> None:
    """Split Persian and English into sentences and align them.

    One file may hold both languages in either order (title, paragraphs, boilerplate), or two
    files may hold one language each. Boilerplate is kept out of alignment and shown in the text
    view; sentences without a counterpart become null units. Each unit carries its linked names and
    the flags of `hamsu check` (jsonl fields, TMX props) unless --no-check; a format that carries
    neither (beads) skips that work unless --check asks for it.

    A WARC crawl or a folder of pages is paired first, as `hamsu pair` pairs it, and each pair
    aligned; with --pairs, exactly the listed pairs are aligned (their pages looked up in the
    inputs, or read from the files the list names).
    """
    from ..api import process_paths
    from ..formats import get_writer

    try:
        writer = get_writer(fmt)
    except HamsuError as e:
        fail(str(e), e.exit_code)
    if check is None:  # names and flags cost more than the alignment itself: only where they are written
        check = writer.carries_checks
    paths = inputs or []
    if pairs is not None or crawl_inputs(paths):
        guard(lambda: write_output(writer.write(_paired_checked(paths, pairs, min_score, glossary, check)), output),
              max_input_size)  # fmt: skip
        return
    stages = _stages(progress)

    def job() -> None:
        counts = [0, 0]  # documents, units

        def counted(results):
            for result in results:
                counts[0] += 1
                counts[1] += len(result.alignment.units)
                yield result

        results = counted(process_paths(paths, pair, presplit, encoding, glossary, check, stages))
        write_output(writer.write(results), output)
        stages.finish(f"aligned {counts[0]:,} document{'s' if counts[0] != 1 else ''}, {counts[1]:,} units")

    try:
        guard(job, max_input_size, share_units=True)
    finally:
        stages.finish_quietly()


def _stages(requested: bool | None):
    """Progress through a long job's stages (hamsu.progress.Stages): a bar on a terminal unless
    --no-progress, plain lines elsewhere with --progress, else nothing."""
    from ..progress import Stages, progress_mode

    return Stages(progress_mode(requested, sys.stderr))


def crawl_inputs(paths: list[Path]) -> bool:
    """Inputs to pair before aligning: crawls (the reader table's, e.g. WARC) and folders of pages."""
    from ..read.table import is_crawl

    return any(p.is_dir() or is_crawl(p) for p in paths)


def _paired_checked(paths: list[Path], pairs: Path | None, min_score: float, glossary: Path | None, check: bool):
    """Each pair of pages of the inputs (found by `hamsu pair`, or listed in `pairs`) aligned and checked."""
    from ..pair import crawl_documents
    from ..pipeline import process_document

    loaded = None
    if glossary is not None:
        from ..check import load_glossary

        loaded = load_glossary(glossary)
    documents = crawl_documents([str(p) for p in paths], str(pairs) if pairs else None, min_score,
                                lambda line: sys.stderr.write(line + "\n"))  # fmt: skip
    for document in documents:
        yield process_document(document, glossary=loaded, check=check)


PAIR_FORMATS = ("tsv", "jsonl")


def pair_command(
    inputs: list[Path] = typer.Argument(
        ..., help="WARC files (.warc, .warc.gz), folders of pages, or JSON lines {url, text, lang?}."
    ),
    fmt: str = typer.Option("tsv", "--format", "-f", help="tsv (fa, en, score) or jsonl (with the evidence)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here (atomically), not to stdout."),
    min_score: float = typer.Option(
        0.1, "--min-score", help="Pairs scoring below this (0 to 1) are left unpaired.", show_default=True
    ),
    unpaired: Path | None = typer.Option(
        None, "--unpaired", help="List the pages left without a pair here (TSV: source, language, reason)."
    ),
) -> None:
    """Find which English page translates which Persian page in a crawl or folders of pages.

    Reads HTML responses of WARC crawls (revisits and non-200 responses skipped), folders of saved
    pages (one folder holding both languages, or a Persian and an English folder), or JSON lines.
    Site boilerplate is removed, each page's language identified (pages in other languages are set
    aside), and pages are paired one-to-one by shared numbers, dates across calendars, names and
    dictionary-translated words, with length, publication dates and URLs as hints. Each page is in
    at most one pair. Sources are URLs (WARC, JSON lines with a url), file paths, or FILE:LINE.
    """
    from ..formats.atomic import atomic_output
    from ..pair import pair_inputs, pairs_jsonl, pairs_tsv, summary, unpaired_tsv

    if fmt not in PAIR_FORMATS:
        fail(f"--format must be one of {', '.join(PAIR_FORMATS)}, not {fmt!r}")
    if not 0.0 <= min_score <= 1.0:
        fail(f"--min-score must be between 0 and 1, not {min_score}")

    def progress(message: str) -> None:
        sys.stderr.write(f"hamsu pair: {message}\n")

    def job() -> None:
        reading, pairing = pair_inputs([str(p) for p in inputs], min_score, progress)
        for warning in reading.warnings:
            sys.stderr.write(f"hamsu: warning: {warning}\n")
        writer = pairs_tsv if fmt == "tsv" else pairs_jsonl
        if unpaired is not None:
            with atomic_output(unpaired) as f:
                for line in unpaired_tsv(reading.unpaired + pairing.unpaired):
                    f.write(line)
        write_output(writer(pairing.pairs), output)
        for line in summary(reading, pairing):
            sys.stderr.write(f"hamsu pair: {line}\n")

    guard(job)


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
    from ..check.report import FORMATS, write_report
    from ..records import SEVERITIES

    if fmt not in FORMATS:
        fail(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if fail_on is not None and fail_on not in SEVERITIES:
        fail(f"--fail-on must be one of {', '.join(SEVERITIES)}, not {fail_on!r}")
    if aligned is not None and inputs:
        fail("give either documents or --aligned FA EN, not both")
    if aligned is None and not inputs:
        fail("nothing to check: give documents, or --aligned FA EN")
    state: dict = {}

    def job() -> None:
        results = check_inputs(inputs or [], aligned, glossary, pair, presplit, encoding)
        write_output(write_report(results, fmt, names, state), output)

    guard(job, max_input_size, share_units=True)
    summary = state["summary"]
    sys.stderr.write(summary.line() + "\n")
    if fail_on is not None and summary.reaches(fail_on):
        raise typer.Exit(1)


def plugins_command() -> None:
    """List the readers, output formats and check rules hamsu has, and the package of each.

    hamsu's own come first; other packages add theirs through entry points (the groups
    hamsu.readers, hamsu.formats and hamsu.rules). A plugin that cannot be loaded is one warning
    line on standard error, and the others are listed.
    """
    from ..check import BUILTIN_RULES, RULES
    from ..formats import writers
    from ..formats.units import BUILTIN_WRITERS
    from ..plugins import packages_by_name
    from ..read.table import BUILTIN_READERS, readers

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


def check_inputs(
    paths: Sequence[str | PathLike[str]],
    aligned: tuple[str | PathLike[str], str | PathLike[str]] | None = None,
    glossary: str | PathLike[str] | None = None,
    pair: bool | None = None,
    presplit: bool = False,
    encoding: str = "utf-8",
) -> Iterator[CheckedInput]:
    """Every input document aligned (unless it already is), its names linked and its units checked."""
    from ..api import read_documents
    from ..check import load_glossary
    from ..check.report import CheckedInput
    from ..pipeline import check_document, process_document
    from ..read.aligned import is_aligned_jsonl, read_aligned_files, read_aligned_jsonl
    from ..read.files import read_text_file
    from ..read.table import JsonlReader, reader_by_suffix

    loaded = load_glossary(glossary) if glossary is not None else None
    if aligned is not None:
        yield CheckedInput(check_document(read_aligned_files(*aligned, encoding), loaded))
        return
    texts = {p: read_text_file(p, encoding) for p in paths if isinstance(reader_by_suffix(p), JsonlReader)}
    aligned_jsonl = {p for p, text in texts.items() if is_aligned_jsonl(text)}
    if not aligned_jsonl:
        for document in read_documents(paths, pair, presplit, encoding):
            yield CheckedInput(process_document(document, presplit=presplit, glossary=loaded))
        return
    for path in paths:
        if path in aligned_jsonl:
            for read in read_aligned_jsonl(texts[path], str(path)):
                yield CheckedInput(check_document(read.alignment, loaded), read)
        else:
            for document in read_documents([path], False, presplit, encoding):
                yield CheckedInput(process_document(document, presplit=presplit, glossary=loaded))
