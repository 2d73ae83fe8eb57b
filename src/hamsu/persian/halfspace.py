"""Half-space (ZWNJ, U+200C) restoration for Persian words that lost theirs.

Two kinds of damage: the ZWNJ deleted, gluing the parts (میشود، درگیریها) and the ZWNJ turned
into a space, splitting the word (می شود، برنامه ریزی). Glued words are looked up whole in the
compiled table of half-space spellings, then analysed by morphology (می/نمی + verb form; a known
stem + ها/های/...; a stem ending in silent ه + ای/ام/اند/...). Split words are joined where the
second part cannot stand alone (ها، ترین، the clitics after silent ه), after می/نمی before a verb
form, and for compounds whose half-space spelling clearly dominates. A glued word that is also a
word of its own keeps its spelling (فرماندهان میدانی, "field commanders") unless the word before it
is a subject pronoun, which makes the verb reading certain (تو می‌دانی).

Precision comes first: when no rule is sure, the text is left as it is. The writer's own ZWNJs
are never removed here.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate, compress
from operator import ne

from ..records import Edit
from .lexicon import JOINS_PREVIOUS, halfspace_lexicon
from .orthography import (
    AFTER_SILENT_HE,
    AFTER_YEH,
    COMPARATIVE_SUFFIXES,
    FUNCTION_WORDS,
    PLURAL_SUFFIXES,
    PRONOUN_CLITICS,
    SUFFIX_TOKENS,
    VERB_PREFIXES,
    ZWNJ,
    ends_with_silent_he,
    joins,
)
from .script import ARABIC_LETTERS, DIACRITICS

RULE_GLUED = "halfspace.glued"
RULE_SPLIT = "halfspace.split"
RULE_CONTEXT = "halfspace.context"

_DIACRITIC = re.compile(f"[{DIACRITICS}]")
# A Persian word: Arabic-script letters with their diacritics and inner half-spaces.
_WORD_SPLIT = re.compile(f"([{ARABIC_LETTERS}{DIACRITICS}{ZWNJ}]+)")
MONTH = "ماه"
SUBJECT_PRONOUNS = frozenset("من تو او وی ما شما ایشان آنها آن‌ها".split())
_MIN_STEM = 2
_MIN_SILENT_HE_STEM = 3
_MIN_UNKNOWN_STEM = 4
# Preverbs that come before می/نمی in compound verbs (برمی‌گردد، درمی‌یابند).
PREVERBS = frozenset(("", "بر", "در", "فرو", "فرا", "باز", "وا", "ور"))


def _is_word(key: str) -> bool:
    lex = halfspace_lexicon()
    return key in lex.known or key in lex.zwnj


def _attach(stem: str, suffix: str) -> str:
    """stem + suffix, with a half-space where the stem's last letter would join the suffix."""
    lex = halfspace_lexicon()
    form = lex.zwnj.get(stem) or (stem if _is_word(stem) else _split_compound(stem))
    return form + (ZWNJ if joins(stem[-1]) else "") + suffix


def _spell(key: str) -> str:
    """The spelling hamsu writes for a word given without half-spaces or diacritics."""
    lex = halfspace_lexicon()
    form = lex.zwnj.get(key)
    if form is not None:
        return form
    if key in lex.known or len(key) < 3:
        return key
    for prefix in VERB_PREFIXES:
        at = key.find(prefix)
        rest = key[at + len(prefix) :]
        # می/نمی, also after a preverb (برمی‌گردد، درنمی‌یابند)
        if at >= 0 and key[:at] in PREVERBS and rest in lex.verbs:
            return key[: at + len(prefix)] + ZWNJ + rest
    for suffix in PLURAL_SUFFIXES:
        stem = key[: -len(suffix)]
        if key.endswith(suffix) and len(stem) >= _MIN_STEM:
            # A plural of a word no lexicon lists (سنجاقک‌ها) is still a plural when the stem is
            # long enough not to be a fragment of another word.
            if _is_word(stem) or (len(stem) >= _MIN_UNKNOWN_STEM and not _is_word(stem + "ه")):
                return _attach(stem, suffix)
    for suffix in COMPARATIVE_SUFFIXES:
        stem = key[: -len(suffix)]
        if key.endswith(suffix) and len(stem) >= _MIN_SILENT_HE_STEM and _is_word(stem):
            return _attach(stem, suffix)
    for clitic in PRONOUN_CLITICS:
        stem = key[: -len(clitic)]
        if key.endswith(clitic) and len(stem) >= _MIN_SILENT_HE_STEM and _is_word(stem) and clitic != "مان":
            return _attach(stem, clitic)
    for clitic in AFTER_SILENT_HE:
        stem = key[: -len(clitic)]
        if key.endswith(clitic) and len(stem) >= _MIN_SILENT_HE_STEM and _is_word(stem):
            if ends_with_silent_he(stem) or (stem.endswith("ی") and clitic in AFTER_YEH):
                return _attach(stem, clitic)
    return _split_compound(key)


def _split_compound(key: str) -> str:
    """A word no lexicon lists, read as a glued compound of two words where exactly one split
    makes sense: a common word before a bound deverbal head (واکسن‌رسانی، حشره‌شناسان), or a word
    ending in silent ه before a common word (ضربه‌زن، ستیزه‌جویان), since a silent ه does not join
    the letter after it inside a simple word."""
    lex = halfspace_lexicon()
    if key.endswith("ی") and _is_word(key[:-1]):
        return key  # a known word + ی (خواهران + ی), not خواه + رانی
    found = None
    for at in range(_MIN_UNKNOWN_STEM, len(key) - 1):
        left, right = key[:at], key[at:]
        if left not in lex.common or left in FUNCTION_WORDS:
            continue
        # A second part starting with ا or ی is more often a clitic or a misspelt ending (دره‌ایش).
        after_he = ends_with_silent_he(left) and len(right) >= 3 and right[0] not in "ای"
        if right in lex.heads or (after_he and right in lex.common and right not in FUNCTION_WORDS):
            if found is not None:
                return key  # more than one reading: leave it
            found = (left, right)
    return key if found is None else _attach(*found)


def _with_boundaries(token: str, form: str) -> str:
    """`token` with a ZWNJ added wherever `form` (the same letters) has one after a joining letter."""
    boundaries = set()
    letters = 0
    for ch in form:
        if ch == ZWNJ:
            boundaries.add(letters)
        else:
            letters += 1
    out = []
    letters = 0
    for i, ch in enumerate(token):
        out.append(ch)
        if ch == ZWNJ or _DIACRITIC.match(ch):
            continue
        letters += 1
        nxt = token[i + 1] if i + 1 < len(token) else ""
        if letters in boundaries and joins(ch) and nxt and nxt != ZWNJ and not _DIACRITIC.match(nxt):
            out.append(ZWNJ)
        elif letters in boundaries and joins(ch) and nxt and _DIACRITIC.match(nxt):
            boundaries.discard(letters)
            boundaries.add(-letters)  # after this letter's diacritics
        if -letters in boundaries and (not nxt or not _DIACRITIC.match(nxt)) and nxt and nxt != ZWNJ:
            out.append(ZWNJ)
    return "".join(out)


@lru_cache(maxsize=200_000)
def fix_word(token: str) -> str:
    """One word with its half-spaces restored, context aside. Only ZWNJs are ever added.

    Where the writer put half-spaces, their parts are taken as given and each part is fixed on
    its own (چشم‌های stays چشم‌های, برنامه‌ریزیهای becomes برنامه‌ریزی‌های).
    """
    if ZWNJ in token:
        return ZWNJ.join(map(fix_word, token.split(ZWNJ)))
    key = _DIACRITIC.sub("", token) if _DIACRITIC.search(token) else token
    form = _spell(key)
    if form == key:
        return token
    # Each part of the new spelling is a word of its own, fixed as a writer's part would be
    # (پذیرفتهشدهای -> پذیرفته‌شدهای -> پذیرفته‌شده‌ای): what a second pass adds, the first adds.
    written = _with_boundaries(token, form)  # no new ZWNJ where the parts meet after ا، د، ر ...
    return token if written == token else fix_word(written)


@lru_cache(maxsize=1 << 16)  # a word and its fix recur as the words do
def _insertions(word: str, fixed: str) -> tuple[int, ...]:
    """Offsets in `word` where `fixed` (the same text with ZWNJs added) has a new ZWNJ."""
    at, out = 0, []
    for ch in fixed:
        if at < len(word) and ch == word[at]:
            at += 1
        else:
            out.append(at)
    return tuple(out)


def _key(word: str) -> str:
    key = word.replace(ZWNJ, "")
    return _DIACRITIC.sub("", key) if _DIACRITIC.search(key) else key


def _content_word(key: str) -> bool:
    lex = halfspace_lexicon()
    return len(key) >= _MIN_STEM and key not in FUNCTION_WORDS and (key in lex.known or key in lex.zwnj)


def _joins_across_space(left: str, right: str) -> bool:
    """Whether `left right` is one word whose half-space became a space."""
    lex = halfspace_lexicon()
    last = _key(left.rsplit(ZWNJ, 1)[-1])
    right_key = _key(right)
    head = _key(right.split(ZWNJ, 1)[0])
    for prefix in VERB_PREFIXES:
        if last.endswith(prefix) and last[: -len(prefix)] in PREVERBS:
            return right_key in lex.verbs or lex.zwnj.get(last + right_key, "").startswith(last + ZWNJ)
    if head in SUFFIX_TOKENS or head in PRONOUN_CLITICS:
        return last not in FUNCTION_WORDS and len(last) >= _MIN_STEM
    if head in AFTER_SILENT_HE and ends_with_silent_he(last) and len(last) >= _MIN_SILENT_HE_STEM:
        return True
    if head in AFTER_YEH and last.endswith("ی") and _content_word(last):
        return True
    if head in JOINS_PREVIOUS and lex.zwnj.get(last + head) == last + ZWNJ + head:
        # A clitic after a word the lexicons spell with it (شیوه‌ای، قهوه‌ای: a silent ه after و).
        return True
    # Compounds are decided on the parts that meet: برنامه ریزی‌های joins as برنامه‌ریزی does.
    compound = last + ZWNJ + head
    if compound in lex.compounds:
        return True
    return head in lex.heads and _content_word(last)


# Pairs of words repeat as words do: decide each distinct pair once.
_joins = lru_cache(maxsize=1 << 18)(_joins_across_space)


def halfspace_edits(text: str) -> list[Edit]:
    """The edits that restore half-spaces in `text` (any number of lines)."""
    parts = _WORD_SPLIT.split(text)
    words = parts[1::2]
    if not words:
        return []
    fixed = list(map(fix_word, words))
    lex = halfspace_lexicon()
    # Context: a glued word that is also a word of its own reads as a verb after a subject
    # pronoun, unless the object marker را follows it (او میدانی را دید: "he saw a square").
    for i in compress(range(len(words)), map(lex.ambiguous.__contains__, words)):
        object_follows = i + 1 < len(words) and parts[2 * i + 2] == " " and words[i + 1] == "را"
        if i > 0 and parts[2 * i] == " " and fixed[i - 1] in SUBJECT_PRONOUNS and not object_follows:
            fixed[i] = _with_boundaries(words[i], lex.ambiguous[words[i]])
    # Words split by a space: decide each single space between two Persian words. Most pairs
    # cannot join at all; only those whose second word can end a compound or follows می/نمی are
    # looked at closely.
    seps = parts[2::2]
    triggers = lex.join_triggers
    joined = {
        i
        for i, (sep, left, right) in enumerate(zip(seps, fixed, fixed[1:]))
        if sep == " " and (right in triggers or left.endswith(VERB_PREFIXES) or ZWNJ in right) and _joins(left, right)
    }
    # After ماه, می is the month May (ماه می سال ۲۰۲۴) unless a verb form follows (هر ماه می‌رود):
    # a listed spelling (می‌خانه) does not make it the verb prefix there.
    joined -= {
        i
        for i in joined
        if fixed[i] == "می" and i > 0 and parts[2 * i] == " " and fixed[i - 1] == MONTH
        and _key(fixed[i + 1]) not in lex.verbs
    }
    changed = set(compress(range(len(words)), map(ne, words, fixed)))
    if not joined and not changed:
        return []
    ends = list(accumulate(map(len, parts)))  # word i spans ends[2i] .. ends[2i + 1]
    edits = []
    for i in sorted(joined | changed):
        start, end = ends[2 * i], ends[2 * i + 1]
        if i in changed:
            rule = RULE_CONTEXT if words[i] in lex.ambiguous else RULE_GLUED
            edits += (Edit(start + at, start + at, ZWNJ, rule) for at in _insertions(words[i], fixed[i]))
        if i in joined:
            # After a letter that does not join (کار ها), the parts simply close up: کارها.
            edits.append(Edit(end, end + 1, ZWNJ if joins(words[i][-1]) else "", RULE_SPLIT))
    return edits
