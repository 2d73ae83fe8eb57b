#!/usr/bin/env python3
"""`hamsu pair` at scale: N Persian × N English pages of near-duplicate articles, time and memory.

The pages are the articles of FLORES-200 devtest and TICO-19 test (sentences grouped by their
document ids, as ../shared/eval/pair_build.py groups them), repeated until there are N of each
language. Each copy of an article is a near-duplicate of the others, the hard case for pairing:
its numbers are changed (every digit string of the English and the same string in the Persian,
Persian or ASCII digits, shifted by the copy number), and it gains one sentence, in both languages,
reporting from a place (a gazetteer name from hamsu's name table, Persian and English forms) on a
date (Gregorian in English, the same day's Solar Hijri date in Persian) that differ per copy. As in
pair_build.py, 15 % of the articles lose their English page and another 15 % their Persian one,
URLs are unrelated between the two sites, and the pages are shuffled into one WARC file.

Measured, as `python -m hamsu pair crawl.warc.gz -o pairs.tsv` in a subprocess: wall time, CPU
time, the peak RSS of the process (ru_maxrss of the child), pairs found and F1 against the gold
list. With several --sizes the growth from one size to the next shows whether the cost is about
linear. The machine's load average is printed: timings on a busy machine are indicative only.

usage: python bench/pair_bench.py [--sizes 1000,2000] [--shared ../shared] [--keep DIR]
       (10,000 × 10,000 is --sizes 10000)
"""
from __future__ import annotations

import argparse
import gzip
import html
import io
import os
import platform
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import OrderedDict
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from hamsu.check import jalali  # noqa: E402

SOLAR_MONTHS = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]  # fmt: skip
FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
NUMBER = re.compile(r"(?<![\d.,])\d+(?![\d])")


def articles(shared: Path) -> list[list[tuple[str, str]]]:
    """The dev articles: lists of (Persian, English) sentences, FLORES then TICO."""
    dev = shared / "data" / "dev"
    out = []
    for fa, en, ids, kind in (
        (dev / "flores200/flores200_pes_Arab.devtest", dev / "flores200/flores200_eng_Latn.devtest",
         dev / "flores200/flores200_metadata_devtest.tsv", "flores"),
        (dev / "tico19/tico19-test.fa", dev / "tico19/tico19-test.en", dev / "tico19/tico19-test.en.info", "tico"),
    ):  # fmt: skip
        lines = ids.read_text(encoding="utf-8").splitlines()
        if kind == "flores":
            doc_ids = [line.split("\t")[0] for line in lines[1:]]
        else:
            doc_ids = [line.split("\t")[0].split(":")[0] for line in lines]
        docs: OrderedDict[str, list[tuple[str, str]]] = OrderedDict()
        fa_lines = fa.read_text(encoding="utf-8").splitlines()
        en_lines = en.read_text(encoding="utf-8").splitlines()
        for f, e, d in zip(fa_lines, en_lines, doc_ids):
            docs.setdefault(d, []).append((f, e))
        out.extend(docs.values())
    return out


def places() -> list[tuple[str, str]]:
    """(Persian, English) place names of the gazetteer part of hamsu's name table."""
    from importlib import resources

    from hamsu.names.table import NAMES_FILE

    raw = gzip.decompress(resources.files("hamsu.data").joinpath(NAMES_FILE).read_bytes()).decode("utf-8")
    found = []
    for line in raw.splitlines():
        fields = line.split("\t")
        if len(fields) == 5 and fields[2] == "place" and fields[3] == "gazetteer" and not fields[4]:
            english = fields[1].split("|")[0]
            if english.isascii() and " " not in english and " " not in fields[0]:
                found.append((fields[0], english))
    return found


def copy_article(sentences: list[tuple[str, str]], copy: int, place: tuple[str, str], day: date) -> tuple[list, list]:
    """One copy: numbers shifted by the copy number, and a dated sentence from a place added."""
    fa_out, en_out = [], []
    for fa, en in sentences:
        if copy:
            for number in sorted(set(NUMBER.findall(en)), key=len, reverse=True):
                new = str(int(number) + copy)
                en = re.sub(rf"(?<![\d.,]){number}(?!\d)", new, en)
                fa = re.sub(rf"(?<![\d.,۰-۹]){number}(?![\d۰-۹])", new, fa)
                fa = re.sub(rf"(?<![۰-۹]){number.translate(FA_DIGITS)}(?![۰-۹])", new.translate(FA_DIGITS), fa)
        fa_out.append(fa)
        en_out.append(en)
    jy, jm, jd = jalali.from_gregorian(day)
    en_out.append(f"This report was filed from {place[1]} on {day.day} {EN_MONTHS[day.month - 1]} {day.year}.")
    fa_out.append(f"این گزارش در {jd} {SOLAR_MONTHS[jm - 1]} {jy} از {place[0]} مخابره شد.".translate(FA_DIGITS))
    return fa_out, en_out


def page(lang: str, sentences: list[str], rng: random.Random) -> str:
    title, rest = sentences[0], sentences[1:]
    paras, i = [], 0
    while i < len(rest):
        m = rng.choice([1, 2, 3])
        paras.append(" ".join(rest[i : i + m]))
        i += m
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
    menu = "<nav><a href='/'>" + ("صفحه اصلی" if lang == "fa" else "Home") + "</a></nav>"
    return (f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"</head><body>{menu}<article><h1>{html.escape(title)}</h1>{body}</article></body></html>")  # fmt: skip


def build(n: int, shared: Path, out: Path, seed: int = 775) -> tuple[int, int]:
    """crawl.warc.gz and gold.tsv for n pages a language (about); returns (pages, true pairs)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(seed)
    base, names = articles(shared), places()
    rng.shuffle(names)
    start = date(2019, 1, 1)
    pages, gold = [], []
    serial = 0
    while len(gold) < n * 0.85 - 1:
        for k, sentences in enumerate(base):
            copy = serial // len(base)
            fa, en = copy_article(sentences, copy, names[serial % len(names)], start + timedelta(days=serial % 2000))
            r = rng.random()
            fa_url = f"https://fa.khabar.example/news/{100000 + serial * 7919 % 900000}-{k}"
            en_url = f"https://www.newsdaily.example/story/{serial * 104729 % 999983}"
            if r >= 0.15:
                pages.append((en_url, page("en", en, rng)))
            if r < 0.15 or r >= 0.30:
                pages.append((fa_url, page("fa", fa, rng)))
            if r >= 0.30:
                gold.append((fa_url, en_url))
            serial += 1
            if len(gold) >= n * 0.85 - 1:
                break
    rng.shuffle(pages)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "crawl.warc.gz", "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, doc in pages:
            body = doc.encode("utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))  # fmt: skip
    (out / "gold.tsv").write_text("".join(f"{f}\t{e}\n" for f, e in gold), encoding="utf-8")
    return len(pages), len(gold)


def score(gold_path: Path, pred_path: Path) -> tuple[int, float, float, float]:
    def read(p: Path, skip_header: bool) -> set[tuple[str, str]]:
        rows = [line.split("\t") for line in p.read_text(encoding="utf-8").splitlines()]
        return {(r[0], r[1]) for r in rows if len(r) >= 2 and not (skip_header and r[0] == "fa")}

    gold, pred = read(gold_path, False), read(pred_path, True)
    tp = len(gold & pred)
    p, r = tp / max(len(pred), 1), tp / max(len(gold), 1)
    return len(pred), p, r, 2 * p * r / max(p + r, 1e-9)


def run(n: int, shared: Path, folder: Path) -> dict:
    pages, pairs = build(n, shared, folder)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "hamsu", "pair", str(folder / "crawl.warc.gz"), "-o",
                           str(folder / "pairs.tsv")], env=env, capture_output=True, text=True)  # fmt: skip
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        sys.exit(f"hamsu pair failed: {done.stderr}")
    predicted, p, r, f1 = score(folder / "gold.tsv", folder / "pairs.tsv")
    return {"pages": pages, "gold": pairs, "predicted": predicted, "P": p, "R": r, "F1": f1, "wall": wall,
            "cpu": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
            "peak_mb": after.ru_maxrss / 1024}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,2000", help="pages per language, comma-separated")
    shared = Path("/work/shared") if Path("/work/shared").is_dir() else ROOT.parent / "shared"
    ap.add_argument("--shared", default=str(shared), type=Path)
    ap.add_argument("--keep", type=Path, help="build the crawls here and keep them")
    a = ap.parse_args()
    print(f"# {platform.node()} {platform.machine()} {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}")
    print("pages/lang  pages  gold  pred      P      R     F1   wall s   cpu s  peak MB")
    previous = None
    for n in (int(s) for s in a.sizes.split(",")):
        folder = (a.keep / str(n)) if a.keep else Path(tempfile.mkdtemp(prefix=f"pair_bench_{n}_"))
        m = run(n, a.shared, folder)
        print(f"{n:10d} {m['pages']:6d} {m['gold']:5d} {m['predicted']:5d} {m['P']:6.3f} {m['R']:6.3f} "
              f"{m['F1']:6.3f} {m['wall']:8.1f} {m['cpu']:7.1f} {m['peak_mb']:8.0f}")  # fmt: skip
        if previous is not None:
            print(f"  × {m['pages'] / previous['pages']:.2f} pages: × {m['cpu'] / previous['cpu']:.2f} cpu time, "
                  f"× {m['peak_mb'] / previous['peak_mb']:.2f} peak memory")  # fmt: skip
        previous = m
    print(f"# load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
