"""The name linker's shortcuts against the plain computations they stand for (hypothesis): an English
sentence's pieces, asking the possessive pattern only of words ending in 's; a name's runs of pieces
worked out from its pieces' roles once per shape."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hamsu.names import english
from hamsu.names.english import EnglishName, Piece
from hamsu.names.link import MAX_NAME_WORDS, _sub_spans


def reference_pieces(text: str) -> tuple[tuple[str, int, int], ...]:
    """Every piece asked for a possessive ending."""
    out = []
    for m in english._PIECE.finditer(text):
        word, end = m.group(), m.end()
        possessive = english._POSSESSIVE.search(word)
        if possessive and len(word) > 2 and possessive.start() > 0:
            end -= len(possessive.group())
            word = word[: len(word) - len(possessive.group())]
        out.append((word, m.start(), end))
    return tuple(out)


@settings(max_examples=400)
@given(st.text("ab sS'’-.IéO", max_size=40))
def test_pieces_as_every_word_asked_has_them(text):
    assert english._pieces.__wrapped__(text) == reference_pieces(text)


def test_pieces_cut_the_possessive():
    assert english._pieces.__wrapped__("Iran's O'Neil’s As's s's") == reference_pieces("Iran's O'Neil’s As's s's")
    assert [w for w, _, _ in english._pieces.__wrapped__("Iran's O'Neil’s")] == ["Iran", "O'Neil"]


def reference_sub_spans(name: EnglishName) -> list[tuple[int, int]]:
    """Runs of pieces that may be a name, as the linker read them piece by piece."""
    pieces = name.pieces
    is_name = [p.role in ("name", "acronym") for p in pieces]
    spans = []
    for a in range(len(pieces)):
        if pieces[a].role == "particle" or (a and pieces[a - 1].role == "article"):
            continue
        if pieces[a].role == "article" and (a + 1 >= len(pieces) or not is_name[a + 1]):
            continue
        for b in range(a + 1, len(pieces) + 1):
            if is_name[b - 1] and sum(is_name[a:b]) <= MAX_NAME_WORDS:
                spans.append((a, b))
    spans.sort(key=lambda ab: ab[0] - ab[1])
    return spans


ROLES = st.lists(st.sampled_from(["name", "acronym", "particle", "article"]), min_size=1, max_size=8)


@given(ROLES)
def test_sub_spans_by_roles_as_by_pieces(roles):
    name = EnglishName(tuple(Piece(f"w{k}", 3 * k, 3 * k + 2, role) for k, role in enumerate(roles)), True, "name")
    assert list(_sub_spans(name)) == reference_sub_spans(name)


# Persian letters, the suffixes that glue to a word (ان، یان، ها، ی), a half-space and Latin letters.
PERSIAN_PARTS = list("سلیمانیهاکردب x") + ["\u200c", "ان", "یان", "های"]
PERSIAN_TEXT = st.lists(st.sampled_from(PERSIAN_PARTS), max_size=30).map("".join)


@settings(max_examples=400)
@given(PERSIAN_TEXT)
def test_a_word_has_glued_stems_where_its_stems_go_beyond_its_key_and_base(text):
    """gazetteer_spans asks _glued only of words _has_glued_stems says have stems under a glued
    suffix; _glued finds none in any other."""
    from hamsu.names.persian import _has_glued_stems, words_of

    for word in words_of.__wrapped__(text):
        assert _has_glued_stems(word) == any(stem not in (word.key, word.base) for stem in word.stems)


def reference_latin_key(text: str) -> str:
    """latin_key with every text decomposed and its combining marks dropped."""
    import re
    import unicodedata

    plain = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    plain = plain.replace("ø", "o").replace("æ", "ae").replace("ß", "ss").replace("ı", "i").replace("ł", "l")
    plain = re.sub(r"[^a-z]+", "", plain).replace("x", "ks")
    return re.sub(r"([a-z])\1+", r"\1", plain)


# ASCII and letters that decompose, fold or lower-case into ASCII (the Kelvin sign, dotted İ).
LATIN_TEXT = st.text(alphabet=st.sampled_from(list("abxXsS -'.Qéüøæßıłİ\u212a\u0301ñÅ")) | st.characters(), max_size=30)


@settings(max_examples=500)
@given(LATIN_TEXT)
def test_latin_key_skips_decomposing_text_that_is_ascii_already(text):
    from hamsu.names.translit import latin_key

    assert latin_key.__wrapped__(text) == reference_latin_key(text)
