"""The compiled name table (src/hamsu/data/names_fa_en.tsv.gz, built by tools/build_names.py).

Loaded once, lazily. Both sides are looked up by key: Persian folded with spaces and half-spaces
removed (دیر الزور and دیرالزور are one key), English reduced to letters with the Arabic article
written one way (Dayr az Zawr and Dayr al-Zawr are one key).
"""
from __future__ import annotations

import gzip
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ..cache import derived_table, shipped_bytes
from ..persian import script
from ..persian.script import ZWNJ
from . import translit
from .translit import latin_key, romanization_fold_fa

NAMES_FILE = "names_fa_en.tsv.gz"


_SPACES = re.compile(f"[\\s{ZWNJ}]+")


@lru_cache(maxsize=1 << 15)  # asked of every word, and of the parts of every half-spaced one
def fa_lookup_key(text: str) -> str:
    """Persian key: folded letters, no spaces or half-spaces (so glued and spaced spellings meet)."""
    return _SPACES.sub("", romanization_fold_fa(text, keep_madda=True))


def _madda_variant(key: str) -> str:
    """The other common spelling of a word-initial long a: آمریکا / امریکا."""
    if key.startswith("آ"):
        return "ا" + key[1:]
    if key.startswith("ا"):
        return "آ" + key[1:]
    return key


# Transliterations spell the article by the letter it assimilates to (ad-Dawla, az-Zawr, ez-Zor,
# ash-Sham); a key writes every one as "al" when it stands before a name. Only al/el may be
# capitalized (Al Jazeera): Ed or As before a capital is a name of its own.
_ARTICLE = re.compile(
    r"(?<![A-Za-z])(?:[aAeE]l|a[dnrstz]|ash|e[sdrtz]|u[ldns])(?:[-‐'’](?=[A-Za-z])|\s+(?=[A-Z]))"
)


@lru_cache(maxsize=1 << 16)
def en_lookup_key(text: str) -> str:
    """English key: letters only, doubled letters once, every Arabic article as al."""
    return latin_key(_ARTICLE.sub("al ", text))


class NameEntry(NamedTuple):  # a tuple: the cached table of ~10,000 entries loads several times faster
    fa: str  # the Persian form as the table writes it
    english: tuple[str, ...]
    kind: str
    evidence: str  # "gazetteer" or "dictionary"
    ambiguous: bool  # also an ordinary word: a name only when the English side confirms it


@dataclass(frozen=True)
class NameTable:
    by_fa: dict[str, NameEntry]  # Persian key -> entry
    by_en: dict[str, frozenset[str]]  # English key -> Persian keys
    common: frozenset[str]  # Persian keys of frequent ordinary words
    longest: int  # most words in a Persian form
    first_words: frozenset[str]  # keys of the first words of forms of several words

    def __post_init__(self) -> None:
        # The two questions asked of nearly every word, answered by the dict's and the set's own
        # methods rather than through a method of the table (a call less each): entry(fa_key) is
        # by_fa.get, is_common(fa_key) is `fa_key in common`.
        object.__setattr__(self, "entry", self.by_fa.get)
        object.__setattr__(self, "is_common", self.common.__contains__)

    def entry(self, fa_key: str) -> NameEntry | None:  # (see __post_init__)
        return self.by_fa.get(fa_key)

    def persian_for(self, en_key: str) -> frozenset[str]:
        return self.by_en.get(en_key, frozenset())

    def is_common(self, fa_key: str) -> bool:  # (see __post_init__)
        return fa_key in self.common


def parse_table(text: str) -> NameTable:
    by_fa: dict[str, NameEntry] = {}
    by_en: dict[str, set[str]] = defaultdict(set)
    common: set[str] = set()
    section = ""
    longest = 1
    for line in text.splitlines():
        if line.startswith("## "):
            section = line[3:]
            continue
        if not line or line.startswith("#"):
            continue
        if section == "common":
            common.add(fa_lookup_key(line))
            continue
        fa, english, kind, evidence, flags = line.split("\t")
        key = fa_lookup_key(fa)
        forms = tuple(english.split("|"))
        old = by_fa.get(key)
        if old is not None:  # two spellings with one key: keep both lists
            forms = old.english + tuple(f for f in forms if f not in old.english)
            flags += "a" if old.ambiguous else ""
            evidence = "gazetteer" if "gazetteer" in (old.evidence, evidence) else evidence
        by_fa[key] = NameEntry(fa, forms, kind, evidence, "a" in flags)
        longest = max(longest, len(fa.split()))
        for form in forms:
            by_en[en_lookup_key(form)].add(key)
    # Names are written with آ or ا at the start (آمریکا، امریکا); the other spelling is looked up
    # too unless it is an ordinary word (امور affairs is not آمور, the Amur).
    for key, entry in list(by_fa.items()):
        variant = _madda_variant(key)
        if variant != key and variant not in by_fa and variant not in common:
            by_fa[variant] = entry
            for form in entry.english:
                by_en[en_lookup_key(form)].add(variant)
    first_words = set()
    for entry in by_fa.values():
        if " " in entry.fa or ZWNJ in entry.fa:  # هنگ‌کنگ may be written هنگ کنگ
            first = fa_lookup_key(re.split(f"[ {ZWNJ}]", entry.fa)[0])
            first_words |= {first, _madda_variant(first)}
    return NameTable(by_fa, {k: frozenset(v) for k, v in by_en.items()}, frozenset(common), longest,
                     frozenset(first_words))


def _build(raw: bytes) -> NameTable:
    return parse_table(gzip.decompress(raw).decode("utf-8"))


@lru_cache(maxsize=1)
def name_table_data() -> NameTable:
    """The table that ships with hamsu, loaded once per process (from the user's cache after the
    first run: parsing and keying it costs a few tenths of a second, reading it back a few hundredths)."""
    return derived_table("names", shipped_bytes(NAMES_FILE), _build, (script, translit, sys.modules[__name__]))
