"""The language of a paragraph from its letters: Persian, English, Arabic or something else.

Script decides first (the majority of letters: Latin, Arabic-script or other), because a Persian
paragraph quoting "(IRGC)" is still Persian. Inside the Arabic script, Persian and Arabic share
most letters, so the decision rests on what only one of them uses: the letters پ چ ژ گ and the
commonest Persian words against ة and Arabic function words. Old Persian sites typed ي and ك
(the Arabic forms), so those two letters only break a tie.
"""
from __future__ import annotations

import re

from ..records import EN, FA

AR, OTHER = "ar", "other"

# Runs of Arabic-script letters (diacritics and kashida removed first): ZWNJ splits می‌شود in two.
_ARABIC_WORD = re.compile("[\u0620-\u063f\u0641-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff]+")
_MARKS = re.compile("[\u0640\u064b-\u065f\u0670]")

PERSIAN_ONLY_LETTERS = frozenset("پچژگ")
ARABIC_ONLY_LETTERS = frozenset("ة")
# Arabic yeh/kaf and alef maksura: Arabic spelling, but also how older Persian encodings wrote ی ک.
ARABIC_FORMS = frozenset("يكى")
PERSIAN_FORMS = frozenset("یک")

# Frequent Persian function words and verbs that Arabic does not write as separate words.
PERSIAN_WORDS = frozenset(
    "و در به از که این را با است برای آن یک تا می نمی های ها شد شده بود کرد خود هم نیز اما یا"
    " شود کند دارد باید پس اگر چه هر او وی آنها ایشان هست نیست بودند کردند گفت".split()
)
# Arabic function words, spelled with Persian ی/ک as _words() folds them. Ambiguous ones that are
# also Persian words (من "I", ما "we") count half, so a Persian sentence saying "من" stays Persian.
ARABIC_WORDS = frozenset(
    "فی على إلى الى عن الذی التی الذین اللذین هذا هذه ذلک تلک کان کانت أن إن أو لم لن قد"
    " ثم حتى منذ لقد مع هو عند قال".split()
)
AMBIGUOUS_ARABIC_WORDS = frozenset({"من", "ما"})
_FOLD = str.maketrans({"ي": "ی", "ك": "ک"})


def _letters_of(ranges: str) -> re.Pattern[str]:
    """A character class of the letters (str.isalpha) among the code point ranges "a-b c-d ..."."""
    letters = []
    for bounds in ranges.split():
        first, _, last = bounds.partition("-")
        for code in range(int(first, 16), int(last or first, 16) + 1):
            if chr(code).isalpha():
                letters.append(chr(code))
    return re.compile("[" + "".join(re.escape(ch) for ch in letters) + "]")


# The letters each count takes, found by regex in C rather than one character at a time in Python.
_ARABIC_LETTERS = _letters_of("0620-064a 066e-06d3 06d5 06ee 06ef 06fa-06ff 0750-077f fb50-fdff fe70-fefc")
_LATIN_LETTERS = _letters_of("0000-024f 1e00-1eff")


def letter_counts(text: str) -> tuple[int, int, int]:
    """(Latin, Arabic-script, other) letters in text; digits, marks and punctuation count for none."""
    letters = sum(map(str.isalpha, text))
    if not letters:
        return 0, 0, 0
    arabic = len(_ARABIC_LETTERS.findall(text))
    latin = len(_LATIN_LETTERS.findall(text))
    return latin, arabic, letters - arabic - latin


def _words(text: str) -> list[str]:
    return _ARABIC_WORD.findall(_MARKS.sub("", text).translate(_FOLD))


def _count(text: str, letters: frozenset[str]) -> int:
    return sum(text.count(ch) for ch in letters)


def _persian_or_arabic(text: str) -> str:
    words = _words(text)
    persian = _count(text, PERSIAN_ONLY_LETTERS) + 2 * sum(w in PERSIAN_WORDS for w in words)
    arabic = (
        _count(text, ARABIC_ONLY_LETTERS)
        + 2 * sum(w in ARABIC_WORDS for w in words)
        + sum(w in AMBIGUOUS_ARABIC_WORDS for w in words)
    )
    if persian != arabic:
        return FA if persian > arabic else AR
    arabic_forms = _count(text, ARABIC_FORMS)
    persian_forms = _count(text, PERSIAN_FORMS)
    # With no evidence either way Persian is the likelier reading in a Persian–English corpus.
    return AR if arabic_forms > persian_forms else FA


def language_of(text: str) -> str:
    """"fa", "en", "ar" or "other" (another script, or no letters at all)."""
    latin, arabic, other = letter_counts(text)
    if not (latin or arabic or other):
        return OTHER
    if arabic >= latin and arabic >= other:
        return _persian_or_arabic(text)
    # Latin script is taken as English: the corpus pairs Persian with English, and a French or
    # German paragraph in it is rare enough to leave to the aligner's scores.
    return EN if latin >= other else OTHER


def block_language(text: str) -> str:
    """The Block label: "fa", "en", or "other" (Arabic, other scripts, no letters)."""
    lang = language_of(text)
    return lang if lang in (FA, EN) else OTHER

