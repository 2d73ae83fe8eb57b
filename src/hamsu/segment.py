"""Sentence splitting for Persian and English, as [start, end) spans into the caller's text.

One regular-expression scan finds every place a sentence could end; small rules decide each:

* A run of . ! ? ؟ … ۔ followed by whitespace or the end of the text may end a sentence; the
  closing quotes and brackets right after it stay with the sentence («...؟» | "...?" |). Dots
  and marks inside a token (3.5, ۳.۵, U.S.-based, www.x.ir, a@b.com, 10.30, page?id=1) never
  end anything, and ؛ (a semicolon) is not a terminator.
* Not before a comma, colon, semicolon, closing mark or another terminator, and not for a
  bracketed (?) or (!).
* Not before a lower-case Latin word ("e.g. the", '"Why?" he asked'), with three exceptions: a
  bare question mark (lower-case chat and transcripts: "pain? do you"), a mixed-case word
  (mRNA, iPhone), and, in Persian, a Persian word before the mark (a Persian sentence can open
  with a Latin term: "... است. orf3b ..."). Persian has no case, so the rules below carry it.
* A period is not a full stop after an abbreviation that always leans on what follows (Mr. Dr.
  Gen. vs. e.g. Fig.), after No. fig. p. vol. before a number, after a single lower-case Latin
  letter (v. Wade, p. 5), or after Persian single letters with dots (ه.ق. ق.م. م. ج.ا.ا.).
  Persian is verb-final, so a Persian sentence rarely ends on an abbreviation.
* Abbreviations that may end a sentence but mostly precede a name or a date (Inc. Co. Jr. St.
  Jan., acronyms U.S. U.K.) end one only before a common English sentence opener, a closed list
  of function words: "in the U.S. The next" splits, "U.S. President" does not. etc. and et al.
  are ordinary words (a capital after them opens a sentence); a.m. and p.m. end a sentence
  unless a day, month or time zone follows (6 p.m. Monday, 9 a.m. EST).
* A single capital letter is an initial (J. R. R. Tolkien, George W. Bush) unless an opener
  follows, a Persian word follows (پروتئین S. عموماً), or a lower-case word precedes it and one
  capitalized word follows ("from A to B. Airlines know", but "chief N. Wayne Hale").
* A number of up to three digits that opens a sentence or follows a colon is a list marker
  (1. ۱. 12.); any other number ends a sentence ("in 2019. The"), except the next marker of a
  list written on one line: a sentence that opens with a marker (1. 1.) 1) • 9. a.) is cut before
  each next marker of the same kind ("1) The first item 2) The second item").
* A clock abbreviation after a preposition and a time that open the sentence ("At 5 a.m. Mr.
  Smith went") is the sentence's opening, not its end.
* An exclamation mark glued to a capitalized Latin name (Yahoo!) does not end a sentence before a
  company suffix (Yahoo! Inc.) or, in a Persian sentence, before a Persian word: Persian is
  verb-final, so a Persian sentence does not end on a Latin name.
* An ellipsis glued to a word ends a sentence like a period; one standing alone between spaces
  marks an omission ("و ..." in Persian) and ends a sentence only before an English opener.
* Persian: after a closing quote or bracket, a word that cannot open a sentence (را، که، و،
  گفت، افزود ...) keeps the quotation inside the sentence that quotes it: «...؟» را پرسید.
* A terminator (and closing marks) glued between two words of one script by a lost space ends
  a sentence: two Latin letters or digits before and an upper-case then a lower-case letter
  after ("worldwide.The", "2020.As", '"erroneous".In'), or two Persian letters or digits before
  and a Persian letter or « after ("است.او"). Addresses and paths (www., e-mail, x.com/a?Id=1,
  Booking.Com), e-mail addresses (Jane.Doe@example.com, the whole token is looked at), dotted
  abbreviations (U.S.China) and Mr.Smith are left alone.

Line breaks: a blank line (or U+2029) always ends a sentence. A single line break is a space,
so hard-wrapped text stays whole, except before a list item (- * • 1. ۱- 2) at the next line's
start) and after a heading-like line: one that opens a sentence at the line start, has at most
eight words, ends in a letter or digit but not on a word like "the" or "به", is followed by a
line at least half as long again (wrapped lines are all about as long), and that line starts
with an upper-case letter (English), a Persian letter (Persian), a digit or an opening mark.

Spans are stripped of whitespace (str.isspace()) and cover every other character exactly once.
"""
from __future__ import annotations

import re

from .persian.letters import ARABIC_LETTER
from .persian.script import ARABIC_DIGITS, BIDI_CONTROLS, PERSIAN_DIGITS, RLM, ZWNJ, ZWSP, chars_of

LANGS = ("fa", "en")

_STRONG = "!?؟‼⁇⁈⁉"
_TERMINATORS = ".…۔" + _STRONG
_CLOSERS = "\"'”’»›)]}"
_OPENERS = "\"'“‘«‹([{"
# Invisible format characters (bidi marks, zero-width joiners, BOM) that raw web text scatters
# around punctuation: they are not whitespace, but must not hide a sentence end.
_INVISIBLE = f"{ZWSP}-{RLM}{BIDI_CONTROLS}\ufeff"
_BREAK_CHARS = "\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029"  # what str.splitlines() splits on
_BREAK = rf"(?:\r\n|[{_BREAK_CHARS}])"
_HSPACE = rf"[^\S{_BREAK_CHARS}]"
_BREAK_SET = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
_BREAK_RE = re.compile(_BREAK)
_HEADING_WORDS = 8
_HEADING_CHARS = 120
_LONGEST_TOKEN = 200

_CANDIDATE = re.compile(
    # a terminator run, closers and invisibles after it, then whitespace or the end
    rf"(?P<end>[{_TERMINATORS}]+[{re.escape(_CLOSERS)}{_INVISIBLE}]*)(?=\s|\Z)"
    # a terminator with a letter right after it: perhaps a lost space (see _glued_end)
    rf"|(?P<glued>[.!?؟][{re.escape(_CLOSERS)}]{{0,2}}(?=[A-Z][a-z]|[{ARABIC_LETTER}«]))"
    # line breaks, with the horizontal space between them: one is a line, two a paragraph
    rf"|(?P<breaks>{_BREAK}(?:{_HSPACE}*{_BREAK})*)"
)
_NONSPACE = re.compile(r"\S")
_VISIBLE = re.compile(rf"[^\s{_INVISIBLE}]")
_INVISIBLE_CHARS = chars_of(_INVISIBLE)
_WORD = re.compile(rf"[\w{ZWNJ}]+")

_LIST_ITEM = re.compile(rf"{_HSPACE}*(?:[-*•·▪◦●⁃]|\(?[0-9۰-۹٠-٩]{{1,3}}[.)\-–])(?:\s|\Z)")
_PERSIAN_ABBREVIATION = re.compile(rf"(?:[{ARABIC_LETTER}]\.)*[{ARABIC_LETTER}]")  # ه.ق ج.ا.ا
_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")  # U.S, e.g, a.m, J.R.R (before the last dot)
_NUMBER = re.compile(r"[0-9۰-۹٠-٩]+(?:[.,٫٬][0-9۰-۹٠-٩]+)*")
_LIST_NUMBER = re.compile(r"[0-9۰-۹٠-٩]{1,3}")
_BULLETS = "-*•·▪◦●⁃"
# An enumeration marker: a bullet, then a number or a lower-case letter with . .) or ), then a space.
_MARKER = re.compile(
    rf"(?P<bullet>[{re.escape(_BULLETS)}]{_HSPACE}*)?(?P<value>[0-9۰-۹٠-٩]{{1,3}}|[a-z])(?P<mark>\.\)|[.)])(?=\s)"
)
_CLOCK_OPENERS = frozenset("At By Until Till Before After Around About From Since".split())
# The end of a word right before a glued terminator: two letters or digits, then closing marks.
_LATIN_WORD_END = re.compile(r"[A-Za-z0-9]{2}[\"'”’)\]]{0,2}\Z")
_PERSIAN_WORD_END = re.compile(rf"[{ARABIC_LETTER}0-9۰-۹]{{2}}[\"'”’»)\]]{{0,2}}\Z")
_PERSIAN_LETTER = re.compile(f"[{ARABIC_LETTER}]")
_INTERNET = ("://", "www.", "@")
_PATH_MARKS = (*_INTERNET, ".", "/", "\\", "=", "&", "_")
_INITIAL = re.compile(r"[A-Z]\.")
_NUMBER_START = frozenset(f"0123456789{PERSIAN_DIGITS}{ARABIC_DIGITS}#")

# Abbreviations that always lean on what follows (a name, a number, an example).
_NEVER_FINAL = frozenset(
    "Mr Mrs Ms Messrs Mmes Dr Prof Gen Col Lt Sgt Capt Cmdr Adm Maj Brig Gov Sen Rep Rev Hon Pres "
    "Supt Insp Fr Mme Mlle Hr Hrs vs Vs cf Cf viz approx Approx ca e.g E.g i.e I.e Fig Figs Eq Eqs Ref Refs".split()
)
# Abbreviations that are abbreviations only before a number: No. 5, fig. 3, p. 12, vol. 2.
_BEFORE_NUMBER = frozenset("No no Nos nos N° Nº № fig figs pp Vol vol Ch ch Sec sec Art art eq ref".split())
# Abbreviations that also end sentences but mostly precede a capitalized name or date: they end
# one only before a sentence opener. (etc. and et al. are ordinary words: a capital after them
# opens a sentence.)
_MAYBE_FINAL = frozenset(
    "Inc Ltd Co Corp Bros Jr Sr St Mt Ave Blvd Rd Dept Univ Assn Est "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split()
)
_COMPANY_SUFFIXES = frozenset("Inc Ltd Co Corp LLC PLC plc GmbH AG SA".split())
_CLOCK = frozenset("a.m p.m A.M P.M".split())
_CALENDAR = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun Jan Feb Mar "
    "Apr Jun Jul Aug Sep Sept Oct Nov Dec Eastern Central Pacific Mountain Local".split()
)
# Words that open English sentences far more often than they follow a name or abbreviation.
_EN_OPENERS = frozenset(
    "The A An This That These Those There Here It Its He She They We I You His Her Their Our My "
    "Your In On At As After Before But And Or So Yet However Meanwhile Also For From When While If "
    "Although Though Since Because According Some Many Most All Both Each Every One Two Three Such "
    "No Not None What Who Why How Where During Today Yesterday Later Then By With Under Over "
    "Despite Instead Other Another Further Moreover Nevertheless Still Now".split()
)
# Persian words that cannot open a sentence but follow a quotation inside one: «...؟» را پرسید.
_FA_CONTINUATIONS = frozenset(
    "را و که گفت گفته می‌گوید میگوید افزود نوشت پرسید است بود نیز".split()
)
# Words a title does not end on: a line ending on one was wrapped in the middle of a phrase.
_DANGLING = frozenset(
    "the a an of to in on at for with and or but by from as is are was were that which who "
    "و به از در با که را برای تا این آن".split()
)
_CONTINUING_MARKS = frozenset(",;:،؛)]}»›”")
_INTERNET_SUFFIXES = frozenset("com org net gov edu int mil ir io co uk de fr info biz me tv".split())


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """[start, end) spans of the sentences of `text` in language `lang` ("fa" or "en")."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    cuts: list[int] = []
    sentence_start = _next_nonspace(text, 0)
    for m in _CANDIDATE.finditer(text):
        kind = m.lastgroup
        if kind == "end":
            cut = m.end() if _ends_sentence(text, m, lang, sentence_start) else -1
        elif kind == "glued":
            cut = m.end() if _glued_end(text, m.start(), m.end(), sentence_start) else -1
        else:
            cut = m.start() if _breaks_sentence(text, m, lang, sentence_start) else -1
        if cut > sentence_start:
            cuts.append(cut)
            sentence_start = _next_nonspace(text, cut)
    return _inline_list_items(text, _stripped_spans(text, cuts))


def _next_nonspace(text: str, pos: int) -> int:
    m = _NONSPACE.search(text, pos)
    return m.start() if m else len(text)


def _next_visible(text: str, pos: int) -> int:
    """The next character that is neither whitespace nor an invisible mark."""
    m = _VISIBLE.search(text, pos)
    return m.start() if m else len(text)


def _stripped_spans(text: str, cuts: list[int]) -> list[tuple[int, int]]:
    spans = []
    prev = 0
    for cut in [*cuts, len(text)]:
        piece = text[prev:cut]
        stripped = piece.strip()
        if stripped:
            start = prev + len(piece) - len(piece.lstrip())
            spans.append((start, start + len(stripped)))
        prev = cut
    return spans


def _token_before(text: str, pos: int, lo: int) -> tuple[int, str]:
    """Start and text of the whitespace-free token ending at `pos` (not before `lo`), openers removed."""
    start = pos
    lo = max(lo, pos - _LONGEST_TOKEN)  # a longer run is no word, and must not make the scan quadratic
    while start > lo and not text[start - 1].isspace():
        start -= 1
    token = text[start:pos]
    word = token.lstrip(_OPENERS + _INVISIBLE_CHARS)
    return pos - len(word), word


def _token_after(text: str, pos: int) -> str:
    """The whitespace-free text from `pos` on (at most _LONGEST_TOKEN characters)."""
    end = pos
    limit = min(len(text), pos + _LONGEST_TOKEN)
    while end < limit and not text[end].isspace():
        end += 1
    return text[pos:end]


def _next_word(text: str, pos: int) -> str:
    while pos < len(text) and text[pos] in _OPENERS:
        pos += 1
    m = _WORD.match(text, pos)
    return m.group() if m else ""


def _ends_sentence(text: str, m: re.Match[str], lang: str, sentence_start: int) -> bool:
    run_end = m.start()
    while run_end < m.end() and text[run_end] in _TERMINATORS:
        run_end += 1
    marks = text[m.start() : run_end]
    closed = any(c in _CLOSERS for c in text[run_end : m.end()])
    nxt_at = _next_visible(text, m.end())
    if nxt_at == len(text) or (nxt_at - m.end() > 1 and _crosses_paragraph(text, m.end(), nxt_at)):
        return True
    nxt = text[nxt_at]
    if nxt in _CONTINUING_MARKS or nxt in _TERMINATORS:
        return False
    word_start, word = _token_before(text, m.start(), sentence_start)
    if not word and m.start() > 0 and text[m.start() - 1] in "([":
        return False  # a bracketed (?) or (!) doubts one word; it ends nothing
    question = "?" in marks or "؟" in marks
    if nxt.islower() and not (question and not closed):
        # "Why?" he asked / e.g. the / etc. and: a lower-case word continues the sentence. Not
        # after a bare question mark (lower-case chat and transcripts), not before mRNA or
        # iPhone, and in Persian text only after a Latin word: a Persian sentence can open
        # with a lower-case Latin term (orf3b ...).
        if not _mixed_case(_next_word(text, nxt_at)) and (lang == "en" or not _PERSIAN_LETTER.search(word)):
            return False
    if lang == "fa" and closed and _next_word(text, nxt_at) in _FA_CONTINUATIONS:
        return False
    if marks == "!" and not closed and _name_exclamation(text, word, nxt_at, lang, sentence_start):
        return False
    if question or any(c in _STRONG for c in marks):
        return True
    if marks != ".":  # an ellipsis: .. ... … and mixtures
        return bool(word) or _next_word(text, nxt_at) in _EN_OPENERS
    return _period_ends_sentence(text, word, word_start, nxt_at, sentence_start)


def _name_exclamation(text: str, word: str, nxt_at: int, lang: str, sentence_start: int) -> bool:
    """An exclamation mark that is part of a Latin name (Yahoo!, Jeopardy!) in mid-sentence: a
    company suffix follows (Yahoo! Inc.), or, in a Persian sentence, a Persian word follows the
    Latin name. Persian is verb-final: a Persian sentence does not end on a Latin name."""
    if not word or not word[0].isupper() or not word.isascii() or not word.isalpha():
        return False
    following = _next_word(text, nxt_at)
    if following in _COMPANY_SUFFIXES:
        return True
    if lang != "fa" or not _PERSIAN_LETTER.match(following):
        return False
    return _PERSIAN_LETTER.search(text, sentence_start, nxt_at) is not None


def _crosses_paragraph(text: str, start: int, end: int) -> bool:
    gap = text[start:end]
    return "\u2029" in gap or len(_BREAK_RE.findall(gap)) > 1


def _mixed_case(word: str) -> bool:
    return any(c.isupper() for c in word)


def _period_ends_sentence(text: str, word: str, word_start: int, nxt_at: int, sentence_start: int) -> bool:
    if not word or any(mark in word for mark in _INTERNET):
        return True  # an address at the end of a sentence: its last dot is a full stop
    if word in _NEVER_FINAL or _PERSIAN_ABBREVIATION.fullmatch(word):
        return False
    if len(word) == 1 and "a" <= word <= "z":
        return False  # v. Wade, p. 5, c. 1500
    nxt = text[nxt_at]
    if word in _BEFORE_NUMBER and nxt in _NUMBER_START:
        return False
    number = word.lstrip(_BULLETS)
    if _NUMBER.fullmatch(number):
        opens = not text[sentence_start:word_start].strip(_OPENERS + _INVISIBLE_CHARS + _BULLETS + " ")
        if _LIST_NUMBER.fullmatch(number) and (opens or _after_colon(text, word_start, sentence_start)):
            return False  # a list marker: 1. ۱. 12. • 9.
        return not _next_list_item(text, sentence_start, word_start)
    if word in _CLOCK and _fronted_time(text, sentence_start, word_start):
        return False  # "At 5 a.m. Mr. Smith went": the time opens the sentence
    following = _next_word(text, nxt_at)
    if word in _CLOCK:
        # 6 p.m. Monday, 9 a.m. EST: a day, a month or a time zone still belongs to the time
        return not (following in _CALENDAR or (following.isupper() and 2 <= len(following) <= 4))
    if len(word) == 1 and "A" <= word <= "Z":
        return _initial_ends_sentence(text, word_start, nxt_at, following, sentence_start)
    if word in _MAYBE_FINAL or _ACRONYM.fullmatch(word):
        return following in _EN_OPENERS
    return True


def _fronted_time(text: str, sentence_start: int, word_start: int) -> bool:
    """The sentence so far is a preposition and a time (At 5 a.m.): no sentence, but its opening."""
    before = text[sentence_start:word_start].split()
    if len(before) != 2 or before[0] not in _CLOCK_OPENERS:
        return False
    return _NUMBER.fullmatch(before[1].replace(":", "")) is not None


def _marker(text: str, pos: int) -> tuple[str, str, int, int] | None:
    """(bullet, mark, value, end) of an enumeration marker at `pos` (• 9. / 1.) / a.), or None."""
    m = _MARKER.match(text, pos)
    if not m:
        return None
    value = m.group("value")
    number = int(value) if value.isdigit() else ord(value) - ord("a") + 1
    return (m.group("bullet") or "").strip(), m.group("mark"), number, m.end()


def _next_list_item(text: str, sentence_start: int, at: int) -> bool:
    """True if a marker at `at` (back over a bullet) continues the enumeration that opens the
    sentence: 1. ... 2. / • 9. ... • 10. / a. ... b. (an inline list, one item per sentence)."""
    first = _marker(text, sentence_start)
    if first is None:
        return False
    while at > sentence_start and not text[at - 1].isspace():
        at -= 1
    before = text[sentence_start:at].rstrip(" ")
    if before.endswith(tuple(_BULLETS)):
        at = sentence_start + len(before) - 1  # the bullet of "• 10."
    m = _MARKER.search(text, at, at + 12)
    item = _marker(text, m.start()) if m and not text[at : m.start()].strip(_BULLETS + " ") else None
    return item is not None and item[:2] == first[:2] and item[2] > first[2]


def _inline_list_items(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans that open with an enumeration marker, cut before each next marker of the same kind
    (1) The first item 2) The second item): the items of a list written on one line."""
    out = []
    for start, end in spans:
        first = _marker(text, start)
        if first is None:
            out.append((start, end))
            continue
        bullet, mark, value, pos = first
        while True:
            nxt = None
            for m in _MARKER.finditer(text, pos, end):
                found = _marker(text, m.start())
                if found and found[:3] == (bullet, mark, value + 1) and m.start() > 0 and text[m.start() - 1].isspace():
                    nxt = m.start()
                    break
            if nxt is None:
                break
            piece_end = nxt
            while piece_end > start and text[piece_end - 1].isspace():
                piece_end -= 1
            out.append((start, piece_end))
            start, value, pos = nxt, value + 1, found[3]
        out.append((start, end))
    return out


def _initial_ends_sentence(text: str, word_start: int, nxt_at: int, following: str, sentence_start: int) -> bool:
    """J. R. R. Tolkien, George W. Bush: no; vitamin D. Large ..., پروتئین S. عموماً: yes."""
    if _INITIAL.match(text, nxt_at):
        return False  # another initial follows
    if following in _EN_OPENERS or _PERSIAN_LETTER.match(following):
        return True  # a Persian word cannot continue a Latin name
    k = word_start
    while k > sentence_start and not text[k - 1].isspace():
        k -= 1  # back over this token's opening marks
    while k > sentence_start and text[k - 1].isspace():
        k -= 1
    if k <= sentence_start:
        return False  # the letter opens the sentence: an initial
    _, before = _token_before(text, k, sentence_start)
    before = before.rstrip(_CLOSERS + ",")
    if not (before.isalpha() and before.islower()):
        return False  # "President George W. Bush"
    # "from A to B. Airlines know" ends; "program chief N. Wayne Hale" is a name
    words = text[nxt_at : nxt_at + 80].split(maxsplit=2)
    second = words[1].lstrip(_OPENERS) if len(words) > 1 else ""
    return not (following[:1].isupper() and second[:1].isupper())


def _after_colon(text: str, pos: int, sentence_start: int) -> bool:
    before = text[max(sentence_start, pos - 20) : pos].rstrip()
    return before.endswith(":")


def _glued_end(text: str, at: int, end: int, sentence_start: int) -> bool:
    """A terminator with no space after it, between two words of one script: a lost space."""
    before = text[max(sentence_start, at - 4) : at]
    latin = text[end].isascii()
    if not (_LATIN_WORD_END if latin else _PERSIAN_WORD_END).search(before):
        return False
    _, word = _token_before(text, at, sentence_start)
    if any(mark in word for mark in _PATH_MARKS) or word in _NEVER_FINAL or word in _MAYBE_FINAL:
        return False  # an address or path (example.com/page?Id=1), or Mr.Smith
    if any(mark in _token_after(text, end) for mark in _INTERNET):
        return False  # the dot inside an e-mail address or URL: Jane.Doe@example.com
    if latin:
        after = _WORD.match(text, end)
        if after and after.group().lower() in _INTERNET_SUFFIXES:
            return False  # Booking.Com
    return True


def _breaks_sentence(text: str, m: re.Match[str], lang: str, sentence_start: int) -> bool:
    breaks = m.group()
    if "\u2029" in breaks or len(_BREAK_RE.findall(breaks)) > 1:
        return True  # a paragraph break
    nxt_at = m.end()
    if _LIST_ITEM.match(text, nxt_at):
        return True
    return _heading_line(text, m.start(), nxt_at, lang, sentence_start)


def _heading_line(text: str, line_end: int, nxt_at: int, lang: str, sentence_start: int) -> bool:
    """A short line with no final punctuation that opens a sentence at its start: a title."""
    if line_end - sentence_start > _HEADING_CHARS:
        return False  # also keeps this check short on long wrapped sentences
    line = text[sentence_start:line_end].rstrip()
    if not line or not line[-1].isalnum():
        return False
    words = line.split()
    if len(words) > _HEADING_WORDS or words[-1].lower() in _DANGLING:
        return False  # too long for a title, or wrapped mid-phrase ("a meeting with\nJohn")
    line_start = sentence_start
    while line_start > 0 and text[line_start - 1] not in _BREAK_SET:
        if not text[line_start - 1].isspace():
            return False  # the sentence opened mid-line: this line is the tail of a wrapped one
        line_start -= 1
    if any(c in _BREAK_SET for c in line):
        return False  # the sentence began on an earlier line
    first_at = _next_visible(text, nxt_at)
    if first_at == len(text) or _BREAK_RE.search(text, nxt_at, first_at):
        return True  # the last line, or the next one holds only invisible marks
    next_break = _BREAK_RE.search(text, first_at)
    next_line = text[first_at : next_break.start() if next_break else len(text)].rstrip()
    if 2 * len(next_line) < 3 * len(line):
        return False  # no longer than this line: wrapped text, whose lines are all about as long
    first = text[first_at]
    if first in _OPENERS or first.isdigit():
        return True
    if lang == "en":
        return first.isupper()
    return _PERSIAN_LETTER.match(first) is not None
