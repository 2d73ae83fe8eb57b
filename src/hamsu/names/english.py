"""Names in an English sentence: runs of capitalized words.

A run may hold name particles (Dayr al-Zawr, Osama bin Laden, Ludwig van Beethoven, Bank of
England); a title before it (Major General, President, Dr.) is not part of the name but says it is
a person. Capitals prove little at the start of a sentence or a quote and in headlines written in
title case, so a lone word there is only a possible name, unless the name table knows it or the
document writes it capitalized somewhere capitals do prove something.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from .table import NameTable, en_lookup_key

_PIECE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s?$")
_OPENS_SENTENCE = re.compile(r"[.!?:;\"“«(\[—–•*]")

# Capitalized at the start of a sentence for no other reason: function words, frequent adverbs.
# Inside a sentence a capital is meant (New Zealand, The Hague), so these count only at a start.
STOP = frozenset("""
The A An This That These Those In On At For From With By During After Before According Following
However But And Or Nor If When While Although Though Since As It He She They We I You Its His Her
Their Our My Your There Here Some Most Many Several All Each Every No Not None One Two Three Four
Five Six Seven Eight Nine Ten Despite Under Over Between Among Also Meanwhile Yet Still Then Thus
Earlier Later Last Next Other Another Such What Which Who Whom Whose Where Why How Both Either
Neither Unlike Like Until Through Throughout Within Without Against About Above Below Into Upon
Across Around Near Due Because Even Only Just Now Today Yesterday Tomorrow Recently Currently
Instead Moreover Furthermore Nevertheless Otherwise Therefore Hence Indeed Perhaps Maybe Once
Let Please Well Yes So Do Does Did Is Are Was Were Be Been Being Has Have Had Will Would Can Could
May Might Must Shall Should To Of Up Out Off Down Away Back First Second Third New Old More Less
Much Few Any Whether Whereas Almost Already Always Never Often Sometimes Usually Generally
Additionally Finally Eventually Previously Subsequently Similarly Likewise Overall Although
Whatever Whenever Wherever Because Photo Photos Video Videos Image Images Source Sources Read
Note See
""".split())
# Capitalized in English and never a name to link: calendar words are ordinary words in Persian.
NEVER = frozenset("""
I Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
July August September October November December
""".split())

# Titles before a person's name: not part of it.
TITLES = frozenset("""
General Major Brigadier Lieutenant Colonel Commander Captain Admiral Marshal Sergeant Corporal
Private Gen Col Lt Capt Maj Sgt Adm President Vice Prime Minister Foreign Defence Defense Interior
Deputy Secretary Speaker Chairman Chairwoman Chief Mr Mrs Ms Miss Dr Prof Professor Sir Dame Lord
Lady King Queen Prince Princess Emperor Sheikh Shaikh Ayatollah Grand Hojatoleslam Hojjatoleslam
Imam Mullah Pope Father Rev Reverend Bishop Cardinal Rabbi Senator Sen Governor Gov Mayor Judge
Justice Ambassador Envoy Spokesman Spokeswoman Martyr Sayyed Seyyed Haj Hajj Mirza Saint
Chancellor Premier Commissioner Councillor Councilman Councilwoman Congressman Congresswoman
Representative Rep Attorney Director Administrator Executive Officer Manager Editor Coach Inspector
Superintendent Commandant Acting Interim Former Assistant Associate Senior
""".split())
PERSON_TITLES = TITLES  # every title above is said of a person
# Lower-case words that may stand inside a name.
PARTICLES = frozenset("de da di du del della der den van von ter bin ibn bint ben al el of y la le".split())
ARTICLES = frozenset("al el ad an ar as ash at az ez es ed er et ul ud un us".split())
_SMALL_WORDS = PARTICLES | ARTICLES
_ABBREVIATIONS = frozenset("Dr Mr Mrs Ms St Gen Col Lt Capt Maj Sgt Adm Prof Jr Sr Sen Gov Rev Mt Ft".split())


# Pieces and names are tuples: a sentence's are made by the thousand, and a frozen dataclass's
# __init__ (object.__setattr__ for each field) costs several times what a tuple's __new__ does.
class Piece(NamedTuple):
    text: str
    start: int  # [start, end) in the sentence text, without a possessive 's
    end: int
    role: str  # "name", "acronym", "particle" or "article"


class EnglishName(NamedTuple):
    pieces: tuple[Piece, ...]  # the run as written, particles and articles included
    certain: bool  # False: a lone capitalized word where capitals prove nothing
    kind: str  # "person" after a title, else "name"

    @property
    def start(self) -> int:
        return self.pieces[0].start

    @property
    def end(self) -> int:
        return self.pieces[-1].end


# Each sentence is read three times (capitalized_words, is_title_case, english_names): its pieces
# are found once. The linker reads every sentence of a document for its capitals before it finds
# the names of any, so the cache holds as many sentences as the linker keeps prepared
# (link.PREPARED_SENTENCES); a longer document reads its sentences again.
SENTENCES_KEPT = 1 << 14


def _python_piece_matches(text: str) -> list[tuple[str, int, int]]:
    """The matches of _PIECE as (text, start, end): what the compiled pieces give."""
    return [(m.group(), m.start(), m.end()) for m in _PIECE.finditer(text)]


try:  # built by setup.py where a C compiler is found; optional, since the Python gives the same pieces
    from . import _faspans
except ImportError:
    _faspans = None
COMPILED = _faspans is not None
# The pattern's letters tested one by one cost a regular expression hundreds of instructions a
# character; the compiled loop (_faspans.pieces) tests each with the same Unicode tables.
_piece_matches = _faspans.pieces if COMPILED else _python_piece_matches


@lru_cache(maxsize=SENTENCES_KEPT)
def _pieces(text: str) -> tuple[tuple[str, int, int], ...]:
    out = _piece_matches(text)
    if "'s" not in text and "’s" not in text:
        return tuple(out)  # no piece ends in an apostrophe's s
    for k, (word, start, end) in enumerate(out):
        # _POSSESSIVE, asked only of a word that ends in an apostrophe's s (a piece never ends in
        # the apostrophe itself: _PIECE ends on a letter)
        if word.endswith(("'s", "’s")) and (possessive := _POSSESSIVE.search(word)) and len(word) > 2 \
                and possessive.start() > 0:  # fmt: skip
            cut = len(possessive.group())
            out[k] = (word[: len(word) - cut], start, end - cut)
    return tuple(out)


def _joined(text: str, left: tuple[str, int, int], right: tuple[str, int, int]) -> str:
    """How two neighbouring pieces are joined: "space", "hyphen" or "" (not part of one name)."""
    gap = text[left[2] : right[1]]
    if gap.strip() == "" and gap:
        return "space" if "\n" not in gap else ""
    if gap in ("-", "‐"):
        return "hyphen"
    # U.S. and Dr. Ehud: the dot of an initial or an abbreviation does not end the name.
    if gap.startswith(".") and gap[1:].strip() == "" and (len(left[0]) == 1 or left[0] in _ABBREVIATIONS):
        return "space"
    # 's ends a possessive name: Iran's Foreign Ministry.
    return ""


def _opens(text: str, pieces: Sequence[tuple[str, int, int]], k: int) -> bool:
    """Whether piece k stands where any word is capitalized: at the start of the sentence, after
    end punctuation, a colon or an opening quote (not after the dot of Dr. or U.S.)."""
    if k == 0:
        return True
    gap = text[pieces[k - 1][2] : pieces[k][1]]
    if not _OPENS_SENTENCE.search(gap):
        return False
    if gap.endswith("[") and not _OPENS_SENTENCE.search(gap[:-1]):
        return False  # an editor's word inside a sentence (…, [Putin] said): capitalized as a name
    previous = pieces[k - 1][0]
    abbreviation = gap.startswith(".") and (len(previous) == 1 or previous in _ABBREVIATIONS)
    return not (abbreviation and not _OPENS_SENTENCE.search(gap[1:]))


def _is_capitalized(word: str) -> bool:
    return word[:1].isupper() and not word.isupper() or (word.isupper() and len(word) == 1)


def _is_acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper() and word.isalpha()


@lru_cache(maxsize=SENTENCES_KEPT)
def is_title_case(text: str) -> bool:
    """A headline in title case: capitals there say nothing about names."""
    words = [w for w, _, _ in _pieces(text) if len(w) > 3]
    lower = sum(1 for w in words if w[:1].islower())
    # A short sentence may be mostly names (He teaches at Dalhousie University in North Kivu).
    return (len(words) >= 4 and lower == 0) or (len(words) >= 8 and lower <= len(words) // 6)


def capitalized_words(sentences: Iterable[str]) -> frozenset[str]:
    """Words written capitalized where capitals prove something (inside a sentence), lower-cased:
    the document's evidence that a word is a name where capitals prove nothing."""
    seen = set()
    for text in sentences:
        if is_title_case(text):
            continue
        pieces = _pieces(text)
        # (a piece is never empty; one opening in lower case is not capitalized)
        for k in [k for k, piece in enumerate(pieces) if not piece[0][0].islower()]:
            word = pieces[k][0]
            if _is_capitalized(word) and word not in NEVER and not _opens(text, pieces, k):
                seen.add(word.lower())
    return frozenset(seen)


def english_names(text: str, table: NameTable, document_capitals: frozenset[str] = frozenset(),
                  headline: bool = False) -> list[EnglishName]:
    """The runs of capitalized words in a sentence, titles removed."""
    pieces = _pieces(text)
    uncertain_everywhere = headline or is_title_case(text)
    runs: list[list[tuple[int, str]]] = []  # (piece index, role)
    current: list[tuple[int, str]] = []
    pending: list[tuple[int, str]] = []  # particles waiting for the name part that follows

    def flush() -> None:
        nonlocal current, pending
        if any(role in ("name", "acronym") for _, role in current):
            runs.append(current)
        current, pending = [], []

    # How each piece is joined to the next, "" after the last: each gap looked at once, and only
    # where a capital, an article or a particle asks (most words are none of these).
    joins: list[str | None] = [None] * (len(pieces) - 1) + [""]

    def joined(k: int) -> str:
        join = joins[k]
        if join is None:
            join = joins[k] = _joined(text, pieces[k], pieces[k + 1])
        return join

    # Only the pieces not opening in lower case (a piece is never empty) and the articles and
    # particles are looked at one by one: any other piece is neither an acronym nor capitalized,
    # and only ends the run before it, so a stretch of them between two looked at ends it once.
    looked_at = [k for k, piece in enumerate(pieces) if not piece[0][0].islower() or piece[0] in _SMALL_WORDS]
    after = 0  # the piece after the last one looked at
    for k in looked_at:
        if k > after and (current or pending):
            flush()
        after = k + 1
        word = pieces[k][0]
        # (a function word at an opening is no name: `stop`, asked only of a capitalized word)
        acronym = not word[0].islower() and _is_acronym(word)
        if acronym or (not word[0].islower() and _is_capitalized(word) and not (
                word in NEVER or (word in STOP and (uncertain_everywhere or _opens(text, pieces, k))))):  # fmt: skip
            role = "acronym" if acronym else "name"
            if word in ("Al", "El") and joined(k) == "hyphen":
                role = "article"
            join = joined(k - 1) if k else ""
            separate = bool(current) and join == "hyphen" and _separate_names(current, pieces, k, table)
            if (current or pending) and join and not separate:
                current += pending + [(k, role)]
                pending = []
            else:
                flush()
                current = [(k, role)]
            continue
        # (ARTICLES and PARTICLES are in lower case, and a word in lower case is its own lower():
        # a word is one of them in lower case where it is one of them as written)
        if word in ARTICLES and joined(k) == "hyphen":
            if not (current and (joined(k - 1) if k else "")):
                flush()
            pending.append((k, "article"))
            continue
        if word in PARTICLES and current and (joined(k - 1) if k else "") and joined(k):
            pending.append((k, "particle"))
            continue
        if current or pending:  # (else nothing to flush)
            flush()
    flush()  # (the pieces after the last one looked at end its run too)

    names = []
    for run in runs:
        # A run opened by an article alone (al-Nujaba) keeps it; pending particles at the end
        # were dropped by flush. Titles in front go.
        kind = "name"
        while run and run[0][1] == "name" and pieces[run[0][0]][0] in TITLES:
            kind = "person"
            run = run[1:]
            while run and run[0][1] == "particle":
                run = run[1:]
        if not any(role in ("name", "acronym") for _, role in run):
            continue
        if len(run) == 1 and len(pieces[run[0][0]][0]) == 1:
            continue  # a lone letter (the H in pH, a list item): not a name
        first = run[0][0]
        names_in_run = [k for k, role in run if role in ("name", "acronym")]
        at_opening = _opens(text, pieces, first)
        words = [pieces[k][0] for k in names_in_run]
        known = any(w.lower() in document_capitals for w in words) or bool(
            table.persian_for(en_lookup_key(" ".join(words)))
        ) or any(table.persian_for(en_lookup_key(w)) for w in words)
        if kind == "person" and not uncertain_everywhere:
            certain = True  # after a title, but not in a title-case headline (Senator Undergoes Surgery)
        elif uncertain_everywhere:
            certain = known
        elif len(words) == 1 and at_opening:
            certain = known or _is_acronym(words[0])
        else:
            certain = True
        names.append(
            EnglishName(tuple(Piece(pieces[k][0], pieces[k][1], pieces[k][2], role) for k, role in run), certain, kind)
        )
    return names


def _separate_names(current: list[tuple[int, str]], pieces, k: int, table: NameTable) -> bool:
    """Iraqi-Syrian border: two known names joined by a hyphen are two names."""
    left = pieces[current[-1][0]][0]
    right = pieces[k][0]
    return bool(table.persian_for(en_lookup_key(left))) and bool(table.persian_for(en_lookup_key(right)))


# Lower-case words that may go on a title of a work after a capitalized function word (Gone With
# the Wind, Out of Africa): the capital there is the title's, not a name's.
_TITLE_CONNECTORS = frozenset("the a an of and or in on at to for with from by".split())
# Verbs of saying: a quotation may follow them unmarked, opening with a capital (It warns No one can).
_REPORTING_VERBS = frozenset('''
say says said tell tells told warn warns warned write writes wrote ask asks asked add adds added
state states stated declare declares declared announce announces announced reply replies replied
note notes noted insist insists insisted tweet tweets tweeted argue argues argued explain explains
explained claim claims claimed
'''.split())


def capitalized_function_words(text: str) -> list[tuple[str, int, int]]:
    """Function words and sentence adverbs (STOP) capitalized inside a sentence, standing alone:
    (word, start, end). English capitalizes them only where a sentence, a quote or a title opens,
    so one written capitalized between lower-case words (paid tribute to Through, the San Moreover
    office) is a word put where a name stood, not a name. Words at an opening, in a title-case line,
    joined by a hyphen, or followed by another capitalized word or a title's small word (Gone With
    the Wind) are left out; so are single letters (Vitamin A)."""
    if is_title_case(text):
        return []
    pieces = _pieces(text)
    out = []
    for k, (word, start, end) in enumerate(pieces):
        if word not in STOP or word in NEVER or len(word) < 2 or not word[0].isupper() or _opens(text, pieces, k):
            continue
        before = text[pieces[k - 1][2] : start] if k else ""
        if not before.strip(" ,") == "" or "\n" in before:
            continue  # after a hyphen, a bracket or a line break: part of a compound or a list
        if k and pieces[k - 1][0].lower() in _REPORTING_VERBS:
            continue  # It warns No one can…: a quotation opens, unmarked
        if k + 1 < len(pieces):
            following, gap = pieces[k + 1][0], text[end : pieces[k + 1][1]]
            if gap.strip() == "" and (following[:1].isupper() or following in _TITLE_CONNECTORS):
                continue  # the start of a title (With Love, From the Earth): capitals of their own
            if gap.strip() in ("-", "‐"):
                continue
        out.append((word, start, end))
    return out


# An acronym in brackets right after the words it abbreviates: Centers for Disease Control and
# Prevention (CDC), the Middle East respiratory syndrome (MERS).
_ACRONYM_IN_BRACKETS = re.compile(r"\(\s*([A-Z]{2,7})\s*\)")
_EXPANSION_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_EXPANSION_REACH = 8  # words before the bracket an expansion may span
_ACRONYM_SMALL_WORDS = frozenset("of for and the on in to at by a an & de la du des".split())


def _spells(words: Sequence[str], acronym: str) -> bool:
    """Whether `words` abbreviate to `acronym`: each word gives a prefix of itself or nothing, in
    order, the first word at least its initial (TEPCO: Tokyo Electric Power COmpany; ECDC:
    European Centre for Disease Prevention and Control). World Covid Organization gives no WHO."""
    letters = acronym.lower()

    def fits(k: int, at: int) -> bool:
        if at == len(letters):
            return True  # the words after the last letter give nothing (and Prevention)
        if k == len(words):
            return False
        word = words[k].lower()
        if k > 0 and fits(k + 1, at):
            return True
        size = 1
        while size <= len(word) and at + size <= len(letters) and word[:size] == letters[at : at + size]:
            if fits(k + 1, at + size):
                return True
            size += 1
        return False

    return bool(words) and fits(0, 0)


def misspelled_acronyms(text: str) -> list[tuple[str, str, int, int]]:
    """Acronyms in brackets that no run of the words right before them spells out (World Covid
    Organization (WHO): a word of the expansion replaced), as (acronym, the capitalized words
    before it, start, end of those words). An expansion in lower case (severe acute respiratory
    syndrome) or one with no capitalized word is not checked: capitals say where it begins, and
    a word in lower case where it ends."""
    out = []
    for m in _ACRONYM_IN_BRACKETS.finditer(text):
        acronym = m.group(1)
        if not acronym.isupper():
            continue  # (Ebola), (Reuters): a name; (CoVs), (PoCT): letters from inside words
        # The expansion reaches back over words of a name: not across a lower-case word or
        # another acronym.
        run = _words_before(text, m.start(), _name_word)
        capitalized = [w for w in run if w.group()[:1].isupper() and w.group().lower() not in _ACRONYM_SMALL_WORDS]
        if not capitalized or acronym.lower() in (w.group().lower() for w in run):
            continue
        words = _letter_words(run)
        rest = words[words.index(capitalized[0].group().split("-")[0]) + 1 :]
        if capitalized[0].group()[0] != acronym[0] and not _spells(rest, acronym[1:]):
            # Provisional Electoral Council (CEP): another language's words; but Africa States
            # Geological Survey (USGS) spells all of it but its first word, which was replaced.
            continue
        if any(_spells(words[k:], acronym) for k in range(len(words))):
            continue
        first = capitalized[0]
        out.append((acronym, text[first.start() : run[-1].end()], first.start(), run[-1].end()))
    return out


def acronym_spelled_out(text: str, acronym: str) -> bool | None:
    """Where `acronym` stands in English `text`: None when it stands alone (OSHA considers …),
    True when it follows in brackets words that spell it, capitalized or not (Multiple Sclerosis
    (MS), Middle East respiratory syndrome (MERS)), False when the words before its bracket do not
    (the respiratory syndrome (MERS): a word of the expansion dropped or replaced)."""
    bracketed = re.search(rf"\(\s*{re.escape(acronym)}\s*\)", text)
    run = _words_before(text, bracketed.start(), lambda word: True) if bracketed else []
    if not run:
        return None  # alone, or not right after words (a list, a quote): no expansion to read
    words = _letter_words(run)
    return any(_spells(words[k:], acronym) for k in range(len(words)))


def _name_word(word: str) -> bool:
    """A word an expansion in capitals may hold: capitalized or a small word, no acronym."""
    return (word[:1].isupper() or word.lower() in _ACRONYM_SMALL_WORDS) and not (len(word) > 1 and word.isupper())


def _words_before(text: str, at: int, keep: Callable[[str], bool]) -> list[re.Match]:
    """The words right before `at` (only spaces between the last and it), at most
    _EXPANSION_REACH, back to a gap that is not spaces or hyphens or to a word `keep` refuses."""
    before = list(_EXPANSION_WORD.finditer(text, max(0, at - 200), at))[-_EXPANSION_REACH:]
    if not before or text[before[-1].end() : at].strip():
        return []
    run: list[re.Match] = []
    for w in reversed(before):
        if (run and text[w.end() : run[0].start()].strip(" -")) or not keep(w.group()):
            break  # a comma, a full stop: the expansion does not reach across it
        run.insert(0, w)
    return run


def _letter_words(run: list[re.Match]) -> list[str]:
    """The words of an expansion that give letters: a hyphened word's parts each (Tahrir
    al-Sham, HTS)."""
    return [part for w in run for part in re.split("[-‐]", w.group()) if part]
