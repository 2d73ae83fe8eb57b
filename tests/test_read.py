"""Reading documents: blocks, languages, titles, boilerplate, layouts, formats and errors."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import hamsu.read as read
from hamsu.errors import InputError
from hamsu.read import (
    BOILERPLATE,
    FOOTER_LINE,
    LEADING_NAVIGATION,
    PARAGRAPH,
    TITLE,
    TITLE_MARKER,
    TRAILING_SECTION_LINK,
    document_layout,
    language_of,
    languages_present,
    read_document,
    read_html,
    read_jsonl,
    read_pair,
    read_pair_paths,
    read_path,
    require_both_languages,
)
from hamsu.records import Document

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "seed.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "read"
REASONS = {TITLE_MARKER, LEADING_NAVIGATION, TRAILING_SECTION_LINK, FOOTER_LINE}


def block_texts(doc: Document, **where: str) -> list[str]:
    return [
        doc.texts[b.source][b.start : b.end]
        for b in doc.blocks
        if all(getattr(b, field) == value for field, value in where.items())
    ]


def assert_well_formed(doc: Document) -> None:
    """Every non-whitespace character of every text lies in exactly one block; blocks are ordered,
    trimmed, and carry valid labels."""
    for source, text in enumerate(doc.texts):
        blocks = [b for b in doc.blocks if b.source == source]
        covered = [0] * len(text)
        for b in blocks:
            assert 0 <= b.start < b.end <= len(text)
            assert not text[b.start].isspace() and not text[b.end - 1].isspace()
            for i in range(b.start, b.end):
                covered[i] += 1
        for i, ch in enumerate(text):
            assert covered[i] == 1 or (ch.isspace() and covered[i] == 0), (i, ch, text)
        assert [b.start for b in blocks] == sorted(b.start for b in blocks)
    assert [b.source for b in doc.blocks] == sorted(b.source for b in doc.blocks)
    for b in doc.blocks:
        assert b.lang in ("fa", "en", "other")
        assert b.kind in (TITLE, PARAGRAPH, BOILERPLATE)
        assert (b.reason in REASONS) if b.kind == BOILERPLATE else b.reason == ""


# --- the seed article ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> Document:
    return read_document(SEED.read_text(encoding="utf-8"), str(SEED))


def test_seed_titles_and_paragraphs(seed):
    assert_well_formed(seed)
    kinds = [(b.lang, b.kind) for b in seed.blocks if b.kind != BOILERPLATE]
    assert kinds == [("fa", TITLE)] + [("fa", PARAGRAPH)] * 7 + [("en", TITLE)] + [("en", PARAGRAPH)] * 7


def test_seed_title_markers_are_sub_spans_of_the_title_lines(seed):
    text = seed.texts[0]
    for lang in ("fa", "en"):
        (title,) = [b for b in seed.blocks if b.kind == TITLE and b.lang == lang]
        (marker,) = [b for b in seed.blocks if b.reason == TITLE_MARKER and b.lang == lang]
        line_end = text.find("\n", title.start)
        assert title.end < marker.start < marker.end == line_end
        assert text[marker.start] == "+"
        assert not text[title.end - 1].isspace()


def test_seed_trailing_section_link(seed):
    last = seed.blocks[-1]
    assert (last.kind, last.reason, last.lang) == (BOILERPLATE, TRAILING_SECTION_LINK, "fa")
    assert seed.texts[0][last.end :].strip() == ""
    boilerplate = [b.reason for b in seed.blocks if b.kind == BOILERPLATE]
    assert sorted(boilerplate) == sorted([TITLE_MARKER, TITLE_MARKER, TRAILING_SECTION_LINK])


def test_seed_layout_and_id(seed):
    layout = document_layout(seed)
    assert layout.kind == "fa-en" and layout.strays == ()
    expected = hashlib.sha256(seed.texts[0].encode("utf-8")).hexdigest()[:16]
    assert seed.id == expected
    assert read_document(seed.texts[0], "elsewhere").id == expected  # the id is the content's
    assert read_document(seed.texts[0], "x", doc_id="given").id == "given"
    assert seed.metadata() == {"format": "text"}
    require_both_languages(seed)


# --- language detection -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, lang",
    [
        ("وزیر امور خارجه صبح امروز برای دیداری دو روزه وارد مسکو شد.", "fa"),
        ("The foreign minister arrived in Moscow this morning.", "en"),
        ("قال الرئيس في كلمته إن الشعب الذي يقاوم سينتصر على أعدائه", "ar"),  # Arabic quote
        ("إنا لله وإنا إليه راجعون", "ar"),
        ("فرمانده سپاه پاسداران انقلاب اسلامی (IRGC) گفت", "fa"),  # Persian with an English acronym
        ("The IRGC (سپاه) said on Monday that it would respond.", "en"),  # English with a Persian word
        ("من به مدرسه رفتم", "fa"),  # من is "I" here, not the Arabic "from"
        ("اين متن با حروف عربي ولي به زبان فارسي است كه در سايت‌هاي قديمي رايج بود", "fa"),  # ي ك typing
        ("Москва — столица России", "other"),
        ("۱۳۹۶/۰۸/۲۰ — 2017", "other"),
        ("", "other"),
    ],
)
def test_language_of(text, lang):
    assert language_of(text) == lang


def test_arabic_paragraph_is_labelled_other():
    text = (
        "وزیر خارجه به مسکو سفر کرد\n\n"
        "وزیر امور خارجه صبح امروز برای دیداری دو روزه وارد مسکو شد.\n\n"
        "قال الوزير في كلمته إن العلاقات بين البلدين على أفضل حال.\n\n"
        "The foreign minister arrived in Moscow this morning."
    )
    doc = read_document(text, "t")
    assert_well_formed(doc)
    assert [b.lang for b in doc.blocks] == ["fa", "fa", "other", "en"]


# --- layouts ------------------------------------------------------------------------------------


def test_english_first_layout():
    (doc,) = read_path(FIXTURES / "english_first.txt")
    assert_well_formed(doc)
    assert document_layout(doc).kind == "en-fa"
    assert block_texts(doc, kind=TITLE, lang="en") == ["Iran and Iraq sign a new trade deal"]
    assert block_texts(doc, kind=TITLE, lang="fa") == ["ایران و عراق قرارداد تجاری جدیدی امضا کردند"]
    assert block_texts(doc, reason=TITLE_MARKER) == ["+ Video", "(+ فیلم)"]
    assert block_texts(doc, reason=LEADING_NAVIGATION) == ["Tehran Times | Politics | Economy"]
    assert block_texts(doc, reason=TRAILING_SECTION_LINK) == ["More from Politics"]
    assert block_texts(doc, reason=FOOTER_LINE) == ["Share on Twitter", "برچسب\u200cها: ایران، عراق، تجارت"]
    assert len(block_texts(doc, kind=PARAGRAPH, lang="en")) == len(block_texts(doc, kind=PARAGRAPH, lang="fa")) == 2


def test_untranslated_paragraph_keeps_its_place_and_language():
    (doc,) = read_path(FIXTURES / "untranslated.txt")
    assert_well_formed(doc)
    labels = [(b.lang, b.kind) for b in doc.blocks]
    assert labels == [
        ("fa", TITLE), ("fa", PARAGRAPH), ("fa", PARAGRAPH),
        ("en", TITLE), ("en", PARAGRAPH), ("fa", PARAGRAPH), ("en", PARAGRAPH),
    ]  # fmt: skip
    layout = document_layout(doc)
    assert layout.kind == "fa-en"
    assert layout.strays == (5,)
    assert "ترجمه نشده" in doc.texts[0][doc.blocks[5].start : doc.blocks[5].end]


def test_long_untranslated_paragraph_does_not_move_the_halves():
    # The stray is longer than the English paragraph after it; the titles still set the halves.
    text = (
        "Iran and Iraq sign a trade deal\n\n"
        "Tehran and Baghdad signed an agreement.\n\n"
        "این پاراگراف طولانی ترجمه نشده است و در میان متن انگلیسی آمده است تا ترتیب را آزمایش کند.\n\n"
        "Both sides welcomed it.\n\n"
        "ایران و عراق قرارداد تجاری امضا کردند\n\n"
        "تهران و بغداد توافق‌نامه‌ای امضا کردند.\n\n"
        "هر دو طرف از آن استقبال کردند."
    )
    doc = read_document(text, "t")
    assert block_texts(doc, kind=TITLE) == ["Iran and Iraq sign a trade deal", "ایران و عراق قرارداد تجاری امضا کردند"]
    layout = document_layout(doc)
    assert layout.kind == "en-fa" and layout.strays == (2,)


def test_titles_of_both_languages_before_both_articles():
    text = (
        "ایران و عراق قرارداد تجاری امضا کردند\n\nIran and Iraq sign a trade deal\n\n"
        "تهران و بغداد توافق‌نامه‌ای امضا کردند.\n\nTehran and Baghdad signed an agreement."
    )
    doc = read_document(text, "t")
    assert [b.kind for b in doc.blocks] == [TITLE, TITLE, PARAGRAPH, PARAGRAPH]


def test_lines_in_two_languages_inside_one_paragraph_are_split():
    text = "سلام به همه دوستان.\nHello to all friends.\n\nخداحافظ.\nGoodbye."
    doc = read_document(text, "t")
    assert_well_formed(doc)
    assert [b.lang for b in doc.blocks] == ["fa", "en", "fa", "en"]


def test_file_without_blank_lines_has_one_paragraph_a_line():
    text = (
        "Iran and Iraq sign a trade deal\nTehran and Baghdad signed an agreement.\nBoth sides welcomed it.\n"
        "ایران و عراق قرارداد امضا کردند\nتهران و بغداد توافق کردند.\nهر دو طرف استقبال کردند.\n"
    )
    doc = read_document(text, "t")
    assert [(b.lang, b.kind) for b in doc.blocks] == [("en", TITLE)] + [("en", PARAGRAPH)] * 2 + [
        ("fa", TITLE)
    ] + [("fa", PARAGRAPH)] * 2


# --- boilerplate --------------------------------------------------------------------------------


def test_boilerplate_signals_are_general():
    text = (
        "خانه » سیاسی » بین‌الملل\n\n"
        "رئیس‌جمهور به نیویورک رفت + عکس\n\n"
        "رئیس‌جمهور برای شرکت در مجمع عمومی سازمان ملل به نیویورک رفت.\n\n"
        "اشتراک گذاری\n\n"
        "The president travels to New York + Pictures\n\n"
        "The president left for New York to attend the UN General Assembly.\n"
        "Related: UN General Assembly opens\n\n"
        "Copyright 2024 Example. All rights reserved.\n\n"
        "Latest headlines\n"
    )
    doc = read_document(text, "t")
    assert_well_formed(doc)
    reasons = {doc.texts[0][b.start : b.end]: b.reason for b in doc.blocks if b.kind == BOILERPLATE}
    assert reasons == {
        "خانه » سیاسی » بین‌الملل": LEADING_NAVIGATION,
        "+ عکس": TITLE_MARKER,
        "اشتراک گذاری": FOOTER_LINE,
        "+ Pictures": TITLE_MARKER,
        "Related: UN General Assembly opens": FOOTER_LINE,
        "Copyright 2024 Example. All rights reserved.": FOOTER_LINE,
        "Latest headlines": TRAILING_SECTION_LINK,
    }


@pytest.mark.parametrize(
    "title",
    ["Prices rose 2 + 3 percent", "C++ in the newsroom", "Score: Iran 2 + Iraq"],
)
def test_plus_that_is_not_a_title_marker(title):
    doc = read_document(f"{title}\n\nA long paragraph of English text follows here.", "t")
    assert not block_texts(doc, reason=TITLE_MARKER)


def test_short_text_is_content_not_boilerplate():
    # With no article text to set them apart from, short lines are kept as content.
    doc = read_pair("سلام دنیا", "Hello world", "t")
    assert [(b.lang, b.kind) for b in doc.blocks] == [("fa", PARAGRAPH), ("en", PARAGRAPH)]


def test_short_lines_with_digits_at_the_end_are_kept():
    doc = read_document("Iran wins gold\n\nIran won the final on Sunday.\n\nFinal score 3 2", "t")
    assert doc.blocks[-1].kind == PARAGRAPH


# --- HTML ---------------------------------------------------------------------------------------


def test_html_page():
    (doc,) = read_path(FIXTURES / "page.html")
    assert_well_formed(doc)
    text = doc.texts[0]
    assert "SCRIPT-TEXT-MUST-NOT-APPEAR" not in text
    for dropped in ("font-family", "Politics", "Example News", "Most read", "©"):
        assert dropped not in text
    assert "Tehran and Baghdad signed a trade agreement on Monday." in text  # nested inline tags
    assert "یک توافق\u200cنامه تجاری امضا کردند." in text
    assert doc.metadata() == {"format": "html", "title": "Trade deal | Example News"}
    assert [(b.lang, b.kind) for b in doc.blocks] == [("fa", TITLE), ("fa", PARAGRAPH), ("fa", PARAGRAPH)] + [
        ("en", TITLE),
        ("en", PARAGRAPH),
        ("en", PARAGRAPH),
    ]
    assert "\n\n\n" not in text and text == text.strip()


@pytest.mark.parametrize(
    "html, expected",
    [
        ("<p>unclosed <b>bold <i>italic", "unclosed bold italic"),
        ("<p>one<p>two</div></span>", "one\n\ntwo"),
        ("<div><nav>menu</div><p>after the nav</p>", "after the nav"),
        ("<![if !supportLists]>word<![endif]> list", "word list"),
        ("<![unknown section]> still read", "still read"),
        ("<p>a<br>b<br><br>c</p>", "a\nb\n\nc"),
        ("<td>x</td><td>y</td>", "x\n\ny"),
        ("text<script>never()", "text"),
        ("<p>fish &amp; chips &#x627;</p>", "fish & chips ا"),
        ("<p", "<p"),
    ],
)
def test_html_malformed_is_tolerated(html, expected):
    doc = read_html(html, "m.html")
    assert doc.texts[0] == expected
    assert_well_formed(doc)


@pytest.mark.parametrize("html", ["<script>only()</script>", "<nav>only a menu", "<html><head><title>t</title></head>"])
def test_html_without_text_names_the_file(html):
    with pytest.raises(InputError, match=r"^page\.html: no text found"):
        read_html(html, "page.html")


@given(st.text(alphabet=st.sampled_from(list("<>/!-[]&;#x =\"'pbrdivscrptnaf \nتسa")), max_size=80))
def test_html_never_crashes(html):
    try:
        doc = read_html(html, "h.html")
    except InputError as e:
        assert str(e).startswith("h.html: ")
    else:
        assert_well_formed(doc)


# --- JSON lines ---------------------------------------------------------------------------------


def test_jsonl_good():
    docs = read_path(FIXTURES / "good.jsonl")
    assert [d.source for d in docs] == [f"{FIXTURES / 'good.jsonl'}:1", f"{FIXTURES / 'good.jsonl'}:3"]
    first, second = docs
    assert first.id == "a1"
    assert first.texts == ("ایران و عراق قرارداد امضا کردند.", "Iran and Iraq signed a deal.")
    meta = {"format": "jsonl", "url": "https://example.com/1", "title": "Deal", "date": "2024-01-02"}
    assert first.metadata() == meta
    assert [(b.source, b.lang) for b in first.blocks] == [(0, "fa"), (1, "en")]
    assert len(second.id) == 16 and second.metadata() == {"format": "jsonl"}
    for doc in docs:
        assert_well_formed(doc)


@pytest.mark.parametrize(
    "name, message",
    [
        ("bad.jsonl", r"bad\.jsonl:2: not valid JSON \(Expecting value at column \d+\)"),
        ("missing.jsonl", r'missing\.jsonl:3: no "en" field'),
    ],
)
def test_jsonl_errors_name_file_and_line(name, message):
    with pytest.raises(InputError, match=message):
        read_path(FIXTURES / name)


@pytest.mark.parametrize(
    "line, message",
    [
        ('["fa", "en"]', r"x\.jsonl:1: expected a JSON object"),
        ('{"fa": 3, "en": "three"}', r'x\.jsonl:1: "fa" is not a string'),
        ('{"fa": " ", "en": "three"}', r"x\.jsonl:1: empty \(Persian text\)"),
        ('{"en": "three"}', r'x\.jsonl:1: no "fa" field'),
    ],
)
def test_jsonl_bad_records(line, message):
    with pytest.raises(InputError, match=message):
        read_jsonl(line + "\n", "x.jsonl")


def test_jsonl_line_separator_inside_a_string_is_not_a_line_break():
    line = json.dumps({"fa": "یک\u2028دو.", "en": "one two."}, ensure_ascii=False)
    (doc,) = read_jsonl(line, "x.jsonl")
    assert doc.texts[0] == "یک\u2028دو."


# --- pairs, presplit ----------------------------------------------------------------------------


def test_pair_files():
    doc = read_pair_paths(FIXTURES / "pair_fa.txt", FIXTURES / "pair_en.txt")
    assert_well_formed(doc)
    assert doc.texts[0].startswith("ایران") and doc.texts[1].startswith("Iran")
    assert [(b.source, b.lang, b.kind) for b in doc.blocks] == [
        (0, "fa", TITLE), (0, "fa", PARAGRAPH), (1, "en", TITLE), (1, "en", PARAGRAPH),
    ]  # fmt: skip
    assert doc.metadata() == {"format": "pair"}


def test_presplit_pair_gives_exactly_the_lines():
    doc = read_pair_paths(FIXTURES / "presplit_fa.txt", FIXTURES / "presplit_en.txt", presplit=True)
    assert_well_formed(doc)
    assert block_texts(doc, source=0) == [
        line for line in (FIXTURES / "presplit_fa.txt").read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    assert block_texts(doc, source=1) == (FIXTURES / "presplit_en.txt").read_text(encoding="utf-8").splitlines()
    assert {(b.source, b.lang, b.kind) for b in doc.blocks} == {(0, "fa", PARAGRAPH), (1, "en", PARAGRAPH)}


def test_presplit_swapped_files():
    with pytest.raises(InputError, match="look swapped"):
        read_pair("Hello there.\nGood day.", "سلام.\nروز خوش.", "p", presplit=True)


def test_presplit_single_file_detects_each_line():
    (doc,) = read_path(FIXTURES / "presplit_fa.txt", presplit=True, require_both=False)
    assert [b.kind for b in doc.blocks] == [PARAGRAPH] * 3
    assert [b.lang for b in doc.blocks] == ["fa", "fa", "other"]


# --- errors -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["empty.txt", "blank.txt"])
def test_empty_file(name):
    with pytest.raises(InputError, match=rf"{name}: empty$"):
        read_path(FIXTURES / name)


def test_empty_side_of_a_pair():
    with pytest.raises(InputError, match=r"empty\.txt: empty$"):
        read_pair_paths(FIXTURES / "pair_fa.txt", FIXTURES / "empty.txt")
    with pytest.raises(InputError, match=r"^p: empty \(English text\)$"):
        read_pair("سلام.", "\n", "p")


def test_one_language_file():
    path = FIXTURES / "only_fa.txt"
    with pytest.raises(InputError, match=rf"{path}: only Persian text found \(no English\)"):
        read_path(path)
    (doc,) = read_path(path, require_both=False)  # the caller may warn instead
    with pytest.raises(InputError, match=r"only Persian text found \(no English\)"):
        require_both_languages(doc)
    with pytest.raises(InputError, match=r"^e: only English text found \(no Persian\)$"):
        require_both_languages(read_document("Just English here.", "e"))
    with pytest.raises(InputError, match=r"^n: no Persian or English text found$"):
        require_both_languages(read_document("12 34", "n"))


def test_boilerplate_alone_does_not_count_as_a_language():
    doc = read_document("Iran wins gold\n\nIran won the final on Sunday.\n\nآخرین خبرها", "t")
    assert doc.blocks[-1].kind == BOILERPLATE
    with pytest.raises(InputError, match="only English"):
        require_both_languages(doc)


def test_undecodable_and_missing_files(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Hello \xff world")
    with pytest.raises(InputError, match=r"bad\.txt: not valid utf-8 at byte 6"):
        read_path(bad)
    with pytest.raises(InputError, match=r"missing\.txt: cannot read"):
        read_path(tmp_path / "missing.txt")


def test_utf8_bom_and_other_encodings(tmp_path):
    text = "اين متن فارسي است.\n\nHello world."  # Arabic yeh: windows-1256 has no Persian ی
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (doc,) = read_path(bom)
    assert doc.texts[0] == text
    cp = tmp_path / "cp.txt"
    cp.write_bytes(text.encode("windows-1256"))
    (doc,) = read_path(cp, encoding="windows-1256")
    assert doc.texts[0] == text


def test_public_names_resolve():
    for name in read.__all__:
        assert getattr(read, name) is not None


# --- never lose text (property) -----------------------------------------------------------------

FA_WORDS = "وزیر خارجه به مسکو سفر کرد می‌شود برای این که از آخرین اخبار تصاویر فیلم منبع برچسب‌ها".split()
EN_WORDS = "the minister visited Moscow on Monday Photos Video Share Related Tags latest news".split()
PIECES = FA_WORDS + EN_WORDS + list("+|».:؟،!?") + ["۱۲", "42", "©", "\u200c", "قال", "في"]
SPACES = [" ", " ", " ", "\t", "\u00a0", "\u200f", ""]
BREAKS = ["\n", "\n\n", "\n \n", "\r\n\r\n", "\n\n\n", "\u2028", "\r"]


@st.composite
def documents(draw) -> str:
    paragraphs = draw(
        st.lists(
            st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SPACES)), min_size=1, max_size=12),
            min_size=1,
            max_size=10,
        )
    )
    parts = []
    for words in paragraphs:
        parts.append("".join(w + s for w, s in words))
        parts.append(draw(st.sampled_from(BREAKS)))
    return draw(st.sampled_from(["", " ", "\n"])) + "".join(parts)


@given(documents())
def test_every_character_in_exactly_one_block(text):
    if not text.strip():
        return
    assert_well_formed(read_document(text, "p"))


@given(st.text(max_size=200))
def test_every_character_in_exactly_one_block_any_text(text):
    if not text.strip():
        with pytest.raises(InputError):
            read_document(text, "p")
        return
    doc = read_document(text, "p")
    assert_well_formed(doc)
    assert read_document(text, "p") == doc  # deterministic


@given(documents(), documents(), st.booleans())
def test_every_character_in_exactly_one_block_pairs(fa, en, presplit):
    if not fa.strip() or not en.strip():
        return
    try:
        doc = read_pair(fa, en, "p", presplit=presplit)
    except InputError as e:
        assert "swapped" in str(e)
        return
    assert_well_formed(doc)


def test_interleaved_paragraphs():
    text = "\n\n".join(
        [
            "وزیر خارجه صبح امروز وارد مسکو شد.",
            "The foreign minister arrived in Moscow this morning.",
            "او با همتای روس خود گفت‌وگو خواهد کرد.",
            "He will hold talks with his Russian counterpart.",
            "این سفر دو روز طول خواهد کشید.",
            "The visit will last two days.",
        ]
    )
    doc = read_document(text, "t")
    assert document_layout(doc).kind == "interleaved"
    assert [b.lang for b in doc.blocks] == ["fa", "en"] * 3
    assert {b.kind for b in doc.blocks} == {PARAGRAPH}


def _letter_counts_by_character(text: str) -> tuple[int, int, int]:
    """The definition letter_counts follows, one character at a time."""
    latin = arabic = other = 0
    arabic_ranges = [(0x620, 0x64A), (0x66E, 0x6D3), (0x6D5, 0x6D5), (0x6EE, 0x6EF), (0x6FA, 0x6FF), (0x750, 0x77F),
                     (0xFB50, 0xFDFF), (0xFE70, 0xFEFC)]  # fmt: skip
    for ch in text:
        if not ch.isalpha():
            continue
        if any(a <= ord(ch) <= b for a, b in arabic_ranges):
            arabic += 1
        elif ch < "\u0250" or "\u1e00" <= ch <= "\u1eff":
            latin += 1
        else:
            other += 1
    return latin, arabic, other


@given(st.text(alphabet=st.characters(max_codepoint=0x2000) | st.sampled_from("ﻻﷲﭖ\ufdfc\ufd3e𝐀")))
def test_letter_counts_follow_their_definition(text):
    from hamsu.read.language import letter_counts

    assert letter_counts(text) == _letter_counts_by_character(text)


@pytest.mark.parametrize(
    "fa, en",
    [
        ("0", "0"),  # no letters: the fields still say which language each text is
        ("Reuters", "Reuters"),  # a Persian field left in Latin letters (untranslated: the checks' business)
        ("سلام", "سلام"),
        ("سلام", "© r){"),  # a field that reads as site furniture only is still its writer's text
    ],
)
def test_json_fields_declare_their_language(fa, en):
    [doc] = read_jsonl(json.dumps({"fa": fa, "en": en}, ensure_ascii=False), "f.jsonl")
    assert languages_present(doc) == {"fa", "en"}
    assert [(b.lang, b.source) for b in doc.blocks] == [("fa", 0), ("en", 1)]


def test_declared_fields_keep_their_own_labels_where_they_read_as_declared():
    text = json.dumps({"fa": "سلام دنیا\n\nThe Guardian", "en": "Hello world"}, ensure_ascii=False)
    [doc] = read_jsonl(text, "f.jsonl")
    assert [b.lang for b in doc.blocks if b.source == 0] == ["fa", "en"]  # an English line inside stays English
