"""Spaces between words: runs of spaces closed up, and a space between a number and a word.

A run of spaces between two words of a Persian line is one space mistyped (hazm and shekar close
it up too); the spaces at a line's edges are layout and stay. A Persian word glued to a number
(۹کیلومتر، عرض۶) gets a space, except for the ordinal and plural endings written onto a number
(۲۰ام، ۵مین، ۱۳۶۰ها) and single letters, which label rows, seats and plates (ردیف ب۲).
"""
from __future__ import annotations

import re

from ..records import Edit
from .letters import ARABIC_LETTER

_SPACE_RUN = re.compile(" {2,}")
_DIGIT = "0-9۰-۹٠-٩"
# Endings written onto a number: ordinals (۲۰ام، ۵مین، ۳امین، ۲م) and plurals (۱۳۶۰ها).
_NUMBER_ENDING = f"(?:امین|مین|ام|م|هایی|های|ها)(?![{ARABIC_LETTER}])"
_DIGIT_RUN = re.compile(f"[{_DIGIT}]+")
# Where a run of digits starts after two Persian letters, and where it ends before two Persian
# letters that are not a number's ending: the only places a space can be missing. (Looking for
# them at every position of the text, with lookbehinds, cost more than all the rest of spacing.)
_TWO_LETTERS = re.compile(f"[{ARABIC_LETTER}]{{2}}")
_WORD_AFTER_NUMBER = re.compile(f"(?!{_NUMBER_ENDING})(?=[{ARABIC_LETTER}]{{2}})")


def space_run_edits(text: str) -> list[Edit]:
    """A run of spaces between two words (not at a line's edges) closed up to one."""
    edits = []
    for m in _SPACE_RUN.finditer(text):  # a run found by its spaces, then its neighbours looked at:
        start, end = m.span()  # a pattern that looked behind at every position cost more
        if start and end < len(text) and not text[start - 1].isspace() and not text[end].isspace():
            edits.append(Edit(start, end, " ", "spaces.run"))
    return edits


def number_spacing_edits(text: str) -> list[Edit]:
    """A space between a Persian word and a number glued to it."""
    at = []
    for m in _DIGIT_RUN.finditer(text):
        start, end = m.span()
        if start >= 2 and _TWO_LETTERS.match(text, start - 2):
            at.append(start)
        if _WORD_AFTER_NUMBER.match(text, end):
            at.append(end)
    return [Edit(i, i, " ", "spaces.number") for i in at]
