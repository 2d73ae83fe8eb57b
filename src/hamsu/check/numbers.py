"""Numbers: the multiset of values on each side of a unit must match.

Digits in any script, decimal and thousands marks, percentages and number words all reduce to
values (numerals.py); numbers inside dates are left to the dates rule. A strong number with no
equal value on the other side is reported; weak numbers (the article یک, "one", "first", "the
pair") only answer for numbers on the other side.

Before a number left over is called a mistranslation, the rule looks for what an editor would
accept or grade lower, each reported with its evidence:
- a unit converted (80 °F for ۲۷ درجه سانتیگراد): `info` when the figures agree within rounding,
  `major` when they do not (6 ft 6 in given as ۱۸۲ سانتیمتر); quantities.py reads the units;
- the same digits with the other separator (۲٬۵۲ for 2.52): a typo, `minor`;
- the value moved to a neighbouring unit of the document, whose own counterpart lacks it too (a
  figure the translator put in the next sentence): `minor`.
"""
from __future__ import annotations

import re

from ..matching import ASCII_DIGITS
from ..records import EN, FA
from .base import Finding, Rule, UnitView
from .dates import side_dates, side_numerals
from .numerals import (
    ANSWERS_ONLY,
    APPROXIMATE_SHARE,
    NO_NUMBERS,
    NUMBERS,
    Numeral,
    ascii_digits,
    number_content,
    numerals,
    show,
)
from .quantities import Quantity, compare, quantities

REPEAT_WEIGHT = 0.25
NEIGHBOURS = 2  # how many units either side a moved number is looked for in
SMALL_WORD = 3  # number words up to this value, alone on one side, are graded below major
# A figure with one separator: the digits before, the mark, the digits after.
_TYPO_SHAPE = re.compile(r"(\d+)([.,،٫٬])(\d+)")
_DECIMAL, _THOUSANDS = ".٫", ",،٬"
# What a side must hold to name money at all (a cheap test before reading quantities).
_EN_MONEY = re.compile(r"[$£€¥﷼]|[Dd]ollar|[Ee]uro|[Pp]ound|[Ss]terling|[Yy]en|[Yy]uan|[Rr]enminbi|[Rr]ial|[Tt]oman"
                       r"|USD|EUR|GBP")
_FA_MONEY = ("دلار", "یورو", "پوند", "استرلینگ", "یوان", "ریال", "تومان", " ین ")  # ین: yen, as a word
_BRACKET_BETWEEN = re.compile(r"\s*[(\[]\s*(?:about|around|approximately|roughly|some|or|حدود|معادل|تقریبا|تقریباً)?\s*")
_DIGIT = re.compile(r"\d")
_DIGIT_RUN = re.compile(r"\d+")


def side_numbers(unit: UnitView, lang: str) -> list[Numeral]:
    def compute() -> list[Numeral]:
        text = unit.side(lang).text
        content = number_content(text)
        if content == NO_NUMBERS:
            return []
        if content == ANSWERS_ONLY and number_content(unit.side(EN if lang == FA else FA).text) != NUMBERS:
            return []  # "both", "the pair" with no number on the other side to answer for
        spans = [(d.start, d.end) for d in side_dates(unit, lang)]
        if not spans:  # nothing to leave to the dates rule: the side's numbers are all its numerals
            return side_numerals(unit, lang, content)
        return numerals(text, lang, exclude=spans, content=content)

    # Kept in the document context, not the unit view: a neighbour looked at for a moved number is read once.
    return unit.context.unit_memo(unit.index, ("numbers", lang), compute)


def side_quantities(unit: UnitView, lang: str) -> list[Quantity]:
    return unit.memo(("quantities", lang), lambda: quantities(unit.side(lang).text, lang, side_numbers(unit, lang)))


def _match(x: Numeral, y: Numeral) -> bool:
    if x.values & y.values:
        return True
    if x.approximate or y.approximate:  # "two dozen" for بیست
        return any(abs(a - b) <= APPROXIMATE_SHARE * max(abs(a), abs(b)) for a in x.values for b in y.values)
    return False


def unmatched(a: list[Numeral], b: list[Numeral]) -> tuple[list[Numeral], list[Numeral]]:
    """The strong numbers of each side left without a partner of equal value on the other side.

    Pairs are made strong-with-strong first, so a weak "one" on one side cannot take the partner
    that a digit 1 needed; then leftover strong numbers may pair with leftover weak ones.
    """
    free_a, free_b = list(a), list(b)

    def pair(left: list[Numeral], right: list[Numeral], left_strong: bool, right_strong: bool | None) -> None:
        for x in [n for n in left if n.strong == left_strong]:
            for y in right:
                if (right_strong is None or y.strong == right_strong) and _match(x, y):
                    left.remove(x)
                    right.remove(y)
                    break

    pair(free_a, free_b, True, True)
    pair(free_a, free_b, True, None)
    pair(free_b, free_a, True, None)
    return [n for n in free_a if n.strong], [n for n in free_b if n.strong]


def leftovers(unit: UnitView) -> tuple[list[Numeral], list[Numeral]]:
    """The unit's strong numbers with no equal value on the other side (Persian, English)."""

    def compute() -> tuple[list[Numeral], list[Numeral]]:
        fa, en = side_numbers(unit, FA), side_numbers(unit, EN)
        if not fa and not en:
            return [], []
        fa_left, en_left = unmatched(fa, en)
        # A number the other side wrote as a year (1500 people, سال ۱۵۰۰) still answers for it.
        fa_left = [n for n in fa_left if not n.values & _years(unit, EN)]
        en_left = [n for n in en_left if not n.values & _years(unit, FA)]
        return fa_left, en_left

    return unit.context.unit_memo(unit.index, "number leftovers", compute)


class NumbersRule(Rule):
    """A number on one side with no equal value on the other."""

    name = "numbers"
    severity = "major"
    its_type = "mistranslation"
    description = "numbers: digits in any script, separators, percentages, number words and units must match"

    def findings(self, unit: UnitView) -> list[Finding]:
        fa_left, en_left = leftovers(unit)
        found = self._currencies(unit) + self._identifiers(unit)
        if not fa_left and not en_left:
            return found
        fa_left, en_left = list(fa_left), list(en_left)
        found += self._conversions(unit, fa_left, en_left)
        found += self._bracketed_money(unit, fa_left, en_left)
        found += self._separator_typos(unit, fa_left, en_left)
        if not (fa_left and en_left):  # a number replaced by another is no move, whatever the neighbours hold
            found += self._moved(unit, fa_left, en_left)
        if fa_left or en_left:
            found.append(self._differ(unit, fa_left, en_left))
        return found

    # --- the same amount in another currency -----------------------------------------------------

    def _currencies(self, unit: UnitView) -> list[Finding]:
        """An amount whose figure both sides share, in a currency the other side never names
        (۵ یورو for $5): the figure matched, the money did not."""
        if not (side_numbers(unit, FA) and side_numbers(unit, EN)):
            return []
        fa_text = unit.fa.text
        if not any(word in fa_text for word in _FA_MONEY) or not _EN_MONEY.search(unit.en.text):
            return []
        fa_money = [(q, _money(q)) for q in side_quantities(unit, FA) if _money(q)]
        en_money = [(q, _money(q)) for q in side_quantities(unit, EN) if _money(q)]
        found = []
        for fq, f_cur in fa_money:
            same = [(eq, e_cur) for eq, e_cur in en_money if eq.values & fq.values]
            if not same or any(e_cur & f_cur for _, e_cur in en_money):
                continue
            eq = same[0][0]
            evidence = f"fa {fq.text} | en {eq.text}"
            found.append(Finding(1.0, f"currency differs: {evidence}", (unit.fa.span(fq.start, fq.end),),
                                 (unit.en.span(eq.start, eq.end),), severity="warning", evidence=evidence))  # fmt: skip
        return found

    # --- numbers inside names ----------------------------------------------------------------------

    def _identifiers(self, unit: UnitView) -> list[Finding]:
        """Numbers inside names (COVID-19, SARS-CoV-2) are not demanded: a translation may drop them.
        But when each side has one whose value the other side lacks (COVID-24 for کووید-۱۹), the name
        was changed."""
        fa, en = side_numbers(unit, FA), side_numbers(unit, EN)
        fa_ids = [n for n in fa if n.identifier]
        en_ids = [n for n in en if n.identifier]
        if not fa_ids or not en_ids:
            return []
        # Compared by their runs of digits, as written (19/2008 and ۱۹ / ۲۰۰۸ are one name).
        fa_runs = set(_DIGIT_RUN.findall(ascii_digits(unit.fa.text)))
        en_runs = set(_DIGIT_RUN.findall(ascii_digits(unit.en.text)))

        def odd(n: Numeral, lang: str, other_runs: set[str]) -> bool:
            written = unit.side(lang).text[n.start : n.end].translate(ASCII_DIGITS)
            return not (set(_DIGIT_RUN.findall(written)) & other_runs) and not n.values & _values(unit, other_of(lang))

        fa_odd = [n for n in fa_ids if odd(n, FA, en_runs)]
        en_odd = [n for n in en_ids if odd(n, EN, fa_runs)]
        if not fa_odd or not en_odd:
            return []
        evidence = " | ".join(
            f"{lang} " + ", ".join(_around(unit.side(lang).text, n) for n in odd)
            for lang, odd in ((FA, fa_odd), (EN, en_odd))
        )
        fa_spans = tuple(unit.fa.span(n.start, n.end) for n in fa_odd)
        en_spans = tuple(unit.en.span(n.start, n.end) for n in en_odd)
        return [Finding(1.0, f"numbers in names differ: {evidence}", fa_spans, en_spans, severity="warning",
                        evidence=evidence)]  # fmt: skip

    # --- units converted -------------------------------------------------------------------------

    def _conversions(self, unit: UnitView, fa_left: list[Numeral], en_left: list[Numeral]) -> list[Finding]:
        """Quantities in one unit on one side and another on the other: converted, or wrongly."""
        fa_q = [q for q in side_quantities(unit, FA) if q.dimensions]
        en_q = [q for q in side_quantities(unit, EN) if q.dimensions]
        if not fa_q or not en_q:
            return []
        found: list[Finding] = []

        def left(q: Quantity, pool: list[Numeral]) -> bool:
            return any(n in pool for n in q.numerals)

        def take(fq: Quantity, eq: Quantity) -> None:
            for n in fq.numerals:
                if n in fa_left:
                    fa_left.remove(n)
            for n in eq.numerals:
                if n in en_left:
                    en_left.remove(n)

        # 1. Left over on both sides, one measure in two units: converted (info) or wrongly (major).
        for fits in (True, False):
            for fq in fa_q:
                for eq in en_q:
                    if not (left(fq, fa_left) and left(eq, en_left)):
                        continue
                    conversion = compare(fq, eq, self._figure(unit, fq))
                    if conversion is None or conversion.fits != fits:
                        continue
                    kind = "converted" if fits else "wrong conversion"
                    found.append(Finding(1.0, f"{kind}: {conversion.evidence}", (unit.fa.span(fq.start, fq.end),),
                                         (unit.en.span(eq.start, eq.end),), severity="info" if fits else None,
                                         evidence=conversion.evidence))  # fmt: skip
                    take(fq, eq)
        # 2. Left over on one side only, converting a figure the other side has matched (the original
        # repeated in brackets: 100 miles (160 km) for ۱۶۰ کیلومتر): info, unless the other side has a
        # figure of that measure left over too, which is then the counterpart that differs.
        for fq in fa_q:
            for eq in en_q:
                fa_is_left, en_is_left = left(fq, fa_left), left(eq, en_left)
                if fa_is_left == en_is_left:
                    continue
                # the matched one, and what its side has left over
                matched, pool, pool_left = (eq, en_q, en_left) if fa_is_left else (fq, fa_q, fa_left)
                rival = [q for q in pool if q is not matched and q.dimensions & matched.dimensions
                         and left(q, pool_left)]  # fmt: skip
                if rival:
                    continue
                conversion = compare(fq, eq, self._figure(unit, fq))
                if conversion is not None and conversion.fits:
                    found.append(Finding(1.0, f"converted: {conversion.evidence}", (unit.fa.span(fq.start, fq.end),),
                                         (unit.en.span(eq.start, eq.end),), severity="info",
                                         evidence=conversion.evidence))  # fmt: skip
                    take(fq, eq)
        return found

    def _bracketed_money(self, unit: UnitView, fa_left: list[Numeral], en_left: list[Numeral]) -> list[Finding]:
        """An amount in another currency in brackets right after an amount the other side has
        ("£5m ($6.5m)" for ۵ میلیون پوند): the writer's conversion, which no rate here can check."""
        found: list[Finding] = []
        for lang, left in ((FA, fa_left), (EN, en_left)):
            text = unit.side(lang).text
            qs = side_quantities(unit, lang)
            for first, second in zip(qs, qs[1:]):
                money = {d for d in first.dimensions | second.dimensions if d.startswith("currency")}
                if len(money) != 2 or not _BRACKET_BETWEEN.fullmatch(text, first.end, second.start):
                    continue
                # One of the two amounts matched on the other side, the other left over: either may be
                # the one the translator kept.
                left_over = [q for q in (first, second) if all(n in left for n in q.numerals)]
                if len(left_over) != 1 or any(n in left for q in (first, second) if q is not left_over[0]
                                              for n in q.numerals):  # fmt: skip
                    continue
                dropped = left_over[0]
                evidence = f"{lang} {first.text} ({second.text})"
                spans = (unit.side(lang).span(dropped.start, dropped.end),)
                found.append(Finding(1.0, f"amount converted in brackets: {evidence}", spans if lang == FA else (),
                                     spans if lang == EN else (), severity="info", evidence=evidence))  # fmt: skip
                for n in dropped.numerals:
                    left.remove(n)
        return found

    @staticmethod
    def _figure(unit: UnitView, q: Quantity) -> str:
        """The Persian figure of a quantity as written (۲۹۰ of ۲۹۰ کیلویی)."""
        return " ".join(unit.fa.text[n.start : n.end] for n in q.numerals)

    # --- separator typos -------------------------------------------------------------------------

    def _separator_typos(self, unit: UnitView, fa_left: list[Numeral], en_left: list[Numeral]) -> list[Finding]:
        """The same digits with a separator at the same place, of the other kind: ۲٬۵۲ for 2.52
        (the other side may read as a list what is one number: 2,52)."""
        found: list[Finding] = []
        for lang, left, other_left in ((FA, fa_left, en_left), (EN, en_left, fa_left)):
            other = EN if lang == FA else FA
            other_text = ascii_digits(unit.side(other).text)
            for n in list(left):
                written = unit.side(lang).text[n.start : n.end]
                m = _TYPO_SHAPE.fullmatch(written.translate(ASCII_DIGITS))
                if m is None or n not in left:
                    continue
                marks = _THOUSANDS if m.group(2) in _DECIMAL else _DECIMAL
                # Not inside a longer number (3.2,52); after an abbreviation's dot it may stand (Fig.2,52).
                pattern = rf"(?<!\d)(?<!\d[.,،٫٬]){m.group(1)}[{marks}]{m.group(3)}(?!\d|[.,،٫٬]\d)"
                hit = re.search(pattern, other_text)
                if hit is None:
                    continue
                theirs = [o for o in other_left if o.start < hit.end() and hit.start() < o.end]
                if not theirs:
                    continue
                shown = {lang: written, other: unit.side(other).text[hit.start() : hit.end()]}
                evidence = f"fa {shown[FA]} | en {shown[EN]}"
                spans = {lang: (unit.side(lang).span(n.start, n.end),), other: (unit.side(other).span(*hit.span()),)}
                found.append(Finding(1.0, f"number separator differs (a typo?): {evidence}", spans[FA], spans[EN],
                                     severity="minor", its_type="typographical", evidence=evidence))  # fmt: skip
                left.remove(n)
                for o in theirs:
                    other_left.remove(o)
        return found

    # --- moved to a neighbouring unit ------------------------------------------------------------

    def _moved(self, unit: UnitView, fa_left: list[Numeral], en_left: list[Numeral]) -> list[Finding]:
        """Numbers whose value a neighbouring unit has on the other side only, left over there too:
        the translator moved the figure across the sentence boundary."""
        found: list[Finding] = []
        for lang, pool in ((FA, fa_left), (EN, en_left)):
            other = EN if lang == FA else FA
            for n in list(pool):
                place = self._neighbour_with(unit, n, lang)
                if place is None:
                    continue
                index, m = place
                mine = unit.side(lang).text[n.start : n.end]
                theirs = _neighbour_view(unit, index).side(other).text[m.start : m.end]
                evidence = f"{lang} {mine} in unit {unit.index} | {other} {theirs} in unit {index}"
                spans = ((unit.side(lang).span(n.start, n.end),), ())
                fa_spans, en_spans = spans if lang == FA else spans[::-1]
                found.append(Finding(1.0, f"number moved to a neighbouring unit: {theirs!r} in unit {index}",
                                     fa_spans, en_spans, severity="minor",
                                     its_type="omission" if lang == FA else "addition", evidence=evidence))  # fmt: skip
                pool.remove(n)
        return found

    def _neighbour_with(self, unit: UnitView, n: Numeral, lang: str) -> tuple[int, Numeral] | None:
        units = unit.context.alignment.units
        other = EN if lang == FA else FA
        for distance in range(1, NEIGHBOURS + 1):
            for index in (unit.index - distance, unit.index + distance):
                if not 0 <= index < len(units):
                    continue
                # (a null neighbour counts too: a sentence split off and left unaligned)
                fa_left, en_left = leftovers(_neighbour_view(unit, index))
                theirs = en_left if other == EN else fa_left
                for m in theirs:
                    if _match(n, m):
                        return index, m
        return None

    # --- what is left ----------------------------------------------------------------------------

    def _differ(self, unit: UnitView, fa_left: list[Numeral], en_left: list[Numeral]) -> Finding:
        # A value missing outright weighs 1; a value the other side has, only fewer times (١٠٠٬٠٠٠
        # twice in Persian, once in English), weighs REPEAT_WEIGHT: translations merge repeats.
        fa, en = side_numbers(unit, FA), side_numbers(unit, EN)
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
        evidence = " | ".join(
            f"{lang} " + (", ".join(unit.side(lang).text[n.start : n.end] for n in left) or "—")
            for lang, left in ((FA, fa_left), (EN, en_left))
        )
        return Finding(
            score,
            "numbers differ: " + "; ".join(parts),
            tuple(unit.fa.span(n.start, n.end) for n in fa_left),
            tuple(unit.en.span(n.start, n.end) for n in en_left),
            severity=self._severity(unit, fa_left, en_left),
            evidence=evidence,
        )

    @staticmethod
    def _severity(unit: UnitView, fa_left: list[Numeral], en_left: list[Numeral]) -> str:
        """major for a figure in digits, a count, or a number on each side that differ. "Two" or
        "three" in words on one side only is less sure: Persian says them in idioms (دو طرف "either
        side", دو نیم کردن "bisect", به سه بخش "into thirds") that English says without a number, so
        such a Persian word alone is minor, an English one a warning."""
        if fa_left and en_left:
            return "major"
        lang, left = (FA, fa_left) if fa_left else (EN, en_left)
        for n in left:
            written = unit.side(lang).text[n.start : n.end].translate(ASCII_DIGITS)
            if max(n.values) > SMALL_WORD or _DIGIT.search(written):
                return "major"
        return "minor" if lang == FA else "warning"


def other_of(lang: str) -> str:
    return EN if lang == FA else FA


def _values(unit: UnitView, lang: str) -> set[float]:
    return {v for n in side_numbers(unit, lang) for v in n.values}


def _around(text: str, n: Numeral) -> str:
    """A number inside a name shown with the name: COVID-19, not 19."""
    start, end = n.start, n.end
    while start and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end].strip(".,;:()[]«»\"'،؛")


def _money(q: Quantity) -> frozenset[str]:
    return frozenset(d for d in q.dimensions if d.startswith("currency"))


def _neighbour_view(unit: UnitView, index: int) -> UnitView:
    """Another unit of the same document, built once while the check is near it, shared by the rules."""
    context = unit.context
    units = context.alignment.units
    return context.unit_memo(index, "unit view", lambda: UnitView(index, units[index], context))


def _years(unit: UnitView, lang: str) -> frozenset[float]:
    return frozenset(float(y) for d in side_dates(unit, lang) for y in (d.years or ()))


def _shown(unit: UnitView, lang: str, n: Numeral) -> str:
    written = unit.side(lang).text[n.start : n.end]
    return f"{written!r} ({show(n.value)})" if written != show(n.value) else repr(written)
