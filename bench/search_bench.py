#!/usr/bin/env python3
"""The corpus store at scale: bulk ingest rate, database size, full-pipeline ingest rate and
search latency on about 1,000,000 aligned units.

Corpus: the FLORES-200 devtest and TICO-19 test sentence pairs (3,112), Persian normalized once,
drawn at random (fixed seed) into units of one pair (70 %) or two pairs (30 %), every number in a
unit shifted by one random amount on both sides, 100 units a document. The Checked records are
built directly (1-1 and 2-2 units, a "numbers" flag on 5 % of them) and written by the Store's own
ingest_many; running the aligner and checks on a million units would take hours on 2 cores, so the
full pipeline (read → normalize → split → align → names → checks → store, as `hamsu ingest`)
is timed apart on JSON-lines documents of 10 random pairs each, ingested into the same large store
(which also gives the name search real name links to work with).

Queries, per language, with the default `search()` (both sides, names, first page of 20 with
counterparts, flags and highlights), on a fresh read-only connection as the web app has:
  word    200 surface words (no digits) drawn uniformly from frequency ranks 100 .. min(100,000,
          vocabulary size) of the generated corpus
  phrase  200 two-word phrases: adjacent words of random generated units
and, for information, three harder classes the bar does not cover:
  absent  200 phrases of two frequent words (ranks 100-1,000) that never occur together: the index
          must walk both words' whole lists to find nothing
  prefix  100 prefixes: the first 3 letters of sampled words, then *
  name    the Latin forms of linked names (with the Persian expansion)
Each class runs once to warm up, then once timed; p50 / p95 / max in milliseconds.

Note on the data: 3,112 distinct sentences repeated ~400 times give a small vocabulary (about
20,000 English words) in which every word is frequent; a real corpus of this size has a longer tail.

usage: python bench/search_bench.py [--units 1000000] [--db /tmp/hamsu-bench/corpus.db] [--rebuild]
       [--pipeline-docs 200] [--shared ../shared] [--json bench/results/search-DATE.json]
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from hamsu.persian.normalize import normalize  # noqa: E402
from hamsu.records import Alignment, Block, Checked, Document, Flag, Sentence, Unit, UnitNames  # noqa: E402
from hamsu.store import open_store  # noqa: E402
from hamsu.store.search import QueryError, search  # noqa: E402

DOC_UNITS = 100
# Words as a user would type them (a Persian word with its half-spaces); words with digits are
# kept as words here, so that a phrase is never two words a number stood between, but they are
# not drawn as queries.
FA_WORD = re.compile(r"[^\W_]+(?:\u200c[^\W_]+)*")
EN_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
HAS_DIGIT = re.compile(r"\d")
NUMBER = re.compile(r"[0-9۰-۹]+")
TO_FA = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
TO_ASCII = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")


def read_lines(path: Path) -> list[str]:
    return [line.rstrip("\r\n") for line in open(path, encoding="utf-8")]


def source_pairs(shared: Path) -> list[tuple[str, str, str]]:
    """(original Persian, normalized Persian, English) for every dev sentence pair."""
    dev = shared / "data" / "dev"
    fa = read_lines(dev / "flores200" / "flores200_pes_Arab.devtest") + read_lines(dev / "tico19" / "tico19-test.fa")
    en = read_lines(dev / "flores200" / "flores200_eng_Latn.devtest") + read_lines(dev / "tico19" / "tico19-test.en")
    return [(f, normalize(f), e) for f, e in zip(fa, en) if f.strip() and e.strip()]


def shift_numbers(text: str, shift: int) -> str:
    def repl(m: re.Match) -> str:
        digits = m.group()
        value = str(int(digits.translate(TO_ASCII)) + shift)
        return value.translate(TO_FA) if digits[0] in "۰۱۲۳۴۵۶۷۸۹" else value

    return NUMBER.sub(repl, text)


class Generator:
    """Documents of perturbed dev pairs, counting the vocabulary and keeping sample texts."""

    def __init__(self, pairs, seed: int) -> None:
        self.pairs = pairs
        self.rng = random.Random(seed)
        self.vocab = {"fa": Counter(), "en": Counter()}
        self.samples = {"fa": [], "en": []}
        self.n = 0
        self.secs = 0.0  # time spent making documents, not storing them

    def unit_pairs(self) -> list[tuple[str, str, str]]:
        k = 2 if self.rng.random() < 0.3 else 1
        shift = self.rng.randrange(1, 500)
        return [tuple(shift_numbers(t, shift) for t in self.rng.choice(self.pairs)) for _ in range(k)]

    def document(self, number: int, units: int) -> Checked:
        start = time.perf_counter()
        try:
            return self._document(number, units)
        finally:
            self.secs += time.perf_counter() - start

    def _document(self, number: int, units: int) -> Checked:
        chosen = [self.unit_pairs() for _ in range(units)]
        fa_lines = [p[0] for group in chosen for p in group]
        fa_norm = [p[1] for group in chosen for p in group]
        en_lines = [p[2] for group in chosen for p in group]
        texts = ("\n".join(fa_lines), "\n".join(en_lines))
        blocks, fa_s, en_s = [], [], []
        for side, lines, shown in ((0, fa_lines, fa_norm), (1, en_lines, en_lines)):
            pos = 0
            for line, text in zip(lines, shown):
                lang = "fa" if side == 0 else "en"
                blocks.append(Block(lang, "paragraph", pos, pos + len(line), source=side))
                (fa_s if side == 0 else en_s).append(Sentence(lang, text, pos, pos + len(line), len(blocks) - 1, side))
                pos += len(line) + 1
        unit_list, flags, at = [], [], 0
        for i, group in enumerate(chosen):
            ids = tuple(range(at, at + len(group)))
            at += len(group)
            unit_list.append(Unit(ids, ids, round(self.rng.uniform(0.6, 1.0), 4)))
            if self.rng.random() < 0.05:
                flags.append(Flag("numbers", "minor", "mistranslation", "a number differs", i, doc=f"bench-{number}"))
            fa_text = " ".join(p[1] for p in group)
            en_text = " ".join(p[2] for p in group)
            self.vocab["fa"].update(FA_WORD.findall(fa_text))
            self.vocab["en"].update(w.lower() for w in EN_WORD.findall(en_text))
            if self.rng.random() < 0.01:
                self.samples["fa"].append(fa_text)
                self.samples["en"].append(en_text)
        self.n += units
        document = Document(f"bench-{number}", f"bench-{number}", texts, tuple(blocks), (("format", "bench"),))
        alignment = Alignment(document, tuple(fa_s), tuple(en_s), tuple(unit_list))
        return Checked(alignment, tuple(UnitNames() for _ in unit_list), tuple(flags))


def file_size(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists())


def build(db: Path, pairs, units: int, seed: int) -> tuple[Generator, dict]:
    gen = Generator(pairs, seed)
    for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        p.unlink(missing_ok=True)
    db.parent.mkdir(parents=True, exist_ok=True)
    n_docs = (units + DOC_UNITS - 1) // DOC_UNITS
    start = time.perf_counter()
    with open_store(db) as store:
        docs = (gen.document(i, min(DOC_UNITS, units - i * DOC_UNITS)) for i in range(n_docs))
        counts = store.ingest_many(docs, batch=100)
        ingest_secs = time.perf_counter() - start - gen.secs
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    info = {
        "units": gen.n,
        "documents": counts["added"],
        "bulk_secs": round(ingest_secs, 1),  # storing only: making the documents is left out
        "generate_secs": round(gen.secs, 1),
        "bulk_units_per_sec": round(gen.n / ingest_secs),
        "size_bytes": file_size(db),
    }
    return gen, info


def optimize(db: Path) -> dict:
    """Merge the index into one segment (`Store.optimize`), as a bulk loader may."""
    start = time.perf_counter()
    with open_store(db) as store:
        store.optimize()
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {"optimize_secs": round(time.perf_counter() - start, 1), "size_after_optimize_bytes": file_size(db)}


def pipeline_ingest(db: Path, pairs, docs: int, seed: int, workdir: Path) -> dict:
    """`hamsu ingest`'s path on JSON-lines documents of 10 random pairs (original Persian)."""
    from hamsu.pipeline import process_document
    from hamsu.read import read_path, require_both_languages

    rng = random.Random(seed + 1)
    path = workdir / "pipeline.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for i in range(docs):
            chosen = [rng.choice(pairs) for _ in range(10)]
            record = {
                "id": f"pipe-{seed}-{i}",
                "fa": "\n\n".join(p[0] for p in chosen),
                "en": "\n\n".join(p[2] for p in chosen),
            }
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    units = 0
    start = time.perf_counter()
    with open_store(db) as store:
        for document in read_path(path):
            require_both_languages(document)
            checked = process_document(document)
            units += len(checked.alignment.units)
            store.ingest(checked)
    secs = time.perf_counter() - start
    return {"documents": docs, "units": units, "secs": round(secs, 1), "docs_per_sec": round(docs / secs, 2),
            "units_per_sec": round(units / secs, 1)}


def queries(gen: Generator, names: list[str], n: int, seed: int) -> dict[str, list[str]]:
    rng = random.Random(seed + 2)
    out: dict[str, list[str]] = {}
    for lang in ("fa", "en"):
        ranked = [w for w, _ in gen.vocab[lang].most_common() if not HAS_DIGIT.search(w)]
        top = min(100_000, len(ranked))
        out[f"{lang} word"] = [ranked[r - 1] for r in rng.sample(range(100, top + 1), min(n, top - 99))]
        phrases = []
        pattern = FA_WORD if lang == "fa" else EN_WORD
        while len(phrases) < n:
            words = pattern.findall(rng.choice(gen.samples[lang]))
            if len(words) >= 2:
                k = rng.randrange(len(words) - 1)
                if not HAS_DIGIT.search(words[k] + words[k + 1]):
                    phrases.append(f'"{words[k]} {words[k + 1]}"')
        out[f"{lang} phrase"] = phrases
        frequent = ranked[99:1000]
        texts = gen.samples[lang]
        absent = []
        while len(absent) < n:
            a, b = rng.sample(frequent, 2)
            if not any(f"{a} {b}" in t.lower() for t in texts[:2000]):
                absent.append(f'"{a} {b}"')
        out[f"{lang} absent phrase"] = absent
        words = [w for w in out[f"{lang} word"] if len(w) >= 4]
        out[f"{lang} prefix"] = [w[:3] + "*" for w in rng.sample(words, min(len(words), n // 2))]
    out["en name"] = names
    return out


def run_queries(db: Path, classes: dict[str, list[str]]) -> dict[str, dict]:
    results = {}
    with open_store(db, readonly=True) as store:
        conn = store.conn
        for name, qs in classes.items():
            for q in qs:  # warm-up pass: page cache and the names / stemmer caches
                with contextlib.suppress(QueryError):
                    search(conn, q)
            times, hits, empty, errors = [], 0, 0, []
            for q in qs:
                t = time.perf_counter()
                try:
                    result = search(conn, q)
                except QueryError as e:
                    errors.append(str(e))
                    continue
                times.append((time.perf_counter() - t) * 1000)
                hits += len(result.hits)
                empty += not result.hits
            times.sort()
            results[name] = {
                "queries": len(times),
                "p50_ms": round(statistics.median(times), 2),
                "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 2),
                "max_ms": round(times[-1], 2),
                "mean_hits": round(hits / len(qs), 1),
                "no_hits": empty,
                "query_errors": errors,
            }
    return results


def slowest(db: Path, qs: list[str], k: int = 3) -> list[tuple[str, float]]:
    with open_store(db, readonly=True) as store:
        timed = []
        for q in qs:
            t = time.perf_counter()
            with contextlib.suppress(QueryError):
                search(store.conn, q)
            timed.append((q, round((time.perf_counter() - t) * 1000, 1)))
    return sorted(timed, key=lambda x: -x[1])[:k]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--units", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path, default=Path("/tmp/hamsu-bench/corpus.db"))
    ap.add_argument("--pipeline-docs", type=int, default=200)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--json", type=Path, default=None, help="Write the results here as JSON.")
    ap.add_argument("--reuse", action="store_true", help="Search the store a previous run built (same --db).")
    args = ap.parse_args()

    saved = Path(f"{args.db}.bench.json")  # what the build found, for --reuse
    if args.reuse:
        state = json.loads(saved.read_text(encoding="utf-8"))
        gen = Generator([], args.seed)
        gen.vocab = {lang: Counter(dict(words)) for lang, words in state["vocab"].items()}
        gen.samples = state["samples"]
        bulk, pipeline = state["bulk"], state["pipeline"]
    else:
        pairs = source_pairs(args.shared)
        print(f"{len(pairs)} dev sentence pairs", file=sys.stderr)
        gen, bulk = build(args.db, pairs, args.units, args.seed)
        print(json.dumps(bulk), file=sys.stderr)
        pipeline = pipeline_ingest(args.db, pairs, args.pipeline_docs, args.seed, args.db.parent)
        print(json.dumps(pipeline), file=sys.stderr)
        state = {
            "vocab": {lang: gen.vocab[lang].most_common(200_000) for lang in ("fa", "en")},
            "samples": gen.samples,
            "bulk": bulk,
            "pipeline": pipeline,
        }
        saved.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
    with open_store(args.db, readonly=True) as store:
        names = [r[0] for r in store.conn.execute(
            "SELECT en FROM names WHERE evidence = 'transliteration' AND fa IS NOT NULL"
            " GROUP BY en ORDER BY count(*) DESC LIMIT ?",
            (args.queries,),
        )]
        stats = store.stats()
    classes = queries(gen, names, args.queries, args.seed)
    # As ingested (FTS5's automatic merging only), then after `optimize`.
    timings = {}
    for state_name in ("as ingested", "optimized"):
        if state_name == "optimized":
            bulk.update(optimize(args.db))
        timings[state_name] = run_queries(args.db, classes)
        for name, row in timings[state_name].items():
            print(f"{state_name:12} {name:18} {json.dumps(row)}", file=sys.stderr)
    report = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": f"{platform.system()} {platform.release()} {platform.machine()}, {os.cpu_count()} cores",
        "python": platform.python_version(),
        "sqlite": __import__("sqlite3").sqlite_version,
        "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                 cwd=ROOT).stdout.strip(),
        "command": "python bench/search_bench.py " + " ".join(sys.argv[1:]),
        "vocabulary": {lang: len(gen.vocab[lang]) for lang in ("fa", "en")},
        "stats": stats,
        "bulk": bulk,
        "pipeline": pipeline,
        "search": timings,
        "slowest": {name: slowest(args.db, qs) for name, qs in classes.items()},
    }
    text = json.dumps(report, ensure_ascii=False, indent=1)
    print(text)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
