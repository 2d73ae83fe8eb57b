"""What a page offers for finding its translation: keys that a Persian page and its English page share.

Every key lives in one space for both languages, so comparing two pages is intersecting sets:

    words ......... Persian content stems; an English word stands for the Persian stems the
                    en–fa dictionary translates it to (each of k translations weighs 1/k)
    n:VALUE ....... a number, in any script and in words (check.numerals): ۱٬۵۰۰, 1,500, "1.5 thousand"
    y:YEAR ........ a Gregorian year: written as such, or a Solar Hijri year (۱۴۰۲ → 2023, 2024)
    d:MONTH-DAY ... a day of a month, across calendars (۱ فروردین → 3-20, 3-21)
    ~SKELETON ..... consonants of a name (align.lexical's skeletons): Persian words the dictionary
                    does not know, English capitalized words
    N:KEY ......... a name through the name table (Persian form → its English forms)
    @word ......... a Latin-script word on both sides (COVID, NATO)

Numbers, dates and names are the anchors: they survive translation unchanged, and they tell apart
two articles on one story that differ only in their figures and names.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..align.dictionary import Dictionary
from ..align.lexical import (
    en_content_stem,
    en_words,
    evidence_skeleton_en,
    evidence_skeleton_fa,
    fa_content_stem,
    fa_words,
)
from ..check.dates import date_items
from ..check.numerals import numerals
from ..names.table import NameTable, en_lookup_key, fa_lookup_key
from ..records import EN, FA

# Years a page may state, and the Solar Hijri years (1200–1500) a Persian page may write instead.
GREGORIAN_YEARS = range(1600, 2101)
SOLAR_YEARS = range(1200, 1501)
SOLAR_OFFSETS = (621, 622)  # a Solar Hijri year overlaps two Gregorian ones
MAX_DATE_READINGS = 3  # a date expression read too many ways says nothing


@dataclass(frozen=True, slots=True)
class Features:
    """A page's keys: content words with their weights, and anchors with what they show."""

    words: dict[str, float]
    anchors: dict[str, str]  # key -> the form shown as evidence ("1,500", "2023", "Halifax")
    letters: int  # letters of the page's text, for the length ratio
    # English pages: each capitalized word (a name, or a word starting a sentence) and its keys,
    # so that a name counts once however many of its keys the Persian page shares
    names: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # English pages: each content word the dictionary knows, with the Persian keys it translates
    # to, so that coverage counts a word once however many translations it has
    translated: tuple[tuple[str, frozenset[str]], ...] = ()


def _show_number(value: float) -> str:
    return f"{int(value)}" if float(value).is_integer() else f"{value:g}"


def _number_anchors(text: str, lang: str, anchors: dict[str, str]) -> None:
    for numeral in numerals(text, lang):
        if not numeral.strong:
            continue
        for value in numeral.values:
            shown = _show_number(value)
            anchors.setdefault("n:" + shown, shown)
            if float(value).is_integer():
                year = int(value)
                if year in GREGORIAN_YEARS:
                    anchors.setdefault(f"y:{year}", str(year))
                elif lang == FA and year in SOLAR_YEARS:
                    for offset in SOLAR_OFFSETS:
                        anchors.setdefault(f"y:{year + offset}", str(year + offset))
    for item in date_items(text, lang):
        if item.years and len(item.years) <= MAX_DATE_READINGS:
            for year in item.years:
                anchors.setdefault(f"y:{year}", str(year))
        if item.day_months and len(item.day_months) <= MAX_DATE_READINGS - 1:
            for month, day in item.day_months:
                anchors.setdefault(f"d:{month}-{day}", f"{month:02d}-{day:02d}")


def persian_features(text: str, dictionary: Dictionary, names: NameTable) -> Features:
    words: Counter[str] = Counter()
    anchors: dict[str, str] = {}
    fa_keys, phrases = dictionary.fa_keys, dictionary.fa_phrases
    previous = ""  # the content stem before, for two-word keys
    previous_word = ""  # the word before, for two-word names
    for folded in fa_words(text):
        stem = fa_content_stem(folded)
        if stem:
            if stem in fa_keys:
                words[stem] += 1
                if previous and (pair := previous + " " + stem) in phrases:
                    words[pair] += 1
            elif len(folded) >= 3 and (skeleton := evidence_skeleton_fa(folded)):
                anchors.setdefault("~" + skeleton, folded)  # a word the dictionary does not know: maybe a name
            previous = stem
        for candidate in (fa_lookup_key(previous_word + folded) if previous_word else "", fa_lookup_key(folded)):
            entry = names.entry(candidate) if candidate else None
            if entry is not None and not entry.ambiguous and not names.is_common(candidate):
                for form in entry.english:
                    anchors.setdefault("N:" + en_lookup_key(form), form)
        previous_word = folded
    for latin in en_words(text):
        if len(latin) > 1:
            anchors.setdefault("@" + latin.lower(), latin)
    _number_anchors(text, FA, anchors)
    return Features(dict(words), anchors, _letters(text))


def english_features(text: str, dictionary: Dictionary, names: NameTable) -> Features:
    words: Counter[str] = Counter()
    anchors: dict[str, str] = {}
    table = dictionary.en_to_fa
    previous = ""
    previous_name = ""  # the capitalized word before, for two-word names
    name_keys: dict[str, list[str]] = {}
    translated: dict[str, frozenset[str]] = {}
    for word in en_words(text):
        stem = en_content_stem(word)
        if stem:
            for key in (stem, previous + " " + stem if previous else ""):
                translations = table.get(key) if key else None
                if translations:
                    translated[key] = translations
                    share = 1.0 / len(translations)
                    for fa in sorted(translations):  # (a set's order changes with the hash seed)
                        words[fa] += share
            previous = stem
        if word[0].isupper() and stem:
            keys = name_keys.setdefault(word, [])
            if skeleton := evidence_skeleton_en(word):
                keys.append("~" + skeleton)
            keys.append("@" + word.lower())
            for form in (previous_name + " " + word if previous_name else "", word):
                key = en_lookup_key(form) if form else ""
                if key and names.persian_for(key):
                    keys.append("N:" + key)
            for key in keys:
                anchors.setdefault(key, word)
            previous_name = word
        else:
            previous_name = ""
    _number_anchors(text, EN, anchors)
    groups = tuple((word, tuple(dict.fromkeys(keys))) for word, keys in name_keys.items())
    return Features(dict(words), anchors, _letters(text), groups, tuple(translated.items()))


def _letters(text: str) -> int:
    return sum(map(str.isalpha, text))


def page_features(text: str, lang: str, dictionary: Dictionary, names: NameTable) -> Features:
    return (persian_features if lang == FA else english_features)(text, dictionary, names)
