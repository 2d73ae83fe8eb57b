"""The search form of a text: what units_fts indexes, and what queries are turned into.

Both sides of a search go through the same function, so a query matches whenever its folded
words are the folded words of the unit. The folded text is lower-case words separated by single
spaces, so the FTS tokenizer (unicode61 remove_diacritics 2) only splits it at the spaces; the
folding is all here:

Persian (`search_fold_fa`): compatibility forms (presentation forms, ligatures) decomposed; the letter
variants, diacritics and kashida of the checks' matching (hamsu/matching.py fold_persian: ي ى ئ → ی,
ك → ک, ة ۀ → ه, أ إ ٱ آ → ا, ؤ → و); hamza ء dropped (نجباء, نجبا); digits to ASCII; a half-space
(ZWNJ) a word break like a space, and so is the change from letters to digits (RaTG13 → ratg 13,
covid19 → covid 19). Then endings: ها های هایی (and with a possessive, هایش ...) and the ezafe ی
written apart after a half-space or space are dropped, and ها های هایی joined to a stem of
at least three letters are stripped, so سلیمانی‌ها, سلیمانی ها and سلیمانیها all index and search
as سلیمانی. A stem of two letters keeps its ending (تنها "alone" is not تن "body"); -ان plurals
are kept (ایران is not ایر).

A query is also run through hamsu's normalizer first (store/search.py), as the indexed text
was, so that a query typed without half-spaces (میشود) matches the text that has them (می‌شود).

English (`search_fold_en`): compatibility forms decomposed, digits to ASCII, lower case, accents
removed, and each word stemmed by hamsu/matching.py stem_english (visits, visited, visiting → visit).
Stemming here rather than with FTS5's porter tokenizer keeps prefix queries working: porter
stems the prefix too (soley* → solei*, which misses soleymani), and its stems are not always
prefixes of the word (organization → organ); stem_english only takes endings off.
"""
from __future__ import annotations

import hashlib
import inspect
import os
import re
import unicodedata
from functools import lru_cache

from ..matching import fold_english, fold_persian, stem_english
from ..persian.script import ARABIC_BLOCK, HAMZA, RLM, ZWNJ, ZWSP, chars_of

# Bump when a change here would index a text differently: a store built with another version
# rebuilds units_fts when next opened for writing (store/migrations.py). The fingerprint added
# below catches the changes made elsewhere: the letter table taken from hamsu/matching.py, the
# stemmer's code there, and the Unicode tables of the running Python.
FOLD_SERIAL = "2"



def _persian_table() -> dict[int, str | None]:
    """One character for one character (or none), as hamsu/matching.py fold_persian folds each alone.

    Derived from fold_persian rather than copied, so search and the checks never disagree on
    which letters are variants of one another.
    """
    table: dict[int, str | None] = {}
    for ch in chars_of(f"{ARABIC_BLOCK}{ZWSP}-{RLM}"):  # the block, and the zero-width and direction marks
        folded = fold_persian(ch)[0]
        if folded != ch:
            table[ord(ch)] = folded or None
    table[ord(ZWNJ)] = " "
    table[ord(HAMZA)] = None
    return table


_FA_TABLE = _persian_table()
# Substituting only the characters that change is several times faster than str.translate with
# a dict table, which looks up every character.
_FA_CHANGES = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FA_TABLE)) + "]")
_FA_MAP = {chr(c): v or "" for c, v in _FA_TABLE.items()}
# A run of letters or a run of digits: RaTG13 is the words ratg and 13, so that COVID19, COVID-19
# and "COVID 19" all match, and a name written without its number (RaTG) still finds it.
_WORD = re.compile(r"[^\W\d_]+|\d+")
# Written apart (after a space or half-space) these are endings, not words.
_APART = frozenset(
    ["ها", "های", "هایی", "هایم", "هایت", "هایش", "هایمان", "هایتان", "هایشان", "ی"]
)
# Joined to the stem: only the plain plural. Possessive forms are left alone, as -هایت ends
# words like نهایت and بینهایت.
_JOINED = ("هایی", "های", "ها")  # longest first
MIN_STEM = 3


def _chars_fa(text: str) -> str:
    # NFKC twice around casefold: casefold can yield characters that NFKC would compose, and the
    # fold has to be idempotent.
    text = unicodedata.normalize("NFKC", text)
    text = unicodedata.normalize("NFKC", text.casefold())
    return _FA_CHANGES.sub(lambda m: _FA_MAP[m.group()], text)


def fa_words(text: str) -> list[str]:
    """The words of Persian text with letters, digits and half-spaces folded, endings kept."""
    return _WORD.findall(_chars_fa(text))


@lru_cache(maxsize=1 << 18)
def _search_word(word: str) -> str:
    """A word's search form, '' for an ending written apart. Cached: a corpus repeats its words."""
    if word in _APART:
        return ""
    while word.endswith(_JOINED):
        ending = next(e for e in _JOINED if word.endswith(e))
        if len(word) - len(ending) < MIN_STEM:
            break
        word = word[: -len(ending)]
    return "" if word in _APART else word


def fa_tokens(text: str) -> list[str]:
    """The search words of Persian text: `fa_words` with plural endings dropped or stripped."""
    return fa_tokens_of_words(fa_words(text))


def fa_tokens_of_words(words: list[str]) -> list[str]:
    return [w for w in map(_search_word, words) if w]


def search_fold_fa(text: str) -> str:
    """The search form of Persian text: its search words joined by single spaces."""
    return " ".join(fa_tokens(text))


_DIGITS = {ch: v for ch, v in _FA_MAP.items() if v.isdigit()}
_DIGIT_CHANGES = re.compile("[" + "".join(_DIGITS) + "]")


def en_words(text: str) -> list[str]:
    """The words of English text: compatibility forms decomposed, digits ASCII, lower case."""
    text = unicodedata.normalize("NFKC", text).lower()
    return _WORD.findall(_DIGIT_CHANGES.sub(lambda m: _DIGITS[m.group()], text))


@lru_cache(maxsize=1 << 17)
def en_stem(word: str) -> str:
    """hamsu/matching.py stem_english, repeated until it stops changing, so folding is idempotent."""
    stem = stem_english(word)
    while (again := stem_english(stem)) != stem:
        stem = again
    return stem


def en_tokens(text: str) -> list[str]:
    """The search words of English text: each word stemmed."""
    return list(map(en_stem, en_words(text)))


def en_prefix(word: str) -> str:
    """What a prefix query's word* searches for: the part the word and its stem share (studies*
    → stud*, which the stem study also starts with), without accents."""
    return os.path.commonprefix([fold_english(word), en_stem(word)])


def search_fold_en(text: str) -> str:
    """The search form of English text: its stemmed words joined by single spaces."""
    return " ".join(en_tokens(text))


def _fingerprint() -> str:
    parts = [repr(sorted(_FA_TABLE.items())), unicodedata.unidata_version]
    for function in (stem_english, fold_english):
        try:
            parts.append(inspect.getsource(function))
        except (OSError, TypeError):  # no source (a frozen build): the name and version must do
            parts.append(function.__qualname__)
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:12]


FOLD_VERSION = f"{FOLD_SERIAL}-{_fingerprint()}"
