"""Properties of the normalizer on generated text (hypothesis)."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

import hamsu

ZWNJ = "\u200c"
SEED = Path(__file__).resolve().parent.parent / "examples" / "seed.txt"
SEED_WORDS = sorted(set(re.findall(r"[\u0600-\u06ff]+", SEED.read_text(encoding="utf-8"))))

KNOWN_RULES = {
    "letters.arabic_variant",
    "letters.presentation_form",
    "letters.kashida",
    "letters.zwnj",
    "letters.diacritic",
    "spaces.bidi_mark",
    "spaces.invisible",
    "spaces.odd_space",
    "spaces.run",
    "spaces.number",
    "spaces.zwsp",
    "digits.persian",
    "digits.ascii",
    "halfspace.glued",
    "halfspace.split",
    "halfspace.context",
    "punct.space_before",
    "punct.space_after",
    "punct.space_inside_quotes",
}

# The lines the normalizer works on: those with an Arabic-script character (normalize.py).
ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]")

PERSIAN_LETTERS = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآءأؤئۀة"
ARABIC_VARIANTS = "يكى"
DIACRITICS = "\u064e\u064f\u0650\u0651\u064b\u0652\u0654\u0670"
INVISIBLE = "\u200c\u200c\u200b\u200e\u200f\u202b\u202c\u2067\u2069\ufeff\u0640"
ODD_SPACES = "\u00a0\u2009\u202f"
PRESENTATION = "\ufeb3\ufefb\ufee1\ufe8e"  # single letters and lam-alef; not the multi-word ligatures
PUNCTUATION = "،؛؟«»!.:\"“”()-/"
DIGITS = "0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩٫٬.,:"
LATIN_WORDS = ["the", "UN", "Iran", "COVID-19", "A4", "https://example.com/a.b?x=1", "www.x.ir/می",
               "info@example.com", "#برنامه_ریزی", "@user", "10:30", "1403/05/12", "3.14", "1,000"]

persian_chars = st.text(
    alphabet=PERSIAN_LETTERS * 3 + ARABIC_VARIANTS + DIACRITICS + INVISIBLE + ODD_SPACES + PRESENTATION,
    min_size=1,
    max_size=8,
)
token = st.one_of(
    persian_chars,
    st.sampled_from(SEED_WORDS),
    st.sampled_from(["می", "نمی", "ها", "های", "ای", "ترین", "شود", "میشود", "درگیریها", "میدانی", "تو"]),
    st.sampled_from(LATIN_WORDS),
    st.text(alphabet=DIGITS, min_size=1, max_size=6),
    st.sampled_from(list(PUNCTUATION)),
)
separator = st.sampled_from([" ", " ", " ", "", ZWNJ, "  ", "\n", "\n\n", "\r\n", "\t", " \u00a0"])
mixed_text = st.lists(st.tuples(token, separator), max_size=30).map(lambda xs: "".join(t + s for t, s in xs))
options = st.sampled_from(
    [{}, {}, {"digits": "fa"}, {"digits": "ascii"}, {"strip_diacritics": True},
     {"digits": "fa", "strip_diacritics": True}]
)

SETTINGS = settings()  # the profile in conftest.py: 200 derandomized examples, or HAMSU_HYPOTHESIS=explore

# --- folding: what the character-level rules may change -------------------------------------------

_LETTER_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})
_DIGIT_FOLD = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩٫٬", "0123456789" * 2 + ".,")
_DROPPED = re.compile(
    "[ \t\u200c\u200b"  # spaces, ZWNJ, ZWSP
    "\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff"  # bidi marks, BOM
    "\u0640"  # kashida
    "\u00a0\u2000-\u200a\u202f\u205f\u3000]"  # odd spaces
)
_STRIPPED_DIACRITICS = re.compile("[\u064b-\u0653\u0656-\u065f\u0670]")
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]")


def fold(line: str, digits: str = "keep", strip_diacritics: bool = False) -> str:
    """A Persian line reduced to what no rule may change: letters, digits, punctuation."""
    line = _PRESENTATION.sub(lambda m: unicodedata.normalize("NFKC", m.group()), line)
    line = _DROPPED.sub("", line.translate(_LETTER_FOLD))
    if digits != "keep":
        line = line.translate(_DIGIT_FOLD)
    if strip_diacritics:
        line = _STRIPPED_DIACRITICS.sub("", line)
    return line


# --- properties ------------------------------------------------------------------------------------


@SETTINGS
@given(mixed_text, options)
@example("سلام \u200c\u200cدنیا «  کتابها  » ، میشود", {})
@example("درگیری ها\nبرنامه ریزیهای آتی", {"digits": "fa"})
def test_idempotent(text, opts):
    # Known failures, each with its own test below: skip the patterns so that others can be found.
    assume(not re.search("\u200c[#@]", text))  # test_idempotent_zwnj_before_hashtag
    assume(not (opts.get("strip_diacritics") and re.search(f"[{DIACRITICS}]\u200c", text)))  # ..._diacritic_zwnj
    once = hamsu.normalize(text, **opts)
    assert hamsu.normalize(once, **opts) == once


def test_idempotent_on_multiword_ligature():
    once = hamsu.normalize("محمد \ufdfa")
    assert hamsu.normalize(once) == once


def test_idempotent_zwnj_before_hashtag():
    once = hamsu.normalize("کتاب\u200c#تگ\u200c")
    assert hamsu.normalize(once) == once


def test_idempotent_split_plural_of_a_table_word():
    once = hamsu.normalize("گفت های")
    assert hamsu.normalize(once) == once


def test_idempotent_compound_with_a_clitic():
    # the glued compound is split, and its second part then takes its own clitic in the same pass
    once = hamsu.normalize("مفهوم پذیرفتهشدهای است")
    assert once == "مفهوم پذیرفته\u200cشده\u200cای است"
    assert hamsu.normalize(once) == once


def test_idempotent_diacritic_zwnj():
    once = hamsu.normalize("\u064b\u200cء", strip_diacritics=True)
    assert hamsu.normalize(once, strip_diacritics=True) == once


@SETTINGS
@given(mixed_text, options)
def test_line_count_preserved(text, opts):
    out = hamsu.normalize(text, **opts)
    assert out.count("\n") == text.count("\n")
    assert out.endswith("\n") == text.endswith("\n")


@SETTINGS
@given(mixed_text, options)
@example("ميشود\u0640 «  كتابها  »،\u200bسلام", {})
@example("Hello\nسلام", {})
def test_changes_explain_the_output(text, opts):
    out = hamsu.normalize(text, **opts)
    result = hamsu.normalize_detailed(text, **opts)
    changes = result.changes
    rules = {c.rule for c in changes}
    assert rules <= KNOWN_RULES

    # Every change lies in the original text, in order, and its span is well formed.
    assert [c.offset for c in changes] == sorted(c.offset for c in changes)
    for c in changes:
        assert 0 <= c.offset <= c.end <= len(text)
        assert c.before != c.after
    if not opts.get("strip_diacritics"):
        assert "letters.diacritic" not in rules
    if opts.get("digits", "keep") == "keep":
        assert not rules & {"digits.persian", "digits.ascii"}

    # The offset map: one entry per output position and one past the end, non-decreasing, in range.
    m = result.offset_map
    assert len(m) == len(out) + 1
    assert all(a <= b for a, b in zip(m, m[1:], strict=False))
    assert all(0 <= i <= len(text) for i in m)
    assert m[-1] == len(text)

    # Each output character is the input character it maps to, or was written by a change there.
    starts = {c.offset for c in changes}
    for i, ch in enumerate(out):
        if m[i] not in starts:
            assert m[i] < len(text) and text[m[i]] == ch, f"output character {i} changed by no rule"
    kept = {m[i] for i, ch in enumerate(out) if m[i] < len(text) and text[m[i]] == ch}
    for j in range(len(text)):
        assert j in kept or any(c.offset <= j < c.end for c in changes), f"input character {j} lost silently"

    # Line by line: other lines pass through; Persian lines keep their letters, digits and punctuation.
    # (fold() undoes every letters.* rule, so the check holds whichever of them fired.)
    for line_in, line_out in zip(text.split("\n"), out.split("\n"), strict=True):
        if not ARABIC_SCRIPT.search(line_in):
            assert line_out == line_in
        else:
            assert fold(line_out, **opts) == fold(line_in, **opts)


@SETTINGS
@given(mixed_text, options)
@example("سلام\nHello", {})
def test_detailed_text_equals_normalize(text, opts):
    assert hamsu.normalize_detailed(text, **opts).text == hamsu.normalize(text, **opts)


latin_text = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E) | st.just("\n"), max_size=200)


@SETTINGS
@given(latin_text, options)
def test_latin_only_text_unchanged(text, opts):
    assert hamsu.normalize(text, **opts) == text
    result = hamsu.normalize_detailed(text, **opts)
    assert result.changes == ()
    assert result.offset_map == tuple(range(len(text) + 1))


@SETTINGS
@given(mixed_text)
def test_stream_matches_whole_text(text):
    pieces = [text[i : i + 7] for i in range(0, len(text), 7)]
    streamed = "".join(out for out, _ in hamsu.normalize_stream(pieces))
    assert streamed == hamsu.normalize(text)
