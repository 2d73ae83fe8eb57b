"""Punctuation: a question on one side only, and quotes or brackets left open on one side.

Both sides are compared as wholes, and only a difference between them counts: a quotation that
opens in one sentence and closes in the next leaves both sides of the unit unbalanced alike.
"""
from __future__ import annotations

from ..records import EN, FA
from .base import Finding, Rule, Side, UnitView

QUESTION_MARKS = "?؟"
PAIRS = (("(", ")"), ("[", "]"), ("{", "}"), ("«", "»"), ("“", "”"))
STRAIGHT_QUOTE = '"'


def unbalanced_marks(text: str) -> str:
    """The marks whose pairs do not close in text."""
    bad = "".join(o + c for o, c in PAIRS if text.count(o) != text.count(c))
    if text.count(STRAIGHT_QUOTE) % 2:
        bad += STRAIGHT_QUOTE
    return bad


def _mark_spans(side: Side, marks: str) -> tuple[tuple[int, int], ...]:
    return tuple(side.span(i, i + 1) for i, ch in enumerate(side.text) if ch in marks)


class PunctuationRule(Rule):
    """Question marks on one side only; quotes or brackets unbalanced on one side only."""

    name = "punctuation"
    severity = "minor"
    its_type = "typographical"
    description = "punctuation: question marks on one side only, unbalanced quotes and brackets on one side"

    def findings(self, unit: UnitView) -> list[Finding]:
        out = []
        fa, en = unit.fa, unit.en
        fa_q = any(ch in QUESTION_MARKS for ch in fa.text)
        en_q = any(ch in QUESTION_MARKS for ch in en.text)
        if fa_q != en_q:
            which = "Persian" if fa_q else "English"
            out.append(Finding(1.0, f"question mark in {which} only",
                               _mark_spans(fa, QUESTION_MARKS) if fa_q else (),
                               _mark_spans(en, QUESTION_MARKS) if en_q else ()))  # fmt: skip
        fa_bad, en_bad = unbalanced_marks(fa.text), unbalanced_marks(en.text)
        if bool(fa_bad) != bool(en_bad):
            side, marks, lang = (fa, fa_bad, FA) if fa_bad else (en, en_bad, EN)
            which = "Persian" if lang == FA else "English"
            spans = _mark_spans(side, marks)
            out.append(Finding(1.0, f"unbalanced {' '.join(sorted(set(marks)))} in {which} only",
                               spans if lang == FA else (), spans if lang == EN else ()))  # fmt: skip
        return out
