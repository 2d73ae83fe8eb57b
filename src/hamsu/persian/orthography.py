"""The half-space orthography policy: which spelling of a word hamsu writes.

The policy is the common modern standard (the Academy's دستور خط فارسی as publishers apply it):
می/نمی before a verb, the plural ها/های/هایی, تر/ترین and the clitics after a silent ه take a ZWNJ
after a joining letter; verb phrases and prepositions stay apart (واقع شده است، به عنوان); a
two-word compound is joined only where its joined spelling clearly dominates.

The lexicons say which spellings exist and how often; this module decides between them. It is used
at build time (tools/build_lexicon.py compiles its decisions into a table) and at run time (the
morphological fallback for words no lexicon lists).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .script import ARABIC_BLOCK_LAST, FIRST_ARABIC_LETTER, ZWNJ

# Letters that never join the letter after them: a ZWNJ after them changes nothing on screen.
NON_JOINING = frozenset("اآأإٱدذرزژوؤةءۀ")

VERB_PREFIXES = ("نمی", "می")
PLURAL_SUFFIXES = ("هایشان", "هایتان", "هایمان", "هایش", "هایت", "هایم", "هایی", "های", "ها")
COMPARATIVE_SUFFIXES = ("ترین", "تری", "تر")
# Clitics written apart after a silent ه (خانه‌ای، گفته‌اند، نامه‌اش). ی is the ezafe (واژه‌ی).
AFTER_SILENT_HE = ("ایم", "اید", "اند", "ای", "ام", "ات", "اش", "ی")
# Pronoun clitics written apart from the word they follow (وزن‌شان), and the clitics written
# apart after a final ی (قبلی‌اش، ملی‌ای، آمریکایی‌اند).
PRONOUN_CLITICS = frozenset(("شان", "تان", "مان"))
AFTER_YEH = frozenset(("ای", "ام", "اش", "ات", "اند", "ایم", "اید"))
SUFFIX_TOKENS = frozenset(PLURAL_SUFFIXES + COMPARATIVE_SUFFIXES)
# The privative prefix, written with a half-space (بی‌سابقه، بی‌توجهی). It stands alone only as the
# letter name (بی بی سی), so a listed بی‌ compound joins across a space however rare it is.
BOUND_PREFIXES = frozenset(("بی",))

# Words that start phrases rather than compounds: a space after them is a real word boundary
# (به عنوان، در حالی که، هم زمان) even where a lexicon lists a joined spelling.
FUNCTION_WORDS = frozenset(
    "به در از با بر تا برای که و یا را این آن هر هم همه چه چون اگر نه نیز پس"
    " ای هیچ روی چند بسیار خیلی یکی همین همان چنین چنان وی او من تو ما شما آنها ایشان"
    " است بود شد هست نیست باید شاید".split()
)

# Light verbs and auxiliaries: a noun or adjective before their forms makes a verb phrase, which
# the standard writes apart (واقع شده، تصمیم گرفت، اعلام کرد).
_LIGHT_VERB_STEMS = (
    ("شد", "شو"), ("کرد", "کن"), ("بود", "باش"), ("داشت", "دار"), ("گرفت", "گیر"), ("نمود", "نما"),
    ("گشت", "گرد"), ("ساخت", "ساز"), ("داد", "ده"), ("زد", "زن"), ("آمد", "آی"), ("رفت", "رو"),
    ("خورد", "خور"), ("یافت", "یاب"), ("کشید", "کش"), ("آورد", "آور"), ("خواست", "خواه"),
    ("گذاشت", "گذار"), ("افتاد", "افت"), ("دید", "بین"), ("نهاد", "نه"),
)
_PAST_ENDINGS = ("", "م", "ی", "یم", "ید", "ند", "ه", "ن", "نی")
# Not the bare present stem + ی: it is also the noun suffix of compounds (پیش‌بینی، جمع‌آوری).
_PRESENT_ENDINGS = ("م", "د", "یم", "ید", "ند")
LIGHT_VERB_FORMS = frozenset(
    [past + e for past, _ in _LIGHT_VERB_STEMS for e in _PAST_ENDINGS]
    + [pres + e for _, pres in _LIGHT_VERB_STEMS for e in _PRESENT_ENDINGS]
    + [prefix + pres + e for _, pres in _LIGHT_VERB_STEMS for e in ("ی", *_PRESENT_ENDINGS) for prefix in "بن"]
    + ["است", "هست", "نیست", "هستند", "نیستند", "باشد", "باشند"]
)

# Second-person forms of common verbs (کنی "you do", دانی "you know") stand alone too often to
# be taken for the head of a compound.
STANDALONE_VERB_HEADS = frozenset("کنی باشی بری دانی داری آیی خواهی شوی تنی سرای افتی آوردی مانی تابی".split())
MIN_HEAD_PRODUCTIVITY = 10
# Between a glued key and a listed half-space spelling, the half-space one is written when Lilak
# lists it and not the glued one (Lilak is the standard), or when it is frequent enough: its share
# of the two spellings' counts reaches the threshold. The threshold is lower for the morphology
# the policy fixes (می، ها، تر، clitics), since 2012 Wikipedia counts still favour the old glued
# habit; a glued form far more frequent is a word of its own or lexicalized (میدانی "field" beside
# می‌دانی "you know"; آنها، بیشتر) and is kept.
POLICY_SHARE = 0.25
COMPOUND_SHARE = 0.5
# A two-word compound joins across a space only where its joined spelling is frequent next to the
# rarer of its parts: the parts then mostly occur inside the compound.
COMPOUND_DOMINANCE = 0.2
COMPOUND_MIN_COUNT = 5
# A word no lexicon lists is read as two glued words only where both parts are common words (at
# least this many Wikipedia occurrences): rarer listed words are often fragments of names (داله).
COMMON_MIN_COUNT = 20
# A spelling only Wikipedia's counts list that puts می/نمی before a word the verb table does not know,
# which occurs more than a thousand times as often on its own, is two words that met by a typo
# (ماه می‌سال "the month May, year", می‌به): not a verb.
STRAY_PREFIX_SHARE = 0.001
# A glued comparative (قشنگترین) takes the half-space of the policy only where its stem occurs at
# least this many times as often as the glued word: a rarer stem makes the glued word a word of
# its own (مونستر is Münster, not مونس + تر).
COMPARATIVE_STEM_RATIO = 4
CURATED = frozenset("LNPUHSV")
STANDARD = frozenset("LU")  # Lilak: its lexicon and user words


def joins(letter: str) -> bool:
    """True if the letter connects to the next one, so a ZWNJ after it shows."""
    return FIRST_ARABIC_LETTER <= letter <= ARABIC_BLOCK_LAST and letter not in NON_JOINING


def ends_with_silent_he(word: str) -> bool:
    # A final ه after a vowel-less consonant is usually silent (خانه، گفته); after ا or و it is
    # pronounced (راه، کوه) and takes clitics directly (راهی).
    return len(word) >= 2 and word[-1] == "ه" and word[-2] not in "اوآ"


@dataclass(frozen=True)
class Spelling:
    form: str  # the spelling to write for this key
    alternative: str | None = None  # a half-space verb reading kept only when context asks for it


def is_policy_boundary(left: str, right: str) -> bool:
    """True where the orthography policy itself asks for a half-space between the two parts."""
    return (
        left.rsplit(ZWNJ, 1)[-1] in VERB_PREFIXES
        or right.split(ZWNJ, 1)[0] in SUFFIX_TOKENS
        or (right.split(ZWNJ, 1)[0] in AFTER_SILENT_HE and ends_with_silent_he(left))
    )


def _policy_form(form: str) -> bool:
    parts = form.split(ZWNJ)
    return any(is_policy_boundary(ZWNJ.join(parts[:i]), ZWNJ.join(parts[i:])) for i in range(1, len(parts)))


def choose_spelling(
    key: str, forms: list[str], count: Mapping[str, float], flags: Mapping[str, set[str]]
) -> Spelling:
    """Decide between a glued key and the half-space spellings the lexicons list for it."""
    # The listed half-space spellings of one key are distinct words (دست‌های "hands", دسته‌ای "a
    # bunch"): the more frequent reading wins, a curated lexicon breaking ties.
    best = max(forms, key=lambda f: (count.get(f, 0.0), bool(flags.get(f, set()) & CURATED), f))
    key_flags, best_flags = flags.get(key, set()), flags.get(best, set())
    if best_flags & STANDARD and not key_flags & STANDARD:
        return Spelling(best)
    share = (count.get(best, 0.0) + 1) / (count.get(best, 0.0) + count.get(key, 0.0) + 2)
    # The plural of a pronoun or determiner (اینها beside آنها) is lexicalized like آنها: only the
    # usual spelling decides there, as for compounds.
    pronoun = best.split(ZWNJ, 1)[0] in FUNCTION_WORDS
    if share >= (POLICY_SHARE if _policy_form(best) and not pronoun else COMPOUND_SHARE):
        return Spelling(best)
    verb_reading = best.startswith(tuple(p + ZWNJ for p in VERB_PREFIXES)) and "V" in best_flags
    return Spelling(key, best if verb_reading else None)


def joins_from_space(
    form: str,
    count: Mapping[str, float],
    flags: Mapping[str, set[str]],
    verb_forms: frozenset[str] = frozenset(),
    bound_heads: frozenset[str] = frozenset(),
) -> bool:
    """Whether `a b` may become `a‌b` when the lexicons list the compound `form`.

    `verb_forms` are finite forms and infinitives of all verbs: after a noun they make a verb
    phrase (بیرون راندن), which stays apart. A compound whose head is a bound deverbal head
    (سازی، شناسی، پذیری) joins whenever it is listed; any other needs its one-word spellings
    (with a half-space or glued) to be frequent next to the rarer of its parts.
    """
    parts = form.split(ZWNJ)
    if len(parts) != 2:
        return False
    left, right = parts
    if left in FUNCTION_WORDS or right in FUNCTION_WORDS or right in LIGHT_VERB_FORMS or right in verb_forms:
        return False
    if left in VERB_PREFIXES or right in SUFFIX_TOKENS:
        return True  # morphology, handled by rule as well
    if left in BOUND_PREFIXES:
        return True  # listed, and the prefix does not stand alone
    one_word = count.get(form, 0.0) + count.get(left + right, 0.0)
    if one_word < COMPOUND_MIN_COUNT and not (flags.get(form, set()) & CURATED):
        return False
    if right in bound_heads:
        return True
    rarer = min(count.get(left, 0.0), count.get(right, 0.0))
    return one_word >= COMPOUND_DOMINANCE * rarer


def bound_heads(
    present_stems: frozenset[str], productivity: Mapping[str, int], flags: Mapping[str, set[str]]
) -> set[str]:
    """Deverbal heads (present stem + ی or ان) that many listed compounds end in and that are not
    nouns or adjectives of their own: سازی، شناسی، پذیری، رسانی، شناسان."""
    heads = set()
    for stem in present_stems:
        for suffix in ("ی", "ان"):
            head = stem + suffix
            if (
                len(stem) >= 2
                and productivity.get(head, 0) >= MIN_HEAD_PRODUCTIVITY
                and not flags.get(head, set()) & {"N", "P"}
                and head not in STANDALONE_VERB_HEADS
            ):
                heads.add(head)
    return heads


def detached_plural(key: str, count: Mapping[str, float], flags: Mapping[str, set[str]]) -> str | None:
    """The half-space spelling of a glued plural or possessive (سنجاقکها، وزنشان) that only the
    frequency lists know, written glued by the old habit: a common word a curated lexicon lists,
    ending in a joining letter, + ها/های/... or شان. None where the key may be read otherwise
    (انتهایش is انتها + یش, not انت + هایش); شان only after a stem of four letters or more, since
    shorter ones are often parts of names (تانگشان)."""
    if flags.get(key, set()) & CURATED:
        return None
    for suffix in (*PLURAL_SUFFIXES, "شان"):
        stem = key[: -len(suffix)]
        if (
            key.endswith(suffix)
            and len(stem) >= (3 if suffix != "شان" else 4)
            and joins(stem[-1])
            and flags.get(stem, set()) & CURATED
            and count.get(stem, 0.0) >= COMMON_MIN_COUNT
        ):
            whole = stem + suffix[:2]  # stem + ها: a word of its own (انتها، تنها)?
            if suffix != "شان" and len(suffix) > 2 and flags.get(whole, set()) & CURATED:
                return None
            if key.endswith("ی") and flags.get(key[:-1], set()) & CURATED:
                return None
            return stem + ZWNJ + suffix
    return None


def stray_verb_prefix(
    form: str, count: Mapping[str, float], flags: Mapping[str, set[str]], verb_rests: frozenset[str]
) -> bool:
    """True for a half-space spelling می‌X or نمی‌X that is no verb: X is not a verb form, no
    lexicon lists the spelling and X alone is far more frequent (ماه می‌سال، می‌به)."""
    prefix, _, rest = form.partition(ZWNJ)
    if prefix not in VERB_PREFIXES or not rest or rest.replace(ZWNJ, "") in verb_rests:
        return False
    if flags.get(form):
        return False  # a lexicon or the wordfreq list has it: colloquial می‌تونیم is a verb
    one_word = count.get(form, 0.0) + count.get(form.replace(ZWNJ, ""), 0.0)
    return one_word < STRAY_PREFIX_SHARE * count.get(rest, 0.0)


def detached_comparative(key: str, count: Mapping[str, float], flags: Mapping[str, set[str]]) -> str | None:
    """The half-space spelling of a glued comparative or superlative (قشنگترین، خوشگلتر) of an
    adjective Lilak lists, where Lilak does not list the glued word itself (کلانتر "sheriff",
    مستتر "hidden" are words of their own). The lexicalized comparatives the standard writes glued
    (بیشتر، کمتر، بهتر، مهتر، کهتر) have stems that are no adjective of three letters or more, so
    they stay as they are."""
    if flags.get(key, set()) & STANDARD:
        return None
    for suffix in ("ترین", "تر"):
        stem = key[: -len(suffix)]
        if (
            key.endswith(suffix)
            and len(stem) >= 3
            and joins(stem[-1])
            and "A" in flags.get(stem, set())
            and count.get(key, 0.0) * COMPARATIVE_STEM_RATIO <= count.get(stem, 0.0)
        ):
            return stem + ZWNJ + suffix
    return None
