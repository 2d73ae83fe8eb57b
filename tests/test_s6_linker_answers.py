"""A Persian word's answers (persian._answer) worked out from one is_common and one table entry of
its base, against the predicates each finder asks (_alone, _foreign_like, _name_like, _given_name,
_article_name), on any word of any text and on the table's own names, titles, stopwords and
generic words; and the linker's many small records are tuples (a frozen dataclass's __init__ sets
each field through object.__setattr__, several times the cost of a tuple)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hamsu.names import english, link, persian
from hamsu.names.generic import institution_words, persian_generic_words
from hamsu.names.persian import STOPWORDS, TITLES, ZWNJ
from hamsu.names.table import name_table_data, parse_table

PARTS = list("سلیمانیهاکردبوت") + ["ال", "ان", "یان", "های", "ها", "ش", "\u064e", ZWNJ, " ", "a", "Ba", "'"]
TEXT = st.lists(st.sampled_from(PARTS), max_size=12).map("".join)
SMALL_TABLE = parse_table(
    "## common\nکتاب\nمرد\n## names\nورساچه\tVersace\tperson\tgazetteer\t\nرابرت\tRobert\tperson\tgazetteer\t\n"
    "البوکمال\tAlbu Kamal\tplace\tgazetteer\t\nایران\tIran\tplace\tgazetteer\t\n"
)


def _expected(word, table) -> tuple:
    key = word.key
    first = key in table.first_words and key not in STOPWORDS
    alone = persian._alone(word, table)
    return (alone, first, persian._foreign_like(word, table), persian._name_like(word, table),
            persian._given_name(word, table), persian._article_name(word, table))  # fmt: skip


def _answered(word, table) -> tuple:
    a = persian._answer(word, table, {})
    return a.alone, a.first, a.foreign, a.name_like, a.given, a.article_name


@settings(max_examples=800)
@given(TEXT)
def test_answers_as_the_predicates_give_them(text):
    for table in (name_table_data(), SMALL_TABLE):
        for word in persian.words_of.__wrapped__(text):
            assert _answered(word, table) == _expected(word, table)


def test_answers_of_the_tables_own_words():
    table = name_table_data()
    entries = sorted(table.by_fa)[::40]
    forms = entries + sorted(STOPWORDS) + sorted(TITLES) + sorted(persian_generic_words()) + sorted(institution_words())
    texts = forms + [f + ZWNJ + "ها" for f in forms[::7]] + ["ال" + f for f in forms[::11]]
    texts += [f + "ش" for f in forms[::13]]
    asked = 0
    for text in texts:
        for word in persian.words_of.__wrapped__(text):
            assert _answered(word, table) == _expected(word, table), word
            asked += 1
    assert asked > 500


def test_the_many_small_records_are_tuples():
    for record in (english.Piece, english.EnglishName, persian.Candidate, link.FaSentence, link.EnSentence):
        assert issubclass(record, tuple)
    piece = english.Piece("Iran", 0, 4, "name")
    assert (piece.text, piece.start, piece.end, piece.role) == ("Iran", 0, 4, "name")
    assert english.EnglishName((piece,), True, "name").end == 4
    assert persian.Candidate(1, 2, "name", "latin").ambiguous is False
