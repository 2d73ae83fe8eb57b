#!/usr/bin/env python3
"""One very large document through `hamsu align`, as a user runs it: time, CPU and peak memory.

The document is built from the dev corpora (FLORES-200 devtest and TICO-19 test sentence pairs),
shuffled with a fixed seed in each repetition, in the seed's layout: Persian paragraphs of a few
sentences separated by blank lines, a blank line, then the English paragraphs in the same order;
repeated until the file reaches --mb megabytes (50 by default, the issue's case). With --pair the
same sentences are written as two one-sentence-a-line files and aligned with --presplit --pair.

The command runs as a child process with --progress (its plain progress lines are shown as they
come); the figures are the child's wall time, its user+system CPU and its peak resident memory
(max RSS, from the kernel's accounting). The issue's bar: < 1 GB peak.

usage: python bench/big_document.py [--mb 50] [--pair] [--format jsonl] [--shared ../shared] [--keep DIR]
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SENTENCES_PER_PARAGRAPH = 4


def read_lines(path: Path) -> list[str]:
    return [line.rstrip("\r\n") for line in open(path, encoding="utf-8")]


def sentence_pairs(shared: Path) -> list[tuple[str, str]]:
    dev = shared / "data" / "dev"
    fa = read_lines(dev / "flores200" / "flores200_pes_Arab.devtest") + read_lines(dev / "tico19" / "tico19-test.fa")
    en = read_lines(dev / "flores200" / "flores200_eng_Latn.devtest") + read_lines(dev / "tico19" / "tico19-test.en")
    return [(f.strip(), e.strip()) for f, e in zip(fa, en) if f.strip() and e.strip()]


def chosen_pairs(shared: Path, megabytes: float) -> list[tuple[str, str]]:
    """Shuffled repetitions of the dev pairs, up to about `megabytes` of UTF-8."""
    source = sentence_pairs(shared)
    rng = random.Random(775)
    target = megabytes * 1_000_000
    chosen: list[tuple[str, str]] = []
    size = 0
    while size < target:
        block = source[:]
        rng.shuffle(block)
        for fa, en in block:
            chosen.append((fa, en))
            size += len(fa.encode("utf-8")) + len(en.encode("utf-8")) + 2
            if size >= target:
                break
    return chosen


def write_document(pairs: list[tuple[str, str]], path: Path) -> None:
    """The seed's layout: Persian paragraphs, a blank line, the English paragraphs."""
    with open(path, "w", encoding="utf-8") as out:
        for side in (0, 1):
            for at in range(0, len(pairs), SENTENCES_PER_PARAGRAPH):
                out.write(" ".join(p[side] for p in pairs[at : at + SENTENCES_PER_PARAGRAPH]) + "\n\n")


def write_pair(pairs: list[tuple[str, str]], fa_path: Path, en_path: Path) -> None:
    fa_path.write_text("".join(fa + "\n" for fa, _ in pairs), encoding="utf-8")
    en_path.write_text("".join(en + "\n" for _, en in pairs), encoding="utf-8")


def hamsu_command() -> list[str]:
    script = shutil.which("hamsu")
    if script and Path(script).resolve().parent == Path(sys.executable).resolve().parent:
        return [script]
    return [sys.executable, "-m", "hamsu"]


def run_measured(cmd: list[str], output: Path) -> tuple[float, float, float, int]:
    """(wall s, CPU s, peak RSS MB, exit code) of one child process; its stderr passes through."""
    start = time.perf_counter()
    with open(output, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=50.0, help="size of the document in megabytes (UTF-8)")
    ap.add_argument("--pair", action="store_true", help="two one-sentence-a-line files, --presplit --pair")
    ap.add_argument("--format", default="jsonl", help="the output format asked of hamsu align")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--keep", type=Path, help="build the inputs and the output in this folder and keep them")
    args = ap.parse_args()

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; "
          f"python {platform.python_version()}; {time.strftime('%Y-%m-%d %H:%M')}", flush=True)  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="hamsu-big-document-") as tmp_name:
        folder = args.keep or Path(tmp_name)
        folder.mkdir(parents=True, exist_ok=True)
        pairs = chosen_pairs(args.shared, args.mb)
        if args.pair:
            inputs = [folder / "big.fa", folder / "big.en"]
            write_pair(pairs, *inputs)
            options = ["--presplit", "--pair"]
        else:
            inputs = [folder / "big.txt"]
            write_document(pairs, inputs[0])
            options = []
        size = sum(p.stat().st_size for p in inputs)
        print(f"input: {size / 1e6:.1f} MB, {len(pairs):,} sentence pairs ({' '.join(p.name for p in inputs)})",
              flush=True)  # fmt: skip
        cmd = [*hamsu_command(), "align", *options, *map(str, inputs), "--format", args.format, "--progress"]
        output = folder / f"big.{args.format}"
        wall, cpu, peak, code = run_measured(cmd, output)
        print(f"hamsu align {' '.join(options)} --format {args.format}: exit {code}, {wall:.1f} s wall, "
              f"{cpu:.1f} s CPU, peak {peak:,.0f} MB, output {output.stat().st_size / 1e6:.1f} MB")  # fmt: skip
        print(f"bar: peak < 1024 MB: {'met' if code == 0 and peak < 1024 else 'NOT met'}")


if __name__ == "__main__":
    main()
