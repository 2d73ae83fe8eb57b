"""Link the names of each aligned unit across the two languages, then across the document.

Within a unit every English name, and every run of words inside it (Quds in Quds Force), is set
against the Persian side:

  gazetteer / dictionary  the name table pairs the two forms (Iraq عراق, Iraqi عراق, ISIS داعش)
  transliteration         the English form romanizes a run of Persian words (translit.py), or the
                          Persian text keeps the name in Latin letters as the English writes it
  document                the pair was linked in another unit of the document (second pass)

A link grows over the generic words around it when the other side has their translation next to
it (Dalhousie University ↔ دانشگاه دالهاوزی, North Kivu ↔ کیوو شمالی), and two or more words
alone link when they translate word for word, by the generic words, the name table or the
aligner's dictionary (Islamic Resistance ↔ مقاومت اسلامی, Cold War ↔ جنگ سرد). The best pairs are
taken greedily, each word on either side used once. A pair found in one unit then links the same
two forms in every other unit, and a linked full name (قاسم سلیمانی, Qasem Soleymani) links its
surname alone (سلیمانی, Soleymani).

What stays unlinked is reported per unit: the Persian name candidates (persian.py), and the forms
the document links elsewhere where they stand unlinked (fa_only); the English names, and the
unlinked runs of a name linked in part (Singapore Prime Minister Lee Hsien Loong with Singapore
linked: Lee Hsien Loong; en_only).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import cached_property, lru_cache
from itertools import accumulate, zip_longest
from operator import attrgetter
from typing import NamedTuple, TypeVar

from ..collector import collector_paused
from ..parallel import SharedRounds
from ..persian.normalize import normalize_sentence
from ..persian.script import ARABIC_LETTERS, DIACRITICS, ZWNJ
from ..records import EN, FA, Alignment, Document, Mention, NameLink, Sentence, Unit, UnitNames
from .english import PERSON_TITLES, EnglishName, Piece, capitalized_words, english_names
from .generic import demonym_stems, dictionary_stems, generic_translations, persian_stem
from .persian import Candidate, Word, is_common, is_content, persian_candidates, spans_entry
from .table import NameEntry, NameTable, en_lookup_key, name_table_data
from .translit import (
    Skeletons,
    en_variants,
    en_weight,
    fa_units,
    latin_key,
    romanization_fold_fa,
    romanization_skeleton_en,
    romanization_skeleton_fa,
    score_keys,
    skeleton_bits,
    word_runs,
)

# Calibrated on 3,000 Wiktionary and GeoNames name pairs against as many mismatched pairs of
# similar length (bench/names_eval.py --calibrate): at 0.80, 76 % of the listed pairs pass (most
# of the rest are translations, not romanizations: خلیج فارس Persian Gulf) and no mismatched pair
# (0.13 % at 0.60). Mismatched pairs are easier than the near misses of real text (Salman for
# سلیمانی scores 0.65), hence the margin. Ordinary Persian words (سلیمانی is one, but so is مرکز)
# need a closer match, and so do English words whose capital may only mark a sentence start.
TRANSLITERATION_THRESHOLD = 0.80
COMMON_WORD_THRESHOLD = 0.90
UNCERTAIN_EXTRA = 0.05
SHORT_NAME_THRESHOLD = 0.95  # one consonant on a side (Han هان, Yuan یوان): chance matches abound
ARTICLE_PENALTY = 0.03  # al-Nujaba for نجباء: the article is not written in Persian
DEMONYM_PENALTY = 0.03  # Tasmanian for تاسمانی
GENERIC_SCORE = 0.90  # Islamic Resistance ↔ مقاومت اسلامی, word for word
DOCUMENT_PENALTY = 0.05  # a pair from another unit yields to the unit's own evidence
# A link of a whole name outranks better-scored links of its parts: Zbigniew Brzezinski ↔ زبیگنیو
# برژینسکی (0.85) before Zbigniew ↔ زبیگنیو (0.97), which would leave the surname unlinked.
NAME_WORD_BONUS = 0.15
MAX_NAME_WORDS = 4
_NAME_CHAR = re.compile(f"[{ARABIC_LETTERS}{DIACRITICS}A-Za-z0-9\u00c0-\u024f]")


_S = TypeVar("_S")
_RUN = attrgetter("run")
Known = dict[str, dict[tuple[str, int], float]]  # English key -> (Persian key, words) -> score
_Seen = dict[str, list[tuple[tuple[str, ...], str]]]  # first word key -> (word keys, kind) of names seen


class FaSentence(NamedTuple):  # a tuple: made faster than a frozen dataclass (see english.Piece)
    words: tuple[Word, ...]
    candidates: tuple[Candidate, ...]
    offset_map: tuple[int, ...]  # normalized position -> offset in `original`
    original: str  # the sentence as the document writes it
    base: int  # offset of `original` in the document text
    source: int

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Original [start, end) of words[first:last], without trailing marks or spaces."""
        start = self.offset_map[self.words[first].start]
        end = self.offset_map[self.words[last - 1].end]
        while end > start + 1 and not _NAME_CHAR.match(self.original[end - 1]):
            end -= 1
        return self.base + start, self.base + end


class EnSentence(NamedTuple):
    names: tuple[EnglishName, ...]
    text: str
    base: int
    source: int


class _Pair(NamedTuple):  # a tuple: a long document's pairs go back from the second process pickled
    rank: float
    score: float
    evidence: str
    kind: str
    en: tuple[int, int, int, int]  # sentence, name, first piece, last piece (exclusive)
    fa: tuple[int, int, int]  # sentence, first word, last word (exclusive)
    order: float  # how far apart the two are in their sentences (0 = same relative place)


_new_pair = tuple.__new__  # _Pair's fields in order, without the keyword handling of _Pair(...)


def prepare_fa(alignment: Alignment | _Sentences, index: int, table: NameTable) -> FaSentence:
    s = alignment.fa[index]
    # The sentence text is normalized, with the map back to the original offsets the pipeline kept
    # (a sentence made without it is normalized again from its original slice: the same text).
    original = alignment.document.texts[s.source][s.start : s.end]
    kept = s.offset_map() if s.text != original else None
    if s.text == original:  # nothing to normalize: offsets are the same
        text, offset_map = original, tuple(range(len(original) + 1))
    elif kept is not None:  # the map the pipeline kept from normalizing it
        text, offset_map = s.text, kept
    else:
        normalized = normalize_sentence(original)
        text, offset_map = normalized.text, normalized.offset_map
    words, candidates = persian_candidates(text, table)
    return FaSentence(words, candidates, offset_map, original, s.start, s.source)


def prepare_en(alignment: Alignment | _Sentences, index: int, table: NameTable, capitals: frozenset[str]) -> EnSentence:
    s = alignment.en[index]
    text = alignment.document.texts[s.source][s.start : s.end]
    blocks = alignment.document.blocks
    headline = 0 <= s.block < len(blocks) and blocks[s.block].kind == "title"
    return EnSentence(tuple(english_names(text, table, capitals, headline)), text, s.start, s.source)


def _is_name(piece: Piece) -> bool:
    return piece.role in ("name", "acronym")


def _sub_spans(name: EnglishName) -> tuple[tuple[int, int], ...]:
    """Runs of pieces inside a name that may be a name themselves, longest first."""
    return _sub_spans_of_roles(tuple([p.role for p in name.pieces]))


_NAME_ROLES = ("name", "acronym")  # the roles of pieces _is_name


@lru_cache(maxsize=4096)
def _sub_spans_of_roles(roles: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    """_sub_spans of a name whose pieces have these roles (all it asks of them): names of a few
    shapes recur throughout a document, and each is asked for in every pass."""
    spans = []
    for a in range(len(roles)):
        if roles[a] == "particle" or (a and roles[a - 1] == "article"):
            continue  # a name keeps its article: al-Nujaba, not Nujaba
        if roles[a] == "article" and (a + 1 >= len(roles) or roles[a + 1] not in _NAME_ROLES):
            continue
        for b in range(a + 1, len(roles) + 1):
            if roles[b - 1] not in _NAME_ROLES:
                continue
            if sum(1 for role in roles[a:b] if role in _NAME_ROLES) <= MAX_NAME_WORDS:
                spans.append((a, b))
    spans.sort(key=lambda ab: ab[0] - ab[1])
    return tuple(spans)


@lru_cache(maxsize=1 << 15)
def _translit_word(text: str, suffixed: bool) -> tuple[str, str, int, int]:
    """A Persian word as transliteration sees it, inside a run and at the end of one (without its
    half-spaced suffix, when it has one): the folded text and consonant skeleton (skeleton_bits)
    of each. Words recur in every text, so each is done once."""
    folded = romanization_fold_fa(text)
    last = romanization_fold_fa(text.split(ZWNJ)[0]) if suffixed else folded
    return folded, last, skeleton_bits(romanization_skeleton_fa(folded)), skeleton_bits(romanization_skeleton_fa(last))


# The form (_translit_word) of each word that may be part of a name found by transliteration
# (is_content), None for the others, per word text: words_of gives the words of one text one key,
# base and script, and a document's words recur from unit to unit. Started afresh at the limit.
_CONTENT_FORMS: dict[str, tuple[str, str, int, int] | None] = {}
_CONTENT_FORMS_LIMIT = 1 << 15
_UNKNOWN = object()  # a word text not in _CONTENT_FORMS yet


def _content_form(word: Word) -> tuple[str, str, int, int] | None:
    form = _translit_word(word.text, word.base != word.key) if is_content(word) else None
    if len(_CONTENT_FORMS) >= _CONTENT_FORMS_LIMIT:
        _CONTENT_FORMS.clear()
    _CONTENT_FORMS[word.text] = form
    return form


class _TranslitSpans:
    """Runs of up to MAX_NAME_WORDS content words that an English name may romanize: where each
    stands (sentence, first, last word) and its consonant skeleton (in `skeletons`, in the same
    order); and the folded text of each, made only for the runs that the skeletons let through to
    an alignment. A run without a consonant class is left out: nothing overlaps it."""

    def __init__(self, sentences: Sequence[FaSentence]) -> None:
        self.where: list[tuple[int, int, int]] = []
        self.forms: dict[int, tuple[str, float]] = {}  # form(k), as asked for
        where, bits, lengths = self.where, [], []
        # Each content word as transliteration sees it (None for the others, in no run).
        self._words: list[list[tuple[str, str, int, int] | None]] = []
        known = _CONTENT_FORMS.get
        for si, sent in enumerate(sentences):
            words = sent.words
            forms = [known(w.text, _UNKNOWN) for w in words]
            if _UNKNOWN in forms:
                forms = [form if form is not _UNKNOWN else _content_form(w) for form, w in zip(forms, words)]
            self._words.append(forms)
            word_runs(si, forms, list(map(_RUN, words)), MAX_NAME_WORDS, where, bits, lengths)
        self.skeletons = Skeletons(bits, lengths)

    def text(self, k: int) -> str:
        """The folded text of run k: its words whole, the last without its half-spaced suffix."""
        si, i, j = self.where[k]
        forms = self._words[si]
        if j - i == 1:
            return forms[i][1]
        return " ".join(form[0] for form in forms[i : j - 1]) + " " + forms[j - 1][1]

    def form(self, k: int) -> tuple[str, float]:
        """Run k as an English name is set against it: its folded text and its consonant weight
        (fa_units); kept, as the unit's names meet the same runs."""
        found = self.forms.get(k)
        if found is None:
            folded = self.text(k)
            found = self.forms[k] = folded, fa_units(folded)[1]
        return found


class _Unit:
    """One unit's two sides, indexed for finding pairs."""

    def __init__(self, fa: Sequence[FaSentence], en: Sequence[EnSentence], table: NameTable) -> None:
        self.fa, self.en, self.table = fa, en, table
        self._found: dict[str, list[tuple[int, int, int]]] = {}
        self._joined_keys: tuple[str, list[int], list[int]] | None = None  # for find(), made on its first call
        # The Persian spans an English name may romanize, made on first use (see translit_spans).
        self._translit: _TranslitSpans | None = None
        self._ordinary: list[list[bool | None] | None] = [None] * len(fa)  # per word, as asked for
        # What its pairs are made of (_unit_parts): brought by the caller where it kept them from
        # an earlier pass, else worked out by _pairs and kept here for the caller.
        self.parts: list[_Part] | None = None

    # Where a pair stands in each side and the kinds of the Persian candidates: made on first use,
    # as the unit is made again in each pass and only the first two pair words.
    @cached_property
    def _fa_offsets(self) -> tuple[list[int], int]:
        fa = self.fa
        return [sum(len(s.words) for s in fa[:k]) for k in range(len(fa))], sum(len(s.words) for s in fa) or 1

    @cached_property
    def _en_offsets(self) -> tuple[list[int], int]:
        en = self.en
        return [sum(len(s.text) for s in en[:k]) for k in range(len(en))], sum(len(s.text) for s in en) or 1

    def fa_position(self, si: int, i: int) -> float:
        """Where word i of Persian sentence si stands in the unit's words (0 to 1)."""
        offsets, total = self._fa_offsets
        return (offsets[si] + i) / total

    def en_position(self, ei: int, start: int) -> float:
        """Where character `start` of English sentence ei stands in the unit's text (0 to 1)."""
        offsets, total = self._en_offsets
        return (offsets[ei] + start) / total

    @cached_property
    def latin_keys(self) -> str:
        """The keys of the unit's words in Latin letters joined (a run of them spells its keys
        joined: an English key found in no Latin words' run is not in this)."""
        return "".join([w.key for s in self.fa for w in s.words if w.latin])

    @cached_property
    def fa_kind(self) -> dict[tuple[int, int, int], str]:
        """(sentence, first, last word) of each Persian candidate -> its kind."""
        return {(si, c.first, c.last): c.kind for si, s in enumerate(self.fa) for c in s.candidates}

    def release(self) -> None:
        """Drop what find() and translit_spans() keep, once the unit's pairs are chosen: the unit
        stays for the later passes, but these are the bulk of it (they come back if asked for)."""
        self._found = {}
        self._joined_keys = None
        self._translit = None
        self._ordinary = [None] * len(self.fa)

    def translit_spans(self) -> _TranslitSpans:
        """The runs of Persian words an English name may romanize (_TranslitSpans)."""
        if self._translit is None:
            self._translit = _TranslitSpans(self.fa)
        return self._translit

    def ordinary(self, si: int, i: int, j: int) -> bool:
        """Whether words[i:j] of Persian sentence si are all ordinary words."""
        ordinary = self._ordinary[si]
        if ordinary is None:
            ordinary = self._ordinary[si] = [None] * len(self.fa[si].words)
        for k in range(i, j):  # (each word asked once: the runs asked about share words)
            flag = ordinary[k]
            if flag is None:
                word = self.fa[si].words[k]
                flag = ordinary[k] = is_common(word, self.table) or _ambiguous(self.table, word.base)
            if not flag:
                return False
        return True

    def find(self, key: str) -> list[tuple[int, int, int]]:
        """Runs of words in the unit whose key is `key`, the last word also by its stems
        (ایران‌ها, مصریان); runs of Latin words by their English key."""
        found = self._found.get(key)
        if found is not None:
            return found
        found = []
        # The unit's word keys joined spell every key findable in it, from where its first word
        # starts (a stem is a prefix of its word's key): most keys asked for are not there, and
        # one substring test says so; where it is, only the words starting where it stands are
        # tried (the runs are told apart below).
        joined, starts, firsts = self._joined_keys or self._run_keys()
        if key:
            places: list[int] = []
            at = joined.find(key)
            while at >= 0:
                k = bisect_left(starts, at, 0, len(starts) - 1)
                while k < len(starts) - 1 and starts[k] == at:  # (words with no key start where the next does)
                    places.append(k)
                    k += 1
                at = joined.find(key, at + 1)
        else:  # the empty key stands everywhere
            places = list(range(len(starts) - 1))
        for k in places:
            si = bisect_right(firsts, k) - 1
            i = k - firsts[si]
            words = self.fa[si].words
            first = words[i]
            if key not in first.stems and not key.startswith(first.key):
                continue  # neither the word nor a run starting with it
            head = ""
            j = i
            while j < len(words) and words[j].run == first.run:
                if any(head + stem == key for stem in words[j].stems):
                    found.append((si, i, j + 1))
                head += words[j].key
                if not key.startswith(head) or len(head) >= len(key):
                    break
                j += 1
        self._found[key] = found
        return found

    def _run_keys(self) -> tuple[str, list[int], list[int]]:
        """The keys of the unit's words joined; where each word starts in them (and where they
        end, last); and the index of each sentence's first word among the unit's words."""
        if self._joined_keys is None:
            keys = [w.key for s in self.fa for w in s.words]
            starts = list(accumulate(map(len, keys), initial=0))
            firsts = list(accumulate((len(s.words) for s in self.fa), initial=0))
            self._joined_keys = "".join(keys), starts, firsts
        return self._joined_keys


def _ambiguous(table: NameTable, key: str) -> bool:
    entry = table.entry(key)
    return entry is not None and entry.ambiguous


class _NameSpan:
    """A run of pieces of an English name in a unit (name.pieces[a:b]): what its pairs share."""

    __slots__ = ("ei", "ni", "a", "b", "kind", "n_names", "start", "en_pos", "en", "bonus")

    def __init__(self, ei: int, ni: int, name: EnglishName, a: int, b: int, n_names: int) -> None:
        self.ei, self.ni, self.a, self.b, self.kind = ei, ni, a, b, name.kind
        self.n_names = n_names  # name words (_is_name) among the pieces
        self.start = name.pieces[a].start
        self.en_pos: float | None = None  # where it stands in the unit, found for its first pair
        self.en = (ei, ni, a, b)  # _Pair.en of each of its pairs
        self.bonus = NAME_WORD_BONUS * (n_names - 1)  # what its name words add to each pair's rank

    def pair(self, unit: _Unit, score: float, evidence: str, kind: str, si: int, i: int, j: int) -> _Pair:
        """The pair of this run with Persian words[i:j] of sentence si."""
        kind = kind if kind != "name" else unit.fa_kind.get((si, i, j), self.kind)
        if self.kind == "person":
            kind = "person"
        rank = score + self.bonus + 0.02 * (j - i - 1)
        if self.en_pos is None:
            self.en_pos = unit.en_position(self.ei, self.start)
        offsets, total = unit._fa_offsets  # (unit.fa_position, without the call: pairs are many)
        order = abs((offsets[si] + i) / total - self.en_pos)
        return _new_pair(_Pair, (rank, score, evidence, kind, self.en, (si, i, j), order))


# What a unit's pairs are made of, in order (_unit_parts): the pairs its own evidence finds, and
# the places of the pairs the document links elsewhere, (name run, English key) to be looked up in
# `known` (empty in the first pass). A unit linked again with what the document learned
# (document_links in link_names) looks up only these.
_Part = list[_Pair] | tuple[_NameSpan, str]


def _unit_parts(unit: _Unit) -> list[_Part]:
    parts: list[_Part] = []
    for ei, sent in enumerate(unit.en):
        for ni, name in enumerate(sent.names):
            roles = tuple([p.role for p in name.pieces])
            for a, b in _sub_spans_of_roles(roles):
                parts += _span_parts(unit, ei, ni, name, a, b, _span_shape(roles[a:b]))
            parts.append(_generic_pairs(unit, ei, ni, name, roles))
    return [part for part in parts if part]  # (no empty lists: a unit's parts may be kept)


def _pairs(unit: _Unit, known: Known) -> list[_Pair]:
    """The unit's pairs, with those `known` from the rest of the document: from the unit's parts
    (unit.parts, worked out here where the unit does not bring them)."""
    if unit.parts is None:
        unit.parts = _unit_parts(unit)
    pairs: list[_Pair] = []
    for part in unit.parts:
        if isinstance(part, list):
            pairs += part
            continue
        span, key = part
        for (fa_key, length), seen in known.get(key, {}).items():
            for si, i, j in unit.find(fa_key):
                if j - i == length:
                    # Below any evidence of the unit's own for the same words.
                    pairs.append(span.pair(unit, seen - DOCUMENT_PENALTY, "document", "name", si, i, j))
    # Grow each pair over the generic words around it, on both sides (Dalhousie University).
    grown = []
    for p in pairs:
        ei, ni, a, b = p.en
        si, i, j = p.fa
        name = unit.en[ei].names[ni]
        a2, b2, i2, j2 = _grow(name, a, b, unit.fa[si].words, i, j)
        if (a2, b2) != (a, b):
            extra = sum(1 for q in name.pieces[a2:b2] if _is_name(q)) - sum(1 for q in name.pieces[a:b] if _is_name(q))
            rank = p.rank + NAME_WORD_BONUS * extra + 0.02 * ((j2 - i2) - (j - i))
            grown.append(_new_pair(_Pair, (rank, p.score, p.evidence, p.kind, (ei, ni, a2, b2), (si, i2, j2), p.order)))
    return pairs + grown


@lru_cache(maxsize=4096)
def _span_shape(roles: tuple[str, ...]) -> tuple[int, bool]:
    """Of a run of pieces with these roles: how many are name words (_is_name), and whether all
    but its articles are acronyms."""
    names = sum(1 for role in roles if role in _NAME_ROLES)
    return names, all(role == "acronym" for role in roles if role != "article")


def _span_parts(
    unit: _Unit, ei: int, ni: int, name: EnglishName, a: int, b: int, shape: tuple[int, bool]
) -> list[_Part]:
    """The parts (_Part) of the pairs of name.pieces[a:b], of this _span_shape."""
    sent = unit.en[ei]
    text = sent.text[name.pieces[a].start : name.pieces[b - 1].end]
    n_names, acronyms = shape
    span = _NameSpan(ei, ni, name, a, b, n_names)
    parts: list[_Part] = []

    for key, score, entries in _TABLE_FORMS.get(unit.table, text, _table_forms):
        found = []
        for fa_key, entry in entries:
            if fa_key not in (unit._joined_keys or unit._run_keys())[0]:
                continue  # (find: a key not in the unit's keys joined stands nowhere in it)
            for si, i, j in unit.find(fa_key):
                if spans_entry(unit.fa[si].words, i, j, entry.fa):
                    found.append(span.pair(unit, score, entry.evidence, entry.kind, si, i, j))
        parts += [found, (span, key)]  # then what the document links elsewhere
        # The Persian text may keep the name in Latin letters (Microsoft Office, USOC).
        # (Only a key standing in the Latin words' keys joined may be theirs.)
        if key in unit.latin_keys:
            parts.append([span.pair(unit, score, "transliteration", "name", si, i, j) for si, i, j in unit.find(key)
                          if all(w.latin for w in unit.fa[si].words[i:j])])  # fmt: skip

    if acronyms:
        return parts  # IRGC is not a romanization of anything
    found = []
    threshold = TRANSLITERATION_THRESHOLD + (0.0 if name.certain else UNCERTAIN_EXTRA)
    translit_forms = _translit_forms(text, n_names == 1)
    if translit_forms:
        spans = unit.translit_spans()
        overlapping, kept_form, where = spans.skeletons.overlapping, spans.forms.get, spans.where
    short = max(threshold, SHORT_NAME_THRESHOLD)  # where a side has one consonant (weight under 2)
    for key, penalty, weight, en_bits, en_size in translit_forms:
        # Ordinary words need a closer match: asked only of a run that passes without it (a
        # score at or over its floor is exact, whatever the floor: see score_keys).
        floor, short_floor = threshold + penalty - 0.01, short + penalty - 0.01
        # Runs of one word more or less than the name, and of a skeleton like its own.
        for k in overlapping(en_bits, en_size, n_names):
            folded, fa_weight = kept_form(k) or spans.form(k)
            if fa_weight < 1:
                continue
            if weight < 2 or fa_weight < 2:
                needed, score = short, score_keys(folded, key, short_floor) - penalty
            else:
                needed, score = threshold, score_keys(folded, key, floor) - penalty
            if score < needed:
                continue
            si, i, j = where[k]
            if unit.ordinary(si, i, j) and COMMON_WORD_THRESHOLD > needed:
                needed = COMMON_WORD_THRESHOLD
                if score < needed:
                    continue
            found.append(span.pair(unit, score, "transliteration", "name", si, i, j))
    parts.append(found)
    return parts


class _PerTable:
    """Values worked out from a name table and a string, kept for the table last asked about, up
    to `size` strings (names and their words recur throughout a document)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.table: NameTable | None = None
        self.kept: dict = {}

    def get(self, table: NameTable, key: str, make: Callable[[NameTable, str], _S]) -> _S:
        if self.table is not table or len(self.kept) >= self.size:
            self.table, self.kept = table, {}
        found = self.kept.get(key)
        if found is None:
            found = self.kept[key] = make(table, key)
        return found


def _table_forms(table: NameTable, text: str) -> tuple[tuple[str, float, tuple[tuple[str, NameEntry], ...]], ...]:
    """The keys an English name (`text`) is looked up by in the name table, each with its score
    and the Persian keys the table gives for it, sorted (the same links whatever the hash seed),
    with their entries."""
    keys = {en_lookup_key(text): 1.0}
    if text.endswith("s") and not text.endswith("ss") and len(text) > 3:
        keys.setdefault(en_lookup_key(text[:-1]), 0.97)  # Iraqis, Kurds
    return tuple((key, score, tuple((fa_key, table.entry(fa_key)) for fa_key in sorted(table.persian_for(key))))
                 for key, score in keys.items())  # fmt: skip


_TABLE_FORMS = _PerTable(1 << 14)


@lru_cache(maxsize=1 << 14)
def _translit_forms(text: str, one_name: bool) -> tuple[tuple[str, float, float, int, int], ...]:
    """The keys an English name (`text`, of one name word or more) may be romanized as, each with
    its penalty, its consonant weight and its skeleton's bits and size: those with a consonant of
    weight and a consonant class only (no other can score). Names recur throughout a document."""
    forms = [(key, ARTICLE_PENALTY if key != latin_key(text) else 0.0) for key in en_variants(text)]
    if one_name:
        forms += [(latin_key(stem), DEMONYM_PENALTY) for stem in demonym_stems(text)]
    out = []
    for key, penalty in forms:
        weight = en_weight(key)
        if weight < 1:
            continue
        skeleton = romanization_skeleton_en(key)
        if not skeleton:
            continue  # no consonant class: nothing overlaps it
        out.append((key, penalty, weight, skeleton_bits(skeleton), len(skeleton)))
    return tuple(out)


def _matches(word: Word, targets: frozenset[str]) -> bool:
    if word.latin:
        return False
    # Ezafe after a long vowel (دریای، کوه‌های) is part of the word.
    key = word.key
    return key in targets or word.base in targets or (key.endswith("ی") and key[:-1] in targets)


def _grow(name: EnglishName, a: int, b: int, words: tuple[Word, ...], i: int, j: int) -> tuple[int, int, int, int]:
    """Widen a link over generic words (University, North, Force) whose translation stands next
    to the Persian span, before or after it: Persian puts the head noun first."""
    pieces = name.pieces
    changed = True
    while changed:
        changed = False
        for step in (-1, 1):
            k = a - 1 if step < 0 else b
            if 0 <= k < len(pieces) and pieces[k].role == "particle" and pieces[k].text == "of":
                k += step  # University of Tehran
            if not (0 <= k < len(pieces)) or not _is_name(pieces[k]):
                continue
            targets = generic_translations(pieces[k].text)
            if not targets:
                continue
            for m in (i - 1, j):
                if 0 <= m < len(words) and words[m].run == words[i].run and _matches(words[m], targets):
                    a, b = (k, b) if step < 0 else (a, k + 1)
                    i, j = (m, j) if m < i else (i, m + 1)
                    changed = True
                    break
    return a, b, i, j


@lru_cache(maxsize=4096)
def _generic_words(roles: tuple[str, ...]) -> tuple[int, ...]:
    """The name words (_is_name) of a name whose pieces have these roles, where it may be made of
    generic words only (two name words or more, and no article); else none."""
    named = tuple(k for k, role in enumerate(roles) if role in _NAME_ROLES)
    if len(named) < 2 or len(named) != sum(1 for role in roles if role != "particle"):
        return ()
    return named


def _generic_pairs(unit: _Unit, ei: int, ni: int, name: EnglishName, roles: tuple[str, ...]) -> list[_Pair]:
    """A name of generic words only, translated word for word: Islamic Resistance ↔ مقاومت اسلامی.
    `roles`: the roles of its pieces."""
    pieces = name.pieces
    named = _generic_words(roles)
    if not named:
        return []
    targets = [_word_targets(unit.table, pieces[k].text) for k in named]
    if not all(any(t) for t in targets):
        return []
    out = []
    n = len(named)
    first = targets[0]
    taken = _first_taken(unit.table, pieces[named[0]].text)
    known = taken.get
    for si, sent in enumerate(unit.fa):
        words = sent.words
        if len(words) < n:
            continue
        # A window takes the first English word in one of its words or is no pair: each word is
        # asked once whether it does, not once for every window holding it (and each word text
        # once for each English word: `taken`).
        takes_first = [_taken(taken, w, first) if (takes := known(w.text)) is None else takes for w in words]
        for i in range(len(words) - n + 1):
            if not any(takes_first[i : i + n]):
                continue
            window = words[i : i + n]
            if window[-1].run != window[0].run:
                continue
            if _assign(window, targets):
                order = abs(unit.fa_position(si, i) - unit.en_position(ei, pieces[0].start))
                rank = GENERIC_SCORE + NAME_WORD_BONUS * (n - 1)
                kind = unit.fa_kind.get((si, i, i + n), name.kind)
                out.append(_new_pair(_Pair, (rank, GENERIC_SCORE, "dictionary", kind, (ei, ni, named[0], named[-1] + 1),
                                             (si, i, i + n), order)))  # fmt: skip
    return out


_Targets = tuple[frozenset[str], frozenset[str]]  # Persian keys (generic words, the table); dictionary stems


def _word_targets(table: NameTable, word: str) -> _Targets:
    """What an English word of a name may be translated by: its generic translations and table
    forms (Chinese: چین), as keys, and its translations in the aligner's dictionary (Year: سال,
    Cold: سرد), as that dictionary's stems (three letters or more: shorter ones match anything)."""
    return _WORD_TARGETS.get(table, word, _make_word_targets)


def _make_word_targets(table: NameTable, word: str) -> _Targets:
    keys = generic_translations(word) | table.persian_for(en_lookup_key(word))
    return keys, frozenset(s for s in dictionary_stems(word.lower()) if len(s) >= 3)


_WORD_TARGETS = _PerTable(1 << 14)


def _matches_target(word: Word, target: _Targets) -> bool:
    keys, stems = target
    if keys and (_matches(word, keys) or any(stem in keys for stem in word.stems)):
        return True
    return bool(stems) and not word.latin and persian_stem(word.text) in stems


def _first_taken(table: NameTable, word: str) -> dict[str, bool]:
    """Whether a Persian word, by its text, takes the English `word` (_matches_target of its
    _word_targets; a word's text gives its key, base and stems), as asked (started afresh where a
    unit finds _TAKEN_LIMIT texts kept): a document's generic names recur, and so do its words."""
    taken = _FIRST_TAKEN.get(table, word, _nothing_taken)
    if len(taken) >= _TAKEN_LIMIT:
        taken.clear()
    return taken


def _nothing_taken(table: NameTable, word: str) -> dict[str, bool]:
    return {}


def _taken(taken: dict[str, bool], word: Word, target: _Targets) -> bool:
    takes = taken[word.text] = _matches_target(word, target)
    return takes


_FIRST_TAKEN = _PerTable(1 << 8)
_TAKEN_LIMIT = 1 << 10


def _assign(window: Sequence[Word], targets: list[_Targets]) -> bool:
    """Whether each English word can take a different Persian word of the window."""
    if not targets:
        return True
    first, rest = targets[0], targets[1:]
    return any(_matches_target(w, first) and _assign(window[:k] + window[k + 1 :], rest)
               for k, w in enumerate(window))  # fmt: skip


def _select(pairs: list[_Pair]) -> list[_Pair]:
    """Best pairs first; each English piece and each Persian word in one link at most."""
    # A total order, so that ties fall the same way in every process (string hashes vary by seed).
    pairs.sort(key=lambda p: (-p.rank, p.order, p.en, p.fa, p.evidence, p.kind))
    en_used: set[tuple[int, int, int]] = set()
    fa_used: set[tuple[int, int]] = set()
    chosen = []
    for p in pairs:
        ei, ni, a, b = p.en
        si, i, j = p.fa
        en_cells = {(ei, ni, k) for k in range(a, b)}
        fa_cells = {(si, k) for k in range(i, j)}
        if en_cells & en_used or fa_cells & fa_used:
            continue
        en_used |= en_cells
        fa_used |= fa_cells
        chosen.append(p)
    return chosen


def _unit_names(unit: _Unit, chosen: list[_Pair], seen: _Seen) -> UnitNames:
    fa, en = unit.fa, unit.en
    links = []
    fa_linked: set[tuple[int, int]] = set()
    en_linked: set[tuple[int, int]] = set()
    for p in sorted(chosen, key=lambda p: (p.fa[0], p.fa[1])):
        ei, ni, a, b = p.en
        si, i, j = p.fa
        fs, es = fa[si], en[ei]
        start, end = fs.span(i, j)
        pieces = es.names[ni].pieces
        en_start, en_end = pieces[a].start, pieces[b - 1].end
        links.append(
            NameLink(
                Mention(FA, fs.original[start - fs.base : end - fs.base], start, end, fs.source, p.kind),
                Mention(EN, es.text[en_start:en_end], es.base + en_start, es.base + en_end, es.source, p.kind),
                round(min(1.0, p.score), 3),
                p.evidence,
            )
        )
        fa_linked |= {(si, k) for k in range(i, j)}
        en_linked.add((ei, ni))
    fa_only = []
    for si, fs in enumerate(fa):
        # Forms the document links elsewhere, where no surer candidate stands: an ambiguous one
        # (خاورمیانه) is a name here too once the document has linked it.
        seen_here = _seen_spans(fs.words, seen)
        if seen_here:
            taken = set(k for c in fs.candidates if not c.ambiguous for k in range(c.first, c.last))
            seen_here = [c for c in seen_here if not taken & set(range(c.first, c.last))]
        candidates = list(fs.candidates) + seen_here
        for c in sorted(candidates, key=lambda c: c.first):
            kind = c.kind
            if c.ambiguous:
                if c.last - c.first < 2:
                    continue  # عربی, نور: a word as often as a name
                kind = "name"  # هنگ کنگی: an adjective of a place of several words, untyped
            free = [(si, k) not in fa_linked for k in range(c.first, c.last)]
            if all(free):
                spans = [(c.first, c.last)]
            elif c.source not in ("gazetteer", "document"):
                # Medecines Sans Frontieres with Medecines linked, استان گوانگدونگ چین or «کمیسیون
                # ملی بهداشت چین» with چین linked: the rest is a name too (a known name is not cut).
                # Only a guess's rest of two words or more: one generic word is no name.
                spans = [(c.first + a, c.first + b) for a, b in _runs_of(free)
                         if b - a >= 2 or c.source in ("latin", "title", "given")]  # fmt: skip
            else:
                continue
            for first, last in spans:
                start, end = fs.span(first, last)
                fa_only.append(Mention(FA, fs.original[start - fs.base : end - fs.base], start, end, fs.source, kind))
    pieces_linked = {(p.en[0], p.en[1], k) for p in chosen for k in range(p.en[2], p.en[3])}
    en_only = []
    for ei, es in enumerate(en):
        for ni, name in enumerate(es.names):
            if not name.certain:
                continue
            if (ei, ni) not in en_linked:
                spans = [(0, len(name.pieces))]
            else:  # Singapore Prime Minister Lee Hsien Loong: Singapore linked, the person not
                spans = _unlinked_runs(name, [(ei, ni, k) in pieces_linked for k in range(len(name.pieces))])
            for a, b in spans:
                start, end = name.pieces[a].start, name.pieces[b - 1].end
                en_only.append(Mention(EN, es.text[start:end], es.base + start, es.base + end, es.source, name.kind))
    return UnitNames(tuple(links), tuple(fa_only), tuple(en_only))


def _runs_of(flags: list[bool]) -> list[tuple[int, int]]:
    """[start, end) of each run of True in flags."""
    runs, start = [], None
    for k, flag in enumerate(flags + [False]):
        if flag and start is None:
            start = k
        elif not flag and start is not None:
            runs.append((start, k))
            start = None
    return runs


def _unlinked_runs(name: EnglishName, linked: list[bool]) -> list[tuple[int, int]]:
    """The runs of a partly linked English name left unlinked, each a name of its own: without
    titles in front (Prime Minister) or particles at either end, and holding a name word."""
    runs, a = [], None
    for k in range(len(name.pieces) + 1):
        if k < len(name.pieces) and not linked[k]:
            a = k if a is None else a
            continue
        if a is not None:
            b = k
            while a < b and (name.pieces[a].role == "particle" or name.pieces[a].text in PERSON_TITLES):
                a += 1
            while b > a and name.pieces[b - 1].role in ("particle", "article"):
                b -= 1
            if any(_is_name(q) for q in name.pieces[a:b]):
                runs.append((a, b))
        a = None
    return runs


def _seen_forms(unit: _Unit, chosen: list[_Pair]) -> list[tuple[tuple[str, ...], str]]:
    """The Persian forms a unit links as names by evidence of their own, to be found where they
    stand unlinked elsewhere (_seen_names): (every word key, kind). Forms of ordinary words only
    (پارک Park, مرکز Center) are left out: elsewhere they are just words."""
    forms = []
    for p in chosen:
        if p.evidence == "document" or p.score < TRANSLITERATION_THRESHOLD:
            continue
        si, i, j = p.fa
        words = unit.fa[si].words[i:j]
        if any(w.latin for w in words):
            continue
        ordinary = all(is_common(w, unit.table) or _ambiguous(unit.table, w.base) for w in words)
        if ordinary and p.en[3] - p.en[2] < 2 and p.kind != "person":
            # پارک Park, زمین Earth: ordinary words elsewhere; a name of several English words
            # (Middle East خاورمیانه, Communist Party حزب کمونیست) is a name wherever it stands
            continue
        keys = tuple(w.key for w in words[:-1]) + (words[-1].base,)
        if sum(map(len, keys)) < 3:
            continue
        forms.append((keys, p.kind))
    return forms


def _seen_names(forms_by_unit: Sequence[list[tuple[tuple[str, ...], str]]]) -> _Seen:
    """The forms the document links (_seen_forms of each unit, in unit order; the first kind
    given to a form stays): first word key -> (every word key, kind)."""
    seen: dict[str, dict[tuple[str, ...], str]] = defaultdict(dict)
    for forms in forms_by_unit:
        for keys, kind in forms:
            seen[keys[0]].setdefault(keys, kind)
    return {first: [(keys, kind) for keys, kind in forms.items()] for first, forms in seen.items()}


def _seen_spans(words: tuple[Word, ...], seen: _Seen) -> list[Candidate]:
    """Unlinked runs of words that spell a form the document links elsewhere."""
    out: list[Candidate] = []
    if not seen:
        return out
    # The words whose key or base begins a form (most begin none), found first: one comprehension
    # (faster than walks of compress over mapped attrgetters, measured).
    for i in [i for i, w in enumerate(words) if w.key in seen or w.base in seen]:
        word = words[i]
        if word.latin:
            continue
        forms = seen.get(word.key)
        if word.base != word.key and word.base in seen:
            forms = (forms or []) + seen[word.base]
        for keys, kind in forms or ():
            j = i + len(keys)
            if j > len(words) or words[j - 1].run != word.run:
                continue
            last = len(keys) - 1
            if all(w.key == k or (n == last and w.base == k) for n, (w, k) in enumerate(zip(words[i:j], keys))):
                out.append(Candidate(i, j, kind, "document"))
    return out


def _learned(unit: _Unit, chosen: list[_Pair]) -> list[tuple[str, str, int, float]]:
    """What the unit teaches the document (_learn): every pair it links by its own evidence, and
    the surnames of full names, as (English key, Persian key, words, score)."""
    out = []
    for p in chosen:
        if p.evidence == "document":
            continue
        ei, ni, a, b = p.en
        si, i, j = p.fa
        words = unit.fa[si].words
        pieces = unit.en[ei].names[ni].pieces[a:b]
        en_key = en_lookup_key(unit.en[ei].text[pieces[0].start : pieces[-1].end])
        head = "".join(w.key for w in words[i : j - 1])
        out += [(en_key, head + stem, j - i, p.score) for stem in words[j - 1].stems[:2]]
        name_pieces = [q for q in pieces if q.role == "name"]
        # The surname alone: the last word on each side (قاسم سلیمانی → سلیمانی). Only where
        # both sides keep one word order: a person, or a romanized name without generic words
        # (North Kivu is کیوو شمالی, and its last words are no pair).
        same_order = p.kind == "person" or (
            p.evidence == "transliteration" and not any(generic_translations(q.text) for q in name_pieces)
        )
        if len(name_pieces) >= 2 and j - i >= 2 and same_order:
            out.append((en_lookup_key(name_pieces[-1].text), words[j - 1].base, 1, p.score))
    return out


def _learn(known: Known, learned: list[tuple[str, str, int, float]]) -> None:
    """Add what a unit teaches (_learned) to `known`; called for each unit in order, the best
    score of a pair stays."""
    for en_key, fa_key, length, score in learned:
        if en_key and fa_key and score > known[en_key].get((fa_key, length), 0.0):
            known[en_key][fa_key, length] = score


def _unlinked_keys(en: Sequence[EnSentence], chosen: list[_Pair]) -> tuple[str, ...]:
    """The English keys of a unit's name parts (its English sentences `en`) left unlinked by its
    chosen pairs: the document may link them elsewhere (a unit with none cannot learn)."""
    if not any(sent.names for sent in en):
        return ()
    used = {(p.en[0], p.en[1], k) for p in chosen for k in range(p.en[2], p.en[3])}
    keys = []
    for ei, sent in enumerate(en):
        for ni, name in enumerate(sent.names):
            for a, b in _sub_spans(name):
                if any((ei, ni, k) in used for k in range(a, b)):
                    continue
                keys.append(en_lookup_key(sent.text[name.pieces[a].start : name.pieces[b - 1].end]))
    return tuple(keys)


def _chosen(unit: _Unit, known: Known) -> list[_Pair]:
    """The unit's best pairs (_select of _pairs), its search indexes released: a long document
    keeps every unit for the later passes, and would otherwise keep them too."""
    chosen = _select(_pairs(unit, known))
    unit.release()
    return chosen


# Prepared sentences kept, in each language, between the passes over a document's units; a longer
# document prepares the sentences after these again when a later pass needs them.
PREPARED_SENTENCES = 1 << 14


def _kept(prepare: Callable[[int], _S], limit: int) -> Callable[[int], _S]:
    """prepare(k), the first `limit` sentences prepared kept for the later passes. The passes go
    through the document in order, so keeping the first ones lets each later pass find `limit` of
    them (the most recent ones, as an LRU keeps, would all be gone by the time it comes back)."""
    kept: dict[int, _S] = {}

    def prepared(k: int) -> _S:
        found = kept.get(k)
        if found is None:
            found = prepare(k)
            if len(kept) < limit:
                kept[k] = found
        return found

    return prepared


def link_names(alignment: Alignment) -> tuple[UnitNames, ...]:
    """The names of each unit of an alignment: linked pairs and the names left on one side.

    Spans point into the original document texts (Mention.start/end, Mention.source).

    Three passes over the units, in order: each unit's own links; the units with a name part
    the document links elsewhere, again with those pairs known; the names of each unit, with the
    forms the document links. Between passes a unit keeps only its chosen pairs and the keys of
    the name parts they leave unlinked (and, up to PREPARED_SENTENCES units that may be linked
    again, the parts of its pairs), and prepared
    sentences are kept up to PREPARED_SENTENCES a language, so memory stays bounded however long
    the document. Where the caller allows it (hamsu.parallel), a long document's second half goes
    through the passes in a second process, which keeps its own prepared sentences between them.
    """
    with collector_paused(settle=True), NameLinker(alignment.document, alignment.fa, alignment.en) as linker:
        return linker.link(alignment.units)


# The share of a long document's units the second process takes when it starts before their
# alignment is known (NameLinker with ahead=True): it prepares its share's sentences meanwhile,
# about a third of its work on them, so it takes more than half (bench/command_speed.py).
AHEAD_SHARE = 0.64


def _released(index: int) -> object:
    raise RuntimeError("the name linker was used after its block ended")


class _Sentences(NamedTuple):
    """What prepare_fa and prepare_en read of an alignment (an Alignment will do): the sentences
    and the texts they are in, known before their units."""

    document: Document
    fa: Sequence[Sentence]
    en: Sequence[Sentence]


class NameLinker:
    """link_names() for a document whose sentences are known and whose units are coming:

        with NameLinker(document, fa, en, ahead=True) as linker:
            units = ...                     # aligning the sentences, meanwhile
            names = linker.link(units)      # link_names(Alignment(document, fa, en, units))

    Where the caller allows a second process (hamsu.parallel) and the document is long, it starts
    on entering: with `ahead`, it prepares the last AHEAD_SHARE of the sentences while this
    process aligns, and takes that share of the units (their sentences in the main prepared then),
    otherwise it waits for half of them. The names are the same either way."""

    def __init__(self, document: Document, fa: Sequence[Sentence], en: Sequence[Sentence], ahead: bool = False) -> None:
        self.sentences = _Sentences(document, fa, en)
        self.table = name_table_data()  # loaded before the second process starts: shared
        self._capitals: frozenset[str] | None = None
        self.fa_prepared = _kept(lambda k: prepare_fa(self.sentences, k, self.table), PREPARED_SENTENCES)
        self.en_prepared = _kept(lambda k: prepare_en(self.sentences, k, self.table, self.capitals()),
                                 PREPARED_SENTENCES)  # fmt: skip
        self.units: Sequence[tuple[tuple[int, ...], tuple[int, ...]]] = ()
        self.chosen: list[list[_Pair]] = []
        # The parts of the pairs (_unit_parts) of the units that may be linked again with what the
        # document learns, up to PREPARED_SENTENCES units: linked again, such a unit only looks up
        # the pairs the document knows, in the places the parts keep for them.
        self.parts: dict[int, list[_Part]] = {}
        # The keys of the name parts each unit leaves unlinked (_unlinked_keys), for the second pass.
        self.unlinked: dict[int, tuple[str, ...]] = {}
        rounds = [self._own_links, self._document_links, self._names_of]
        expected = max(len(fa), len(en))  # most documents' units: the longer side's sentences
        self.passes = SharedRounds.ahead_of(expected, rounds, self._prepare_share if ahead else None,
                                            AHEAD_SHARE if ahead else 0.5, self.capitals)  # fmt: skip

    def __enter__(self) -> NameLinker:
        self.passes.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.passes.__exit__(*exc)
        # The prepared sentences' functions and the rounds refer back to the linker: let go of
        # them here, for reference counting to free the document's prepared names at once rather
        # than the cyclic collector some documents later (a batch worker's memory grew by half).
        self.fa_prepared = self.en_prepared = _released
        self.passes = SharedRounds(0, ())
        self.chosen, self.parts, self.unlinked = [], {}, {}

    def capitals(self) -> frozenset[str]:
        if self._capitals is None:
            self._capitals = capitalized_words(s.text for s in self.sentences.en)
        return self._capitals

    def _prepare_share(self) -> None:
        """The second process's head start: the sentences of the units it will most likely take."""
        n, m = len(self.sentences.fa), len(self.sentences.en)
        fa_from, en_from = n - round(n * AHEAD_SHARE), m - round(m * AHEAD_SHARE)
        fa_ids = range(fa_from, min(n, fa_from + PREPARED_SENTENCES))
        en_ids = range(en_from, min(m, en_from + PREPARED_SENTENCES))
        for i, j in zip_longest(fa_ids, en_ids):  # side by side, as the units will ask for them
            if i is not None:
                self.fa_prepared(i)
            if j is not None:
                self.en_prepared(j)

    def link(self, units: Sequence[Unit]) -> tuple[UnitNames, ...]:
        """The names of each unit (link_names)."""
        ids = tuple([(unit.fa, unit.en) for unit in units])  # tuples: sent to the second process
        self._use(ids)
        passes = self.passes
        capitals = passes.begin(len(ids))  # the second process's, where it has started: the same
        if capitals is not None and self._capitals is None:
            self._capitals = capitals
        forms: list[list[tuple[tuple[str, ...], str]]] = []
        known: Known = defaultdict(dict)
        for u, (pairs, unit_forms, learned) in enumerate(passes.run(0, ids)):
            self.chosen[u] = pairs
            forms.append(unit_forms)
            _learn(known, learned)
        for u, relinked in enumerate(passes.run(1, known)):
            if relinked is not None:
                self.chosen[u], forms[u] = relinked
        seen = _seen_names(forms)
        del forms
        return tuple(passes.run(2, seen))

    def _use(self, units: Sequence[tuple[tuple[int, ...], tuple[int, ...]]]) -> None:
        if self.units is not units:
            self.units = units
            self.chosen = [[] for _ in units]

    def _unit_at(self, u: int) -> _Unit:
        fa, en = self.units[u]
        return _Unit([self.fa_prepared(k) for k in fa], [self.en_prepared(k) for k in en], self.table)

    # The three passes, each over a run of units; a process keeps the chosen pairs of its own
    # units (hamsu.parallel may give the second half of the units to a second process).
    def _own_links(self, start: int, end: int, units: Sequence[tuple[tuple[int, ...], tuple[int, ...]]]) -> list[tuple]:
        self._use(units)  # the second process learns the units here
        chosen, parts, unlinked = self.chosen, self.parts, self.unlinked
        out = []
        for u in range(start, end):
            unit = self._unit_at(u)
            chosen[u] = _chosen(unit, {})
            keys = _unlinked_keys(unit.en, chosen[u])
            if keys:
                unlinked[u] = keys
                if unit.parts is not None and len(parts) < PREPARED_SENTENCES:
                    parts[u] = unit.parts
            out.append((chosen[u], _seen_forms(unit, chosen[u]), _learned(unit, chosen[u])))
        return out

    def _document_links(self, start: int, end: int, known: Known) -> list[tuple | None]:
        chosen, parts, unlinked = self.chosen, self.parts, self.unlinked
        out: list[tuple | None] = []
        for u in range(start, end):
            keys = unlinked.pop(u, ())
            if known and any(key in known for key in keys):
                unit = self._unit_at(u)
                unit.parts = parts.pop(u, None)
                chosen[u] = _chosen(unit, known)
                out.append((chosen[u], _seen_forms(unit, chosen[u])))
            else:
                out.append(None)
            parts.pop(u, None)
        return out

    def _names_of(self, start: int, end: int, seen: _Seen) -> list[UnitNames]:
        return [_unit_names(self._unit_at(u), self.chosen[u], seen) for u in range(start, end)]
