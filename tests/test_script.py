"""hamsu/persian/script.py: the one table of the script's letters, ranges and folds."""
from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hamsu.matching import fold_persian
from hamsu.persian.normalize import normalize
from hamsu.persian.script import (
    ARABIC_DIGITS,
    ARABIC_LETTERS,
    ARABIC_MARKS,
    ARABIC_SCRIPT_CHARS,
    ARABIC_TO_PERSIAN_CHARS,
    ARABIC_TO_PERSIAN_LETTERS,
    BOILERPLATE_FOLD,
    DIACRITICS,
    HAMZA,
    KASHIDA,
    LANGUAGE_FOLD,
    LRM,
    MATCHING_FOLD,
    PERSIAN_DIGITS,
    RLM,
    ROMANIZATION_FOLD,
    WORD_EVIDENCE_FOLD,
    WORD_SPELLING_FOLD,
    ZWJ,
    ZWNJ,
    ZWSP,
    chars_of,
    in_arabic_block,
)

SRC = Path(__file__).resolve().parents[1] / "src" / "hamsu"

# --- Finding a module's own copy of the script table -----------------------------------------------
# Read from each module's syntax tree, escapes decoded, so a copy is found however it is written
# ("\u200c", the character itself, a raw string for a regular expression). Docstrings are prose.

_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_INVISIBLE = {ZWNJ, ZWSP, ZWJ, LRM, RLM, KASHIDA}
_ARABIC_SCRIPT = re.compile(f"[{ARABIC_SCRIPT_CHARS}]")
_DIGITS = set(PERSIAN_DIGITS + ARABIC_DIGITS)
# The script's blocks, and the zero-width, direction and embedding controls.
_SCRIPT_CODE_POINTS = ((0x0600, 0x0700), (0x0750, 0x0780), (0xFB50, 0xFF00), (0x200B, 0x2010), (0x202A, 0x202F),
                       (0x2066, 0x206A))  # fmt: skip


def _decoded(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def _is_arabic(ch: str) -> bool:
    return bool(_ARABIC_SCRIPT.fullmatch(ch))


def _in_a_word(text: str, i: int) -> bool:
    """Whether text[i] (a half-space) stands between two letters: part of a word written out."""
    return 0 < i < len(text) - 1 and _is_arabic(text[i - 1]) and _is_arabic(text[i + 1])


def _string_copies(text: str) -> Iterator[str]:
    for i, ch in enumerate(text):
        if ch in _INVISIBLE and not _in_a_word(text, i):
            yield f"the character U+{ord(ch):04X}"
    # A character class, or a range string kept for one: ranges of the script's letters or marks.
    classes = re.findall(r"\[([^\]]*)\]", text) if " " in text else [text]
    for body in classes:
        for first, last in re.findall(r"(.)-(.)", body, re.S):
            if _is_arabic(first) and _is_arabic(last) and not {first, last} <= _DIGITS:
                yield f"the range {first}-{last} (U+{ord(first):04X}-U+{ord(last):04X})"
    if PERSIAN_DIGITS in text or ARABIC_DIGITS in text:
        yield "the digits"


def _is_fold_pair(variant: object, letter: object) -> bool:
    return isinstance(variant, str) and isinstance(letter, str) and MATCHING_FOLD.get(variant) == letter


def _constant(node: ast.AST) -> object:
    return node.value if isinstance(node, ast.Constant) else None


def own_copies(source: str) -> list[str]:
    """What of the script's table a module's source writes out instead of importing it."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(_constant(node.body[0].value), str)
    }  # fmt: skip
    found = []
    for node in ast.walk(tree):
        where = f"line {getattr(node, 'lineno', '?')}: "
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            found += [where + copy for copy in _string_copies(_decoded(node.value))]
        elif isinstance(node, ast.Dict):
            pairs = zip(map(_constant, node.keys), map(_constant, node.values))
            found += [f"{where}the letter map {v} → {p}" for v, p in pairs if _is_fold_pair(v, p)]
        elif isinstance(node, ast.Call) and len(node.args) == 2:
            # text.replace("ي", "ی"), str.maketrans("يك", "یک")
            variants, letters = map(_constant, node.args)
            if isinstance(variants, str) and isinstance(letters, str) and len(variants) == len(letters) > 0:
                if all(map(_is_fold_pair, variants, letters)):
                    found.append(f"{where}the letter map {variants} → {letters}")
        elif isinstance(node, ast.Compare):
            # "\u0600" <= ch <= "\u06ff"
            ends = [_constant(side) for side in (node.left, *node.comparators)]
            ordered = all(isinstance(op, (ast.Lt, ast.LtE, ast.Gt, ast.GtE)) for op in node.ops)
            if ordered and any(isinstance(end, str) and len(end) == 1 and _is_arabic(end) for end in ends):
                found.append(f"{where}a comparison with a code point of the script")
        elif isinstance(node, ast.Constant) and isinstance(node.value, int):
            # range(0x064B, 0x0653), ((0x0620, 0x064B), ...): code points of the script in hexadecimal
            written = ast.get_source_segment(source, node) or ""
            if written.lower().startswith("0x") and any(a <= node.value < b for a, b in _SCRIPT_CODE_POINTS):
                found.append(f"{where}the code point {written}")
    return found


def test_no_module_keeps_its_own_copy_of_the_script_table():
    copies = {
        str(path.relative_to(SRC)): found
        for path in sorted(SRC.rglob("*.py"))
        if path != SRC / "persian" / "script.py" and (found := own_copies(path.read_text(encoding="utf-8")))
    }
    assert not copies, copies


@pytest.mark.parametrize(
    "source",
    [
        'ZWNJ = "\\u200c"',
        'ZWNJ = "\u200c"',
        'parts = word.split("\\u200c")',
        'GAP = re.compile(r"[ \\u200c\\u00a0]*")',
        'MARKS = re.compile("[\\u0640\\u064b-\\u065f\\u0670]")',
        'DIACRITICS = "\\u064b-\\u065f\\u0670"',
        'WORD = re.compile("[\\u0621-\\u063a\\u0641-\\u064a]+")',
        'SCRIPT = re.compile("[\\u0600-\\u06ff]")',
        'FOLD = str.maketrans({"ي": "ی", "ك": "ک"})',
        'FOLD = {"أ": "ا"}',
        'words = text.replace("ي", "ی")',
        'TABLE = str.maketrans("يك", "یک")',
        'ASCII = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")',
        'arabic = any("\\u0600" <= ch <= "\\u06ff" for ch in text)',
        "DROP = {chr(c): None for c in range(0x064B, 0x0653)}",
        "RANGES = ((0x0620, 0x064B), (0x066E, 0x06D4))",
        "for cp in range(0x200B, 0x2010): pass",
    ],
)
def test_a_copy_of_the_script_table_is_found_however_it_is_written(source):
    assert own_copies(source), source


@pytest.mark.parametrize(
    "source",
    [
        '"""Half-spaces (\\u200c) and the range \\u0600-\\u06ff, described."""',
        'STOPWORDS = frozenset("می\u200cشود است".split())',
        'NUMBER = re.compile(r"[0-9۰-۹٠-٩]+")',
        'SKELETON = {"ب": "b", "ی": None}',
        'ROWS = "EU : اتحادیه-اروپا"',
        "YEARS = (1600, 1700)",
        'from hamsu.persian.script import ZWNJ\nparts = word.split(ZWNJ)',
    ],
)
def test_words_digits_and_imports_are_not_copies(source):
    assert not own_copies(source), source


def test_the_folds_nest_and_land_on_persian_letters():
    assert LANGUAGE_FOLD.items() <= ARABIC_TO_PERSIAN_LETTERS.items() <= WORD_SPELLING_FOLD.items()
    assert WORD_SPELLING_FOLD.items() <= MATCHING_FOLD.items()
    assert set(ARABIC_TO_PERSIAN_CHARS) == set(ARABIC_TO_PERSIAN_LETTERS)
    letter = re.compile(f"[{ARABIC_LETTERS}]")
    for fold in (LANGUAGE_FOLD, ARABIC_TO_PERSIAN_LETTERS, WORD_SPELLING_FOLD, MATCHING_FOLD):
        for variant, persian in fold.items():
            assert letter.fullmatch(variant) and letter.fullmatch(persian), variant
            assert persian not in fold, persian  # one step: a folded letter folds no further
    assert all(in_arabic_block(ch) for ch in MATCHING_FOLD)
    assert not in_arabic_block("A") and not in_arabic_block(ZWNJ)


@pytest.mark.parametrize("fold", [WORD_EVIDENCE_FOLD, ROMANIZATION_FOLD])
def test_the_word_folds_are_matchings_letters_without_the_marks(fold):
    letters = {variant: persian for variant, persian in fold.items() if persian is not None}
    dropped = {ch for ch, persian in fold.items() if persian is None}
    assert letters == MATCHING_FOLD
    # What a word fold drops never changes which word it is: marks, the lone hamza, the half-space.
    assert dropped <= set(chars_of(ARABIC_MARKS)) | {HAMZA, ZWNJ, KASHIDA}
    assert set(chars_of("\u064b-\u0652")) <= dropped  # the short vowels, tanwin, shadda, sukun


def test_romanizing_keeps_the_half_space_and_the_evidence_drops_it():
    assert ZWNJ not in ROMANIZATION_FOLD and WORD_EVIDENCE_FOLD[ZWNJ] is None
    assert set(chars_of(DIACRITICS)) <= {ch for ch, persian in ROMANIZATION_FOLD.items() if persian is None}


def test_language_keeps_alef_maksura_and_boilerplate_reads_the_half_space_as_a_space():
    assert "ى" not in LANGUAGE_FOLD  # Arabic على, حتى
    assert BOILERPLATE_FOLD == {**LANGUAGE_FOLD, ZWNJ: " ", LRM: None, RLM: None}


def test_chars_of_reads_ranges_and_single_characters():
    assert chars_of("a-cx") == "abcx"
    assert chars_of(DIACRITICS) == "".join(map(chr, range(0x064B, 0x0660))) + "\u0670"
    assert chars_of("-a-") == "-a-"


persian_text = st.text(alphabet=st.sampled_from("سلامكيىیکاأإآۀةئؤ \u200c۱1"), max_size=40)


@given(persian_text)
def test_normalized_text_holds_no_letter_the_normalizer_folds(text):
    assert not set(normalize(text)) & set(ARABIC_TO_PERSIAN_CHARS)


@given(persian_text)
def test_matching_does_not_see_what_the_normalizer_changes_in_letters(text):
    persian = text.translate(str.maketrans(ARABIC_TO_PERSIAN_LETTERS))
    assert fold_persian(text)[0] == fold_persian(persian)[0]
