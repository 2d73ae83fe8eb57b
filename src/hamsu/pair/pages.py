"""Pages of a crawl: one record per web page or text, its language, and the site's boilerplate removed.

A page is read in two steps. Readers (crawl.py) turn each input into a RawPage: the page's text
(an HTML page's article text as hamsu.read.html extracts it), its URL, dates and site. Then
`finish_pages` looks at every page of a site together, drops the lines repeated across many of
them (menus, footers and "related" links the HTML reader could not tell by element), identifies
each page's language, and sets aside what cannot be paired: pages in a third language, pages with
no text left, and exact duplicates (the same text crawled under two URLs).
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..persian.script import in_arabic_block
from ..read.language import language_of
from ..records import EN, FA

# A line is site boilerplate when it recurs on at least this many pages of its site, and on at
# least this share of them: a menu or footer recurs on nearly every page, while a sentence two
# versions of one story share recurs on two or three.
MIN_REPEATS = 3
MIN_SHARE = 0.05


@dataclass(frozen=True, slots=True)
class RawPage:
    """A page as read, before its site was seen as a whole."""

    source: str  # the URL of a WARC record or JSON line, the path of a file, or FILE:LINE
    text: str  # paragraphs separated by blank lines
    title: str = ""
    url: str | None = None
    date: str | None = None  # the publication date the page states (ISO 8601), if any
    crawl_date: str | None = None  # WARC-Date
    site: str = ""  # host of the URL, or the folder or file the page came from
    lang: str | None = None  # a language the input declares (a JSON line's "lang")


@dataclass(frozen=True, slots=True)
class Page:
    """A Persian or English page, ready to pair."""

    source: str
    lang: str  # "fa" or "en"
    text: str  # the page's text without its site's boilerplate
    title: str = ""
    url: str | None = None
    date: str | None = None
    crawl_date: str | None = None
    site: str = ""

    def meta(self) -> tuple[tuple[str, str], ...]:
        """The page's metadata as Document meta pairs (url, title, date, crawl date)."""
        fields = (("url", self.url), ("title", self.title), ("date", self.date), ("crawl_date", self.crawl_date))
        return tuple((k, v) for k, v in fields if v)


@dataclass(frozen=True, slots=True)
class Unpaired:
    """A page left out of the pairs, and why (also pages that were never candidates)."""

    source: str
    lang: str  # "fa", "en", another language code, "other" or "-" when unknown
    reason: str


# --- Language ---------------------------------------------------------------------------------

# Letters of Arabic-script languages that Persian never writes: Urdu (ٹ ڈ ڑ ں ہ ے ۓ), Pashto
# (ټ ډ ړ ږ ښ ځ څ ګ ڼ ې ۍ), Sorani Kurdish (ڕ ڵ ۆ ێ ە), Sindhi and Uyghur (ڀ ٺ ٻ ڄ ڃ ڦ ۇ ۈ ۋ).
# hamsu.read.language tells Persian from Arabic; these tell Persian from its other neighbours.
URDU_LETTERS = frozenset("ٹڈڑںہےۓ")
OTHER_ARABIC_SCRIPT_LETTERS = frozenset("ټډړږښځڅګڼېۍڕڵۆێەڀٺٻڄڃڦۇۈۋ")
# A page of Persian may quote a word of Urdu; a page of Urdu has these letters in most sentences.
MIN_FOREIGN_LETTER_SHARE = 0.01

# The commonest function words of the Latin-script languages a news crawl meets most: a page is
# English when English ones are the most frequent among them.
LATIN_FUNCTION_WORDS = {
    EN: frozenset("the of and to in is that for on with was as are by it from at this have has".split()),
    "fr": frozenset("le la les des et est une du dans que pour sur pas au aux avec qui par ce sont".split()),
    "de": frozenset("der die und das ist nicht mit den von zu sich des auf für dem ein eine im wird".split()),
    "es": frozenset("el la los las de que y en del por con para una se es su al lo como más".split()),
    "it": frozenset("il di che è la per un una del della sono con non gli le nel alla dei si".split()),
    "pt": frozenset("o os de que e do da em um uma para com não no na dos das se por mais".split()),
    "nl": frozenset("de het een en van is dat op te in niet zijn met voor ook aan die er".split()),
    "tr": frozenset("ve bir bu da de ile için olarak daha çok gibi olan ama en kadar sonra".split()),
}
_LATIN_WORD = re.compile(r"[^\W\d_]+")
_SHARED_FUNCTION_WORDS = Counter(w for words in LATIN_FUNCTION_WORDS.values() for w in words)
# Below this many function words the text is too short to argue with: Latin script is English.
MIN_FUNCTION_WORDS = 5


def _latin_language(text: str) -> str:
    counts: Counter[str] = Counter()
    seen = 0
    for word in _LATIN_WORD.findall(text.lower()):
        if _SHARED_FUNCTION_WORDS[word] != 1:  # "de", "la", "en" say little about which language
            continue
        for lang, words in LATIN_FUNCTION_WORDS.items():
            if word in words:
                counts[lang] += 1
                seen += 1
    if seen < MIN_FUNCTION_WORDS:
        return EN
    best, n = counts.most_common(1)[0]
    return EN if counts[EN] >= n else best


def page_language(text: str) -> str:
    """"fa", "en", or the code of the language that rules a page out ("ar", "ur", "fr", ...;
    "other" for another script or Arabic-script language)."""
    lang = language_of(text)
    if lang == FA:
        arabic_script = sum(1 for ch in text if in_arabic_block(ch))
        if arabic_script:
            urdu = sum(text.count(ch) for ch in URDU_LETTERS)
            other = sum(text.count(ch) for ch in OTHER_ARABIC_SCRIPT_LETTERS)
            if max(urdu, other) >= MIN_FOREIGN_LETTER_SHARE * arabic_script:
                return "ur" if urdu >= other else "other"
        return FA
    if lang == EN:
        return _latin_language(text)
    return lang


# --- Site boilerplate -------------------------------------------------------------------------

def _line_key(line: str) -> str:
    return " ".join(line.split())


def site_boilerplate(texts: Iterable[str]) -> set[str]:
    """The lines (whitespace-normalized) that recur on many of the given pages of one site."""
    counts: Counter[str] = Counter()
    n = 0
    for text in texts:
        n += 1
        counts.update({_line_key(line) for line in text.splitlines() if line.strip()})
    needed = max(MIN_REPEATS, math.ceil(MIN_SHARE * n))
    return {line for line, c in counts.items() if c >= needed}


def strip_lines(text: str, boilerplate: set[str]) -> str:
    """text without its boilerplate lines; paragraphs left empty are dropped."""
    if not boilerplate:
        return text
    paragraphs = []
    for paragraph in text.split("\n\n"):
        kept = [line for line in paragraph.split("\n") if _line_key(line) not in boilerplate]
        if any(line.strip() for line in kept):
            paragraphs.append("\n".join(kept))
    return "\n\n".join(paragraphs)


def finish_pages(raw: list[RawPage]) -> tuple[list[Page], list[Unpaired]]:
    """Persian and English pages, and the pages set aside, in input order.

    Boilerplate is found per site; language is identified on what is left (a declared "fa" or
    "en" is believed). The same text twice is one page: the first is kept, the others are set
    aside as duplicates. A URL read twice (two crawls of one page) keeps its latest crawl, the
    current version of the page."""
    by_site: dict[str, list[int]] = defaultdict(list)
    for i, page in enumerate(raw):
        by_site[page.site].append(i)
    texts = [page.text for page in raw]
    for indices in by_site.values():
        boilerplate = site_boilerplate(texts[i] for i in indices)
        for i in indices:
            texts[i] = strip_lines(texts[i], boilerplate)
    latest: dict[str, int] = {}
    for i, page in enumerate(raw):
        if page.url is None:
            continue
        j = latest.get(page.url)
        if j is None or (page.crawl_date or "") >= (raw[j].crawl_date or ""):
            latest[page.url] = i
    pages: list[Page] = []
    unpaired: list[Unpaired] = []
    seen_text: dict[str, str] = {}
    for i, page in enumerate(raw):
        text = texts[i]
        if not text.strip():
            why = "no text left after boilerplate" if page.text.strip() else "no text"
            unpaired.append(Unpaired(page.source, "-", why))
            continue
        lang = page.lang if page.lang in (FA, EN) else page_language(text)
        if page.url is not None and latest[page.url] != i:
            unpaired.append(Unpaired(page.source, lang, "older crawl of the same URL"))
            continue
        if lang not in (FA, EN):
            unpaired.append(Unpaired(page.source, lang, f"language {lang}"))
            continue
        key = _line_key(text)
        if key in seen_text:
            unpaired.append(Unpaired(page.source, lang, f"duplicate of {seen_text[key]}"))
            continue
        seen_text[key] = page.source
        pages.append(Page(page.source, lang, text, page.title, page.url, page.date, page.crawl_date, page.site))
    return pages, unpaired
