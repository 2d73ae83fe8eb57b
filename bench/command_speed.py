#!/usr/bin/env python3
"""The everyday commands timed as a user runs them: whole processes, start-up included.

1. `hamsu align --presplit --pair FA EN` on a ~10k × 10k sentence pair (FLORES-200 devtest and
   TICO-19 test repeated and damaged by the referee's align_build.py, as bench/align_speed.py builds
   it), `--format jsonl` (names and checks on) and `--format beads` (they cannot be carried, so they
   are skipped); hunalign with the aligner's dictionary in the same run when it is on PATH.
2. Start-up: `hamsu align examples/seed.txt`, `hamsu normalize examples/seed.txt` and `hamsu --help`,
   median of 5 (after one untimed run, which may build the user's cache of derived tables).
3. `hamsu normalize` throughput on ~240,000 characters of Persian, fed 10 times (~2.4 M characters),
   through the referee's zwnj_eval.py --cmd, with the rishe peer in the same run when its venv exists
   (bench/peers_env.sh).

Each timing is wall-clock of the whole process; peak memory (max RSS) from the kernel's accounting
of the child. Report the figures with the machine's load: on a busy machine they mean little.

usage: python bench/command_speed.py [--repeat 3] [--shared ../shared] [--skip-normalize]
"""
from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from align_speed import build_document  # noqa: E402

HAMSU = [sys.executable, "-m", "hamsu"]
if shutil.which("hamsu") and Path(shutil.which("hamsu")).resolve().parent == Path(sys.executable).resolve().parent:
    HAMSU = [shutil.which("hamsu")]  # the console script a user runs


def timed(cmd: list[str], stdin=None, cwd=ROOT) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one run of cmd, its output discarded."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(cmd, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, cwd=cwd)
    wall = time.perf_counter() - start
    # ru_maxrss of children is the largest child so far: only a new maximum is this run's own.
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, (peak if peak > before else float("nan")) / 1024


def runs(label: str, cmd: list[str], repeat: int, **kw) -> dict:
    times, peaks = [], []
    for _ in range(repeat):
        wall, peak = timed(cmd, **kw)
        times.append(wall)
        peaks.append(peak)
    peak = max((p for p in peaks if p == p), default=float("nan"))
    row = {"label": label, "best": min(times), "median": statistics.median(times), "peak_mb": peak, "n": repeat}
    print(f"| {label} | {row['best']:.2f} | {row['median']:.2f} | {peak:.0f} | {repeat} |", flush=True)
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pairs", type=int, default=10_700)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--skip-normalize", action="store_true", help="leave out the normalize throughput runs")
    args = ap.parse_args()

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; "
          f"python {platform.python_version()}; {time.strftime('%Y-%m-%d %H:%M')}")  # fmt: skip
    print("| command | best s | median s | peak MB | runs |\n|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="hamsu-command-speed-") as tmp_name:
        tmp = Path(tmp_name)
        fa, en, _ = build_document(args.shared, args.pairs, tmp)
        # What a user's install has: bytecode (an environment with PYTHONDONTWRITEBYTECODE=1, as some
        # sandboxes set, would otherwise compile every module on every start) and the user cache.
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src" / "hamsu")], capture_output=True)
        subprocess.run([*HAMSU, "align", "examples/seed.txt"], cwd=ROOT, capture_output=True, check=True)  # cache
        pair = ["align", "--presplit", "--pair", str(fa), str(en)]
        runs("align --presplit --pair, 10k × 10k, --format jsonl (checks on)", [*HAMSU, *pair, "--format", "jsonl"],
             args.repeat)  # fmt: skip
        runs("align --presplit --pair, 10k × 10k, --format beads", [*HAMSU, *pair, "--format", "beads"], args.repeat)
        if shutil.which("hunalign"):
            from align_speed import hunalign_runs

            for label, seconds in hunalign_runs(fa, en, tmp):
                print(f"| {label} | {seconds:.2f} | | | 1 |")
        else:
            print("| hunalign | not on PATH (the referee measures 4.2-4.5 s with its dictionary here) | | | |")
        runs("align examples/seed.txt", [*HAMSU, "align", "examples/seed.txt"], 5)
        runs("normalize examples/seed.txt", [*HAMSU, "normalize", "examples/seed.txt"], 5)
        runs("--help", [*HAMSU, "--help"], 5)
        if not args.skip_normalize:
            normalize_throughput(args.shared, tmp)


def normalize_throughput(shared: Path, tmp: Path) -> None:
    """~240,000 characters of Persian fed 10 times through `hamsu normalize` and rishe, whole processes."""
    dev = shared / "data" / "dev"
    lines = (dev / "flores200" / "flores200_pes_Arab.devtest").read_text(encoding="utf-8").splitlines()
    lines += (dev / "tico19" / "tico19-test.fa").read_text(encoding="utf-8").splitlines()
    text, chosen = 0, []
    for line in lines:
        if text >= 240_000:
            break
        chosen.append(line)
        text += len(line) + 1
    gold = tmp / "persian.txt"
    gold.write_text("\n".join(chosen) + "\n", encoding="utf-8")
    print(f"\nnormalize throughput: {text:,} characters × 10 (zwnj_eval.py --repeat 10, mixed mode)")
    peers = [("hamsu normalize", " ".join(HAMSU + ["normalize"]))]
    peer_python = ROOT / "bench" / ".peers-venv" / "bin" / "python"
    if peer_python.exists():
        peers.append(("rishe", f"{peer_python} {shared / 'eval' / 'peers' / 'rishe_norm.py'}"))
    for label, cmd in peers:
        result = subprocess.run(
            [sys.executable, str(shared / "eval" / "zwnj_eval.py"), str(gold), "--cmd", cmd, "--repeat", "10"],
            capture_output=True, text=True, cwd=ROOT,
        )  # fmt: skip
        speed = [line for line in result.stdout.splitlines() if "chars/s" in line or "char" in line.lower()]
        print(f"{label}: {' | '.join(speed[-2:]) or result.stderr.strip()[-200:]}")


if __name__ == "__main__":
    main()
