#!/usr/bin/env python3
"""Name linking on FLORES-200 devtest: how many English names find their Persian counterpart, what
the links look like, and how fast.

FLORES-200 devtest (pes_Arab / eng_Latn) is read as aligned text: sentence i ↔ sentence i, one
1-1 unit each, the sentences of one source article (metadata URL) forming one document, so the
document-level evidence works as it does on a real article. Each line is a block of its own.

Reported:
  names           English names hamsu finds where capitals prove something (not a lone word at
                  the start of a sentence)
  linked          of those, how many got a Persian counterpart (any part of the name linked)
  links           all links, by evidence; fa-only / en-only names
  sample          N random links, to check precision by eye
  time            link_names over all documents (normalization of the Persian side included)

With --calibrate, the transliteration score is computed for name pairs the dictionaries list
(Wiktionary proper nouns with a romanization, GeoNames towns) and for as many mismatched pairs of
similar length, and the share of each above a range of thresholds is printed.

usage:
  python3 bench/names_eval.py                    # summary + 40 random links
  python3 bench/names_eval.py --sample 100 --seed 3
  python3 bench/names_eval.py --calibrate
  python3 bench/names_eval.py --data DIR         # another copy of the shared data
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from hamsu import normalize  # noqa: E402
from hamsu.names import link_names  # noqa: E402
from hamsu.names.english import capitalized_words, english_names  # noqa: E402
from hamsu.names.table import name_table_data  # noqa: E402
from hamsu.names.translit import transliteration_score  # noqa: E402
from hamsu.records import Alignment, Block, Document, Sentence, Unit  # noqa: E402


def flores_documents(data: Path) -> list[Alignment]:
    flores = data / "dev" / "flores200"
    fa_lines = (flores / "flores200_pes_Arab.devtest").read_text(encoding="utf-8").splitlines()
    en_lines = (flores / "flores200_eng_Latn.devtest").read_text(encoding="utf-8").splitlines()
    with open(flores / "flores200_metadata_devtest.tsv", encoding="utf-8", newline="") as f:
        urls = [row["URL"] for row in csv.DictReader(f, delimiter="\t")]
    groups: list[list[int]] = []
    for i, url in enumerate(urls):
        if groups and urls[groups[-1][-1]] == url:
            groups[-1].append(i)
        else:
            groups.append([i])
    return [_alignment(f"flores-{g[0]}", [fa_lines[i] for i in g], [en_lines[i] for i in g]) for g in groups]


def _alignment(doc_id: str, fa_lines: list[str], en_lines: list[str]) -> Alignment:
    fa_text, en_text = "\n".join(fa_lines), "\n".join(en_lines)
    blocks, fa, en = [], [], []
    for source, (lines, lang) in enumerate(((fa_lines, "fa"), (en_lines, "en"))):
        pos = 0
        for line in lines:
            blocks.append(Block(lang, "paragraph", pos, pos + len(line), source))
            shown = normalize(line) if lang == "fa" else line
            (fa if lang == "fa" else en).append(Sentence(lang, shown, pos, pos + len(line), len(blocks) - 1, source))
            pos += len(line) + 1
    document = Document(doc_id, "flores200-devtest", (fa_text, en_text), tuple(blocks))
    units = tuple(Unit((i,), (i,), 1.0) for i in range(len(fa_lines)))
    return Alignment(document, tuple(fa), tuple(en), units)


def evaluate(alignments: list[Alignment], sample: int, seed: int) -> None:
    table = name_table_data()  # loaded before timing, as a long-running process would have it
    start = time.perf_counter()
    results = [link_names(a) for a in alignments]
    elapsed = time.perf_counter() - start
    units = sum(len(a.units) for a in alignments)

    names = linked = 0
    for a, unit_names in zip(alignments, results):
        capitals = capitalized_words(s.text for s in a.en)
        for unit, found in zip(a.units, unit_names):
            spans = [(link.en.start, link.en.end) for link in found.links]
            for k in unit.en:
                base = a.en[k].start
                for n in english_names(a.en[k].text, table, capitals):
                    if n.certain:  # linked: some part of it is (en_only may hold the rest of a name)
                        names += 1
                        linked += any(base + n.start <= s and e <= base + n.end for s, e in spans)
    links = [(a, link) for a, unit_names in zip(alignments, results) for u in unit_names for link in u.links]
    evidence = Counter(link.evidence for _, link in links)
    fa_only = sum(len(u.fa_only) for r in results for u in r)
    en_only = sum(len(u.en_only) for r in results for u in r)

    print(f"FLORES-200 devtest: {len(alignments)} documents, {units} units")
    print(f"time: {elapsed:.2f} s for link_names ({1000 * elapsed / units:.2f} ms per unit)")
    print(f"English names (capitals that prove something): {names}; with a Persian link: {linked} "
          f"({100 * linked / max(1, names):.1f} %)")
    print(f"links: {len(links)} " + ", ".join(f"{k} {v}" for k, v in evidence.most_common()))
    print(f"one-sided: fa_only {fa_only}, en_only {en_only}")
    rng = random.Random(seed)
    print(f"\n{sample} random links (seed {seed}):")
    for _, link in rng.sample(links, min(sample, len(links))):
        print(f"  {link.fa.text}\t{link.en.text}\t{link.score:.2f}\t{link.evidence}")


def calibrate(data: Path, size: int = 3000, seed: int = 7) -> None:
    pairs = []
    path = data / "dictionary" / "wiktionary-en-fa" / "en-fa-pairs.tsv"
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["pos"] == "prop" and row["fa_translit"]:
                pairs.append((normalize(row["fa"], strip_diacritics=True), row["en"]))
    with open(data / "names" / "geonames-fa-en" / "geonames-fa-en.tsv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["key"].isdigit():
                pairs.append((normalize(row["fa"].split("،")[0], strip_diacritics=True), row["en"].split(",")[0]))
    rng = random.Random(seed)
    rng.shuffle(pairs)
    pairs = pairs[:size]
    english = [e for _, e in pairs]
    mismatched = []
    for fa, en in pairs:
        similar = [x for x in rng.sample(english, 50) if abs(len(x) - len(en)) <= 2 and x != en]
        if similar:
            mismatched.append((fa, similar[0]))
    listed = [transliteration_score(fa, en) for fa, en in pairs]
    wrong = [transliteration_score(fa, en) for fa, en in mismatched]
    print(f"{len(listed)} listed pairs (many are translations, not romanizations: خلیج فارس Persian Gulf), "
          f"{len(wrong)} mismatched pairs of similar length")
    print("threshold  listed ≥  mismatched ≥")
    for threshold in (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95):
        a = sum(s >= threshold for s in listed) / len(listed)
        b = sum(s >= threshold for s in wrong) / len(wrong)
        print(f"  {threshold:.2f}     {100 * a:5.1f} %   {100 * b:6.2f} %")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--sample", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--calibrate", action="store_true")
    args = ap.parse_args()
    if args.calibrate:
        calibrate(args.data)
    else:
        evaluate(flores_documents(args.data), args.sample, args.seed)


if __name__ == "__main__":
    main()
