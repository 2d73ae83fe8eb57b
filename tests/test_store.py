"""The corpus store: opening, schema versions, ingest (idempotent, replacing, atomic), reading
back and exporting, and the ingest / search / export commands."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest

from hamsu.api import process_paths
from hamsu.errors import HamsuError, InputError
from hamsu.formats import writers
from hamsu.pipeline import process_document
from hamsu.read import read_document, read_pair
from hamsu.read.jsonl import read_jsonl
from hamsu.store import db, ingest, migrations, open_store
from hamsu.store.export import export_corpus, load_checked
from hamsu.store.ingest import dedup_key, document_key
from hamsu.store.search import search

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "seed.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed():
    [checked] = process_paths([SEED])
    return checked


@pytest.fixture(scope="module")
def seed_edited():
    """The seed with its last Persian and English paragraphs replaced: same file, new content."""
    fa_old = "وی همچنین با تاکید بر مبانی جهاد و مقاومت، پیروزی نهایی را از آن اسلام و جبهه حق عنوان کرد."
    en_old = (
        "He also emphasized the principles of jihad and resistance and called the final victory of Islam"
        " and the Front of Truth."
    )
    assert fa_old in SEED_TEXT and en_old in SEED_TEXT
    # With a number error, so that every table gets rows of the new version (a numbers flag).
    text = SEED_TEXT.replace(fa_old, "گزارشگر از دو کتابخانه در دمشق بازدید کرد.").replace(
        en_old, "The reporter visited three libraries in Damascus."
    )
    checked = process_document(read_document(text, str(SEED)))
    assert any(f.rule == "numbers" for f in checked.flags)
    return checked


@pytest.fixture(scope="module")
def flagged():
    """A document whose flags carry evidence: a question on one side only, a sentence left out."""
    return process_document(
        read_pair("آیا او به مدرسه رفت؟\nهوا سرد بود و باد شدیدی از کوه‌های شمالی شهر می‌وزید و مردم در خانه ماندند.",
                  "Did she go to school.", "fa.txt + en.txt", doc_id="flagged")
    )


def dump(path: Path) -> dict:
    """Every row of every table, and what the index finds: to compare a store before and after."""
    conn = sqlite3.connect(path)
    sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'units_fts%'"
    tables = [r[0] for r in conn.execute(sql)]
    out = {t: sorted(map(repr, conn.execute(f"SELECT * FROM {t}"))) for t in tables}
    out["fts"] = [
        conn.execute("SELECT rowid FROM units_fts WHERE units_fts MATCH ? ORDER BY rowid", (w,)).fetchall()
        for w in ("سلیمانی", "soleymani", "کتابخانه", "library", "اسلام")
    ]
    out["version"] = conn.execute("PRAGMA user_version").fetchone()
    conn.close()
    return out


# --- Opening -----------------------------------------------------------------------------------------


def test_open_creates_the_schema(tmp_path):
    path = tmp_path / "c.db"
    with open_store(path) as store:
        conn = store.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
        assert conn.execute("PRAGMA application_id").fetchone()[0] == migrations.APPLICATION_ID
        assert conn.row_factory is sqlite3.Row
        assert store.stats() == {"documents": 0, "units": 0, "flags": 0, "names": 0}
    with open_store(path, readonly=True) as store:
        assert store.stats()["documents"] == 0


def test_readonly_missing_file(tmp_path):
    path = tmp_path / "missing.db"
    with pytest.raises(InputError, match="no such corpus") as info:
        open_store(path, readonly=True)
    assert str(path) in str(info.value)
    assert not path.exists()


def test_readonly_refuses_writes(tmp_path, seed):
    path = tmp_path / "c.db"
    open_store(path).close()
    with open_store(path, readonly=True) as store, pytest.raises(HamsuError, match="read-only"):
        store.ingest(seed)


def test_not_sqlite_file(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("just some text, not a database\n" * 50)
    before = path.read_bytes()
    for readonly in (False, True):
        with pytest.raises(InputError) as info:
            open_store(path, readonly=readonly)
        assert str(path) in str(info.value) and "not a hamsu corpus" in str(info.value)
    assert path.read_bytes() == before


def test_other_programs_database_is_left_alone(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE things (x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(InputError, match="another program"):
        open_store(path)
    assert path.read_bytes() == before


def test_directory_is_an_error(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        open_store(tmp_path)


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "c.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(InputError, match="newer hamsu"):
        open_store(path)


# --- Schema versions ------------------------------------------------------------------------------


def test_migration_from_version_0(tmp_path):
    """An empty SQLite file (version 0: what sqlite3 makes) becomes a corpus."""
    path = tmp_path / "empty.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version")
    conn.execute("VACUUM")  # writes the header: a real, empty SQLite file
    conn.close()
    assert path.stat().st_size > 0
    with pytest.raises(InputError, match="empty"):
        open_store(path, readonly=True)
    with open_store(path) as store:
        assert migrations.user_version(store.conn) == migrations.SCHEMA_VERSION


def test_migration_from_an_older_version(tmp_path, seed, monkeypatch):
    path = tmp_path / "old.db"
    with open_store(path) as store:
        store.ingest(seed)
    # Add the pretend next version only now: the file on disk is the current one.
    current = migrations.SCHEMA_VERSION
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", current + 1)
    monkeypatch.setitem(
        migrations.MIGRATIONS, current,
        lambda conn: conn.execute("ALTER TABLE units ADD COLUMN reviewed INTEGER DEFAULT 0"),
    )  # fmt: skip
    with pytest.raises(InputError, match="older than this hamsu"):
        open_store(path, readonly=True)
    with open_store(path) as store:
        assert migrations.user_version(store.conn) == current + 1
        reviewed = store.conn.execute("SELECT count(*) FROM units WHERE reviewed = 0").fetchone()[0]
        assert reviewed == len(seed.alignment.units)
        assert search(store.conn, "سلیمانی").hits  # the data came through


def test_failed_migration_leaves_the_file_as_it_was(tmp_path, seed, monkeypatch):
    path = tmp_path / "v1.db"
    with open_store(path) as store:
        store.ingest(seed)
    before = dump(path)

    def half_done(conn):
        conn.execute("ALTER TABLE units ADD COLUMN reviewed INTEGER DEFAULT 0")
        raise sqlite3.OperationalError("disk I/O error (simulated)")

    monkeypatch.setattr(migrations, "SCHEMA_VERSION", migrations.SCHEMA_VERSION + 1)
    monkeypatch.setitem(migrations.MIGRATIONS, migrations.SCHEMA_VERSION - 1, half_done)
    with pytest.raises(InputError, match="cannot open"):
        open_store(path)
    assert dump(path) == before


def _as_version_2(path: Path) -> None:
    """Turn a store into what hamsu wrote at schema version 2: its sentences had no offset maps."""
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE sentences DROP COLUMN shifts")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()


def _as_version_1(path: Path) -> None:
    """Turn a store into what hamsu wrote at schema version 1: its flags table had no evidence."""
    _as_version_2(path)
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE flags DROP COLUMN evidence")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


def _stored_before_version_3(checked):
    """A checked document as a store made before version 3 gives it back: no offset maps, but
    for a Persian sentence kept as its original slice, whose map is the identity."""
    texts = checked.alignment.document.texts

    def stored(sentence):
        unchanged = sentence.lang == "fa" and texts[sentence.source][sentence.start : sentence.end] == sentence.text
        return replace(sentence, shifts=() if unchanged else None)

    alignment = checked.alignment
    return replace(checked, alignment=replace(alignment, fa=tuple(map(stored, alignment.fa)),
                                              en=tuple(map(stored, alignment.en))))


def test_a_version_1_store_gains_flag_evidence(tmp_path, flagged):
    path = tmp_path / "v1.db"
    with open_store(path) as store:
        store.ingest(flagged)
    _as_version_1(path)
    assert dump(path)["version"] == (1,) and "evidence" not in [c[0] for c in _columns(path, "flags")]
    with pytest.raises(InputError, match="schema version 1 is older"):
        open_store(path, readonly=True)
    # The flags stored before have no evidence; every other row is as it was.
    before = _stored_before_version_3(flagged)
    _upgraded_then_stored_again(path, flagged, replace(before, flags=tuple(replace(f, evidence="")
                                                                           for f in flagged.flags)))
    # A store made now and a migrated one have the same flags table.
    fresh = tmp_path / "fresh.db"
    open_store(fresh).close()
    assert _columns(path, "flags") == _columns(fresh, "flags")


def _shifts(checked) -> tuple[list, list]:
    """The offset maps of a document's sentences (Sentence.shifts, which == does not compare)."""
    return [s.shifts for s in checked.alignment.fa], [s.shifts for s in checked.alignment.en]


def _upgraded_then_stored_again(path: Path, checked, upgraded) -> None:
    """Opening an older store upgrades it and gives `upgraded` back; storing the document again
    (hamsu ingest --force) fills in what the older version did not keep."""
    with open_store(path) as store:
        assert migrations.user_version(store.conn) == migrations.SCHEMA_VERSION
        [doc_id] = [r[0] for r in store.conn.execute("SELECT id FROM documents")]
        assert load_checked(store.conn, doc_id) == upgraded
        assert _shifts(load_checked(store.conn, doc_id)) == _shifts(upgraded)
        assert store.ingest(checked, force=True) == "replaced"
        [doc_id] = [r[0] for r in store.conn.execute("SELECT id FROM documents")]
        assert load_checked(store.conn, doc_id) == checked
        assert _shifts(load_checked(store.conn, doc_id)) == _shifts(checked)


def test_a_version_2_store_gains_sentence_offset_maps(tmp_path):
    # Persian the normalizer shortens (two spaces, a kashida run), so its maps are no identity
    fa, en = "او  كتـــاب ها را مي خواند.\nهوا سرد بود.", "He reads the books.\nIt was cold."
    checked = process_document(read_pair(fa, en, "fa.txt + en.txt", doc_id="maps"))
    assert any(_shifts(checked)[0])
    path = tmp_path / "v2.db"
    with open_store(path) as store:
        store.ingest(checked)
        [doc_id] = [r[0] for r in store.conn.execute("SELECT id FROM documents")]
        assert load_checked(store.conn, doc_id) == checked
        assert _shifts(load_checked(store.conn, doc_id)) == _shifts(checked)  # the offset maps kept
    _as_version_2(path)
    _upgraded_then_stored_again(path, checked, _stored_before_version_3(checked))
    fresh = tmp_path / "fresh.db"
    open_store(fresh).close()
    assert _columns(path, "sentences") == _columns(fresh, "sentences")


def _columns(path: Path, table: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return [tuple(row[1:]) for row in conn.execute(f"PRAGMA table_info({table})")]
    finally:
        conn.close()


def test_new_fold_version_rebuilds_the_index(tmp_path, seed, caplog):
    path = tmp_path / "c.db"
    with open_store(path) as store:
        store.ingest(seed)
        n = len(search(store.conn, "سلیمانی").hits)
        # As if built by an older fold: an empty index and another version.
        store.conn.execute("DELETE FROM units_fts")
        store.conn.execute("UPDATE settings SET value = 'old' WHERE key = 'fold_version'")
        store.conn.execute("DELETE FROM name_terms")
        assert not search(store.conn, "سلیمانی").hits
    with caplog.at_level("WARNING", logger="hamsu.store"), open_store(path) as store:
        assert "rebuilding the search index" in caplog.text
        assert len(search(store.conn, "سلیمانی").hits) == n
        assert search(store.conn, "Soleimani", lang="fa").hits
        assert migrations.fold_version(store.conn) == migrations.FOLD_VERSION


def test_a_store_made_by_another_process_while_waiting_is_not_reindexed(tmp_path, caplog):
    """Two first-time ingests at once: both find an empty file, one makes the schema while the
    other waits for the write lock. The second must see that it is done: no "rebuilding the
    search index" warning (the fold version is read again under the lock)."""
    import threading

    path = tmp_path / "c.db"
    first = sqlite3.connect(path, isolation_level=None)
    first.execute("PRAGMA journal_mode = WAL")  # as the first process has set it already
    first.execute("BEGIN IMMEDIATE")
    opened = []
    with caplog.at_level("WARNING", logger="hamsu.store"):
        second = threading.Thread(target=lambda: opened.append(open_store(path, check_same_thread=False)))
        second.start()
        time.sleep(0.5)  # the second has read the empty file and waits for the write lock
        migrations.migrate(first)
        first.execute("COMMIT")
        second.join(timeout=30)
    first.close()
    [store] = opened
    with store:
        assert migrations.user_version(store.conn) == migrations.SCHEMA_VERSION
    assert "rebuilding the search index" not in caplog.text


# --- Ingest --------------------------------------------------------------------------------------


def test_ingest_added_then_unchanged(tmp_path, seed):
    path = tmp_path / "c.db"
    with open_store(path) as store:
        assert store.ingest(seed) == "added"
        stats = store.stats()
        assert stats["units"] == len(seed.alignment.units) and stats["flags"] == len(seed.flags)
        changes = store.conn.total_changes
        assert store.ingest(seed) == "unchanged"
        assert store.conn.total_changes == changes  # nothing written
        assert store.is_current(seed.alignment.document)
        assert store.stats() == stats
        assert store.ingest(seed, force=True) == "replaced"
        assert store.stats() == stats


def test_edited_document_replaces_the_old_version(tmp_path, seed, seed_edited):
    path = tmp_path / "c.db"
    with open_store(path) as store:
        store.ingest(seed)
        old_units = {r[0] for r in store.conn.execute("SELECT id FROM units")}
        assert search(store.conn, "Islam", lang="en").hits
        assert store.ingest(seed_edited) == "replaced"
        conn = store.conn
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
        units = {r[0] for r in conn.execute("SELECT id FROM units")}
        assert not units & old_units  # new ids: old ones are never reused
        for table in ("units", "flags", "names", "sentences", "blocks"):
            doc_ids = {r[0] for r in conn.execute(f"SELECT DISTINCT doc_id FROM {table}")}
            assert doc_ids == {conn.execute("SELECT id FROM documents").fetchone()[0]}, table
        n_names = sum(len(n.links) + len(n.fa_only) + len(n.en_only) for n in seed_edited.names)
        assert conn.execute("SELECT count(*) FROM names").fetchone()[0] == n_names
        assert conn.execute("SELECT count(*) FROM flags").fetchone()[0] == len(seed_edited.flags)
        assert conn.execute("SELECT count(*) FROM sentences").fetchone()[0] == len(seed_edited.alignment.fa) + len(
            seed_edited.alignment.en
        )
        # The index forgot the old text and knows the new.
        assert not search(conn, "Islam", lang="en").hits
        assert [h.en for h in search(conn, "library").hits] == ["The reporter visited three libraries in Damascus."]
        assert search(conn, "کتابخانه").hits
        assert conn.execute("INSERT INTO units_fts(units_fts) VALUES ('integrity-check')") is not None
        assert load_checked(conn, conn.execute("SELECT id FROM documents").fetchone()[0]) == seed_edited


def _boom(*args, **kwargs):
    raise RuntimeError("simulated failure while writing names")


@pytest.mark.parametrize("first", ["seed", None])
def test_failure_mid_ingest_leaves_the_store_as_it_was(tmp_path, seed, seed_edited, monkeypatch, first):
    path = tmp_path / "c.db"
    with open_store(path) as store:
        if first:
            store.ingest(seed)
    before = dump(path)
    monkeypatch.setattr(ingest, "_write_names", _boom)  # after units, index rows and flags
    with open_store(path) as store, pytest.raises(RuntimeError, match="simulated"):
        store.ingest(seed_edited)
    assert dump(path) == before


CRASH = textwrap.dedent(
    """
    import os, sys
    from hamsu.pipeline import process_document
    from hamsu.read import read_document
    from hamsu.store import ingest, open_store

    path, text, source = sys.argv[1], open(sys.argv[2], encoding="utf-8").read(), sys.argv[3]
    checked = process_document(read_document(text, source))
    real = ingest._write_names
    def die(*args):
        real(*args)      # the names are written too: the transaction is all there but for COMMIT
        os._exit(3)      # killed: no rollback, no close
    ingest._write_names = die
    store = open_store(path)
    store.ingest(checked)
    """
)


def test_process_killed_mid_ingest_leaves_the_store_as_it_was(tmp_path, seed):
    path = tmp_path / "c.db"
    with open_store(path) as store:
        store.ingest(seed)
    before = dump(path)
    edited = tmp_path / "edited.txt"
    edited.write_text(SEED_TEXT.replace("سوریه", "سوريه"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", CRASH, str(path), str(edited), str(SEED)], capture_output=True, timeout=120
    )
    assert result.returncode == 3, result.stderr.decode()
    assert dump(path) == before
    with open_store(path) as store:
        assert store.ingest(seed) == "unchanged"


def test_ingest_many_counts_and_batches(tmp_path, seed, seed_edited):
    path = tmp_path / "c.db"
    docs = [
        process_document(read_pair(f"جمله {i} درباره کتاب.", f"Sentence {i} about books.", f"p{i}", doc_id=f"p{i}"))
        for i in range(7)
    ]
    with open_store(path) as store:
        counts = store.ingest_many(docs + [seed], batch=3)
        assert counts == {"added": 8}
        counts = store.ingest_many(docs + [seed_edited], batch=3)
        assert counts == {"unchanged": 7, "replaced": 1}
        assert not store.conn.in_transaction


def test_ingest_many_keeps_the_documents_before_an_error(tmp_path, seed):
    path = tmp_path / "c.db"
    docs = [
        process_document(read_pair(f"جمله {i} درباره کتاب.", f"Sentence {i} about books.", f"p{i}", doc_id=f"p{i}"))
        for i in range(3)
    ]

    def items():
        yield from docs[:2]
        raise KeyboardInterrupt

    with open_store(path) as store:
        with pytest.raises(KeyboardInterrupt):
            store.ingest_many(items(), batch=100)
        assert store.stats()["documents"] == 2
        assert not store.conn.in_transaction


def test_delete(tmp_path, seed):
    with open_store(tmp_path / "c.db") as store:
        store.ingest(seed)
        assert store.delete(document_key(seed.alignment.document))
        assert store.stats() == {"documents": 0, "units": 0, "flags": 0, "names": 0}
        assert not search(store.conn, "سلیمانی").hits
        assert not store.delete("nothing")


# --- Keys and duplicates ---------------------------------------------------------------------------


def test_document_keys():
    [with_id, without_id] = read_jsonl(
        json.dumps({"id": "art-1", "fa": "سلام دنیا.", "en": "Hello world."}, ensure_ascii=False)
        + "\n"
        + json.dumps({"fa": "سلام دنیا.", "en": "Hello world."}, ensure_ascii=False),
        "corpus.jsonl",
    )
    assert document_key(with_id) == "art-1"
    assert document_key(without_id) == without_id.id  # content id: line numbers shift
    assert document_key(read_document(SEED_TEXT, "news/seed.txt")) == "news/seed.txt"


def test_dedup_key():
    base = dedup_key("قیمت نفت ۱۲ درصد افزایش یافت.", "The price of oil rose 12 percent.")
    assert base == dedup_key("قيمت  نفت 12 درصد افزايش يافت", "the PRICE of oil rose 12 percent!")
    assert base != dedup_key("قیمت نفت ۱۳ درصد افزایش یافت.", "The price of oil rose 13 percent.")
    assert dedup_key("کتاب‌ها", "books") != dedup_key("کتاب", "book")  # a plural is another sentence
    assert len(base) == 32


def test_dedup_column_finds_duplicates(tmp_path):
    with open_store(tmp_path / "c.db") as store:
        for n, (fa, en) in enumerate([("کتاب خوب است.", "The book is good."), ("كتاب خوب است", "the book is good")]):
            store.ingest(process_document(read_pair(fa, en, f"d{n}", doc_id=f"d{n}"), check=False))
        rows = store.conn.execute("SELECT dedup, count(*) FROM units GROUP BY dedup").fetchall()
        assert [r[1] for r in rows] == [2]


# --- Reading back and exporting -----------------------------------------------------------------------


def test_load_checked_round_trips(tmp_path, seed):
    pair = process_document(
        read_pair("او به مدرسه رفت.\nهوا سرد بود.", "She went to school.\nIt was cold.", "fa.txt + en.txt")
    )
    [record] = read_jsonl(
        json.dumps(
            {
                "id": "x1", "fa": "سلیمانی به سوریه رفت.", "en": "Soleimani went to Syria.",
                "url": "https://example.org/1", "title": "T",
            },
            ensure_ascii=False,
        ),
        "c.jsonl",
    )
    from_jsonl = process_document(record)
    with open_store(tmp_path / "c.db") as store:
        for checked in (seed, pair, from_jsonl):
            store.ingest(checked)
        ids = [r[0] for r in store.conn.execute("SELECT id FROM documents ORDER BY id")]
        assert [load_checked(store.conn, i) for i in ids] == [seed, pair, from_jsonl]
        row = store.conn.execute("SELECT title, url FROM documents WHERE doc_key = 'x1'").fetchone()
        assert tuple(row) == ("T", "https://example.org/1")


def test_flag_evidence_round_trips(tmp_path, flagged):
    assert all(f.evidence for f in flagged.flags)
    with open_store(tmp_path / "c.db") as store:
        store.ingest(flagged)
        [doc_id] = [r[0] for r in store.conn.execute("SELECT id FROM documents")]
        assert load_checked(store.conn, doc_id) == flagged  # evidence included (Flag equality)
        stored = [r[0] for r in store.conn.execute("SELECT evidence FROM flags ORDER BY idx")]
        assert stored == [f.evidence for f in flagged.flags]
        # Export reads it back: the same bytes as writing the checked document directly.
        for fmt in ("jsonl", "tsv", "tmx", "text"):
            exported = "".join(export_corpus(store.conn, fmt))
            assert exported == "".join(writers()[fmt]([flagged])), fmt
            assert "question marks: fa 1, en 0" in exported, fmt


def test_export_matches_the_writers(tmp_path, seed):
    with open_store(tmp_path / "c.db") as store:
        store.ingest(seed)
        for fmt in ("jsonl", "tsv", "tmx", "text"):
            assert "".join(export_corpus(store.conn, fmt)) == "".join(writers()[fmt]([seed])), fmt
        with pytest.raises(InputError, match="format"):
            export_corpus(store.conn, "docx")


def test_export_search_hits_only(tmp_path, seed):
    with open_store(tmp_path / "c.db") as store:
        store.ingest(seed)
        hits = search(store.conn, "سلیمانی").hits
        lines = "".join(export_corpus(store.conn, "jsonl", unit_ids=[h.unit_id for h in hits])).splitlines()
        assert sorted(json.loads(line)["en"] for line in lines) == sorted(h.en for h in hits)
        # The flags of the kept units come along, pointing at them.
        records = [json.loads(line) for line in lines]
        expected = [f for f in seed.flags if f.unit in {h.unit_idx for h in hits}]
        assert sum(len(r["flags"]) for r in records) == len(expected)


def test_export_tmx_reads_back(tmp_path, seed):
    from translate.storage import tmx

    with open_store(tmp_path / "c.db") as store:
        store.ingest(seed)
        data = "".join(export_corpus(store.conn, "tmx")).encode("utf-8")
    store_file = tmx.tmxfile.parsestring(data)
    units = [u for u in store_file.units if u.source]
    pairs = [(u.source, u.target) for u in units]
    expected = [
        (" ".join(seed.alignment.fa[i].text for i in u.fa), " ".join(seed.alignment.en[i].text for i in u.en))
        for u in seed.alignment.units
        if u.fa and u.en
    ]
    assert pairs == expected


# --- The commands -------------------------------------------------------------------------------------


def hamsu(*args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "hamsu", *map(str, args)], capture_output=True, timeout=180, cwd=cwd
    )


def one_line_error(result, *needles, code=2) -> str:
    err = result.stderr.decode("utf-8")
    assert result.returncode == code, err
    assert "Traceback" not in err
    assert err.count("\n") == 1 and err.startswith("hamsu: error: "), err
    for needle in needles:
        assert needle in err, err
    return err


def test_cli_end_to_end(tmp_path):
    corpus = tmp_path / "corpus.db"
    english_only = tmp_path / "english.txt"
    english_only.write_text("Only English here.\n", encoding="utf-8")
    jsonl = tmp_path / "more.jsonl"
    jsonl.write_text(
        json.dumps(
            {"id": "a1", "fa": "کتاب‌های جدید در کتابخانه است.", "en": "The new books are in the library."},
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    result = hamsu("ingest", corpus, SEED, english_only, tmp_path / "missing.txt", jsonl)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 1, err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert any(str(english_only) in line and "no Persian" in line for line in lines)
    assert any("missing.txt" in line for line in lines)
    assert lines[-1] == f"hamsu: {corpus}: 2 added, 0 replaced, 0 unchanged, 2 failed"

    again = hamsu("ingest", corpus, SEED, jsonl)
    assert again.returncode == 0
    assert again.stderr.decode().strip().endswith("0 added, 0 replaced, 2 unchanged, 0 failed")

    found = hamsu("search", corpus, "Soleimani")
    out = found.stdout.decode("utf-8")
    assert found.returncode == 0 and "سلیمانی" in out and "Soleymani" in out
    assert "سلیمانی" in found.stderr.decode("utf-8")  # the names the search went through

    as_json = hamsu("search", corpus, "کتابها", "--format", "jsonl")
    [hit] = [json.loads(line) for line in as_json.stdout.decode("utf-8").splitlines()]
    assert hit["en"] == "The new books are in the library." and hit["doc_key"] == "a1"
    assert hit["fa"][slice(*hit["fa_marks"][0])] == "کتاب"

    one_line_error(hamsu("search", corpus, '"unclosed'), "unclosed quote")
    one_line_error(hamsu("search", corpus, "x", "--lang", "de"), "--lang")
    one_line_error(hamsu("search", tmp_path / "nope.db", "x"), "nope.db", "no such corpus")
    one_line_error(hamsu("search", SEED, "x"), "seed.txt", "not a hamsu corpus")
    assert not (tmp_path / "nope.db").exists()

    tmx_out = tmp_path / "out.tmx"
    exported = hamsu("export", corpus, "--format", "tmx", "-o", tmx_out, "--query", "library")
    assert exported.returncode == 0, exported.stderr.decode()
    from translate.storage import tmx

    [unit] = tmx.tmxfile.parsestring(tmx_out.read_bytes()).units
    assert unit.target == "The new books are in the library."

    tsv = hamsu("export", corpus, "--format", "tsv", "--doc", "a1").stdout.decode("utf-8").splitlines()
    assert len(tsv) == 2 and tsv[1].startswith("کتاب‌های جدید")
    one_line_error(hamsu("export", corpus, "--doc", "zzz"), "zzz")
    one_line_error(hamsu("export", corpus, "--format", "docx"), "--format")
    whole = hamsu("export", corpus, "--format", "jsonl").stdout.decode("utf-8").splitlines()
    assert len(whole) == 9  # the seed's 8 units and the record's 1


def test_cli_replaces_an_edited_file(tmp_path):
    corpus = tmp_path / "corpus.db"
    article = tmp_path / "article.txt"
    article.write_text(SEED_TEXT, encoding="utf-8")
    assert hamsu("ingest", corpus, article).returncode == 0
    article.write_text(SEED_TEXT.replace("Syria", "Syrie"), encoding="utf-8")
    result = hamsu("ingest", corpus, article)
    assert result.stderr.decode().strip().endswith("0 added, 1 replaced, 0 unchanged, 0 failed")
    with open_store(corpus, readonly=True) as store:
        assert store.stats()["documents"] == 1
        assert search(store.conn, "Syrie").hits and not search(store.conn, "Syria", lang="en").hits


def test_cli_pairs_and_force(tmp_path):
    corpus = tmp_path / "corpus.db"
    fa, en = tmp_path / "a.fa.txt", tmp_path / "a.en.txt"
    fa.write_text("او به مدرسه رفت.\n\nهوا سرد بود.\n", encoding="utf-8")
    en.write_text("She went to school.\n\nIt was cold.\n", encoding="utf-8")
    result = hamsu("ingest", corpus, "--pair", fa, en)
    assert result.returncode == 0, result.stderr.decode()
    with open_store(corpus, readonly=True) as store:
        assert [h.en for h in search(store.conn, "school").hits] == ["She went to school."]
        assert store.conn.execute("SELECT doc_key FROM documents").fetchone()[0] == f"{fa} + {en}"
    forced = hamsu("ingest", corpus, "--pair", fa, en, "--force")
    assert forced.stderr.decode().strip().endswith("0 added, 1 replaced, 0 unchanged, 0 failed")
    one_line_error(hamsu("ingest", corpus, "--pair", fa), "two by two")


def test_cli_bad_corpus_path(tmp_path):
    one_line_error(hamsu("ingest", tmp_path / "no" / "such" / "dir.db", SEED), "dir.db")
    one_line_error(hamsu("ingest", SEED, SEED), "not a hamsu corpus")


def test_hit_is_frozen(tmp_path, seed):
    with open_store(tmp_path / "c.db") as store:
        store.ingest(seed)
        hit = search(store.conn, "سلیمانی").hits[0]
    with pytest.raises(AttributeError):
        hit.fa = "x"  # type: ignore[misc]
    assert replace(hit, fa="x").fa == "x"


def test_busy_timeout_is_set(tmp_path):
    with open_store(tmp_path / "c.db") as store:
        assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] == db.BUSY_TIMEOUT_MS


def test_cli_ingest_keeps_the_good_lines_of_a_json_lines_file(tmp_path):
    """One malformed line does not lose the file: every good record is stored, each bad line is
    named FILE:LINE with its reason, and the exit status is 1."""
    corpus = tmp_path / "c.db"
    mixed = tmp_path / "mixed.jsonl"
    good = [{"id": f"r{i}", "fa": f"این جملهٔ شماره {i} است.", "en": f"This is sentence number {i}."} for i in range(3)]
    lines = [json.dumps(good[0], ensure_ascii=False), '{"fa": "بد", "en": ', json.dumps(good[1], ensure_ascii=False),
             json.dumps({"id": "x", "fa": "تنها"}, ensure_ascii=False), "", json.dumps(good[2], ensure_ascii=False)]
    data = "\n".join(lines).encode("utf-8") + b'\n{"id": "y", "fa": "\xff", "en": "bad byte"}\n'
    mixed.write_bytes(data)
    result = hamsu("ingest", corpus, mixed)
    err = result.stderr.decode("utf-8").splitlines()
    assert result.returncode == 1, err
    assert err[0].startswith(f"hamsu: error: {mixed}:2: not valid JSON")
    assert err[1] == f'hamsu: error: {mixed}:4: no "en" field'
    assert err[2].startswith(f"hamsu: error: {mixed}:7: not valid utf-8 at byte 19 of the line")
    assert err[3:] == [f"hamsu: {corpus}: 3 added, 0 replaced, 0 unchanged, 3 failed"]
    with open_store(corpus, readonly=True) as store:
        keys = [k for (k,) in store.conn.execute("SELECT doc_key FROM documents ORDER BY doc_key")]
    assert keys == ["r0", "r1", "r2"]


def test_cli_a_file_by_relative_and_absolute_path_is_one_document(tmp_path):
    corpus = tmp_path / "c.db"
    (tmp_path / "seed.txt").write_text(SEED_TEXT, encoding="utf-8")
    assert hamsu("ingest", corpus, "seed.txt", cwd=tmp_path).returncode == 0
    again = hamsu("ingest", corpus, tmp_path / "seed.txt", cwd=ROOT)
    assert again.stderr.decode().strip().endswith("0 added, 0 replaced, 1 unchanged, 0 failed")
    (tmp_path / "link.txt").symlink_to(tmp_path / "seed.txt")
    linked = hamsu("ingest", corpus, "link.txt", cwd=tmp_path)
    assert linked.stderr.decode().strip().endswith("0 added, 0 replaced, 1 unchanged, 0 failed")
    with open_store(corpus, readonly=True) as store:
        keys = [k for (k,) in store.conn.execute("SELECT doc_key FROM documents")]
    assert keys == [str((tmp_path / "seed.txt").resolve())]


def test_cli_a_file_stored_under_its_relative_path_keeps_that_key_until_it_changes(tmp_path):
    """A corpus written before keys were resolved holds "seed.txt": the same file ingested again is
    that document (unchanged, its row left as it is); edited, it replaces it under the new key."""
    corpus = tmp_path / "c.db"
    article = tmp_path / "seed.txt"
    article.write_text(SEED_TEXT, encoding="utf-8")
    with open_store(corpus) as store:
        assert store.ingest(process_document(read_document(SEED_TEXT, "seed.txt"))) == "added"
    again = hamsu("ingest", corpus, "seed.txt", cwd=tmp_path)
    assert again.stderr.decode().strip().endswith("0 added, 0 replaced, 1 unchanged, 0 failed")
    with open_store(corpus, readonly=True) as store:
        assert [k for (k,) in store.conn.execute("SELECT doc_key FROM documents")] == ["seed.txt"]
    article.write_text(SEED_TEXT.replace("Syria", "Syrie"), encoding="utf-8")
    edited = hamsu("ingest", corpus, "seed.txt", cwd=tmp_path)
    assert edited.stderr.decode().strip().endswith("0 added, 1 replaced, 0 unchanged, 0 failed")
    with open_store(corpus, readonly=True) as store:
        assert [k for (k,) in store.conn.execute("SELECT doc_key FROM documents")] == [str(article.resolve())]


def test_cli_ingest_refuses_an_input_past_the_maximum_size_and_stores_the_rest(tmp_path):
    corpus = tmp_path / "c.db"
    big = tmp_path / "big.txt"
    big.write_text(SEED_TEXT * (2 * (1 << 20) // len(SEED_TEXT.encode()) + 1), encoding="utf-8")
    result = hamsu("ingest", corpus, big, SEED, "--max-input-size", "1")
    err = result.stderr.decode().splitlines()
    assert result.returncode == 1, err
    assert err == [f"hamsu: error: {big}: larger than the maximum input size, 1 MB (raise it with --max-input-size)",
                   f"hamsu: {corpus}: 1 added, 0 replaced, 0 unchanged, 1 failed"]  # fmt: skip


def test_cli_search_shows_control_characters_escaped(tmp_path):
    corpus = tmp_path / "c.db"
    fa, en = tmp_path / "fa.txt", tmp_path / "en.txt"
    fa.write_text("کتاب \x1b]0;pwned\x07 در \x1b[31mکتابخانه\x1b[0m است.\n", encoding="utf-8")
    en.write_text("The book \x1b]0;pwned\x07 is in the \x1b[31mlibrary\x1b[0m.\n", encoding="utf-8")
    assert hamsu("ingest", corpus, "--pair", fa, en).returncode == 0
    found = hamsu("search", corpus, "book")
    out = found.stdout.decode("utf-8")
    assert found.returncode == 0 and "\x1b" not in out and "\x07" not in out, out
    assert "en: The book \\x1b]0;pwned\\x07 is in the \\x1b[31mlibrary\\x1b[0m." in out
    as_json = hamsu("search", corpus, "book", "-f", "jsonl").stdout.decode("utf-8")
    assert json.loads(as_json)["en"] == "The book \x1b]0;pwned\x07 is in the \x1b[31mlibrary\x1b[0m."


_READ_ONLY_MOUNT = 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" "$0" && exec "$@"'


def run_on_read_only(folder: Path, *command: str) -> subprocess.CompletedProcess:
    """`command` run while `folder` cannot be written: by permissions, or for root (whom they do
    not stop) on a read-only bind mount in a mount namespace of its own."""
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in [folder, *folder.iterdir()]}
        for p in modes:
            p.chmod(0o555 if p.is_dir() else 0o444)
        try:
            return subprocess.run(command, capture_output=True, timeout=120)
        finally:
            for p, mode in modes.items():
                p.chmod(mode)
    if shutil.which("unshare") is None:
        pytest.skip("root, and no unshare to make a read-only mount")
    probe = subprocess.run(["unshare", "-m", "sh", "-c", _READ_ONLY_MOUNT, str(folder), "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"cannot make a read-only mount here ({probe.stderr.decode().strip()})")
    return subprocess.run(["unshare", "-m", "sh", "-c", _READ_ONLY_MOUNT, str(folder), *command],
                          capture_output=True, timeout=120)  # fmt: skip


def test_a_read_only_corpus_is_read_and_said_to_be_read_only(tmp_path):
    """A corpus on a read-only file, folder or medium: search, export and the web app's check read
    it (it is in WAL mode, whose reading needs a file SQLite cannot make there); ingest says it is
    read-only, not that it cannot be read."""
    folder = tmp_path / "ro"
    folder.mkdir()
    corpus = folder / "c.db"
    assert hamsu("ingest", corpus, SEED).returncode == 0
    python = [sys.executable, "-m", "hamsu"]
    found = run_on_read_only(folder, *python, "search", str(corpus), "Soleimani")
    assert found.returncode == 0, found.stderr.decode()
    assert "Soleimani" in found.stdout.decode() or "Soleymani" in found.stdout.decode()
    exported = run_on_read_only(folder, *python, "export", str(corpus), "-f", "tsv")
    assert exported.returncode == 0 and len(exported.stdout.decode().splitlines()) == 9, exported.stderr.decode()
    served = run_on_read_only(folder, sys.executable, "-c",
                              f"from hamsu.serve.app import check_corpus; check_corpus({str(corpus)!r})")  # fmt: skip
    assert served.returncode == 0, served.stderr.decode()
    ingested = run_on_read_only(folder, *python, "ingest", str(corpus), str(SEED))
    err = ingested.stderr.decode()
    assert ingested.returncode == 2, err
    assert err.startswith(f"hamsu: error: {corpus}: read-only (this ") and err.count("\n") == 1, err


def test_cli_ingest_progress_off_a_terminal_is_plain_lines(tmp_path):
    corpus = tmp_path / "c.db"
    result = hamsu("ingest", corpus, SEED, "--progress")
    err = result.stderr.decode()
    assert result.returncode == 0, err
    assert err.splitlines() == [
        f"hamsu: ingesting into {corpus}: 0 of 1 inputs; 0 added, 0 replaced, 0 unchanged, 0 failed (0 s)",
        f"hamsu: {corpus}: 1 added, 0 replaced, 0 unchanged, 0 failed",
    ]
    quiet = hamsu("ingest", corpus, SEED)  # not a terminal, no --progress: the summary only
    assert quiet.stderr.decode().splitlines() == [f"hamsu: {corpus}: 0 added, 0 replaced, 1 unchanged, 0 failed"]
