"""Half-space (ZWNJ) restoration: the seed article, word by word, and general cases."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import hamsu

ZWNJ = "\u200c"
SEED = Path(__file__).resolve().parent.parent / "examples" / "seed.txt"
GAP = re.compile(f"[ {ZWNJ}]*")  # what may separate two letters of running text on one line


def gaps(text: str) -> tuple[str, list[str]]:
    """The text without spaces and half-spaces, and the separator before each of its characters."""
    letters, seps = [], []
    pos = 0
    while pos < len(text):
        m = GAP.match(text, pos)
        seps.append(m.group())
        pos = m.end()
        if pos < len(text):
            letters.append(text[pos])
            pos += 1
    return "".join(letters), seps


def word_at(text: str, letters_before: int) -> str:
    """The output word (between spaces and punctuation) that holds letter number `letters_before`."""
    count = 0
    for pos, ch in enumerate(text):
        if ch in f" {ZWNJ}":
            continue
        if count == letters_before:
            start = max(text.rfind(" ", 0, pos), text.rfind("\n", 0, pos)) + 1
            end = min(i for i in (text.find(" ", pos), text.find("\n", pos), len(text)) if i >= 0)
            return text[start:end].strip("،.؟:«»\"")
        count += 1
    raise AssertionError("letter not found")


# The 13 half-spaces the seed lost, in text order: (the restored word, what stood there before).
SEED_RESTORED = [
    ("رسانه‌ای", ""),
    ("پیشروی‌های", ""),
    ("تروریست‌های", ""),
    ("بازپس‌گیری", ""),
    ("ماه‌ها", ""),
    ("برنامه‌ریزی", " "),
    ("درگیری‌ها", ""),
    ("درگیری‌ها", ""),
    ("برنامه‌ریزی‌های", " "),
    ("برنامه‌ریزی‌های", ""),
    ("شاهراه‌های", ""),
    ("تروریست‌های", ""),
    ("می‌شود", ""),
]


@pytest.fixture(scope="module")
def seed() -> tuple[str, str]:
    text = SEED.read_text(encoding="utf-8")
    return text, hamsu.normalize(text)


def test_seed_restores_exactly_the_stripped_half_spaces(seed):
    text, out = seed
    letters_in, gaps_in = gaps(text)
    letters_out, gaps_out = gaps(out)
    assert letters_out == letters_in, "only spaces and half-spaces may change in the seed"
    changed = [
        (word_at(out, i - 1), gaps_in[i])
        for i in range(len(gaps_in))
        if gaps_in[i] != gaps_out[i]
    ]
    assert all(gaps_out[i] == ZWNJ for i in range(len(gaps_in)) if gaps_in[i] != gaps_out[i])
    assert changed == SEED_RESTORED


def test_seed_words_that_must_stay(seed):
    _, out = seed
    for phrase in ("فرماندهان میدانی", "واقع شده است", "بیرون راندن", "به دلیل", "آزادسازی", "نُجَباء"):
        assert phrase in out
    assert out.count("\n") == seed[0].count("\n")


def test_seed_explain_names_each_restoration(seed):
    text, _ = seed
    changes = hamsu.normalize_detailed(text).changes
    assert len(changes) == 13  # 12 words; برنامه ریزیهای has one split and one glued change
    assert {c.rule for c in changes} == {"halfspace.glued", "halfspace.split"}
    for c in changes:
        assert text[c.offset : c.end] == c.before


GENERAL = [
    # glued: the half-space was deleted
    ("میشود", "می‌شود"),
    ("نمیتوانند", "نمی‌توانند"),
    ("کتابهای", "کتاب‌های"),
    ("بزرگترین", "بزرگ‌ترین"),
    ("خانهای", "خانه‌ای"),
    # spaced: the half-space became a space
    ("می شود", "می‌شود"),
    ("نمی دانم", "نمی‌دانم"),
    ("درگیری ها", "درگیری‌ها"),
    ("کتاب ها", "کتاب‌ها"),
    ("گفته اند", "گفته‌اند"),
    ("برنامه ریزی", "برنامه‌ریزی"),
    # context: a glued word that is a word of its own stays, unless a subject pronoun precedes it
    ("فرماندهان میدانی", "فرماندهان میدانی"),
    ("تو میدانی که", "تو می‌دانی که"),
    ("من میدانم", "من می‌دانم"),
    # words that begin with می but are no verb
    ("میدان", "میدان"),
    ("میلیون", "میلیون"),
    ("میوهها", "میوه‌ها"),
    # prepositions and verb phrases stay apart
    ("به عنوان", "به عنوان"),
    ("واقع شده است", "واقع شده است"),
    ("در حالی که", "در حالی که"),
    ("تصمیم گرفت", "تصمیم گرفت"),
    ("اعلام کرد", "اعلام کرد"),
    ("بیرون راندن", "بیرون راندن"),
    # a clitic after a word the lexicons spell with it, though its ه follows و (قهوه‌ای "brown")
    ("قهوه ای", "قهوه‌ای"),
    # the privative prefix joins its listed compounds
    ("بی نظیر", "بی‌نظیر"),
    # glued plurals and possessives only the frequency lists know
    ("قیچیها", "قیچی‌ها"),
    ("گوشتشان", "گوشت‌شان"),
    # the plurals of pronouns are lexicalized, like آنها
    ("اینها", "اینها"),
    ("آنها", "آنها"),
    # words no lexicon lists: a common word + a bound head, or a word ending in silent ه + a word
    ("جنگلشناسی", "جنگل‌شناسی"),
    ("پروانهشناسی", "پروانه‌شناسی"),
    ("دریچهساز", "دریچه‌ساز"),
    ("شکوفهباران", "شکوفه‌باران"),
    # already right
    ("می‌شود", "می‌شود"),
    ("کتاب‌ها", "کتاب‌ها"),
]


@pytest.mark.parametrize(("text", "expected"), GENERAL)
def test_general_cases(text, expected):
    assert hamsu.normalize(text) == expected


def test_general_cases_in_running_text():
    text = "او گفت که کتابهای زیادی خوانده و به عنوان نویسنده میشود از او یاد کرد."
    assert hamsu.normalize(text) == "او گفت که کتاب‌های زیادی خوانده و به عنوان نویسنده می‌شود از او یاد کرد."


def test_split_plural_after_non_joining_letter():
    assert hamsu.normalize("کار ها") == hamsu.normalize("کارها") == "کارها"


@pytest.mark.parametrize("text", ["چشم‌های او", "تخت‌های چوبی"])
def test_writers_half_space_respected(text):
    assert hamsu.normalize(text) == text


@pytest.mark.parametrize("word", ["دالهاوزی", "شینهووا", "عابرانی", "درهایش", "خواهرانی"])
def test_unknown_words_not_split_on_fragments(word):
    # names and words whose parts would only be rare fragments (داله، عاب) or a clitic (ایش)
    assert hamsu.normalize(word) == word


# A run of spaces is one space mistyped: the parts join as they do across one space.
@pytest.mark.parametrize(
    ("text", "expected"),
    [("بنیان    گذار", "بنیان‌گذار"), ("من می   روم", "من می‌روم"), ("کتاب  ها", "کتاب‌ها")],
)
def test_parts_join_across_a_run_of_spaces(text, expected):
    assert hamsu.normalize(text) == expected


# The month May after ماه is no verb prefix, and no typo from Wikipedia's counts (می‌سال) may
# make one: می joins only a verb form or a spelling a lexicon lists.
@pytest.mark.parametrize("text", ["در ماه می سال ۲۰۲۴", "ماه می سال جدید", "در ماه می گذشته", "می سال", "می به"])
def test_month_may_is_not_a_verb_prefix(text):
    assert hamsu.normalize(text) == text


def test_verb_prefix_still_joins_after_the_month_word():
    assert hamsu.normalize("هر ماه می رود") == "هر ماه می‌رود"
    assert hamsu.normalize("ماه میرود") == "ماه می‌رود"


def test_shipped_table_has_no_stray_verb_prefix():
    from hamsu.persian.lexicon import halfspace_lexicon

    lex = halfspace_lexicon()
    assert "میسال" not in lex.zwnj
    assert f"می{ZWNJ}سال" not in lex.compounds


# تر and ترین after an adjective take the half-space (بزرگ‌ترین، قشنگ‌ترین); the lexicalized
# comparatives the standard writes glued, and words of their own ending in تر, stay.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قشنگترین زبان", "قشنگ‌ترین زبان"),
        ("خوشگلترین", "خوشگل‌ترین"),
        ("تاریکترین شب", "تاریک‌ترین شب"),
        ("نرمترین", "نرم‌ترین"),
        ("بیشترین و کمتر و بهترین", "بیشترین و کمتر و بهترین"),
        ("کلانتری و مستتر", "کلانتری و مستتر"),
        ("دختر و دفتر و فیلتر", "دختر و دفتر و فیلتر"),
    ],
)
def test_comparative_of_a_known_adjective(text, expected):
    assert hamsu.normalize(text) == expected


# A listed spelling whose half-spaces all follow a non-joining letter adds nothing on screen: the
# word comes back as it is (and fixing its parts again must not loop).
@pytest.mark.parametrize("word", ["اسکارها", "اخترها"])
def test_spelling_with_only_invisible_half_spaces(word):
    assert hamsu.normalize(word) == word
