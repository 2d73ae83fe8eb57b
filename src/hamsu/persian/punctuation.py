"""Spacing around Persian punctuation: ، ؛ ؟ « » and quotes.

No space before a comma, semicolon, question mark or closing quote; one space after a Persian
comma, semicolon or question mark and outside guillemets when a Persian letter follows; none just
inside quotes. Rules only fire beside Persian letters or Persian punctuation, so decimals (۳٫۵،
4.2), thousands separators, times, URLs, e-mail addresses and Latin text are left alone.
"""
from __future__ import annotations

import re

from ..records import Edit
from .letters import ARABIC_LETTER, Rule, _subs

_SP = "[ \t]+"
_QUOTED = re.compile('"([^"\n]*)"')

PUNCTUATION_RULES: tuple[Rule, ...] = (
    _subs(f"(?<=\\S){_SP}(?=[،؛؟»”])", "punct.space_before", lambda m: ""),
    # . ! : close a Persian sentence or clause only when a Persian letter comes before them and
    # a space or the line end after: ab . cd, 4 . 2 and http://x . y are not touched.
    _subs(f"(?<=[{ARABIC_LETTER}]){_SP}(?=[.!:](?:[ \t]|$))", "punct.space_before", lambda m: ""),
    _subs(f"(?<=[«“]){_SP}", "punct.space_inside_quotes", lambda m: ""),
    _subs(f"(?<=[،؛؟»])(?=[{ARABIC_LETTER}«])", "punct.space_after", lambda m: " "),
    _subs(f"(?<=[{ARABIC_LETTER}])(?=«)", "punct.space_after", lambda m: " "),
)


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
