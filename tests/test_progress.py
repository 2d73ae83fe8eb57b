"""Progress of a long `hamsu align` on standard error (issue 14): shown when asked, never in the output."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from hamsu.progress import BAR, LINES, Stages

ROOT = Path(__file__).resolve().parents[1]
SEED = str(ROOT / "examples" / "seed.txt")


def _align(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "hamsu", "align", *args], capture_output=True, text=True,
                          env=env, timeout=120)  # fmt: skip


def test_progress_lines_go_to_stderr_and_leave_the_output_alone():
    plain = _align(SEED, "--format", "jsonl")
    shown = _align(SEED, "--format", "jsonl", "--progress")
    assert plain.returncode == shown.returncode == 0
    assert plain.stderr == "" and shown.stdout == plain.stdout
    lines = shown.stderr.splitlines()
    assert lines[0].startswith("hamsu: reading documents: 0, ")
    assert lines[1].startswith("hamsu: splitting paragraphs: 0 of ")
    assert any(line.startswith("hamsu: aligning 8 × 8 sentences") for line in lines)
    assert any(line.startswith("hamsu: linking names and checking 8 units") for line in lines)
    assert lines[-1].startswith("hamsu: aligned 1 document, 8 units in ") and lines[-1].endswith(" s")


def test_no_progress_wins_and_a_failed_job_prints_no_summary():
    assert _align(SEED, "--no-progress", "--format", "beads").stderr == ""
    failed = _align(str(ROOT / "no-such-file.txt"), "--progress")
    assert failed.returncode == 2 and "aligned" not in failed.stderr


def test_lines_are_periodic_within_a_stage():
    out = io.StringIO()
    stages = Stages(LINES, out, every=3600)
    for done in range(100):
        stages("splitting paragraphs", done, 100)
    stages("aligning", 0, 1)
    stages.finish("aligned 1 document, 5 units")
    lines = out.getvalue().splitlines()
    assert len(lines) == 3 and lines[1].startswith("hamsu: aligning: 0 of 1")
    assert lines[2].startswith("hamsu: aligned 1 document, 5 units in ")


def test_a_bar_comes_only_for_a_job_that_takes_a_while():
    quick = io.StringIO()
    stages = Stages(BAR, quick)
    stages("aligning", 0, 1)
    stages.finish("aligned")
    assert quick.getvalue() == ""  # a short job on a terminal: nothing at all
    slow = io.StringIO()
    stages = Stages(BAR, slow)
    stages.BAR_AFTER_SECONDS = 0.0
    stages("aligning", 0, 1)
    assert stages.bar is not None
    stages.finish("aligned 1 document")
    assert stages.bar is None and slow.getvalue().endswith(" s\n") and "aligned 1 document in " in slow.getvalue()
