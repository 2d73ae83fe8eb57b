"""The Solar Hijri (Jalali) calendar, Iran's civil calendar, to and from the Gregorian calendar.

The year starts at the March equinox (1 Farvardin ≈ 21 March); months 1–6 have 31 days, 7–11
have 30, and Esfand has 29 or 30. Leap years follow the astronomical equinox; the break-year
table below is Borkowski's arithmetic fit to it (the one jalaali-js and jdatetime use), exact for
years -61 to 3177 SH, which covers any year a news text will name.
"""
from __future__ import annotations

from datetime import date

# Years where the 33-year leap cycle restarts, from Borkowski (1996), "The Persian calendar for
# 3000 years", Earth, Moon and Planets 74.
_BREAKS = (-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178)


def _div(a: int, b: int) -> int:
    """Integer division truncating toward zero, as the published algorithm is written."""
    return int(a / b)


def _mod(a: int, b: int) -> int:
    return a - _div(a, b) * b


def _year_info(jy: int) -> tuple[int, int, int]:
    """(leap, gregorian year of 1 Farvardin, its day in March); leap is 0 in a leap year."""
    if not _BREAKS[0] <= jy < _BREAKS[-1]:
        raise ValueError(f"Solar Hijri year {jy} is outside {_BREAKS[0]}..{_BREAKS[-1] - 1}")
    gy = jy + 621
    leap_j = -14
    jp = _BREAKS[0]
    jump = 0
    for jm in _BREAKS[1:]:
        jump = jm - jp
        if jy < jm:
            break
        leap_j += _div(jump, 33) * 8 + _div(_mod(jump, 33), 4)
        jp = jm
    n = jy - jp
    leap_j += _div(n, 33) * 8 + _div(_mod(n, 33) + 3, 4)
    if _mod(jump, 33) == 4 and jump - n == 4:
        leap_j += 1
    leap_g = _div(gy, 4) - _div((_div(gy, 100) + 1) * 3, 4) - 150
    march = 20 + leap_j - leap_g
    if jump - n < 6:
        n = n - jump + _div(jump + 4, 33) * 33
    leap = _mod(_mod(n + 1, 33) - 1, 4)
    if leap == -1:
        leap = 4
    return leap, gy, march


def is_leap(jy: int) -> bool:
    return _year_info(jy)[0] == 0


def month_length(jy: int, jm: int) -> int:
    if jm <= 6:
        return 31
    if jm <= 11:
        return 30
    return 30 if is_leap(jy) else 29


def to_gregorian(jy: int, jm: int, jd: int) -> date:
    """The Gregorian date of a Solar Hijri date: to_gregorian(1403, 5, 12) == date(2024, 8, 2)."""
    if not 1 <= jm <= 12 or not 1 <= jd <= month_length(jy, jm):
        raise ValueError(f"no such Solar Hijri date {jy}/{jm}/{jd}")
    _, gy, march = _year_info(jy)
    days = (jm - 1) * 31 - _div(jm, 7) * (jm - 7) + jd - 1
    return date.fromordinal(date(gy, 3, march).toordinal() + days)


def from_gregorian(day: date) -> tuple[int, int, int]:
    """The Solar Hijri (year, month, day) of a Gregorian date."""
    jy = day.year - 621
    leap, gy, march = _year_info(jy)
    k = day.toordinal() - date(gy, 3, march).toordinal()
    if k >= 0:
        if k <= 185:
            return jy, 1 + k // 31, k % 31 + 1
        k -= 186
    else:
        jy -= 1
        k += 179
        if leap == 1:
            k += 1
    return jy, 7 + k // 30, k % 30 + 1


def gregorian_years(jy: int, jm: int | None = None) -> frozenset[int]:
    """The Gregorian years a Solar Hijri year (or one of its months) overlaps."""
    if jm is None:
        return frozenset({jy + 621, jy + 622})
    first = to_gregorian(jy, jm, 1)
    last = to_gregorian(jy, jm, month_length(jy, jm))
    return frozenset({first.year, last.year})


def gregorian_months(jm: int) -> frozenset[int]:
    """The Gregorian months a Solar Hijri month overlaps, in any year (Farvardin: March, April)."""
    months = set()
    for jy in (1402, 1403):  # a common and a leap year: the month edges move by a day between them
        months |= {to_gregorian(jy, jm, 1).month, to_gregorian(jy, jm, month_length(jy, jm)).month}
    return frozenset(months)


def gregorian_day_months(jm: int, jd: int) -> frozenset[tuple[int, int]]:
    """The Gregorian (month, day) a Solar Hijri day-and-month may fall on, the year unknown."""
    found = set()
    for jy in (1399, 1400, 1401, 1402, 1403):  # every position in the leap cycle
        if jd <= month_length(jy, jm):
            g = to_gregorian(jy, jm, jd)
            found.add((g.month, g.day))
    return frozenset(found)
