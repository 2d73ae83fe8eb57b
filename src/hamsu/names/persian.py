"""Names in a Persian sentence.

Persian has no capital letters, so a name shows itself by what stands around it and by what is
known about it:

  gazetteer  the longest run of words the name table knows (دیر الزور، ایالات متحده، هنگ کنگ for
             هنگ‌کنگ), also under a glued suffix (هنگ کنگی)
  title      the words after a title word (سردار سلیمانی، استان فارس، حزب توده، رئیس جمهور روحانی)
  quoted     a short span in quotes (در «البوکمال»)
  article    an unknown word with the Arabic article ال (البوکمال)
  latin      a run of Latin words the Persian keeps as written (Microsoft Office)
  given      a given name the table knows and the unknown words after it (ریچارد ورمان)
  unknown    two or three neighbouring words none of which is an ordinary word (آرمند ورساچه)
  generic    generic name words together (آکادمی ملی، هیئت وزیران)

The last two are guesses, untyped ("name"): the checks take them for names only where the English
has nothing that may render them.

Words are compared by key (table.fa_lookup_key), so diacritics (نُجَباء), letter variants and
half-spaces do not matter. Offsets stay in the sentence's normalized text; the caller maps them
back to the original.
"""
from __future__ import annotations

import re
import sys
from functools import lru_cache
from typing import NamedTuple

from ..cache import derived_table
from ..persian import script
from ..persian.lexicon import halfspace_lexicon
from ..persian.script import ARABIC_LETTERS, DIACRITICS, ZWNJ
from .generic import institution_words, persian_generic_words
from .table import NameTable, en_lookup_key, fa_lookup_key

# A Persian word is a run of letters, diacritics and half-spaces, without the half-spaces at its
# ends (which belong to no word): the pattern leaves them out rather than each word stripping them.
_FA_LETTER = f"[{ARABIC_LETTERS}{DIACRITICS}]"
_LATIN_LETTER = "[A-Za-z\u00c0-\u024f]"
_LATIN_JOINER = "[-'’.]"
_GAP_SPACE = " \u00a0"
_WORD = re.compile(
    f"(?P<fa>{_FA_LETTER}+(?:{ZWNJ}+{_FA_LETTER}+)*)|(?P<latin>{_LATIN_LETTER}+(?:{_LATIN_JOINER}{_LATIN_LETTER}+)*)"
)
_LATIN_GROUP = _WORD.groupindex["latin"]
# Between two words of one name there is only space; anything else (punctuation, quotes, digits,
# Latin) ends the run of words a name may span.
_JOINING_GAP = re.compile(f"[{_GAP_SPACE}{ZWNJ}]*")

# Function words, pronouns, auxiliaries and light verbs: never part of a name.
STOPWORDS = frozenset(fa_lookup_key(w) for w in """
از به با در بر برای تا که و یا اما ولی را رو هم نیز این آن همین همان اینکه آنکه چه چون چرا اگر
است هست نیست بود بودند باشد باشند شد شده شدند شود شوند می‌شود می‌شوند کرد کرده کردند کند کنند
می‌کند می‌کنند داد داده دادند دارد دارند داشت داشتند گفت گفته گفتند خواهد خواهند گرفت گرفته
او وی ما من تو شما آنها آنان ایشان اینها خود خویش هر همه هیچ چند برخی بعضی دیگر یک دو سه
پس پیش بین میان زیر روی سوی نزد بی بدون درباره طی ضمن توسط علیه حتی فقط تنها بسیار خیلی
نه بله آری اکنون حالا امروز دیروز فردا سپس بعد قبل هنوز همچنین چنین چنان آیا کجا کی کدام
ای یکی وقتی زمانی جایی کسی چیزی همچون مانند مثل نیز باید نباید می شاید
""".split())

PERSON_TITLES = frozenset(fa_lookup_key(w) for w in """
سردار سرلشکر سرتیپ سرهنگ سرگرد سروان ستوان سپهبد ارتشبد تیمسار دریادار دریابان ژنرال مارشال
آقای آقا خانم دوشیزه دکتر مهندس استاد پروفسور آیت‌الله آیت‌الله‌العظمی حجت‌الاسلام
حجت‌الاسلام‌والمسلمین شیخ سید سیده حضرت جناب شهید رئیس‌جمهور نخست‌وزیر پادشاه ملکه شاهزاده
سناتور سرکار فرماندار استاندار شهردار حکمران صدراعظم
""".split())
PLACE_TITLES = frozenset(fa_lookup_key(w) for w in """
استان شهر شهرستان کشور روستای روستا منطقه جزیره جزایر رود رودخانه دریاچه کوه کوه‌های خیابان
میدان بندر فرودگاه ایالت ولایت شهرک دهستان دریای اقیانوس خلیج تنگه کانال دره صحرای بیابان
""".split())
ORGANIZATION_TITLES = frozenset(fa_lookup_key(w) for w in """
گروه سازمان شرکت حزب دانشگاه بنیاد جنبش روزنامه خبرگزاری باشگاه شبکه انجمن موسسه مؤسسه
بیمارستان موزه کلیسای مسجد کمپانی
""".split())
TITLES = PERSON_TITLES | PLACE_TITLES | ORGANIZATION_TITLES


def _title_heads(titles: frozenset[str]) -> dict[str, frozenset[str]]:
    """For a title written apart (رئیس جمهور): each end a title may have, and the heads before it."""
    heads: dict[str, set[str]] = {}
    for title in titles:
        for k in range(1, len(title)):
            heads.setdefault(title[k:], set()).add(title[:k])
    return {end: frozenset(before) for end, before in heads.items()}


_TITLE_HEADS = _title_heads(TITLES)

# Suffixes that may follow a name after a half-space: plural, ezafe, pronouns, comparative.
_SUFFIXES = frozenset(fa_lookup_key(s) for s in "ها های هایی ای ی اش ات ام مان تان شان یی ایی".split())
_PRONOUN_SUFFIXES = ("شان", "مان", "تان", "ش", "م", "ت")
# Suffixes written joined to a name: plural (مصریان، ایرانیها) and relational ی.
_GLUED_SUFFIXES = ("یان", "ان", "ها", "های", "ی")
_QUOTES = {"«": "»", '"': '"', "“": "”"}
_OPENING_QUOTE = re.compile("[" + "".join(_QUOTES) + "]")
MAX_TITLE_WORDS = 3
_VERB_PREFIXES = frozenset("می نمی بی".split())
MAX_QUOTED_WORDS = 4


class Word(NamedTuple):  # a tuple: every word of every sentence is one, and a tuple is made faster
    text: str
    start: int  # [start, end) in the sentence's normalized text
    end: int
    key: str  # fa_lookup_key(text); for a Latin word, en_lookup_key(text)
    base: str  # key without a half-spaced suffix (ایران‌ها → ایران); == key when none
    run: int  # words of one run are in one script and separated by space only
    latin: bool = False  # a word in Latin letters (Persian news often keeps them: Microsoft Office)
    stems: tuple[str, ...] = ()  # key, base and the stems under a glued suffix (مصریان → مصری، مصر)


_new_word = tuple.__new__  # Word's fields in order, without the keyword handling of Word(...)


def _stems(key: str, base: str) -> tuple[str, ...]:
    out = [key] if base == key else [key, base]
    if not base.endswith(_GLUED_SUFFIXES):
        return tuple(out)  # (one test for a word with none of them, not one a suffix)
    for suffix in _GLUED_SUFFIXES:
        if base.endswith(suffix) and len(base) - len(suffix) >= 3:
            out.append(base[: -len(suffix)])
    return tuple(out)


class Candidate(NamedTuple):  # a tuple: made faster than a frozen dataclass (see english.Piece)
    first: int  # word indices [first, last)
    last: int
    kind: str
    source: str  # "gazetteer", "title", "quoted", "article", "latin", "given", "unknown", "generic", "document"
    ambiguous: bool = False  # a name only if the English side confirms it


def _base(text: str, key: str) -> str:
    if ZWNJ in text:
        head, _, tail = text.rpartition(ZWNJ)
        if fa_lookup_key(tail) in _SUFFIXES and len(fa_lookup_key(head)) >= 2:
            return fa_lookup_key(head)
    return key


@lru_cache(maxsize=1 << 15)
def _word_keys(raw: str, latin: bool) -> tuple[str, str, tuple[str, ...]]:
    """A word's key, base and stems (see Word). Cached: the same words recur in every sentence."""
    if latin:
        key = en_lookup_key(raw)
        return key, key, (key,)
    key = fa_lookup_key(raw)
    base = _base(raw, key)
    return key, base, _stems(key, base)


@lru_cache(maxsize=4096)
def words_of(text: str) -> tuple[Word, ...]:
    """The words of a sentence's normalized text, in order (compiled where _faspans.c was built)."""
    return _words(text)


def _python_words(text: str) -> tuple[Word, ...]:
    """What the compiled words gives: the matches of _WORD, in runs joined by _JOINING_GAP."""
    words: list[Word] = []
    run = 0
    prev_end, prev_latin = -1, None  # the word before: where it ends, whether in Latin letters
    word_keys, joining_gap = _word_keys, _JOINING_GAP.fullmatch
    for m in _WORD.finditer(text):
        start, end = m.span()
        latin = m.lastindex == _LATIN_GROUP
        if prev_latin is not None and (
            prev_latin is not latin
            or ((start != prev_end + 1 or text[prev_end] != " ") and joining_gap(text, prev_end, start) is None)
        ):  # a new run, unless the gap joins the words: the usual single space, or _JOINING_GAP
            run += 1
        raw = m.group()
        key, base, stems = word_keys(raw, latin)
        words.append(_new_word(Word, (raw, start, end, key, base, run, latin, stems)))
        prev_end, prev_latin = end, latin
    return tuple(words)


def _char_classes() -> bytes:
    """The class of each character of the Basic Multilingual Plane as _faspans.c reads it, from
    the patterns words_of matches with (no character beyond it is in any of them)."""
    classes = bytearray(0x10000)
    every = "".join(map(chr, range(0x10000)))
    for pattern, code in ((_FA_LETTER, 1), (ZWNJ, 2), (_LATIN_LETTER, 3), (_LATIN_JOINER, 4), (f"[{_GAP_SPACE}]", 5)):
        for m in re.finditer(f"{pattern}+", every):
            classes[m.start() : m.end()] = bytes([code]) * (m.end() - m.start())
    return bytes(classes)


def _built_char_classes(raw: bytes) -> bytes:
    """_char_classes, as hamsu.cache builds a table (from no shipped data)."""
    return _char_classes()


def _compiled_words(text: str) -> tuple[Word, ...]:
    global _words
    # Once, on the first sentence. The classes are read back from the user's cache (hamsu.cache):
    # working them out runs five patterns over every character of the plane, about as much work
    # as finding the words of a thousand sentences (the script's letters and this module's
    # patterns key the cached table).
    classes = derived_table("faspans-classes", b"", _built_char_classes, (script, sys.modules[__name__]))
    _faspans.set_tables(classes, _word_keys, Word)
    _words = _faspans.words
    return _words(text)


try:  # built by setup.py where a C compiler is found; optional, since the Python gives the same words
    from . import _faspans
except ImportError:
    _faspans = None
COMPILED = _faspans is not None
_words = _compiled_words if COMPILED else _python_words


def span_key(words: tuple[Word, ...], first: int, last: int, base: bool = False) -> str:
    """Key of words[first:last]; with `base`, the last word without its suffix."""
    keys = [w.key for w in words[first:last]]
    if base:
        keys[-1] = words[last - 1].base
    return "".join(keys)


class _Answers(NamedTuple):
    """What the span finders ask of one word alone, given the name table: where each finder may
    start, so that it passes over the other words (most of a sentence) without asking them more."""
    alone: tuple[str, bool] | None  # a gazetteer match of the word alone: kind, ambiguous (no stopword)
    first: bool  # the first word of a name of several words in the table (NameTable.first_words), no stopword
    # Where gazetteer_spans may find a name: _STARTS here (the word known alone, or first), _REACHED
    # (a Persian word with the Arabic article ال: a name starting before it may reach over it).
    gazetteer: int
    foreign: bool  # _foreign_like
    name_like: bool  # _name_like
    title_end: bool  # the key of a title, or the end of one (_TITLE_HEADS): _title_at may find one here
    given: bool  # a given name the table knows: given_name_spans starts here
    generic_head: bool  # the head noun of an institution: generic_spans starts here
    article_name: bool  # an unknown word with the Arabic article: article_spans finds it


class _WordAnswers:
    """_Answers and is_common per word text, for the table last asked: a document's words recur
    from sentence to sentence. The text alone keys them: words_of gives the words of one text one
    key, base and stems."""

    LIMIT = 1 << 15  # words kept of each before starting afresh (a few hundred bytes each)

    def __init__(self) -> None:
        self.table: NameTable | None = None
        self.answers: dict[str, _Answers] = {}
        self.common: dict[str, bool] = {}

    def of(self, table: NameTable) -> dict[str, _Answers]:
        if table is not self.table:
            self.table, self.answers, self.common = table, {}, {}
        elif len(self.answers) >= self.LIMIT:
            self.answers.clear()
        return self.answers


_WORD_ANSWERS = _WordAnswers()
_STARTS, _REACHED = 1, 2  # _Answers.gazetteer


def _answers_of(words: tuple[Word, ...], table: NameTable) -> list[_Answers]:
    """The _Answers of each word, kept per word text (_WordAnswers)."""
    answers = _WORD_ANSWERS.of(table)
    known = answers.get
    return [known(word.text) or _answer(word, table, answers) for word in words]  # (an _Answers is never empty)


def _answer(word: Word, table: NameTable, answers: dict[str, _Answers]) -> _Answers:
    """The word's _Answers, worked out and kept in `answers` (_WordAnswers.of the table)."""
    key, heads = word.key, institution_words()
    first = key in table.first_words and key not in STOPWORDS
    reached = not word.latin and key.startswith("ال")
    if word.latin or key in STOPWORDS:
        # In no name alone, and none of the finders' words (_alone, _foreign_like, _name_like,
        # _given_name, and _article_name: a stopword is common).
        alone, foreign, name_like, given, article = None, False, False, False, False
    else:
        # The predicates' answers from one is_common and one table entry of the base, as each
        # predicate works them out (tests/test_s6_linker_answers.py holds the two equal).
        alone = _alone(word, table)
        common, entry = is_common(word, table), table.entry(word.base)
        plain = key not in TITLES and len(key) >= 2
        foreign = plain and ZWNJ not in word.text and not common and (entry is None or entry.kind == "person")
        name_like = plain and (entry is not None or not common)
        given = entry is not None and entry.kind == "person" and not common
        article = (key.startswith("ال") and len(word.base) >= 5 and not common and entry is None
                   and word.text.split(ZWNJ)[0] not in (known := halfspace_lexicon().known)
                   and word.text not in known)  # fmt: skip
    found = answers[word.text] = _Answers(
        alone,
        first,
        (_STARTS if first or alone is not None else 0) | (_REACHED if reached else 0),
        foreign,
        name_like,
        key in TITLES or key in _TITLE_HEADS,
        given,
        not word.latin and (key in heads or (key.endswith("ی") and key[:-1] in heads)),
        article,
    )
    return found


def _alone(word: Word, table: NameTable) -> tuple[str, bool] | None:
    """gazetteer_spans' match of a word with no name of several words to start: the word whole, then
    without its half-spaced suffix, then under a glued one; never a stopword."""
    if word.latin or word.key in STOPWORDS:
        return None
    entry = table.entry(word.key)
    if entry is None and word.base != word.key:
        entry = table.entry(word.base)
    if entry is not None:  # (one word spans any entry: spans_entry)
        return entry.kind, entry.ambiguous
    match = _glued((word,), 0, 1, table) if _has_glued_stems(word) else None
    return (match.kind, match.ambiguous) if match is not None else None


def gazetteer_spans(words: tuple[Word, ...], table: NameTable,
                    answers: list[_Answers] | None = None) -> list[Candidate]:  # fmt: skip
    """Longest known names, left to right, never across punctuation."""
    found: list[Candidate] = []
    count = len(words)
    entry_of, most = table.by_fa.get, table.longest
    answers = answers if answers is not None else _answers_of(words, table)
    # A name starts only at a word known alone, at the first word of a name of several words, or at
    # a word before one with the article ال; and never at a stopword (what matches there is left).
    # The other words are passed over as the loop would pass them, finding nothing.
    starts = []
    for k, where in [(k, a.gazetteer) for k, a in enumerate(answers) if a.gazetteer]:
        if where & _REACHED and k and (not starts or starts[-1] < k - 1):
            starts.append(k - 1)
        if where & _STARTS:
            starts.append(k)
    i = 0
    for k in starts:
        if k < i:
            continue  # inside a name found before
        i = k
        match = None
        word = words[i]
        if word.latin or word.key in STOPWORDS:
            continue
        # How many words a name starting here may span: as far as the word's run reaches, and for a
        # word that starts no name of several words, only over the words after it with the article ال.
        run, longest = word.run, 1
        if answers[i].first:
            while longest < most and i + longest < count and words[i + longest].run == run:
                longest += 1
        else:
            while (longest < most and i + longest < count and words[i + longest].run == run
                   and words[i + longest].key.startswith("ال")):  # fmt: skip
                longest += 1
        if longest == 1:  # most words: the word alone
            alone = answers[i].alone
            if alone is not None:
                found.append(Candidate(i, i + 1, alone[0], "gazetteer", alone[1]))
            i += 1
            continue
        heads = [""]  # heads[n]: span_key(words, i, i + n)
        for j in range(i, i + longest):
            heads.append(heads[-1] + words[j].key)
        for n in range(longest, 0, -1):
            last = words[i + n - 1]
            # The last word whole, then without its half-spaced suffix (when it has one).
            for key in (heads[n], heads[n - 1] + last.base) if last.base != last.key else (heads[n],):
                entry = entry_of(key)
                if entry is not None and spans_entry(words, i, i + n, entry.fa):
                    match = Candidate(i, i + n, entry.kind, "gazetteer", entry.ambiguous)
                    break
            if match is None and _has_glued_stems(last):
                match = _glued(words, i, i + n, table)
            if match:
                break
        if match and word.key not in STOPWORDS:
            found.append(match)
            i = match.last
        else:
            i += 1
    return found


def _has_glued_stems(word: Word) -> bool:
    """Whether a word has stems under a glued suffix: stems beyond its key and base, which come
    first (_stems). Most words have none, and _glued need not be asked of them."""
    return len(word.stems) > (1 if word.base == word.key else 2)


def _glued(words: tuple[Word, ...], first: int, last: int, table: NameTable) -> Candidate | None:
    """_glued_match of words[first:last], where the last word has stems under a glued suffix."""
    word = words[last - 1]
    glued = [stem for stem in word.stems if stem not in (word.key, word.base)]
    return _glued_match(words, first, last, table, glued) if glued else None


def _glued_match(words: tuple[Word, ...], first: int, last: int, table: NameTable,
                 glued: list[str]) -> Candidate | None:  # fmt: skip
    """A known name under a glued suffix (هنگ کنگی Hong Kong's, ایتالیاییان): only a name that is
    no ordinary word, on a word that is no ordinary word either (مردان is not مرد + ان)."""
    word = words[last - 1]
    head = span_key(words, first, last - 1)
    entries = [entry for stem in glued if (entry := table.entry(head + stem)) is not None and not entry.ambiguous]
    if not entries or table.entry(word.key) is not None or is_common(word, table):
        return None
    for entry in entries:
        if spans_entry(words, first, last, entry.fa):
            return Candidate(first, last, entry.kind, "gazetteer")
    return None


def spans_entry(words: tuple[Word, ...], first: int, last: int, form: str) -> bool:
    """Whether words[first:last] can be the table's form: a one-word form is written apart only
    before its article (دیر الزور for دیرالزور), not wherever two words happen to spell it (شوروی و
    is not شورویو, Shoreview)."""
    if last - first == 1 or " " in form:
        return True
    if ZWNJ in form:  # هنگ‌کنگ written هنگ کنگ: the half-space marks where the words part
        parts = [fa_lookup_key(p) for p in form.split(ZWNJ)]
        if len(parts) == last - first and all(p == w.key for p, w in zip(parts, words[first:last])):
            return True
    return all(w.key.startswith("ال") for w in words[first + 1 : last])


def latin_spans(words: tuple[Word, ...]) -> list[Candidate]:
    """Runs of Latin words with a capital: names the Persian text keeps as written."""
    found = []
    i = 0
    for k in [k for k, word in enumerate(words) if word.latin]:
        if k < i:
            continue  # inside a run taken before
        i = k
        j = i
        while j < len(words) and words[j].latin and words[j].run == words[i].run:
            j += 1
        if any(w.text[:1].isupper() for w in words[i:j]) and sum(len(w.text) for w in words[i:j]) > 1:
            found.append(Candidate(i, j, "name", "latin"))
        i = j
    return found


def is_common(word: Word, table: NameTable) -> bool:
    """An ordinary word: frequent, or an adjective, or one with a pronoun suffix (تورش its tour),
    or a compound of such (زمین‌شناسی). Kept per word (_WordAnswers): the span finders ask it of a
    word several times, and the linker of every word of a sentence again."""
    kept = _WORD_ANSWERS
    if table is kept.table and (known := kept.common.get(word.text)) is not None:
        return known
    known = _is_common(word, table)
    kept.of(table)  # (the table's own answers from now on)
    if len(kept.common) >= kept.LIMIT:
        kept.common.clear()
    kept.common[word.text] = known
    return known


def _is_common(word: Word, table: NameTable) -> bool:
    """is_common, worked out."""
    if table.is_common(word.base) or word.key in STOPWORDS:
        return True
    for suffix in _PRONOUN_SUFFIXES if word.key.endswith(_PRONOUN_SUFFIXES) else ():  # (one test for most words)
        if word.key.endswith(suffix) and len(word.key) - len(suffix) >= 3 and table.is_common(word.key[: -len(suffix)]):
            return True
    if ZWNJ not in word.text:
        return False  # one part: no compound
    parts = [fa_lookup_key(p) for p in word.text.split(ZWNJ)]
    heads = halfspace_lexicon().heads
    return len(parts) > 1 and all(
        table.is_common(p) or p in _SUFFIXES or p in STOPWORDS or p in heads for p in parts
    )


def _name_like(word: Word, table: NameTable) -> bool:
    """A word that may be part of a name: a known name, or no ordinary word."""
    if word.latin or word.key in STOPWORDS or word.key in TITLES or len(word.key) < 2:
        return False
    return table.entry(word.base) is not None or not is_common(word, table)


def _title_kind(key: str) -> str:
    return "person" if key in PERSON_TITLES else "place" if key in PLACE_TITLES else "organization"


def _title_at(words: tuple[Word, ...], i: int) -> str:
    """The key of a title ending at word i: one word, or two written apart (رئیس جمهور، نخست وزیر)."""
    if words[i].key in TITLES:
        return words[i].key
    if i and words[i - 1].run == words[i].run and words[i - 1].key + words[i].key in TITLES:
        return words[i - 1].key + words[i].key
    return ""


def title_spans(words: tuple[Word, ...], table: NameTable, answers: list[_Answers] | None = None) -> list[Candidate]:
    found = []
    answers = answers if answers is not None else _answers_of(words, table)
    for i in [k for k, a in enumerate(answers) if a.title_end]:  # where _title_at may find a title
        word = words[i]
        # _title_at, asking the word before only whether it is the head of a title ending here
        if word.key in TITLES:
            title = word.key
        elif i and words[i - 1].key in _TITLE_HEADS[word.key] and words[i - 1].run == word.run:
            title = words[i - 1].key + word.key
        else:
            continue
        if i + 1 < len(words) and (words[i + 1].key in TITLES or _title_at(words, i + 1)):
            continue  # a chain of titles (سردار سرلشکر): the last one is followed by the name
        kind = _title_kind(title)
        j = i + 1
        while j < len(words) and j - i <= MAX_TITLE_WORDS and words[j].run == word.run:
            if _name_like(words[j], table):
                j += 1
            elif (j + 1 < len(words) and j + 1 - i <= MAX_TITLE_WORDS and words[j + 1].run == word.run
                  and _plain_word(words[j]) and _name_like(words[j + 1], table)):  # fmt: skip
                # A frequent word before an unknown one: موسسه رابرت کخ (Robert Koch), but also
                # تیراندازان ورزشکار: a guess, untyped.
                j += 2
                kind = "name"
            else:
                break
        if j > i + 1:
            found.append(Candidate(i + 1, j, kind, "title"))
    return found


def _plain_word(word: Word) -> bool:
    """A Persian word that may be part of a name though frequent: no function word, title or verb."""
    return not (word.latin or word.key in STOPWORDS or word.key in TITLES or len(word.key) < 2
                or word.text.split(ZWNJ)[0] in _VERB_PREFIXES)  # fmt: skip


def given_name_spans(words: tuple[Word, ...], table: NameTable,
                     answers: list[_Answers] | None = None) -> list[Candidate]:  # fmt: skip
    """A given name the table knows (ریچارد، رایان، مایکل) and the unknown words after it: a
    person's full name (ریچارد ورمان، رایان گاسلینگ), as English writes it with capitals."""
    found = []
    answers = answers if answers is not None else _answers_of(words, table)
    for i in [k for k, a in enumerate(answers) if a.given]:
        word = words[i]
        j = i + 1
        while (j < len(words) and j - i <= MAX_TITLE_WORDS and words[j].run == word.run
               and _surname_like(words[j], table)):  # fmt: skip
            j += 1
        if j > i + 1:
            found.append(Candidate(i, j, "person", "given"))
    return found


def _given_name(word: Word, table: NameTable) -> bool:
    """A given name the table knows, no ordinary word: a person's full name may start here."""
    entry = table.entry(word.base)
    if entry is None or entry.kind != "person" or word.latin or word.key in STOPWORDS:
        return False
    return not is_common(word, table)


def _surname_like(word: Word, table: NameTable) -> bool:
    """A word that may follow a given name: no ordinary word, no known place or organization."""
    if not _name_like(word, table) or is_common(word, table) or word.text.split(ZWNJ)[0] in _VERB_PREFIXES:
        return False  # not a verb either: جان می‌بازند (they die)
    entry = table.entry(word.base)
    return entry is None or entry.kind == "person"


def generic_spans(words: tuple[Word, ...], table: NameTable, answers: list[_Answers] | None = None) -> list[Candidate]:
    """An institution named by translation: the head noun of an institution (وزارت، کمیسیون،
    آکادمی، هیئت) and the generic words or known names after it (وزارت بهداشت، کمیسیون ملی بهداشت
    چین، هیئت وزیران). Untyped: such phrases are also said of no institution in particular, which
    the English then renders in lower case (the health ministry)."""
    generic = persian_generic_words()

    def known(word: Word) -> bool:
        if word.latin or word.key in STOPWORDS:
            return False
        key = word.key
        if key in generic or word.base in generic or (key.endswith("ی") and key[:-1] in generic):
            return True
        entry = table.entry(word.base)
        return entry is not None and not entry.ambiguous

    found = []
    answers = answers if answers is not None else _answers_of(words, table)
    # The head in the singular, with its ezafe (وزارت، دانشگاهی): سازمان‌ها is no name.
    for i in [k for k, a in enumerate(answers) if a.generic_head]:
        word = words[i]
        j = i + 1
        while j < len(words) and j - i < MAX_QUOTED_WORDS and words[j].run == word.run and known(words[j]):
            j += 1
        if j - i >= 2:
            found.append(Candidate(i, j, "organization", "generic"))
    return found


def unknown_spans(words: tuple[Word, ...], table: NameTable, answers: list[_Answers] | None = None) -> list[Candidate]:
    """Two or three neighbouring words none of which is an ordinary word (آرمند ورساچه، رابین
    اوتاپا): a foreign name written in Persian letters, as far as the words tell. Untyped, and a
    guess: the English side has to lack any rendering of it before it counts as a name left out."""
    found = []
    answers = answers if answers is not None else _answers_of(words, table)
    foreign = [a.foreign for a in answers]
    i = 0
    for k in [k for k, like in enumerate(foreign) if like]:  # a run starts only at a foreign-like word
        if k < i:
            continue  # inside a span found before
        i = k
        j = i
        while j < len(words) and j - i < MAX_TITLE_WORDS and (j == i or words[j].run == words[i].run) and foreign[j]:
            j += 1
        if j - i >= 2:
            found.append(Candidate(i, j, "name", "unknown"))
            i = j
    return found


def _foreign_like(word: Word, table: NameTable) -> bool:
    if word.latin or word.key in STOPWORDS or word.key in TITLES or len(word.key) < 2 or ZWNJ in word.text:
        return False
    if is_common(word, table):
        return False
    entry = table.entry(word.base)
    return entry is None or entry.kind == "person"


def quoted_spans(text: str, words: tuple[Word, ...], table: NameTable) -> list[Candidate]:
    found = []
    i = 0
    while (opening := _OPENING_QUOTE.search(text, i)) is not None:
        i = opening.start()
        close = _QUOTES[text[i]]
        end = text.find(close, i + 1)
        if end < 0:
            break
        inner = [k for k, w in enumerate(words) if i < w.start and w.end <= end]
        if 1 <= len(inner) <= MAX_QUOTED_WORDS and not re.search(r"[.!?؟،,:؛]", text[i + 1 : end]):
            first, last = inner[0], inner[-1] + 1
            content = [w for w in words[first:last] if w.key not in STOPWORDS]
            if content and any(_name_like(w, table) for w in content):
                entry = table.entry(span_key(words, first, last))
                kind = entry.kind if entry else "name"
                if first and words[first - 1].key in TITLES:  # سرلشکر «قاسم سلیمانی»
                    kind = _title_kind(words[first - 1].key)
                found.append(Candidate(first, last, kind, "quoted"))
        i = end + 1
    return found


def article_spans(words: tuple[Word, ...], table: NameTable, answers: list[_Answers] | None = None) -> list[Candidate]:
    """Unknown words with the Arabic article: البوکمال (Albu Kamal), not البته, الگو or الهام‌بخش."""
    answers = answers if answers is not None else _answers_of(words, table)
    return [Candidate(k, k + 1, "name", "article") for k, a in enumerate(answers) if a.article_name]


def _article_name(w: Word, table: NameTable) -> bool:
    """article_spans' word: an unknown word with the Arabic article."""
    known = halfspace_lexicon().known
    return (
        not w.latin
        and w.key.startswith("ال")
        and len(w.base) >= 5
        and not is_common(w, table)
        and table.entry(w.base) is None
        and w.text.split(ZWNJ)[0] not in known
        and w.text not in known
    )


_SOURCE_ORDER = {"gazetteer": 0, "latin": 1, "quoted": 2, "title": 3, "given": 4, "article": 5, "unknown": 6,
                 "generic": 7}  # fmt: skip


def persian_candidates(text: str, table: NameTable) -> tuple[tuple[Word, ...], tuple[Candidate, ...]]:
    """The words of a normalized Persian sentence and the name spans found in it, without overlaps.

    Where spans overlap the longest wins, and among equals the more telling source (a gazetteer
    match before a title's guess).
    """
    words = words_of(text)
    answers = _answers_of(words, table)
    spans = (
        gazetteer_spans(words, table, answers)
        + title_spans(words, table, answers)
        + quoted_spans(text, words, table)
        + article_spans(words, table, answers)
        + latin_spans(words)
        + given_name_spans(words, table, answers)
        + unknown_spans(words, table, answers)
        + generic_spans(words, table, answers)
    )
    if len(spans) < 2:
        return words, tuple(spans)  # nothing overlaps, and a span's kind is told by none but itself
    order = _SOURCE_ORDER
    spans.sort(key=lambda c: (-(c.last - c.first), c.ambiguous, order[c.source], c.first))
    taken: list[Candidate] = []
    for c in spans:
        if all(c.last <= t.first or t.last <= c.first for t in taken):
            if c.kind == "name":  # A title tells the kind better than a guess from quotes or the article.
                kinds = [t.kind for t in spans if t.first <= c.first and c.last <= t.last and t.kind != "name"]
                if kinds:
                    c = Candidate(c.first, c.last, kinds[0], c.source, c.ambiguous)
            taken.append(c)
    return words, tuple(sorted(taken, key=lambda c: c.first))


def is_content(word: Word) -> bool:
    """Whether a word may be part of a name found by transliteration alone."""
    return not word.latin and word.key not in STOPWORDS and word.key not in TITLES and len(word.key) >= 2
