"""Omission and addition: units with one side empty, and units whose lengths disagree.

Length is counted in letters and digits (spaces, half-spaces and punctuation vary with the writer,
not the content). English runs longer than Persian; the log of the ratio is close to normal, so a
unit is scored by how many deviations its log ratio lies from the mean.
"""
from __future__ import annotations

import math
import re

from ..records import Flag
from .base import Finding, Rule, Side, UnitView, quoted
from .numerals import _numerals

# Fitted by `python bench/check_eval.py --fit-length` on the clean 1-1 units of FLORES-200 devtest
# (pes_Arab ↔ eng_Latn, 1,012 units) and TICO-19 test (2,100 units): mean and population standard
# deviation of log((en + SMOOTHING) / (fa + SMOOTHING)), lengths in letters and digits, Persian
# normalized. On those units |z| > 3.5 is 0.06% of units, |z| > 3 is 0.32%.
LOG_RATIO_MEAN = 0.0915
LOG_RATIO_SD = 0.1229
# Added to both lengths so that a two-word unit is not an outlier for one extra word.
SMOOTHING = 20
# Letters (English) a length gap must reach to be a warning: about a clause of six to eight words.
CLAUSE_LETTERS = 40


_NOT_ALNUM = re.compile(r"[\W_]+")  # \w is str.isalnum() plus "_"


def _python_content_length(text: str) -> int:
    """Letters and digits (str.isalnum) in text; _numerals.c counts them in one loop."""
    return len(_NOT_ALNUM.sub("", text))


content_length = _python_content_length if _numerals is None else _numerals.alnum_count


def log_ratio(fa_text: str, en_text: str) -> float:
    return math.log((content_length(en_text) + SMOOTHING) / (content_length(fa_text) + SMOOTHING))


def expected_english(fa_len: int, z: float = 0.0) -> float:
    """The English length (letters and digits) whose log ratio to `fa_len` lies `z` deviations
    from the fitted mean: z = 0 is the expected length."""
    return max(0.0, (fa_len + SMOOTHING) * math.exp(LOG_RATIO_MEAN + z * LOG_RATIO_SD) - SMOOTHING)


def _side_evidence(side: Side) -> str:
    return f"{side.lang} {quoted(side.text)} ({content_length(side.text)} letters)"


class NullUnitRule(Rule):
    """A sentence with nothing on the other side: dropped in translation, or added."""

    name = "null-unit"
    severity = "major"
    its_type = "omission"
    description = "omission/addition: a unit with one side empty"
    needs_both_sides = False

    def applies(self, unit: UnitView) -> bool:
        return unit.is_null

    def findings(self, unit: UnitView) -> list[Finding]:
        if unit.unit.fa and not unit.unit.en:
            return [Finding(1.0, f"Persian sentence {list(unit.unit.fa)} has no English translation",
                            fa_spans=(unit.fa.whole,), its_type="omission",
                            evidence=f"{_side_evidence(unit.fa)}; en nothing")]
        if unit.unit.en and not unit.unit.fa:
            return [Finding(1.0, f"English sentence {list(unit.unit.en)} has no Persian source",
                            en_spans=(unit.en.whole,), its_type="addition",
                            evidence=f"fa nothing; {_side_evidence(unit.en)}")]
        return []


class LengthRatioRule(Rule):
    """An English side much shorter (omission) or longer (addition) than the Persian predicts."""

    name = "length-ratio"
    severity = "warning"
    its_type = "omission"
    description = "omission/addition: z-score of the log length ratio against a fitted corpus ratio"

    def z_score(self, unit: UnitView) -> float:
        return (log_ratio(unit.fa.text, unit.en.text) - LOG_RATIO_MEAN) / LOG_RATIO_SD

    def score(self, unit: UnitView) -> float:
        return self.z_score(unit) if self.applies(unit) else 0.0

    def accept(self, score: float) -> bool:
        return abs(score) <= self.limit

    def check(self, unit: UnitView) -> list[Flag]:
        # Most units lie within the threshold: their finding, built only to be dropped, is not built.
        if self.applies(unit) and self.accept(self.z_score(unit)):
            return []
        return super().check(unit)

    def findings(self, unit: UnitView) -> list[Finding]:
        z = self.z_score(unit)
        fa_len, en_len = content_length(unit.fa.text), content_length(unit.en.text)
        shorter = "shorter" if z < 0 else "longer"
        limit = self.limit
        low, high = expected_english(fa_len, -limit), expected_english(fa_len, limit)
        evidence = (f"fa {fa_len} letters, en {en_len}; expected en ≈ {expected_english(fa_len):.0f}"
                    f" ({low:.0f}–{high:.0f} within |z| ≤ {limit:g})")
        # A short sentence may be far off the ratio for a turn of phrase (Hourly folks will be fully
        # paid, for the wages of those paid by the hour): a warning only when a clause's worth of
        # letters is missing or added, a note otherwise.
        gap = abs(en_len - expected_english(fa_len))
        severity = self.severity if gap >= CLAUSE_LETTERS else "minor"
        return [Finding(z, f"English is {shorter} than expected ({en_len} letters for {fa_len} Persian, z = {z:+.1f})",
                        (unit.fa.whole,), (unit.en.whole,), its_type="omission" if z < 0 else "addition",
                        evidence=evidence, severity=severity)]
