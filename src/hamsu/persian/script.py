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
# Every control of text direction: the marks, the embeddings and overrides, the isolates, and the
# Arabic letter mark (U+061C).
BIDI_CONTROLS = LRM + RLM + "\u202a-\u202e\u2066-\u2069\u061c"
KASHIDA = "\u0640"  # tatweel: stretches a joined letter, carries no meaning
HAMZA = "\u0621"  # the lone hamza ء
HAMZA_ABOVE = "\u0654"  # the hamza mark above a letter (ۀ written ه + U+0654)
SUPERSCRIPT_ALEF = "\u0670"  # the dagger alef of Arabic spellings (موسیٰ)

# --- Ranges ---------------------------------------------------------------------------------------

# The Arabic block of Unicode (letters, marks, digits, punctuation of every Arabic-script language).
ARABIC_BLOCK = "\u0600-\u06ff"
ARABIC_BLOCK_FIRST, ARABIC_BLOCK_LAST = "\u0600", "\u06ff"
ARABIC_SUPPLEMENT = "\u0750-\u077f"  # more letters of African and Asian languages
PRESENTATION_FORMS = "\ufb50-\ufdff\ufe70-\ufefc"  # the joined shapes older encodings stored
# Every character of the Arabic script: a line holding none of them is not Persian text.
ARABIC_SCRIPT_CHARS = ARABIC_BLOCK + ARABIC_SUPPLEMENT + PRESENTATION_FORMS
FIRST_ARABIC_LETTER = "\u0620"  # the block's letters start here (before it: signs and punctuation)
# The letters of the Arabic block, Persian's and its neighbours' (without the lone hamza's
# neighbours of punctuation and digits): what a Persian word is made of.
ARABIC_LETTERS = "\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff"
# The letters of the whole script, for counting a text's letters by script (read/language.py):
# those of ARABIC_LETTERS, ۮ ۯ, the supplement's and the presentation forms (the ranges also hold
# marks and signs; letter_runs keeps the letters).
ARABIC_SCRIPT_LETTERS = ARABIC_LETTERS + "\u06ee-\u06ef" + ARABIC_SUPPLEMENT + PRESENTATION_FORMS
# Harakat, shadda, sukun, the hamza marks and the superscript alef.
DIACRITICS = "\u064b-\u065f" + SUPERSCRIPT_ALEF
ARABIC_MARKS = DIACRITICS + KASHIDA  # what matching drops inside a word
HARAKAT = "\u064b-\u0652"  # the short vowels, tanwin, shadda and sukun
# What `hamsu normalize --strip-diacritics` removes: the diacritics but hamza above and below
# (U+0654, U+0655), which make letters of their own (شیء، ۀ).
DIACRITICS_TO_STRIP = "\u064b-\u0653\u0656-\u065f" + SUPERSCRIPT_ALEF

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
# One character for one character, so offsets in the ASCII-digit copy are offsets in the text.
ASCII_DIGITS = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, "0123456789" * 2)


def in_arabic_block(ch: str) -> bool:
    """True for a character of the Arabic block (U+0600–U+06FF)."""
    return ARABIC_BLOCK_FIRST <= ch <= ARABIC_BLOCK_LAST


def code_points(char_class: str) -> tuple[tuple[int, int], ...]:
    """The code-point ranges [start, end) of a range string written for a character class:
    "\u0620-\u064a\u06d5" → ((0x0620, 0x064B), (0x06D5, 0x06D6))."""
    ranges, i = [], 0
    while i < len(char_class):
        if i + 2 < len(char_class) and char_class[i + 1] == "-":
            ranges.append((ord(char_class[i]), ord(char_class[i + 2]) + 1))
            i += 3
        else:
            ranges.append((ord(char_class[i]), ord(char_class[i]) + 1))
            i += 1
    return tuple(ranges)


def chars_of(char_class: str) -> str:
    """Every character of a range string written for a character class ("\u064b-\u0652" + ZWNJ)."""
    return "".join(chr(c) for start, end in code_points(char_class) for c in range(start, end))


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

# For the aligner's word evidence and its dictionary keys (align/lexical.py): matching's letters,
# and the half-space, hamza, kashida and vowel marks dropped, so that every spelling of a word,
# glued or half-spaced, voweled or not, is one key.
WORD_EVIDENCE_FOLD: dict[str, str | None] = {
    **MATCHING_FOLD,
    **dict.fromkeys(HAMZA + HAMZA_ABOVE + KASHIDA + ZWNJ + chars_of(HARAKAT) + SUPERSCRIPT_ALEF),
}

# For comparing a Persian name with its romanizations (names/translit.py): matching's letters, and
# hamza, kashida and every diacritic dropped, as romanizations write none of them. Half-spaces stay:
# the caller decides where words end.
ROMANIZATION_FOLD: dict[str, str | None] = {**MATCHING_FOLD, **dict.fromkeys(HAMZA + KASHIDA + chars_of(DIACRITICS))}

# For telling Persian from Arabic (read/language.py): Arabic yeh and kaf read as Persian, as old
# Persian encodings typed them; alef maksura ى stays itself, Arabic spelling على and حتى with it.
LANGUAGE_FOLD = {"ي": "ی", "ك": "ک"}

# For recognizing site furniture by its labels (read/boilerplate.py), on text not yet normalized:
# the letters as for the language, the half-space as a space, the direction marks dropped.
BOILERPLATE_FOLD: dict[str, str | None] = {ZWNJ: " ", **LANGUAGE_FOLD, RLM: None, LRM: None}
