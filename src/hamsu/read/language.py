"""The language of a paragraph from its letters: Persian, English, Arabic or something else.

Script decides first (the majority of letters: Latin, Arabic-script or other), because a Persian
paragraph quoting "(IRGC)" is still Persian. Inside the Arabic script, Persian and Arabic share
most letters, so the decision rests on what only one of them uses: the letters پ چ ژ گ and the
commonest Persian words against ة and Arabic function words. Old Persian sites typed ي and ك
(the Arabic forms), so those two letters only break a tie.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..persian.script import ARABIC_LETTERS, ARABIC_MARKS, ARABIC_SCRIPT_LETTERS, LANGUAGE_FOLD, code_points
from ..records import EN, FA

AR, OTHER = "ar", "other"

# Runs of Arabic-script letters (diacritics and kashida removed first): ZWNJ splits می‌شود in two.
_ARABIC_WORD = re.compile(f"[{ARABIC_LETTERS}]+")
_MARKS = re.compile(f"[{ARABIC_MARKS}]")

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


def letter_class(*ranges: tuple[int, int]) -> str:
    """A pattern's class of the letters (str.isalpha) in the code-point ranges [start, end)."""
    chars = [chr(c) for start, end in ranges for c in range(start, end) if chr(c).isalpha()]
    return "[" + "".join(re.escape(ch) for ch in chars) + "]"


def letter_runs(*ranges: tuple[int, int]) -> re.Pattern[str]:
    """Runs of the letters (str.isalpha) in the code-point ranges [start, end): counting them
    runs in C, a run at a time, where a Python loop would look at every character. Written
    [X][X]*, not [X]+: a pattern that begins with its class lets the engine skip to the class's
    characters, where one that begins with a repeat is tried at every place of the text."""
    letter = letter_class(*ranges)
    return re.compile(letter + letter + "*")


def count_letters(runs: re.Pattern[str], text: str) -> int:
    return sum(map(len, runs.findall(text)))


# Latin: Basic Latin to Latin Extended-B, and Latin Extended Additional (Vietnamese and
# transliteration letters).
LATIN_RANGES = ((0x0000, 0x0250), (0x1E00, 0x1F00))
ARABIC_RANGES = code_points(ARABIC_SCRIPT_LETTERS)
_ARABIC_LETTERS = letter_runs(*ARABIC_RANGES)
LATIN_LETTERS = letter_runs(*LATIN_RANGES)
# Runs of characters outside both scripts' ranges: the only places a letter of another script
# can be. Looking at each character of the text in Python cost more than the rest of the reading.
_OUTSIDE = re.compile(
    "[^" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b - 1))}" for a, b in ARABIC_RANGES + LATIN_RANGES) + "]+"
)


def letter_counts(text: str) -> tuple[int, int, int]:
    """(Latin, Arabic-script, other) letters in text; digits, marks and punctuation count for none."""
    arabic = count_letters(_ARABIC_LETTERS, text)
    latin = count_letters(LATIN_LETTERS, text)
    other = sum(map(str.isalpha, "".join(_OUTSIDE.findall(text))))
    return latin, arabic, other


def _words(text: str) -> list[str]:
    # One replace a letter rather than str.translate with a table: the same text, several times faster.
    text = _MARKS.sub("", text)
    for arabic, persian in LANGUAGE_FOLD.items():
        text = text.replace(arabic, persian)
    return _ARABIC_WORD.findall(text)


def _count(text: str, letters: frozenset[str]) -> int:
    return sum(text.count(ch) for ch in letters)


def _persian_or_arabic(text: str) -> str:
    words = _words(text)
    # (counted by map over the sets' own membership test: in C, where a generator ran in Python)
    persian = _count(text, PERSIAN_ONLY_LETTERS) + 2 * sum(map(PERSIAN_WORDS.__contains__, words))
    arabic = (
        _count(text, ARABIC_ONLY_LETTERS)
        + 2 * sum(map(ARABIC_WORDS.__contains__, words))
        + sum(map(AMBIGUOUS_ARABIC_WORDS.__contains__, words))
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


def reads_as_english(text: str, scripts: Scripts | None = None) -> bool:
    """language_of(text) == "en", found from the letter counts alone: a text whose letters are
    mostly Arabic script is not English, whichever of Persian or Arabic it is, so the words
    that tell those two apart (a scan of the whole text) need not be looked at. `scripts`: the
    text's text_scripts(), if already counted."""
    if scripts is None:
        latin, arabic = count_letters(LATIN_LETTERS, text), count_letters(_ARABIC_LETTERS, text)
    else:
        latin, arabic = scripts.latin, scripts.arabic
    if arabic >= latin:
        return False
    return latin >= sum(map(str.isalpha, "".join(_OUTSIDE.findall(text))))


def block_language(text: str) -> str:
    """The Block label: "fa", "en", or "other" (Arabic, other scripts, no letters)."""
    lang = language_of(text)
    return lang if lang in (FA, EN) else OTHER



@dataclass(frozen=True, slots=True)
class Scripts:
    """A whole text's letters by script, and by the script most of each line's letters are in."""

    arabic: int  # Arabic-script letters of the text
    latin: int
    arabic_lines: int  # letters (of both scripts) of the lines mostly in Arabic script
    latin_lines: int

    def predominant(self, share: float) -> str | None:
        """"arabic" or "latin" when the lines mostly in that script hold `share` of the letters."""
        total = self.arabic_lines + self.latin_lines
        if total and self.arabic_lines >= share * total:
            return "arabic"
        if total and self.latin_lines >= share * total:
            return "latin"
        return None


def text_scripts(text: str) -> Scripts:
    """Two regex scans a line: the letters of each script, and of the lines each script leads."""
    arabic_lines = latin_lines = arabic_total = latin_total = 0
    for line in text.splitlines():
        arabic = count_letters(_ARABIC_LETTERS, line)
        latin = count_letters(LATIN_LETTERS, line)
        arabic_total += arabic
        latin_total += latin
        if arabic >= latin:
            arabic_lines += arabic + latin
        else:
            latin_lines += arabic + latin
    return Scripts(arabic_total, latin_total, arabic_lines, latin_lines)


def text_language(text: str, share: float, scripts: Scripts | None = None) -> str | None:
    """FA or EN when that language holds at least `share` of the letters of the whole text, each
    line's letters counted for the script most of them are in (a Persian line quoting <script>
    is Persian); Arabic script read as Persian or Arabic once, from the words of the whole text.
    Else None: mixed, or no letters. `scripts`: the text's text_scripts(), if already counted.

    One decision for a whole file, where the layout says it holds one language (the two files of
    a pair): two regex scans a line, where telling Persian from Arabic on every line, or reading
    the file's blocks, cost seconds on a large file."""
    script = (scripts or text_scripts(text)).predominant(share)
    if script == "arabic":
        return FA if _persian_or_arabic(text) == FA else None
    return EN if script == "latin" else None
