#!/usr/bin/env python3
"""Speed of hamsu's sentence aligner on one long document (about 10,000 × 10,000 sentences).

The document is the FLORES-200 devtest and TICO-19 test sentence pairs repeated (each repetition
shuffled with a fixed seed) up to the size asked for, then damaged by the referee's own
align_build.py (merges, drops and inserted sentences at its default rates) as one article.
Each timed run normalizes the Persian sentences and aligns them (the issue counts normalization);
the two parts are reported apart as well.
The strict F1 of the result is printed too, so a faster setting that aligns worse shows.

hunalign is measured in the same run when `hunalign` is on PATH (Debian bookworm has no package;
build it from source if wanted), with and without the aligner's dictionary written in hunalign's
format ('english @ persian' lines).

usage: python bench/align_speed.py [--pairs 10700] [--repeat 3] [--shared /work/shared] [--profile]
"""
from __future__ import annotations

import argparse
import gzip
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def read_lines(path: Path) -> list[str]:
    return [line.rstrip("\r\n") for line in open(path, encoding="utf-8")]


def build_document(shared: Path, pairs: int, out: Path) -> tuple[Path, Path, Path]:
    dev = shared / "data" / "dev"
    fa = read_lines(dev / "flores200" / "flores200_pes_Arab.devtest") + read_lines(dev / "tico19" / "tico19-test.fa")
    en = read_lines(dev / "flores200" / "flores200_eng_Latn.devtest") + read_lines(dev / "tico19" / "tico19-test.en")
    source = list(zip(fa, en))
    rng = random.Random(775)
    chosen: list[tuple[str, str]] = []
    while len(chosen) < pairs:
        block = source[:]
        rng.shuffle(block)
        chosen += block
    chosen = chosen[:pairs]
    (out / "src.fa").write_text("".join(f + "\n" for f, _ in chosen), encoding="utf-8")
    (out / "src.en").write_text("".join(e + "\n" for _, e in chosen), encoding="utf-8")
    (out / "src.ids").write_text("long\n" * len(chosen), encoding="utf-8")
    build = shared / "eval" / "align_build.py"
    subprocess.run(
        [sys.executable, str(build), str(out / "src.fa"), str(out / "src.en"), str(out / "src.ids"), str(out / "doc")],
        check=True, capture_output=True,
    )
    name = str(next((out / "doc").glob("*.gold")))[: -len(".gold")]
    return Path(name + ".fa"), Path(name + ".en"), Path(name + ".gold")


def gold_units(path: Path) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    units = set()
    for line in open(path, encoding="utf-8"):
        m = re.match(r"\[([\d,]*)\]:\[([\d,]*)\]", line.strip())
        if m:
            fa = tuple(int(x) for x in m.group(1).split(",") if x)
            en = tuple(int(x) for x in m.group(2).split(",") if x)
            if fa and en:
                units.add((fa, en))
    return units


def strict_f1(pred: set, gold: set) -> float:
    tp = len(pred & gold)
    p, r = tp / max(1, len(pred)), tp / max(1, len(gold))
    return 2 * p * r / max(p + r, 1e-9)


def hunalign_runs(fa_path: Path, en_path: Path, tmp: Path) -> list[tuple[str, float]]:
    exe = shutil.which("hunalign")
    if not exe:
        return []
    # hunalign aligns source (left) to target (right) with a dictionary of 'target @ source'
    # lines; our source is English, our target Persian.
    from importlib import resources

    from hamsu.align.dictionary import DICTIONARY_FILE

    raw = resources.files("hamsu.data").joinpath(DICTIONARY_FILE).read_bytes()
    lines = [ln.split("\t") for ln in gzip.decompress(raw).decode("utf-8").splitlines() if ln and ln[0] != "#"]
    dic = tmp / "en_fa.dic"
    dic.write_text("".join(f"{fa} @ {en}\n" for en, fa, *_ in lines), encoding="utf-8")
    empty = tmp / "null.dic"
    empty.write_text("", encoding="utf-8")
    runs = []
    for label, d in (("hunalign, dictionary", dic), ("hunalign, no dictionary", empty)):
        t = time.perf_counter()
        subprocess.run([exe, str(d), str(en_path), str(fa_path), "-text"], check=True, capture_output=True)
        runs.append((label, time.perf_counter() - t))
    return runs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=10_700, help="source pairs (damage merges ~6%% away)")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs; the best is reported")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--profile", action="store_true", help="print a cProfile of one run")
    args = ap.parse_args()

    from hamsu import normalize
    from hamsu.align import AlignModel, align

    with tempfile.TemporaryDirectory(prefix="hamsu-align-speed-") as tmp_name:
        tmp = Path(tmp_name)
        fa_path, en_path, gold_path = build_document(args.shared, args.pairs, tmp)
        fa_raw = read_lines(fa_path)
        en = read_lines(en_path)
        model = AlignModel.default()  # the dictionary is loaded once per process, not timed
        print(f"document: {len(fa_raw):,} Persian × {len(en):,} English sentences; python {sys.version.split()[0]};"
              f" {os.cpu_count()} cores")
        times, cpu, norm = [], [], []
        for _ in range(args.repeat):
            t, c = time.perf_counter(), time.process_time()
            fa = [normalize(s) for s in fa_raw]
            norm.append(time.perf_counter() - t)
            units = align(fa, en, model=model)
            times.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
        pred = {(u.fa, u.en) for u in units if u.fa and u.en}
        # The machine is shared: the best wall time of a few runs, and CPU time beside it.
        f1 = strict_f1(pred, gold_units(gold_path))
        print(f"hamsu normalize + align(): best {min(times):.2f} s wall, {min(cpu):.2f} s CPU, of {args.repeat}"
              f" runs (wall: {', '.join(f'{t:.2f}' for t in times)}; normalization {min(norm):.2f} s of it);"
              f" strict F1 {f1:.4f}")
        runs = hunalign_runs(fa_path, en_path, tmp)
        for label, secs in runs:
            print(f"{label}: {secs:.2f} s")
        if not runs:
            print("hunalign: not on PATH, not measured")
        if args.profile:
            import cProfile
            import pstats

            cProfile.runctx("align(fa, en, model=model)", globals(), locals(), str(tmp / "prof"))
            pstats.Stats(str(tmp / "prof")).sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main()
