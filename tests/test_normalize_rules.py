"""One table per normalization rule: input, expected output, and the rule that must be reported.

Invisible characters are written as escapes so that every case can be read in the source.
"""
from __future__ import annotations

import pytest

import hamsu

ZWNJ = "\u200c"
ZWSP = "\u200b"


def rules_of(text: str, **options) -> set[str]:
    return {c.rule for c in hamsu.normalize_detailed(text, **options).changes}


def check(text: str, expected: str, rule: str | None, **options) -> None:
    assert hamsu.normalize(text, **options) == expected
    rules = rules_of(text, **options)
    if rule is None:
        assert rules == set(), f"no change expected, got {rules}"
    else:
        assert rule in rules


# --- letters: Arabic letter variants -> Persian ----------------------------------------------

ARABIC_VARIANTS = [
    ("علي", "علی"),  # U+064A ARABIC YEH
    ("مصطفى", "مصطفی"),  # U+0649 ALEF MAKSURA
    ("كتاب", "کتاب"),  # U+0643 ARABIC KAF
    ("يك كار", "یک کار"),
    ("مكتب علي و ى", "مکتب علی و ی"),
]


@pytest.mark.parametrize(("text", "expected"), ARABIC_VARIANTS)
def test_arabic_variants(text, expected):
    check(text, expected, "letters.arabic_variant")


# --- letters: kashida (tatweel) removed -------------------------------------------------------

KASHIDA = [
    ("مـن", "من"),
    ("مـــــن", "من"),
    ("بـسـیـار خـوب", "بسیار خوب"),
]


@pytest.mark.parametrize(("text", "expected"), KASHIDA)
def test_kashida(text, expected):
    check(text, expected, "letters.kashida")


# --- letters: presentation forms -> base letters ----------------------------------------------

PRESENTATION_FORMS = [
    ("\ufefb", "لا"),  # lam-alef ligature
    ("\ufeb3\ufefc\ufee1", "سلام"),
]


@pytest.mark.parametrize(("text", "expected"), PRESENTATION_FORMS)
def test_presentation_forms(text, expected):
    check(text, expected, "letters.presentation_form")


# --- spaces: bidi marks removed ---------------------------------------------------------------

BIDI_MARKS = [
    ("سلام\u200eدنیا", "سلامدنیا"),  # LRM
    ("سلام\u200f دنیا", "سلام دنیا"),  # RLM
    ("سازمان \u202aUN\u202c ملل", "سازمان UN ملل"),  # LRE ... PDF
    ("سازمان \u202bملل\u202c", "سازمان ملل"),  # RLE
    ("سازمان \u202dUN\u202c", "سازمان UN"),  # LRO
    ("سازمان \u202eUN\u202c", "سازمان UN"),  # RLO
    ("\u2066سلام\u2069 \u2067دنیا\u2069 \u2068x\u2069", "سلام دنیا x"),  # isolates
    ("سلام\u061cدنیا", "سلامدنیا"),  # ARABIC LETTER MARK
]


@pytest.mark.parametrize(("text", "expected"), BIDI_MARKS)
def test_bidi_marks(text, expected):
    check(text, expected, "spaces.bidi_mark")


# --- spaces: NBSP and other odd spaces -> space -------------------------------------------------

ODD_SPACES = [
    ("سلام\u00a0دنیا", "سلام دنیا"),  # NO-BREAK SPACE
    ("سلام\u2002دنیا", "سلام دنیا"),  # EN SPACE
    ("سلام\u2003دنیا", "سلام دنیا"),  # EM SPACE
    ("سلام\u2009دنیا", "سلام دنیا"),  # THIN SPACE
    ("سلام\u202fدنیا", "سلام دنیا"),  # NARROW NO-BREAK SPACE
    ("سلام\u205fدنیا", "سلام دنیا"),  # MEDIUM MATHEMATICAL SPACE
    ("سلام\u3000دنیا", "سلام دنیا"),  # IDEOGRAPHIC SPACE
]


@pytest.mark.parametrize(("text", "expected"), ODD_SPACES)
def test_odd_spaces(text, expected):
    check(text, expected, "spaces.odd_space")


def test_byte_order_mark_inside_text_removed():
    check("سلام\ufeffدنیا", "سلامدنیا", "spaces.invisible")


# --- ZWSP between Persian letters -> ZWNJ; ZWSP elsewhere removed ------------------------------

ZWSP_CASES = [
    (f"می{ZWSP}شود", f"می{ZWNJ}شود"),
    (f"کتاب{ZWSP}ها", f"کتاب{ZWNJ}ها"),
    (f"سلام{ZWSP} دنیا", "سلام دنیا"),
    (f"{ZWSP}سلام{ZWSP}", "سلام"),
]


@pytest.mark.parametrize(("text", "expected"), ZWSP_CASES)
def test_zero_width_space(text, expected):
    check(text, expected, "spaces.zwsp")


# --- ZWNJ: duplicates collapsed ----------------------------------------------------------------

DUPLICATE_ZWNJ = [
    (f"می{ZWNJ}{ZWNJ}شود", f"می{ZWNJ}شود"),
    (f"کتاب{ZWNJ * 4}ها", f"کتاب{ZWNJ}ها"),
    (f"می{ZWNJ}{ZWSP}شود", f"می{ZWNJ}شود"),
]


@pytest.mark.parametrize(("text", "expected"), DUPLICATE_ZWNJ)
def test_duplicate_zwnj(text, expected):
    check(text, expected, "letters.zwnj")


# --- ZWNJ: next to a space, at a word edge, beside a non-letter: removed ----------------------

STRAY_ZWNJ = [
    (f"سلام {ZWNJ}دنیا", "سلام دنیا"),
    (f"سلام{ZWNJ} دنیا", "سلام دنیا"),
    (f"{ZWNJ}سلام{ZWNJ}", "سلام"),
    (f"سلام{ZWNJ}\nدنیا", "سلام\nدنیا"),
    (f"سلام{ZWNJ}، دنیا", "سلام، دنیا"),
    (f"۳{ZWNJ}ام", "۳ام"),
    (f"سلام a{ZWNJ}b", "سلام ab"),
]


@pytest.mark.parametrize(("text", "expected"), STRAY_ZWNJ)
def test_stray_zwnj(text, expected):
    check(text, expected, "letters.zwnj")


WRITERS_ZWNJ_KEPT = [
    f"می{ZWNJ}شود",
    f"کتاب{ZWNJ}ها",
    f"کار{ZWNJ}ها",  # after a non-joining letter: invisible, but the writer's own and harmless
    f"خانه{ZWNJ}ای",
]


@pytest.mark.parametrize("text", WRITERS_ZWNJ_KEPT)
def test_writers_zwnj_kept(text):
    check(text, text, None)


# --- hamza forms kept ----------------------------------------------------------------------------

HAMZA_KEPT = ["شیء", "رئیس", "مؤسسه", "مسئله", "تأثیر", "إسلام", "خانهٔ ما", "خانۀ ما", "جزء"]


@pytest.mark.parametrize("text", HAMZA_KEPT)
def test_hamza_forms_kept(text):
    check(text, text, None)


# --- punctuation spacing -------------------------------------------------------------------------

PUNCTUATION = [
    ("سلام ، خوبی ؟", "سلام، خوبی؟", "punct.space_before"),
    ("الف ؛ ب", "الف؛ ب", "punct.space_before"),
    ("او رفت .", "او رفت.", "punct.space_before"),
    ("او رفت !", "او رفت!", "punct.space_before"),
    ("او گفت : سلام", "او گفت: سلام", "punct.space_before"),
    ("«  سلام  »", "«سلام»", "punct.space_inside_quotes"),
    ("« سلام»", "«سلام»", "punct.space_inside_quotes"),
    ('او گفت " سلام "', 'او گفت "سلام"', "punct.space_inside_quotes"),
    ("الف،ب", "الف، ب", "punct.space_after"),
    ("الف؛ب", "الف؛ ب", "punct.space_after"),
    ("سلام؟خوبی", "سلام؟ خوبی", "punct.space_after"),
    ("او گفت«سلام»رفت", "او گفت «سلام» رفت", "punct.space_after"),
    ("سلام،«دنیا»", "سلام، «دنیا»", "punct.space_after"),
]


@pytest.mark.parametrize(("text", "expected", "rule"), PUNCTUATION)
def test_punctuation_spacing(text, expected, rule):
    check(text, expected, rule)


PUNCTUATION_ALREADY_RIGHT = ["سلام، خوبی؟", "«سلام» گفت", "الف؛ ب", "او رفت.", "پرسید: «چرا؟»"]


@pytest.mark.parametrize("text", PUNCTUATION_ALREADY_RIGHT)
def test_punctuation_already_right(text):
    check(text, text, None)


# A mark glued between two Persian words lost the space after it.
GLUED_PUNCTUATION = [
    ("سلام!چطوری؟", "سلام! چطوری؟"),
    ("ناصر گفت:«من می‌روم.»", "ناصر گفت: «من می‌روم.»"),
    ("من می‌روم.تو نمی‌آیی؟", "من می‌روم. تو نمی‌آیی؟"),
    ("اینجا کجاست؟تو می‌دانی؟", "اینجا کجاست؟ تو می‌دانی؟"),
    ("چطوری?خوبی", "چطوری? خوبی"),
]


@pytest.mark.parametrize(("text", "expected"), GLUED_PUNCTUATION)
def test_glued_punctuation_spaced(text, expected):
    check(text, expected, "punct.space_after")


# Numbers, times, addresses, Latin abbreviations and Persian single-letter abbreviations.
GLUED_PUNCTUATION_KEPT = [
    "عدد ۲.۵ است",
    "ساعت 3:30 و ۳:۳۰ است",
    "سایت www.example.com/خبر!تازه را ببینید",
    "ایمیل Jane.Doe@example.com است",
    "در U.S.A است",
    "سال ۵۰۰ ق.م.",
    "جمهوری ج.ا.ا است",
    "گفت:… و بعد",
]


@pytest.mark.parametrize("text", GLUED_PUNCTUATION_KEPT)
def test_glued_marks_in_tokens_kept(text):
    check(text, text, None)


# --- numbers, URLs, e-mail addresses, hashtags, times and dates untouched ------------------------

UNTOUCHED = [
    "حدود ۳٫۵ درصد",
    "حدود 4.2 درصد",
    "عدد پی 3.14 است",
    "قیمت 1,000 تومان",
    "قیمت ۱٬۰۰۰ تومان",
    "قیمت 1,000,000 تومان، یعنی ۱٬۰۰۰٬۰۰۰",
    "سایت https://example.com/a.b?x=1 را ببینید",
    "سایت https://fa.wikipedia.org/wiki/برنامه_ریزی،شهری را ببینید",
    "سایت https://example.com/کتابها/میشود?q=سلام، را ببینید",
    "سایت www.example.com/a،b را ببینید",
    "ایمیل test.user+news@example.co.ir است",
    "ایمیل info@news-agency.ir، تماس",
    "هشتگ #برنامه_ریزی و #کتابها",
    "از @user_name و @میشود",
    "ساعت 10:30 است",
    "ساعت ۱۰:۳۰ است",
    "تاریخ 1403/05/12 است",
    "تاریخ ۱۴۰۳/۰۵/۱۲ است",
    "بیماری COVID-19 و کاغذ A4",
]


@pytest.mark.parametrize("text", UNTOUCHED)
def test_protected_and_numbers_untouched(text):
    check(text, text, None)


# --- spaces: runs between words closed up, a space between a word and a number ----------------

SPACE_RUNS = [
    ("سلام    دنیا", "سلام دنیا"),
    ("این  یک  آزمون  است", "این یک آزمون است"),
    ("او گفت:  «بله»", "او گفت: «بله»"),
    ("سلام\nدنیا   و  ما", "سلام\nدنیا و ما"),
]


@pytest.mark.parametrize(("text", "expected"), SPACE_RUNS)
def test_space_runs_closed_up(text, expected):
    check(text, expected, "spaces.run")


# A line's edges are layout, a tab may separate columns, and Latin lines are not Persian text.
SPACES_KEPT = ["  سلام دنیا  ", "سلام\tدنیا", "سلام\t\tدنیا", "two  spaces\nسلام"]


@pytest.mark.parametrize("text", SPACES_KEPT)
def test_edge_spaces_and_tabs_kept(text):
    check(text, text, None)


NUMBER_SPACING = [
    ("مسافت ۹کیلومتر", "مسافت ۹ کیلومتر"),
    ("مسافت۹ کیلومتر", "مسافت ۹ کیلومتر"),
    ("به طول ۹متر و عرض۶", "به طول ۹ متر و عرض ۶"),
    ("۳تا کتاب", "۳ تا کتاب"),
    ("رشد ۲٫۵درصدی", "رشد ۲٫۵ درصدی"),
    ("ساعت12 ظهر", "ساعت 12 ظهر"),
]


@pytest.mark.parametrize(("text", "expected"), NUMBER_SPACING)
def test_number_glued_to_word_spaced(text, expected):
    check(text, expected, "spaces.number")


# Ordinal and plural endings written onto a number, and single-letter labels, stay glued.
NUMBER_GLUED_KEPT = ["قرن ۲۰ام", "نفر ۵مین", "رتبه ۳امین", "دهه ۱۳۶۰ها", "ردیف ب۲ و ۱۲ب", "بیماری COVID-19 در ایران"]


@pytest.mark.parametrize("text", NUMBER_GLUED_KEPT)
def test_number_endings_and_labels_kept(text):
    check(text, text, None)


# --- digits: --digits fa | ascii -----------------------------------------------------------------

DIGITS_FA = [
    ("سال 1403", "سال ۱۴۰۳"),
    ("سال ١٤٠٣", "سال ۱۴۰۳"),  # Arabic-Indic digits
    ("عدد 3.14 است", "عدد ۳٫۱۴ است"),
    ("قیمت 1,000 تومان", "قیمت ۱٬۰۰۰ تومان"),
    ("ساعت 10:30", "ساعت ۱۰:۳۰"),
    ("بیماری COVID-19 و کاغذ A4", "بیماری COVID-19 و کاغذ A4"),  # identifiers keep their digits
    ("سایت https://example.com/2024/a عدد 12", "سایت https://example.com/2024/a عدد ۱۲"),
    ("ایمیل user1@example.com یا #کرونا_2020", "ایمیل user1@example.com یا #کرونا_2020"),
]

DIGITS_ASCII = [
    ("سال ۱۴۰۳", "سال 1403"),
    ("سال ١٤٠٣", "سال 1403"),
    ("عدد ۳٫۱۴ است", "عدد 3.14 است"),
    ("قیمت ۱٬۰۰۰ تومان", "قیمت 1,000 تومان"),
    ("ساعت ۱۰:۳۰", "ساعت 10:30"),
    ("تاریخ ۱۴۰۳/۰۵/۱۲", "تاریخ 1403/05/12"),
]


@pytest.mark.parametrize(("text", "expected"), DIGITS_FA)
def test_digits_fa(text, expected):
    check(text, expected, "digits.persian" if text != expected else None, digits="fa")


def test_digits_fa_date():
    assert hamsu.normalize("تاریخ 1403/05/12", digits="fa") == "تاریخ ۱۴۰۳/۰۵/۱۲"


@pytest.mark.parametrize(("text", "expected"), DIGITS_ASCII)
def test_digits_ascii(text, expected):
    check(text, expected, "digits.ascii", digits="ascii")


@pytest.mark.parametrize("text", ["سال ۱۴۰۳ و 2024", "سال ١٤٠٣"])
def test_digits_kept_by_default(text):
    assert hamsu.normalize(text) == text
    assert hamsu.normalize(text, digits="keep") == text


def test_digits_bad_mode():
    with pytest.raises(ValueError, match="digits"):
        hamsu.normalize("سال ۱۴۰۳", digits="roman")


# --- diacritics ----------------------------------------------------------------------------------

STRIP_DIACRITICS = [
    ("نُجَباء", "نجباء"),
    ("مُحَمَّدٌ", "محمد"),
    ("مهمّ", "مهم"),  # shadda
    ("موسیٰ", "موسی"),  # superscript alef
    ("خانهٔ ما", "خانهٔ ما"),  # hamza above is a letter part (ezafe), kept
    ("شیءِ مهم", "شیء مهم"),
]


@pytest.mark.parametrize(("text", "expected"), STRIP_DIACRITICS)
def test_strip_diacritics(text, expected):
    check(text, expected, "letters.diacritic" if text != expected else None, strip_diacritics=True)


@pytest.mark.parametrize("text", [t for t, _ in STRIP_DIACRITICS])
def test_diacritics_kept_by_default(text):
    assert hamsu.normalize(text) == text


# --- Latin-only lines unchanged ------------------------------------------------------------------

LATIN_ONLY = [
    "Hello , world ?",
    "« x »  and  \" y \"",
    "Price: 1,000 . Time 10:30 !",
    "a\u00a0b\u200bc\u200cd",  # odd spaces and invisible marks outside Persian lines are not ours
]


@pytest.mark.parametrize("text", LATIN_ONLY)
def test_latin_only_lines_unchanged(text):
    for options in ({}, {"digits": "fa"}, {"digits": "ascii"}, {"strip_diacritics": True}):
        assert hamsu.normalize(text, **options) == text
        assert hamsu.normalize_detailed(text, **options).changes == ()


def test_latin_line_beside_persian_line_unchanged():
    text = "Hello , world ?\nسلام ، دنیا\nHello\u00a0again ."
    assert hamsu.normalize(text) == "Hello , world ?\nسلام، دنیا\nHello\u00a0again ."


PROTECTED_EDGE = [
    "هشتگ #کتاب ها",
    "سایت https://example.com/می شود",
]


@pytest.mark.parametrize("text", PROTECTED_EDGE)
def test_no_half_space_glued_onto_url_or_hashtag(text):
    assert hamsu.normalize(text) == text
