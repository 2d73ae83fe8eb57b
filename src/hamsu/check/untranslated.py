"""Untranslated text: a side left in the other language's script, or a copy of the source.

Checked sentence by sentence, because the usual case is one Persian paragraph left inside the
English half of an article (the pipeline keeps it on the English side so that it is flagged here,
never silently moved). A few words of the other script (a quoted slogan, "(IRGC)" in Persian) stay
well under the threshold.
"""
from __future__ import annotations

import re

from ..persian.script import ARABIC_LETTERS, PRESENTATION_FORMS, code_points
from ..read.language import LATIN_LETTERS, LATIN_RANGES, letter_class, letter_runs
from ..records import EN, FA
from .base import Finding, Rule, UnitView, quoted
from .omission import _NOT_ALNUM

MIN_LETTERS = 3  # a sentence of digits and an initial says nothing about its language

# Runs of letters, each pattern beginning with its class (see read.language.letter_runs), and one
# letter of a class, for a test of whether a text has any.
_LATIN_WORD = re.compile("[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f]*")
# The letters matching.script_counts counts as Latin and as Arabic script (read.language.letter_runs).
_LATIN_RUNS, _LATIN_LETTER = LATIN_LETTERS, re.compile(letter_class(*LATIN_RANGES))
_ARABIC_RUNS = letter_runs(*code_points(ARABIC_LETTERS + PRESENTATION_FORMS))
_ARABIC_SCRIPT_LETTER = re.compile(letter_class(*code_points(ARABIC_LETTERS + PRESENTATION_FORMS)))


def has_arabic_letter(text: str) -> bool:
    """Whether text holds an Arabic-script letter. Every one lies beyond ASCII, and whether a str is
    ASCII is a flag it carries: most English text is answered without reading it (the pattern's
    class, the script's letters, is long to test a character against)."""
    return not text.isascii() and _ARABIC_SCRIPT_LETTER.search(text) is not None


def _has_foreign_letter(text: str, lang: str) -> bool:
    """Whether text holds a letter of the other side's script: a text with none has a foreign share
    of 0, found without counting."""
    return has_arabic_letter(text) if lang == EN else _LATIN_LETTER.search(text) is not None


def script_counts(text: str) -> tuple[int, int]:
    """(Latin letters, Arabic-script letters), as matching.script_counts counts them."""
    return sum(map(len, _LATIN_RUNS.findall(text))), sum(map(len, _ARABIC_RUNS.findall(text)))


def foreign_letters(text: str, lang: str, carried: frozenset[str] = frozenset()) -> tuple[int, int]:
    """(letters in the other side's script, letters in either script): Arabic script on the English
    side, Latin on the Persian side. Latin words in `carried` (those the English side also has:
    names and terms a Persian writer keeps in Latin letters, "HCoV-229E", "Ryan M") are left out."""
    if carried:
        text = _LATIN_WORD.sub(lambda m: "" if m.group().casefold() in carried else m.group(), text)
    latin, arabic = script_counts(text)
    return (arabic if lang == EN else latin), latin + arabic


def foreign_share(text: str, lang: str, carried: frozenset[str] = frozenset()) -> float:
    """The share of letters in the other side's script (foreign_letters), 0 under MIN_LETTERS."""
    if not _has_foreign_letter(text, lang):
        return 0.0  # no foreign letter: 0 of any total
    foreign, total = foreign_letters(text, lang, carried)
    return foreign / total if total >= MIN_LETTERS else 0.0


def _copy_key(text: str) -> str:
    return _NOT_ALNUM.sub("", text.casefold())


class UntranslatedRule(Rule):
    """A sentence in the wrong script for its side, or a side identical to the other."""

    name = "untranslated"
    severity = "major"
    its_type = "untranslated"
    description = "untranslated: English side in Persian script (or the reverse), or a copy of the source"

    def findings(self, unit: UnitView) -> list[Finding]:
        alignment = unit.context.alignment
        out = []
        for lang, ids, sentences in ((EN, unit.unit.en, alignment.en), (FA, unit.unit.fa, alignment.fa)):
            carried: frozenset[str] = frozenset()
            # The English words are read only where a Persian sentence has Latin letters to leave out.
            if lang == FA and any(_LATIN_LETTER.search(sentences[i].text) for i in ids):
                carried = frozenset(map(str.casefold, _LATIN_WORD.findall(unit.en.text)))
            shares = [(foreign_share(sentences[i].text, lang, carried), sentences[i]) for i in ids]
            bad = [(share, s) for share, s in shares if share > 0]
            if not bad:
                continue
            worst = max(share for share, _ in bad)
            spans = tuple((s.start, s.end) for share, s in bad if share == worst or share > 0.5)
            where = "English side is in Persian script" if lang == EN else "Persian side is in Latin script"
            sentence = next(s for share, s in bad if share == worst)
            foreign, total = foreign_letters(sentence.text, lang, carried)
            script = "Persian" if lang == EN else "Latin"
            evidence = f"{lang} {quoted(sentence.text)}: {foreign} of {total} letters in {script} script"
            out.append(Finding(worst, f"{where} ({worst:.0%} of its letters)",
                               fa_spans=spans if lang == FA else (), en_spans=spans if lang == EN else (),
                               evidence=evidence))
        # A copy has the same letters on both sides: an Arabic-script letter (which case folding
        # leaves as it is) on the Persian side and none on the English side say it is no copy.
        fa_text, en_text = unit.fa.text, unit.en.text
        if has_arabic_letter(fa_text) and not has_arabic_letter(en_text):
            return out
        fa_key, en_key = _copy_key(fa_text), _copy_key(en_text)
        if fa_key == en_key and sum(ch.isalpha() for ch in fa_key) >= MIN_LETTERS:
            alike = f"fa and en alike (case, spaces and punctuation aside): {quoted(unit.en.text)}"
            out.append(Finding(1.0, "English is a copy of the Persian", (unit.fa.whole,), (unit.en.whole,),
                               evidence=alike))
        return out
