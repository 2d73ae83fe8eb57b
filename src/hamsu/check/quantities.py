"""Quantities: a number with its unit of measure or currency, and conversions between units.

A Quantity is one or two numerals (6 ft 6 in is two) read with the unit written after them
("10 inches", "۲۹۰ کیلویی", "80 °F", "a two-foot brim") or the currency symbol before them ("$5").
The unit tables are data in measures.py. `compare` says whether a figure on one side is a
conversion of the other side's (80 °F and ۲۷ درجه سانتیگراد), allowing for the rounding translators
do, and writes the evidence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..matching import ARABIC_LETTERS, ARABIC_MARKS, ZWNJ
from ..persian.script import ASCII_DIGITS, WORD_SPELLING_FOLD
from .measures import (
    EN_GLUED_ONLY,
    EN_SECOND_UNIT,
    EN_SYMBOLS_BEFORE,
    EN_UNIT_WORDS,
    FA_UNIT_ENDINGS,
    FA_UNIT_WORDS,
    MAX_UNIT_WORDS,
    TEMPERATURE_MARGIN,
    TOLERANCE,
    UNITS,
)
from .numerals import Numeral, show

EN, FA = "en", "fa"


@dataclass(frozen=True, slots=True)
class Quantity:
    numerals: tuple[Numeral, ...]  # the numbers read (the feet and the inches of 6 ft 6 in)
    values: frozenset[float]  # in the last unit read: 6 ft 6 in is 78 (inches)
    units: tuple[str, ...]  # keys of measures.UNITS it may be in ("" for a count: ۵ تن, five people)
    start: int  # the number and its unit
    end: int
    text: str  # as written

    @property
    def dimensions(self) -> frozenset[str]:
        return frozenset(UNITS[u].dimension for u in self.units if u)


# --- Reading units after a number ---------------------------------------------------------------


def _en_form(form: str) -> str:
    """A regex for an English unit form: words apart by any space; symbols as they are."""
    return r"\s*".join(re.escape(part) for part in form.split())


_EN_FORMS = sorted(EN_UNIT_WORDS, key=len, reverse=True)
# After the number: the unit glued ("5km", 80°F), or after a space or a hyphen ("650-pound").
_EN_UNIT_GLUED = re.compile(
    r"(?P<unit>" + "|".join(_en_form(f) for f in _EN_FORMS) + r")(?![A-Za-z])", re.IGNORECASE
)
_EN_UNIT_APART = re.compile(
    r"(?:\s+|\s*-\s*)(?P<unit>"
    + "|".join(_en_form(f) for f in _EN_FORMS if f not in EN_GLUED_ONLY and any(c.isalpha() for c in f))
    + r")(?![A-Za-z0-9])",
    re.IGNORECASE,
)  # fmt: skip
# Degree signs may stand a space apart from the number and the scale: 80 ° F.
_EN_DEGREES = re.compile(r"\s?[°º]\s?(?P<scale>[CF])?(?![A-Za-z])")
_EN_SYMBOL_BEFORE = re.compile(
    "(?:" + "|".join(re.escape(s) for s in sorted(EN_SYMBOLS_BEFORE, key=len, reverse=True)) + r")\s?$",
    re.IGNORECASE,
)
_EN_SCALE_SUFFIX = re.compile(r"(?:bn|mn|m|k|tn)\b")  # £5m, $3bn: glued to the figure
# Between the two numbers of "6 ft 6 in", "6 feet, 6 inches", "6-foot-6".
_EN_BETWEEN = re.compile(r"\s*(?:,|and)?\s*-?\s*$")
_FA_WORD = re.compile(f"[{ARABIC_LETTERS}{ARABIC_MARKS}]+")
_FA_FOLD = str.maketrans(WORD_SPELLING_FOLD)
_FA_MARKS = re.compile(f"[{ARABIC_MARKS}]")


def _en_unit_after(text: str, end: int) -> tuple[tuple[str, ...], int] | None:
    """The unit written right after an English number ending at `end`, and where it ends."""
    rest = text[end : end + 40]
    m = _EN_DEGREES.match(rest)
    if m:
        scale = m.group("scale")
        units = EN_UNIT_WORDS[("°" + scale).lower()] if scale else EN_UNIT_WORDS["°"]
        return units, end + m.end()
    m = _EN_UNIT_GLUED.match(rest) or _EN_UNIT_APART.match(rest)
    if not m:
        return None
    form = " ".join(m.group("unit").lower().split())
    units = EN_UNIT_WORDS.get(form)
    if units is None:  # (a form whose lower case is another spelling: not in the table, no unit)
        return None
    if form in ("'", "’") and rest[m.end() : m.end() + 1].isalpha():
        return None  # the '90s, 80’s: no feet
    return units, end + m.end()


def _en_second_unit(text: str, end: int, unit: str) -> int | None:
    """Where the second unit of a compound ends ("6 ft 6 in": the inches), any form of it."""
    m = _EN_SECOND_FORMS[unit].match(text, end)
    return m.end() if m else None


_EN_SECOND_FORMS = {
    small: re.compile(r"\s?(?:" + "|".join(_en_form(f) for f in _EN_FORMS if small in EN_UNIT_WORDS[f])
                      + r")(?![A-Za-z0-9])", re.IGNORECASE)
    for small in EN_SECOND_UNIT.values()
}  # fmt: skip


@lru_cache(maxsize=1 << 12)
def _fa_unit_key(words: tuple[str, ...]) -> tuple[str, ...] | None:
    joined = _FA_MARKS.sub("", "".join(words)).translate(_FA_FOLD)
    if joined in FA_UNIT_WORDS:
        return FA_UNIT_WORDS[joined]
    for ending in FA_UNIT_ENDINGS:
        if joined.endswith(ending) and joined[: -len(ending)] in FA_UNIT_WORDS:
            return FA_UNIT_WORDS[joined[: -len(ending)]]
    return None


def _fa_unit_after(text: str, end: int) -> tuple[tuple[str, ...], int] | None:
    """The unit written after a Persian number ending at `end` (its words may be apart by a space
    or a half-space: سانتی‌متر, کیلومتر مربع), and where it ends."""
    words: list[re.Match[str]] = []
    pos = end
    for _ in range(MAX_UNIT_WORDS + 1):
        gap = 0
        while pos + gap < len(text) and text[pos + gap] in f" {ZWNJ}":
            gap += 1
        if gap > 2 or (gap == 0 and words):  # a word ends at a space or a half-space
            break
        m = _FA_WORD.match(text, pos + gap)
        if not m:
            break
        words.append(m)
        pos = m.end()
    for n in range(len(words), 0, -1):
        units = _fa_unit_key(tuple(m.group() for m in words[:n]))
        if units is not None:
            return units, words[n - 1].end()
    return None


def unit_after(text: str, end: int, lang: str) -> tuple[str, ...] | None:
    """The units a unit word right after position `end` may stand for (None: no unit word there)."""
    found = _en_unit_after(text, end) if lang == EN else _fa_unit_after(text, end)
    return found[0] if found is not None else None


def quantities(text: str, lang: str, found: list[Numeral]) -> list[Quantity]:
    """The numerals of `found` (numerals(text, lang)) that carry a unit, as quantities."""
    out: list[Quantity] = []
    k = 0
    while k < len(found):
        n = found[k]
        before = _EN_SYMBOL_BEFORE.search(text, max(0, n.start - 4), n.start) if lang == EN else None
        if before is not None:  # $5, £3.5m: the symbol is the unit (the m of 5m is millions here)
            units = EN_SYMBOLS_BEFORE[before.group().strip().lower()]
            suffix = _EN_SCALE_SUFFIX.match(text, n.end)
            end = suffix.end() if suffix else n.end
            out.append(Quantity((n,), n.values, units, before.start(), end, text[before.start() : end]))
            k += 1
            continue
        after = _en_unit_after(text, n.end) if lang == EN else _fa_unit_after(text, n.end)
        if after is None:
            k += 1
            continue
        units, end = after
        # 6 ft 6 in, 6-foot-6: a second number in the next smaller unit.
        big = next((u for u in units if u in EN_SECOND_UNIT), None)
        if lang == EN and k + 1 < len(found) and big is not None:
            nxt = found[k + 1]
            small = EN_SECOND_UNIT[big]
            between = text[end : nxt.start]
            if _EN_BETWEEN.match(between) and nxt.start - end <= 6:
                second = _en_second_unit(text, nxt.end, small)
                # The second unit may go unsaid only in the hyphenated height: 6-foot-6.
                if second is not None or (small == "in" and "-" in between):
                    ratio = UNITS[big].size / UNITS[small].size
                    values = frozenset(round(a * ratio + b, 6) for a in n.values for b in nxt.values)
                    stop = second if second is not None else nxt.end
                    out.append(Quantity((n, nxt), values, (small,), n.start, stop, text[n.start : stop]))
                    k += 2
                    continue
        values = n.values
        if any(u and UNITS[u].dimension == "temperature" for u in units) and _below_zero(text, n, end, lang):
            values = frozenset(-v for v in values)  # minus 5 °C, ۵ درجه زیر صفر: numerals carry no sign
        out.append(Quantity((n,), values, units, n.start, end, text[n.start : end]))
        k += 1
    return _ranges(text, found, out)


_EN_MINUS = re.compile(r"(?:\bminus\s|(?:^|(?<=\s))[-−–]\s?)$", re.IGNORECASE)
_FA_MINUS = re.compile(r"(?:منفی\s|(?:^|(?<=\s))[-−–]\s?)$")
_FA_BELOW_ZERO = re.compile(r"\s?زیر\s?صفر")


def _below_zero(text: str, n: Numeral, end: int, lang: str) -> bool:
    if lang == EN:
        return bool(_EN_MINUS.search(text, max(0, n.start - 6), n.start))
    return bool(_FA_MINUS.search(text, max(0, n.start - 5), n.start) or _FA_BELOW_ZERO.match(text, end))


# The first number of a range takes the unit of the second: "4 to 6 inches", "۱۰ تا ۱۵ سانتیمتر".
_RANGE = re.compile(r"\s*(?:[-–—]|to|or|and|تا|الی|یا|و)\s*")


def _ranges(text: str, found: list[Numeral], out: list[Quantity]) -> list[Quantity]:
    starts = {q.numerals[0].start: q for q in out}
    taken = {n.start for q in out for n in q.numerals}
    added = []
    for a, b in zip(found, found[1:]):
        q = starts.get(b.start)
        if a.start in taken or q is None or len(q.numerals) != 1 or not _RANGE.fullmatch(text, a.end, b.start):
            continue
        unit_text = text[b.end : q.end]
        added.append(Quantity((a,), a.values, q.units, a.start, a.end, text[a.start : a.end] + unit_text))
    return sorted(out + added, key=lambda q: q.start) if added else out


# --- Comparing ----------------------------------------------------------------------------------


def convert(x: float, source: str, target: str) -> float:
    a, b = UNITS[source], UNITS[target]
    return ((x * a.size + a.offset) - b.offset) / b.size


def _rounding_step(x: float, written: str) -> float:
    """What the writing of a figure shows it was rounded to: ۲۹۰ to tens, 2.5 to tenths."""
    digits = re.sub(r"\D", "", written.translate(ASCII_DIGITS))
    if re.search(r"\d[.٫/]\d", written.translate(ASCII_DIGITS)):
        decimals = len(re.split(r"[.٫/]", written.translate(ASCII_DIGITS))[-1].split()[0])
        return 10.0**-decimals
    if not float(x).is_integer() or not digits:
        return 1.0
    n = int(x)
    step = 1
    while n and n % 10 == 0:
        n //= 10
        step *= 10
    return float(step)


def fits(exact: float, written: float, written_text: str, unit: str) -> bool:
    """Whether `written` (in `unit`, as `written_text` shows it) is `exact` converted and rounded."""
    if UNITS[unit].dimension == "temperature":
        return abs(exact - written) <= TEMPERATURE_MARGIN / UNITS[unit].size
    step = _rounding_step(written, written_text)
    allowed = max(TOLERANCE * abs(exact), min(step / 2, 0.2 * abs(exact)))
    return abs(exact - written) <= allowed + 1e-9


@dataclass(frozen=True, slots=True)
class Conversion:
    fits: bool
    evidence: str  # "80 °F = 26.7 °C ≈ ۲۷" or "6 ft 6 in = 198 cm | fa ۱۸۲ سانتیمتر"


def compare(fa: Quantity, en: Quantity, fa_figure: str) -> Conversion | None:
    """Whether one side converts the other: None when the two cannot be compared (no common
    dimension, or the same unit, which plain values compare), else whether a reading fits and the
    evidence for the closest one. `fa_figure` is the Persian number as written (۲۷)."""
    best: tuple[float, str, str, float, float] | None = None
    for fu in fa.units:
        for eu in en.units:
            if not fu or not eu or fu == eu or UNITS[fu].dimension != UNITS[eu].dimension:
                continue
            if UNITS[fu].dimension.startswith("currency"):
                continue
            for ev in en.values:
                exact = convert(ev, eu, fu)
                for fv in fa.values:
                    miss = abs(exact - fv) / max(abs(exact), 1e-9)
                    if fits(exact, fv, fa_figure, fu) or fits(convert(fv, fu, eu), ev, en.text, eu):
                        miss = -1.0
                    if best is None or miss < best[0]:
                        best = (miss, fu, eu, ev, fv)
    if best is None:
        return None
    miss, fu, eu, ev, fv = best
    exact = convert(ev, eu, fu)
    english = _en_shown(en, eu, ev)
    if miss < 0:
        return Conversion(True, f"{english} = {_approx(exact)} {UNITS[fu].symbol} ≈ {'-' if fv < 0 else ''}{fa_figure}")
    return Conversion(False, f"{english} = {_approx(exact)} {UNITS[fu].symbol} | fa {fa.text}")


def _en_shown(en: Quantity, unit: str, value: float) -> str:
    if len(en.numerals) == 2:  # a compound is shown as written: 6 ft 6 in
        return " ".join(en.text.split())
    return f"{show(value)} {UNITS[unit].symbol}"


def _approx(x: float) -> str:
    """A converted figure as evidence shows it: 198, 26.7, 0.61."""
    if abs(x) >= 100:
        return f"{round(x):,}"
    if abs(x) >= 1:
        return f"{x:.1f}".rstrip("0").rstrip(".")
    return f"{x:.2g}"
