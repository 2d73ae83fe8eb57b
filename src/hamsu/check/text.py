"""The matching helpers' old address: they are hamsu/matching.py now, below check/ and store/,
which both use them. Import them from there."""
from __future__ import annotations

from ..matching import (  # noqa: F401
    ARABIC_DIGITS,
    ARABIC_LETTERS,
    ARABIC_MARKS,
    ARABIC_SCRIPT,
    ASCII_DIGITS,
    ENGLISH_TOKEN,
    PERSIAN_DIGITS,
    ZWNJ,
    english_tokens,
    fold_english,
    fold_persian,
    fold_persian_key,
    script_counts,
    stem_english,
)
