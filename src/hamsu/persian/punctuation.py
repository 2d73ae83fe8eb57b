"""Spacing around Persian punctuation: ، ؛ ؟ « » and quotes.

No space before a comma, semicolon, question mark or closing quote; one space after a Persian
comma, semicolon or question mark and outside guillemets when a Persian letter follows; none just
inside quotes. A full stop, exclamation mark, colon or Latin question mark glued between a Persian
word and the next Persian word or « lost its space (سلام!چطوری، گفت:«من، می‌روم.تو); after a single
letter it belongs to an abbreviation (ه.ق، ج.ا.ا) and stays. Rules only fire beside Persian letters
or Persian punctuation, so decimals (۳٫۵، 4.2, ۲.۵), thousands separators, times (3:30), URLs,
e-mail addresses and Latin text (U.S.) are left alone.
"""
from __future__ import annotations

import re

from ..records import Edit
from .letters import ARABIC_LETTER

_QUOTED = re.compile('"([^"\n]*)"')
# A mark with spaces before it, an opening quote, or a mark glued to a Persian letter or « after
# it: the only marks any rule below can edit. The others (a comma or full stop written as it
# should be, nearly all of them) are not even looked at. The match ends with the mark.
_MARK = re.compile(f"[ \t]+[،؛؟»”«“.!:?]|[«“]|[،؛؟».!:?](?=[«{ARABIC_LETTER}])")
_SPACES = re.compile("[ \t]*")
_PERSIAN_LETTER = re.compile(f"[{ARABIC_LETTER}]")
_CLOSE_TIGHT = frozenset("،؛؟»”")  # no space before these
_OPEN = frozenset("«“")  # no space after these
_SPACE_AFTER = frozenset("،؛؟»")  # one space after these before a Persian letter
_SENTENCE_END = frozenset(".!:")
_GLUED_END = frozenset(".!:?")  # a space after these between two Persian words


def punctuation_edits(text: str) -> list[Edit]:
    """All spacing edits around punctuation, found in one scan over the punctuation marks."""
    edits: list[Edit] = []
    for m in _MARK.finditer(text):
        start, after = m.span()
        at = after - 1
        mark, spaces = text[at], at > start
        prev = text[start - 1] if start > 0 else ""
        following = _SPACES.match(text, after).end()
        nxt = text[following] if following < len(text) else ""
        if spaces and prev and not prev.isspace():
            # . ! : close a Persian clause only after a Persian letter and before a space or the
            # line end: ab . cd, 4 . 2 and http://x . y are left alone.
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


def _glued_between_words(text: str, at: int, nxt: str) -> bool:
    """A mark at `at` between a Persian word of two letters or more and a Persian letter or «."""
    if not (nxt == "«" or _PERSIAN_LETTER.match(nxt or " ")):
        return False
    return at >= 2 and all(_PERSIAN_LETTER.match(ch) for ch in text[at - 2 : at])


def ascii_quote_edits(text: str) -> list[Edit]:
    """No spaces just inside a pair of straight double quotes around Persian text."""
    if '"' not in text:
        return []
    edits = []
    pos = 0
    for line in text.split("\n"):
        if line.count('"') % 2 == 0:  # with an odd count the pairs are guesswork: leave the line
            for m in _QUOTED.finditer(line):
                inner = m.group(1)
                if not re.search(f"[{ARABIC_LETTER}]", inner) or not inner.strip():
                    continue
                lead = len(inner) - len(inner.lstrip(" \t"))
                trail = len(inner) - len(inner.rstrip(" \t"))
                if lead:
                    edits.append(Edit(pos + m.start(1), pos + m.start(1) + lead, "", "punct.space_inside_quotes"))
                if trail:
                    edits.append(Edit(pos + m.end(1) - trail, pos + m.end(1), "", "punct.space_inside_quotes"))
        pos += len(line) + 1
    return edits
