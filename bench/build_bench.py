#!/usr/bin/env python3
"""`hamsu build` end to end on FLORES-sized articles: articles/s per worker count, scaling, memory.

The articles are the FLORES-200 devtest sentences grouped by their source URL (the metadata file):
281 articles of 3.6 sentence pairs on average, written as JSON lines. Longer inputs cycle through
them, the odd cycles with the Dari translation (prs_Arab) in place of the Iranian Persian one, so
that two cycles differ; from the third cycle on each article's sentences are rotated and one is
swapped for another article's, so no article repeats, but units do: they are found as duplicates
and left out of the shards, yet every article is still read, aligned, checked and stored, which
is the work.

Measured, each in a fresh output folder, as `python -m hamsu build DATA.jsonl -o OUT -j N`:
- wall time from start to exit (interpreter start and the workers' start included) and articles/s;
- CPU time of the build and its workers per article: unlike wall time, not inflated by other work
  on the machine, so the 2-worker speed-up that two idle cores would give can be read from it;
- the peak, over the run, of the memory of the whole process tree (coordinator and workers), as
  the sum of PSS (proportional set size: pages shared by forked workers counted once) sampled
  every 50 ms, and the coordinator's own peak RSS;
- for N articles and for `--scale` times as many, to see memory stay flat as input grows.
The pipeline alone (read → normalize → align → check, no build) is timed in this process too, so
the build's own overhead shows. The load average is printed: other work on the machine slows all
of this, and the 2-worker speed-up most (it needs both cores).

Both inputs are built at every worker count.

usage: python bench/build_bench.py [--articles 1000] [--scale 10] [--workers 1,2] [--shared ../shared]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def flores_articles(shared: Path) -> tuple[list[str], dict[str, tuple[list[str], list[str], list[str]]]]:
    dev = shared / "data" / "dev" / "flores200"
    urls = [line.split("\t")[0] for line in (dev / "flores200_metadata_devtest.tsv").read_text().splitlines()[1:]]
    fa = (dev / "flores200_pes_Arab.devtest").read_text(encoding="utf-8").splitlines()
    prs = (dev / "flores200_prs_Arab.devtest").read_text(encoding="utf-8").splitlines()
    en = (dev / "flores200_eng_Latn.devtest").read_text(encoding="utf-8").splitlines()
    articles: dict[str, tuple[list[str], list[str], list[str]]] = defaultdict(lambda: ([], [], []))
    order: list[str] = []
    for url, f, p, e in zip(urls, fa, prs, en):
        if url not in articles:
            order.append(url)
        articles[url][0].append(f)
        articles[url][1].append(p)
        articles[url][2].append(e)
    return order, articles


def write_articles(shared: Path, n: int, path: Path) -> None:
    order, articles = flores_articles(shared)
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            cycle, k = divmod(i, len(order))
            fa, prs, en = articles[order[k]]
            persian = prs if cycle % 2 else fa
            if cycle >= 2:
                # Another article of the same size from the third cycle on: the sentences rotated
                # and the last one swapped for the first of another article. No article text
                # repeats (a repeat would be served from the pipeline's caches), units do (dedup).
                other_fa, other_prs, other_en = articles[order[(k + cycle) % len(order)]]
                other = other_prs if cycle % 2 else other_fa
                turn = cycle % len(en)
                persian = (persian[turn:] + persian[:turn])[:-1] + other[:1]
                en = (en[turn:] + en[:turn])[:-1] + other_en[:1]
            record = {"id": f"flores-{i}", "url": order[k], "fa": " ".join(persian), "en": " ".join(en)}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _tree(pid: int) -> list[int]:
    """pid and all its descendants, from /proc (Linux)."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return found


def _memory(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of one process in bytes, 0 if it is gone."""
    pss = rss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1]) * 1024
                elif line.startswith("Rss:"):
                    rss = int(line.split()[1]) * 1024
    except OSError:
        pass
    return pss, rss


class Sampler(threading.Thread):
    """Peak total PSS of a process tree and peak RSS of its root, sampled every `interval` s."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_tree = self.peak_root = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            pids = _tree(self.pid)
            total = sum(_memory(p)[0] for p in pids)
            self.peak_tree = max(self.peak_tree, total)
            self.peak_root = max(self.peak_root, _memory(self.pid)[1])
            self.stop.wait(self.interval)


def run_build(data: Path, out: Path, workers: int, extra: list[str]) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    args = [sys.executable, "-m", "hamsu", "build", str(data), "-o", str(out), "-j", str(workers), "--no-progress"]
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.Popen(args + extra, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = Sampler(proc.pid)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - start
    sampler.stop.set()
    sampler.join()
    # CPU of the build and every process it waited for (its workers): what the work costs,
    # whatever else the machine was doing.
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        raise SystemExit(f"build failed: {err.decode()}")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    articles = summary["documents"]["ok"]
    return {
        "workers": workers,
        "articles": articles,
        "units": summary["units"]["total"],
        "seconds": seconds,
        "rate": articles / seconds,
        "cpu_seconds": cpu,
        "cpu_ms_per_article": cpu / articles * 1000,
        "peak_tree_mb": sampler.peak_tree / 2**20,
        "peak_coordinator_mb": sampler.peak_root / 2**20,
    }


def pipeline_rate(data: Path, limit: int) -> float:
    """Articles/s of the pipeline alone, in this process: JSON line → Document → Checked."""
    from hamsu.pipeline import process_document
    from hamsu.read import read_jsonl

    text = "\n".join(data.read_text(encoding="utf-8").splitlines()[:limit])
    docs = read_jsonl(text, str(data))
    process_document(docs[0])  # tables loaded before the clock starts
    start = time.perf_counter()
    docs = read_jsonl(text, str(data))
    for doc in docs:
        process_document(doc)
    return len(docs) / (time.perf_counter() - start)


STARTUP_ARTICLES = 20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--scale", type=int, default=10, help="the memory run has this many times more articles")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--keep", action="store_true", help="keep the data and outputs (printed)")
    args = parser.parse_args()
    workers = [int(w) for w in args.workers.split(",")]
    tmp = Path(tempfile.mkdtemp(prefix="hamsu-build-bench-"))
    tiny, small, large = tmp / "tiny.jsonl", tmp / "small.jsonl", tmp / "large.jsonl"
    write_articles(args.shared, STARTUP_ARTICLES, tiny)
    write_articles(args.shared, args.articles, small)
    write_articles(args.shared, args.articles * args.scale, large)
    load_before = os.getloadavg()
    print(f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"load average before: {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}")
    rows, marginal = [], {}
    alone = pipeline_rate(small, args.articles)
    print(f"pipeline alone (one process, no build): {alone:.1f} articles/s")
    for j in workers:
        # A run of a few articles measures the fixed cost (start-up, tables loaded by each worker);
        # the difference to the full run is the rate once running.
        start = run_build(tiny, tmp / f"tiny-{j}", j, [])
        row = run_build(small, tmp / f"out-{j}", j, [])
        rows.append(row)
        articles = row["articles"] - start["articles"]
        marginal[j] = {
            "rate": articles / (row["seconds"] - start["seconds"]),
            "cpu_ms": (row["cpu_seconds"] - start["cpu_seconds"]) / articles * 1000,
            "startup_s": start["seconds"],
        }
        print(json.dumps(row), json.dumps(marginal[j]))
    # The large input at every worker count too: start-up is a few per cent of it, so its wall-clock
    # rates are the end-to-end rates per core and the end-to-end speed-up.
    bigs = {}
    for j in workers:
        bigs[j] = run_build(large, tmp / f"out-large-{j}", j, [])
        print(json.dumps(bigs[j]))
    big_j = max(workers)
    big = bigs[big_j]
    load_after = os.getloadavg()
    print(f"load average after: {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}")
    print()
    print("| input | -j | articles | units | wall s | articles/s | CPU ms/article | peak memory, all processes (PSS) |"
          " coordinator RSS |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|")
    named = [(r, f"{args.articles} articles") for r in rows] + [(r, f"{args.articles * args.scale} articles")
                                                               for r in bigs.values()]  # fmt: skip
    for row, name in named:
        print(f"| {name} | {row['workers']} | {row['articles']:,} | {row['units']:,} | {row['seconds']:.1f} |"
              f" {row['rate']:.1f} | {row['cpu_ms_per_article']:.1f} | {row['peak_tree_mb']:.0f} MB |"
              f" {row['peak_coordinator_mb']:.0f} MB |")  # fmt: skip
    print()
    print(f"Once running (the {STARTUP_ARTICLES}-article run's time and CPU subtracted):")
    print("| -j | start-up s | articles/s | CPU ms/article | articles per CPU-second |")
    print("|---|---|---|---|---|")
    for j, m in marginal.items():
        print(f"| {j} | {m['startup_s']:.1f} | {m['rate']:.1f} | {m['cpu_ms']:.1f} | {1000 / m['cpu_ms']:.1f} |")
    if 1 in marginal and 2 in marginal:
        print(f"\n2 workers / 1 worker, wall clock once running: {marginal[2]['rate'] / marginal[1]['rate']:.2f}×")
        # On two otherwise idle cores the two workers and the coordinator share both: the rate is
        # 2 cores / (CPU per article at -j 2), against 1 core / (CPU per article at -j 1).
        bound = 2 * marginal[1]["cpu_ms"] / marginal[2]["cpu_ms"]
        print(f"2 workers / 1 worker from CPU per article (what two idle cores give): {bound:.2f}×")
    if 1 in bigs and 2 in bigs:
        print(f"2 workers / 1 worker, wall clock end to end on {args.articles * args.scale} articles:"
              f" {bigs[2]['rate'] / bigs[1]['rate']:.2f}×")  # fmt: skip
    if 1 in bigs:
        print(f"articles per second per core, end to end, -j 1 on {args.articles * args.scale} articles:"
              f" {bigs[1]['rate']:.1f}")  # fmt: skip
    same_j = next((r for r in rows if r["workers"] == big_j), None)
    if same_j:
        growth = big["peak_tree_mb"] / same_j["peak_tree_mb"] - 1
        print(f"peak memory, {args.scale}× the input (-j {big_j}): {growth * 100:+.1f} %")
    if args.keep:
        print(f"kept in {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
