"""`hamsu ingest`, `hamsu search` and `hamsu export`: the corpus store on the command line.

register(app) only declares the commands; the store, the pipeline and Rich load when one runs,
so `hamsu --help` stays fast (even sqlite3 is imported inside the commands).
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import typer

from ..read.decode import DEFAULT_MAX_INPUT_BYTES, MAX_INPUT_SIZE_MB, MB

STATUSES = ("added", "replaced", "unchanged", "failed")
# store.search's bounds, repeated here so that the command line loads no store code at start-up.
MAX_LIMIT = 100
MAX_OFFSET = 1 << 40  # store.search.MAX_OFFSET, not imported here: this module loads at every start


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)
    app.command("search")(search_command)
    app.command("export")(export_command)


def _open(corpus: Path, readonly: bool):
    from ..errors import HamsuError
    from ..store import open_store
    from .plumbing import fail

    try:
        return open_store(corpus, readonly=readonly)
    except HamsuError as e:
        fail(str(e), e.exit_code)


def ingest_command(
    corpus: Path = typer.Argument(..., help="The corpus file (SQLite); created when missing."),
    inputs: list[Path] | None = typer.Argument(
        None,
        help="Bilingual files: text laid out like the seed, HTML, JSON lines; or WARC crawls and folders of pages,"
        " paired first (see `hamsu pair`).",
    ),
    glossary: Path | None = typer.Option(None, "--glossary", help="A TSV, CSV or TBX glossary for the checks."),
    pair: bool = typer.Option(False, "--pair", help="The inputs are Persian and English files, two by two."),
    presplit: bool = typer.Option(False, "--presplit", help="Inputs hold one sentence a line."),
    encoding: str = typer.Option("utf-8", "--encoding", help="Input encoding (e.g. windows-1256)."),
    force: bool = typer.Option(
        False, "--force", help="Align and check every document again, even if stored unchanged."
    ),
    max_input_size: int = typer.Option(
        DEFAULT_MAX_INPUT_BYTES // MB, "--max-input-size", min=1, max=MAX_INPUT_SIZE_MB, metavar="MB",
        help="Refuse an input larger than this many megabytes, found while reading it.",
    ),
    progress: bool | None = typer.Option(
        None, "--progress/--no-progress",
        help="Progress on standard error: a bar on a terminal (the default there), else a line every 10 s.",
    ),
    pairs: Path | None = typer.Option(
        None, "--pairs", help="Store exactly these pairs of pages: a TSV of Persian and English sources (`hamsu pair`)."
    ),
) -> None:
    """Read, normalize, align and check documents, and store them in a corpus.

    A document already stored is skipped ("unchanged"); one stored under the same key (its
    JSON-lines id, else its file's resolved absolute path) with other content is replaced, in one
    transaction. A file that cannot be read, or a malformed JSON line, is reported (FILE or
    FILE:LINE) and the others still go in; the exit status is then 1.
    A WARC crawl or a folder of pages is paired first (as `hamsu pair` pairs it), and each pair
    stored as a document named "FA + EN"; with --pairs, exactly the listed pairs are.
    """
    import sqlite3

    from ..errors import HamsuError
    from ..read.decode import max_input_size as input_limit
    from .plumbing import fail

    inputs = inputs or []
    from .text import crawl_inputs

    crawl = pairs is not None or crawl_inputs(inputs)
    if crawl:
        try:
            from ..pair import crawl_documents

            documents = crawl_documents([str(p) for p in inputs], str(pairs) if pairs else None,
                                        log=lambda line: sys.stderr.write(line + "\n"))  # fmt: skip
            groups = [(doc,) for doc in documents]
        except HamsuError as e:
            fail(str(e), e.exit_code)
    elif not inputs:
        fail("no input files")
    if pair and len(inputs) % 2:
        fail(f"--pair takes Persian and English files two by two, not {len(inputs)} files")
    loaded = None
    if glossary is not None:
        from ..check import load_glossary

        try:
            loaded = load_glossary(glossary)
        except HamsuError as e:
            fail(str(e), e.exit_code)
    store = _open(corpus, readonly=False)
    counts: Counter = Counter()
    if not crawl:
        groups = [tuple(inputs[i : i + 2]) for i in range(0, len(inputs), 2)] if pair else [(p,) for p in inputs]
    interrupted = False
    from .plumbing import Progress, progress_mode

    def line(elapsed: float) -> str:
        stored = ", ".join(f"{counts[s]:,} {s}" for s in STATUSES)
        return f"hamsu: ingesting into {corpus}: {shown.done} of {len(groups)} inputs; {stored} ({elapsed:.0f} s)"

    shown = Progress(progress_mode(progress, sys.stderr), "ingest", len(groups), line)
    with store, shown, input_limit(max_input_size * MB):
        try:
            for group in groups:
                _ingest_group(store, group, shown, counts, loaded, presplit, encoding, force)
                shown.advance()
        except KeyboardInterrupt:
            interrupted = True  # every document stored so far is complete: say what went in
        except sqlite3.Error as e:
            shown.error(f"{corpus}: {e}")
            counts["failed"] += 1
    summary = ", ".join(f"{counts[s]} {s}" for s in STATUSES)
    sys.stderr.write(f"hamsu: {corpus}: {summary}{' (interrupted)' if interrupted else ''}\n")
    if interrupted:
        raise typer.Exit(130)
    if counts["failed"]:
        raise typer.Exit(1)


def _ingest_group(store, group, progress, counts, glossary, presplit, encoding, force) -> None:
    from ..errors import HamsuError
    from ..pipeline import process_document
    from ..read import read_pair_paths, read_path, require_both_languages
    from ..records import Document
    from ..store.ingest import file_key

    def bad_line(error: HamsuError) -> None:
        # A malformed JSON line is one failed document: the file's good lines still go in.
        progress.error(str(error))
        counts["failed"] += 1

    try:
        if len(group) == 1 and isinstance(group[0], Document):  # a pair of pages, read already
            documents = [group[0]]
        elif len(group) == 2:
            documents = [read_pair_paths(group[0], group[1], encoding, presplit, require_both=False)]
        else:
            documents = read_path(group[0], encoding, presplit, require_both=False, on_bad_line=bad_line)
    except HamsuError as e:
        progress.error(str(e))
        counts["failed"] += 1
        return
    for document in documents:
        try:
            require_both_languages(document)
            key = file_key(document)
            if not force and store.is_current(document, key):
                counts["unchanged"] += 1
                continue
            checked = process_document(document, presplit=presplit, glossary=glossary)
            counts[store.ingest(checked, force=force, key=key)] += 1
        except HamsuError as e:
            progress.error(str(e))
            counts["failed"] += 1


def search_command(
    corpus: Path = typer.Argument(..., help="The corpus file."),
    query: str = typer.Argument(..., help='Words (all must match), "a phrase", prefix*, a OR b.'),
    lang: str | None = typer.Option(None, "--lang", help="Search the fa or en side only (default: both)."),
    limit: int = typer.Option(20, "--limit", "-n", min=1, max=MAX_LIMIT, help="Hits to show (at most 100)."),
    offset: int = typer.Option(0, "--offset", min=0, max=MAX_OFFSET, help="Skip this many hits (the next page)."),
    fmt: str = typer.Option("text", "--format", "-f", help="text or jsonl (one object per hit)."),
) -> None:
    """Search the corpus: each hit with its aligned counterpart.

    Persian matches whatever the letter forms, diacritics, digits and half-spaces (سليماني,
    سلیمانی‌ها and سلیمانیها all find سلیمانی); English matches inflected forms (visits, visited);
    a name in Latin letters also finds the units that write it in Persian (Soleimani).
    """
    import sqlite3

    from ..errors import HamsuError
    from ..store.search import search
    from .plumbing import fail

    if fmt not in ("text", "jsonl"):
        fail(f"--format must be text or jsonl, not {fmt!r}")
    if lang not in (None, "fa", "en"):
        fail(f"--lang must be fa or en, not {lang!r}")
    store = _open(corpus, readonly=True)
    try:
        with store:
            result = search(store.conn, query, lang=lang, limit=limit, offset=offset)
    except HamsuError as e:
        fail(str(e), e.exit_code)
    except sqlite3.Error as e:
        fail(f"{corpus}: {e}")
    try:
        _print_hits(result, fmt, offset)
    except BrokenPipeError:
        sys.stderr.close()
        raise typer.Exit(1) from None


def _print_hits(result, fmt: str, offset: int) -> None:
    import json
    from dataclasses import asdict

    out = sys.stdout
    if fmt == "jsonl":
        for hit in result.hits:
            out.write(json.dumps(asdict(hit), ensure_ascii=False) + "\n")
        out.flush()
        return
    from ..terminal import shown

    color = out.isatty()
    for n, hit in enumerate(result.hits, offset + 1):
        flags = f"  flags: {', '.join(hit.flags)}" if hit.flags else ""
        out.write(f"[{n}] {shown(hit.doc_key)} #{hit.unit_idx}  score {hit.score:.2f}{flags}\n")
        out.write(f"  fa: {_marked(hit.fa, hit.fa_marks, color) or '—'}\n")
        out.write(f"  en: {_marked(hit.en, hit.en_marks, color) or '—'}\n")
    out.flush()
    names = f" (names: {shown(', '.join(result.names))})" if result.names else ""
    shown = f"hits {offset + 1}–{offset + len(result.hits)}" if result.hits else "no hits"
    sys.stderr.write(f"hamsu: {shown}{', more follow' if result.more else ''}{names}\n")


def _marked(text: str, marks, color: bool) -> str:
    """The text with its control characters escaped (hamsu.terminal), the matches in colour on a
    terminal: the only escape sequences printed are hamsu's own."""
    from ..terminal import shown

    if not color or not marks:
        return shown(text)
    out, last = [], 0
    for start, end in marks:
        out += [shown(text[last:start]), "\x1b[1;33m", shown(text[start:end]), "\x1b[0m"]
        last = end
    return "".join(out) + shown(text[last:])


def export_command(
    corpus: Path = typer.Argument(..., help="The corpus file."),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="tmx, tsv or jsonl (also text, beads, a plugin's)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here (atomically), not to stdout."),
    query: str | None = typer.Option(None, "--query", "-q", help="Only the units this search matches."),
    lang: str | None = typer.Option(None, "--lang", help="With --query: search the fa or en side only."),
    doc: list[str] | None = typer.Option(None, "--doc", help="Only this document (its key); may be repeated."),
) -> None:
    """Write the corpus, some documents, or the units a search matches, as TMX, TSV or JSON lines."""
    import sqlite3

    from ..errors import HamsuError
    from ..formats import get_writer
    from ..store.export import export_corpus
    from ..store.search import search_unit_ids
    from .plumbing import fail, write_output

    try:
        get_writer(fmt)
    except HamsuError as e:
        fail(str(e), e.exit_code)
    if lang not in (None, "fa", "en"):
        fail(f"--lang must be fa or en, not {lang!r}")
    store = _open(corpus, readonly=True)
    try:
        with store:
            doc_ids = store.doc_ids(doc) if doc else None
            unit_ids = search_unit_ids(store.conn, query, lang) if query is not None else None
            write_output(export_corpus(store.conn, fmt, doc_ids, unit_ids), output)
    except HamsuError as e:
        fail(str(e), e.exit_code)
    except sqlite3.Error as e:
        fail(f"{corpus}: {e}")
    except BrokenPipeError:
        sys.stderr.close()
        raise typer.Exit(1) from None
