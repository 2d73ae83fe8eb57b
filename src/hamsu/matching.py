"""Text helpers for matching, shared by the checks and the store's search: digit folding, Persian
letter folding with an offset map, English tokens and a small stemmer. Stdlib only, and kept apart
from the aligner's own keys, which are tuned for a different job and may change with it. (It sits
below check/ and store/, which both use it; it was check/text.py.)
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .persian.script import (  # noqa: F401 - ZWNJ, the digits and the ranges: their old address
    ARABIC_DIGITS,
    ARABIC_LETTERS,
    ARABIC_MARKS,
    ASCII_DIGITS,
    LRM,
    MATCHING_FOLD,
    PERSIAN_DIGITS,
    PRESENTATION_FORMS,
    RLM,
    ZWJ,
    ZWNJ,
    code_points,
)
from .read.language import LATIN_LETTERS, count_letters, letter_runs

ARABIC_SCRIPT = re.compile(f"[{ARABIC_LETTERS}]")
_DROP = re.compile(f"[{ARABIC_MARKS}{ZWJ}{LRM}{RLM}]")
_SPACE_LIKE = re.compile(f"[\\s{ZWNJ}]")


def fold_persian(text: str) -> tuple[str, tuple[int, ...]]:
    """Text folded for matching, and where each folded character came from (len + 1 entries).

    Letter variants become one letter, diacritics and kashida go, digits become ASCII, and a
    half-space counts as a space (runs of either become one space).
    """
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if _DROP.match(ch):
            continue
        if _SPACE_LIKE.match(ch):
            if out and out[-1] == " ":
                continue
            ch = " "
        out.append(MATCHING_FOLD.get(ch, ch).translate(ASCII_DIGITS))
        where.append(i)
    where.append(len(text))
    return "".join(out), tuple(where)


@lru_cache(maxsize=1 << 12)  # names are compared again and again across a document's units
def fold_persian_key(text: str) -> str:
    """A comparison key: folded letters and digits only, no spaces or punctuation."""
    folded, _ = fold_persian(text)
    return "".join(ch for ch in folded if ch.isalnum())


ENGLISH_TOKEN = re.compile(r"[^\W_]+")


def fold_english(word: str) -> str:
    """Lower case without accents: Qāsem and qasem compare equal."""
    if word.isascii():  # nothing to decompose (a flag of the string: no scan)
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


_VOWELS = set("aeiouy")


@lru_cache(maxsize=65536)
def stem_english(word: str) -> str:
    """A small suffix stripper for matching inflected renderings: visits, visited, visiting and
    visit all become "visit"; studies → "study"; a final silent e goes, so surprise and surprised
    meet at "surpris". Applied alike to the glossary and the text, it only has to be consistent."""
    w = fold_english(word)
    if len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("sses", "shes", "ches", "xes", "zes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and _VOWELS & set(w[: -len(suffix)]):
            w = w[: -len(suffix)]
            if w.endswith("i"):  # studied → studi → study
                w = w[:-1] + "y"
            elif len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":  # stopped → stop
                w = w[:-1]
            break
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    return w


def english_tokens(text: str) -> list[tuple[str, int, int]]:
    """(stem, start, end) for each word of English text."""
    return [(stem_english(m.group()), m.start(), m.end()) for m in ENGLISH_TOKEN.finditer(text)]


# The Arabic-script letters of ARABIC_LETTERS and the presentation forms.
_ARABIC_LETTER = letter_runs(*code_points(ARABIC_LETTERS + PRESENTATION_FORMS))


def script_counts(text: str) -> tuple[int, int]:
    """(Latin letters, Arabic-script letters)."""
    return count_letters(LATIN_LETTERS, text), count_letters(_ARABIC_LETTER, text)
