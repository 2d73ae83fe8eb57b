"""The normalizer's fast scans find exactly what a plain scan of every position finds.

Spacing, punctuation and the protected spans look only where an edit is possible (runs of digits
or spaces, marks that have spaces before them or a letter after them, the places a URL's marks
are); each is held here to the straightforward version it replaced, on text made of the
characters those rules care about.
"""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from hamsu.persian.letters import _LETTER, _LETTER_OR_MARK, ARABIC_LETTER, zwnj_edits
from hamsu.persian.normalize import _PROTECTED, MARKS, _marks, _protected_spans, _unprotected, normalize
from hamsu.persian.punctuation import (
    _CLOSE_TIGHT,
    _GLUED_END,
    _OPEN,
    _PERSIAN_LETTER,
    _SENTENCE_END,
    _SPACE_AFTER,
    _SPACES,
    _glued_between_words,
    punctuation_edits,
)
from hamsu.persian.spacing import _NUMBER_ENDING, number_spacing_edits, space_run_edits
from hamsu.records import Edit

ALPHABET = "ابپتکگیهمنوردزسشای" + "0123456789۰۱۲۳۴۵۶۷۸۹٤" + "  \t\n\r\u00a0" + "،؛؟»”«“.!:?\"" + "@#/w:aZ-_\u200c"
texts = st.text(alphabet=ALPHABET, max_size=80)
# Words that the number rule knows as endings, so that generated text meets them too.
pieces = st.lists(st.sampled_from(["ها", "های", "ام", "مین", "کتاب", "۲۰", "12", " ", "  ", "www.", "://", "@x", "#"]))
mixed = st.one_of(texts, pieces.map("".join), st.tuples(texts, pieces.map("".join)).map("".join))


def reference_space_runs(text: str) -> list[Edit]:
    return [Edit(m.start(), m.end(), " ", "spaces.run") for m in re.finditer(r"(?<=\S) {2,}(?=\S)", text)]


def reference_number_spacing(text: str) -> list[Edit]:
    digit = "0-9۰-۹٠-٩"
    before = re.compile(f"(?<=[{ARABIC_LETTER}]{{2}})(?=[{digit}])")
    after = re.compile(f"(?<=[{digit}])(?!{_NUMBER_ENDING})(?=[{ARABIC_LETTER}]{{2}})")
    at = {m.start() for m in before.finditer(text)} | {m.start() for m in after.finditer(text)}
    return [Edit(i, i, " ", "spaces.number") for i in sorted(at)]


def reference_punctuation(text: str) -> list[Edit]:
    """punctuation_edits as it was written first: every mark of the text looked at."""
    edits: list[Edit] = []
    for m in re.finditer("([ \t]*)([،؛؟»”«“.!:?])", text):
        spaces, mark = m.group(1), m.group(2)
        start, at = m.start(), m.start(2)
        after = at + 1
        prev = text[start - 1] if start > 0 else ""
        following = _SPACES.match(text, after).end()
        nxt = text[following] if following < len(text) else ""
        if spaces and prev and not prev.isspace():
            if mark in _CLOSE_TIGHT or (
                mark in _SENTENCE_END and _PERSIAN_LETTER.match(prev) and (following > after or nxt in ("", "\n", "\r"))
            ):
                edits.append(Edit(start, at, "", "punct.space_before"))
        if mark in _OPEN:
            if following > after and nxt and nxt not in "\r\n":
                edits.append(Edit(after, following, "", "punct.space_inside_quotes"))
            if mark == "«" and not spaces and prev and _PERSIAN_LETTER.match(prev):
                edits.append(Edit(at, at, " ", "punct.space_after"))
        elif mark in _SPACE_AFTER and following == after and (nxt == "«" or _PERSIAN_LETTER.match(nxt or " ")):
            edits.append(Edit(after, after, " ", "punct.space_after"))
        elif mark in _GLUED_END and following == after and not spaces and _glued_between_words(text, at, nxt):
            edits.append(Edit(after, after, " ", "punct.space_after"))
    return edits


def reference_zwnj(text: str) -> list[Edit]:
    """zwnj_edits as first written: every run of ZWNJ and zero-width spaces looked at."""
    edits = []
    for m in re.finditer("[\u200c\u200b]+", text):
        start, end = m.span()
        inner = start > 0 and end < len(text) and _LETTER_OR_MARK.match(text[start - 1]) and _LETTER.match(text[end])
        after = "\u200c" if inner else ""
        if after != m.group():
            edits.append(Edit(start, end, after, "letters.zwnj" if "\u200c" in m.group() else "spaces.zwsp"))
    return edits


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ابپرد\u064e\u200c\u200b a.", max_size=40))
def test_zwnj_runs_as_a_look_at_every_run(text: str) -> None:
    assert zwnj_edits(text) == reference_zwnj(text)


@settings(max_examples=400, deadline=None)
@given(mixed)
def test_space_runs_as_a_scan_of_every_position(text: str) -> None:
    assert space_run_edits(text) == reference_space_runs(text)


@settings(max_examples=400, deadline=None)
@given(mixed)
def test_number_spacing_as_a_scan_of_every_position(text: str) -> None:
    assert number_spacing_edits(text) == reference_number_spacing(text)


@settings(max_examples=400, deadline=None)
@given(mixed)
def test_punctuation_as_a_look_at_every_mark(text: str) -> None:
    assert punctuation_edits(text) == reference_punctuation(text)


@settings(max_examples=300, deadline=None)
@given(mixed)
def test_marks_and_protected_spans_as_a_plain_scan(text: str) -> None:
    assert _marks(text) == sorted(at for mark in MARKS for at in range(len(text)) if text.startswith(mark, at))
    assert _protected_spans(text) == [m.span() for m in _PROTECTED.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(mixed, st.lists(st.tuples(st.integers(0, 90), st.integers(0, 4))))
def test_unprotected_keeps_the_edits_touching_no_span(text: str, places: list[tuple[int, int]]) -> None:
    edits = [Edit(s, min(s + n, len(text)), "", "x") for s, n in sorted(places) if s <= len(text)]
    spans = _protected_spans(text)
    expected = edits if not spans else [e for e in edits if not any(s <= e.end and e.start <= t for s, t in spans)]
    assert _unprotected(text, edits) == expected


def test_spacing_and_punctuation_rules_still_fire() -> None:
    # Whole sentences, so the scans' narrowing cannot hide a rule: a run of spaces, a number
    # glued on both sides, a comma with a space before it and a letter after it, a glued full stop.
    assert normalize("کتاب  خوب") == "کتاب خوب"
    assert normalize("عرض۶کیلومتر") == "عرض ۶ کیلومتر"
    assert normalize("۲۰ام") == "۲۰ام"
    assert normalize("سلام ،دنیا") == "سلام، دنیا"
    assert normalize("می‌روم.تو") == "می‌روم. تو"
    assert normalize("او گفت:«من") == "او گفت: «من"
    assert normalize("www.x.com  است") == "www.x.com  است"  # an edit touching a URL is left out
    assert normalize("است  و www.x.com") == "است و www.x.com"
