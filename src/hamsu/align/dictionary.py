"""The English–Persian dictionary as the aligner uses it: English keys to the Persian keys they translate to.

The compiled table (src/hamsu/data/en_fa_dictionary.tsv.gz, built by tools/build_dictionary.py)
holds readable words and phrases; here both sides become keys (lexical.en_key / lexical.fa_key: the
content stems, joined by a space), so the table keeps working when the stemmers change.
"""
from __future__ import annotations

import gzip
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from ..cache import derived_table, shipped_bytes
from ..persian import script
from . import lexical
from .lexical import en_key, fa_key

DICTIONARY_FILE = "en_fa_dictionary.tsv.gz"


@dataclass(frozen=True, slots=True)
class Dictionary:
    """English keys (one stem, or two joined by a space) to the Persian keys they may translate to."""

    en_to_fa: Mapping[str, frozenset[str]]
    fa_keys: frozenset[str]  # every Persian key, to tell a word the dictionary knows from one it does not
    fa_phrases: frozenset[str]  # the two-word Persian keys, the only pairs worth looking up in a sentence

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]]) -> Dictionary:
        """A dictionary from (English, Persian) words or phrases, as written."""
        table: dict[str, set[str]] = defaultdict(set)
        for en, fa in pairs:
            ek, fk = en_key(en), fa_key(fa)
            if ek and fk:
                table[ek].add(fk)
        fa_keys = frozenset(k for keys in table.values() for k in keys)
        return cls(
            {k: frozenset(v) for k, v in table.items()},
            fa_keys,
            frozenset(k for k in fa_keys if " " in k),
        )

    def __len__(self) -> int:
        return len(self.en_to_fa)


def read_pairs(text: str) -> list[tuple[str, str]]:
    pairs = []
    for line in text.splitlines():
        if line and not line.startswith("#"):
            en, fa = line.split("\t")[:2]
            pairs.append((en, fa))
    return pairs


def _build(raw: bytes) -> Dictionary:
    return Dictionary.from_pairs(read_pairs(gzip.decompress(raw).decode("utf-8")))


@lru_cache(maxsize=1)
def shipped_dictionary() -> Dictionary:
    """The dictionary that ships with hamsu, loaded once per process (from the user's cache after
    the first run: stemming every entry again would cost a few tenths of a second)."""
    return derived_table("dictionary", shipped_bytes(DICTIONARY_FILE), _build, (script, lexical, sys.modules[__name__]))
