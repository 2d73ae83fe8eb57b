"""The compiled Persian word tables that ship with hamsu (built by tools/build_lexicon.py).

Loaded once, lazily, on first use: a few sets and one dict, about 0.1 s.
"""
from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .orthography import AFTER_SILENT_HE, AFTER_YEH, PRONOUN_CLITICS, SUFFIX_TOKENS, ZWNJ

# Suffixes and clitics that join the word before them when written apart.
JOINS_PREVIOUS = SUFFIX_TOKENS | PRONOUN_CLITICS | AFTER_YEH | frozenset(AFTER_SILENT_HE)


@dataclass(frozen=True)
class HalfSpaceLexicon:
    zwnj: dict[str, str]  # glued key -> the half-space spelling hamsu writes (میشود -> می‌شود)
    ambiguous: dict[str, str]  # glued word kept as is, with its half-space verb reading (میدانی)
    compounds: frozenset[str]  # half-space spellings that may join across a space (برنامه‌ریزی)
    known: frozenset[str]  # words written without a half-space that exist as they are
    common: frozenset[str]  # the frequent ones among them (COMMON_MIN_COUNT)
    verbs: frozenset[str]  # verb forms that follow می/نمی (شود، دانستند)
    heads: frozenset[str]  # bound deverbal heads of productive compounds (سازی، شناسی)
    join_triggers: frozenset[str]  # words that may join the word before them across a space


def _forms_by_key(forms: list[str]) -> dict[str, str]:
    return {f.replace(ZWNJ, ""): f for f in forms}


@lru_cache(maxsize=1)
def halfspace_lexicon() -> HalfSpaceLexicon:
    raw = resources.files("hamsu.data").joinpath("fa_halfspace.txt.gz").read_bytes()
    sections: dict[str, list[str]] = {}
    for chunk in gzip.decompress(raw).decode("utf-8").split("## ")[1:]:
        name, _, body = chunk.partition("\n")
        sections[name] = body.split("\n")[:-1]
    compounds = frozenset(sections["compounds"])
    heads = frozenset(sections["heads"])
    triggers = {form.split(ZWNJ, 1)[1] for form in compounds} | heads | JOINS_PREVIOUS
    return HalfSpaceLexicon(
        zwnj=_forms_by_key(sections["zwnj"]),
        ambiguous=_forms_by_key(sections["ambiguous"]),
        compounds=compounds,
        known=frozenset(sections["known"]),
        common=frozenset(sections.get("common", ())),
        verbs=frozenset(sections["verbs"]),
        heads=heads,
        join_triggers=frozenset(triggers),
    )
