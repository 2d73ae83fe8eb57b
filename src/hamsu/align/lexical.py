"""Words as evidence: fold, stem and key the words of each side so that translations can meet.

Every sentence becomes a set of keys in one space shared by both languages:

    Persian stems (and stem pairs) ........ the Persian side as is, the English side through the dictionary
    #number ............................... digits of any script, thousands marks removed
    @latin ................................ Latin-script words (names, acronyms) found on both sides
    ~skeleton ............................. consonant skeletons of names written in either script
    ?  "  ................................. question marks and quotes

so the lexical evidence for a pair of sentences is the intersection of two sets, each shared key
weighted by how rare it is nearby (PairScores, at the end). The stemmers are crude on purpose:
both sides of the dictionary go through the same functions, so all that matters is that inflected
forms of one word share a key, not that the key is a real stem.
"""
from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Collection, Sequence
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, NamedTuple

from ..persian.script import (
    ARABIC_BLOCK,
    ARABIC_DIGITS,
    ARABIC_LETTERS,
    ASCII_DIGITS,
    DIACRITICS,
    PERSIAN_DIGITS,
    WORD_EVIDENCE_FOLD,
    ZWNJ,
    chars_of,
)

if TYPE_CHECKING:
    from .dictionary import Dictionary

# --- Persian ----------------------------------------------------------------------------------

# Letter variants a writer may use for the same letter, and the marks that do not change a word.
_FA_FOLD = str.maketrans(WORD_EVIDENCE_FOLD)
_FA_WORD = re.compile(f"[{ARABIC_LETTERS}{DIACRITICS}{ZWNJ}]+")

# Function words, light verbs and auxiliaries: they occur in nearly every sentence, so matching
# them says nothing about which sentences are translations. Folded spellings (no ZWNJ, ی not ي).
FA_STOPWORDS = frozenset(
    """
    و در به از که را با این آن برای تا بر یا هم نیز اما ولی اگر چون چه هر همه یک یکی دیگر
    است بود شد شده باشد باشند هست نیست بودند شدند شود شوند میشود میشوند کرد کرده کند کنند
    میکند میکنند کردند کردن شدن داد دادن داده دارد دارند داشت داشته داشتند خواهد خواهند
    باید شاید توان میتوان گفت گفته وی او ما من تو شما انها ایشان خود خویش ان اینکه انکه
    همین همان چنین چنان نه هیچ پس سپس حتی بسیار خیلی زیرا بین میان روی زیر پیش پی طی
    ای ها های می نمی اند ام ای ایم اید اش شان مان تان بی
    """.split()
)

# Stems of light verbs and auxiliaries (کردن → کرد/کن, شدن → شد/شو ...), whatever their ending.
FA_STOP_STEMS = frozenset("کرد کن شد شو داد ده دار داشت بود باش است هست خواه نمود نما گشت گرد".split())

# Suffixes stripped from the end of a folded word, longest first; a stem keeps at least
# _FA_MIN_STEM letters. ها/های (plural), ترین/تر (degree), ان/ات (plural), ی (adjective,
# ezafe, indefinite), the pronoun clitics and the person endings of verbs, and ه of participles.
_FA_SUFFIXES = (
    "هایشان", "هایمان", "هایتان", "هایی", "های", "ها", "ترین", "تری", "تر",
    "شان", "مان", "تان", "یان", "گان", "ات", "ان", "اند", "ند", "ید", "یم", "ای", "ام", "ی", "ش", "ه",
)
_FA_PREFIXES = ("نمی", "می", "بی")
# The suffixes by their last letter, each list in _FA_SUFFIXES order: a word is tried only against
# the suffixes it can end with, and the first that fits is still the one stripped.
_FA_SUFFIXES_BY_LAST: dict[str, tuple[str, ...]] = {
    last: tuple(s for s in _FA_SUFFIXES if s[-1] == last) for last in {s[-1] for s in _FA_SUFFIXES}
}
_FA_MIN_STEM = 2


def evidence_fold_fa(word: str) -> str:
    """One spelling for Persian letter variants, no ZWNJ, diacritics, hamza marks or kashida."""
    return word.translate(_FA_FOLD)


@lru_cache(maxsize=1 << 17)
def stem_fa(folded: str) -> str:
    """A crude stem of a folded Persian word: verb prefixes and up to two suffixes stripped."""
    word = folded
    for prefix in _FA_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            word = word[len(prefix) :]
            break
    for _ in range(2):
        for suffix in _FA_SUFFIXES_BY_LAST.get(word[-1:], ()):
            if word.endswith(suffix) and len(word) - len(suffix) >= _FA_MIN_STEM + (suffix == "ه"):
                word = word[: -len(suffix)]
                break
        else:
            break
    # Infinitives end in دن/تن: کردن and کرد (the past stem) are one word.
    if len(word) >= 4 and word[-1] == "ن" and word[-2] in "دت":
        word = word[:-1]
    return word


def fa_words(text: str) -> list[str]:
    """The folded Persian words of a text, in order."""
    return [evidence_fold_fa(w) for w in _FA_WORD.findall(text)]


@lru_cache(maxsize=1 << 17)
def fa_content_stem(folded: str) -> str:
    """The stem of a folded Persian word, or '' for a function word or light verb."""
    if folded in FA_STOPWORDS or len(folded) < 2:
        return ""
    stem = stem_fa(folded)
    return "" if stem in FA_STOP_STEMS else stem


def fa_key(phrase: str) -> str:
    """Dictionary key of a Persian word or phrase: its content stems joined by a space."""
    return " ".join(s for s in map(fa_content_stem, fa_words(phrase)) if s)


# --- English ----------------------------------------------------------------------------------

ENGLISH_STOPWORDS = frozenset(
    """
    a an the and or but if of to in on at by for from with without into onto about as than then
    so too very is are was were be been being am do does did done have has had having will would
    shall should can could may might must it its it's this that these those there here he she him
    her his hers they them their theirs we us our ours you your yours i me my mine who whom whose
    which what when where why how not no nor all any some each every both either neither such own
    same other also just only up down out over under again further once more most s t said says
    """.split()
)
_EN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['’][A-Za-z]+)?")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f0-9]*")


@lru_cache(maxsize=1 << 17)
def stem_en(lower: str) -> str:
    """A crude stem of a lower-case English word: possessive, plural, -ed, -ing, -ly stripped."""
    word = lower.replace("’", "'")
    if not word.isascii():  # Nūrābād, Zürich: news English mostly writes names without accents
        word = "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))
    if word.endswith("'s"):
        word = word[:-2]
    elif "'" in word:
        word = word.split("'")[0]
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "shes", "ches", "xes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    elif word.endswith("ied") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("ed") and len(word) > 4:
        word = word[:-2]
    elif word.endswith("ly") and len(word) > 5:
        word = word[:-2]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "ls":  # stopped, running
        word = word[:-1]
    if word.endswith("e") and len(word) > 3:  # make/making, produce/produced
        word = word[:-1]
    return word


def en_words(text: str) -> list[str]:
    return _EN_WORD.findall(text)


@lru_cache(maxsize=1 << 17)
def en_content_stem(word: str) -> str:
    """The stem of an English word, or '' for a function word."""
    lower = word.lower()
    if lower in ENGLISH_STOPWORDS or len(lower) < 2:
        return ""
    stem = stem_en(lower)
    return "" if stem in ENGLISH_STOPWORDS else stem  # I've, it'll


def en_key(phrase: str) -> str:
    """Dictionary key of an English word or phrase: its content stems joined by a space."""
    return " ".join(s for s in map(en_content_stem, en_words(phrase)) if s)


# --- Numbers ----------------------------------------------------------------------------------

NUMBER = re.compile(r"[0-9۰-۹٠-٩]+(?:[.,٫٬][0-9۰-۹٠-٩]+)*")


def number_key(number: str) -> str:
    """One key for a number in any script: '1,500' '۱٬۵۰۰' '1500' meet, as do '3.5' and '۳٫۵'."""
    groups = re.split("([.,٫٬])", number.translate(ASCII_DIGITS))
    out = [groups[0]]
    for mark, group in zip(groups[1::2], groups[2::2]):
        thousands = mark in ",٬" and len(group) == 3
        out.append(group if thousands else "." + group)
    key = "".join(out)
    if "." not in key:
        key = key.lstrip("0") or "0"
    return "#" + key


# --- Names: consonant skeletons ---------------------------------------------------------------

# Persian writes most vowels not at all and the rest as ا و ی, which are also consonants, so a
# name is compared by its consonants only, with the letters Persian spells alike merged (s: س ص
# ث, z: ز ذ ض ظ and English s/z, which Persian renders either way: Charles → چارلز).
_FA_SKELETON = str.maketrans(
    {
        "ب": "b", "پ": "p", "ت": "t", "ط": "t", "ث": "s", "س": "s", "ص": "s", "ج": "j", "چ": "c",
        "خ": "x", "د": "d", "ذ": "s", "ز": "s", "ض": "s", "ظ": "s", "ر": "r", "ژ": "j", "ش": "S",
        "غ": "g", "ق": "k", "ف": "f", "ک": "k", "گ": "g", "ل": "l", "م": "m", "ن": "n",
        "ح": None, "ه": None, "ع": None, "ا": None, "و": None, "ی": None,
    }
)
_EN_DIGRAPHS = re.compile("sch|ph|sh|ch|th|kh|gh|ck|qu|c(?=[eiy])|[cqxzwvhy]|[aeiou]")
_EN_DIGRAPH_SOUND = {
    "sch": "S", "ph": "f", "sh": "S", "ch": "c", "th": "t", "kh": "x", "gh": "g", "ck": "k",
    "qu": "k", "c": "k", "q": "k", "x": "ks", "z": "s", "w": "", "v": "", "h": "", "y": "",
}
_DOUBLES = re.compile(r"(.)\1+")
MIN_SKELETON = 3


def _squeeze(skeleton: str) -> str:
    return _DOUBLES.sub(r"\1", skeleton)


@lru_cache(maxsize=1 << 16)
def evidence_skeleton_en(word: str) -> str:
    """Consonant skeleton of an English (Latin-script) name: Halifax → lfks; '' if too short."""
    plain = unicodedata.normalize("NFKD", word.lower())
    plain = "".join(ch for ch in plain if "a" <= ch <= "z")

    def sound(m: re.Match[str]) -> str:
        s = m.group()
        if s[0] in "aeiou":
            return ""
        if s[0] == "c" and len(s) == 1 and m.end() < len(plain) and plain[m.end()] in "eiy":
            return "s"
        return _EN_DIGRAPH_SOUND.get(s, s)

    skeleton = _squeeze(_EN_DIGRAPHS.sub(sound, plain))
    return skeleton if len(skeleton) >= MIN_SKELETON else ""


@lru_cache(maxsize=1 << 17)
def evidence_skeleton_fa(folded: str) -> str:
    """Consonant skeleton of a folded Persian word, comparable with evidence_skeleton_en; '' if too short."""
    skeleton = _squeeze(folded.translate(_FA_SKELETON))
    return skeleton if len(skeleton) >= MIN_SKELETON and skeleton.isascii() else ""


# --- Sentences --------------------------------------------------------------------------------

_FA_TOKEN = re.compile(
    rf"(?P<num>{NUMBER.pattern})|(?P<fa>{_FA_WORD.pattern})|(?P<lat>{_LATIN_WORD.pattern})|(?P<mark>[?؟!«»\"“”])"
)
_EN_TOKEN = re.compile(rf"(?P<num>{NUMBER.pattern})|(?P<en>{_EN_WORD.pattern})|(?P<mark>[?؟!«»\"“”])")
# Question marks and quotes are written differently in the two scripts but mean the same.
_MARK_KEY = {"?": "?", "؟": "?", "!": "!", "«": '"', "»": '"', '"': '"', "“": '"', "”": '"'}

# The same tokens without groups, the Persian word first, and told apart by their first
# character (each kind starts with characters of its own): findall then gives plain strings, at
# half the cost of the named groups' tuples.
_FA_TOKENS = re.compile(rf"{_FA_WORD.pattern}|{NUMBER.pattern}|{_LATIN_WORD.pattern}|[?؟!«»\"“”]")
_EN_TOKENS = re.compile(rf"{_EN_WORD.pattern}|{NUMBER.pattern}|[?؟!«»\"“”]")
_FA_WORD_START = frozenset(ch for ch in chars_of(ARABIC_BLOCK) if _FA_WORD.fullmatch(ch)) | {ZWNJ}
_NUMBER_START = frozenset("0123456789" + PERSIAN_DIGITS + ARABIC_DIGITS)


class Evidence(NamedTuple):
    """What one sentence offers the lexical comparison. A named tuple, not a frozen dataclass: a
    long document's evidence is made twice over (cut to the other side, taught translations) and
    the second process sends half of it back pickled, and a tuple is made and loaded at about
    two thirds of the cost."""

    # Keys in the shared space (see the module doc): a frozenset, or for an English sentence
    # whose keys were cut to the Persian side's, a tuple of distinct keys (a sixth of the memory
    # of a set; it is only ever iterated, or intersected with a Persian sentence's set).
    keys: frozenset[str] | tuple[str, ...]
    stems: tuple[str, ...]  # content stems in order, for learning translations from the document
    known: int  # words that could have matched: dictionary words, numbers, names, Latin words


@lru_cache(maxsize=1 << 17)
def _fa_word(word: str) -> tuple[str, str]:
    """(skeleton key or '', content stem or '') of a Persian word as written."""
    folded = evidence_fold_fa(word)
    skeleton = evidence_skeleton_fa(folded)
    return ("~" + skeleton if skeleton else ""), fa_content_stem(folded)


@lru_cache(maxsize=1 << 17)
def _en_word(word: str) -> tuple[str, str, str]:
    """(content stem or '', Latin key, skeleton key or '') of an English word as written."""
    skeleton = evidence_skeleton_en(word) if word[0].isupper() else ""
    return en_content_stem(word), "@" + word.lower(), ("~" + skeleton if skeleton else "")


def fa_evidence(text: str, dictionary: Dictionary) -> Evidence:
    keys: set[str] = set()
    stems: list[str] = []
    known = 0
    fa_keys, phrases = dictionary.fa_keys, dictionary.fa_phrases
    previous = ""  # the content stem before, for two-word keys; function words do not break a pair
    # findall gives the tokens as strings (_FA_TOKENS): no match object and no method call a token.
    for token in _FA_TOKENS.findall(text):
        first = token[0]
        if first in _FA_WORD_START:
            skeleton, stem = _fa_word(token)
            if skeleton:
                keys.add(skeleton)
            if stem:
                stems.append(stem)
                keys.add(stem)
                known += stem in fa_keys
                if previous and (pair := previous + " " + stem) in phrases:
                    keys.add(pair)
                previous = stem
            continue
        previous = ""
        if first in _NUMBER_START:
            keys.add(number_key(token))
            known += 1
        elif first in _MARK_KEY:
            keys.add(_MARK_KEY[token])
        else:  # a Latin word
            keys.add("@" + token.lower())
            known += 1
    return Evidence(frozenset(keys), tuple(stems), known)


def en_evidence(text: str, dictionary: Dictionary, persian_keys: Collection[str] | None = None) -> Evidence:
    """The English sentence's evidence. `persian_keys`: every key of the Persian side, if known;
    keys outside it are dropped, since they can match nothing (and an English sentence's
    translations of every word, kept whole, took more memory than the rest of a long alignment)."""
    return EnglishEvidence(dictionary, persian_keys)(text)


class EnglishEvidence:
    """en_evidence for the sentences of one document: what each distinct token adds (a word's stem,
    its keys with the stem's translations already cut to the Persian side's keys, whether it could
    have matched; a number's or a mark's key) is worked out once, not in every sentence the token
    is in."""

    def __init__(self, dictionary: Dictionary, persian_keys: Collection[str] | None = None) -> None:
        self.table, self.persian_keys = dictionary.en_to_fa, persian_keys
        self.tokens: dict[str, tuple[str | None, Collection[str], int]] = {}

    def token(self, token: str) -> tuple[str | None, Collection[str], int]:
        """(content stem: '' for a function word, which adds nothing and does not break a stem
        pair, None for a number or a mark, which does; the keys the token adds; 1 if it could have
        matched else 0)."""
        first = token[0]
        if first in _NUMBER_START:
            found: tuple[str | None, Collection[str], int] = (None, (number_key(token),), 1)
        elif first in _MARK_KEY:
            found = (None, (_MARK_KEY[token],), 0)
        else:
            stem, latin, skeleton = _en_word(token)
            if not stem:
                found = ("", (), 0)
            else:
                translations = self.table.get(stem)
                keys = {latin, *(translations or ())}
                if skeleton:
                    keys.add(skeleton)
                if self.persian_keys is not None:
                    keys.intersection_update(self.persian_keys)
                found = (stem, frozenset(keys), int(bool(translations or skeleton)))
        self.tokens[token] = found
        return found

    def __call__(self, text: str) -> Evidence:
        keys: set[str] = set()
        stems: list[str] = []
        known = 0
        tokens, table = self.tokens, self.table
        previous = ""
        for token in _EN_TOKENS.findall(text):
            found = tokens.get(token)
            if found is None:
                found = self.token(token)
            stem, token_keys, could_match = found
            if stem:
                stems.append(stem)
                keys.update(token_keys)
                if previous and (pair := table.get(previous + " " + stem)):  # rare: looked up, not kept
                    keys.update(pair)
                known += could_match
                previous = stem
            elif stem is None:  # a number or a mark
                keys.update(token_keys)
                known += could_match
                previous = ""
        if self.persian_keys is None:
            return Evidence(frozenset(keys), tuple(stems), known)
        return Evidence(tuple(keys.intersection(self.persian_keys)), tuple(stems), known)


# --- Pairs of sentences -----------------------------------------------------------------------


class PairScores:
    """pair_scores(i, lo, hi): how much Persian sentence i shares with English sentences lo..hi.

    A key found in several nearby sentences is spread over all their pairs, with weight
    1 / (df_fa · df_en), df counting the sentences within `window` of each side that hold it.
    So a word that recurs nearby says little about which of those sentences go together, and a
    bead that merges two sentences sharing a name does not count the name twice. The count is
    local because a name that recurs far away cannot confuse this part of the document.

    The search asks for each row once; the rows are kept for the confidence features, which
    ask again for small parts of them.
    """

    def __init__(
        self,
        fa_keys: Sequence[frozenset[str]],
        en_keys: Sequence[frozenset[str]],
        window: int,
        fa_local: list[dict[str, int]] | None = None,
        en_local: list[dict[str, int]] | None = None,
        fa_all: frozenset[str] | None = None,
    ) -> None:
        """`fa_local`, `en_local`: the local counts (local_counts) of each side's keys that the
        other side has, where the caller has them already; `fa_all`: every Persian key."""
        # Lists, as the compiled rows read them.
        self.fa_keys, self.en_keys, self.window = list(fa_keys), list(en_keys), window
        if fa_local is None:
            fa_local = local_counts(fa_keys, window, set().union(*en_keys))
        self.fa_local = fa_local if isinstance(fa_local, list) else list(fa_local)
        self.fa_all = frozenset().union(*self.fa_keys) if fa_all is None else fa_all
        self.en_local = local_counts(en_keys, window, self.fa_all) if en_local is None else en_local
        self.rows_kept: dict[int, tuple[int, array]] = {}
        # The last table rows() filled: (start, offset, length, scores), row i from offset[i].
        self.table_kept: tuple[array, array, array, array] | None = None

    @classmethod
    def of(cls, fa_ev: Sequence[Evidence], en_ev: Sequence[Evidence], window: int) -> PairScores:
        return cls([e.keys for e in fa_ev], [e.keys for e in en_ev], window)

    def with_english(self, en_ev: Sequence[Evidence], new_keys: set[str]) -> PairScores:
        """The scores after English keys were added (learned translations, all in `new_keys`):
        only the counts of the new keys need counting, on both sides. A key's local count only
        grows as sentences gain it, so a count of a new key kept before (more than one nearby)
        is still there after, replaced by its new value."""
        en_keys = [e.keys for e in en_ev]
        fa_local = list(self.fa_local)  # a sentence's counts are copied only where new ones come
        for i, counts in enumerate(local_counts(self.fa_keys, self.window, new_keys)):
            if counts:
                fa_local[i] = {**fa_local[i], **counts}
        en_local = list(self.en_local)
        for j, counts in enumerate(local_counts(en_keys, self.window, self.fa_all.intersection(new_keys))):
            if counts:
                en_local[j] = {**en_local[j], **counts}
        return PairScores(self.fa_keys, en_keys, self.window, fa_local, en_local, self.fa_all)

    def __call__(self, i: int, lo: int, hi: int) -> array:
        """The scores as doubles (array "d"), English sentence lo first."""
        cached = self.rows_kept.get(i)
        if cached and cached[0] <= lo and hi < cached[0] + len(cached[1]):
            return cached[1][lo - cached[0] : hi - cached[0] + 1]
        if self.table_kept is not None:  # the search's table holds most rows asked for again
            start, offset, length, scores = self.table_kept
            first = start[i]
            if first <= lo and hi < first + length[i]:
                at = offset[i] + lo - first
                return scores[at : at + hi - lo + 1]
        keys, counts = self.fa_keys[i], self.fa_local[i]
        if _compiled_row is not None:
            out = array("d", bytes(8 * (hi - lo + 1)))  # doubles: a list held a float object for each score
            _compiled_row(keys, counts, self.en_keys, self.en_local, lo, out)
        else:
            out = array("d", self.row_python(keys, counts, lo, hi))
        if not cached or hi - lo + 1 > len(cached[1]):
            self.rows_kept[i] = (lo, out)
        return out

    def rows(self, start: array, length: array) -> array:
        """The scores of every Persian sentence i with English sentences start[i] ..
        start[i] + length[i] − 1, the rows end to end (what the search's pair table holds), the
        whole table kept for later calls (one array, not a slice per row: slicing every row of a
        long document cost more than scoring it). In one call of the compiled core where it was
        built (the English keys indexed once), else a row at a time."""
        out = array("d", bytes(8 * sum(length)))
        if _compiled_rows is not None:
            _compiled_rows(self.fa_keys, self.fa_local, self.en_keys, self.en_local, start, length, out)
        else:
            at = 0
            for i, (lo, width) in enumerate(zip(start, length)):
                if width:
                    out[at : at + width] = self(i, lo, lo + width - 1)
                at += width
        self.table_kept = (start, array("q", accumulate(length, initial=0)), length, out)
        return out

    def row_python(self, keys: frozenset[str], counts: dict[str, int], lo: int, hi: int) -> list[float]:
        """The scores of a Persian sentence's keys and local counts with English sentences lo..hi,
        in Python; the compiled core (_beads.c pair_row) computes the same doubles."""
        en_keys, en_local = self.en_keys, self.en_local
        out = []
        for j in range(lo, hi + 1):
            shared = keys.intersection(en_keys[j])
            if not shared:
                out.append(0.0)
                continue
            other = en_local[j]
            # Added one by one in increasing order: a float sum in set order would differ from
            # run to run, and sum() itself adds differently from Python 3.12 on.
            total = 0.0
            for weight in sorted(1.0 / (counts.get(k, 1) * other.get(k, 1)) for k in shared):
                total += weight
            out.append(total)
        return out


try:  # built with the search's core (setup.py); the Python gives the same doubles and counts
    from ._beads import local_counts as _compiled_local_counts
    from ._beads import pair_row as _compiled_row
    from ._beads import pair_rows as _compiled_rows
except ImportError:
    _compiled_row = _compiled_rows = _compiled_local_counts = None


def local_counts(sentences: Sequence[Collection[str]], window: int, wanted: Collection[str]) -> list[dict[str, int]]:
    """For each sentence, its keys (of those in `wanted`) that occur in more than one sentence
    within `window` of it, with the number of such sentences; keys found once nearby are left
    out (their count is 1). In the compiled core where it was built (the same dicts)."""
    if _compiled_local_counts is not None:
        return _compiled_local_counts(
            sentences if isinstance(sentences, list) else list(sentences), window,
            wanted if isinstance(wanted, (set, frozenset)) else set(wanted),
        )  # fmt: skip
    return local_counts_python(sentences, window, wanted)


def local_counts_python(
    sentences: Sequence[Collection[str]], window: int, wanted: Collection[str]
) -> list[dict[str, int]]:
    """local_counts in Python: where the compiled core was not built, and what it is tested against."""
    where: dict[str, list[int]] = {}
    for i, keys in enumerate(sentences):
        for k in keys:
            if k in wanted:
                where.setdefault(k, []).append(i)
    out: list[dict[str, int]] = [{} for _ in sentences]
    for k, positions in where.items():
        if len(positions) < 2:
            continue
        first = last = 0  # positions[first:last] is the window around the current position
        end = len(positions)
        for i in positions:
            while positions[first] < i - window:
                first += 1
            while last < end and positions[last] <= i + window:
                last += 1
            if last - first > 1:
                out[i][k] = last - first
    return out
