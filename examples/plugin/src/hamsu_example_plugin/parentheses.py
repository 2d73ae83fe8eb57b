"""A parenthetical on one side of a unit that the other side lacks (an aside left out or added)."""
from __future__ import annotations

from hamsu.check import Finding, Rule

OPENING = "(（"  # ASCII and full-width; Persian text uses the same characters, mirrored on screen


def _count(text: str) -> int:
    return sum(text.count(c) for c in OPENING)


class ParenthesesRule(Rule):
    name = "parentheses"
    severity = "minor"
    its_type = "omission"
    description = "omission: a parenthetical on one side only"
    threshold = 0.0

    def findings(self, unit):
        fa, en = _count(unit.fa.text), _count(unit.en.text)
        if (fa == 0) == (en == 0):
            return []
        side = {"fa_spans": (unit.fa.whole,)} if fa else {"en_spans": (unit.en.whole,)}
        lang = "Persian" if fa else "English"
        return [Finding(1.0, f"a parenthetical in the {lang} only", evidence=f"parentheses: fa {fa}, en {en}", **side)]
