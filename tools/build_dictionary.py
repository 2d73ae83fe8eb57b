#!/usr/bin/env python3
"""Compile the English–Persian dictionary the aligner ships (src/hamsu/data/en_fa_dictionary.tsv.gz).

Run from the repository root with the shared data beside it:

    python tools/build_dictionary.py [--shared ../shared]

The output is committed, so installing hamsu needs no network and no shared data. Each line is

    english <TAB> persian <TAB> sources

with the Persian side normalized by hamsu.normalize (diacritics stripped, Arabic letter variants
folded to the Persian ones) and `sources` a comma-separated subset of:

    wiktionary  English Wiktionary en→fa extract, 2015 (CC-BY-SA 3.0 / GFDL)
    geonames    GeoNames place names via Debian libgeonames-common (CC-BY 4.0)
    cldr        Unicode CLDR territory, language, script, currency and city names (Unicode-3.0)

iso-codes (LGPL-2.1+) is left out: CLDR has nearly the same country and language names under a
permissive license. No source marks any entry non-commercial.

Multiword entries: function words and light verbs (کردن، شدن، to, of ...) are dropped from both
sides, so ترک کردن is the word ترک and 'give up' stays 'give up'; an entry is kept when each side has
at most two content words left (the aligner matches one- and two-word keys) and dropped otherwise
(proverbs, long glosses). Persian alternatives written in one cell (a، b) become separate entries.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import re
import sys
from collections import defaultdict
from pathlib import Path

MAX_KEY_WORDS = 2
SKIP_POS = {"proverb", "suffix", "prefix"}
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}")
_ALTERNATIVES = re.compile("[،؛;,/]")
# hamsu.normalize turns presentation forms (ﻳ) into Arabic letters (ي) after its letter-variant
# rule has run, so the variants are folded again here.
_STORAGE_FOLD = str.maketrans({"ة": "ه", "ٱ": "ا", "ي": "ی", "ى": "ی", "ك": "ک"})


def persian_forms(cell: str) -> list[str]:
    """The Persian spellings in one dictionary cell, normalized; [] for cells with Latin or digits."""
    from hamsu import normalize

    forms = []
    for part in _ALTERNATIVES.split(_BRACKETS.sub(" ", cell)):
        part = " ".join(part.split())
        if not part or re.search(r"[A-Za-z0-9۰-۹٠-٩]", part):
            continue
        forms.append(normalize(part, strip_diacritics=True).translate(_STORAGE_FOLD))
    return forms


def english_forms(cell: str) -> list[str]:
    cell = " ".join(_BRACKETS.sub(" ", cell).split())
    return [cell] if cell and not re.search(r"[0-9]", cell) else []


def name_part(cell: str) -> str:
    return re.split("[,،]", cell, maxsplit=1)[0]


def usable(en: str, fa: str) -> bool:
    from hamsu.align.lexical import en_key, fa_key

    ek, fk = en_key(en), fa_key(fa)
    return bool(ek and fk) and len(ek.split()) <= MAX_KEY_WORDS and len(fk.split()) <= MAX_KEY_WORDS


def read_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def build(shared: Path) -> dict[tuple[str, str], set[str]]:
    entries: dict[tuple[str, str], set[str]] = defaultdict(set)

    def add(en_cell: str, fa_cell: str, source: str) -> None:
        for en in english_forms(en_cell):
            for fa in persian_forms(fa_cell):
                if usable(en, fa):
                    entries[en, fa].add(source)

    for row in read_tsv(shared / "data" / "dictionary" / "wiktionary-en-fa" / "en-fa-pairs.tsv"):
        if row["pos"] not in SKIP_POS:
            add(row["en"], row["fa"], "wiktionary")
    # In the name lists a comma qualifies the place (Tanga، تانزانیا; Knox, Indiana): the name is
    # what comes before it.
    for row in read_tsv(shared / "data" / "names" / "geonames-fa-en" / "geonames-fa-en.tsv"):
        add(name_part(row["en"]), name_part(row["fa"]), "geonames")
    for row in read_tsv(shared / "data" / "names" / "cldr-fa-en" / "cldr-fa-en.tsv"):
        add(name_part(row["en"]), name_part(row["fa"]), "cldr")
    return entries


HEADER = """\
# hamsu English–Persian alignment dictionary, compiled by tools/build_dictionary.py.
# english <TAB> persian (hamsu.normalize, diacritics stripped) <TAB> sources
# wiktionary: English Wiktionary en-fa extract 2015 (M. Buchmeier), CC-BY-SA 3.0 / GFDL
# geonames: GeoNames (geonames.org) via Debian libgeonames-common, CC-BY 4.0
# cldr: Unicode CLDR via Babel, Unicode License v3
"""


def main() -> None:
    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root / "src"))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=root.parent / "shared")
    ap.add_argument("--out", type=Path, default=root / "src" / "hamsu" / "data" / "en_fa_dictionary.tsv.gz")
    args = ap.parse_args()
    entries = build(args.shared)
    lines = sorted(f"{en}\t{fa}\t{','.join(sorted(src))}\n" for (en, fa), src in entries.items())
    tmp = args.out.with_suffix(".tmp")
    # mtime=0 and sorted lines keep the committed file byte-identical across rebuilds.
    with open(tmp, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write((HEADER + "".join(lines)).encode("utf-8"))
    tmp.replace(args.out)
    by_source: dict[str, int] = defaultdict(int)
    for src in entries.values():
        for s in src:
            by_source[s] += 1
    print(args.out, f"{len(lines)} entries", dict(sorted(by_source.items())), f"{args.out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
