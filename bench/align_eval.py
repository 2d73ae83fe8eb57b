#!/usr/bin/env python3
"""Sentence alignment quality: hamsu and Gale–Church through the referee scripts, same run.

Builds test articles with /work/shared/eval/align_build.py (default damage and seed) from
FLORES-200 devtest and TICO-19 test into a temporary directory, aligns every NAME.fa / NAME.en
(Persian lines normalized with hamsu.normalize first) with hamsu.align.align and with the
Gale–Church peer (shared/eval/peers/galechurch.py), writes NAME.pred as '[i,j]:[k]:score' lines,
scores each aligner's directory with shared/eval/align_score.py and prints a Markdown table.

usage:
  python bench/align_eval.py                      # the table (seed 775, the referee's default)
  python bench/align_eval.py --seed 1             # other articles, same sources
  python bench/align_eval.py --fit-length         # the length model's constants (length.py)
  python bench/align_eval.py --fit-confidence     # confidence coefficients on seeds 1 and 2,
                                                  # reliability on seed 775 (confidence.py)
"""
from __future__ import annotations

import argparse
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SCORE_LINE = re.compile(
    r"docs=(?P<docs>\d+) missing=(?P<missing>\d+) strict P=(?P<P>[\d.]+) R=(?P<R>[\d.]+) F1=(?P<F1>[\d.]+) \| "
    r"lax\(pairs\) P=(?P<lP>[\d.]+) R=(?P<lR>[\d.]+) F1=(?P<lF1>[\d.]+)"
)


def corpora(shared: Path) -> list[tuple[str, list[str]]]:
    dev = shared / "data" / "dev"
    flores, tico = dev / "flores200", dev / "tico19"
    return [
        ("FLORES-200 devtest", [str(flores / "flores200_pes_Arab.devtest"), str(flores / "flores200_eng_Latn.devtest"),
                                "flores:" + str(flores / "flores200_metadata_devtest.tsv")]),
        ("TICO-19 test", [str(tico / "tico19-test.fa"), str(tico / "tico19-test.en"),
                          "tico:" + str(tico / "tico19-test.en.info")]),
    ]


def build(shared: Path, sources: list[str], out: Path, seed: int | None) -> list[Path]:
    cmd = [sys.executable, str(shared / "eval" / "align_build.py"), *sources, str(out)]
    if seed is not None:
        cmd += ["--seed", str(seed)]
    subprocess.run(cmd, check=True, capture_output=True)
    return sorted(Path(str(p)[: -len(".gold")]) for p in out.glob("*.gold"))


def ext(doc: Path, suffix: str) -> Path:
    """NAME.suffix for an article NAME (names hold dots: 001_.wikinews.org_wiki_...)."""
    return Path(str(doc) + suffix)


def read_lines(path: Path) -> list[str]:
    return [line.rstrip("\r\n") for line in open(path, encoding="utf-8")]


def read_beads(path: Path) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    beads = []
    for line in open(path, encoding="utf-8"):
        m = re.match(r"\[([\d,\s]*)\]:\[([\d,\s]*)\]", line.strip())
        if m:
            beads.append(tuple(tuple(int(x) for x in g.split(",") if x.strip()) for g in m.groups()))
    return beads


def bead_line(fa: tuple[int, ...], en: tuple[int, ...], score: float | None = None) -> str:
    text = f"[{','.join(map(str, fa))}]:[{','.join(map(str, en))}]"
    return text + (f":{score:.4f}" if score is not None else "") + "\n"


def pred_dir(base: Path, label: str, docs: list[Path]) -> Path:
    d = base.parent / f"{base.name}-{label}"
    d.mkdir()
    for doc in docs:
        os.symlink(ext(doc, ".gold"), d / (doc.name + ".gold"))
    return d


def load_docs(docs: list[Path]) -> list[tuple[Path, list[str], list[str]]]:
    from hamsu import normalize

    return [(doc, [normalize(s) for s in read_lines(ext(doc, ".fa"))], read_lines(ext(doc, ".en")))
            for doc in docs]


def run_hamsu(loaded, out: Path) -> float:
    from hamsu.align import AlignModel, align

    model = AlignModel.default()  # load the dictionary before the clock starts
    t = time.perf_counter()
    for doc, fa, en in loaded:
        units = align(fa, en, model=model)
        (out / (doc.name + ".pred")).write_text("".join(bead_line(u.fa, u.en, u.score) for u in units))
    return time.perf_counter() - t


def run_galechurch(shared: Path, docs: list[Path], out: Path) -> float:
    peer = shared / "eval" / "peers" / "galechurch.py"
    t = time.perf_counter()
    for doc in docs:
        beads = subprocess.run([sys.executable, str(peer), str(ext(doc, ".fa")), str(ext(doc, ".en"))],
                               check=True, capture_output=True, text=True).stdout
        (out / (doc.name + ".pred")).write_text(beads)
    return time.perf_counter() - t


def score(shared: Path, d: Path) -> dict[str, str]:
    line = subprocess.run([sys.executable, str(shared / "eval" / "align_score.py"), str(d)],
                          check=True, capture_output=True, text=True).stdout.strip()
    m = SCORE_LINE.search(line)
    if not m:
        raise SystemExit(f"cannot read align_score.py output: {line!r}")
    return m.groupdict()


def evaluate(args: argparse.Namespace) -> None:
    shared = args.shared
    rows = []
    with tempfile.TemporaryDirectory(prefix="hamsu-align-eval-") as tmp_name:
        tmp = Path(tmp_name)
        for k, (label, sources) in enumerate(corpora(shared)):
            base = tmp / f"c{k}"
            docs = build(shared, sources, base, args.seed)
            loaded = load_docs(docs)
            units = sum(len(read_beads(ext(doc, ".gold"))) for doc in docs)
            d = pred_dir(base, "hamsu", docs)
            secs = run_hamsu(loaded, d)
            rows.append((label, "hamsu", score(shared, d), secs, len(docs), units))
            if not args.no_peer:
                d = pred_dir(base, "galechurch", docs)
                secs = run_galechurch(shared, docs, d)
                rows.append((label, "Gale–Church (peers/galechurch.py)", score(shared, d), secs, len(docs), units))
    seed = args.seed if args.seed is not None else "775 (default)"
    print(f"# Sentence alignment — pre-split articles from align_build.py, seed {seed}\n")
    print(f"- command: `python bench/align_eval.py{' --seed ' + str(args.seed) if args.seed is not None else ''}`")
    print(f"- python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores")
    print("- referee: shared/eval/align_build.py (default damage: merge 0.12, drop 0.06, noise 0.04),"
          " shared/eval/align_score.py (strict = exact non-null units; lax = shared sentence pairs)")
    print("- time: aligning all articles of the corpus (hamsu in-process after loading its dictionary;"
          " Gale–Church one process per article, start-up included)\n")
    print("| corpus | aligner | articles | gold beads (incl. null) | strict P | strict R | strict F1"
          " | lax P | lax R | lax F1 | secs |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, tool, s, secs, ndocs, units in rows:
        f1 = f"**{s['F1']}**" if tool == "hamsu" else s["F1"]
        print(f"| {label} | {tool} | {ndocs} | {units} | {s['P']} | {s['R']} | {f1} | {s['lP']} | {s['lR']} |"
              f" {s['lF1']} | {secs:.1f} |")


# --- Fitting ----------------------------------------------------------------------------------


def fit_length(args: argparse.Namespace) -> None:
    """c = Σ l_fa / Σ l_en and s² = var((l_fa − c l_en) / sqrt((l_fa / c + l_en) / 2)) on clean pairs."""
    from hamsu import normalize

    dev = args.shared / "data" / "dev"
    sets = {
        "FLORES-200 devtest": (dev / "flores200" / "flores200_pes_Arab.devtest",
                               dev / "flores200" / "flores200_eng_Latn.devtest"),
        "TICO-19 test": (dev / "tico19" / "tico19-test.fa", dev / "tico19" / "tico19-test.en"),
    }
    everything = []
    for label, (fa_path, en_path) in sets.items():
        pairs = [(len(normalize(f)), len(e)) for f, e in zip(read_lines(fa_path), read_lines(en_path)) if f and e]
        everything += pairs
        report_length(label, pairs)
    report_length("both", everything)


def report_length(label: str, pairs: list[tuple[int, int]]) -> None:
    c = sum(f for f, _ in pairs) / sum(e for _, e in pairs)
    z = [(f - c * e) / math.sqrt((f / c + e) / 2) for f, e in pairs]
    s2 = statistics.pvariance(z)
    zs = sorted(x / math.sqrt(s2) for x in z)
    q = lambda p: zs[int(p * (len(zs) - 1))]  # noqa: E731
    print(f"{label}: {len(pairs)} pairs  FA_PER_EN c = {c:.3f}  VARIANCE s² = {s2:.2f}"
          f"  (δ quantiles 1%/99%: {q(0.01):.2f}/{q(0.99):.2f})")


def labelled_units(docs_loaded, model) -> list[tuple[str, tuple[float, ...], bool]]:
    from hamsu.align import align_with_features

    out = []
    for doc, fa, en in docs_loaded:
        gold = set(read_beads(ext(doc, ".gold")))
        for unit, kind, x in align_with_features(fa, en, model=model):
            if x:
                out.append((kind, x, (unit.fa, unit.en) in gold))
    return out


def logistic_fit(xs: list[tuple[float, ...]], ys: list[bool], l2: float = 1.0, steps: int = 50) -> list[float]:
    """Maximum likelihood logistic regression by Newton's method, with a light L2 penalty (not on the bias)."""
    k = len(xs[0])
    w = [0.0] * k
    for _ in range(steps):
        grad = [0.0] * k
        hess = [[0.0] * k for _ in range(k)]
        for x, y in zip(xs, ys):
            z = sum(wi * xi for wi, xi in zip(w, x))
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            g = p - y
            h = p * (1 - p)
            for a in range(k):
                grad[a] += g * x[a]
                for b in range(k):
                    hess[a][b] += h * x[a] * x[b]
        for a in range(1, k):
            grad[a] += l2 * w[a]
            hess[a][a] += l2
        for a in range(k):
            hess[a][a] += 1e-9
        step = solve(hess, grad)
        w = [wi - si for wi, si in zip(w, step)]
        if max(abs(s) for s in step) < 1e-7:
            break
    return w


def solve(a: list[list[float]], b: list[float]) -> list[float]:
    n = len(b)
    m = [row[:] + [bi] for row, bi in zip(a, b)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col and m[col][col]:
                f = m[r][col] / m[col][col]
                for c in range(col, n + 1):
                    m[r][c] -= f * m[col][c]
    return [m[r][n] / m[r][r] if m[r][r] else 0.0 for r in range(n)]


def fit_confidence(args: argparse.Namespace) -> None:
    from hamsu.align import AlignModel
    from hamsu.align.confidence import FEATURES, probability

    model = AlignModel.default()
    train, test = [], []
    with tempfile.TemporaryDirectory(prefix="hamsu-align-fit-") as tmp_name:
        tmp = Path(tmp_name)
        for k, (_, sources) in enumerate(corpora(args.shared)):
            for seed in (1, 2):
                train += labelled_units(load_docs(build(args.shared, sources, tmp / f"c{k}s{seed}", seed)), model)
            test += labelled_units(load_docs(build(args.shared, sources, tmp / f"c{k}test", None)), model)
    coefficients = {}
    for kind in ("1-1", "merge", "null"):
        rows = [(x, y) for kd, x, y in train if kd == kind]
        if len(rows) < 20 or all(y for _, y in rows) or not any(y for _, y in rows):
            print(f"{kind}: {len(rows)} units, too few or one-sided; keeping a constant")
            right = sum(y for _, y in rows)
            p = (right + 1) / (len(rows) + 2)
            coefficients[kind] = (math.log(p / (1 - p)),) + (0.0,) * (len(FEATURES) - 1)
            continue
        w = logistic_fit([x for x, _ in rows], [y for _, y in rows])
        coefficients[kind] = tuple(round(v, 3) for v in w)
        print(f"{kind}: {len(rows)} units, {sum(1 for _, y in rows if not y)} wrong")
    print("\nCOEFFICIENTS = {  # " + ", ".join(FEATURES))
    for kind, w in coefficients.items():
        print(f'    "{kind}": {w},')
    print("}\n")
    reliability("train (seeds 1, 2)", train, coefficients, probability)
    reliability("test (seed 775)", test, coefficients, probability)


def reliability(label, units, coefficients, probability) -> None:
    scored = [(probability(kind, x, coefficients), y) for kind, x, y in units]
    bins = [(0.0, 0.5), (0.5, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 0.99), (0.99, 1.01)]
    print(f"reliability, {label}: {len(scored)} units")
    print("| predicted | units | mean predicted | observed right |")
    print("| --- | ---: | ---: | ---: |")
    ece = 0.0
    for lo, hi in bins:
        sel = [(p, y) for p, y in scored if lo <= p < hi]
        if sel:
            mp = sum(p for p, _ in sel) / len(sel)
            ob = sum(y for _, y in sel) / len(sel)
            ece += len(sel) / len(scored) * abs(mp - ob)
            print(f"| {lo:.2f}–{min(hi, 1):.2f} | {len(sel)} | {mp:.3f} | {ob:.3f} |")
    brier = sum((p - y) ** 2 for p, y in scored) / len(scored)
    print(f"ECE {ece:.4f}  Brier {brier:.4f}\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("HAMSU_SHARED", ROOT.parent / "shared")))
    ap.add_argument("--seed", type=int, default=None, help="align_build.py seed (default: its own, 775)")
    ap.add_argument("--no-peer", action="store_true", help="skip Gale–Church")
    ap.add_argument("--fit-length", action="store_true")
    ap.add_argument("--fit-confidence", action="store_true")
    args = ap.parse_args()
    if args.fit_length:
        fit_length(args)
    elif args.fit_confidence:
        fit_confidence(args)
    else:
        evaluate(args)


if __name__ == "__main__":
    main()
