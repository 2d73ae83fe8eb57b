"""`hamsu build`: declared here; the build (and Dask) load only when the command runs."""
from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..read.decode import DEFAULT_MAX_INPUT_BYTES, MAX_INPUT_SIZE_MB, MB

# Bounds of the integer options: a number of processes no machine starts (the build cuts -j to
# 4 per core anyway), and a shard size beyond any input (shard × size stays a 64-bit integer).
MAX_JOBS = 1 << 16
MAX_SHARD_SIZE = 1 << 30


def register(app: typer.Typer) -> None:
    @app.command("build")
    def build_command(
        inputs: list[Path] | None = typer.Argument(
            None, help="Folders of articles (text or HTML, bilingual or NAME.fa/NAME.en pairs), JSON lines "
            "(.jsonl, .jsonl.gz, {\"fa\": ..., \"en\": ...}), WARC crawls (paired first), or files."
        ),
        output: Path = typer.Option(..., "--output", "-o", help="The folder to build in (made if missing)."),
        jobs: int = typer.Option(
            1, "--jobs", "-j", min=1, max=MAX_JOBS,
            help="Worker processes (local), or workers of the local Dask cluster; more than 4 per core are cut"
            " to that.",
        ),
        engine: str = typer.Option("local", "--engine", help="local (process pool) or dask (the dask extra)."),
        scheduler: str | None = typer.Option(
            None, "--scheduler", help="With --engine dask: the scheduler's ADDRESS (default: a local cluster)."
        ),
        min_score: float | None = typer.Option(
            None, "--min-score", min=0.0, max=1.0,
            help="Leave units with an alignment score below this (0..1) out of the shards.",
        ),
        drop_flag: list[str] = typer.Option(
            [], "--drop-flag", help="Leave out units flagged by this RULE, or this SEVERITY or worse; repeatable."
        ),
        shard_size: int = typer.Option(
            500, "--shard-size", min=1, max=MAX_SHARD_SIZE, help="Documents per shard (in input order)."
        ),
        formats: str = typer.Option(
            "tmx,tsv,jsonl", "--formats", help="Shard formats, comma-separated (also a plugin's exchange format)."
        ),
        presplit: bool = typer.Option(False, "--presplit", help="Articles hold one sentence a line."),
        encoding: str = typer.Option(
            "utf-8", "--encoding", help="Input encoding (for JSON lines an ASCII-compatible one)."
        ),
        glossary: Path | None = typer.Option(
            None, "--glossary", help="Glossary (TSV, CSV or TBX) for the glossary check."
        ),
        check: bool = typer.Option(True, "--check/--no-check", help="Link names and run the checks (default: on)."),
        max_input_size: int = typer.Option(
            DEFAULT_MAX_INPUT_BYTES // MB, "--max-input-size", min=1, max=MAX_INPUT_SIZE_MB, metavar="MB",
            help="Leave out (as bad) an input larger than this many megabytes (JSON lines: a line), found while"
            " reading it.",
        ),
        progress: bool | None = typer.Option(
            None, "--progress/--no-progress",
            help="Progress on standard error: a bar on a terminal (the default there), else a line every 10 s.",
        ),
        pairs: Path | None = typer.Option(
            None, "--pairs", help="Build exactly these pairs of pages of the inputs (a TSV as `hamsu pair` writes)."
        ),
    ) -> None:
        """Build a corpus: database, gzip shards (TMX, TSV, JSON lines), report and summary.

        Writes OUT/corpus.db (every document and unit, as `hamsu ingest` stores them),
        OUT/FORMAT/part-NNNNN.FORMAT.gz (the kept units: no null units, none left out by
        --min-score or --drop-flag, no exact or near duplicate of an earlier unit), OUT/summary.json
        and OUT/report.html.

        A bad input (undecodable, empty, one language, a malformed JSON line, too large) is listed in
        the summary with its reason and the build goes on; it still exits 0. In a folder only
        regular files are read: named pipes, devices and sockets are listed as skipped. After an interruption, run
        the same command again: done shards are kept, and the output is the same as an
        uninterrupted run's, byte for byte.

        A WARC crawl (.warc, .warc.gz) is paired first, as `hamsu pair` pairs it; in fa/ and en/
        folders, files with the same relative path are paired by name and the rest by content.
        Pages left unpaired are listed as skipped inputs with their reason. With --pairs, exactly
        the listed pairs are built.
        """
        from ..batch.run import BuildOptions, build
        from .plumbing import fail, guard

        options = BuildOptions(
            output=output,
            workers=jobs,
            engine=engine,
            scheduler=scheduler,
            min_score=min_score,
            drop_flags=tuple(drop_flag),
            shard_size=shard_size,
            formats=tuple(f.strip() for f in formats.split(",") if f.strip()),
            presplit=presplit,
            encoding=encoding,
            check=check,
            glossary=glossary,
            progress=progress,
            max_input_bytes=max_input_size * MB,
            pairs=pairs,
        )
        if not inputs and pairs is None:
            fail("no inputs: give folders, files, JSON lines or WARC crawls (or --pairs)")

        def job() -> None:
            try:
                build([str(i) for i in inputs or []], options)
            except KeyboardInterrupt:
                sys.stderr.write(f"hamsu: interrupted; run the same command to resume the build in {output}\n")
                raise typer.Exit(130) from None

        guard(job)
