"""Numbers in Persian and English text: digits in any script, separators, scale and number words.

Each number found is a Numeral: the values it may stand for (more than one when the writing is
ambiguous: "1.500" is 1.5 or 1500, "10:00" may be 10 or 22 o'clock), its span, and whether it is
*strong*. A strong number is one a translation must carry. Weak ones (the article یک, "one" as a
pronoun, "first", "twice", Roman numerals, digits inside identifiers such as COVID-19) may satisfy
a number on the other side but are never reported missing themselves: that is where most false
alarms of a naive number check come from.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from operator import itemgetter
from typing import NamedTuple

from ..matching import ARABIC_LETTERS, ARABIC_MARKS, ASCII_DIGITS, ZWNJ
from ..persian.script import ARABIC_DIGITS, ARABIC_TO_PERSIAN_CHARS, ARABIC_TO_PERSIAN_LETTERS, PERSIAN_DIGITS

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Numeral:
    values: frozenset[float]
    start: int
    end: int
    strong: bool = True
    approximate: bool = False  # "two dozen": matches a value near its own (APPROXIMATE_SHARE)
    identifier: bool = False  # digits glued to letters: COVID-19, SARS-CoV-2, F-35

    @property
    def value(self) -> float:
        """The reading shown in messages (the smallest, which is the plain one for times)."""
        return min(self.values)


def value(x: float) -> float:
    """Values compare after rounding, so 2.5 * 10**6 and 2500000 are one value."""
    return round(float(x), 6)


def show(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"


# --- Number words -----------------------------------------------------------------------------

_EN_UNITS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
        " sixteen seventeen eighteen nineteen".split()
    )
} | {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
_EN_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
EN_ORDINALS = _EN_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
    "eightieth": 80, "ninetieth": 90, "hundredth": 100, "thousandth": 1000, "millionth": 10**6,
}  # fmt: skip
# Words that name a number but are too loose to demand one back ("twice as large" is often
# "دو برابر", but as often "بیشتر"), and nouns of a group that a translation renders as a number or
# as nothing ("the pair" for این دو, "both teams" for دو تیم, "twin brothers", "a dozen" for about
# twelve): they only answer for a number on the other side.
_EN_WEAK = {
    "twice": 2, "both": 2, "pair": 2, "duo": 2, "couple": 2, "twin": 2, "twins": 2, "double": 2,
    "trio": 3, "triple": 3, "thrice": 3, "quartet": 4, "foursome": 4, "foursomes": 4, "quintet": 5,
    "dozen": 12, "dozens": 12,
}  # fmt: skip
# "Dozen" counts about twelve: "two dozen" for بیست, "a dozen" for ده. A compound made with it is weak
# and matches a value within this share of its own.
_EN_APPROXIMATE = {"dozen", "dozens"}
APPROXIMATE_SHARE = 0.2
# After these words an English number refers back to a group already named ("the latter two"): the
# translation may name the group again instead.
_EN_BACK_REFERENCE = {"latter", "former"}
_ROMAN = {
    "II": 2, "III": 3, "IV": 4, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "XI": 11, "XII": 12, "XIII": 13,
    "XIV": 14, "XV": 15, "XVI": 16, "XVII": 17, "XVIII": 18, "XIX": 19, "XX": 20, "XXI": 21,
}  # fmt: skip

FA_UNITS = _FA_UNITS = {
    "صفر": 0, "یک": 1, "دو": 2, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "شیش": 6, "هفت": 7, "هشت": 8,
    "نه": 9, "ده": 10, "یازده": 11, "دوازده": 12, "سیزده": 13, "چهارده": 14, "پانزده": 15,
    "پونزده": 15, "شانزده": 16, "هفده": 17, "هیفده": 17, "هجده": 18, "هیجده": 18, "نوزده": 19,
    "بیست": 20, "سی": 30, "چهل": 40, "پنجاه": 50, "شصت": 60, "هفتاد": 70, "هشتاد": 80, "نود": 90,
    "یکصد": 100, "دویست": 200, "سیصد": 300, "چهارصد": 400, "پانصد": 500, "ششصد": 600, "هفتصد": 700,
    "هشتصد": 800, "نهصد": 900,
}  # fmt: skip
_FA_HUNDRED = "صد"
_FA_SCALES = {"هزار": 10**3, "میلیون": 10**6, "ملیون": 10**6, "میلیارد": 10**9, "ملیارد": 10**9, "بیلیون": 10**9,
              "تریلیون": 10**12}  # fmt: skip


def _fa_ordinals() -> dict[str, int]:
    table = {"اول": 1, "اولین": 1, "نخست": 1, "نخستین": 1, "یکم": 1, "سوم": 3, "سومین": 3}
    # سه + م is سهم ("share") and سی + م is سیم ("wire"): those two ordinals are spelled سوم, سی‌ام.
    skip = {"سه", "سی", "یک"}
    for word, n in (_FA_UNITS | _FA_SCALES | {_FA_HUNDRED: 100}).items():
        if word in skip:
            continue
        table[word + "م"] = table[word + "مین"] = table[word + "می"] = n
    for word, n in (("سی", 30), ("سه", 3)):
        table[word + ZWNJ + "ام"] = table[word + ZWNJ + "امین"] = n
    table["سومی"] = 3
    table["سیام"] = 30
    return table


FA_ORDINALS = _fa_ordinals()
# Persian nouns of a group (جفت "pair", دوجین "dozen"): like the English ones above, weak.
_FA_WEAK = {"جفت": 2, "زوج": 2, "دوجین": 12}
# After these determiners a Persian number refers to a group already named: این دو "the pair", آن سه
# "the trio", هر دو "both", هر سه "all three". Such a number answers for one in the English, which
# may as well say "the pair" or name them again, and is not demanded back.
_FA_BACK_REFERENCE = {"این", "آن", "هر", "همین", "همان"}
_FA_ORDINALS = FA_ORDINALS
# The article یک and the pronoun یکی are "a" and "one" far more often than the number 1; نه
# alone is "no"/"not" far more often than 9 (inside a compound, بیست و نه, it is the number).
# سی alone is as often a letter name (دی سی "DC", سی دی "CD") as thirty.
_FA_WEAK_ALONE = {"یک", "یکی", "نه", "سی", "صفر"}
_EN_WEAK_ALONE = {"one", "zero"}
# Every word _classify may read as part of a number (besides Persian words _number_prefixed reads
# and English Roman numerals): the rest of a text's words, most of them, need not be asked.
_FA_COUNTING = frozenset({*_FA_UNITS, *_FA_WEAK, "یکی", _FA_HUNDRED, *_FA_SCALES, *_FA_ORDINALS, "و"})
_EN_COUNTING = frozenset({*_EN_UNITS, "hundred", *_EN_SCALES, *_EN_ORDINALS, *_EN_APPROXIMATE, *_EN_WEAK, "and",
                          "a", "an"})  # fmt: skip
# First, second and third are as often discourse (ثانیاً ↔ "Second,"; "secondary" ↔ دوم) or names
# (WWII ↔ جنگ جهانی دوم) as counts: they answer for a number but are never reported missing.
WEAK_ORDINAL_MAX = 3
# Persian words built on a number (سه‌بعدی three-dimensional, هفتگانه seven-fold, دوبرابر twice)
# answer for the English number without being demanded back.
_FA_NUMBER_PREFIXED = ("گانه", "برابر", "بعدی", "ساله", "ماهه", "روزه", "هفته", "جانبه", "طرفه", "نفره", "قلو",
                       "رقمی", "ضلعی", "تایی", "بار")  # fmt: skip

# --- Tokens -----------------------------------------------------------------------------------

# Digits with their separators: . , are English decimal and thousands marks, ٫ ٬ the Persian ones,
# ، a Persian comma some writers use for thousands, / a Persian decimal mark (۲/۵), : for times.
_DIGITS = r"\d+(?:[.,٫٬،/:]\d+)*|(?<![\w.])\.\d+"
# Each match is the white space before a token, then the token in one of four groups (number,
# Persian word, English word, any other mark). Every non-space character starts a token, so the
# matches cover the text up to its trailing space and the spans follow from the lengths alone:
# findall gives them without a match object a token.
_PERSIAN_TOKEN_CHARS = f"{ARABIC_LETTERS}{ARABIC_MARKS}{ZWNJ}"  # what a Persian word is made of
_TOKEN = re.compile(rf"(\s*)(?:({_DIGITS})|([{_PERSIAN_TOKEN_CHARS}]+)|([A-Za-z]+)|(\S))")
_MARKS = re.compile(f"[{ARABIC_MARKS}]")
_FA_VARIANTS = str.maketrans(ARABIC_TO_PERSIAN_LETTERS)
_VARIANT = re.compile(f"[{ARABIC_TO_PERSIAN_CHARS}]")
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")


def _may_hold_url(text: str) -> bool:
    """Whether _URL may match in text: each of its forms holds one of these (substring tests are
    far cheaper than the pattern, which tries every word for an address's @)."""
    return "://" in text or "www." in text or "@" in text
# Letters glued after digits that still leave the digits a quantity: units, times, ordinals.
_EN_SUFFIXES = {
    "st": 1, "nd": 1, "rd": 1, "th": 1, "s": 1, "km": 1, "kg": 1, "m": 1, "cm": 1, "mm": 1, "ft": 1,
    "mph": 1, "am": 1, "pm": 1, "k": 10**3, "bn": 10**9, "mn": 10**6, "mi": 1, "lb": 1, "lbs": 1,
    "g": 1, "mg": 1, "ml": 1, "l": 1, "h": 1, "min": 1, "sec": 1, "x": 1,
}  # fmt: skip


class _Token(NamedTuple):  # a tuple: made for every word of every text, and cheap to make
    kind: str  # "num", "fa", "en" or "mark"
    text: str  # digits in ASCII; Persian without diacritics, with Persian ی and ک
    start: int
    end: int


def _fa_variants(text: str) -> str:
    """text with Arabic ي and ك (and the other variants) written as Persian letters. str.translate
    with a dict asks the dict for every character and pays a KeyError for each it lacks (most of
    them): a search for a variant first, which normalized text seldom holds, is far cheaper."""
    return text.translate(_FA_VARIANTS) if _VARIANT.search(text) else text


@lru_cache(maxsize=1 << 14)
def _fa_word(word: str) -> str:
    """A Persian word as _classify reads it: without marks, with Persian ی and ک."""
    return _fa_variants(_MARKS.sub("", word)).strip(ZWNJ)


@lru_cache(maxsize=1 << 14)  # asked of every Persian word of a text with numbers; the same words recur
def _fa_token_word(word: str) -> tuple[str, bool]:
    """A Persian word as _classify reads it (_fa_word), and whether it may be part of a number."""
    read = _fa_word(word)
    return read, read in _FA_COUNTING or _number_prefixed(read) is not None


@lru_cache(maxsize=1 << 14)
def _en_may_count(word: str) -> bool:
    """Whether an English word may be part of a number (a number word, a Roman numeral)."""
    return word in _ROMAN or word.lower() in _EN_COUNTING


_new_tuple = tuple.__new__  # _Token(...) calls a Python-level __new__; this is the same tuple, made in C
_OTHER_DIGITS = re.compile(f"[{PERSIAN_DIGITS}{ARABIC_DIGITS}]")


_OTHER_DIGIT_RUN = re.compile(f"[{PERSIAN_DIGITS}{ARABIC_DIGITS}]+")


def _ascii_run(run: re.Match[str]) -> str:
    return run.group().translate(ASCII_DIGITS)


def ascii_digits(text: str) -> str:
    """text with Persian and Arabic-Indic digits written in ASCII, one character for one. Most
    text holds none, and a search finds that faster than translate looks at every character; where
    it holds some, only its runs of them are translated (translate with a dict pays a KeyError for
    every other character). An ASCII text, whose flag says so without reading it, holds none."""
    if text.isascii() or not _OTHER_DIGITS.search(text):
        return text
    return _OTHER_DIGIT_RUN.sub(_ascii_run, text)


def _python_tokens(text: str) -> tuple[tuple[_Token, ...], tuple[bool, ...]]:
    """The tokens of text (its digits in ASCII), and for each whether numerals() must read it:
    digits, words that may be part of a number, a plus (glued to digits it is part of them). Any
    other token (a mark, a word that is no number word: most of a text) only ends a compound.
    _numerals.c gives the same, compiled."""
    out = []
    may_count = []
    end = 0
    for space, num, fa, en, mark in _TOKEN.findall(text):
        start = end + len(space)
        if num:
            end = start + len(num)
            out.append(_new_tuple(_Token, ("num", num, start, end)))
            may_count.append(True)
        elif fa:
            end = start + len(fa)
            word, counts = _fa_token_word(fa)
            out.append(_new_tuple(_Token, ("fa", word, start, end)))
            may_count.append(counts)
        elif en:
            end = start + len(en)
            out.append(_new_tuple(_Token, ("en", en, start, end)))
            may_count.append(_en_may_count(en))
        else:
            end = start + 1
            out.append(_new_tuple(_Token, ("mark", mark, start, end)))
            may_count.append(mark == "+")
    return tuple(out), tuple(may_count)


def _char_ranges(chars: str) -> tuple[tuple[int, int], ...]:
    """The code points of a pattern's character class written as `chars` (single characters and
    first-last ranges), as (first, last) pairs."""
    out = []
    k = 0
    while k < len(chars):
        if k + 2 < len(chars) and chars[k + 1] == "-":
            out.append((ord(chars[k]), ord(chars[k + 2])))
            k += 3
        else:
            out.append((ord(chars[k]), ord(chars[k])))
            k += 1
    return tuple(out)


try:  # built by setup.py where a C compiler is found; optional, since the Python gives the same tokens
    from . import _numerals
except ImportError:
    _numerals = None
if _numerals is not None:
    _numerals.set_tables(_Token, _char_ranges(_PERSIAN_TOKEN_CHARS), _fa_token_word, _en_may_count)
COMPILED = _numerals is not None
_tokenize = _numerals.tokens if _numerals is not None else _python_tokens


@lru_cache(maxsize=256)  # a side is read by the numbers rule and again, whole, by the dates rule
def _tokens(text: str) -> tuple[tuple[_Token, ...], tuple[bool, ...]]:
    """The tokens of text, and for each whether numerals() must read it (_python_tokens)."""
    return _tokenize(ascii_digits(text))


@lru_cache(maxsize=1 << 12)  # asked of every run of digits; years and small figures recur
def _digit_values(token: str) -> tuple[tuple[frozenset[float], int, int], ...]:
    """The number(s) one digit token writes, with their spans inside the token.

    One token may hold several numbers ("1,5" as a list, "10/20" as a ratio); each reading that the
    writing leaves open is kept as an alternative value. What fits no reading (1.2/3,4:5) is read
    as its runs of digits.
    """
    try:
        readings = _readings(token)
    except ValueError:
        readings = None
    if readings is None:
        return tuple((frozenset({value(int(m.group()))}), m.start(), m.end()) for m in re.finditer(r"\d+", token))
    return ((frozenset(map(value, readings)), 0, len(token)),)


def _readings(token: str) -> set[float] | None:
    """The values of a token that writes one number, or None when it writes a list."""
    if re.search("[:/]", token) and re.search("[.,،٫٬]", token):
        return None
    s = token.replace("٬", "").replace("٫", ".")  # the Persian marks mean one thing each
    if ":" in s:
        parts = s.split(":")
        if len(parts) != 2 or int(parts[0]) > 24 or len(parts[1]) != 2 or int(parts[1]) >= 60:
            return None
        h, minutes = int(parts[0]), int(parts[1])
        readings = {h + minutes / 60}
        if h < 12:
            readings.add(h + 12 + minutes / 60)  # 10:30 written for 22:30, or the reverse
        return readings
    if "/" in s:
        parts = s.split("/")
        if len(parts) != 2:
            return None
        a, b = parts
        readings = {float(f"{a}.{b}")}  # ۲/۵ is how Persian writes 2.5
        if int(b):
            readings.add(int(a) / int(b))
        return readings
    seps = {ch for ch in s if ch in ".,،"}
    if not seps:
        return {int(s)}
    groups = re.split("[.,،]", s)
    grouped = all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3
    if seps <= {",", "،"}:
        return {int("".join(groups))} if grouped else None
    if seps == {"."}:
        if len(groups) == 2:
            readings = {float(s)}
            if grouped:  # 1.500: 1.5, or 1500 in the European style
                readings.add(int("".join(groups)))
            return readings
        return {int("".join(groups))} if grouped else None
    # Both marks: whichever comes last is the decimal mark (1,234.5 or 1.234,5).
    last = max(s.rfind("."), s.rfind(","))
    whole = re.sub("[.,،]", "", s[:last])
    return {float(f"{whole}.{s[last + 1:]}")}


# --- Compounds --------------------------------------------------------------------------------


@dataclass(slots=True)
class _Part:
    kind: str  # "digits", "unit", "hundred", "scale", "dozen", "ordinal", "and", "a", "prefixed" (سه‌بعدی)
    values: frozenset[float]
    token: _Token
    weak_alone: bool = False


def _classify(tok: _Token, prev: _Token | None, nxt: _Token | None, lang: str) -> _Part | None:
    if tok.kind == "fa":
        w = tok.text
        if w in _FA_UNITS and prev is not None and prev.text in _FA_BACK_REFERENCE and _FA_UNITS[w] < 10:
            return _Part("unit", frozenset({_FA_UNITS[w]}), tok, True)  # این دو, هر سه: a group named before
        if w in _FA_WEAK:
            return _Part("unit", frozenset({_FA_WEAK[w]}), tok, True)
        if w in _FA_UNITS and nxt is not None and nxt.text == "برابر":  # دو برابر: "double", "twice"
            return _Part("prefixed", frozenset({_FA_UNITS[w]}), tok, True)
        if w in _FA_UNITS:
            return _Part("unit", frozenset({_FA_UNITS[w]}), tok, w in _FA_WEAK_ALONE)
        if w == "یکی":
            return _Part("unit", frozenset({1}), tok, True)
        if w == _FA_HUNDRED:
            return _Part("hundred", frozenset({100}), tok)
        if w in _FA_SCALES:
            # After a vague plural (ده‌ها هزار "tens of thousands") the scale is no count.
            vague = prev is not None and prev.kind == "fa" and (prev.text.endswith("ها") or prev.text == "هزاران")
            return _Part("scale", frozenset({_FA_SCALES[w]}), tok, vague)
        if w in _FA_ORDINALS:
            n = _FA_ORDINALS[w]
            fraction = prev is not None and prev.kind == "fa" and _FA_UNITS.get(prev.text, 99) < 10  # دو سوم
            return _Part("ordinal", frozenset({n}), tok, n <= WEAK_ORDINAL_MAX or fraction)
        prefixed = _number_prefixed(w)
        if prefixed is not None:
            return _Part("prefixed", frozenset({prefixed}), tok, True)
        if w == "و":
            return _Part("and", frozenset(), tok)
        return None
    if tok.kind == "en":
        w = tok.text.lower()
        if tok.text in _ROMAN and prev is not None and prev.kind == "en" and prev.text[:1].isupper():
            return _Part("unit", frozenset({_ROMAN[tok.text]}), tok, True)  # World War II, Louis XIV
        if w in _EN_UNITS:
            back = prev is not None and prev.text.lower() in _EN_BACK_REFERENCE and _EN_UNITS[w] <= 3  # the latter two
            return _Part("unit", frozenset({_EN_UNITS[w]}), tok, w in _EN_WEAK_ALONE or back)
        if w == "hundred":
            return _Part("hundred", frozenset({100}), tok)
        if w in _EN_SCALES:
            return _Part("scale", frozenset({_EN_SCALES[w]}), tok)
        if w in _EN_ORDINALS:
            n = _EN_ORDINALS[w]
            fraction = prev is not None and _EN_UNITS.get(prev.text.lower(), 99) < 10  # one third
            return _Part("ordinal", frozenset({n}), tok, n <= WEAK_ORDINAL_MAX or fraction)
        if w in _EN_APPROXIMATE:
            return _Part("dozen", frozenset({12}), tok, True)
        if w in _EN_WEAK:
            return _Part("unit", frozenset({_EN_WEAK[w]}), tok, True)
        if w == "and":
            return _Part("and", frozenset(), tok)
        if w in ("a", "an") and nxt is not None and nxt.text.lower() in ("hundred", "thousand", "million", "billion",
                                                                          "dozen"):
            return _Part("a", frozenset({1}), tok)
        return None
    return None


@lru_cache(maxsize=1 << 14)  # asked of every Persian word; the same words recur
def _number_prefixed(word: str) -> int | None:
    if ZWNJ in word:
        head, tail = word.split(ZWNJ, 1)
        if tail.startswith("ها"):  # ده‌ها, صدها: "tens", "hundreds" are no count
            return None
        return _FA_UNITS.get(head)
    if not word.endswith(_FA_NUMBER_PREFIXED):  # (most words: one test for every suffix)
        return None
    for suffix in _FA_NUMBER_PREFIXED:
        if word.endswith(suffix) and word[: -len(suffix)] in _FA_UNITS:
            return _FA_UNITS[word[: -len(suffix)]]
    return None


def _trailing_zeros(n: float) -> int:
    n = int(n)
    if n <= 0 or n != n:
        return 0
    count = 0
    while n % 10 == 0:
        n //= 10
        count += 1
    return count


def _combine(parts: list[_Part]) -> frozenset[float]:
    """The value of a compound: Persian "دو میلیون و پانصد هزار", English "two hundred and five",
    "2.5 million". Every alternative reading of the digits is carried through."""
    return _combined(tuple([(part.kind, part.values) for part in parts]))


@lru_cache(maxsize=1 << 12)  # asked of every compound; most are one figure or word, and those recur
def _combined(parts: tuple[tuple[str, frozenset[float]], ...]) -> frozenset[float]:
    """_combine of the parts' kinds and values."""
    readings: set[tuple[float, float]] = {(0.0, 0.0)}  # (total, current)
    for kind, values in parts:
        if kind == "and":
            continue
        new = set()
        for total, current in readings:
            for v in values:
                if kind in ("digits", "unit", "a", "prefixed"):
                    new.add((total, current + v))
                elif kind == "hundred":
                    new.add((total, (current or 1) * 100))
                elif kind == "dozen":
                    new.add((total, (current or 1) * 12))
                elif kind == "scale":
                    new.add((total + (current or 1) * v, 0.0))
                elif kind == "ordinal":
                    if v >= 100 and current:  # "two hundredth", "صدم" after a number
                        new.add((total, current * v))
                    else:
                        new.add((total, current + v))
        readings = new
    return frozenset(value(t + c) for t, c in readings)


def _compounds(parts: list[_Part | None]) -> Iterable[list[_Part]]:
    """Group consecutive number parts into compounds, splitting lists ("دو و سه", "two and three")."""
    i = 0
    n = len(parts)
    while i < n:
        part = parts[i]
        if part is None or part.kind == "and":
            i += 1
            continue
        if part.kind == "prefixed":  # one word (سه‌بعدی): never part of a compound
            yield [part]
            i += 1
            continue
        group = [part]
        last = max(part.values)
        j = i + 1
        while j < n and group[-1].kind != "ordinal":
            nxt = parts[j]
            if nxt is None:
                break
            if nxt.kind == "and":
                # "and"/و joins only a smaller part to a round one: بیست و پنج, two hundred and five,
                # دو میلیون و پانصد هزار; "دو و سه" is a list of two numbers.
                after = parts[j + 1] if j + 1 < n else None
                if after is None or after.kind not in ("unit", "digits", "ordinal") or not after.values:
                    break
                if max(after.values) >= 10 ** _trailing_zeros(last) or group[-1].kind in ("a", "digits"):
                    break
                if after.kind == "digits" and group[-1].kind != "scale":  # ۱۲ و ۳ is a list; ۲ میلیون و ۵۰۰ هزار is not
                    break
                group += [nxt, after]
                last = max(after.values)
                j += 2
                continue
            if nxt.kind == "dozen":  # "two dozen", "a dozen": the end of the compound
                if group[-1].kind not in ("unit", "digits", "a"):
                    break
                group.append(nxt)
                j += 1
                break
            if nxt.kind in ("hundred", "scale"):
                if nxt.kind == "hundred" and group[-1].kind == "hundred":
                    break
                group.append(nxt)
                last = max(nxt.values) * (max(group[-2].values) if group[-2].kind != "scale" else 1)
                j += 1
                continue
            if nxt.kind in ("unit", "ordinal") and group[-1].kind in ("unit", "hundred", "scale"):
                # English "twenty-one", "one hundred five"; Persian "یکصد بیست" is rare but harmless.
                prev_v = max(group[-1].values)
                v = max(nxt.values)
                if group[-1].kind == "unit" and not (prev_v >= 20 and prev_v % 10 == 0 and v < 10):
                    break
                if group[-1].kind != "unit" and v >= 10 ** _trailing_zeros(last):
                    break
                group.append(nxt)
                last = v
                j += 1
                continue
            break
        if group[0].kind == "a" and len(group) == 1:
            i = j
            continue
        yield group
        i = j


# Every word that can be (part of) a number, as _classify reads words: most sentences hold none and
# no digit, and those are answered without tokenizing them. Words that only answer for a number
# (both, pair, twice, جفت) are kept apart: a side holding only those has nothing to say unless the
# other side holds a number (number_content).
_ANSWER_WORDS = frozenset(_EN_WEAK) | frozenset(_FA_WEAK)
_NUMBER_WORDS = (
    set(_FA_UNITS) | set(_FA_SCALES) | set(_FA_ORDINALS) | {_FA_HUNDRED, "یکی"}
    | {unit + suffix for unit in _FA_UNITS for suffix in _FA_NUMBER_PREFIXED}
    | set(_EN_UNITS) | set(_EN_SCALES) | set(_EN_ORDINALS) | {"hundred"} | set(_ROMAN)
) - _ANSWER_WORDS  # fmt: skip
_CONTENT_WORDS = _NUMBER_WORDS | _ANSWER_WORDS  # (the two share no word)
_ANY_DIGIT = re.compile(r"\d")
_HYPHENS = "-\u2010\u2011\u2012\u2013"  # hyphen-minus, hyphen, non-breaking hyphen, figure dash, en dash
_NO_GAP = " " + ZWNJ + _HYPHENS  # what may stand between the words of one compound
_IDENTIFIER_BEFORE = re.compile(r"[A-Za-z\d]\s?/\s?$")
_CURRENCY_BEFORE = re.compile(r"(?:[$£€¥]|US\$)\s?$")
_WORD = re.compile(f"[{ARABIC_LETTERS}]+|[A-Za-z]+")


NO_NUMBERS, ANSWERS_ONLY, NUMBERS = 0, 1, 2


def _python_number_content(text: str) -> int:
    """NO_NUMBERS when no word of text is a number word and no character a digit; ANSWERS_ONLY when
    its only number words are those that answer for a number (both, pair); NUMBERS otherwise. Words
    are read as tokens are (marks removed, letter variants folded); a half-space splits a word, so
    the head of سه‌بعدی is seen as سه. _numerals.c gives the same (number_content), looking
    each word up once (_word_content)."""
    if _ANY_DIGIT.search(text):
        return NUMBERS
    if not text.isascii():  # (a flag of the string: no scan)
        text = _MARKS.sub("", text)
        if _VARIANT.search(text):  # normalized text has none: translate is slow, search is not
            text = text.translate(_FA_VARIANTS)
    words = _WORD.findall(text)
    hits = _CONTENT_WORDS.intersection(words)
    # Persian words have no case: only the Latin ones are looked up in lower case too.
    hits.update(_CONTENT_WORDS.intersection(map(str.lower, filter(str.isascii, words))))
    if not hits:
        return NO_NUMBERS
    return ANSWERS_ONLY if _NUMBER_WORDS.isdisjoint(hits) else NUMBERS


def _word_content(word: str) -> int:
    """number_content of one word, as number_content reads it (its marks dropped): the compiled
    number_content asks it of each word the first time the word is met."""
    if not word.isascii():  # (no variant letter is ASCII; Persian words have no case)
        read = _fa_variants(word)
        return NUMBERS if read in _NUMBER_WORDS else ANSWERS_ONLY if read in _ANSWER_WORDS else NO_NUMBERS
    lower = word.lower()
    if word in _NUMBER_WORDS or lower in _NUMBER_WORDS:
        return NUMBERS
    return ANSWERS_ONLY if word in _ANSWER_WORDS or lower in _ANSWER_WORDS else NO_NUMBERS


if _numerals is not None:
    _numerals.set_content_tables(_char_ranges(ARABIC_MARKS), _char_ranges(ARABIC_LETTERS), _word_content)
number_content = _python_number_content if _numerals is None else _numerals.content


def numerals(text: str, lang: str, exclude: Iterable[Span] = (), content: int | None = None) -> list[Numeral]:
    """Every number in text ("fa" or "en"), skipping the spans in `exclude` (dates) and URLs.
    `content`: number_content(text), when the caller has it."""
    if (number_content(text) if content is None else content) == NO_NUMBERS:
        return []
    urls = {m.span() for m in _URL.finditer(text)} if _may_hold_url(text) else set()
    excluded = sorted(set(exclude) | urls)
    steps, tail = _steps(text, excluded)
    # None ends a compound (_compounds), and two Nones in a row end it as one does: a None is
    # appended only after a part. Only the tokens that may count are read (_tokens); any run of
    # other tokens between them (a mark, a word that is no number word: most of a text) is one
    # None, with no gap read before the token after it.
    parts: list[_Part | None] = [None]
    for adjacent, tok, prev, nxt in steps:
        if not adjacent and parts[-1] is not None:
            parts.append(None)  # what _classify says of the tokens passed over
        kind = tok.kind
        if kind == "mark":
            # "$300+ billion": a plus glued to digits leaves the compound whole; any other mark ends it.
            if not (tok.text == "+" and prev is not None and prev.kind == "num" and prev.end == tok.start):
                if parts[-1] is not None:
                    parts.append(None)  # what _classify says of a mark
            continue  # (a glued plus: no gap before it)
        # A gap in the text (an excluded span, a line) between tokens ends any compound.
        if parts[-1] is not None and prev is not None:
            gap = text[prev.end : tok.start]
            if gap and gap != " " and gap.strip(_NO_GAP):  # (a single space, the usual gap, is none)
                parts.append(None)
        if kind == "num":
            parts += _digit_parts(text, tok, prev, nxt, lang)
        else:
            parts.append(_classify(tok, prev, nxt, lang))
    if tail and parts[-1] is not None:
        parts.append(None)  # the tokens after the last one read
    found = []
    for group in _compounds(parts):
        first, last = group[0].token, group[-1].token
        counted = [p for p in group if p.kind not in ("and", "a")]
        # A Persian scale word with no number before it is as often a figure of speech (هزار و یک
        # شب, هزار بار) as a count; an English one (a million, "million" for "one") is a count.
        bare_scale = len(counted) == 1 and counted[0].kind == "scale" and lang == "fa"
        approximate = group[-1].kind == "dozen"
        weak = (len(counted) == 1 and counted[0].weak_alone) or bare_scale or approximate
        identifier = any(p.kind == "digits" and p.weak_alone for p in counted)
        strong = not weak and not identifier
        found.append(Numeral(_combine(group), first.start, last.end, strong, approximate, identifier))
    return found


def _outside(tokens: tuple[_Token, ...], spans: list[Span]) -> list[bool]:
    """For each token, whether it overlaps none of the spans (s < token end and token start < e).
    Tokens follow one another without overlapping, so their starts and their ends both rise: the
    tokens a span overlaps are one run of them, found by bisection instead of asking each token
    about each span."""
    starts = list(map(_token_start, tokens))
    ends = list(map(_token_end, tokens))
    kept = [True] * len(tokens)
    for s, e in spans:
        first, stop = bisect_right(ends, s), bisect_left(starts, e)
        if first < stop:
            kept[first:stop] = [False] * (stop - first)
    return kept


_token_text, _token_start, _token_end = itemgetter(1), itemgetter(2), itemgetter(3)


Step = tuple[bool, _Token, "_Token | None", "_Token | None"]


def _python_steps(text: str, excluded: list[Span]) -> tuple[list[Step], bool]:
    """What numerals() reads of text: its tokens (_tokens) less those overlapping a span of
    `excluded` (sorted) and the hyphens glued between two English words, and of those left, each
    that may count as (adjacent, token, previous, next): adjacent when the token before it may
    count too, previous and next its neighbours left (None at either end). And whether tokens
    follow the last one that may count. _numerals.c gives the same, making only these tokens."""
    tokens, may_count = _tokens(text)
    if excluded:
        kept = _outside(tokens, excluded)
        tokens, may_count = list(compress(tokens, kept)), list(compress(may_count, kept))
    # A hyphen between two English words is part of a compound (twenty-one, written with any of the
    # hyphens and dashes); elsewhere (10-15) it separates two numbers. (Most text has no hyphen.)
    if any(hyphen in text for hyphen in _HYPHENS):
        # Only a token whose text is in _HYPHENS may go (a hyphen; an empty Persian word, all marks,
        # is in it too): those are found without a loop in Python over every token.
        inside = len(tokens) - 1
        glued = [
            k
            for k in compress(range(len(tokens)), map(_HYPHENS.__contains__, map(_token_text, tokens)))
            if 0 < k < inside
            and tokens[k - 1].kind == tokens[k + 1].kind == "en"
            and tokens[k - 1].end == tokens[k].start
            and tokens[k].end == tokens[k + 1].start
        ]
        if glued:
            kept = [True] * len(tokens)
            for k in glued:
                kept[k] = False
            tokens, may_count = list(compress(tokens, kept)), list(compress(may_count, kept))
    steps = []
    last = len(tokens) - 1
    before = -1  # the index of the token read last
    for k in compress(range(len(tokens)), may_count):
        steps.append((k == before + 1, tokens[k], tokens[k - 1] if k else None, tokens[k + 1] if k < last else None))
        before = k
    return steps, before != last


def _compiled_steps(text: str, excluded: list[Span]) -> tuple[list[Step], bool]:
    return _numerals.steps(ascii_digits(text), excluded)


_steps = _python_steps if _numerals is None else _compiled_steps


def _digit_parts(text: str, tok: _Token, prev: _Token | None, nxt: _Token | None, lang: str) -> list[_Part | None]:
    before = text[tok.start - 1] if tok.start else ""
    before2 = text[tok.start - 2] if tok.start > 1 else ""
    after = text[tok.end] if tok.end < len(text) else ""
    # Digits glued to letters (COVID-19, H1N1, mp3, G7, کووید-۱۹) name things; they do not count,
    # nor do the parts of a slash-separated name (Hipposideros/GhanaKwam/19/2008, copied with spaces).
    glued_before = before.isalpha() or (before == "-" and before2.isalpha()) or (
        "/" in (before, before2) and _IDENTIFIER_BEFORE.search(text, max(0, tok.start - 4), tok.start) is not None
    )
    weak = glued_before
    scale = 1
    ordinal = False
    if after.isalpha() and nxt is not None and nxt.start == tok.end:
        suffix = nxt.text.lower()
        if nxt.kind == "en" and suffix == "m" and _CURRENCY_BEFORE.search(text, max(0, tok.start - 4), tok.start):
            scale = 10**6  # $5m, £3m: millions
        elif nxt.kind == "en" and suffix in _EN_SUFFIXES:
            scale = _EN_SUFFIXES[suffix]
        elif nxt.kind == "fa" and suffix in ("م", "ام", "مین", "امین"):
            ordinal = True
        elif nxt.kind == "en":
            weak = True  # 4G, 3D, A4 paper
    out: list[_Part | None] = []
    pieces = _digit_values(tok.text)
    whole = len(tok.text)
    for k, (values, s, e) in enumerate(pieces):
        if k:
            out.append(None)  # a list inside one token is several numbers
        sub = tok if s == 0 and e == whole else _new_tuple(_Token, ("num", tok.text[s:e], tok.start + s, tok.start + e))
        out.append(_Part("ordinal" if ordinal else "digits", _scaled(values, scale), sub, weak))
    return out


@lru_cache(maxsize=1 << 12)  # asked of every figure; years and small figures recur
def _scaled(values: frozenset[float], scale: int) -> frozenset[float]:
    """The values of digits followed by a scale (5k, $3m): each value times the scale, and the
    values as written too."""
    return frozenset(value(v * scale) for v in values) | (values if scale != 1 else frozenset())
