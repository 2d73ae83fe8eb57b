#!/usr/bin/env python3
"""Sentence splitter benchmark: how many line boundaries of sentence-per-line corpora it finds.

The dev corpora hold one sentence (sometimes two) per line. Each document's lines are stripped
and joined with a single space into one paragraph, the paragraph is split with
hamsu.segment.split_sentences, and every gap between two consecutive spans is a split point:

  recall           line boundaries that are split points / line boundaries
  punctuated       boundaries whose line ends in . ! ? ؟ … (before any closing quotes or
                   brackets) / line boundaries: the ceiling for any splitter, since a boundary
                   after an unpunctuated line ("and i have a cough" in TICO-19's transcribed
                   speech, titles, list items ending in ; or :) is invisible once the lines are
                   joined by a space
  recall (punct.)  recall over the punctuated boundaries only
  inside           split points inside a line: a line may hold two sentences, so these are not
                   all errors, but they bound the false splits
  prec.            split points that are line boundaries / all split points (a precision proxy,
                   a lower bound for the same reason)

A second table sets the two sides against each other: the corpora are translations line by
line, so a line the splitter cuts into a different number of sentences in Persian and English
points at a false or a missed split on one side (or at a translator who merged sentences).

Corpora (one document per FLORES-200 URL, per TICO-19 document id):
  FLORES-200 devtest   flores200/flores200_{pes_Arab,eng_Latn}.devtest, flores200_metadata_devtest.tsv
  TICO-19 test         tico19/tico19-test.{fa,en}, tico19-test.en.info
The Persian side is measured raw and after hamsu.normalize (what the pipeline splits).

usage:
  python3 bench/segment_eval.py                      # Markdown table on stdout
  python3 bench/segment_eval.py --show 10            # + up to 10 examples of each kind of miss and split
  python3 bench/segment_eval.py --data DIR           # another copy of the dev data
"""
from __future__ import annotations

import argparse
import itertools
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import hamsu
from hamsu.segment import split_sentences

DATA = Path("/work/shared/data/dev")
_FINAL = ".!?؟…۔"
_CLOSERS = "\"'”’»›)]}"


@dataclass
class Corpus:
    name: str
    lang: str
    documents: list[list[str]]  # each a list of stripped, non-empty lines


@dataclass
class Score:
    boundaries: int = 0
    punctuated: int = 0
    found: int = 0
    found_punctuated: int = 0
    inside: int = 0
    chars: int = 0
    seconds: float = 0.0
    pieces: list[int] = field(default_factory=list)  # sentences per line, all lines in order
    lines: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    inside_examples: list[str] = field(default_factory=list)


def _read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").removesuffix("\n").split("\n")


def _group(lines: list[str], keys: list[str]) -> list[list[str]]:
    if len(lines) != len(keys):
        sys.exit(f"{len(lines)} lines but {len(keys)} document keys")
    documents = []
    for _, group in itertools.groupby(zip(keys, lines, strict=True), key=lambda pair: pair[0]):
        document = [line.strip() for _, line in group if line.strip()]
        if document:
            documents.append(document)
    return documents


def load(data: Path) -> list[Corpus]:
    flores = data / "flores200"
    urls = [row.split("\t")[0] for row in _read_lines(flores / "flores200_metadata_devtest.tsv")[1:]]
    tico = data / "tico19"
    ids = [row.split("\t")[0].split(":")[0] for row in _read_lines(tico / "tico19-test.en.info")]
    return [
        Corpus("FLORES-200 devtest", "fa", _group(_read_lines(flores / "flores200_pes_Arab.devtest"), urls)),
        Corpus("FLORES-200 devtest", "en", _group(_read_lines(flores / "flores200_eng_Latn.devtest"), urls)),
        Corpus("TICO-19 test", "fa", _group(_read_lines(tico / "tico19-test.fa"), ids)),
        Corpus("TICO-19 test", "en", _group(_read_lines(tico / "tico19-test.en"), ids)),
    ]


def normalized(corpus: Corpus) -> Corpus:
    # normalize() keeps the line count and no rule crosses a line break, so a document can be
    # normalized as one text and cut back into its lines.
    documents = []
    for document in corpus.documents:
        lines = [line.strip() for line in hamsu.normalize("\n".join(document)).split("\n")]
        documents.append([line for line in lines if line])
    return Corpus(corpus.name, corpus.lang, documents)


def _is_punctuated(line: str) -> bool:
    return line.rstrip(_CLOSERS)[-1:] in tuple(_FINAL)


def score(corpus: Corpus, show: int) -> Score:
    s = Score()
    for document in corpus.documents:
        paragraph = " ".join(document)
        boundaries = []  # offset of the joining space after each line but the last
        pos = 0
        for line in document[:-1]:
            pos += len(line)
            boundaries.append(pos)
            pos += 1
        started = time.perf_counter()
        spans = split_sentences(paragraph, corpus.lang)
        s.seconds += time.perf_counter() - started
        s.chars += len(paragraph)
        # a boundary is found when a span ends right before its joining space (lines are stripped)
        cuts = {end for _, end in spans[:-1]}
        boundary_set = set(boundaries)
        for line, boundary in zip(document, boundaries, strict=False):
            punctuated = _is_punctuated(line)
            s.boundaries += 1
            s.punctuated += punctuated
            if boundary in cuts:
                s.found += 1
                s.found_punctuated += punctuated
            elif punctuated and len(s.missed) < show:
                s.missed.append(_context(paragraph, boundary))
        inside = sorted(cuts - boundary_set)
        for cut in inside:
            s.inside += 1
            if len(s.inside_examples) < show:
                s.inside_examples.append(_context(paragraph, cut))
        line_start = 0
        for line in document:
            line_end = line_start + len(line)
            s.pieces.append(1 + sum(line_start < cut < line_end for cut in inside))
            s.lines.append(line)
            line_start = line_end + 1
    return s


def _context(paragraph: str, cut: int) -> str:
    return f"{paragraph[max(0, cut - 60) : cut]} ‖ {paragraph[cut : cut + 50].lstrip()}"


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.2f}%" if whole else "–"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--show", type=int, default=0, metavar="N")
    args = parser.parse_args()

    runs: list[tuple[str, Corpus]] = []
    for corpus in load(args.data):
        runs.append(("raw", corpus))
        if corpus.lang == "fa":
            runs.append(("normalized", normalized(corpus)))

    columns = ("corpus", "lang", "text", "docs", "boundaries", "recall", "punctuated", "recall (punct.)", "inside",
               "prec.", "chars/s")
    print("| " + " | ".join(columns) + " |")
    print("|---|---|---|" + "---:|" * (len(columns) - 3))
    details = []
    scores: dict[tuple[str, str, str], Score] = {}  # (name, lang, variant)
    for variant, corpus in runs:
        s = score(corpus, args.show)
        scores[(corpus.name, corpus.lang, variant)] = s
        speed = f"{s.chars / s.seconds / 1e6:.1f} M" if s.seconds else "–"
        print(
            f"| {corpus.name} | {corpus.lang} | {variant} | {len(corpus.documents)} | {s.boundaries} "
            f"| {_pct(s.found, s.boundaries)} | {_pct(s.punctuated, s.boundaries)} "
            f"| {_pct(s.found_punctuated, s.punctuated)} | {s.inside} | {_pct(s.found, s.found + s.inside)} | {speed} |"
        )
        if args.show:
            details.append((f"{corpus.name} {corpus.lang} {variant}", s))
    print("\nSentences per line, Persian (normalized) against English:\n")
    print("| corpus | lines | same count | fa more | en more |")
    print("|---|---:|---:|---:|---:|")
    disagreements = []
    for name in dict.fromkeys(corpus.name for _, corpus in runs):
        fa, en = scores[(name, "fa", "normalized")], scores[(name, "en", "raw")]
        pairs = list(zip(fa.pieces, en.pieces, fa.lines, en.lines, strict=True))
        fa_more = [p for p in pairs if p[0] > p[1]]
        en_more = [p for p in pairs if p[0] < p[1]]
        same = len(pairs) - len(fa_more) - len(en_more)
        print(f"| {name} | {len(pairs)} | {_pct(same, len(pairs))} | {len(fa_more)} | {len(en_more)} |")
        disagreements.append((name, (fa_more + en_more)[: args.show]))
    for name, pairs in disagreements:
        if pairs:
            print(f"\n### {name}: lines split differently\n")
            for fa_count, en_count, fa_line, en_line in pairs:
                print(f"- fa {fa_count}, en {en_count}: {fa_line}\n  {en_line}")
    for title, s in details:
        print(f"\n### {title}\n\nmissed punctuated boundaries:")
        print("\n".join(f"- {m}" for m in s.missed) or "- none")
        print("\nsplits inside lines:")
        print("\n".join(f"- {m}" for m in s.inside_examples) or "- none")


if __name__ == "__main__":
    main()
