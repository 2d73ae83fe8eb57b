"""Sentence splitting: one table of cases per rule in each language, and properties of the spans."""
from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from hamsu.segment import split_sentences


def sentences(text: str, lang: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text, lang)]


def case(lang: str, *parts: str, sep: str = " ") -> pytest.param:
    """A text made of `parts`, which should come back as exactly those sentences."""
    text = sep.join(parts)
    return pytest.param(lang, text, list(parts), id=f"{lang}: {text[:50]}")


# --- English -----------------------------------------------------------------------------------

EN_TERMINATORS = [
    case("en", "The vote was close.", "Results come tomorrow."),
    case("en", "Is it over?", "Nobody knows!", "We will see…", "Then we go."),
    case("en", "Really?!", "Yes."),
    case("en", "Wait...", "Then it rained."),
    case("en", "He said that ... the rest is unclear."),
    case("en", "The text [...] Goes on here."),
    case("en", "It was over. . .", "Then we left."),
    case("en", "One sentence without a final mark"),
    case("en", "It happened in 2019.", "Officials agreed."),
]

EN_QUOTES = [
    case("en", 'He said, "We are ready."', "The talks resumed."),
    case("en", "“Is this the end?”", "Nobody answered."),
    case("en", "(The figures were revised.)", "Markets rose."),
    case("en", "Prices rose (sharply).", "Wages did not."),
    case("en", '"Why?" he asked.', "No one replied."),
    case("en", "He was born in 1850 (?) and died young."),
    case("en", 'She called it "a mistake!" and left.'),
]

EN_ABBREVIATIONS = [
    case("en", "Mr. Smith met Dr. Jones and Prof. Lee at St. Mary's."),
    case("en", "Gen. Davis and Lt. Col. Park spoke to Gov. Hale and Sen. Ruiz."),
    case("en", "They won 3 vs. 2 on Jan. 5 at 10 a.m. local time."),
    case("en", "Bring fruit, e.g. apples, i.e. something cheap."),
    case("en", "He joined Acme Inc. in March.", "It went well."),
    case("en", "Apples, pears, etc.", "Everything was sold."),
    case("en", "It was shown by Whitby et al.", "Later work agreed."),
    case("en", "See Fig. 3 and No. 5 on p. 12 of vol. 2."),
    case("en", "The answer was no.", "They left."),
    case("en", "The case Roe v. Wade was cited."),
    case("en", "It cost approx. 5 dollars."),
    case("en", "The meeting ends at 5 p.m.", "Thailand planned a curfew."),
    case("en", "The meeting ends at 5 p.m. Monday."),
    case("en", "The talks start at 9 a.m. EST."),
    case("en", "Cases rose before 10 a.m. Central European Time."),
    case("en", "He joined Acme Co.", "The firm grew."),
]

EN_ACRONYMS_AND_INITIALS = [
    case("en", "The U.S. President spoke to the U.N. Security Council."),
    case("en", "Troops left the U.K.", "The next day they landed."),
    case("en", "Reports of undercounting in the U.S.", "Such errors are common."),
    case("en", "The book was written by J. R. R. Tolkien in England."),
    case("en", "President George W. Bush spoke."),
    case("en", "They flew from A to B.", "Airlines know this."),
    case("en", "Take vitamin D.", "Large doses help."),
    case("en", "He studied for a Ph.D. in physics."),
    case("en", "The program chief N. Wayne Hale Jr. said so."),
    case("en", "He was named after Martin Luther King Jr. and his father."),
]

EN_NUMBERS_AND_ADDRESSES = [
    case("en", "Growth was 3.5 percent in version 2.0.1 of the plan."),
    case("en", "It rose 2.4% to 1,000.5 units.", "Then it fell."),
    case("en", "Visit https://example.com/a.b?x=1 or www.example.org for more."),
    case("en", "Mail info@example.co.uk today.", "Thanks."),
    case("en", "Details are at www.example.com.", "Read them."),
    case("en", "The train left at 10.30 and arrived at 12:45."),
    case("en", "The steps are: 1. Wash hands.", "2. Dry them."),
    case("en", "Sales reached 1.2 million.", "Profits fell."),
    case("en", "Her email is Jane.Doe@example.com.", "I sent her an email."),
    case("en", "Write to first.last@mail.example.org or call.", "We answer."),
    case("en", "You can find it at N°. 1026.253.553.", "That is where it is."),
    case("en", "At 5 a.m. Mr. Smith went to the bank.", "He left at 6 P.M.", "Mr. Smith then went home."),
]

# A list written on one line: each item opens a sentence.
EN_INLINE_LISTS = [
    case("en", "1.) The first item", "2.) The second item"),
    case("en", "1) The first item", "2) The second item", "3) The third item"),
    case("en", "1. The first item", "2. The second item"),
    case("en", "• 9. The first item", "• 10. The second item"),
    case("en", "⁃9. The first item", "⁃10. The second item"),
    case("en", "a. The first item", "b. The second item", "c. The third list item"),
    case("en", "1) Wash hands with 2 cups of water 3 times."),
]

EN_CASE = [
    case("en", "The vote, etc. and other matters, were delayed."),
    case("en", "Prices rose in the U.S. and in Europe."),
    case("en", "It was the first vaccine.", "mRNA vaccines came later."),
    case("en", "are you having chest pain?", "do you have a fever?"),
    case("en", "The results were published.", "iPhone sales grew."),
    case("en", "Welcome to Yahoo! is what it said."),
    case("en", "She joined Yahoo! Inc. in 2005.", "It grew."),
]

EN_GLUED = [
    case("en", "Treatment is supportive.", "Prevention includes hand washing.", sep=""),
    case("en", "It spread worldwide.", "The United Kingdom responded.", sep=""),
    case("en", "Cases fell by 20 January 2020.", "As of March, they rose.", sep=""),
    case("en", 'They called it "erroneous".', "In China, it spread.", sep=""),
    case("en", "It is related to SARS-CoV.", "The first case was found.", sep=""),
    case("en", "Cases rose in the U.S.China followed."),
    case("en", "He founded Booking.Com in 1996."),
    case("en", "Ask Mr.Smith about it."),
    case("en", "Open example.com/page?Id=1 now."),
]

EN_LINES = [
    pytest.param("en", "First paragraph ends\n\nSecond one", ["First paragraph ends", "Second one"], id="blank line"),
    pytest.param("en", "First\r\n  \r\nSecond", ["First", "Second"], id="blank line crlf"),
    pytest.param("en", "First\u2029Second", ["First", "Second"], id="paragraph separator"),
    pytest.param("en", "This text is wrapped\nat a narrow width.", ["This text is wrapped\nat a narrow width."],
                 id="wrapped line"),
    pytest.param("en", "We met with\nJohn Smith today.", ["We met with\nJohn Smith today."], id="wrapped before name"),
    pytest.param("en", "Coronavirus outbreak\nThe virus spread fast through the region.",
                 ["Coronavirus outbreak", "The virus spread fast through the region."], id="heading"),
    pytest.param("en", "A narrow column of text\nWrapped Across Lines.",
                 ["A narrow column of text\nWrapped Across Lines."], id="wrapped column"),
    pytest.param("en", "The list:\n- one\n- two\n1. three\n2) four",
                 ["The list:", "- one", "- two", "1. three", "2) four"], id="list items"),
    pytest.param("en", "Remember these\n1. Wash hands\n2. Stay home",
                 ["Remember these", "1. Wash hands", "2. Stay home"], id="numbered list"),
    pytest.param("en", "Mr.\n\nSmith", ["Mr.", "Smith"], id="paragraph break beats abbreviation"),
]


# --- Persian -----------------------------------------------------------------------------------

FA_TERMINATORS = [
    case("fa", "رأی‌گیری به پایان رسید.", "نتایج فردا اعلام می‌شود."),
    case("fa", "آیا جنگ تمام شد؟", "هیچ‌کس نمی‌داند!", "خواهیم دید…", "سپس رفتیم."),
    case("fa", "چرا?", "معلوم نیست."),
    case("fa", "او آمد؛ سپس رفت و هیچ نگفت."),
    case("fa", "میوه‌ها مانند سیب، گلابی و ... را خریدند."),
    case("fa", "او منتظر ماند...", "کسی نیامد."),
    case("fa", "جمله‌ای بدون نقطه پایانی"),
    case("fa", "این اتفاق در سال ۱۳۹۹ افتاد.", "مسئولان پذیرفتند."),
    case("fa", "این اتفاق در سال 2020 افتاد.", "مسئولان پذیرفتند."),
]

FA_QUOTES = [
    case("fa", "او گفت: «ما آماده‌ایم.»", "مذاکرات ادامه یافت."),
    case("fa", "«آیا این پایان است؟»", "کسی پاسخ نداد."),
    case("fa", "او پرسید «آیا این درست است؟» و پاسخی نشنید."),
    case("fa", "«این درست است؟» را بارها پرسیدند."),
    case("fa", "«چرا؟» گفت و رفت."),
    case("fa", "او گفت: «ما آماده‌ایم.» و افزود که مذاکره ادامه دارد."),
    case("fa", "«چرا؟»", "او پاسخی نداد."),
    case("fa", "قیمت‌ها بالا رفت (به‌شدت).", "دستمزدها نه."),
    case("fa", "او در سال ۱۸۵۰ (؟) به دنیا آمد."),
]

FA_ABBREVIATIONS = [
    case("fa", "او در سال ۱۳۵۷ ه.ش. به ایران بازگشت."),
    case("fa", "این بنا در سال ۶۲۲ ه.ق. و در دوره‌ای دیگر ساخته شد."),
    case("fa", "اسکندر در سال ۳۳۰ ق.م. به ایران حمله کرد."),
    case("fa", "این کتاب در سال ۱۹۸۵ م. چاپ شد."),
    case("fa", "کتاب را م. ع. شفیعی نوشته است."),
    case("fa", "نام رسمی ج.ا.ا. در قانون اساسی آمده است."),
    case("fa", "شرکت Apple Inc. اعلام کرد که فروش افزایش یافت."),
    case("fa", "این جهش در پروتئین S.", "عموماً اهمیت دارد."),
]

FA_NUMBERS_AND_ADDRESSES = [
    case("fa", "نرخ رشد ۳٫۵ درصد و تورم ۳.۵ درصد بود."),
    case("fa", "نرخ رشد 3.5 درصد بود.", "تورم کاهش یافت."),
    case("fa", "جلسه ساعت ۱۰:۳۰ آغاز شد."),
    case("fa", "به نشانی https://example.ir/news/1.html بروید.", "خبر آنجاست."),
    case("fa", "با info@example.ir تماس بگیرید.", "ممنونیم."),
    case("fa", "مراحل چنین است: ۱. دست‌ها را بشویید.", "۲. خشک کنید."),
    case("fa", "نشانی او Jane.Doe@example.com است.", "به او نامه زدم."),
    case("fa", "۱. دست‌ها را بشویید", "۲. در خانه بمانید"),
]

FA_GLUED_AND_LATIN = [
    case("fa", "این پروتئین را orf8 می‌سازد.", "orf3b نیز نقش دارد."),
    case("fa", "او به خانه رفت.", "سپس خوابید.", sep=""),
    case("fa", 'او گفت "این کار نباید انجام شود."', "از مارس، روش تغییر کرد.", sep=""),
    case("fa", "این طرح تا سال ۲۰۲۰.", "در آن سال متوقف شد.", sep=""),
    case("fa", "واکسن‌ها ساخته شد.", "mRNA پیشتاز بود."),
    # a Latin name with its exclamation mark in mid-sentence: a Persian sentence does not end on it
    case("fa", "او در Yahoo! کار می‌کند.", "شرکت بزرگی است."),
    case("fa", "عالی بود!", "Wow!", "این را ندیده بودم."),
]

FA_LINES = [
    pytest.param("fa", "بند نخست\n\nبند دوم", ["بند نخست", "بند دوم"], id="fa blank line"),
    pytest.param("fa", "نکته‌ها\n۱. دست‌ها را بشویید\n۲- در خانه بمانید",
                 ["نکته‌ها", "۱. دست‌ها را بشویید", "۲- در خانه بمانید"], id="fa list"),
    pytest.param("fa", "شیوع کرونا در ایران\nویروس در چند هفته به سرعت در همه استان‌ها گسترش یافت.",
                 ["شیوع کرونا در ایران", "ویروس در چند هفته به سرعت در همه استان‌ها گسترش یافت."], id="fa heading"),
    pytest.param("fa", "این متن در میانه جمله به خط بعد\nمی‌رود و ادامه دارد.",
                 ["این متن در میانه جمله به خط بعد\nمی‌رود و ادامه دارد."], id="fa wrapped"),
    pytest.param("fa", "متن به\nخط بعد می‌رود.", ["متن به\nخط بعد می‌رود."], id="fa wrapped after preposition"),
]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    EN_TERMINATORS + EN_QUOTES + EN_ABBREVIATIONS + EN_ACRONYMS_AND_INITIALS + EN_NUMBERS_AND_ADDRESSES + EN_CASE
    + EN_GLUED + EN_LINES + EN_INLINE_LISTS,
)
def test_english(lang: str, text: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    FA_TERMINATORS + FA_QUOTES + FA_ABBREVIATIONS + FA_NUMBERS_AND_ADDRESSES + FA_GLUED_AND_LATIN + FA_LINES,
)
def test_persian(lang: str, text: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


def test_invisible_marks_do_not_hide_an_end() -> None:
    text = "او آمد.\u200f سپس رفت."
    assert sentences(text, "fa") == ["او آمد.\u200f", "سپس رفت."]


def test_offsets_point_into_the_original_text() -> None:
    text = "  First one.   Second one.\n\n\tThird  "
    assert split_sentences(text, "en") == [(2, 12), (15, 26), (29, 34)]


@pytest.mark.parametrize("text", ["", " ", "\n\n\t \u2029 "])
def test_blank_text_has_no_sentences(text: str) -> None:
    assert split_sentences(text, "fa") == [] == split_sentences(text, "en")


def test_unknown_language() -> None:
    with pytest.raises(ValueError, match="lang"):
        split_sentences("Hello.", "de")


# --- Properties --------------------------------------------------------------------------------

FA_WORDS = ["او", "گفت", "است", "در", "سال", "را", "که", "و", "می‌رود", "ایران", "ه.ق.", "ق.م.", "م.", "ج"]
EN_WORDS = ["the", "The", "He", "vote", "Iran", "Mr.", "U.S.", "e.g.", "etc.", "a.m.", "J.", "No.", "iPhone",
            "mRNA", "Inc.", "al.", "v.", "A", "I"]
NUMBERS = ["3.5", "۳٫۵", "۳.۵", "1.", "۱.", "12)", "۲-", "2019", "10:30", "1,000", "۱۳۹۹"]
ADDRESSES = ["https://example.com/a.b?x=1", "www.x.ir/خبر.html", "info@example.com", "#برچسب"]
MARKS = [".", "?", "!", "؟", "…", "...", "؛", "،", ",", ":", ";", "«", "»", '"', "'", "“", "”", "(", ")", "[", "]",
         "-", "•", "*"]
SPACES = [" ", " ", " ", "  ", "\n", "\n\n", "\t", "\r\n", "\r", "\u2029", "\u2028", "\u00a0", "\x0b", "\x1c",
          "\u200c", "\u200f", "\ufeff"]
PIECES = FA_WORDS + EN_WORDS + NUMBERS + ADDRESSES + MARKS + SPACES

pieces_text = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
chaos_text = st.text(
    alphabet=st.sampled_from(list("aZ.?!؟…«»\"')(]:،؛1۱ \n\t\r\u2029\u200c\u200fابس")), max_size=60
)
any_text = st.one_of(pieces_text, chaos_text)
langs = st.sampled_from(["fa", "en"])


def assert_valid_spans(text: str, spans: list[tuple[int, int]]) -> None:
    covered = [False] * len(text)
    prev_end = 0
    for start, end in spans:
        assert prev_end <= start < end <= len(text), (spans, text)
        assert not text[start].isspace() and not text[end - 1].isspace(), (text[start:end], text)
        for i in range(start, end):
            covered[i] = True
        prev_end = end
    lost = [c for c, inside in zip(text, covered, strict=True) if not inside and not c.isspace()]
    assert not lost, (lost, text)


@given(any_text, langs)
@example("Mr.\n\n. U.S. ه.ق.» «", "en")
@example("\u200f.\u200f\n\n\u200f", "fa")
@example("a.B? c", "en")
def test_spans_are_ordered_stripped_and_lose_no_text(text: str, lang: str) -> None:
    assert_valid_spans(text, split_sentences(text, lang))


@given(any_text, any_text, langs)
def test_a_paragraph_break_always_ends_a_sentence(first: str, second: str, lang: str) -> None:
    text = f"{first}\n\n{second}"
    shift = len(first) + 2
    expected = split_sentences(first, lang) + [(s + shift, e + shift) for s, e in split_sentences(second, lang)]
    assert split_sentences(text, lang) == expected


@given(any_text, langs, st.sampled_from([" ", "\n", "\t\t", " \n "]))
def test_leading_whitespace_only_shifts_the_spans(text: str, lang: str, space: str) -> None:
    shifted = [(s + len(space), e + len(space)) for s, e in split_sentences(text, lang)]
    assert split_sentences(space + text, lang) == shifted
