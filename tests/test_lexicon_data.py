"""The compiled half-space table that ships inside the package, and the NOTICE that credits its sources."""
from __future__ import annotations

import gzip
import re
from importlib import resources
from pathlib import Path

import pytest

from hamsu.persian.lexicon import halfspace_lexicon

ROOT = Path(__file__).resolve().parent.parent
ZWNJ = "\u200c"
REQUIRED_SECTIONS = {"zwnj", "ambiguous", "compounds", "known", "verbs"}
# Sane bounds, wide enough for tuning: (smallest, largest) number of entries.
SIZES = {
    "zwnj": (10_000, 500_000),
    "ambiguous": (1, 20_000),
    "compounds": (1_000, 200_000),
    "known": (50_000, 1_000_000),
    "verbs": (1_000, 200_000),
}


@pytest.fixture(scope="module")
def sections() -> dict[str, list[str]]:
    table = resources.files("hamsu.data").joinpath("fa_halfspace.txt.gz")
    assert table.is_file(), "the compiled table is not inside the installed package"
    raw = table.read_bytes()
    assert len(raw) < 5_000_000, "the table should stay small enough to ship in the wheel"
    text = gzip.decompress(raw).decode("utf-8")
    assert text.startswith("## ")
    found: dict[str, list[str]] = {}
    for chunk in text.split("## ")[1:]:
        name, _, body = chunk.partition("\n")
        assert name not in found, f"section {name} twice"
        assert body.endswith("\n") or not body
        found[name] = body.split("\n")[:-1]
    return found


def test_expected_sections(sections):
    assert REQUIRED_SECTIONS <= set(sections)


@pytest.mark.parametrize("name", sorted(SIZES))
def test_section_sizes(sections, name):
    low, high = SIZES[name]
    assert low <= len(sections[name]) <= high
    assert len(set(sections[name])) == len(sections[name]), "duplicate entries"


def test_entries_are_clean_persian_words(sections):
    bad = re.compile(r"\s|[يكى\u0640\u200b\u200e\u200f]|^\u200c|\u200c$|\u200c\u200c")
    for name, words in sections.items():
        assert all(words), f"empty entry in {name}"
        offenders = [w for w in words if bad.search(w)]
        assert not offenders, f"{name}: {offenders[:5]}"


def test_half_space_sections_hold_half_spaces(sections):
    for name in ("zwnj", "ambiguous", "compounds"):
        assert all(ZWNJ in w for w in sections[name]), name
    for name in ("known", "verbs"):
        assert not any(ZWNJ in w for w in sections[name]), name


def test_known_entries(sections):
    assert "می‌شود" in sections["zwnj"]
    assert "برنامه‌ریزی" in sections["compounds"]
    assert "شود" in sections["verbs"]
    assert "میدان" in sections["known"]
    assert "می‌دانی" in sections["ambiguous"]


def test_loader_reads_the_same_table(sections):
    lex = halfspace_lexicon()
    assert lex.zwnj["میشود"] == "می‌شود"
    assert lex.ambiguous["میدانی"] == "می‌دانی"
    assert len(lex.verbs) == len(sections["verbs"])
    assert len(lex.known) == len(sections["known"])


@pytest.mark.parametrize("name", ["known", "common", "compounds"])
def test_sharded_tables_hold_every_word_and_no_other(sections, name):
    table = getattr(halfspace_lexicon(), name)
    assert sorted(table) == sorted(set(sections[name]))
    assert all(word in table for word in sections[name])
    assert not any(word + "ژژ" in table for word in sections[name][::97])
    assert "" not in table and "x" not in table


def test_the_spelling_map_is_keyed_by_the_glued_form(sections):
    zwnj = halfspace_lexicon().zwnj
    expected = {form.replace(ZWNJ, ""): form for form in sections["zwnj"]}
    assert {key: zwnj[key] for key in zwnj} == expected
    assert zwnj.get("ژژژ") is None and zwnj.get("ژژژ", "") == ""
    with pytest.raises(KeyError):
        zwnj["ژژژ"]


def test_a_lookup_builds_only_the_shard_of_its_word(monkeypatch, tmp_path):
    # A short text must not pay for the whole table: one word looked up, one shard built.
    monkeypatch.setenv("HAMSU_CACHE_DIR", str(tmp_path))
    lex = halfspace_lexicon.__wrapped__()
    assert "میدان" in lex.known and "میدان" not in lex.zwnj
    assert len(lex.known._shards) == 1 and len(lex.zwnj._shards) == 1
    again = halfspace_lexicon.__wrapped__()  # read back from the cache: the same tables
    assert list(tmp_path.glob("lexicon-*.pickle"))
    assert sorted(again.known) == sorted(lex.known) and again.verbs == lex.verbs


def test_notice_credits_every_shipped_source():
    notice = (ROOT / "NOTICE").read_text(encoding="utf-8")
    for needle in (
        "Apache License",
        "src/hamsu/data/fa_halfspace.txt.gz",
        "Lilak",
        "Mostafa Sedaghat Joo",
        "Behnam Esfahbod",
        "CC BY-SA 3.0",
        "wordfreq",
        "Robyn Speer",
        "CC BY-SA 4.0",
        "hazm",
        "Alireza Nourian",
        "shekar",
        "Ahmad Amirivojdan",
        "MIT",
    ):
        assert needle in notice, needle
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").count("Apache License") >= 1


def test_notice_names_every_shipped_data_file():
    notice = (ROOT / "NOTICE").read_text(encoding="utf-8")
    shipped = [f.name for f in resources.files("hamsu.data").iterdir() if f.is_file() and not f.name.endswith(".py")]
    assert "fa_halfspace.txt.gz" in shipped
    assert [name for name in shipped if f"hamsu/data/{name}" not in notice] == []


def test_package_data_declared():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"hamsu.data" = ["*.gz"]' in pyproject


def test_the_shipped_english_word_list_is_what_its_tool_builds(tmp_path):
    """src/hamsu/data/en_words.txt.gz is tools/build_english_words.py's output on the shared
    Wiktionary extract, byte for byte (the tool writes gzip without a time stamp)."""
    import subprocess
    import sys

    shared = ROOT.parent / "shared"
    pairs = shared / "data" / "dictionary" / "wiktionary-en-fa" / "en-fa-pairs.tsv"
    if not pairs.exists():
        pytest.skip("the shared Wiktionary extract is absent")
    out = tmp_path / "en_words.txt.gz"
    subprocess.run([sys.executable, str(ROOT / "tools" / "build_english_words.py"), "--shared", str(shared),
                    "--out", str(out)], check=True, capture_output=True)  # fmt: skip
    assert out.read_bytes() == (ROOT / "src" / "hamsu" / "data" / "en_words.txt.gz").read_bytes()
