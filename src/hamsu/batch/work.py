"""The worker's side of a build: a chunk of jobs in, a processed result per job out. Pure.

Everything per document that does not depend on other documents is done here, in the worker, so
that the single coordinator only orders, filters, stores and writes: decoding and parsing, the
pipeline (normalize, split, align, link names, check), the rows the store keeps
(store.ingest.document_rows), each unit's dedup keys and its text in every shard format. A job
that fails (undecodable, empty, one language, malformed JSON, or a bug in a stage) becomes a
result with its reason, never an exception: one bad article must not stop a build of a million.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import NamedTuple

from ..errors import HamsuError
from ..formats import builtin_exchange_formats
from ..records import Checked
from ..store.ingest import DocumentRows, document_rows
from .inputs import Job

# The shards a build writes unless --formats says otherwise: hamsu's own exchange formats, in the
# writer table's order (TMX, TSV, JSON lines). Any exchange format of the table, a plugin's too, can
# be asked for.
SHARD_FORMATS = builtin_exchange_formats()


@dataclass(frozen=True, slots=True)
class Settings:
    """What the workers need besides the jobs: reading and pipeline options, the formats wanted."""

    presplit: bool = False
    encoding: str = "utf-8"
    check: bool = True
    glossary: object = None  # a loaded hamsu.check.Glossary, or None
    formats: tuple[str, ...] = SHARD_FORMATS


class UnitOut(NamedTuple):
    """One unit as the coordinator needs it: keys and facts to filter, dedup and count on, and its
    text in each shard format ("" in TMX for a null unit, which TMX cannot hold)."""

    exact: str  # hash of the unit's Persian (normalized) and English text as they are
    near: str  # hamsu.store.ingest.dedup_key: the text folded (case, punctuation, digits, ZWNJ)
    score: float
    null: bool  # one side empty
    flags: tuple[tuple[str, str], ...]  # (rule, severity) of the unit's flags and its document's
    fa_chars: int
    en_chars: int
    text: tuple[str, ...]  # one piece per Settings.formats: the writer's unit()


class Result(NamedTuple):
    """What became of one job: the document's rows for the store and its units, or the reason it
    failed. NamedTuples of tuples cross the process boundary: they pickle in C (frozen dataclass
    records pickle through Python code, field by field, over a millisecond an article each way)."""

    source: str
    group: str
    rows: DocumentRows | None = None  # the checked document as the store keeps it
    units: tuple[UnitOut, ...] = ()
    reason: str = ""  # why the job gave no document
    skipped: bool = False  # not an article file (listed, not an error)


WARM_UP = Job(
    "jsonl",
    "<warm-up>",
    "",
    (json.dumps({"fa": "علی به تهران رفت. او ۲ کتاب خرید.", "en": "Ali went to Tehran. He bought 2 books."},
                ensure_ascii=False).encode(),),  # fmt: skip
)


def warm_up(settings: Settings) -> None:
    """Process one small document, so that every table the pipeline loads lazily is loaded."""
    process_job(WARM_UP, settings)


def process_chunk(jobs: list[Job], settings: Settings) -> list[Result]:
    return [process_job(job, settings) for job in jobs]


def process_job(job: Job, settings: Settings) -> Result:
    if job.kind in ("bad", "skip"):
        return Result(job.source, job.group, reason=job.reason, skipped=job.kind == "skip")
    try:
        from ..pipeline import process_document
        from ..read import require_both_languages

        document = read_job(job, settings)
        require_both_languages(document)
        checked = process_document(document, presplit=settings.presplit, glossary=settings.glossary,
                                   check=settings.check)  # fmt: skip
        units = unit_outputs(checked, settings.formats)
        rows = document_rows(checked)
    except HamsuError as e:
        return Result(job.source, job.group, reason=_reason(str(e), job.source))
    except Exception as e:  # noqa: BLE001 - a bug in one stage is reported with the article, and the build goes on
        return Result(job.source, job.group, reason=f"internal error: {type(e).__name__}: {_one_line(str(e))}")
    return Result(job.source, job.group, rows, units)


def _one_line(text: str) -> str:
    return " ".join(text.split())[:300]


def _reason(message: str, source: str) -> str:
    """The message without its leading "SOURCE: " (the summary has the source in its own field).
    A message about one file of a pair keeps that file's name, which says which side it was."""
    prefix = f"{source}: "
    return _one_line(message[len(prefix) :] if message.startswith(prefix) else message)


def read_job(job: Job, settings: Settings):
    """The Document of a job, as `hamsu align` would read the same file, pair or line."""
    from ..errors import InputError
    from ..read import read_pair, require_text
    from ..read.decode import decode_bytes
    from ..read.table import SNIFF_BYTES, reader_by_suffix, reader_for, readers

    encoding = settings.encoding
    if job.kind == "text":
        reader = reader_for(job.source, job.data[0][:SNIFF_BYTES])
        documents = reader.read(job.data[0], job.source, encoding, settings.presplit)
        if len(documents) != 1:
            raise InputError(f"{job.source}: holds {len(documents)} documents; hamsu build reads one a file"
                             " (or JSON lines, one a line)")  # fmt: skip
        return documents[0]
    if job.kind == "pair":
        fa_path, en_path = job.source.split(" + ", 1)
        fa_text, en_text = decode_bytes(job.data[0], fa_path, encoding), decode_bytes(job.data[1], en_path, encoding)
        require_text(fa_text, fa_path)
        require_text(en_text, en_path)
        if job.suffix and reader_by_suffix(job.suffix) is readers()["html"]:  # two editions' pages: article text
            from ..read import extract_html_text

            fa_text, en_text = extract_html_text(fa_text)[0], extract_html_text(en_text)[0]
            require_text(fa_text, fa_path, "no text in the HTML")
            require_text(en_text, en_path, "no text in the HTML")
        return read_pair(fa_text, en_text, job.source, presplit=settings.presplit)
    if job.kind == "jsonl":
        try:
            line = decode_bytes(job.data[0], job.source, encoding)
        except InputError as e:
            # The offset counts from the start of the line, not of the file: say so.
            raise InputError(re.sub(r" at byte (\d+)", r" at byte \1 of the line", str(e), count=1)) from None
        # The JSON-lines reader's own step, so a line reads exactly as `hamsu align` reads it and is
        # named FILE:LINE the same way.
        return readers()["jsonl"].line(line, job.source)
    raise ValueError(f"unknown job kind {job.kind!r}")


def exact_key(fa: str, en: str) -> str:
    return hashlib.blake2b(f"{fa}\0{en}".encode(), digest_size=16).hexdigest()


def unit_outputs(checked: Checked, formats: tuple[str, ...]) -> tuple[UnitOut, ...]:
    """Each unit's keys, facts and shard text, in unit order."""
    from ..formats import writers
    from ..formats.base import flags_by_unit
    from ..formats.units import unit_text
    from ..store.ingest import dedup_key

    alignment = checked.alignment
    table = writers()
    pieces = {fmt: table[fmt].units(checked) for fmt in formats}
    document_flags = tuple((f.rule, f.severity) for f in checked.flags if f.unit is None)
    out = []
    for index, (unit, flags) in enumerate(zip(alignment.units, flags_by_unit(checked))):
        fa, en = unit_text(alignment.fa, unit.fa), unit_text(alignment.en, unit.en)
        out.append(
            UnitOut(
                exact=exact_key(fa, en),
                near=dedup_key(fa, en),
                score=unit.score,
                null=not unit.fa or not unit.en,
                flags=document_flags + tuple((f.rule, f.severity) for f in flags),
                fa_chars=len(fa),
                en_chars=len(en),
                text=tuple(pieces[fmt][index] for fmt in formats),
            )
        )
    return tuple(out)

