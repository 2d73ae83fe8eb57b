"""Whether a name may have a counterpart on the other side of a unit, by any evidence at all.

The linker pairs two names only when it is sure of them. A check that reports a name as left out
needs the opposite test, that nothing on the other side may stand for it, so this one is lenient
where the linker is strict. A word of a name counts as rendered when the other side has

  a romanization of it      scoring PRESENT_SCORE or more, whatever the case of the English word
                            (Bishkek for بییشکک, a typo; nucleotide for نوکلئوتید)
  its table form            the name table's other-language form of the word or the whole name
  its translation           a generic word (دانشگاه University) or a dictionary translation
                            (مدیر Administrator): names are translated as well as romanized
  its Latin spelling        the Persian keeps the name in Latin letters (Zhao Lijian), exactly or
                            within a letter (Ii-Key, li-Key)

`presence()` gives the share of a name's words rendered so, 0 when none is: strong evidence that
the name itself is missing, not just its link.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from difflib import SequenceMatcher
from functools import cached_property, lru_cache, partial
from typing import NamedTuple

from ..persian.normalize import NormalizedText, normalize
from ..persian.script import ARABIC_BLOCK, ZWNJ
from ..records import EN, FA
from .aliases import alias_in_english, persian_aliases
from .english import ARTICLES, PARTICLES, STOP, TITLES
from .generic import aligner_dictionary, demonym_stems, generic_english, generic_translations
from .persian import PERSON_TITLES, PLACE_TITLES, STOPWORDS, Word, is_common, words_of
from .persian import TITLES as _PERSIAN_TITLES
from .table import en_lookup_key, fa_lookup_key, name_table_data
from .translit import COMPILED as TRANSLIT_COMPILED
from .translit import (
    _compiled_form,
    en_weight,
    fa_units,
    latin_key,
    romanization_fold_fa,
    romanization_skeleton_en,
    romanization_skeleton_fa,
    score_keys,
    skeleton_bits,
    spelled_acronyms,
)

PRESENT_SCORE = 0.6  # well below the linker's 0.80: "may be", not "is"
SHORT_PRESENT_SCORE = 0.75  # two consonants or fewer on a side: chance matches abound (آیرس, Mrs)
COMMON_PRESENT_SCORE = 0.8  # an ordinary Persian word as a name's romanization: the linker's standard
GENERIC_ONLY = 0.25  # the share of a name whose generic words alone are rendered
MAX_RUN = 4  # words of the other side read together as one form
_LATIN_TOKEN = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['’][A-Za-z\u00c0-\u024f]+)*|[0-9]+")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_GLUED = re.compile(r"(?<=[a-z]{2})(?=[A-Z][a-z]{2})")
_FUNCTION_WORDS = frozenset(w.lower() for w in STOP)
_NOT_NAMES = _FUNCTION_WORDS | frozenset(w.lower() for w in TITLES)
# Not name words: The United Kingdom, Bank of England, Wayne Hale Jr.
_SKIPPED = _FUNCTION_WORDS | PARTICLES | ARTICLES | frozenset("jr sr jnr snr ii iii iv".split())


@lru_cache(maxsize=1)
def _dictionary():
    """The aligner's English–Persian dictionary, its reverse (Persian stem -> English stems) and
    the aligner's stemmers for both languages, or None when it cannot be loaded."""
    loaded = aligner_dictionary()
    if loaded is None:  # pragma: no cover - the aligner ships with hamsu
        return None
    en_to_fa, en_key, fa_key = loaded
    reverse: dict[str, set[str]] = {}
    for english, persian_keys in en_to_fa.items():
        if " " in english:
            continue
        for persian in persian_keys:
            if " " not in persian:
                reverse.setdefault(persian, set()).add(english)
    return en_to_fa, {k: frozenset(v) for k, v in reverse.items()}, en_key, fa_key


def _similar_latin(key: str, others) -> bool:
    """A Latin key found on the other side, exactly or within about a letter (Ii-Key, li-Key)."""
    if key in others:
        return True
    if len(key) < 4:
        return False
    return any(abs(len(key) - len(o)) <= 2 and _alike(key, o) for o in others)


def _alike(a: str, b: str, least: float = 0.8) -> bool:
    """SequenceMatcher's ratio of two strings is `least` or more. Its quick_ratio (the letters the
    two share, in any order) is never below the ratio and costs a count of letters, where the
    ratio looks for matching blocks: most pairs are answered by it."""
    matcher = SequenceMatcher(None, a, b)
    return matcher.quick_ratio() >= least and matcher.ratio() >= least


@lru_cache(maxsize=1 << 16)
def _key_skeleton(key: str) -> tuple[int, int, float]:
    """An English key's skeleton as bits (translit.skeleton_bits), its size, and its weight: what
    the romanization tests compare before aligning, read once per key."""
    skeleton = romanization_skeleton_en(key)
    return skeleton_bits(skeleton), len(skeleton), en_weight(key)


def _romanizes(folded: str, keys, fa_skeleton: frozenset[str]) -> bool:
    """Whether any of the English keys may romanize the folded Persian form."""
    units, fa_weight = fa_units(folded)
    if not units or fa_weight < 1:
        return False
    fa_bits, fa_size = skeleton_bits(fa_skeleton), len(fa_skeleton)
    for key in keys:
        if not key:
            continue
        en_bits, en_size, weight = _key_skeleton(key)
        shared = (fa_bits & en_bits).bit_count()  # len(fa_skeleton & its skeleton)
        if 2 * shared < min(fa_size, en_size) or not shared:
            continue
        if abs(weight - fa_weight) > max(2.0, fa_weight):
            continue
        needed = PRESENT_SCORE if min(weight, fa_weight) >= 3 else SHORT_PRESENT_SCORE
        if _score(folded, key, needed - 0.01) >= needed:
            return True
    return False


# --- The two sides, indexed once per unit ------------------------------------------------------


class EnglishSide:
    """The English side of a unit as the presence tests read it. Each field is worked out the first
    time a test reads it: a side is asked for by several tests of the names rule, and most ask
    about a few fields only (a side built for a Persian word's test that never comes pays nothing)."""

    def __init__(self, text: str) -> None:
        self.text = text  # the text itself, for the other names of a thing (aliases.py)
        # Whether a Persian word is rendered here (_persian_word_rendered), by the word's text,
        # script, key and base: a unit's words are asked about again by each test of the names rule.
        self.rendered: dict = {}

    @cached_property
    def words(self) -> list[str]:
        words = [m.group() for m in _LATIN_TOKEN.finditer(self.text) if not m.group().isdigit()]
        # Words glued by a lost space keep their capitals (AndroidGoogle): read the parts too.
        words += [part for w in words if _GLUED.search(w) for part in _GLUED.sub(" ", w).split()]
        return words

    @cached_property
    def read(self) -> list[_EnglishWord]:
        return [_english_word(w) for w in self.words]

    @cached_property
    def keys(self) -> tuple[str, ...]:
        """latin_key of each word, in order."""
        return tuple(r.key for r in self.read)

    @cached_property
    def roman(self) -> tuple[str, ...]:
        """The keys that may be romanizations: no function words or titles; and the keys of the
        places the demonyms come from."""
        read = self.read
        return tuple(r.roman for r in read if r.roman) + tuple(k for r in read for k in r.demonym_keys)

    @cached_property
    def pairs(self) -> tuple[str, ...]:
        """latin_key of each two neighbouring capitalized words: Casa Branca for کازابلانکا, St.
        Louis for سنت‌لوییز."""
        words = self.words
        return tuple(latin_key(a + b) for a, b in zip(words, words[1:]) if a[:1].isupper() and b[:1].isupper())

    @cached_property
    def joined(self) -> str:
        """latin_key of the whole text: its letters run together."""
        return latin_key(" ".join(self.words))

    @cached_property
    def lookup(self) -> frozenset[str]:
        """en_lookup_key of each word and of runs of capitalized words (name forms)."""
        words, read = self.words, self.read
        # Table forms are looked up as single words, and as runs of capitalized words (particles
        # and articles inside: Dayr al-Zawr, Bank of England).
        lookup = set()
        for i in range(len(words)):
            lookup.update(read[i].lookup)
            if not words[i][:1].isupper():
                continue
            for j in range(i + 2, min(len(words), i + MAX_RUN) + 1):
                if not (words[j - 1][:1].isupper() or words[j - 1] in PARTICLES or words[j - 1] in ARTICLES):
                    break
                lookup.add(en_lookup_key(" ".join(words[i:j])))
                # A demonym stands for its place: South Korean for کره جنوبی.
                for stem in demonym_stems(words[j - 1]):
                    lookup.add(en_lookup_key(" ".join(words[i : j - 1] + [stem])))
        return frozenset(lookup)

    @cached_property
    def lower(self) -> frozenset[str]:
        """Every word in lower case."""
        return frozenset(r.lower for r in self.read)

    @cached_property
    def stems(self) -> frozenset[str]:
        """The aligner's content stems, for the dictionary."""
        return frozenset(r.stem for r in self.read) if _dictionary() else frozenset()

    @cached_property
    def initials(self) -> frozenset[str]:
        """What runs of capitalized words abbreviate to, small words skipped: Centers for Disease
        Control, cdc."""
        capitals = "".join(r.capital for r in self.read)
        return frozenset(run[i:j] for run in capitals.split() for i in range(len(run))
                         for j in range(i + 2, len(run) + 1))  # fmt: skip

    @cached_property
    def acronyms(self) -> frozenset[str]:
        """The words in capitals, lower-cased (who, nasa)."""
        return frozenset(r.acronym for r in self.read if r.acronym)


class _EnglishWord(NamedTuple):
    """What english_side reads of one English word, worked out once a word: words recur."""

    key: str  # latin_key
    roman: str  # the key when it may be a romanization (see english_side), else ""
    demonym_keys: tuple[str, ...]  # latin_key of the places a demonym comes from (Congolese: Congo)
    lookup: tuple[str, ...]  # en_lookup_key of the word, without a plural s, and of its demonym stems
    capital: str  # its initial for `initials`: lower-cased if capitalized, "" for a small word, else " "
    lower: str
    stem: str | None  # the aligner's stem of the lower-cased word (None without the dictionary)
    acronym: str  # lower-cased when written in capitals (WHO, WHO's), else ""


@lru_cache(maxsize=1 << 14)  # a document's vocabulary, at a few hundred bytes a word
def _english_word(word: str) -> _EnglishWord:
    key = latin_key(word)
    lower = word.lower()
    capitalized = word[:1].isupper()
    # Romanization candidates: capitalized words but no function words or titles (Mrs is no
    # romanization of آیرس), and lower-case words long enough not to match by chance (a loanword:
    # nucleotide for نوکلئوتید; not mall for ملل).
    roman = key if len(key) >= 2 and lower not in _NOT_NAMES and (capitalized or en_weight(key) >= 3) else ""
    stems = demonym_stems(word)
    lookup = [en_lookup_key(word)]
    if word.endswith("s") and len(word) > 3:
        lookup.append(en_lookup_key(word[:-1]))  # Kurds, Iraqis
    lookup += [en_lookup_key(stem) for stem in stems]
    dictionary = _dictionary()
    bare = re.sub(r"['’]s$", "", word)  # WHO's
    return _EnglishWord(key, roman, tuple(latin_key(stem) for stem in stems), tuple(lookup),
                        word[0].lower() if capitalized else "" if lower in _SKIPPED else " ", lower,
                        dictionary[2](lower) if dictionary else None,
                        bare.lower() if bare.isupper() and 2 <= len(bare) <= 6 else "")  # fmt: skip


@lru_cache(maxsize=256)
def english_side(text: str) -> EnglishSide:
    return EnglishSide(text)


class PersianSide:
    """The Persian side of a unit as the presence tests read it: its words, and what the tests
    derive from them, each worked out the first time a test reads it (a side read only for its
    words, as stray_names reads it, pays for nothing else)."""

    def __init__(self, words: tuple[Word, ...]) -> None:
        self.words = words
        # Whether an English word is rendered here (_english_word_rendered), by word and test.
        self.rendered: dict = {}
        # Whether an English name is rendered here as a whole (_whole_english_rendered), by its text.
        self.whole: dict[str, bool] = {}
        # What the tests derive from the side the first time they need it (_romanization_runs,
        # _adjective_bases), by name: a side no test asks about pays nothing for them.
        self.derived: dict = {}

    @cached_property
    def read(self) -> list[_PersianWord]:
        return [_persian_word(w.text, w.latin, w.key, w.base) for w in self.words]

    @cached_property
    def lookup(self) -> frozenset[str]:
        """Keys of every run of 1..MAX_RUN words, the last word also by its stems."""
        words = self.words
        lookup = set()
        update = lookup.update
        for i, first in enumerate(words):
            update(first.stems)
            head, run = first.key, first.run
            for w in words[i + 1 : i + MAX_RUN]:
                if w.run != run:
                    break
                update([head + stem for stem in w.stems])
                head += w.key
        return frozenset(lookup)

    @cached_property
    def latin(self) -> frozenset[str]:
        """latin_key of each word written in Latin letters."""
        return frozenset(latin_key(w.text) for w in self.words if w.latin)

    @cached_property
    def latin_joined(self) -> str:
        """The Latin keys run together."""
        return latin_key(" ".join(w.text for w in self.words if w.latin))

    @cached_property
    def parts(self) -> frozenset[str]:
        """Keys of the words and of their half-spaced parts (کره‌جنوبی: کره، جنوبی)."""
        words = self.words
        parts = {w.key for w in words} | {w.base for w in words}
        parts.update(p for r in self.read for p in r.parts)
        return frozenset(parts)

    @cached_property
    def content(self) -> frozenset[str]:
        """The aligner's content stems, for the dictionary."""
        if not _dictionary():
            return frozenset()
        return frozenset(r.content for r, w in zip(self.read, self.words) if not w.latin)

    @cached_property
    def runs(self) -> tuple[tuple[str, frozenset[str], bool], ...]:
        """Folded runs of 1-2 content words, their skeletons, and whether they are ordinary words."""
        return tuple((folded, skeleton, common) for folded, skeleton, common, _ in self._runs)

    @cached_property
    def _runs(self) -> tuple[tuple[str, frozenset[str], bool, _RunForm], ...]:
        """runs, each with its _run_form."""
        words, read = self.words, self.read
        runs = []
        for i, (w, r) in enumerate(zip(words, read)):
            if not r.starts_run:
                continue
            runs.append((r.folded, r.skeleton, r.common, r.form))
            following = read[i + 1] if i + 1 < len(words) and words[i + 1].run == w.run else None
            if following is not None and following.pairable:
                form = _joined_form(r.form, following.whole_form)
                runs.append((r.folded + " " + following.whole, form.skeleton, r.common and following.common, form))
        return tuple(runs)


class _RunForm(NamedTuple):
    """A run's folded form as the romanization test compares it, worked out once a form."""

    skeleton: frozenset[str]  # romanization_skeleton_fa
    bits: int  # the skeleton as bits (skeleton_bits)
    size: int  # the skeleton's size
    weight: float  # the consonant weight (fa_units)
    aligns: bool  # it has letters to align (fa_units): a form without romanizes nothing


@lru_cache(maxsize=1 << 14)  # a document's vocabulary
def _run_form(folded: str) -> _RunForm:
    skeleton = romanization_skeleton_fa(folded)
    units, weight = fa_units(folded)
    return _RunForm(skeleton, skeleton_bits(skeleton), len(skeleton), weight, bool(units))


def _joined_form(first: _RunForm, second: _RunForm) -> _RunForm:
    """_run_form of two folded words joined by a space, from theirs: a skeleton is the set of its
    letters' classes, and fa_units reads each word apart (a space only separates) and adds their
    weights (halves and ones, exact in any order)."""
    bits = first.bits | second.bits  # skeleton_bits of the union: one bit a class
    return _RunForm(first.skeleton | second.skeleton, bits, bits.bit_count(), first.weight + second.weight,
                    first.aligns or second.aligns)


class _PersianWord(NamedTuple):
    """What persian_side reads of one Persian word, worked out once a word: words recur."""

    content: str | None  # the aligner's stem (None for a Latin word, or without the dictionary)
    parts: tuple[str, ...]  # keys of its half-spaced parts (کره‌جنوبی: کره، جنوبی), none without a half-space
    starts_run: bool  # a run of content words may start here: not Latin, no stopword, two letters or more
    folded: str  # folded for romanization, without a half-spaced suffix (when it starts a run)
    skeleton: frozenset[str]  # romanization_skeleton_fa(folded)
    common: bool  # is_common
    pairable: bool  # may be the second word of a run: not Latin, no stopword
    whole: str  # the whole word folded, as the second word of a run
    form: _RunForm | None  # _run_form(folded), when it starts a run
    whole_form: _RunForm | None  # _run_form(whole), when it may be the second word of a run


@lru_cache(maxsize=1 << 14)  # a document's vocabulary, at a few hundred bytes a word
def _persian_word(text: str, latin: bool, key: str, base: str) -> _PersianWord:
    word = Word(text, 0, len(text), key, base, 0, latin)
    dictionary = _dictionary()
    content = dictionary[3](text) if dictionary and not latin else None
    parts = tuple(fa_lookup_key(p) for p in text.split(ZWNJ)) if ZWNJ in text else ()
    common = is_common(word, name_table_data())
    starts_run = not (latin or key in STOPWORDS or len(key) < 2)
    folded = romanization_fold_fa(text.split(ZWNJ)[0] if base != key else text) if starts_run else ""
    form = _run_form(folded) if starts_run else None
    pairable = not latin and key not in STOPWORDS
    whole = romanization_fold_fa(text)
    return _PersianWord(content, parts, starts_run, folded, romanization_skeleton_fa(folded), common, pairable,
                        whole, form, _run_form(whole) if pairable else None)  # fmt: skip


@lru_cache(maxsize=4096)
def _normalized_words(text: str) -> tuple[Word, ...]:
    """The words of a Persian name as written, normalized first: a name recurs in unit after unit,
    and each test of it (presence, name_words, unrendered_words) reads its words."""
    return words_of(normalize(text))


@lru_cache(maxsize=256)
def persian_side(text: str) -> PersianSide:
    # A unit's side the pipeline normalized (check.base.build_side) is read as it is.
    return PersianSide(words_of(text if isinstance(text, NormalizedText) else normalize(text)))


# --- Presence ----------------------------------------------------------------------------------


@lru_cache(maxsize=1 << 14)
def _form_variants(form: str) -> tuple[frozenset[str], str, str]:
    """What of a table's English form may stand in a text: the form and its proper part without
    generic words (Pacific Ocean: Pacific), as lookup keys; its initials (World War II: wwii); and
    its key when one word long enough to show in a derived word (Bible: Biblical)."""
    words = form.replace("-", " ").split()
    keys = {en_lookup_key(form)}
    proper = [w for w in words if not generic_translations(w)]
    if proper and len(proper) < len(words) and len(latin_key(" ".join(proper))) >= 3:
        keys.add(en_lookup_key(" ".join(proper)))
    initials = ""
    if len(words) >= 3:  # World War II: WWII, written as a key (doubles once): wi
        initials = latin_key("".join(w if w.isupper() else w[0] for w in words if w[:1].isalpha()))
    single = latin_key(form) if len(words) == 1 and len(latin_key(form)) >= 5 else ""
    return frozenset(k for k in keys if k), initials, single


def _form_in(form: str, english: EnglishSide) -> bool:
    """Whether a table form of a name is in the English, whole, by its proper part, its initials
    or inside a word derived from it."""
    keys, initials, single = _form_variants(form)
    if keys & english.lookup:
        return True
    if initials and initials in english.keys:
        return True
    if not single:
        return False
    stem = single[:-1] if single[-1] in "aeiouy" else single  # Bible: Biblical, Italy: Italian; not Singh: singing
    return any(k.startswith(stem) for k in english.keys if len(k) > len(single))


@lru_cache(maxsize=1 << 14)  # a document's vocabulary: each word of a side is asked in unit after unit
def _spelled_acronyms(word: str) -> frozenset[str]:
    """translit.spelled_acronyms of a Persian word, read once a word."""
    return spelled_acronyms(word)


def _persian_word_rendered(word: Word, english: EnglishSide) -> bool:
    key = (word.text, word.latin, word.key, word.base)
    found = english.rendered.get(key)
    if found is None:
        found = english.rendered[key] = _persian_word_rendered_here(word, english)
    return found


def _persian_word_rendered_here(word: Word, english: EnglishSide) -> bool:
    table = name_table_data()
    if word.latin:
        key = latin_key(word.text)
        # Split or joined differently on the two sides: News.com.au, BatCoV RaTG13.
        return _similar_latin(key, english.keys) or (len(key) >= 3 and key in english.joined)
    spelled = _spelled_acronyms(word.text)  # mostly none: the side's acronyms are then not read
    if spelled and not english.acronyms.isdisjoint(spelled):
        return True  # آر‌ان‌ای spells RNA letter by letter
    stems = word.stems + ((word.key[:-2],) if word.key.endswith("یی") and len(word.key) > 4 else ())
    for stem in stems:  # آمریکایی is rendered by US, as آمریکا is
        if alias_in_english(stem, english.text):
            return True  # انگلیسی by UK, اروپا by EU: another name of the same thing
        entry = table.entry(stem)
        if entry is not None and any(_form_in(e, english) for e in entry.english):
            return True
        generic = generic_english().get(stem)  # the side's words read only where there is one to meet
        if generic and not english.lower.isdisjoint(generic):
            return True
    dictionary = _dictionary()
    if dictionary:
        stem = dictionary[3](word.text)
        translations = dictionary[1].get(stem) if stem else None
        if translations and not english.stems.isdisjoint(translations):
            return True
    folded = romanization_fold_fa(word.text.split(ZWNJ)[0] if word.base != word.key else word.text)
    return _romanizes(folded, english.roman, romanization_skeleton_fa(folded))


def _english_word_rendered(word: str, persian: PersianSide, translate: bool = True, compound: bool = True) -> bool:
    found = persian.rendered.get((word, translate, compound))
    if found is None:
        found = persian.rendered[word, translate, compound] = _english_word_rendered_here(
            word, persian, translate, compound)
    return found


def _english_word_rendered_here(word: str, persian: PersianSide, translate: bool = True,
                                compound: bool = True) -> bool:
    key = latin_key(word)
    if _similar_latin(key, persian.latin) or (len(key) >= 3 and key in persian.latin_joined):
        return True
    if not translate:
        return _romanized_in(key, persian)
    if word.isupper() and any(word.lower() in _spelled_acronyms(w.text) for w in persian.words if not w.latin):
        return True  # RNA by آر‌ان‌ای, spelled letter by letter
    table = name_table_data()
    lookup = en_lookup_key(word)
    # (Sets met by isdisjoint: no set of what they share is made, and most share nothing.)
    known = table.persian_for(lookup)
    if known and not (known.isdisjoint(persian.lookup) and known.isdisjoint(persian.parts)):
        return True  # آفریقایی in آفریقایی‌تبار too
    # (The side's run keys are read only where there is something to meet them: most words have
    # no table form and no other name, and a side asked only about such words never makes them.)
    if word.endswith("s") and len(word) > 3 and (singular := table.persian_for(en_lookup_key(word[:-1]))) and \
            not singular.isdisjoint(persian.lookup):  # fmt: skip
        return True
    aliases = persian_aliases(word)
    if aliases and not aliases.isdisjoint(persian.lookup):
        return True  # UK by انگلیس, Brexiteers by برگزیت: another name of the same thing
    generic = generic_translations(word) or generic_translations(word.capitalize())
    # A part that is a generic translation, or one with an adjective's ی (دانشگاهی)
    if generic and any(g in persian.parts or g + "ی" in persian.parts for g in generic):
        return True
    dictionary = _dictionary()
    if dictionary:
        translations = dictionary[0].get(dictionary[2](word.lower()))
        if translations and not translations.isdisjoint(persian.content):  # content read only for some
            return True
    return _romanized_in(key, persian) or _derived_in(key, persian) or (
        compound and _compound_in(word, persian))


# English endings of words made from a name (Buddhism, Catalan, Taiwanese) and Persian adjective
# endings (بودایی, کاتالونیایی): the two stems may romanize each other when the words do not.
_ENGLISH_DERIVED = re.compile(r"(?:isms?|ists?|ians?|ans?|ese|ish|ic)$")
_PERSIAN_ADJECTIVE = re.compile("(?<!ها)(?:یی|ی)$")  # not the plural های
DERIVED_MIN = 4  # letters a stem keeps on either side


def _derived_in(key: str, persian: PersianSide) -> bool:
    """Whether a Persian word, its adjective ending dropped, romanizes an English word made
    from a name, whole or its ending dropped (Buddhism, بودایی: budh, بودا; Catalan, کاتالونیایی)."""
    stem = _ENGLISH_DERIVED.sub("", key)
    forms = {f for f in (key, stem) if len(f) >= DERIVED_MIN}
    bases = _adjective_bases(persian)
    if not (forms and bases):
        return False  # nothing to compare
    # An ordinary word (خانه of خانه‌ای) renders a name only by a close romanization, unless the
    # English too is a word made from a name (بودایی, an ordinary word, for Buddhism).
    ordinary = _adjective_bases_ordinary(persian) if stem == key else None
    for i, (_, folded) in enumerate(bases):
        needed = COMMON_PRESENT_SCORE if ordinary is not None and ordinary[i] else PRESENT_SCORE
        if any(_score(folded, f, needed - 0.01) >= needed for f in forms):
            return True
    return False


def _adjective_bases(persian: PersianSide) -> tuple[tuple[Word, str], ...]:
    """The side's Persian words with an adjective ending, each with its base folded for
    romanization (بودایی: بودا), in order: what _derived_in compares, worked out once a side."""
    found = persian.derived.get("adjective bases")
    if found is None:
        found = persian.derived["adjective bases"] = tuple(
            (w, base) for w in persian.words if not w.latin and (base := _adjective_base(w.key)))
    return found


def _adjective_bases_ordinary(persian: PersianSide) -> tuple[bool, ...]:
    """Whether each word of _adjective_bases is an ordinary word (_ordinary_persian_word), in the
    same order: read once a side, not once for each English word _derived_in is asked about."""
    found = persian.derived.get("adjective bases ordinary")
    if found is None:
        found = persian.derived["adjective bases ordinary"] = tuple(
            _ordinary_persian_word(w) for w, _ in _adjective_bases(persian))
    return found


@lru_cache(maxsize=1 << 14)  # a document's vocabulary
def _adjective_base(key: str) -> str:
    """The base of a Persian word (by its key) with an adjective ending, folded for romanization
    (بودایی: بودا), or "" for a stopword, a word without the ending or too short a base."""
    if key in STOPWORDS:
        return ""
    base = _PERSIAN_ADJECTIVE.sub("", key)
    if base == key or len(base) < DERIVED_MIN - 1:
        return ""
    return romanization_fold_fa(base)


COMPOUND_PART = 4  # letters of each part of an English compound read apart


def _compound_in(word: str, persian: PersianSide) -> bool:
    """Whether the Persian renders both parts of an English compound, in either order
    (Coronavirus, ویروس کرونا)."""
    for cut in range(COMPOUND_PART, len(word) - COMPOUND_PART + 1):
        first, second = word[:cut], word[cut:]
        if _english_word_rendered(first, persian, compound=False) and _english_word_rendered(
                second, persian, compound=False):
            return True
    return False


def _romanization_runs(persian: PersianSide) -> tuple[tuple[str, int, int, float, bool], ...]:
    """The side's runs (PersianSide.runs) as _romanized_in compares them: (folded, skeleton bits,
    skeleton size, consonant weight, ordinary). A run with no letter to align is left out: it
    romanizes nothing."""
    runs = persian.derived.get("romanization runs")
    if runs is None:
        runs = persian.derived["romanization runs"] = tuple(
            (folded, form.bits, form.size, form.weight, common)
            for folded, _, common, form in persian._runs if form.aligns)  # fmt: skip
    return runs


def _romanized_in(key: str, persian: PersianSide) -> bool:
    """Whether a run of Persian words may be romanized as the English key (the compiled loop where
    it was built, else _python_romanized_in: the same answer)."""
    if _presence_core is None:
        return _python_romanized_in(key, persian)
    bits, size, weight = _key_skeleton(key)
    found = _presence_core.romanized_in(_romanization_runs(persian), key, bits, size, weight)
    return _python_romanized_in(key, persian) if found is None else found  # None: skeletons beyond 64 bits


@lru_cache(maxsize=1 << 14)  # a document's vocabulary, as _run_form
def _romanization_cost(folded: str) -> tuple[bytes, int, float] | None:
    """A run's folded form as translit.score_keys reads it (translit._compiled_form, and fa_units'
    weight), or None for a form with no letter to align: the compiled loop scores a run with the
    compiled cost as score_keys does, without a call to score_keys for each new pair."""
    units, weight = fa_units(folded)
    return (*_compiled_form(folded), weight) if units else None


def _python_romanized_in(key: str, persian: PersianSide) -> bool:
    bits, size, weight = _key_skeleton(key)
    reach = max(2.0, weight)
    # (min and abs written out: the loop runs over every run of the side for every word asked)
    for folded, fa_bits, fa_size, fa_weight, common in _romanization_runs(persian):
        shared = (fa_bits & bits).bit_count()  # len(the two skeletons' intersection)
        if not shared or 2 * shared < (fa_size if fa_size < size else size):
            continue
        if (weight - fa_weight if weight > fa_weight else fa_weight - weight) > reach:
            continue
        needed = PRESENT_SCORE if weight >= 3 and fa_weight >= 3 else SHORT_PRESENT_SCORE
        if common:  # an ordinary word renders a name only by a close romanization (کنگره is no Kong)
            needed = max(needed, COMMON_PRESENT_SCORE)
        if score_keys(folded, key, needed - 0.01) >= needed:
            return True
    return False


try:  # built by setup.py where a C compiler is found; optional, since the Python gives the same answers
    from . import _presence as _presence_core
except ImportError:
    _presence_core = None
# The compiled loop scores a run with translit's compiled cost where that was built too, else by
# score_keys (the same score either way; a core built before it could, without `score`, asks it too).
_SCORED_HERE = _presence_core is not None and TRANSLIT_COMPILED and hasattr(_presence_core, "score")
if _SCORED_HERE:
    from . import _translit  # set up by translit, imported above

    _presence_core.set_tables(score_keys, PRESENT_SCORE, SHORT_PRESENT_SCORE, COMMON_PRESENT_SCORE,
                              _translit.cost, _romanization_cost, en_weight)
elif _presence_core is not None:
    _presence_core.set_tables(score_keys, PRESENT_SCORE, SHORT_PRESENT_SCORE, COMMON_PRESENT_SCORE)
# score_keys for the tests below that score pairs one by one (_romanizes, _derived_in, the loose
# spellings): worked out in the compiled core where it scores the runs itself (the same score,
# without score_keys' Python and its cache: the pairs these tests ask are mostly new).
_score = _presence_core.score if _SCORED_HERE else score_keys
COMPILED = _presence_core is not None


@lru_cache(maxsize=1)
def _dictionary_words() -> frozenset[str]:
    """The English words the shipped dictionary lists in lower case (not its place names), and
    those its Wiktionary source writes in lower case in its glosses (tools/build_english_words.py):
    the ordinary English vocabulary hamsu knows."""
    import gzip
    from importlib import resources

    data = resources.files("hamsu.data")
    words = set()
    try:
        raw = data.joinpath("en_fa_dictionary.tsv.gz").read_bytes()
        glossed = data.joinpath("en_words.txt.gz").read_bytes()
    except FileNotFoundError:  # pragma: no cover
        return frozenset()
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        english = line.partition("\t")[0]
        if english[:1].islower():
            words.update(english.split())
    words.update(w for w in gzip.decompress(glossed).decode("utf-8").splitlines() if not w.startswith("#"))
    return frozenset(words)


# Derivational endings of English common nouns and adjectives (Disarmament, Preparedness,
# Appropriations, Intensive): a capitalized word with one is a title-case word, not a name.
_COMMON_ENDING = re.compile(r"(?:tions?|sions?|ments?|ness|ities|ity|isms?|ives?|ship|hood|ology|ologies|i[sz]ed|"
                            r"i[sz]ing|acy|able|ible|less|ful|ial|ical|ipal|graphy|ships)$")


def ordinary_english(word: str, document_lower: frozenset[str] = frozenset()) -> bool:
    """Whether a capitalized English word is an ordinary word (Foster Care, Human Rights: names
    translated word for word, so no romanization of them is expected): the document writes it in
    lower case, the dictionary lists it, or it has the ending of a common noun or adjective."""
    lower = word.lower()
    if word.isupper() or lower in _FUNCTION_WORDS or lower in document_lower or lower in _dictionary_words():
        return True
    if lower.endswith("s") and (lower[:-1] in document_lower or lower[:-1] in _dictionary_words()):
        return True
    if _derived_from_ordinary(lower, document_lower):
        return True
    return len(lower) > 7 and bool(_COMMON_ENDING.search(lower))


# Endings and prefixes that make a word from another without making a name of it: Allies (ally),
# Westerners (western), Actress (actor), Antarctic (arctic). Agent nouns in the singular are left
# out: they are surnames as often (Walker, Turner).
_DERIVING_ENDINGS = (("ies", "y"), ("ers", ""), ("ers", "e"), ("ress", "or"), ("ess", ""), ("ess", "e"))
_DERIVING_PREFIXES = ("anti", "ant", "counter", "inter", "multi", "non", "over", "post", "pre", "semi", "sub",
                      "super", "trans", "under", "un")  # fmt: skip


def _derived_from_ordinary(lower: str, document_lower: frozenset[str]) -> bool:
    known = _dictionary_words()
    for ending, replacement in _DERIVING_ENDINGS:
        if lower.endswith(ending) and len(lower) - len(ending) >= 3:
            stem = lower[: -len(ending)] + replacement
            if stem in known or stem in document_lower:
                return True
    for prefix in _DERIVING_PREFIXES:
        rest = lower[len(prefix) :]
        if lower.startswith(prefix) and len(rest) >= 4 and (rest in known or rest in document_lower):
            return True
    return False


def is_latin(text: str) -> bool:
    """A Persian-side mention written in Latin letters."""
    return bool(_LATIN.search(text)) and not re.search(f"[{ARABIC_BLOCK}]", text)


def name_words(text: str, lang: str) -> list[str]:
    """The words of a name that must each find a counterpart: no particles, articles or titles."""
    return list(_name_words(text, lang))


@lru_cache(maxsize=4096)  # a name is read by several tests of the names rule, in each unit it is in
def _name_words(text: str, lang: str) -> tuple[str, ...]:
    if lang == FA and not is_latin(text):
        return tuple(w.text for w in _normalized_words(text) if w.key not in STOPWORDS and len(w.key) >= 2)
    out = []
    for m in _LATIN_TOKEN.finditer(text):
        word = m.group()
        if word.isdigit() or len(word) < 2 or word.lower() in _SKIPPED or word in TITLES:
            continue
        out.append(word)
    return tuple(out)


@lru_cache(maxsize=4096)
def _presence(text: str, lang: str, other_text: str) -> float:
    if lang == FA and is_latin(text):
        return _latin_presence(text, english_side(other_text))
    if lang == FA:
        english = english_side(other_text)
        latin = False
        words = [w for w in _normalized_words(text) if (w.latin or w.key not in STOPWORDS) and len(w.key) >= 2]
        if not words:
            return 1.0
        table = name_table_data()
        entry = table.entry(fa_lookup_key(text))
        if entry is not None and any(_form_in(e, english) for e in entry.english):
            return 1.0
        if alias_in_english(fa_lookup_key(text), english.text):
            return 1.0  # اتحادیه اروپا by EU
        if not latin:
            folded = romanization_fold_fa(" ".join(w.text for w in words))
            runs = english.pairs + (english.roman if len(words) > 1 else ())
            if _romanizes(folded, runs, romanization_skeleton_fa(folded)):
                return 1.0
        # Generic words (دانشگاه، استان) are translated, and their translation proves nothing
        # about the name: the share counts the proper words when there are any.
        proper = [w for w in words if w.latin or not any(stem in generic_english() for stem in w.stems)]
        if english.acronyms and _abbreviated(words, english.acronyms):
            return 1.0  # سازمان جهانی بهداشت: WHO
        if entry is not None and not proper:
            return 0.0  # ایالات متحده: the table's forms decide, not United for متحده
        return _share(words, proper, lambda w: _persian_word_rendered(w, english))
    persian = persian_side(other_text)
    words = name_words(text, lang)
    if not words or _whole_english_rendered(text, words, persian):
        return 1.0
    known = name_table_data().persian_for(en_lookup_key(" ".join(words)))
    proper = [w for w in words if not (generic_translations(w) or generic_translations(w.capitalize()))]
    if known and not proper:
        return 0.0  # United Kingdom: the table's forms decide, not متحده for United
    if not proper and len(words) > 1 and _english_word_rendered(_english_head(text, words), persian):
        return 1.0  # translated word for word, kept or shortened to its head: سپاه پاسداران, Revolutionary Guard Corps
    return _share(words, proper, lambda w: _english_word_rendered(w, persian))


def _whole_english_rendered(text: str, words: list[str], persian: PersianSide) -> bool:
    """Whether an English name is rendered as a whole: its table form or another name of it (United
    States: ایالات متحده), or a romanization of its words run together (St. Louis: سنت‌لوییز).
    `words`: name_words(text, EN). Kept with the side (by the name's text): presence and
    swapped_parts ask it of the same name."""
    found = persian.whole.get(text)
    if found is None:
        found = persian.whole[text] = _whole_english_rendered_here(text, words, persian)
    return found


def _whole_english_rendered_here(text: str, words: list[str], persian: PersianSide) -> bool:
    joined = " ".join(words)
    forms = (name_table_data().persian_for(en_lookup_key(joined)), persian_aliases(joined), persian_aliases(text))
    if any(forms):  # the side's run keys read only where a form may meet them
        lookup = persian.lookup
        if not all(f.isdisjoint(lookup) for f in forms):
            return True
    return len(words) > 1 and _english_word_rendered("".join(words), persian, translate=False)


def _english_head(text: str, words: list[str]) -> str:
    """The head noun of an English name of generic words: the last word before "of" (Front of
    Resistance), else the last word (Islamic Revolutionary Guard Corps). Persian writes the head
    first and shortens such names to their leading words, so the head is what it keeps."""
    before_of = re.split(r"\s+of\s+", text, maxsplit=1)[0]
    heads = [w for w in words if w in before_of.split()]
    return heads[-1] if heads else words[-1]


def _share(words: list, proper: list, rendered) -> float:
    """The share of rendered words. Generic words (University, استان) are translated, which says
    little about the name, so with proper words beside them the share is over the proper words,
    raised to just below half when the generic words are rendered (the name may be translated
    whole, as in National Hurricane Center for مرکز ملی طوفان, or its proper part may be gone)."""
    if not proper or len(proper) == len(words):
        return sum(map(rendered, words)) / len(words)
    share = sum(map(rendered, proper)) / len(proper)
    if share == 0.0 and any(rendered(w) for w in words if w not in proper):
        return GENERIC_ONLY
    return share


def _abbreviated(words: list[Word], acronyms: frozenset[str]) -> bool:
    """Whether an English acronym may abbreviate a Persian name translated word for word: one
    letter for each word, the initial of a translation of it, in any order (Persian puts the head
    first: سازمان جهانی بهداشت, World Health Organization, WHO)."""
    table = name_table_data()
    options = []
    for w in words:
        letters = {e[0] for stem in w.stems for e in generic_english().get(stem, ())}
        entry = table.entry(w.base)
        if entry is not None:
            letters |= {e[0].lower() for e in entry.english if e[:1].isalpha()}
        if not letters:
            return False
        options.append(letters)
    for acronym in acronyms:
        if len(acronym) == len(options) and _assignable(sorted(acronym), options):
            return True
    return False


def _assignable(letters: list[str], options: list[set[str]]) -> bool:
    if not letters:
        return True
    return any(letters[0] in opts and _assignable(letters[1:], options[:k] + options[k + 1 :])
               for k, opts in enumerate(options))  # fmt: skip


def _latin_presence(text: str, english: EnglishSide) -> float:
    """A Persian name kept in Latin letters is copied from the source, so the English should have
    it as written: as a whole (within a letter or two), or an acronym spelled out (CDC: Centers
    for Disease Control). One word of it found elsewhere in the sentence proves nothing (Jair
    Bolsonaro, with Eduardo Bolsonaro left)."""
    words = [m.group() for m in _LATIN_TOKEN.finditer(text) if not m.group().isdigit()]
    key = latin_key(" ".join(words))
    if not key:
        return 1.0
    if key in english.keys or (len(key) >= 4 and key in english.joined):
        return 1.0
    n = len(words)
    if len(key) >= 5:
        for i in range(len(english.keys) - n + 1):
            window = "".join(english.keys[i : i + n])
            if abs(len(window) - len(key)) <= 2 and _alike(key, window):
                return 1.0
    letters = "".join(ch for ch in text if ch.isupper())
    if 2 * len(letters) >= len(key):  # an acronym (CDC, SARS-CoV): spelled out, shortened or mistyped
        if n == 1 and letters.lower() in english.initials:
            return 1.0
        parts = [latin_key(p) for p in re.split(r"[^A-Za-z]+", text) if len(p) >= 3]
        if any(p in english.keys for p in parts):
            return 1.0  # SARS for SARS-CoV
        if any(len(k) >= 3 and (k.startswith(key) or sorted(k) == sorted(key)) for k in english.keys):
            return 1.0  # CEPI for CEP, RAS for RSA
    return 0.0


def presence(text: str, lang: str, other_text: str) -> float:
    """The share of the words of name `text` (in language `lang`) that `other_text`, the other
    side of the unit, may render: 1.0 when the name as a whole is there, 0.0 when no word is."""
    return _presence(text, lang, other_text)


def unrendered_words(text: str, lang: str, other_text: str) -> tuple[str, ...]:
    """The words of name `text` (name_words) that `other_text` renders by no evidence, in order:
    what a reviewer is told is missing (Spring Washington: Washington)."""
    if lang == FA and not is_latin(text):
        english = english_side(other_text)
        words = [w for w in _normalized_words(text) if w.key not in STOPWORDS and len(w.key) >= 2]
        return tuple(w.text for w in words if not _persian_word_rendered(w, english))
    if lang == FA:
        return () if _latin_presence(text, english_side(other_text)) else (text,)
    persian = persian_side(other_text)
    return tuple(w for w in name_words(text, lang) if not _english_word_rendered(w, persian))


def english_word_rendered(word: str, other_text: str) -> bool:
    """Whether the Persian `other_text` may render one English word, by any evidence (a table
    form, another name of it, a generic or dictionary translation, a romanization)."""
    return _english_word_rendered(word, persian_side(other_text)) or _english_word_rendered(
        word.lower(), persian_side(other_text))


SWAP_REACH = 1  # Persian words apart from the rendering of a name's other words that may stand in its place


def swapped_parts(text: str, persian_text: str, english_text: str,
                  skip: frozenset[str] = frozenset()) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A word of an English name of two words or more replaced by another: the name's words the
    Persian renders by no evidence while it renders the others, and the Persian words beside the
    rendering of those others that stand for a word the English lacks (a generic name word or a
    name the table knows: World Diagnostic Organization with سازمان بهداشت جهانی: Diagnostic, and
    بهداشت, health). `skip`: keys of Persian words the linker paired, which stand for their own
    English. Empty, empty when the name is rendered whole, has no rendered word to stand
    beside, or the Persian has nothing left in its place (a word the dictionary misses)."""
    words = name_words(text, EN)
    persian = persian_side(persian_text)
    if len(words) < 2 or _whole_english_rendered(text, words, persian):
        return (), ()
    missing = [w for w in words if not _english_word_rendered(w, persian)]
    rendered = [w for w in words if w not in missing]
    missing = [w for w in missing if not w.isupper()]
    if not missing or not rendered:
        return (), ()
    english = english_side(english_text)
    words_fa = persian.words
    renderings = [english_side(r) for r in rendered]
    anchors: dict[int, bool] = {}

    def anchor(i: int) -> bool:
        """Whether Persian word i renders one of the name's rendered words. Asked only beside a
        word that may stand in a missing one's place, where the answer counts."""
        if i not in anchors:
            anchors[i] = 0 <= i < len(words_fa) and any(_persian_word_rendered(words_fa[i], r) for r in renderings)
        return anchors[i]

    left = []
    for i, w in enumerate(words_fa):
        if w.latin or w.key in STOPWORDS or len(w.key) < 3 or w.key in skip or w.base in skip:
            continue
        if not (any(stem in generic_english() for stem in w.stems) or known_name(w.text, FA)):
            continue
        if anchor(i) or not any(anchor(j) for j in range(i - SWAP_REACH, i + SWAP_REACH + 1) if j != i):
            continue
        if not _persian_word_rendered(w, english):
            left.append(w.text)
    return (tuple(missing), tuple(dict.fromkeys(left))) if left else ((), ())


def known_name(word: str, lang: str) -> bool:
    """Whether the name table knows a word as a name and as nothing else (Arizona, ژاپن; not
    Lady, بانو, or چین, also an ordinary word): a name for sure wherever it stands."""
    table = name_table_data()
    if lang == FA:
        entry = table.entry(fa_lookup_key(word))
        return entry is not None and not entry.ambiguous and not ordinary_persian(word)  # قطر: diameter
    if generic_translations(word):
        return False  # Bay, Peninsula: the generic words of names, translated
    keys = table.persian_for(en_lookup_key(word))
    if not keys and word.endswith("s") and len(word) > 3:
        keys = table.persian_for(en_lookup_key(word[:-1]))
    return any(not table.entry(k).ambiguous for k in keys)


def table_forms(word: str, lang: str, limit: int = 3) -> tuple[str, ...]:
    """The other language's forms of a name the table lists (Kabul: کابل), for evidence."""
    table = name_table_data()
    if lang == FA:
        entry = table.entry(fa_lookup_key(word))
        return entry.english[:limit] if entry is not None else ()
    forms = sorted({table.entry(k).fa for k in table.persian_for(en_lookup_key(word))}, key=lambda f: (len(f), f))
    return tuple(forms[:limit])


@lru_cache(maxsize=1)
def _persian_word_classes() -> tuple[frozenset[str], frozenset[str]]:
    """Keys, and the aligner's stems, of the Persian words the shipped dictionary gives an
    ordinary (lower-case) English translation (کره butter; not لونا, only Luena), and the keys of
    CLDR's countries and languages (چین China, which is a name before it is a pleat).

    Derived once into the user's cache (hamsu.cache): keying every entry of the dictionary costs
    a fifth of a second, more than the rest of a one-article run's checks."""
    import sys

    from ..align import dictionary as aligner_dictionary_module
    from ..align import lexical
    from ..cache import derived_table, shipped_bytes
    from ..persian import script
    from . import generic, table, translit

    try:
        raw = shipped_bytes("en_fa_dictionary.tsv.gz")
    except FileNotFoundError:  # pragma: no cover
        return frozenset(), frozenset()
    shaping = (sys.modules[__name__], table, translit, generic, lexical, aligner_dictionary_module, script)
    return derived_table("persian-word-classes", raw, _word_classes, shaping)


def _word_classes(raw: bytes) -> tuple[frozenset[str], frozenset[str]]:
    import gzip

    dictionary = _dictionary()
    out, countries = set(), set()
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        english, _, rest = line.partition("\t")
        persian, _, sources = rest.partition("\t")
        if "cldr" in sources.split(","):
            countries.add(fa_lookup_key(persian))
        if not english[:1].islower():
            continue
        out.add(fa_lookup_key(persian))
        if dictionary and " " not in persian:
            out.add(dictionary[3](persian))
    out.discard("")
    return frozenset(out), frozenset(countries)


def _ordinary_persian_word(word: Word) -> bool:
    """A Persian word that is an ordinary word: frequent, a form of a word the dictionary
    translates by an ordinary English word, or a compound whose first part is one; never a
    country or language of CLDR."""
    return _ordinary_persian_form(word.text, word.key, word.base, word.stems)


@lru_cache(maxsize=1 << 15)  # asked of the same words by several tests, in unit after unit
def _ordinary_persian_form(text: str, key: str, base: str, stems: tuple[str, ...]) -> bool:
    """_ordinary_persian_word of the word with these text, key, base and stems (all it reads)."""
    word = Word(text, 0, len(text), key, base, 0, False, stems)
    table = name_table_data()
    ordinary, countries = _persian_word_classes()
    if any(stem in countries for stem in word.stems[:2]):
        return False
    if is_common(word, table) or any(table.is_common(stem) or stem in ordinary for stem in word.stems):
        return True
    dictionary = _dictionary()
    if dictionary and dictionary[3](word.text) in ordinary:
        return True  # حذفیات: حذف
    if ZWNJ in word.text:
        head = fa_lookup_key(word.text.split(ZWNJ)[0])
        return head in ordinary or table.is_common(head) or head in STOPWORDS or len(head) < 3
    return False


# Titles before a romanized name: of persons and places, and of the press, whose names are kept
# as they are even when they are words (روزنامه گاردین; but ملکه وحشت‌زده is the terrified queen).
_PRESS_TITLES = frozenset(fa_lookup_key(w) for w in "روزنامه خبرگزاری شبکه".split())
_NAMING_TITLES = PERSON_TITLES | PLACE_TITLES | _PRESS_TITLES


def ordinary_persian(text: str) -> bool:
    """Whether every word of a Persian text is an ordinary word (_ordinary_persian_word), or the
    text as a whole is one (مجمع الجزایر, archipelago)."""
    if fa_lookup_key(text) in _persian_word_classes()[0]:
        return True
    words = [w for w in _normalized_words(text) if w.key not in STOPWORDS]
    return bool(words) and all(not w.latin and _ordinary_persian_word(w) for w in words)


def ordinary_compound(first: str, second: str) -> bool:
    """Whether two Persian words written apart are one ordinary word (مجمع الجزایر)."""
    return fa_lookup_key(first + second) in _persian_word_classes()[0]


def stray_names(fa_text: str, en_text: str, skip: frozenset[str] = frozenset()) -> tuple[tuple[str, bool], ...]:
    """Persian words that look like names and that the English renders by no evidence: no
    ordinary words (see _ordinary_persian_word), so names the table knows (لونا, اسپانیایی) and
    unknown words (شوماخر); no titles or generic name words. `skip`: keys of words the linker has
    paired. What a name replaced in the English leaves behind in the Persian: (word, whether it
    is a name for sure: the table knows it as a name and as nothing else, or a title precedes it)."""
    english = english_side(en_text)
    return tuple((w.text, sure) for w, sure in stray_candidates(fa_text, skip)
                 if not _persian_word_rendered(w, english))  # fmt: skip


def stray_candidates(fa_text: str, skip: frozenset[str] = frozenset()) -> tuple[tuple[Word, bool], ...]:
    """stray_names before its last test, whether the English renders the word (stray_rendered):
    (word, whether it is a name for sure). That test reads the English side word by word and is
    most of the cost, so a caller that reads only some of the words (the names rule: only the sure
    ones, unless the name they may replace is sure) asks it of those alone."""
    table = name_table_data()
    out = []
    words = persian_side(fa_text).words
    for i, w in enumerate(words):
        if w.latin or w.key in STOPWORDS or len(w.base) < 3 or w.key in skip or w.base in skip:
            continue
        if w.base in _PERSIAN_TITLES or any(stem in generic_english() for stem in w.stems):
            continue
        # After a title (روزنامه گاردین, شهر کابل) a word is a name, however ordinary otherwise;
        # not after the head of an institution, whose name is as often translated (کالج سلطنتی).
        title = words[i - 1].key if i > 0 and words[i - 1].run == w.run else ""
        ordinary = _ordinary_persian_word(w)
        titled = title in _PRESS_TITLES or (title in _NAMING_TITLES and not ordinary)
        if ordinary and not titled:
            continue
        entries = [table.entry(stem) for stem in w.stems[:2]]
        out.append((w, titled or any(e is not None and not e.ambiguous for e in entries)))
    return tuple(out)


def stray_rendered(word: Word, en_text: str) -> bool:
    """Whether the English renders a word of stray_candidates by any evidence (then it is no stray)."""
    return _persian_word_rendered(word, english_side(en_text))


LOOSE_SCORE = 0.35  # one name or two? Xinhua, شینهووا 0.40 may be one; Arizona, شوماخر 0.0 are two
# A name spelled otherwise: an unknown word (Bishkek, بییشکک 0.54), a frequent one (Louis, لویی
# 0.50; names are frequent words too), a word the dictionary translates (Carter, کاربر 0.72 is
# the word "user", no spelling of the name).
SPELLING_SCORE, SPELLING_FREQUENT_SCORE, SPELLING_WORD_SCORE = 0.5, 0.5, 0.8


def loosely_romanizes(fa_word: str, en_word: str, threshold: float = LOOSE_SCORE) -> bool:
    """Whether a Persian word may be an English word's romanization at a loose standard (Xinhua,
    شینهووا 0.40; a typo, Bishkek, بییشکک 0.54): the two are then one name the presence test
    missed or one misspelled, not a name and its replacement (Arizona, شوماخر 0.0)."""
    folded = romanization_fold_fa(fa_word)
    key = latin_key(en_word)
    if not folded or not key:
        return False
    return _score(folded, key, threshold - 0.01) >= threshold


TYPO_MIN_LETTERS = 5  # a name's table form long enough that one letter off is a typo, not another name


def _one_edit(a: str, b: str) -> bool:
    """Whether two different strings are one insertion, deletion or substitution apart."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


def loose_counterpart(words: tuple[str, ...], lang: str, other_text: str, skip: frozenset[str] = frozenset()) -> str:
    """The word of the other side that best, if loosely, romanizes one of a name's missing words
    (or that one of them romanizes), or "": a misspelled name is there, not missing. Words the
    linker paired (`skip`, by key) are taken; an ordinary Persian word (جرج is one, لویی too)
    needs a closer match than an unknown one."""
    # The pairs to score, in order, in blocks: (Persian forms, English words, the score needed or a
    # function of nothing giving it), each block every form with every word.
    blocks: list[tuple[list[str] | tuple[str, ...], list[str] | tuple[str, ...], float | Callable[[], float]]] = []
    if lang == FA:
        for m in _LATIN_TOKEN.finditer(other_text):
            if m.group()[:1].isupper() and not ordinary_english(m.group()) and en_lookup_key(m.group()) not in skip:
                blocks.append((words, [m.group()], SPELLING_SCORE))
    else:
        meaning = _persian_word_classes()[0]
        for w in persian_side(other_text).words:
            if w.latin or w.key in STOPWORDS or w.key in skip or w.base in skip:
                continue
            if w.key in meaning or w.base in meaning:
                needed = SPELLING_WORD_SCORE  # a word of its own (کاربر, user, for Carter): garbled, not misspelled
            else:  # asked only of a word as long as a missing word: most are not
                needed = partial(_spelling_score, w)
            parts = [p for p in w.text.split(ZWNJ) if len(p) >= 3] if ZWNJ in w.text else []
            blocks.append(([w.text] + parts, words, needed))  # سنت‌لوییز: لوییز
    if lang == EN:  # the table's own form with a letter dropped, added or changed: ابولهول for ابوالهول
        forms = {f for w in words for f in table_forms(w, EN, limit=8) if len(f) >= TYPO_MIN_LETTERS}
        if forms:
            folded_forms = [romanization_fold_fa(f) for f in forms]
            for w in persian_side(other_text).words:
                if not w.latin and any(_one_edit(romanization_fold_fa(w.text), f) for f in folded_forms):
                    return w.text
    best, found = 0.0, ""
    # Each form and word is in many pairs: each folded or keyed, and weighed, once (a word kept).
    for persian_forms, english_words, needed in blocks:
        for fa in persian_forms:
            folded, fa_weight = _persian_spelling_form(fa)
            if fa_weight is None:
                continue  # fewer than three letters spell nothing
            for en in english_words:
                key, weight = _english_spelling_form(en)
                if weight is None or abs(weight - fa_weight) > 2:
                    continue  # a spelling is about as long as the name: not ترین for Bryan Judan
                if not isinstance(needed, float):
                    needed = needed()  # the same for every pair of the block
                score = _score(folded, key, needed - 0.01)
                if score >= needed and score > best:
                    best, found = score, (fa if lang == EN else en)
    return found


@lru_cache(maxsize=1 << 14)  # a document's vocabulary: a side's words are asked in unit after unit
def _persian_spelling_form(word: str) -> tuple[str, float | None]:
    """_spelling_form of a Persian word folded for romanization."""
    return _spelling_form(romanization_fold_fa(word), True)


@lru_cache(maxsize=1 << 14)
def _english_spelling_form(word: str) -> tuple[str, float | None]:
    """_spelling_form of an English word's key."""
    return _spelling_form(latin_key(word), False)


def _spelling_form(form: str, persian: bool) -> tuple[str, float | None]:
    """A folded Persian form or an English key with its consonant weight, or None for a form of
    fewer than three letters, which spells nothing for loose_counterpart."""
    if len(form) < 3:
        return form, None
    return form, fa_units(form)[1] if persian else en_weight(form)


def _spelling_score(word: Word) -> float:
    """The score a Persian word that is no word of its own needs to spell a name otherwise: more
    when it is an ordinary word (SPELLING_FREQUENT_SCORE) than when unknown (SPELLING_SCORE)."""
    return SPELLING_FREQUENT_SCORE if _ordinary_persian_word(word) else SPELLING_SCORE
