"""Character-level fixes: letter variants, kashida, invisible marks, odd spaces, digits, diacritics.

Each rule finds what it changes with one regular expression, so text that needs nothing costs one
scan per rule and the rule can name every change it makes.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from ..records import Edit
from .script import (
    ARABIC_DIGITS,
    ARABIC_LETTERS,
    ARABIC_TO_PERSIAN_CHARS,
    ARABIC_TO_PERSIAN_LETTERS,
    BIDI_CONTROLS,
    DIACRITICS,
    DIACRITICS_TO_STRIP,
    KASHIDA,
    PERSIAN_DIGITS,
    PRESENTATION_FORMS,
    ZWNJ,
    ZWSP,
)

# The names the normalizer's modules know them by.
ARABIC_LETTER = ARABIC_LETTERS
DIACRITIC_CLASS = DIACRITICS

_LETTER_VARIANTS = ARABIC_TO_PERSIAN_LETTERS
_VARIANT_TABLE = str.maketrans(_LETTER_VARIANTS | {KASHIDA: None})
_ODD_SPACES = "\u00a0\u2000-\u200a\u202f\u205f\u3000"

Rule = Callable[[str], Iterator[Edit]]


def _subs(pattern: str, rule: str, replace: Callable[[re.Match[str]], str]) -> Rule:
    compiled = re.compile(pattern)

    def edits(text: str) -> Iterator[Edit]:
        for m in compiled.finditer(text):
            after = replace(m)
            if after != m.group():
                yield Edit(m.start(), m.end(), after, rule)

    return edits


# Runs of ZWNJ, ZWNJ at a word edge, and ZWNJ beside anything but an Arabic-script letter do
# nothing useful; a zero-width space between two letters is a half-space typed with the wrong key.
_LETTER_OR_MARK = re.compile(f"[{ARABIC_LETTER}{DIACRITIC_CLASS}]")
_LETTER = re.compile(f"[{ARABIC_LETTER}]")
# The runs zwnj_edits may change: one that starts with a zero-width space, or a ZWNJ followed by
# more, or a lone ZWNJ not between a letter (or mark) and a letter. A well-placed half-space,
# nearly every one in written Persian, is not even matched. (Each branch starts with its
# character, so the pattern is looked for only where a ZWNJ or zero-width space is.)
_SUSPECT_RUN = re.compile(
    f"{ZWSP}[{ZWNJ}{ZWSP}]*|{ZWNJ}(?:[{ZWNJ}{ZWSP}]+|(?<![{ARABIC_LETTER}{DIACRITIC_CLASS}]{ZWNJ})|(?![{ARABIC_LETTER}]))"
)


def zwnj_edits(text: str) -> list[Edit]:
    edits = []
    for m in _SUSPECT_RUN.finditer(text):
        start, end = m.span()
        inner = start > 0 and end < len(text) and _LETTER_OR_MARK.match(text[start - 1]) and _LETTER.match(text[end])
        after = ZWNJ if inner else ""
        if after != m.group():
            rule = "letters.zwnj" if ZWNJ in m.group() else "spaces.zwsp"
            edits.append(Edit(start, end, after, rule))
    return edits


def run_rules(rules: Iterable[Rule], text: str) -> list[Edit]:
    """The edits of several rules in text order; where two overlap, the earlier rule wins."""
    edits = [e for rule in rules for e in rule(text)]
    if len(edits) < 2:
        return edits
    edits.sort(key=lambda e: (e.start, e.end))
    kept = [edits[0]]
    for e in edits[1:]:
        last = kept[-1]
        if e.start >= last.end and (e.start, e.end) != (last.start, last.end):
            kept.append(e)
    return kept


_BASE = re.compile(f"[{ARABIC_TO_PERSIAN_CHARS}{PRESENTATION_FORMS}{KASHIDA}{BIDI_CONTROLS}\ufeff{_ODD_SPACES}]")


@lru_cache(maxsize=4096)
def _base_fix(ch: str) -> tuple[str, str]:
    """(rule, replacement) for one character the base rules change."""
    if ch in _LETTER_VARIANTS:
        return "letters.arabic_variant", _LETTER_VARIANTS[ch]
    if ch == KASHIDA:
        return "letters.kashida", ""
    if ch == "\ufeff":
        return "spaces.invisible", ""
    if re.match(f"[{BIDI_CONTROLS}]", ch):
        return "spaces.bidi_mark", ""
    if re.match(f"[{_ODD_SPACES}]", ch):
        return "spaces.odd_space", " "
    if unicodedata.category(ch) != "Lo":  # symbols such as the rial sign ﷼ stay as they are
        return "letters.presentation_form", ch
    # A ligature may expand to Arabic letter forms (ﷺ): give them their Persian shapes too.
    return "letters.presentation_form", unicodedata.normalize("NFKC", ch).translate(_VARIANT_TABLE)


def base_edits(text: str) -> list[Edit]:
    """Letter variants, presentation forms, kashida, invisible marks and odd spaces, in one scan."""
    edits = []
    for m in _BASE.finditer(text):
        rule, after = _base_fix(m.group())
        if after != m.group():
            edits.append(Edit(m.start(), m.end(), after, rule))
    return edits


STRIP_DIACRITICS: Rule = _subs(f"[{DIACRITICS_TO_STRIP}]+", "letters.diacritic", lambda m: "")

_TO_PERSIAN = str.maketrans("0123456789" + ARABIC_DIGITS, PERSIAN_DIGITS * 2)
_TO_ASCII = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS + "٫٬", "0123456789" * 2 + ".,")
# A number is digits with decimal or thousands marks between digits. Numbers glued to Latin
# letters (COVID-19, A4, mp3) are identifiers and keep their digits under --digits fa.
_NUMBER = re.compile(r"(?<![A-Za-z\d_.])(?<![A-Za-z]-)[0-9٠-٩۰-۹]+(?:[.,٫٬][0-9٠-٩۰-۹]+)*(?![A-Za-z\d_])")


def _digits_fa(m: re.Match[str]) -> str:
    number = m.group()
    marks = {".": "٫", ",": "٬"}
    return "".join(marks.get(ch, ch) for ch in number).translate(_TO_PERSIAN)


DIGITS_RULES: dict[str, Rule] = {
    "fa": _subs(_NUMBER.pattern, "digits.persian", _digits_fa),
    "ascii": _subs("[۰-۹٠-٩]+(?:[٫٬][۰-۹٠-٩]+)*", "digits.ascii", lambda m: m.group().translate(_TO_ASCII)),
}
