"""The cyclic garbage collector's arrangements for the pipeline's long steps, in one place.

A long document's steps hold hundreds of thousands of small long-lived objects (sentences, evidence,
prepared names, tables) and make few reference cycles: the collector's passes mostly re-walk what
lives on. Each arrangement gives the collector back as the caller had it, and leaves a caller that
froze objects itself its own arrangement. The command line's own pace: hamsu.commands.run.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_frozen_for_good = False


def frozen_for_good() -> None:
    """Say that this process keeps its long-lived objects frozen (gc.freeze) for the rest of its
    life, as a batch worker forked after its coordinator froze its tables does.

    The arrangements below then leave the collector as it is without asking gc.get_freeze_count(),
    which counts by walking every frozen object: in a forked worker, a walk over the coordinator's
    millions of table objects for every document (three fifths of a `hamsu build -j 2`'s CPU)."""
    global _frozen_for_good
    _frozen_for_good = True


def _caller_froze() -> bool:
    return _frozen_for_good or gc.get_freeze_count() > 0


@contextmanager
def collector_paused(settle: bool = False) -> Iterator[None]:
    """The cyclic garbage collector off while a block runs that builds many small objects and no
    reference cycles (an alignment: sets, tuples and dicts of keys, arrays of scores; the name
    linker's prepared sentences): reference counting frees what it drops, and the collector's
    passes only re-scanned what lives on, a tenth of a long alignment's time.

    `settle`: what outlives the block (the names found, filled memos) goes straight to the oldest
    generation (gc.freeze, then gc.unfreeze), which only a full collection walks, rather than being
    walked as young objects by the next collections (the command's collections on a 2,000-unit
    document: 0.17 s, this way 0.003 s). The collector comes back as the caller had it, and a
    caller that froze objects itself keeps its own arrangement (nothing is moved)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if settle and not _caller_froze():
                gc.freeze()
                gc.unfreeze()
            gc.enable()


@contextmanager
def long_lived_left_alone() -> Iterator[None]:
    """While the checks run, the cyclic garbage collector leaves alone what already exists: the
    document, its names and the tables loaded before (gc.freeze). The checks make many small
    objects, and each full collection they set off would walk all of those again (a fifth of the
    checks' time on a 2,000-unit document); garbage the checks make is collected as before. The
    objects go back to the collector afterwards. A caller that froze objects itself keeps its
    own arrangement."""
    if _caller_froze():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
