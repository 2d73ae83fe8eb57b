"""`hamsu check` end to end, and the names and flags that `hamsu align` carries in its output."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from hamsu.read.aligned import aligned_pairs, read_aligned_files, read_aligned_jsonl

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "seed.txt"
GLOSSARY = ROOT / "tests" / "fixtures" / "check" / "seed_glossary.tsv"


def hamsu(*args, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "hamsu", *map(str, args)], input=stdin, capture_output=True, timeout=300
    )


def jsonl(out: bytes) -> list[dict]:
    return [json.loads(line) for line in out.decode("utf-8").splitlines()]


@pytest.fixture(scope="module")
def seed_flags() -> list[dict]:
    result = hamsu("check", SEED, "--glossary", GLOSSARY, "--format", "jsonl")
    assert result.returncode == 0, result.stderr.decode()
    return jsonl(result.stdout)


def test_jsonl_has_one_object_per_flag_with_the_issue_fields(seed_flags):
    assert seed_flags
    for flag in seed_flags:
        assert {"rule", "severity", "its_type", "message", "fa_spans", "en_spans"} <= set(flag)
        assert flag["severity"] in ("info", "minor", "warning", "major", "critical")


def test_glossary_flags_the_two_units_and_points_at_the_term(seed_flags):
    glossary = [f for f in seed_flags if f["rule"] == "glossary"]
    assert len(glossary) == 2
    text = SEED.read_text(encoding="utf-8")
    for flag in glossary:
        [(start, end)] = flag["fa_spans"]
        assert text[start:end] == "حضور سرزده"


def test_on_the_seed_only_the_glossary_units_reach_warning(seed_flags):
    """The seed is a sound translation but for "intrusive presence": nothing else may be as loud.
    (Islamic Revolutionary Guard Corps where the Persian writes the short سپاه پاسداران, Islamic
    Resistance for گروه مقاومت: translated names with their head noun kept are no omission.)"""
    loud = [f for f in seed_flags if f["severity"] in ("warning", "major", "critical")]
    assert [(f["rule"], f["unit"]) for f in loud] == [("glossary", 1), ("glossary", 5)]
    assert all(f["severity"] in ("info", "minor") for f in seed_flags if f["rule"] != "glossary")


def test_fail_on_gates_a_pipeline():
    flagged = hamsu("check", SEED, "--glossary", GLOSSARY, "--fail-on", "warning")
    assert flagged.returncode == 1
    assert " warning" in flagged.stderr.decode() and flagged.stderr.decode().startswith("hamsu check: ")
    assert hamsu("check", SEED, "--glossary", GLOSSARY, "--fail-on", "major").returncode == 0
    assert hamsu("check", SEED, "--glossary", GLOSSARY).returncode == 0


def test_text_report_names_place_rule_and_both_sides():
    out = hamsu("check", SEED, "--glossary", GLOSSARY).stdout.decode("utf-8")
    line = next(line for line in out.splitlines() if "[glossary]" in line)
    assert line.startswith(f"{SEED}: unit ") and "warning" in line
    assert "    fa: " in out and "    en: " in out


def test_text_report_shows_the_evidence_under_its_flag():
    lines = hamsu("check", SEED, "--glossary", GLOSSARY).stdout.decode("utf-8").splitlines()
    at = [i for i, line in enumerate(lines) if "[glossary]" in line]
    assert len(at) == 2
    for i in at:
        assert lines[i + 1] == (f"    evidence: term 'حضور سرزده' ({GLOSSARY}:2) written 'حضور سرزده'; accepted"
                                " 'surprise visit' | 'unannounced visit'; English has none of the accepted renderings")
        assert lines[i + 2].startswith("    fa: ")


def test_text_report_has_no_evidence_line_for_a_flag_without_evidence():
    from dataclasses import replace

    from hamsu.check.report import CheckedInput, write_report
    from hamsu.pipeline import check_document

    checked = check_document(aligned_pairs([("آیا او آمد؟", "He came.")], "d"), names=False)
    [flag] = checked.flags
    bare = replace(checked, flags=(replace(flag, evidence=""),))
    with_evidence, without = ("".join(write_report([CheckedInput(c)], "text", False, {})) for c in (checked, bare))
    assert with_evidence.splitlines()[1] == "    evidence: question marks: fa 1, en 0"
    assert without.splitlines() == [ln for ln in with_evidence.splitlines() if not ln.startswith("    evidence: ")]
    assert json.loads("".join(write_report([CheckedInput(bare)], "jsonl", False, {})))["evidence"] == ""


def test_jsonl_flags_carry_their_evidence(seed_flags):
    glossary = [f for f in seed_flags if f["rule"] == "glossary"]
    assert all(f["evidence"].startswith("term 'حضور سرزده' (") for f in glossary)
    assert all(isinstance(f["evidence"], str) for f in seed_flags)


def test_name_table():
    result = hamsu("check", SEED, "--names", "--format", "jsonl")
    rows = jsonl(result.stdout)
    by_fa = {row["fa"]: row for row in rows}
    assert "Qasem Soleymani" in by_fa["قاسم سلیمانی"]["en"]
    assert by_fa["البوکمال"]["en"] == ["Albu Kamal"] and by_fa["البوکمال"]["count"] >= 2


def test_checks_the_jsonl_that_align_writes(tmp_path, seed_flags):
    aligned = tmp_path / "seed.jsonl"
    assert hamsu("align", SEED, "--format", "jsonl", "-o", aligned).returncode == 0
    result = hamsu("check", aligned, "--glossary", GLOSSARY, "--format", "jsonl")
    assert result.returncode == 0, result.stderr.decode()
    flags = [f for f in jsonl(result.stdout) if f["rule"] == "glossary"]
    units = [json.loads(line) for line in aligned.read_text(encoding="utf-8").splitlines()]
    assert [f["line"] for f in flags] == [f["unit"] + 1 for f in flags]
    for flag in flags:  # spans point into the unit's own "fa" string
        [(start, end)] = flag["fa_spans"]
        assert units[flag["line"] - 1]["fa"][start:end] == "حضور سرزده"
    assert len(flags) == len([f for f in seed_flags if f["rule"] == "glossary"])


def test_aligned_files_line_by_line(tmp_path):
    fa, en = tmp_path / "a.fa", tmp_path / "a.en"
    fa.write_text("او ۱۲ کتاب خرید.\nدو تیپ رسید.\n", encoding="utf-8")
    en.write_text("He bought 13 books.\nTwo brigades arrived.\n", encoding="utf-8")
    result = hamsu("check", "--aligned", fa, en, "--format", "jsonl")
    flags = jsonl(result.stdout)
    numbers = [f for f in flags if f["rule"] == "numbers"]
    assert [f["unit"] for f in numbers] == [0]
    [(start, end)] = numbers[0]["fa_spans"]
    assert fa.read_text(encoding="utf-8")[start:end] == "۱۲"


def test_aligned_files_of_different_lengths_is_a_clear_error(tmp_path):
    fa, en = tmp_path / "a.fa", tmp_path / "a.en"
    fa.write_text("یک\nدو\n", encoding="utf-8")
    en.write_text("one\n", encoding="utf-8")
    result = hamsu("check", "--aligned", fa, en)
    assert result.returncode == 2
    err = result.stderr.decode()
    assert err.count("\n") == 1 and "2 lines" in err and "1" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "args, message",
    [
        (["--format", "xml"], "--format"),
        (["--fail-on", "fatal"], "--fail-on"),
    ],
)
def test_bad_options(args, message):
    result = hamsu("check", SEED, *args)
    assert result.returncode == 2 and message in result.stderr.decode()


def test_nothing_to_check():
    result = hamsu("check")
    assert result.returncode == 2 and "nothing to check" in result.stderr.decode()


def test_bad_glossary_names_the_line(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("حضور سرزده\tsurprise visit\nonly one column\n", encoding="utf-8")
    result = hamsu("check", SEED, "--glossary", bad)
    assert result.returncode == 2
    assert f"{bad}:2" in result.stderr.decode()


def test_align_jsonl_carries_names_and_flags(tmp_path):
    result = hamsu("align", SEED, "--format", "jsonl", "--glossary", GLOSSARY)
    units = jsonl(result.stdout)
    assert {"fa": "سلیمانی", "en": "Soleymani"}.items() <= units[0]["names"][0].items()
    flagged = [i for i, u in enumerate(units) if any(f["rule"] == "glossary" for f in u["flags"])]
    assert len(flagged) == 2
    bare = jsonl(hamsu("align", SEED, "--format", "jsonl", "--no-check").stdout)
    assert all(u["names"] == [] and u["flags"] == [] for u in bare)


def test_align_jsonl_flags_carry_their_evidence():
    units = jsonl(hamsu("align", SEED, "--format", "jsonl", "--glossary", GLOSSARY).stdout)
    evidence = [f["evidence"] for u in units for f in u["flags"] if f["rule"] == "glossary"]
    assert len(evidence) == 2 and all(e.startswith("term 'حضور سرزده' (") for e in evidence)


def test_tsv_has_an_evidence_column_in_the_order_of_the_flags():
    lines = hamsu("align", SEED, "--format", "tsv", "--glossary", GLOSSARY).stdout.decode("utf-8").splitlines()
    header = lines[0].split("\t")
    assert header == ["fa", "en", "score", "fa_ids", "en_ids", "doc", "flags", "evidence"]
    rows = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]
    flagged = [r for r in rows if "glossary:warning" in r["flags"]]
    assert len(flagged) == 2
    for row in flagged:
        items, evidence = row["flags"].split(","), json.loads(row["evidence"])
        assert len(items) == len(evidence)
        assert evidence[items.index("glossary:warning")].startswith("term 'حضور سرزده' (")
    assert all(r["evidence"] == "" for r in rows if not r["flags"])


def test_text_format_shows_the_evidence_under_its_flag():
    out = hamsu("align", SEED, "--glossary", GLOSSARY).stdout.decode("utf-8").splitlines()
    at = [i for i, line in enumerate(out) if line.startswith("  flag warning glossary: ")]
    assert len(at) == 2 and all(out[i + 1].startswith("    evidence: term 'حضور سرزده' (") for i in at)


def test_tmx_carries_flags_as_props(tmp_path):
    tmx = pytest.importorskip("translate.storage.tmx")
    out = tmp_path / "seed.tmx"
    assert hamsu("align", SEED, "--format", "tmx", "--glossary", GLOSSARY, "-o", out).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert text.count('<prop type="x-flag">glossary:warning') == 2
    # Each flag's evidence right after it, named by its rule.
    assert text.count('<prop type="x-flag-evidence">glossary: term \'حضور سرزده\' (') == 2
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if "x-flag-evidence" in line:
            rule = line.split(">", 1)[1].split(":", 1)[0]
            assert lines[i - 1].startswith(f'    <prop type="x-flag">{rule}:')
    assert '<prop type="x-name">سلیمانی = Soleymani</prop>' in text
    store = tmx.tmxfile(out.read_bytes(), sourcelanguage="fa", targetlanguage="en")
    assert len(store.units) == 8


def test_aligned_pairs_make_null_units_and_keep_offsets():
    alignment = aligned_pairs([("سلام", "Hello"), ("", "Extra line"), ("دنیا", "")])
    assert [(u.fa, u.en) for u in alignment.units] == [((0,), (0,)), ((), (1,)), ((1,), ())]
    fa_text, en_text = alignment.document.texts
    assert fa_text[alignment.fa[1].start : alignment.fa[1].end] == "دنیا"
    assert en_text[alignment.en[1].start : alignment.en[1].end] == "Extra line"


def test_read_aligned_jsonl_groups_by_document_and_names_bad_lines(tmp_path):
    from hamsu.errors import InputError

    text = "\n".join(
        json.dumps({"fa": fa, "en": en, "fa_ids": [], "en_ids": [], "doc": doc}, ensure_ascii=False)
        for fa, en, doc in [("یک", "one", "a"), ("دو", "two", "a"), ("سه", "three", "b")]
    )
    docs = list(read_aligned_jsonl(text, "x.jsonl"))
    assert [len(d.alignment.units) for d in docs] == [2, 1] and docs[1].lines == (3,)
    with pytest.raises(InputError, match=r"x\.jsonl:2: "):
        list(read_aligned_jsonl('{"fa": "a", "en": "b"}\n{"fa": 3}\n', "x.jsonl"))


def test_read_aligned_files_strips_carriage_returns(tmp_path):
    fa, en = tmp_path / "a.fa", tmp_path / "a.en"
    fa.write_bytes("سلام\r\nدنیا\r\n".encode())
    en.write_bytes(b"Hello\r\nWorld\r\n")
    alignment = read_aligned_files(fa, en)
    assert [s.text for s in alignment.en] == ["Hello", "World"]


# --- rule plugins (entry points in the group hamsu.rules) -------------------------------------------

PLUGIN = '''
from hamsu.check import Finding, Rule


class ExclaimRule(Rule):
    """An exclamation mark in English where the Persian has none."""

    name = "exclaim"
    severity = "minor"
    its_type = "style"
    description = "style: an exclamation in English only"
    threshold = 0.0

    def findings(self, unit):
        marks = unit.en.text.count("!")
        if not marks or "!" in unit.fa.text:
            return []
        return [Finding(1.0, "exclamation in English only", en_spans=(unit.en.whole,),
                        evidence=f"exclamation marks: fa 0, en {marks}")]


class NowhereRule(ExclaimRule):
    name = "nowhere"
    scope = "paragraph"
'''


def _plugin(tmp_path: Path) -> dict:
    """A package installed only for the processes started with the returned environment: its module
    and its dist-info (the metadata importlib.metadata reads entry points from) on PYTHONPATH."""
    import os

    site = tmp_path / "site"
    site.mkdir()
    (site / "hamsu_test_rules.py").write_text(PLUGIN, encoding="utf-8")
    info = site / "hamsu_test_rules-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: hamsu-test-rules\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(
        "[hamsu.rules]\nexclaim = hamsu_test_rules:ExclaimRule\nmissing = hamsu_test_rules_gone:Rule\n"
        "nowhere = hamsu_test_rules:NowhereRule\n",
        encoding="utf-8",
    )
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")]))}


def test_a_rule_plugin_runs_and_a_broken_one_is_one_warning(tmp_path):
    env = _plugin(tmp_path)
    fa, en = tmp_path / "a.fa", tmp_path / "a.en"
    fa.write_text("او آمد.\nاو رفت.\n", encoding="utf-8")
    en.write_text("He came!\nHe left.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "hamsu", "check", "--aligned", fa, en, "--format", "jsonl"],
                            capture_output=True, timeout=300, env=env)  # fmt: skip
    assert result.returncode == 0, result.stderr.decode()
    [flag] = jsonl(result.stdout)
    assert (flag["rule"], flag["unit"], flag["severity"], flag["evidence"]) == (
        "exclaim", 0, "minor", "exclamation marks: fa 0, en 1"
    )  # fmt: skip
    warnings = result.stderr.decode("utf-8").splitlines()[:-1]  # the last line is the summary
    assert len(warnings) == 2, warnings
    assert warnings[0].startswith("hamsu: warning: rule plugin 'missing' (hamsu_test_rules_gone:Rule) not loaded: "
                                  "ModuleNotFoundError")  # fmt: skip
    assert warnings[1].startswith("hamsu: warning: rule plugin 'nowhere' (hamsu_test_rules:NowhereRule) not loaded:")
    assert "scope 'paragraph'" in warnings[1]
    # The plugin's rule is in the table, after hamsu's own; without the plugin on the path it is not.
    listed = subprocess.run([sys.executable, "-c", "from hamsu.check import RULES; print(list(RULES)[-1])"],
                            capture_output=True, timeout=300, env=env)  # fmt: skip
    assert listed.stdout.decode().strip() == "exclaim"
    plain = hamsu("check", "--aligned", fa, en, "--format", "jsonl")
    assert plain.returncode == 0 and jsonl(plain.stdout) == [] and b"warning" not in plain.stderr
