"""`hamsu build`: declared here; the build (and Dask) load only when the command runs."""
from __future__ import annotations

import sys
from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command("build")
    def build_command(
        inputs: list[Path] = typer.Argument(
            ..., help="Folders of articles (text or HTML, bilingual or NAME.fa/NAME.en pairs), JSON lines "
            "(.jsonl, .jsonl.gz, {\"fa\": ..., \"en\": ...}), or files."
        ),
        output: Path = typer.Option(..., "--output", "-o", help="The folder to build in (made if missing)."),
        jobs: int = typer.Option(
            1, "--jobs", "-j", help="Worker processes (local), or workers of the local Dask cluster."
        ),
        engine: str = typer.Option("local", "--engine", help="local (process pool) or dask (the dask extra)."),
        scheduler: str | None = typer.Option(
            None, "--scheduler", help="With --engine dask: the scheduler's ADDRESS (default: a local cluster)."
        ),
        min_score: float | None = typer.Option(
            None, "--min-score", help="Leave units with an alignment score below this (0..1) out of the shards."
        ),
        drop_flag: list[str] = typer.Option(
            [], "--drop-flag", help="Leave out units flagged by this RULE, or this SEVERITY or worse; repeatable."
        ),
        shard_size: int = typer.Option(500, "--shard-size", help="Documents per shard (in input order)."),
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
        progress: bool | None = typer.Option(
            None, "--progress/--no-progress", help="Progress bar on standard error (default: when it is a terminal)."
        ),
    ) -> None:
        """Build a corpus: database, gzip shards (TMX, TSV, JSON lines), report and summary.

        Writes OUT/corpus.db (every document and unit, as `hamsu ingest` stores them),
        OUT/FORMAT/part-NNNNN.FORMAT.gz (the kept units: no null units, none left out by
        --min-score or --drop-flag, no exact or near duplicate of an earlier unit), OUT/summary.json
        and OUT/report.html.

        A bad input (undecodable, empty, one language, a malformed JSON line) is listed in the
        summary with its reason and the build goes on; it still exits 0. After an interruption, run
        the same command again: done shards are kept, and the output is the same as an
        uninterrupted run's, byte for byte.
        """
        from ..cli import _guard
        from .run import BuildOptions, build

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
            progress=sys.stderr.isatty() if progress is None else progress,
        )

        def job() -> None:
            try:
                build([str(i) for i in inputs], options)
            except KeyboardInterrupt:
                sys.stderr.write(f"hamsu: interrupted; run the same command to resume the build in {output}\n")
                raise typer.Exit(130) from None

        _guard(job)
