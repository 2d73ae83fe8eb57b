"""The writer table (hamsu.formats): every output format one Writer, read by align, export, the
web and the build; a shard is the writer's header, its units' pieces and its footer."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest

from hamsu.api import read_documents
from hamsu.errors import HamsuError
from hamsu.formats import Writer, exchange_formats, get_writer, writers
from hamsu.formats.base import as_checked
from hamsu.formats.table import writer_table
from hamsu.formats.units import BUILTIN_WRITERS
from hamsu.pipeline import align_document, process_document
from hamsu.read import read_pair

SEED = Path(__file__).resolve().parent.parent / "examples" / "seed.txt"


@pytest.fixture(scope="module")
def seed():
    [document] = read_documents([SEED])
    return process_document(document)


def test_the_table_holds_hamsus_formats_in_order():
    assert list(writers()) == ["text", "beads", "tmx", "tsv", "jsonl"]
    assert exchange_formats() == ("tmx", "tsv", "jsonl")
    # Beads hold sentence ids only: `hamsu align --format beads` skips names and checks.
    assert [w.name for w in BUILTIN_WRITERS if not w.carries_checks] == ["beads"]
    assert {w.suffix for w in BUILTIN_WRITERS} == {".txt", ".beads", ".jsonl", ".tsv", ".tmx"}
    with pytest.raises(HamsuError, match=r"--format must be one of text, beads, tmx, tsv, jsonl, not 'csv'"):
        get_writer("csv")
    with pytest.raises(HamsuError, match=r"must be one of tmx, tsv, jsonl, not 'text'"):
        get_writer("text", exchange=True)


@pytest.mark.parametrize("fmt", ["jsonl", "tsv", "tmx"])
def test_an_exchange_file_is_its_header_its_units_and_its_footer(seed, fmt):
    """What the build's shards are made of: the pieces put together give the writer's own output,
    null units ("" in TMX, which cannot hold them) included."""
    writer = writers()[fmt]
    pieces = writer.units(seed)
    assert len(pieces) == len(seed.alignment.units)
    assert "".join(writer.write([seed])) == writer.header() + "".join(pieces) + writer.footer()
    assert "".join(writer.write([seed, seed])) == writer.header() + "".join(pieces) * 2 + writer.footer()


def test_tmx_leaves_a_null_unit_out_of_its_pieces():
    alignment = align_document(read_pair("او آمد. او رفت. هوا سرد بود.", "He came.", "x"))
    pieces = writers()["tmx"].units(as_checked(alignment))
    nulls = [not u.fa or not u.en for u in alignment.units]
    assert any(nulls)
    assert [p == "" for p in pieces] == nulls


def test_a_bare_alignment_is_written_without_names_and_flags(seed):
    for writer in writers().values():
        bare = "".join(writer.write([seed.alignment]))
        assert ("0.9894" if writer.name != "text" else "0.99") in bare  # the first unit's score
        if writer.carries_checks and writer.name != "tsv":  # TSV has no column for names
            assert "".join(writer.write([seed])) != bare


class Broken(Writer):
    name = "Bad Name"
    suffix = ".x"


class NoUnits(Writer):
    name = "nounits"
    suffix = ".nu"
    exchange = True


class Fine(Writer):
    name = "fine"
    suffix = ".fine"

    def unit(self, alignment, unit, names, flags) -> str:
        return "u\n"


def test_a_writer_that_cannot_work_is_refused(caplog):
    with pytest.raises(ValueError, match="name 'Bad Name'"):
        writer_table([*BUILTIN_WRITERS, Broken()])
    with pytest.raises(ValueError, match="does not define unit"):
        writer_table([NoUnits()])
    with pytest.raises(ValueError, match="already registered"):
        writer_table([*BUILTIN_WRITERS, BUILTIN_WRITERS[0]])
    with caplog.at_level(logging.WARNING):
        table = writer_table(BUILTIN_WRITERS, [("'bad' (pkg:Bad)", Broken()), ("'fine' (pkg:Fine)", Fine()),
                                               ("'obj' (pkg:obj)", object())])  # fmt: skip
    assert list(table)[-1] == "fine"
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2
    assert messages[0].startswith("hamsu: warning: format plugin 'bad' (pkg:Bad) not loaded: Broken: name")
    assert messages[1].startswith("hamsu: warning: format plugin 'obj' (pkg:obj) not loaded:")
