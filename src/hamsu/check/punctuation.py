"""Punctuation: a question on one side only, and quotes or brackets left open on one side.

Both sides are compared as wholes, and only a difference between them counts: a quotation that
opens in one sentence and closes in the next leaves both sides of the unit unbalanced alike.
"""
from __future__ import annotations

import re

from ..records import EN, FA
from .base import Finding, Rule, Side, UnitView

QUESTION_MARKS = "?؟"
PAIRS = (("(", ")"), ("[", "]"), ("{", "}"), ("«", "»"), ("“", "”"))
STRAIGHT_QUOTE = '"'


# Any mark unbalanced_marks counts: a text with none (most sentences) has every pair closed.
_PAIRED = re.compile("[" + re.escape("".join(o + c for o, c in PAIRS) + STRAIGHT_QUOTE) + "]")


def unbalanced_marks(text: str) -> str:
    """The marks whose pairs do not close in text."""
    if not _PAIRED.search(text):
        return ""
    bad = "".join(o + c for o, c in PAIRS if text.count(o) != text.count(c))
    if text.count(STRAIGHT_QUOTE) % 2:
        bad += STRAIGHT_QUOTE
    return bad


def _has_question_mark(text: str) -> bool:
    """Whether text holds a mark of QUESTION_MARKS (a substring test per mark: no walk in Python
    over every character)."""
    return any(mark in text for mark in QUESTION_MARKS)


def _mark_spans(side: Side, marks: str) -> tuple[tuple[int, int], ...]:
    return tuple(side.span(i, i + 1) for i, ch in enumerate(side.text) if ch in marks)


def _counts(text: str, marks: str) -> str:
    """How often each mark of `marks`, and its partner, occurs in text: "2 « and 1 »"."""
    shown = []
    for opening, closing in PAIRS:
        if opening in marks or closing in marks:
            shown.append(f"{text.count(opening)} {opening} and {text.count(closing)} {closing}")
    if STRAIGHT_QUOTE in marks:
        shown.append(f"{text.count(STRAIGHT_QUOTE)} {STRAIGHT_QUOTE}")
    return ", ".join(shown)


class PunctuationRule(Rule):
    """Question marks on one side only; quotes or brackets unbalanced on one side only."""

    name = "punctuation"
    severity = "minor"
    its_type = "typographical"
    description = "punctuation: question marks on one side only, unbalanced quotes and brackets on one side"

    def findings(self, unit: UnitView) -> list[Finding]:
        out = []
        fa, en = unit.fa, unit.en
        fa_q = _has_question_mark(fa.text)
        en_q = _has_question_mark(en.text)
        if fa_q != en_q:
            which = "Persian" if fa_q else "English"
            counts = sum(fa.text.count(q) for q in QUESTION_MARKS), sum(en.text.count(q) for q in QUESTION_MARKS)
            out.append(Finding(1.0, f"question mark in {which} only",
                               _mark_spans(fa, QUESTION_MARKS) if fa_q else (),
                               _mark_spans(en, QUESTION_MARKS) if en_q else (),
                               evidence=f"question marks: fa {counts[0]}, en {counts[1]}"))  # fmt: skip
        fa_bad, en_bad = unbalanced_marks(fa.text), unbalanced_marks(en.text)
        if bool(fa_bad) != bool(en_bad):
            side, marks, lang = (fa, fa_bad, FA) if fa_bad else (en, en_bad, EN)
            which = "Persian" if lang == FA else "English"
            spans = _mark_spans(side, marks)
            evidence = f"fa: {_counts(fa.text, marks)}; en: {_counts(en.text, marks)}"
            out.append(Finding(1.0, f"unbalanced {' '.join(sorted(set(marks)))} in {which} only",
                               spans if lang == FA else (), spans if lang == EN else (),
                               evidence=evidence))  # fmt: skip
        return out
