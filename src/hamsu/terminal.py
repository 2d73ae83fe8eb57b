"""Text shown to a person: control characters made visible, so an article cannot drive the terminal.

A document may hold escape sequences (ESC ] 0 ; title BEL sets a terminal's title, ESC [ 31 m
colours, others are worse) or stray control bytes. The text views (`align`'s and `check`'s text
format, `search`'s hits) print article text inside lines of their own, so every C0 control but
tab, DEL and every C1 control is shown as a \\xNN escape there. Files in the data formats (JSON
lines, TSV, TMX) keep the text exactly as it is. Format characters that Persian text needs (ZWNJ,
the direction marks) are not controls and are kept.
"""
from __future__ import annotations

_CONTROLS = [c for c in range(0x20) if c != 0x09] + [0x7F] + list(range(0x80, 0xA0))
_VISIBLE = str.maketrans({c: f"\\x{c:02x}" for c in _CONTROLS})


def shown(text: str) -> str:
    """`text` with its control characters (all but tab, line breaks included) as \\xNN."""
    return text.translate(_VISIBLE)
