#!/usr/bin/env python3
"""End-to-end alignment benchmark: raw bilingual articles → `hamsu align --format jsonl` → referee.

Builds damaged test articles with the referee's align_build.py (default damage) from FLORES-200
devtest and TICO-19 test, aligns each NAME.raw.txt through hamsu's Python API (the same code as
`hamsu align NAME.raw.txt --format jsonl`), and scores with align_e2e_score.py. The baseline
peers/naive_e2e.py (regex splitting + Gale–Church) runs in the same run.

usage: python bench/align_e2e.py [--shared ../shared] [--corpus flores tico] [--keep DIR]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from hamsu.api import align_paths  # noqa: E402
from hamsu.formats.units import write_jsonl  # noqa: E402

CORPORA = {
    "flores": ("dev/flores200/flores200_pes_Arab.devtest", "dev/flores200/flores200_eng_Latn.devtest",
               "flores:{data}/dev/flores200/flores200_metadata_devtest.tsv"),
    "tico": ("dev/tico19/tico19-test.fa", "dev/tico19/tico19-test.en", "tico:{data}/dev/tico19/tico19-test.en.info"),
}


def run(cmd: list[str]) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--corpus", nargs="+", default=list(CORPORA), choices=list(CORPORA))
    ap.add_argument("--keep", type=Path, help="build the articles here and keep them")
    a = ap.parse_args()
    data, evaldir = a.shared / "data", a.shared / "eval"
    rows = []
    for name in a.corpus:
        fa, en, ids = CORPORA[name]
        out = (a.keep / name) if a.keep else Path(tempfile.mkdtemp(prefix=f"hamsu-e2e-{name}-"))
        out.mkdir(parents=True, exist_ok=True)
        run([sys.executable, str(evaldir / "align_build.py"), str(data / fa), str(data / en),
             ids.format(data=data), str(out)])
        raws = sorted(out.glob("*.raw.txt"))
        t = time.perf_counter()
        for raw in raws:
            [alignment] = align_paths([raw])
            pred = raw.with_name(raw.name[: -len(".raw.txt")] + ".pred.jsonl")
            pred.write_text("".join(write_jsonl([alignment])), encoding="utf-8")
        secs = time.perf_counter() - t
        hamsu_score = run([sys.executable, str(evaldir / "align_e2e_score.py"), str(out)])
        for raw in raws:  # the baseline, on the same articles
            pred = raw.with_name(raw.name[: -len(".raw.txt")] + ".pred.jsonl")
            baseline = run([sys.executable, str(evaldir / "peers" / "naive_e2e.py"), str(raw)])
            pred.write_text(baseline + "\n", encoding="utf-8")
        naive_score = run([sys.executable, str(evaldir / "align_e2e_score.py"), str(out)])
        rows.append((name, len(raws), hamsu_score, naive_score, secs))
    print(f"# end-to-end alignment ({time.strftime('%Y-%m-%d %H:%M')})\n")
    print("| corpus | articles | tool | score | seconds |\n| --- | ---: | --- | --- | ---: |")
    for name, n, hamsu_score, naive_score, secs in rows:
        print(f"| {name} | {n} | hamsu | {hamsu_score} | {secs:.1f} |")
        print(f"| {name} | {n} | regex + Gale–Church | {naive_score} | |")
    json.dumps(rows)


if __name__ == "__main__":
    main()
