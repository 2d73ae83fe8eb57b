"""The Arabic script as Persian writes it: the invisible joiners, the Unicode ranges, the digits and
the letter folds, in one place. Every other module takes them from here (hamsu.matching re-exports
the matching ones), so no two modules disagree on what a letter, a mark or a half-space is.

Ranges are written for a regular-expression character class (`f"[{ARABIC_LETTERS}]"`). Each fold
is named for what it is for: the normalizer's letter fix writes fewer variants than matching folds,
and the two must not be confused (normalizing أ to ا would change the text; matching must not tell
them apart). Imports nothing.
"""
from __future__ import annotations

# --- Invisible characters -------------------------------------------------------------------------

ZWNJ = "\u200c"  # zero-width non-joiner: the half-space (می‌شود)
ZWSP = "\u200b"  # zero-width space: a half-space typed with the wrong key
ZWJ = "\u200d"  # zero-width joiner: joins where Persian text has no use for it
LRM, RLM = "\u200e", "\u200f"  # the left-to-right and right-to-left marks
KASHIDA = "\u0640"  # tatweel: stretches a joined letter, carries no meaning
HAMZA = "\u0621"  # the lone hamza ء

# --- Ranges ---------------------------------------------------------------------------------------

# The Arabic block of Unicode (letters, marks, digits, punctuation of every Arabic-script language).
ARABIC_BLOCK = "\u0600-\u06ff"
ARABIC_BLOCK_FIRST, ARABIC_BLOCK_LAST = "\u0600", "\u06ff"
FIRST_ARABIC_LETTER = "\u0620"  # the block's letters start here (before it: signs and punctuation)
# The letters of the Arabic block, Persian's and its neighbours' (without the lone hamza's
# neighbours of punctuation and digits): what a Persian word is made of.
ARABIC_LETTERS = "\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff"
# Harakat, shadda, sukun, the hamza marks and the superscript alef.
DIACRITICS = "\u064b-\u065f\u0670"
ARABIC_MARKS = DIACRITICS + KASHIDA  # what matching drops inside a word

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
# One character for one character, so offsets in the ASCII-digit copy are offsets in the text.
ASCII_DIGITS = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, "0123456789" * 2)


def in_arabic_block(ch: str) -> bool:
    """True for a character of the Arabic block (U+0600–U+06FF)."""
    return ARABIC_BLOCK_FIRST <= ch <= ARABIC_BLOCK_LAST


# --- Letter folds ---------------------------------------------------------------------------------

# For normalizing: the Arabic letter forms Persian spells with its own letters (ي ى → ی, ك → ک).
# The normalizer writes these and nothing more, so normalized text holds none of the keys.
ARABIC_TO_PERSIAN_LETTERS = {"ي": "ی", "ى": "ی", "ك": "ک"}
ARABIC_TO_PERSIAN_CHARS = "".join(ARABIC_TO_PERSIAN_LETTERS)  # for a character class: [يىك]

# For reading words written either way (number and unit words): the letter forms above, and alef
# with hamza above or below written for bare alef (أ إ → ا).
WORD_SPELLING_FOLD = {**ARABIC_TO_PERSIAN_LETTERS, "أ": "ا", "إ": "ا"}

# For matching (the checks, the glossary, the store's search): every variant writers (and older
# encodings) use interchangeably becomes one letter, so a glossary or a query typed with ي or ك,
# with أ for ا, or with ۀ for ه, still finds the normalized text.
MATCHING_FOLD = {
    **ARABIC_TO_PERSIAN_LETTERS, "ئ": "ی", "ة": "ه", "ۀ": "ه",
    "أ": "ا", "إ": "ا", "ٱ": "ا", "آ": "ا", "ؤ": "و",
}  # fmt: skip
