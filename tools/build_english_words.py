#!/usr/bin/env python3
"""Compile the English word list the names check ships (src/hamsu/data/en_words.txt.gz).

Run from the repository root with the shared data beside it:

    python tools/build_english_words.py [--shared ../shared]

The list holds every English word the Wiktionary en→fa extract writes in lower case, in its
headwords and in its glosses ("outlook", "giant", "stable"), one a line. hamsu's names check reads
it to tell a title-case phrase of ordinary words (Negative Outlook, which a translator renders by
its meaning) from a name (Katja Saarinen): the dictionary's own headwords alone are 8,000 words and
miss most of the ordinary vocabulary. The output is committed; it is distributed under the
dictionary's license (CC BY-SA, see NOTICE).
"""
from __future__ import annotations

import argparse
import csv
import gzip
import re
from pathlib import Path

_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")


def english_words(pairs: Path) -> list[str]:
    words = set()
    with pairs.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            for text in (row["en"], row["gloss"]):
                words.update(w for w in _WORD.findall(text) if w.islower() and len(w) > 1)
    return sorted(words)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("..") / "shared")
    ap.add_argument("--out", type=Path, default=Path("src/hamsu/data/en_words.txt.gz"))
    args = ap.parse_args()
    words = english_words(args.shared / "data" / "dictionary" / "wiktionary-en-fa" / "en-fa-pairs.tsv")
    header = "# English words of the Wiktionary en-fa extract (headwords and glosses), CC BY-SA: see NOTICE\n"
    # mtime=0: the same input gives the same bytes
    with gzip.GzipFile(args.out, "wb", mtime=0) as out:
        out.write((header + "\n".join(words) + "\n").encode("utf-8"))
    print(f"{len(words):,} words -> {args.out}")


if __name__ == "__main__":
    main()
