"""The batch builder behind `hamsu build`: a corpus from folders and JSON lines, in parallel,
resumable, deterministic. (Named batch, not build, because tools and ignore files take a folder
called build/ for generated output.)

    inputs.py   the inputs walked into jobs, one per document, in a fixed order
    work.py     the worker's part: read, pipeline, rows for the store, unit keys and text (pure)
    engine.py   where workers run: inline, a local process pool, or Dask
    run.py      the coordinator: shards, filters, dedup, the store, resume
    (what a build remembers, in its own tables of the corpus database: store/build_state.py)
    shards.py   gzip shard files, byte-identical run to run
    stats.py    counts per shard, added up
    report.py   summary.json and report.html
(the `build` command itself is hamsu/commands/build.py)
"""
from __future__ import annotations

__all__ = ["BuildOptions", "build"]


def __getattr__(name: str):
    if name in __all__:
        from . import run

        return getattr(run, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
