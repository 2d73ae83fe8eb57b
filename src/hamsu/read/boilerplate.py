"""Signals that a span is site furniture rather than article text, in Persian and English.

Each test looks at one span of text only; where a span sits (start or end of the document, the end
of a title) is decided in blocks.py. The signals are general: shortness, no sentence punctuation,
no digits, a leading "+", menu separators, and label words sites put before share buttons, tags,
sources and copyright notices. None of them names a particular site.
"""
from __future__ import annotations

import re

from ..persian.script import BOILERPLATE_FOLD, DIACRITICS, ZWNJ

# Sentence-final punctuation, Latin and Persian; ":" and ";" end a lead-in, not a heading either.
TERMINAL_PUNCTUATION = frozenset(".!?؟…:;؛۔。")
# Closing quotes and brackets that may follow the final punctuation: «...». or (... .)
_CLOSERS = "\"'»”’)]}›>"

MAX_LINK_WORDS = 4  # a section link or menu item: "Latest news", "More from Politics"
MAX_TITLE_WORDS = 25
MAX_TITLE_CHARS = 250
MAX_TITLE_LINES = 2
MAX_FOOTER_WORDS = 30  # a "Tags: ..." line can list many tags, but a footer line is never a paragraph

# Menus and breadcrumbs: short items between separators ("Home | News | World", "خانه » سیاسی").
_MENU_SEPARATOR = re.compile(r"\s[»›>/•·]\s|\s?\|\s?")
MAX_MENU_ITEM_WORDS = 3

# A title marker: "+ word(s)" (optionally bracketed) closing a title, as in "... +تصاویر",
# "... + Photos", "... (+ Video)". Letters only, and not after a number or another "+": "+ 2",
# "2 + Iraq" and "C++" are not markers.
_LETTERS = rf"(?:[^\W\d_]|[{DIACRITICS}])+"  # letters, and Arabic-script diacritics
TITLE_MARKER = re.compile(
    rf"(?<!\S)[(\[]?\s*\+\s*{_LETTERS}(?:[ {ZWNJ}]{_LETTERS}){{0,2}}\s*[)\]]?\s*$"
)

# Footer lines, matched on a folded copy of the line (lower case, ZWNJ as space, ي ك as ی ک,
# spaces collapsed). Labels end with a colon and may carry anything after it; whole-line items
# stand alone; notices may appear anywhere in the line.
_FOOTER_LABELS_EN = (
    "share", "share this", "share on", "tags?", "keywords?", "topics?", "categor(?:y|ies)", "filed under",
    "related", "related (?:news|articles?|stories|posts|links|content)", "source", "sources",
    "read more", "see also", "more on this", "more from", "more", "follow us(?: on)?", "photos?(?: by)?",
    "credits?", "image credit", "editor", "edited by", "reporting by", "written by", "translated by",
    "short link", "short url", "permalink", "print",
)
_FOOTER_LABELS_FA = (
    "منبع", "منابع", "برچسب ?ها", "برچسب", "تگ ?ها", "کلید ?واژه ?ها", "کلید ?واژه", "کلمات کلیدی",
    "اخبار مرتبط", "خبرهای مرتبط", "مطالب مرتبط", "مطالب پیشنهادی", "بیشتر بخوانید", "همچنین بخوانید",
    "بخوانید", "عکس", "عکاس", "خبرنگار", "ترجمه", "مترجم", "نویسنده", "دبیر", "اشتراک ?گذاری",
    "لینک کوتاه", "کد خبر", "شناسه خبر", "تاریخ انتشار", "ما را دنبال کنید",
)
_FOOTER_WHOLE_LINES_EN = (
    "share", "share this(?: article| story| page| post)?", "share on \\w+(?: \\w+)?", "tweet", "print",
    "print this(?: article| page)?", "e-?mail", "email this(?: article| page)?", "related",
    "related (?:news|articles?|stories|posts|links|content)", "read more", "see also", "back to top",
    "comments?", "leave a comment", "subscribe", "send to (?:a )?friend", "most (?:read|viewed|popular)",
    "latest (?:news|stories|articles)", "click here(?: .*)?",
)
_FOOTER_WHOLE_LINES_FA = (
    "اشتراک ?گذاری", "اشتراک ?گذاری در .*", "ارسال به دوستان", "ارسال به دوست", "نسخه چاپی", "چاپ",
    "چاپ خبر", "اخبار مرتبط", "خبرهای مرتبط", "مطالب مرتبط", "بیشتر بخوانید", "ادامه مطلب", "ادامه خبر",
    "بازگشت به بالا", "انتهای پیام", "پایان پیام", "نظرات", "ارسال نظر", "پربازدیدترین ها",
    "پربیننده ترین ها",
)
_FOOTER_NOTICES = (
    r"^(?:©|\(c\)|copyright\b)", r"\ball rights reserved\b",
    r"(?:کلیه|تمامی|همه) ?(?:ی )?حقوق .*محفوظ", r"^کپی ?رایت",
)


def _alternation(items: tuple[str, ...]) -> str:
    return "|".join(f"(?:{item})" for item in items)


_FOOTER_LABEL = re.compile(rf"^(?:{_alternation(_FOOTER_LABELS_EN + _FOOTER_LABELS_FA)})\s*[:：]")
_FOOTER_WHOLE_LINE = re.compile(
    rf"^(?:{_alternation(_FOOTER_WHOLE_LINES_EN + _FOOTER_WHOLE_LINES_FA)})\s*[:：.!»›>]?$"
)
_FOOTER_NOTICE = re.compile(_alternation(_FOOTER_NOTICES))
_FOLD = str.maketrans(BOILERPLATE_FOLD)
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """A copy for matching only: lower case, ZWNJ as a space, Arabic ي ك as Persian, spaces collapsed."""
    return _SPACES.sub(" ", text.translate(_FOLD)).strip().lower()


def words(text: str) -> list[str]:
    """Whitespace-separated tokens that hold a letter or digit ("+" and "|" are not words)."""
    return [w for w in text.split() if any(map(str.isalnum, w))]


def _more_words_than(text: str, limit: int) -> bool:
    """Whether text has more than `limit` words, reading no further than the one over it."""
    count = 0
    for token in text.split():
        if any(map(str.isalnum, token)):
            count += 1
            if count > limit:
                return True
    return False


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip().rstrip(_CLOSERS + " ").rstrip()
    return bool(stripped) and stripped[-1] in TERMINAL_PUNCTUATION


def has_digit(text: str) -> bool:
    return any(map(str.isdigit, text))


def has_letter(text: str) -> bool:
    return any(map(str.isalpha, text))


def is_footer_line(line: str) -> bool:
    """A share / related / tags / source / copyright line, in Persian or English."""
    # Folding only adds words (a half-space becomes a space), so a line too long before it is
    # too long after: a paragraph is passed over without being folded.
    if _more_words_than(line, MAX_FOOTER_WORDS):
        return False
    folded = fold(line)
    if not folded or _more_words_than(folded, MAX_FOOTER_WORDS):
        return False
    return bool(_FOOTER_WHOLE_LINE.match(folded) or _FOOTER_LABEL.match(folded) or _FOOTER_NOTICE.search(folded))


def is_menu_line(line: str) -> bool:
    """Several short items between separators: a menu or a breadcrumb trail."""
    items = [item for item in _MENU_SEPARATOR.split(line) if item.strip()]
    return len(items) >= 3 and all(len(words(item)) <= MAX_MENU_ITEM_WORDS for item in items)


def is_link_like(text: str) -> bool:
    """Every line short and not a sentence, with no digits: a section link, menu item or label.

    Digits are excluded because short lines with numbers are dates, scores and figures that a
    reader wants kept.
    """
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines or has_digit(text):
        return False
    return all(
        not ends_sentence(line) and (len(words(line)) <= MAX_LINK_WORDS or is_menu_line(line)) for line in lines
    )


def is_title_like(text: str) -> bool:
    """Short, one or two lines, with letters and no sentence-final punctuation: a headline."""
    lines = [line for line in text.splitlines() if line.strip()]
    return (
        0 < len(lines) <= MAX_TITLE_LINES
        and len(text) <= MAX_TITLE_CHARS
        and 0 < len(words(text)) <= MAX_TITLE_WORDS
        and has_letter(text)
        and not ends_sentence(text)
    )


def title_marker_span(title: str) -> tuple[int, int] | None:
    """[start, end) of a trailing "+ word(s)" marker in title, without surrounding spaces; None if none.

    The marker must leave a title with letters before it, so a lone "+ Photos" is not split.
    """
    m = TITLE_MARKER.search(title)
    if m is None:
        return None
    before = title[: m.start()].rstrip()
    if not has_letter(before) or before[-1].isdigit() or before[-1] == "+":
        return None
    start, end = m.start(), m.end()
    while title[start].isspace():
        start += 1
    while title[end - 1].isspace():
        end -= 1
    return start, end
