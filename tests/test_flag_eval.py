"""bench/flag_eval.py: the parts that can go wrong without a full run.

Articles must keep every line, in order, under names that do not change between runs (judgments are
keyed by article name and unit); the per-rule table must count flags as the referee's
flag_precision.py does; the in-process runner must write what the real command writes.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("flag_eval", ROOT / "bench" / "flag_eval.py")
flag_eval = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(flag_eval)

SHARED = flag_eval.default_shared()
needs_shared = pytest.mark.skipif(not (SHARED / "data" / "dev").exists(), reason="shared dev corpora absent")

# Sentences as the corpora have them: any text without a line break (flag_precision.py reads lines
# with open(), which splits at \n, \r and \r\n; splitlines would split at more).
sentence = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
)


@given(st.lists(st.tuples(sentence, sentence, st.sampled_from(["CMU_1", "CMU_2", "PubMed_6", "wiki 4"])), max_size=30))
def test_split_keeps_every_line_in_order(rows):
    keys = [k for _, _, k in rows]
    articles = flag_eval.split_articles([f for f, _, _ in rows], [e for _, e, _ in rows], keys, "tico")
    assert sum(len(pairs) for _, pairs in articles) == len(rows)
    by_key = {}
    for f, e, k in rows:
        by_key.setdefault(k, []).append((f, e))
    assert [pairs for _, pairs in articles] == list(by_key.values())
    assert [name for name, _ in articles] == ["tico-" + k.replace(" ", "_") for k in by_key]


def test_unequal_sides_are_refused():
    with pytest.raises(ValueError, match="2 Persian, 1 English"):
        flag_eval.split_articles(["a", "b"], ["a"], ["d", "d"], "tico")


def test_written_articles_read_back_line_for_line(tmp_path):
    pairs = [("سلام دنیا ", "Hello world "), ("", "An English line with no Persian"), ("۲۰۱۹", "\t2019")]
    flag_eval.write_articles([("tico-x", pairs)], tmp_path)
    fa = [line.rstrip("\n") for line in open(tmp_path / "tico-x.fa", encoding="utf-8")]  # as flag_precision.py reads
    en = [line.rstrip("\n") for line in open(tmp_path / "tico-x.en", encoding="utf-8")]
    assert list(zip(fa, en)) == pairs


@needs_shared
def test_dev_articles_match_check_eval_and_are_stable():
    """The same grouping as bench/check_eval.py read_corpus, every line kept, names fixed by position."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import check_eval
    finally:
        sys.path.remove(str(ROOT / "bench"))
    for corpus, spec in flag_eval.CORPORA.items():
        ours = flag_eval.corpus_articles(SHARED, corpus)
        theirs = check_eval.read_corpus(SHARED, spec, corpus)
        assert [pairs for _, pairs in ours] == [pairs for _, pairs in theirs]
        lines = (SHARED / "data" / spec[1]).read_text(encoding="utf-8").splitlines()
        assert [e for _, pairs in ours for _, e in pairs] == lines
        assert ours == flag_eval.corpus_articles(SHARED, corpus)
    flores = [name for name, _ in flag_eval.corpus_articles(SHARED, "flores")]
    tico = [name for name, _ in flag_eval.corpus_articles(SHARED, "tico")]
    assert flores[:3] == ["flores-000", "flores-001", "flores-002"] and len(flores) == 281
    assert "tico-CMU_1" in tico and "tico-PubMed_6" in tico


def _flag(unit, rule, severity):
    return json.dumps({"rule": rule, "severity": severity, "message": "m", "unit": unit})


def _label(doc, unit, rule, label):
    return json.dumps({"doc": doc, "unit": unit, "rule": rule, "label": label, "why": "w"}) + "\n"


def test_rule_table_counts_as_flag_precision_does(tmp_path):
    """Warning and above only, one flag per (doc, unit, rule), labels matched by that key; the totals
    must be the referee's."""
    flag_eval.write_articles([("doc-a", [("یک", "one")] * 4)], tmp_path)
    (tmp_path / "doc-a.flags.jsonl").write_text("\n".join([
        _flag(0, "numbers", "major"), _flag(0, "numbers", "warning"),  # one key, counted once
        _flag(0, "names", "warning"), _flag(1, "names", "critical"), _flag(2, "names", "minor"),  # minor: not counted
        _flag(3, "dates", "major"),  # unlabeled
    ]) + "\n", encoding="utf-8")  # fmt: skip
    labels = tmp_path / "labels.jsonl"
    judged = [(0, "numbers", "REAL"), (0, "names", "OK-CONVERSION"), (1, "names", "FALSE"), (2, "names", "FALSE")]
    labels.write_text("".join(_label("doc-a", u, r, lab) for u, r, lab in judged))
    keys = flag_eval.alarm_flags(tmp_path)
    assert sorted(keys) == [
        ("doc-a", 0, "names"),
        ("doc-a", 0, "numbers"),
        ("doc-a", 1, "names"),
        ("doc-a", 3, "dates"),
    ]
    table = flag_eval.rule_table(keys, flag_eval.load_labels(str(labels))[0], units=4)
    assert "| names | 2 | 0 | 1 | 1 | 0 | 0.000 | 50.00 |" in table
    assert "| (all rules) | 4 | 1 | 1 | 1 | 1 | 0.333 | 50.00 |" in table
    referee = subprocess.run([sys.executable, str(SHARED / "eval" / "flag_precision.py"), str(tmp_path), "--labels",
                              str(labels)], capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert "flags(warning+)=4 labeled=3 unlabeled=1 precision=0.333 false_alarms_per_100_units=50.00" in referee


def test_labels_outside_the_three_kinds_are_refused(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"doc": "d", "unit": 0, "rule": "names", "label": "real", "why": "w"}) + "\n")
    with pytest.raises(ValueError, match="not one of"):
        flag_eval.load_labels(str(bad))


def test_labels_two_files_disagree_later_wins(tmp_path):
    for name, label in [("a.jsonl", "FALSE"), ("b.jsonl", "REAL")]:
        (tmp_path / name).write_text(
            json.dumps({"doc": "d", "unit": 0, "rule": "names", "label": label, "why": "w"}) + "\n"
        )
    labels, conflicts = flag_eval.load_labels(str(tmp_path / "*.jsonl"))
    assert labels == {("d", 0, "names"): "REAL"} and conflicts == 1


def test_in_process_writes_what_the_command_writes(tmp_path):
    """The --in-process worker and `python -m hamsu check --aligned` give the same bytes."""
    pairs = [("او در سال ۲۰۱۹ سه کتاب به تهران برد.", "In 2019 he took four books to Tehran."),
             ("کاخ سفید اعلام کرد.", "The White House announced it.")]  # fmt: skip
    flag_eval.write_articles([("tico-t", pairs)], tmp_path)
    args = ["check", "--aligned", str(tmp_path / "tico-t.fa"), str(tmp_path / "tico-t.en"), "--format", "jsonl"]
    runner = flag_eval.Hamsu(sys.executable, ROOT / "src", jobs=1, in_process=True)
    runner.run_all([(args, tmp_path / "in.jsonl")])
    runner.run_cli(args, tmp_path / "cli.jsonl")
    produced = (tmp_path / "in.jsonl").read_bytes()
    assert produced == (tmp_path / "cli.jsonl").read_bytes()
    assert b'"rule": "numbers"' in produced  # three books against four: the run did check something


def test_a_refused_article_is_an_empty_flag_file_both_ways(tmp_path):
    """An article hamsu refuses (exit 2: here no English at all) is what the referee's `>` leaves, an
    empty file, and is reported, in process as by the command, rather than stopping the run."""
    (tmp_path / "a.raw.txt").write_text("این فقط فارسی است.\n\nاین هم فارسی است.\n", encoding="utf-8")
    args = ["check", str(tmp_path / "a.raw.txt"), "--format", "jsonl"]
    in_process = flag_eval.Hamsu(sys.executable, ROOT / "src", jobs=1, in_process=True)
    [refusal] = in_process.run_all([(args, tmp_path / "in.jsonl")])
    assert refusal.name == "in.jsonl" and refusal.code == 2 and "English" in refusal.message
    cli_refusal = in_process.run_cli(args, tmp_path / "cli.jsonl")
    assert cli_refusal.code == 2 and cli_refusal.message == refusal.message
    assert (tmp_path / "in.jsonl").read_bytes() == (tmp_path / "cli.jsonl").read_bytes() == b""


def _fake_python(tmp_path, script):
    """An interpreter stand-in for `PY -m hamsu ...`: a shell script printing what it is told."""
    path = tmp_path / "fake-python"
    path.write_text("#!/bin/sh\n" + script + "\n")
    path.chmod(0o755)
    return str(path)


def test_verify_blames_in_process_only_when_the_command_is_stable(tmp_path, capsys):
    out = tmp_path / "a.flags.jsonl"
    out.write_bytes(b"in-process\n")
    jobs = [(["check", "--aligned", "a.fa", "a.en"], out)]
    stable = flag_eval.Hamsu(_fake_python(tmp_path, "echo command"), None, jobs=1, in_process=True)
    with pytest.raises(SystemExit, match="differs from the command line's"):
        flag_eval.verify_in_process(stable, jobs, [], sample=1)
    varying = flag_eval.Hamsu(_fake_python(tmp_path, "date +%N"), None, jobs=1, in_process=True)
    flag_eval.verify_in_process(varying, jobs, [], sample=1)
    assert "differs between two runs of the command" in capsys.readouterr().out
