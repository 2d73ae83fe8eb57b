#!/usr/bin/env python3
"""Compile the Persian word table that hamsu ships (src/hamsu/data/fa_words.tsv.gz).

Run from the repository root with the shared data beside it:

    python tools/build_lexicon.py [--shared ../shared]

The output is committed, so installing hamsu needs no network and no shared data. Sources and
licenses are listed in NOTICE. Each output line is

    form <TAB> count <TAB> flags

`form` is a spelling as the sources write it (with or without ZWNJ), `count` an estimated count in
a 19-million-token corpus (Persian Wikipedia counts; wordfreq's Zipf value scaled to the same size
where Wikipedia has none), and `flags` says which curated lexicons list the form:

    L  Lilak lexicon          V  Lilak lists it as a verb form     P  Lilak lists it as a plural
    N  Lilak lists it with another part of speech (noun, adjective, adverb, ...)
    A  Lilak lists it as an adjective (also N)
    U  Lilak user words       H  hazm words           S  shekar compounds      W  wordfreq list

Forms only Wikipedia knows are kept when they occur at least MIN_WIKI_COUNT times, which drops
most typing accidents while keeping rare but real words.
"""
from __future__ import annotations

import argparse
import gzip
import unicodedata
from collections import defaultdict
from pathlib import Path

ZWNJ = "\u200c"
MIN_WIKI_COUNT = 3
WIKI_TOKENS = 19.16e6  # tokens in the Persian Wikipedia list
ARABIC_LETTERS = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيپچژکگی\u0670\u0654"
LETTER_FIXES = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "\u0640": None})


def clean(word: str) -> str:
    """One spelling per word: Persian letter forms, no diacritics or kashida, no stray ZWNJ."""
    word = unicodedata.normalize("NFC", word.strip()).translate(LETTER_FIXES)
    word = "".join(ch for ch in word if not ("\u064b" <= ch <= "\u065f" and ch != "\u0654"))
    while ZWNJ + ZWNJ in word:
        word = word.replace(ZWNJ + ZWNJ, ZWNJ)
    return word.strip(ZWNJ)


def is_persian_word(word: str) -> bool:
    return bool(word) and all(ch in ARABIC_LETTERS or ch == ZWNJ for ch in word)


def build(shared: Path) -> dict[str, list]:
    lex = shared / "data" / "lexicon"
    table: dict[str, list] = defaultdict(lambda: [0.0, set()])

    def add(word: str, flag: str | None = None, count: float = 0.0) -> None:
        word = clean(word)
        if not is_persian_word(word):
            return
        entry = table[word]
        entry[0] = max(entry[0], count)
        if flag:
            entry[1].add(flag)

    for line in (lex / "lilak" / "lexicon.csv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        word, pos = (line.split(",") + [""])[:2]
        add(word, "L")
        add(word, {"verb": "V", "noun_plural": "P"}.get(pos, "N"))
        if pos == "adjective":
            add(word, "A")
    for line in (lex / "lilak" / "dic_users.txt").read_text(encoding="utf-8").splitlines():
        add(line, "U")
    for line in (lex / "hazm" / "words.dat").read_text(encoding="utf-8").splitlines():
        add(line.split("\t")[0], "H")
    for line in (lex / "shekar" / "compound_words.csv").read_text(encoding="utf-8").splitlines():
        add(line, "S")

    wiki: dict[str, float] = defaultdict(float)
    for line in (lex / "fawiki-word-freq" / "persian-word-freq.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        word, count = line.split("\t")[:2]
        wiki[clean(word)] += float(count)
    for word, count in wiki.items():
        if word in table or count >= MIN_WIKI_COUNT:
            add(word, None, count)

    for line in (lex / "wordfreq-fa" / "small_fa.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        word, zipf = line.split("\t")
        word = clean(word)
        estimate = 10 ** (float(zipf) - 9) * WIKI_TOKENS
        add(word, "W", 0.0 if word in wiki else estimate)
    return table


def joined(form: str) -> str:
    return form.replace(ZWNJ, "")


def present_stems(shared: Path) -> frozenset[str]:
    stems = set()
    for line in (shared / "data" / "lexicon" / "hazm" / "verbs.dat").read_text(encoding="utf-8").splitlines():
        if "#" in line:
            stems.add(clean(line.split("#")[1]))
    return frozenset(s for s in stems if s)


def verb_forms(shared: Path) -> frozenset[str]:
    """Infinitives and simple past forms of every verb hazm lists (راندن، رفتند)."""
    forms = set()
    for line in (shared / "data" / "lexicon" / "hazm" / "verbs.dat").read_text(encoding="utf-8").splitlines():
        past = clean(line.split("#")[0])
        if len(past) >= 2:
            forms.update(past + ending for ending in ("ن", "م", "ی", "یم", "ید", "ند"))
    return frozenset(forms)


def derive(table: dict[str, list], shared: Path) -> dict[str, list[str]]:
    """The runtime tables: which glued spellings take a ZWNJ, which words exist, verb forms."""
    from hamsu.persian.orthography import (  # the policy lives in the package
        COMMON_MIN_COUNT,
        bound_heads,
        choose_spelling,
        detached_comparative,
        detached_plural,
        joins_from_space,
        stray_verb_prefix,
    )

    count = {w: c for w, (c, _) in table.items()}
    flags = {w: f for w, (_, f) in table.items()}
    verb_rest = frozenset(joined(w.split(ZWNJ, 1)[1]) for w, f in flags.items()
                          if "V" in f and w.startswith(("می" + ZWNJ, "نمی" + ZWNJ)))
    by_key: dict[str, list[str]] = defaultdict(list)
    for form, (c, f) in table.items():
        if ZWNJ in form and (f or c >= MIN_WIKI_COUNT) and not stray_verb_prefix(form, count, flags, verb_rest):
            by_key[joined(form)].append(form)

    verbal = verb_forms(shared)
    productivity: dict[str, int] = defaultdict(int)
    for form in table:
        if ZWNJ in form:
            productivity[form.rsplit(ZWNJ, 1)[1]] += 1
    heads = bound_heads(present_stems(shared), productivity, flags)
    zwnj_forms, ambiguous, compounds = [], [], []
    for key, forms in by_key.items():
        decision = choose_spelling(key, forms, count, flags)
        if decision.form != key:
            zwnj_forms.append(decision.form)
        elif decision.alternative:
            ambiguous.append(decision.alternative)
        # A compound may join across a space even where its glued spelling is the usual one
        # (نام گذاری): the choice there is between a half-space and a space.
        for form in forms:
            if joins_from_space(form, count, flags, verbal, heads):
                compounds.append(form)
    # Glued plurals, possessives and comparatives only the frequency lists know (سنجاقکها، وزنشان،
    # قشنگترین): the old habit.
    decided = {joined(f) for f in zwnj_forms}
    for word in table:
        if ZWNJ not in word and word not in by_key and word not in decided:
            form = detached_plural(word, count, flags) or detached_comparative(word, count, flags)
            if form:
                zwnj_forms.append(form)
    known = [w for w, (c, f) in table.items() if ZWNJ not in w and (f - {"W"} or c >= MIN_WIKI_COUNT)]
    common = [w for w, (c, f) in table.items() if ZWNJ not in w and c >= COMMON_MIN_COUNT]
    return {
        "zwnj": sorted(zwnj_forms),
        "ambiguous": sorted(ambiguous),
        "compounds": sorted(compounds),
        "known": sorted(known),
        "common": sorted(common),
        "verbs": sorted(verb_rest),
        "heads": sorted(heads),
    }


def main() -> None:
    import sys

    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root / "src"))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=root.parent / "shared")
    ap.add_argument("--out", type=Path, default=root / "src" / "hamsu" / "data" / "fa_halfspace.txt.gz")
    args = ap.parse_args()
    tables = derive(build(args.shared), args.shared)
    text = "".join(f"## {name}\n" + "".join(w + "\n" for w in words) for name, words in tables.items())
    tmp = args.out.with_suffix(".tmp")
    # mtime=0 and sorted tables keep the committed file byte-identical across rebuilds.
    with open(tmp, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    tmp.replace(args.out)
    print(args.out, {name: len(words) for name, words in tables.items()})


if __name__ == "__main__":
    main()
