"""Numbers: the multiset of values on each side of a unit must match.

Digits in any script, decimal and thousands marks, percentages and number words all reduce to
values (numerals.py); numbers inside dates are left to the dates rule. A strong number with no
equal value on the other side is reported; weak numbers (the article یک, "one", "first") only
answer for numbers on the other side.
"""
from __future__ import annotations

from ..records import EN, FA
from .base import Finding, Rule, UnitView
from .dates import side_dates
from .numerals import Numeral, numerals, show

REPEAT_WEIGHT = 0.25


def side_numbers(unit: UnitView, lang: str) -> list[Numeral]:
    def compute() -> list[Numeral]:
        spans = [(d.start, d.end) for d in side_dates(unit, lang)]
        return numerals(unit.side(lang).text, lang, exclude=spans)

    return unit.memo(("numbers", lang), compute)


def unmatched(a: list[Numeral], b: list[Numeral]) -> tuple[list[Numeral], list[Numeral]]:
    """The strong numbers of each side left without a partner of equal value on the other side.

    Pairs are made strong-with-strong first, so a weak "one" on one side cannot take the partner
    that a digit 1 needed; then leftover strong numbers may pair with leftover weak ones.
    """
    free_a, free_b = list(a), list(b)

    def pair(left: list[Numeral], right: list[Numeral], left_strong: bool, right_strong: bool | None) -> None:
        for x in [n for n in left if n.strong == left_strong]:
            for y in right:
                if (right_strong is None or y.strong == right_strong) and x.values & y.values:
                    left.remove(x)
                    right.remove(y)
                    break

    pair(free_a, free_b, True, True)
    pair(free_a, free_b, True, None)
    pair(free_b, free_a, True, None)
    return [n for n in free_a if n.strong], [n for n in free_b if n.strong]


class NumbersRule(Rule):
    """A number on one side with no equal value on the other."""

    name = "numbers"
    severity = "major"
    its_type = "mistranslation"
    description = "numbers: digits in any script, separators, percentages and number words must match"

    def findings(self, unit: UnitView) -> list[Finding]:
        fa, en = side_numbers(unit, FA), side_numbers(unit, EN)
        if not fa and not en:
            return []
        fa_left, en_left = unmatched(fa, en)
        # A number the other side wrote as a year (1500 people, سال ۱۵۰۰) still answers for it.
        fa_left = [n for n in fa_left if not n.values & _years(unit, EN)]
        en_left = [n for n in en_left if not n.values & _years(unit, FA)]
        if not fa_left and not en_left:
            return []
        # A value missing outright weighs 1; a value the other side has, only fewer times (١٠٠٬٠٠٠
        # twice in Persian, once in English), weighs REPEAT_WEIGHT: translations merge repeats.
        fa_values = {v for n in fa for v in n.values}
        en_values = {v for n in en for v in n.values}
        score = sum(REPEAT_WEIGHT if n.values & en_values else 1.0 for n in fa_left) + sum(
            REPEAT_WEIGHT if n.values & fa_values else 1.0 for n in en_left
        )
        parts = []
        if fa_left:
            parts.append("Persian " + ", ".join(_shown(unit, FA, n) for n in fa_left) + " not in English")
        if en_left:
            parts.append("English " + ", ".join(_shown(unit, EN, n) for n in en_left) + " not in Persian")
        return [
            Finding(
                score,
                "numbers differ: " + "; ".join(parts),
                tuple(unit.fa.span(n.start, n.end) for n in fa_left),
                tuple(unit.en.span(n.start, n.end) for n in en_left),
            )
        ]


def _years(unit: UnitView, lang: str) -> frozenset[float]:
    return frozenset(float(y) for d in side_dates(unit, lang) for y in (d.years or ()))


def _shown(unit: UnitView, lang: str, n: Numeral) -> str:
    written = unit.side(lang).text[n.start : n.end]
    return f"{written!r} ({show(n.value)})" if written != show(n.value) else repr(written)
