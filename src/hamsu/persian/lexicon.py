"""The compiled Persian word tables that ship with hamsu (built by tools/build_lexicon.py).

Loaded once, lazily, on first use, and in pieces. The tables hold about 390,000 words; making a
Python string and a set entry of each took about 0.1-0.3 s, more than a short command's whole
run. So each big table is kept as UTF-8 bytes in shards by the first two letters of its words
(the glued key's, for spellings), and a shard becomes a set or a dict the first time a word of it
is looked up: one article touches a few hundred of the thousand-odd shards; a long document ends
up building them all, at the cost of building the whole table once. The sharded bytes are made
from the shipped file once and kept in the user's cache (hamsu/cache.py), so a run reads them
back in milliseconds instead of decompressing and splitting the file again.
"""
from __future__ import annotations

import gzip
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..cache import derived_table, shipped_bytes
from . import orthography, script
from .orthography import AFTER_SILENT_HE, AFTER_YEH, PRONOUN_CLITICS, SUFFIX_TOKENS, ZWNJ

LEXICON_FILE = "fa_halfspace.txt.gz"
# Suffixes and clitics that join the word before them when written apart.
JOINS_PREVIOUS = SUFFIX_TOKENS | PRONOUN_CLITICS | AFTER_YEH | frozenset(AFTER_SILENT_HE)
SHARD_LETTERS = 2  # a word's shard: its first two letters
# One table as stored: UTF-8 words, each ending in a newline, shard after shard; each shard's
# byte span (its last newline left out) by its first letters; the number of words.
Packed = tuple[bytes, dict[str, tuple[int, int]], int]


class WordSet:
    """A read-only set of words whose shards are built on first use (see the module's note)."""

    __slots__ = ("_blob", "_spans", "_shards", "_size")

    def __init__(self, packed: Packed) -> None:
        self._blob, self._spans, self._size = packed
        self._shards: dict[str, frozenset[str] | dict[str, str]] = {}

    def _words(self, prefix: str) -> list[str]:
        span = self._spans.get(prefix)
        return self._blob[span[0] : span[1]].decode("utf-8").split("\n") if span else []

    def _build(self, prefix: str):
        return frozenset(self._words(prefix))

    def _shard(self, word: str):
        prefix = word[:SHARD_LETTERS]
        shard = self._shards.get(prefix)
        if shard is None:
            shard = self._shards[prefix] = self._build(prefix)
        return shard

    def __contains__(self, word: str) -> bool:
        return word in self._shard(word)

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[str]:
        for prefix in self._spans:
            yield from self._shard(prefix)


class SpellingMap(WordSet):
    """Half-space spellings by their glued key (میشود -> می‌شود), sharded like WordSet by the key."""

    __slots__ = ()

    def _build(self, prefix: str) -> dict[str, str]:
        return {form.replace(ZWNJ, ""): form for form in self._words(prefix)}

    def get(self, key: str, default: str | None = None) -> str | None:
        return self._shard(key).get(key, default)

    def __getitem__(self, key: str) -> str:
        return self._shard(key)[key]


@dataclass(frozen=True)
class HalfSpaceLexicon:
    zwnj: SpellingMap  # glued key -> the half-space spelling hamsu writes (میشود -> می‌شود)
    ambiguous: dict[str, str]  # glued word kept as is, with its half-space verb reading (میدانی)
    compounds: WordSet  # half-space spellings that may join across a space (برنامه‌ریزی)
    known: WordSet  # words written without a half-space that exist as they are
    common: WordSet  # the frequent ones among them (COMMON_MIN_COUNT)
    verbs: frozenset[str]  # verb forms that follow می/نمی (شود، دانستند)
    heads: frozenset[str]  # bound deverbal heads of productive compounds (سازی، شناسی)
    join_triggers: frozenset[str]  # words that may join the word before them across a space


def _pack(words: list[str], key=lambda word: word) -> Packed:
    """Words grouped into shards by the first letters of key(word), as bytes with byte spans."""
    shards: dict[str, list[str]] = {}
    for word in words:
        shards.setdefault(key(word)[:SHARD_LETTERS], []).append(word)
    blob, spans = bytearray(), {}
    for prefix in sorted(shards):
        start = len(blob)
        blob += "\n".join(shards[prefix]).encode("utf-8")
        spans[prefix] = (start, len(blob))
        blob += b"\n"
    return bytes(blob), spans, len(words)


def _sections(raw: bytes) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    for chunk in gzip.decompress(raw).decode("utf-8").split("## ")[1:]:
        name, _, body = chunk.partition("\n")
        sections[name] = body.split("\n")[:-1]
    return sections


def _packed_tables(raw: bytes) -> dict[str, Packed]:
    """The shipped file's sections, packed; the join triggers worked out once here too."""
    sections = _sections(raw)
    sections.setdefault("common", [])
    triggers = {form.split(ZWNJ, 1)[1] for form in sections["compounds"]} | set(sections["heads"]) | JOINS_PREVIOUS
    sections["join_triggers"] = sorted(triggers)
    tables = {name: _pack(words) for name, words in sections.items() if name != "zwnj"}
    tables["zwnj"] = _pack(sections["zwnj"], key=lambda form: form.replace(ZWNJ, ""))
    return tables


def _whole(packed: Packed) -> list[str]:
    """All the words of a small table."""
    return packed[0].decode("utf-8").split("\n")[:-1]


@lru_cache(maxsize=1)
def halfspace_lexicon() -> HalfSpaceLexicon:
    tables = derived_table(
        "lexicon", shipped_bytes(LEXICON_FILE), _packed_tables, (orthography, script, sys.modules[__name__])
    )
    ambiguous = _whole(tables["ambiguous"])
    return HalfSpaceLexicon(
        zwnj=SpellingMap(tables["zwnj"]),
        ambiguous={form.replace(ZWNJ, ""): form for form in ambiguous},
        compounds=WordSet(tables["compounds"]),
        known=WordSet(tables["known"]),
        common=WordSet(tables["common"]),
        verbs=frozenset(_whole(tables["verbs"])),
        heads=frozenset(_whole(tables["heads"])),
        join_triggers=frozenset(_whole(tables["join_triggers"])),  # asked of every pair of words
    )
