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

_SPACE_RUN = re.compile(r"(?<=\S) {2,}(?=\S)")
_DIGIT = "0-9۰-۹٠-٩"
# Endings written onto a number: ordinals (۲۰ام، ۵مین، ۳امین، ۲م) and plurals (۱۳۶۰ها).
_NUMBER_ENDING = f"(?:امین|مین|ام|م|هایی|های|ها)(?![{ARABIC_LETTER}])"
_WORD_THEN_NUMBER = re.compile(f"(?<=[{ARABIC_LETTER}]{{2}})(?=[{_DIGIT}])")
_NUMBER_THEN_WORD = re.compile(f"(?<=[{_DIGIT}])(?!{_NUMBER_ENDING})(?=[{ARABIC_LETTER}]{{2}})")


def space_run_edits(text: str) -> list[Edit]:
    return [Edit(m.start(), m.end(), " ", "spaces.run") for m in _SPACE_RUN.finditer(text)]


def number_spacing_edits(text: str) -> list[Edit]:
    """A space between a Persian word and a number glued to it."""
    if not re.search(f"[{_DIGIT}]", text):
        return []
    at = {m.start() for m in _WORD_THEN_NUMBER.finditer(text)}
    at |= {m.start() for m in _NUMBER_THEN_WORD.finditer(text)}
    return [Edit(i, i, " ", "spaces.number") for i in sorted(at)]
