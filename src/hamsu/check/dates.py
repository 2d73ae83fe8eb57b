"""Dates: Solar Hijri and Gregorian years and dates, month names in three forms, weekdays.

Each date expression becomes a DateItem holding what it says about a year, a month, a day of a
month and a weekday, each as the set of Gregorian values it may mean: ۱۴۰۳ may be 2024 or 2025,
مرداد is July or August, ۱۲ مرداد is 2 or 3 August (the year unknown), ۱۲ مرداد ۱۴۰۳ is 2 August
2024 exactly. A fact on one side with no compatible fact on the other is a mistranslation; years
may also be answered by a plain number on the other side (1500 people, هزار و پانصد نفر).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from ..matching import ARABIC_LETTERS, ZWNJ
from ..records import EN, FA
from . import jalali
from .base import Finding, Rule, UnitView, shorten
from .numerals import EN_ORDINALS, FA_ORDINALS, FA_UNITS, Numeral, _char_ranges, _numerals, ascii_digits, numerals
from .quantities import unit_after

EN_MONTHS = {
    name: i
    for i, names in enumerate(
        (("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"), ("May",), ("June", "Jun"),
         ("July", "Jul"), ("August", "Aug"), ("September", "Sept", "Sep"), ("October", "Oct"),
         ("November", "Nov"), ("December", "Dec")),
        1,
    )
    for name in names
}  # fmt: skip
# These two are as often a name or a verb (Theresa May, "May I", the March on Washington): with no
# day or year beside them they are months only after a word that introduces a time (in May, early
# March); elsewhere they may answer for a Persian month but are not demanded. Abbreviations alone
# are too short to trust (Jan is a name) unless written with their period (Oct., Sept.).
EN_MONTHS_NEED_CONTEXT = {"May", "March"}
EN_MONTH_ABBREVIATIONS = {k for k in EN_MONTHS if len(k) <= 4 and k not in ("May", "June", "July")}
_EN_TIME_WORDS = re.compile(
    r"\b(?:in|of|on|early|late|mid|since|until|till|by|last|next|this|that|from|through|to|during|throughout"
    r"|before|after|between|end|beginning|start|middle|and|or)\s*-?\s*$",
    re.IGNORECASE,
)  # fmt: skip
EN_WEEKDAYS = {d: i for i, d in enumerate("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())}

SOLAR_MONTHS = {
    m: i for i, m in enumerate("فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند".split(), 1)
}
# تیر (arrow), مهر (seal, kindness), آبان, آذر, بهمن (names), دی (in دی‌ان‌ای): months only with
# a day, a year or the word ماه beside them.
SOLAR_MONTHS_NEED_CONTEXT = {"تیر", "مهر", "آبان", "آذر", "دی", "بهمن"}
GREGORIAN_MONTHS_FA = {
    "ژانویه": 1, "ژانویهٔ": 1, "فوریه": 2, "مارس": 3, "آوریل": 4, "آپریل": 4, "اوریل": 4, "مه": 5, "می": 5, "ژوئن": 6,
    "جون": 6, "ژوئیه": 7, "جولای": 7, "اوت": 8, "آگوست": 8, "اگوست": 8, "سپتامبر": 9, "اکتبر": 10,
    "نوامبر": 11, "دسامبر": 12,
}  # fmt: skip
GREGORIAN_MONTHS_FA_NEED_CONTEXT = {"مه", "می", "جون"}  # fog; the verb prefix; a name
# A Gregorian month name alone is also a word or a name (تبدیل فوریه "Fourier transform", آوریل as
# a first name): with no day, year or ماه beside it, it is demanded back only after a word that
# introduces a time (در فوریه, از مارس, اواخر ژانویه); elsewhere it is weak.
_FA_TIME_WORDS = re.compile(
    rf"(?:^|[\s{ZWNJ}])(?:در|از|تا|طی|اوایل|اواسط|اواخر|اول|نیمه|پایان|ابتدای|آغاز|انتهای|و|یا|سراسر|بعد|قبل|پیش|پس)"
    rf"[\s{ZWNJ}]*$"
)
# Spelled with a half-space, a space or joined: the key is the joined form.
FA_WEEKDAYS = {"دوشنبه": 0, "سهشنبه": 1, "چهارشنبه": 2, "پنجشنبه": 3, "جمعه": 4, "شنبه": 5, "یکشنبه": 6}
_FA_WEEKDAY_DIGITS = str.maketrans({"1": "یک", "2": "دو", "3": "سه", "4": "چهار", "5": "پنج"})

Values = frozenset


@dataclass(frozen=True, slots=True)
class DateItem:
    """One date expression and the Gregorian facts it may state; None where it says nothing."""

    start: int
    end: int
    years: Values[int] | None = None
    months: Values[int] | None = None
    day_months: Values[tuple[int, int]] | None = None
    weekdays: Values[int] | None = None
    weak: bool = False  # answers for a fact of the other side, never demanded (the Sunday Times)


def _alternation(words: Iterable[str], not_after: str = "") -> str:
    """The words as one alternation, longest first, grouped by their first character (the
    pattern engine tries the alternatives of a group only where its character stands: one
    alternative a word is tried at every place otherwise). Words of one length cannot both match
    at one place, and within a group the order is kept, so the match is the flat alternation's.

    `not_after`: a character class the character before a word may not be, asserted after the
    word's first character (c(?<!Xc) is (?<!X)c): a pattern that begins with the alternation
    then begins with a character the engine looks for, instead of trying a match at every place."""
    groups: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(
        f"{re.escape(first)}{f'(?<!{not_after}{re.escape(first)})' if not_after else ''}(?:{'|'.join(rests)})"
        for first, rests in groups.items()
    )


# --- English ------------------------------------------------------------------------------------

def _day_words() -> tuple[dict[str, int], dict[str, int]]:
    """Ordinal words for the days of a month: هفدهم, بیست و یکم, سی‌ام; seventeenth, twenty-first."""
    fa = {w: n for w, n in FA_ORDINALS.items() if 1 <= n <= 20 and not w.endswith(("مین", "می"))}
    en = {w: n for w, n in EN_ORDINALS.items() if 1 <= n <= 20}
    for tens_fa, tens_en, tens in (("بیست", "twenty", 20), ("سی", "thirty", 30)):
        for w, n in list(fa.items()):
            if n <= 9 and tens + n <= 31:
                fa[f"{tens_fa} و {w}"] = tens + n
        for w, n in list(en.items()):
            if n <= 9 and tens + n <= 31:
                en[f"{tens_en}-{w}"] = tens + n
    fa.update({"سی" + ZWNJ + "ام": 30, "سی ام": 30, "سیام": 30})
    en["thirtieth"] = 30
    return fa, en


FA_DAY_WORDS, EN_DAY_WORDS = _day_words()
_EN_MONTH = rf"(?P<month>{_alternation(EN_MONTHS)})\.?"
_WORD_CHAR = r"\w"
# \b{_EN_MONTH}: a month's name begins with a word character, so the boundary before it is no word
# character before it, asserted after the name's first letter.
_EN_MONTH_AT_WORD = rf"(?P<month>{_alternation(EN_MONTHS, not_after=_WORD_CHAR)})\.?"
# A day, or a range of days (March 4 and 5, 1–10 January), in digits or as an ordinal word.
_EN_DAY = (rf"(?:(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?|(?:the\s+)?(?P<dayword>{_alternation(EN_DAY_WORDS)}))"
           r"(?:(?:\s*[-–—]\s*|\s+(?:and|to)\s+)(?P<day2>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b)?")  # fmt: skip
_EN_YEAR = r"(?P<year>\d{4})"
_EN_PATTERNS = [
    re.compile(rf"\b{_EN_DAY}\s+(?:of\s+)?{_EN_MONTH}\b,?\s+{_EN_YEAR}\b"),
    re.compile(rf"{_EN_MONTH_AT_WORD}\s+{_EN_DAY}\b,?\s+{_EN_YEAR}\b"),
    re.compile(rf"{_EN_MONTH_AT_WORD}\b,?\s+{_EN_YEAR}\b"),
    re.compile(rf"\b{_EN_DAY}\s+(?:of\s+)?{_EN_MONTH}\b"),
    re.compile(rf"{_EN_MONTH_AT_WORD}\s+{_EN_DAY}\b(?![,.]?\d)"),
    # (Patterns that begin with a digit assert what may not stand before it after it: \d(?<!X\d)
    # is (?<!X)\d, and the engine then looks for a digit instead of trying every place.)
    re.compile(r"(?P<year>\d(?<!\w\d)\d{3})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"),
    re.compile(r"(?P<a>\d(?<![\d/]\d)\d?)/(?P<b>\d{1,2})/(?P<year>\d{4})(?![\d/])"),
    # A span of two years with the second shortened: 2010–11, 2019/20.
    # (A year is four digits: (?<!X)(?P<year>…) is (?P<year>…)(?<!X\d{4}).)
    re.compile(r"(?P<year>1\d{3}|20\d{2})(?<![\w.,:/]\d{4})\s?[-–—/]\s?(?P<short_end>\d{2})(?![\w%]|[-–—/.,:]\d)"),
    # The 1990s, the '90s, the 90s ("in their 50s" is an age and stays a number).
    re.compile(r"(?<![\w'])(?P<decade>\d{3}0)s\b|(?:(?<=\bthe )|')(?P<short_decade>\d0)s\b"),
    re.compile(rf"{_EN_MONTH_AT_WORD}\b"),
    re.compile(rf"(?P<weekday>{_alternation(EN_WEEKDAYS, not_after=_WORD_CHAR)})s?\b"),
    # A year alone: four digits that are not part of a longer number, an identifier or a measure.
    re.compile(r"(?P<year>1\d{3}|20\d{2}|2100)(?<![\w.,:/$£€¥]\d{4})(?<![A-Za-z]-\d{4})(?<!/ \d{4})"
               r"(?![\w%]|[.,:/]\d)"),
]
# A capitalized word after a weekday that is not a month: the weekday names something (the Sunday
# Times); "Sunday March 5" and "Tuesday, President …" stay dates.
_EN_TITLE_AFTER = re.compile(r"'?s?\s(?!(?:" + _alternation(EN_MONTHS) + r")\b)[A-Z][a-z]")

# --- Persian ------------------------------------------------------------------------------------

_FA_BOUND_BEFORE = f"(?<![{ARABIC_LETTERS}{ZWNJ}])"
_FA_BOUND_AFTER = f"(?![{ARABIC_LETTERS}{ZWNJ}])"
_FA_MONTH_WORDS = _alternation(set(SOLAR_MONTHS) | set(GREGORIAN_MONTHS_FA))
_FA_MONTH = rf"{_FA_BOUND_BEFORE}(?P<month>{_FA_MONTH_WORDS})(?P<mah>[ {ZWNJ}]?ماه)?{_FA_BOUND_AFTER}"
_FA_DAY = (rf"(?:(?<![\d/.٫])(?P<day>3[01]|[12]\d|0?[1-9])(?:[ {ZWNJ}]?(?:ام|م))?"
           rf"|{_FA_BOUND_BEFORE}(?<!نیمه )(?P<dayword>{_alternation(FA_DAY_WORDS)}))"
           r"(?:(?:\s*[-–—]\s*|\s+(?:و|تا)\s+)(?P<day2>3[01]|[12]\d|0?[1-9]))?")  # fmt: skip
# A calendar named after a year: Solar Hijri (شمسی، خورشیدی), lunar Hijri (قمری) or Gregorian (میلادی).
_FA_CALENDAR = rf"(?:\s*(?P<cal>هجری[ {ZWNJ}]شمسی|هجری[ {ZWNJ}]قمری|شمسی|خورشیدی|قمری|میلادی))?"
_FA_YEAR = rf"(?:سال\s+)?(?P<year>\d{{4}}|\d{{2}})(?![\d/]){_FA_CALENDAR}"
_FA_PATTERNS = [
    re.compile(rf"{_FA_DAY}\s*{_FA_MONTH}\s+{_FA_YEAR}"),
    re.compile(rf"{_FA_MONTH}\s+{_FA_YEAR}"),
    re.compile(rf"{_FA_DAY}\s*{_FA_MONTH}"),
    re.compile(r"(?P<year>\d(?<![\d/.]\d)\d{3})[/\-.](?P<m>\d{1,2})[/\-.](?P<d>\d{1,2})(?![\d/])"),
    re.compile(r"(?P<d>\d(?<![\d/.]\d)\d?)[/\-.](?P<m>\d{1,2})[/\-.](?P<year>\d{4})(?![\d/])"),
    re.compile(rf"{_FA_BOUND_BEFORE}دهه(?:[ {ZWNJ}]ی)?\s+(?P<decade_word>بیست|سی|چهل|پنجاه|شصت|هفتاد|هشتاد|نود)"
               rf"{_FA_BOUND_AFTER}"),
    re.compile(rf"{_FA_BOUND_BEFORE}دهه(?:[ {ZWNJ}]ی)?\s+(?P<decade>\d{{4}}|\d{{2}})(?!\d)"
               rf"(?:\s*(?P<cal>شمسی|خورشیدی|میلادی))?"),
    re.compile(rf"(?:(?P<mah_before>{_FA_BOUND_BEFORE}ماه)\s+)?{_FA_MONTH}"),
    # یکشنبه, یک‌شنبه, یک شنبه, ۱شنبه are Sunday, not شنبه; a half-space may join an ending or a
    # word (دوشنبه‌ها, سه‌شنبه‌شب "Tuesday night").
    re.compile(rf"{_FA_BOUND_BEFORE}(?<!\d)(?P<weekday>(?:یک|دو|سه|چهار|پنج|[1-5])[\s{ZWNJ}]*شنبه|شنبه|جمعه)"
               rf"(?:{ZWNJ}[{ARABIC_LETTERS}]+)?{_FA_BOUND_AFTER}"),
    # A span of two years with the second shortened, in either order (right to left, 2010–11 often
    # comes out as 11-2010): 1398-99, 11-2010.
    re.compile(r"(?P<year>\d(?<![\d.,٫٬/:]\d)\d{3})\s?[-–—/]\s?(?P<short_end>\d{2})(?![\d]|[-–—/.,:]\d)"),
    re.compile(r"(?P<short_end>\d(?<![\d.,٫٬/:\-–—]\d)\d)\s?[-–—]\s?(?P<year>\d{4})(?![\d]|[-–—/.,:]\d)"),
    re.compile(rf"(?P<sal>{_FA_BOUND_BEFORE}سال\s+)(?P<year>\d{{2}})(?![\d/])"),
    re.compile(rf"(?P<year>\d(?<![\d.,٫٬/:]\d)(?<!/ \d)\d{{3}})(?![\d]|[.,٫٬/:]\d){_FA_CALENDAR}"),
]


def _solar_possible(y: int) -> bool:
    return 1200 <= y <= 1500


def _year_readings(y: int, cal: str | None, lang: str) -> frozenset[int]:
    """The Gregorian years a written year may be. In Persian, 1200–1500 may be Solar Hijri."""
    if cal and "قمری" in cal:  # lunar Hijri: 33 lunar years are about 32 solar ones
        g = int(y * 0.970229 + 621.5643)
        return frozenset({g, g + 1})
    if cal and ("شمسی" in cal or "خورشیدی" in cal):
        return frozenset({y + 621, y + 622})
    if lang == FA and _solar_possible(y) and cal != "میلادی":
        return frozenset({y, y + 621, y + 622})
    return frozenset({y})


def _two_digit_years(yy: int) -> frozenset[int]:
    """سال ۹۸ is 1398 (2019–20) in an Iranian text, or 1998; ۰۲ is 1402 or 2002."""
    return frozenset({1300 + yy + 621, 1300 + yy + 622, 1400 + yy + 621, 1400 + yy + 622, 1900 + yy, 2000 + yy})


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def _full_date(y: int, m: int, d: int, solar: bool | None) -> DateItem | None:
    """Facts of a numeric or named full date; `solar` None means either calendar is possible."""
    dates = set()
    if solar is not False and _solar_possible(y):
        try:
            dates.add(jalali.to_gregorian(y, m, d))
        except ValueError:
            pass
    if solar is not True and _valid(y, m, d):
        dates.add(date(y, m, d))
    if not dates:
        return None
    return DateItem(0, 0, frozenset(g.year for g in dates), frozenset(g.month for g in dates),
                    frozenset((g.month, g.day) for g in dates))  # fmt: skip


def _month_facts(word: str, day: int | None, year: int | None, cal: str | None, lang: str) -> DateItem | None:
    if word in EN_MONTHS or word in GREGORIAN_MONTHS_FA:
        m = EN_MONTHS.get(word) or GREGORIAN_MONTHS_FA[word]
        if day is not None and year is not None:
            return _full_date(year, m, day, solar=False)
        years = _year_readings(year, "میلادی", lang) if year is not None else None
        return DateItem(0, 0, years, frozenset({m}), frozenset({(m, day)}) if day is not None else None)
    jm = SOLAR_MONTHS[word]
    if year is not None and year < 100:
        year += 1300 if year >= 50 else 1400
    if day is not None and year is not None:
        return _full_date(year, jm, day, solar=True)
    if day is not None:
        dms = jalali.gregorian_day_months(jm, day)
        return DateItem(0, 0, None, frozenset(m for m, _ in dms), dms) if dms else None
    years = jalali.gregorian_years(year, jm) if year is not None and _solar_possible(year) else None
    return DateItem(0, 0, years, jalali.gregorian_months(jm))


def _item(m: re.Match[str], lang: str, text: str) -> DateItem | None:
    g = m.groupdict()
    year = int(g["year"]) if g.get("year") else None
    cal = g.get("cal")
    if g.get("weekday"):
        w = g["weekday"]
        if lang == EN:
            day = EN_WEEKDAYS.get(w)
            # Followed by a capitalized word it is often part of a title (the Sunday Times, Saturday
            # Night Live): it answers for a weekday but is not demanded.
            weak = _EN_TITLE_AFTER.match(text, m.end()) is not None
        else:
            day = FA_WEEKDAYS.get(re.sub(r"\s", "", w.replace(ZWNJ, "")).translate(_FA_WEEKDAY_DIGITS))
            weak = False
        return None if day is None else DateItem(0, 0, weekdays=frozenset({day}), weak=weak)
    if g.get("month"):
        word = g["month"]
        days = _days(g, lang)
        day = days[0] if days else None
        weak = False
        if day is None and year is None and not g.get("mah") and not g.get("mah_before"):
            if word in EN_MONTH_ABBREVIATIONS and not text.startswith(".", m.end()):
                return None  # Jan, Mar: a name or a word; Oct. with its period is the month
            if word in EN_MONTHS_NEED_CONTEXT and not _EN_TIME_WORDS.search(text, max(0, m.start() - 20), m.start()):
                weak = True
            if word in SOLAR_MONTHS_NEED_CONTEXT or word in GREGORIAN_MONTHS_FA_NEED_CONTEXT:
                return None
            if word in GREGORIAN_MONTHS_FA and not _FA_TIME_WORDS.search(text, max(0, m.start() - 12), m.start()):
                weak = True
        if year is not None and year < 100 and word not in SOLAR_MONTHS:
            return None
        found = [f for f in (_month_facts(word, d, year, cal, lang) for d in days or [None]) if f]
        item = _union(found)
        return DateItem(0, 0, item.years, item.months, item.day_months, item.weekdays, weak) if item and weak else item
    if g.get("m"):
        mo, d = int(g["m"]), int(g["d"])
        return _full_date(year, mo, d, solar=None if lang == FA else False)
    if g.get("a"):  # 5/8/2024: 5 August or May 8
        a, b = int(g["a"]), int(g["b"])
        return _union([it for it in (_full_date(year, b, a, False), _full_date(year, a, b, False)) if it])
    if g.get("decade_word"):
        y = FA_UNITS[g["decade_word"]]
        return DateItem(0, 0, frozenset({y, 1900 + y, 2000 + y, (1300 + y + 621) // 10 * 10}))
    if g.get("decade"):
        y = int(g["decade"])
        if y < 100:  # دهه ۶۰ in an Iranian text is the 1360s (the 1980s); دهه ۲۰ زندگی is an age
            return DateItem(0, 0, frozenset({y, 1900 + y, 2000 + y, (1300 + y + 621) // 10 * 10}))
        if lang == FA and (_solar_possible(y) and cal != "میلادی"):
            return DateItem(0, 0, frozenset({y, (y + 621) // 10 * 10, (y + 622) // 10 * 10}))
        return DateItem(0, 0, frozenset({y}))
    if g.get("short_decade"):
        y = int(g["short_decade"])
        return DateItem(0, 0, frozenset({1900 + y, 2000 + y}))
    if g.get("sal"):
        return DateItem(0, 0, _two_digit_years(int(g["year"])))
    if g.get("short_end") and year is not None:
        short = int(g["short_end"])
        if short != (year + 1) % 100:  # 2010–11 and 1398-99 are spans; 2010-15 is a number and a range
            return None
        if lang == EN and not 1000 <= year <= 2100:
            return None
        return DateItem(0, 0, _year_readings(year, cal, lang))  # date_items adds the second year
    if year is not None:
        if not 1000 <= year <= 2100:
            return None
        if not cal and unit_after(text, m.end(), lang) is not None:
            return None  # 1500 miles, ۱۶۰۰ کیلومتر: a measure, not a year
        return DateItem(0, 0, _year_readings(year, cal, lang))
    return None


def _days(g: dict[str, str | None], lang: str) -> list[int]:
    days = []
    if g.get("day"):
        days.append(int(g["day"]))
    elif g.get("dayword"):
        word = " ".join(g["dayword"].lower().split())
        days.append((FA_DAY_WORDS if lang == FA else EN_DAY_WORDS)[word])
    if g.get("day2"):
        days.append(int(g["day2"]))
    return days


def _union(items: list[DateItem]) -> DateItem | None:
    """One item for several readings (or days) of one expression: each fact is the union."""
    if not items:
        return None

    def joined(fact: str):
        sets = [getattr(i, fact) for i in items if getattr(i, fact) is not None]
        return frozenset().union(*sets) if sets else None

    return DateItem(0, 0, joined("years"), joined("months"), joined("day_months"), joined("weekdays"))


# What each pattern cannot match without, in the order of _EN_PATTERNS and _FA_PATTERNS: a pattern
# whose needs the text lacks (_parts_present) is not run.
_EN_NEEDS = (
    {"month", "year"}, {"month", "year"}, {"month", "year"}, {"month"}, {"month"}, {"year"}, {"year"},
    {"year"}, {"decade"}, {"month"}, {"weekday"}, {"year"},
)  # fmt: skip
_FA_NEEDS = (
    {"month", "digit"}, {"month", "digit"}, {"month"}, {"year"}, {"year"}, {"decade"}, {"decade", "digit"},
    {"month"}, {"weekday"}, {"year"}, {"year"}, {"sal", "digit"}, {"year"},
)  # fmt: skip
# (\d\d{3}, not \d{4}: a pattern that begins with a class is searched for that class, not tried at every place)
_DIGIT, _FOUR_DIGITS = re.compile(r"\d"), re.compile(r"\d\d{3}")
_FA_WORD_RUN = re.compile(f"[{ARABIC_LETTERS}{ZWNJ}]+")  # (_FA_RUN_CHARS)
# Any English month or weekday name inside the text: one search of literal words, which the
# pattern engine runs far faster than Python asks for each word in turn.
_EN_MONTH_NAMES = re.compile(_alternation(EN_MONTHS))
_EN_WEEKDAY_NAMES = re.compile(_alternation(EN_WEEKDAYS))
# A Persian month as _FA_MONTH finds it is a whole run of letters and half-spaces, alone or with ماه.
_FA_MONTH_RUNS = frozenset(
    word + mah for word in set(SOLAR_MONTHS) | set(GREGORIAN_MONTHS_FA) for mah in ("", "ماه", ZWNJ + "ماه")
)


def _python_has_month_run(text: str) -> bool:
    """Whether a run of Persian letters and half-spaces of text is a month (_FA_MONTH_RUNS);
    _numerals.c gives the same, each run looked up once in its table."""
    return not _FA_MONTH_RUNS.isdisjoint(_FA_WORD_RUN.findall(text))


_FA_RUN_CHARS = f"{ARABIC_LETTERS}{ZWNJ}"  # what _FA_WORD_RUN's runs are made of
if _numerals is not None:
    _numerals.set_month_tables(_char_ranges(_FA_RUN_CHARS), _FA_MONTH_RUNS.__contains__)
_has_month_run = _python_has_month_run if _numerals is None else _numerals.has_month_run


def _parts_present(text: str, lang: str) -> set[str]:
    """Which parts of a date the text (digits in ASCII) may hold: each test is necessary for the
    patterns that need it, and far cheaper than running them. Every pattern needs a part: a
    text with none has no date."""
    present = set()
    if _DIGIT.search(text):
        present.add("digit")
        if _FOUR_DIGITS.search(text):
            present.add("year")
    if lang == EN:
        if "0s" in text:  # the 1990s, the '90s: the decade pattern's digits end so
            present.add("decade")
        if _EN_MONTH_NAMES.search(text):
            present.add("month")
        if "day" in text and _EN_WEEKDAY_NAMES.search(text):  # (each weekday's name ends so)
            present.add("weekday")
        return present
    if _has_month_run(text):
        present.add("month")
    for part, word in (("weekday", "شنبه"), ("weekday", "جمعه"), ("decade", "دهه"), ("sal", "سال")):
        if word in text:
            present.add(part)
    return present


Runnable = tuple[tuple[re.Pattern[str], "Callable[[str], list[int] | None] | None"], ...]
_RUNNABLE: dict[tuple[bool, frozenset[str]], Runnable] = {}


def _runnable(english: bool, present: frozenset[str]) -> Runnable:
    """The patterns whose needs the parts present meet, in their order, each with where its
    matches may begin (_STARTS; None: anywhere). A few dozen sets of parts occur: each is worked out
    once (and a pattern is not looked up by itself for each text: its hash reads all its code)."""
    key = (english, present)
    patterns = _RUNNABLE.get(key)
    if patterns is None:
        pairs = zip(_EN_PATTERNS, _EN_NEEDS) if english else zip(_FA_PATTERNS, _FA_NEEDS)
        patterns = _RUNNABLE[key] = tuple((p, _STARTS.get(p)) for p, needs in pairs if needs <= present)
    return patterns


# Where a match of the patterns that begin with a day or a month may begin. Such a pattern begins
# with a look-behind or an optional word, which leaves the engine nothing to look for: it tries a
# match at every place of the text. Where a match can begin is found by a pattern that can be
# looked for, and the pattern is tried there only (_found).
# A day in digits: a digit after none of what the day's look-behind refuses.
_FA_DAY_DIGIT = re.compile(r"\d(?<![\d/.٫]\d)")
_EN_DAY_DIGIT = re.compile(r"\d(?<!\w\d)")  # (\b before a digit)
# A day word anywhere: where there is one, its every place is not worked out (a day word may hold
# another after a space: بیست و یکم), and the pattern is run over the whole text.
_FA_DAY_WORD = re.compile(_alternation(FA_DAY_WORDS))
_EN_DAY_WORD = re.compile(_alternation(EN_DAY_WORDS))
# A Persian month's name or ماه, where _FA_MONTH or the ماه before it begins (both after no letter or
# half-space). Each is written in letters (FA_MONTH_LETTERS) but for its last character, so a place
# after no letter lies inside none of them, and a search that goes on after each one finds them all.
_FA_MONTH_START = re.compile(_alternation(set(SOLAR_MONTHS) | set(GREGORIAN_MONTHS_FA) | {"ماه"}))
FA_MONTH_LETTERS = f"{ARABIC_LETTERS}{ZWNJ}"


def _day_starts(day_word: re.Pattern[str], day_digit: re.Pattern[str]) -> Callable[[str], list[int] | None]:
    def starts(text: str) -> list[int] | None:
        return None if day_word.search(text) else [m.start() for m in day_digit.finditer(text)]

    return starts


def _month_starts(text: str) -> list[int]:
    return [m.start() for m in _FA_MONTH_START.finditer(text)]


_FA_DAY_STARTS = _day_starts(_FA_DAY_WORD, _FA_DAY_DIGIT)
_EN_DAY_STARTS = _day_starts(_EN_DAY_WORD, _EN_DAY_DIGIT)
# For each pattern so found, where its matches may begin (None: anywhere, run it over the text).
_STARTS: dict[re.Pattern[str], Callable[[str], list[int] | None]] = {
    _FA_PATTERNS[0]: _FA_DAY_STARTS,
    _FA_PATTERNS[2]: _FA_DAY_STARTS,
    _FA_PATTERNS[1]: _month_starts,
    _FA_PATTERNS[7]: _month_starts,
    _EN_PATTERNS[0]: _EN_DAY_STARTS,
    _EN_PATTERNS[3]: _EN_DAY_STARTS,
}


def _found(pattern: re.Pattern[str], starts_of: Callable[[str], list[int] | None], text: str,
           known: dict | None = None) -> Iterable[re.Match[str]]:  # fmt: skip
    """pattern.finditer(text), the pattern tried only where starts_of(text) says a match may
    begin (_STARTS), each after the end of the last match (as finditer goes on; no pattern here
    matches the empty string). `known`: the places found in text so far, by how they are found
    (two patterns begin alike)."""
    if known is None:
        known = {}
    starts = known[starts_of] = known[starts_of] if starts_of in known else starts_of(text)
    if starts is None:
        return pattern.finditer(text)
    found = []
    after = 0
    for start in starts:
        if start >= after:
            m = pattern.match(text, start)
            if m is not None:
                found.append(m)
                after = m.end()
    return found


def date_items(text: str, lang: str) -> list[DateItem]:
    """Every date expression in text, longest patterns first, none overlapping."""
    ascii_text = ascii_digits(text)
    patterns = _runnable(lang == EN, frozenset(_parts_present(ascii_text, lang)))
    if not patterns:
        return []
    taken: list[tuple[int, int]] = []
    items: list[DateItem] = []
    known: dict = {}
    for pattern, starts_of in patterns:
        for m in pattern.finditer(ascii_text) if starts_of is None else _found(pattern, starts_of, ascii_text, known):
            start, end = m.span()
            if any(s < end and start < e for s, e in taken):
                continue
            item = _item(m, lang, ascii_text)
            if item is None:
                continue
            taken.append((start, end))
            items.append(DateItem(start, end, item.years, item.months, item.day_months, item.weekdays, item.weak))
            if m.groupdict().get("short_end"):  # 2010–11: each year is stated, and each must be matched
                items.append(DateItem(start, end, _year_readings(int(m.group("year")) + 1, None, lang)))
    items.sort(key=lambda i: i.start)
    return items


def date_spans(text: str, lang: str) -> list[tuple[int, int]]:
    return [(i.start, i.end) for i in date_items(text, lang)]


FACTS = ("years", "months", "day_months", "weekdays")
_FACT_NAMES = {"years": "year", "months": "month", "day_months": "day", "weekdays": "weekday"}


def unmatched_items(items: list[DateItem], other: list[DateItem], other_numbers: frozenset[float],
                    own_numbers: frozenset[float] = frozenset()) -> list[tuple[DateItem, str]]:  # fmt: skip
    """Items whose facts the other side cannot match, each with the first fact that failed. Weak
    items (a weekday in a title) answer for the other side's facts but are never reported.

    `own_numbers`: the plain numbers of the items' side; a four-digit number alone on the other
    side that is one of them (1261 نفر for 1,261 people) is a count there, not a year it states."""
    pools = {fact: set().union(*(getattr(i, fact) or () for i in other)) for fact in FACTS}
    other_states_years = any(
        i.years and not (i.months is None and i.weekdays is None and i.years & own_numbers) for i in other
    )
    pools["years"] |= {int(v) for v in other_numbers if float(v).is_integer()}
    out = []
    for item in items:
        if item.weak:
            continue
        for fact in FACTS:
            mine = getattr(item, fact)
            if fact == "years" and item.months is not None and not other_states_years:
                continue  # "20 January 2020" for "20 January": a year added or left out, not a wrong one
            if mine is not None and not mine & pools[fact]:
                out.append((item, fact))
                break
    return out


_MONTH_ABBREVIATIONS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_WEEKDAY_NAMES = list(EN_WEEKDAYS)


def _readings(fact: str, values) -> str:
    """What a fact may mean, for evidence: 2024/2025, Jul/Aug, 2 Aug, Saturday."""
    if fact == "years":
        return "/".join(str(y) for y in sorted(values))
    if fact == "months":
        return "/".join(_MONTH_ABBREVIATIONS[m - 1] for m in sorted(values))
    if fact == "day_months":
        return "/".join(f"{d} {_MONTH_ABBREVIATIONS[m - 1]}" for m, d in sorted(values))
    return "/".join(_WEEKDAY_NAMES[d] for d in sorted(values))


def side_dates(unit: UnitView, lang: str) -> list[DateItem]:
    # Kept near the unit: the numbers rule reads a neighbour's dates when it looks for a moved number.
    return unit.context.unit_memo(unit.index, ("dates", lang), lambda: date_items(unit.side(lang).text, lang))


def side_numerals(unit: UnitView, lang: str, content: int | None = None) -> list[Numeral]:
    """Every number of a side, those inside its dates included (numerals with nothing excluded),
    read once a side: the dates rule compares them with the other side's dates, and the numbers
    rule, on a side without dates, would read the same. `content`: number_content of the side's
    text, when the caller has it. The list is shared: callers do not change it."""
    return unit.context.unit_memo(
        unit.index, ("numerals", lang), lambda: numerals(unit.side(lang).text, lang, content=content)
    )


class DatesRule(Rule):
    """A year, month, day or weekday on one side that the other side does not state.

    `major` when the other side states that fact and it differs (Saturday for Sunday, 2023 for
    1403); `warning` when the other side says nothing of it (a weekday left out).
    """

    name = "dates"
    severity = "major"
    its_type = "mistranslation"
    description = "dates: Solar Hijri ↔ Gregorian years and dates, month names, weekdays"

    def findings(self, unit: UnitView) -> list[Finding]:
        fa, en = side_dates(unit, FA), side_dates(unit, EN)
        if not fa and not en:
            return []

        def plain_numbers(lang: str) -> frozenset[float]:
            return frozenset(v for n in side_numerals(unit, lang) for v in n.values)

        # A side's plain numbers are read only for the other side's dates (they may answer for a
        # year stated there, or show that one of its years is a count): where the other side has
        # no dates, a side is not read for its numbers again.
        fa_numbers = plain_numbers(FA) if en else frozenset()
        en_numbers = plain_numbers(EN) if fa else frozenset()
        fa_missing = unmatched_items(fa, en, en_numbers, fa_numbers) if fa else []
        en_missing = unmatched_items(en, fa, fa_numbers, en_numbers) if en else []
        if not fa_missing and not en_missing:
            return []
        parts = []
        evidence = []
        contradicted = False  # the other side states the fact, differently
        sides = ((FA, fa_missing, "Persian", "English", en), (EN, en_missing, "English", "Persian", fa))
        for lang, missing, name, other, other_items in sides:
            if missing:
                described = ", ".join(self._describe(unit, lang, i, f) for i, f in missing)
                parts.append(f"{name} {described} not in {other}")
            for item, fact in missing:
                stating = [i for i in other_items if getattr(i, fact) is not None]
                contradicted |= any(not i.weak for i in stating)
                line = self._evidence(unit, lang, item, fact, stating)
                if line not in evidence:  # Saturday for Sunday reads the same from either side
                    evidence.append(line)
        return [
            Finding(
                float(len(fa_missing) + len(en_missing)),
                "dates differ: " + "; ".join(parts),
                tuple(unit.fa.span(i.start, i.end) for i, _ in fa_missing),
                tuple(unit.en.span(i.start, i.end) for i, _ in en_missing),
                severity="major" if contradicted else "warning",
                evidence="; ".join(evidence),
            )
        ]

    @staticmethod
    def _describe(unit: UnitView, lang: str, item: DateItem, fact: str) -> str:
        return f"{_FACT_NAMES[fact]} {shorten(unit.side(lang).text[item.start : item.end], 30)!r}"

    @staticmethod
    def _evidence(unit: UnitView, lang: str, item: DateItem, fact: str, stating: list[DateItem]) -> str:
        """weekday: fa شنبه (Saturday) | en Sunday — each side as written, Persian with its reading."""
        other = EN if lang == FA else FA

        def shown(side: str, i: DateItem) -> str:
            written = shorten(unit.side(side).text[i.start : i.end], 30)
            return f"{written} ({_readings(fact, getattr(i, fact))})" if side == FA else written

        theirs = ", ".join(dict.fromkeys(shown(other, i) for i in stating)) or "—"  # a span of years once
        pair = {lang: shown(lang, item), other: theirs}
        return f"{_FACT_NAMES[fact]}: fa {pair[FA]} | en {pair[EN]}"
