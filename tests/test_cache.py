"""The cache of derived tables: built once, read back while valid, rebuilt when anything changes."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hamsu import cache
from hamsu.cache import derived_table

ROOT = Path(__file__).resolve().parents[1]


class Builds:
    def __init__(self):
        self.count = 0

    def __call__(self, raw: bytes) -> dict:
        self.count += 1
        return {"words": frozenset(raw.decode().split()), "n": self.count}


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HAMSU_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_built_once_then_read_back(folder):
    build = Builds()
    first = derived_table("t", b"a b c", build, [cache])
    second = derived_table("t", b"a b c", build, [cache])
    assert build.count == 1 and first == second == {"words": frozenset("abc"), "n": 1}
    assert len(list(folder.glob("t-*.pickle"))) == 1


def test_other_data_is_another_key_and_the_old_file_goes(folder):
    build = Builds()
    derived_table("t", b"a b", build, [cache])
    table = derived_table("t", b"a b d", build, [cache])
    assert build.count == 2 and table["words"] == frozenset("abd")
    assert len(list(folder.glob("t-*.pickle"))) == 1


def test_changed_code_is_another_key(folder):
    build = Builds()
    derived_table("t", b"a", build, [cache])
    derived_table("t", b"a", build, [cache, pytest])  # another module shapes the table now
    assert build.count == 2


@pytest.mark.parametrize(
    "damage", [lambda b: b[:-7], lambda b: b[:40] + b"x" + b[41:], lambda b: b[:-1] + b"x", lambda b: b"junk"]
)
def test_a_damaged_file_is_rebuilt_not_trusted(folder, damage):
    build = Builds()
    derived_table("t", b"a b", build, [cache])
    [path] = folder.glob("t-*.pickle")
    path.write_bytes(damage(path.read_bytes()))
    assert derived_table("t", b"a b", build, [cache]) == {"words": frozenset("ab"), "n": 2}
    assert derived_table("t", b"a b", build, [cache])["n"] == 2  # and the good copy is back


def test_off_and_unwritable_only_cost_speed(tmp_path, monkeypatch):
    build = Builds()
    monkeypatch.setenv("HAMSU_CACHE_DIR", "off")
    assert derived_table("t", b"a", build, [cache])["n"] == 1
    assert derived_table("t", b"a", build, [cache])["n"] == 2
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("HAMSU_CACHE_DIR", str(blocker / "cache"))
    assert derived_table("t", b"a", build, [cache])["n"] == 3


def test_shipped_tables_from_the_cache_equal_freshly_built_ones(tmp_path):
    """The aligner's dictionary and the name table, read back by a second process, are the tables."""
    script = (
        "import pickle, sys\n"
        "from hamsu.align.dictionary import shipped_dictionary\n"
        "from hamsu.names.table import name_table_data\n"
        "d, n = shipped_dictionary(), name_table_data()\n"
        "sys.stdout.buffer.write(pickle.dumps((dict(d.en_to_fa), d.fa_keys, d.fa_phrases,"
        " n.by_fa, n.by_en, n.common, n.longest, n.first_words)))\n"
    )
    runs = []
    for setting in ("off", str(tmp_path / "c"), str(tmp_path / "c")):  # built; written; read back
        env = {**os.environ, "HAMSU_CACHE_DIR": setting}
        runs.append(subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, check=True).stdout)
    import pickle

    built, written, read = map(pickle.loads, runs)
    assert built == written == read
    assert len(list((tmp_path / "c").glob("*.pickle"))) == 2
