"""How well an English (Latin-script) form can be a romanization of a Persian name.

Persian writes consonants and long vowels; short vowels are left out (سلیمانی: s-l-y-m-a-n-y, read
Soleymani, Soleimani or Suleimani). So the score aligns the Persian letters with the English
letters, each Persian letter spelling one of the Latin strings romanizations use for it (ق: q, gh,
k, g; ی: y, i, ey, ei, ai ...), and lets English vowels stand between them almost for free. Any
other English letter, Persian letter left over, or letter spelled outside its table costs about
one consonant. The cost is scaled by the number of consonants the two forms hold, so a score of
1 is a perfect romanization and 0 nothing alike.

Both sides are first reduced to comparable strings: Persian without diacritics, letter variants
folded; English lower case, without accents or apostrophes (ʿAbbās → abbas), with doubled letters
written once (Hassan → hasan: Persian marks gemination only with a diacritic) and x as ks.

A consonant-class skeleton (`romanization_skeleton_fa`, `romanization_skeleton_en`) gives a cheap first test, so the
alignment runs only for pairs whose consonants overlap. The cost is computed by a compiled core
(_translit.c) where setup.py could build it, with the same result to the last bit as the Python here.
"""
from __future__ import annotations

import re
import unicodedata
from array import array
from functools import lru_cache

from ..persian.script import ROMANIZATION_FOLD, ZWNJ

# --- Persian: folding --------------------------------------------------------------------------

def _by_code_point(mapping: dict[int, str | None]) -> list[str | None]:
    """A str.translate table as a list indexed by code point, up to the highest one mapped. Given
    a dict, translate asks it for every character, and one it lacks raises a KeyError inside (most
    letters of a Persian word are in no fold: an exception a letter); a list answers every
    character below its length, and one past it raises IndexError, which translate takes as the
    dict's KeyError (the character kept). The same text comes out."""
    table: list[str | None] = [chr(c) for c in range(max(mapping) + 1)]
    for c, to in mapping.items():
        table[c] = to
    return table


_FA_FOLD = _by_code_point(str.maketrans(ROMANIZATION_FOLD))


def romanization_fold_fa(text: str, keep_madda: bool = False) -> str:
    """Persian text reduced for comparison: no diacritics, one form per letter, hamza dropped.

    ZWNJ and spaces are kept, so the caller decides where words end. آ becomes ا for sound
    comparison; `keep_madda` keeps it for word lookups, where it tells words apart (آمور Amur,
    امور affairs).
    """
    if keep_madda and "آ" in text:
        return "آ".join(part.translate(_FA_FOLD) for part in text.split("آ"))
    return text.translate(_FA_FOLD)


# --- Persian letters and the Latin strings that romanize them ----------------------------------

# (latin, cost) options per letter. Cost 0 for the usual romanizations, a little more for the
# ones used by some systems or languages (ژ as g in French names, ق as g in Egyptian ones).
_O = tuple[tuple[str, float], ...]


def _opts(spec: str) -> _O:
    """'q gh:.1 k:.2' → (('q', 0.0), ('gh', 0.1), ('k', 0.2)); '-' is the empty string."""
    out = []
    for item in spec.split():
        latin, _, cost = item.partition(":")
        out.append(("" if latin == "-" else latin, float(cost or 0)))
    return tuple(out)


LETTERS: dict[str, _O] = {
    "ا": _opts("a -:.3 e:.3 o:.3"),
    "ب": _opts("b p:.5 v:.6"),
    "پ": _opts("p b:.4"),
    "ت": _opts("t d:.6"),
    "ث": _opts("s th t:.3"),
    "ج": _opts("j g:.2 dj:.1 dz:.4 zh:.4 c:.3 y:.6"),  # c: Turkish spelling (Recep رجب, Cemal)
    "چ": _opts("ch c:.3 tch:.1 tsch:.2 cz:.3 q:.3 tz:.5"),
    "ح": _opts("h -:.3 kh:.6"),
    "خ": _opts("kh h:.3 ch:.3 k:.4 j:.6"),
    "د": _opts("d dh:.3 t:.6"),
    "ذ": _opts("z dh th:.2 d:.3 s:.5"),
    "ر": _opts("r"),
    "ز": _opts("z s:.2 dh:.5 ts:.5"),
    "ژ": _opts("zh j:.1 g:.3 z:.4 s:.5"),
    "س": _opts("s c:.2 z:.4 th:.5 ts:.6"),
    "ش": _opts("sh sch:.1 ch:.2 s:.4 x:.5 sz:.4"),
    "ص": _opts("s z:.5 ts:.6"),
    "ض": _opts("z d:.1 dh:.1"),
    "ط": _opts("t d:.6"),
    "ظ": _opts("z dh:.1 th:.2 d:.3"),
    "ع": _opts("- a:.2 e:.2"),  # ʿayn is silent or an apostrophe, which the English side drops
    "غ": _opts("gh g:.1 q:.2 kh:.4 r:.6"),
    "ف": _opts("f ph v:.3"),
    "ق": _opts("q gh:.1 k:.2 g:.2 c:.3 kh:.6"),
    "ک": _opts("k c:.1 ck ch:.3 q:.3 g:.5"),
    "گ": _opts("g gu:.3 k:.4 gh:.3"),
    "ل": _opts("l"),
    "م": _opts("m n:.5"),
    "ن": _opts("n m:.3"),
    "و": _opts("v w u o ou:.1 ow:.1 au:.3 eu:.3 -:.4 oo:.1 f:.6"),
    "ه": _opts("h -:.6 e:.4 a:.5"),
    "ی": _opts("y i e:.1 ey ei ai ay ie:.1 ee:.1 ea:.3 a:.3 -:.5 j:.6"),  # a: the long a of Kate, Chase
}
# ا at the start of a word carries whatever vowel the word begins with (ایران Iran, امید Omid,
# اسلام Islam, اروپا Europe).
WORD_INITIAL_ALEF = _opts("a e i o u -:.1 ea:.3 eu:.3 au:.3")
# Final ی is the vowel -i of most surnames and adjectives (سلیمانی), rarely left unwritten.
WORD_FINAL_YEH = _opts("i y ee:.1 ey:.1 e:.2 ie:.1 ai:.3 ay:.3 -:.8")
# Final ه is usually silent or the vowel -e/-a (ساوه Saveh, Sāveh; مکه Mecca).
WORD_FINAL_HE = _opts("h - e a eh ah")
# ی between two vowel letters is often the seat of a hamza marking hiatus, folded from ئ (مائو
# Mao, پائولو Paulo, لوئیز Louis): no sound of its own, so it may be left unspelled for free.
HIATUS_YEH = _opts("- y i e:.1 ey ei ai ay ie:.1 ee:.1 a:.3")
# The Arabic article ال before a name: al-, el-, ul-, or a vowel before an assimilated sun letter
# (الزور az-Zawr, ez-Zor: the doubled consonant is written once on the English side).
ARTICLE = _opts("al el ul:.1 il:.1 ol:.1 a:.1 e:.1 u:.2 o:.2 i:.2 -:.25")

_VOWELS = frozenset("aeiou")
# What an English letter costs when no Persian letter accounts for it: short vowels are not
# written in Persian; h, w and y are often parts of digraphs or glides.
_INSERT = {**{v: 0.1 for v in "aeiou"}, "y": 0.3, "h": 0.4, "w": 0.4}
_OTHER = 1.0
# A final English vowel is written in Persian (ا، ه، و، ی), except a silent -e (Rome رم).
_FINAL_VOWEL_COST = {"a": 0.4, "i": 0.4, "o": 0.4, "u": 0.4}
DELETE = 1.0  # a Persian consonant the English form does not spell
SUBSTITUTE = 0.9  # a Persian consonant spelled by a letter outside its table

# Letters that carry a consonant of the name (for scaling the cost); ا و ی ع are mostly vowels
# or silent in names, and so is ه at the end of a word.
_WEAK_FA = frozenset("اوعی")


_WORD_BREAK = re.compile(f"[\\s{ZWNJ}]+")
_GEMINATION = re.compile(r"([^اوی])\1+")


def _first_group(match: re.Match) -> str:
    """A doubled letter's run, written once: what the template of group 1 gives, without the
    Python that re.sub runs for a template at every call (re._subx: the template looked up, a
    closure made, and a Python call a match)."""
    return match.group(1)


@lru_cache(maxsize=1 << 16)
def fa_units(folded: str) -> tuple[tuple[_O, ...], float]:
    """The option lists for each letter of a folded Persian name, and its consonant weight."""
    units: list[_O] = []
    weight = 0.0
    for word in _WORD_BREAK.split(folded):
        word_units, word_weight = _word_units(word)
        units += word_units
        weight += word_weight  # halves and ones: exact in any order
    return tuple(units), weight


@lru_cache(maxsize=1 << 16)
def _word_units(word: str) -> tuple[tuple[_O, ...], float]:
    """fa_units of one word: words recur in many names, so each is worked out once."""
    # A doubled consonant is gemination, written once in English too; و و and ی ی are two
    # sounds (کیوو Kivu).
    word = _GEMINATION.sub(_first_group, word)
    if not word:
        return (), 0.0
    units: list[_O] = []
    weight = 0.0
    i = 0
    if word.startswith("ال") and len(word) >= 4:
        units.append(ARTICLE)
        weight += 0.5
        i = 2
    elif word[0] == "ا":
        units.append(WORD_INITIAL_ALEF)
        i = 1
    for k in range(i, len(word)):
        ch = word[k]
        opts = LETTERS.get(ch)
        if opts is None:
            continue
        if k == len(word) - 1 and ch in "هی":
            opts = WORD_FINAL_HE if ch == "ه" else WORD_FINAL_YEH
        elif ch == "ی" and 0 < k and word[k - 1] in "اوی" and word[k + 1] in "اوی":
            opts = HIATUS_YEH
        units.append(opts)
        if ch not in _WEAK_FA and opts is not WORD_FINAL_HE:
            weight += 1.0
    return tuple(units), weight


# --- English ---------------------------------------------------------------------------------

_LATIN_DROP = re.compile(r"[^a-z]+")
_DOUBLE = re.compile(r"([a-z])\1+")
_EN_CONSONANT_SOUNDS = re.compile(r"sch|tch|sh|ch|kh|gh|th|ph|zh|dh|ck|[bcdfgjklmnpqrstvxz]")
# An Arabic article written before a name (al-Nujaba, el-Sisi, ad-Dawla, Al Jazeera): a form may
# be matched with or without it.
LEADING_ARTICLE = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az|ud|ul|ez|es|ed|er|et|ibn|bin)[-\s‐]+(?=\w)", re.I)


@lru_cache(maxsize=1 << 16)
def latin_key(text: str) -> str:
    """English form as compared: lower case ASCII letters only, doubles single, x as ks."""
    plain = text.lower()
    if not plain.isascii():  # (ASCII has no decompositions, combining marks or letters to fold)
        plain = unicodedata.normalize("NFKD", plain)
        plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
        plain = plain.replace("ø", "o").replace("æ", "ae").replace("ß", "ss").replace("ı", "i").replace("ł", "l")
    plain = _LATIN_DROP.sub("", plain).replace("x", "ks")
    return _DOUBLE.sub(_first_group, plain)


@lru_cache(maxsize=1 << 16)
def en_weight(key: str) -> float:
    return float(len(_EN_CONSONANT_SOUNDS.findall(key)))


@lru_cache(maxsize=1 << 14)
def en_variants(text: str) -> tuple[str, ...]:
    """Comparable keys of an English form: as written, and without a leading Arabic article."""
    keys = [latin_key(text)]
    stripped = LEADING_ARTICLE.sub("", text)
    if stripped != text:
        keys.append(latin_key(stripped))
    return tuple(k for k in keys if k)


# --- Alignment cost ---------------------------------------------------------------------------


def alignment_cost(units: tuple[_O, ...], en: str, limit: float = float("inf")) -> float:
    """Least cost of spelling `en` with the Persian letters' options (an edit distance).

    Costs only grow along the alignment, so states above `limit` are dropped and the search stops
    (returning infinity) once every state is above it.
    """
    m = len(en)
    ins = [_INSERT.get(ch, _OTHER) for ch in en]
    if m and en[-1] in _FINAL_VOWEL_COST:
        ins[-1] = _FINAL_VOWEL_COST[en[-1]]
    inf = float("inf")
    prev = [0.0] * (m + 1)
    for j in range(m):
        prev[j + 1] = prev[j] + ins[j]
    consonants, places = _en_places(en)
    for opts in units:
        # Each state of the row is the least of what reaches it, in whatever order the moves are
        # tried: a Persian letter dropped, or spelled by an English consonant outside its table,
        # or by one of its options, found where that option's letters stand in the English form.
        cur = [base + DELETE if base <= limit else inf for base in prev]
        for j in consonants:
            base = prev[j]
            if base <= limit and base + SUBSTITUTE < cur[j + 1]:
                cur[j + 1] = base + SUBSTITUTE
        for latin, cost in opts:
            step = len(latin)
            starts = (places.get(latin) or _starts(en, latin, places)) if step else range(m + 1)
            for j in starts:
                base = prev[j]
                if base <= limit and base + cost < cur[j + step]:
                    cur[j + step] = base + cost
        for j in range(m):
            if cur[j] + ins[j] < cur[j + 1]:
                cur[j + 1] = cur[j] + ins[j]
        if min(cur) > limit:
            return inf
        prev = cur
    return prev[m]


@lru_cache(maxsize=1 << 14)
def _en_places(en: str) -> tuple[tuple[int, ...], dict[str, tuple[int, ...]]]:
    """Where a Persian letter's options may spell part of an English key: the positions of its
    consonants (spelled by any letter at a substitution's cost), and where each option's letters
    start, filled in as options are asked for."""
    return tuple(j for j, ch in enumerate(en) if ch not in _VOWELS), {}


def _starts(en: str, latin: str, places: dict[str, tuple[int, ...]]) -> tuple[int, ...]:
    """Where `latin` starts in `en`, kept in `places`."""
    starts = []
    at = en.find(latin)
    while at >= 0:
        starts.append(at)
        at = en.find(latin, at + 1)
    places[latin] = found = tuple(starts)
    return found


# English letters that cost little when no Persian letter spells them (vowels, h, w, y); any
# other costs at least SUBSTITUTE.
_CHEAP_INSERTS = frozenset(ch for ch, cost in _INSERT.items() if cost < SUBSTITUTE)
# The Persian letters whose options write each Latin letter. The options at a word's start or
# end, and the article's, add only vowels, h, y and the l of ل.
_SPELLED_BY: dict[str, frozenset[str]] = {
    ch: frozenset(letter for letter, opts in LETTERS.items() if any(ch in latin for latin, _ in opts))
    for ch in "abcdefghijklmnopqrstuvwxyz"
}


def _least_cost(folded_fa: str, en_key: str) -> float:
    """A lower bound of alignment_cost, cheap to compute: each English letter that no letter of
    the Persian form writes, and that is no vowel, h, w or y, is substituted or inserted."""
    written_by = _SPELLED_BY.get
    unwritten = [ch for ch in en_key if ch not in _CHEAP_INSERTS and written_by(ch, frozenset()).isdisjoint(folded_fa)]
    return SUBSTITUTE * len(unwritten)


# --- The compiled cost (_translit.c) -------------------------------------------------------------

# Every option list a Persian letter may take, in the order the compiled cost numbers them.
_OPTION_LISTS: tuple[_O, ...] = (
    *LETTERS.values(), WORD_INITIAL_ALEF, WORD_FINAL_YEH, WORD_FINAL_HE, HIATUS_YEH, ARTICLE
)
_OPTION_CODE = {id(opts): code for code, opts in enumerate(_OPTION_LISTS)}
# The English letters each Persian letter's options write, as bits (chr(97 + k) is bit k).
_WRITES = {
    letter: sum(1 << k for k, ch in enumerate("abcdefghijklmnopqrstuvwxyz") if any(ch in latin for latin, _ in opts))
    for letter, opts in LETTERS.items()
}


@lru_cache(maxsize=1 << 16)
def _compiled_form(folded_fa: str) -> tuple[bytes, int]:
    """A folded Persian form as the compiled cost takes it: the code of each letter's option list
    (fa_units), and the English letters its letters write (what _least_cost asks of _SPELLED_BY)."""
    codes = bytes(_OPTION_CODE[id(opts)] for opts in fa_units(folded_fa)[0])
    written = 0
    for letter in set(folded_fa):
        written |= _WRITES.get(letter, 0)
    return codes, written


def _python_cost(folded_fa: str, en_key: str, limit: float) -> float:
    """What the compiled cost gives: infinity when _least_cost is over `limit`, else alignment_cost."""
    if _least_cost(folded_fa, en_key) > limit:
        return float("inf")  # below the floor whatever the alignment: most pairs tried end here
    return alignment_cost(fa_units(folded_fa)[0], en_key, limit)


def _compiled_cost(folded_fa: str, en_key: str, limit: float) -> float:
    codes, written = _compiled_form(folded_fa)
    cost = _translit.cost(codes, written, en_key, limit)
    return _python_cost(folded_fa, en_key, limit) if cost is None else cost  # None: a key not in ASCII


try:  # built by setup.py where a C compiler is found; optional, since the Python gives the same costs
    from . import _translit
except ImportError:
    _translit = None
if _translit is not None:
    _ascii = [chr(c) for c in range(128)]
    _translit.set_tables(
        [list(opts) for opts in _OPTION_LISTS],
        array("d", (_INSERT.get(ch, _OTHER) for ch in _ascii)).tobytes(),
        array("d", (_FINAL_VOWEL_COST.get(ch, _INSERT.get(ch, _OTHER)) for ch in _ascii)).tobytes(),
        bytes(ch in _VOWELS for ch in _ascii),
        bytes(ch in _CHEAP_INSERTS for ch in _ascii),
        DELETE,
        SUBSTITUTE,
    )
COMPILED = _translit is not None
_cost = _compiled_cost if COMPILED else _python_cost


@lru_cache(maxsize=1 << 17)
def score_keys(folded_fa: str, en_key: str, floor: float = 0.0) -> float:
    """Score of two reduced forms; with `floor`, any score below it may come back as 0."""
    units, fa_weight = fa_units(folded_fa)
    if not units or not en_key:
        return 0.0
    scale = max(2.0, (fa_weight + en_weight(en_key)) / 2)
    limit = (1.0 - floor) * scale if floor > 0 else float("inf")
    # Over `limit` the cost is infinite, and the score 0: below the floor.
    return max(0.0, 1.0 - _cost(folded_fa, en_key, limit) / scale)


def transliteration_score(fa: str, en: str) -> float:
    """0..1: how well the English form `en` romanizes the Persian form `fa`.

    >>> transliteration_score("سلیمانی", "Soleymani") > 0.9
    True
    >>> transliteration_score("سلیمانی", "Syria") < 0.5
    True
    """
    folded = romanization_fold_fa(fa).strip()
    best = 0.0
    for key in en_variants(en):
        # An article the English adds (al-Nujaba for نجباء) costs a little, not two consonants.
        penalty = 0.0 if key == latin_key(en) else 0.03
        best = max(best, score_keys(folded, key) - penalty)
    return best


# --- Skeletons: the cheap first test ------------------------------------------------------------

# Consonant classes wide enough that any romanization of a Persian letter falls in its class.
_FA_CLASS = _by_code_point(str.maketrans(
    {
        "ب": "b", "پ": "b", "ف": "f", "ت": "t", "ط": "t", "د": "t", "ث": "s", "س": "s", "ص": "s",
        "ز": "s", "ذ": "s", "ض": "s", "ظ": "s", "ج": "j", "چ": "j", "ژ": "j", "ش": "c", "خ": "k",
        "ق": "k", "ک": "k", "گ": "k", "غ": "k", "ر": "r", "ل": "l", "م": "m", "n": "n", "ن": "n",
        "ا": None, "و": None, "ه": None, "ی": None, "ع": None, "ح": None, " ": None, ZWNJ: None,
    }
))
_EN_CLASS_RE = re.compile(r"sch|tch|sh|ch|kh|gh|th|ph|zh|dh|dj|ck|c(?=[eiy])|[a-z]")
# ch (چ Charles, خ Bachmann, ش Kirchner, ک Christ), g (گ, ج George, ژ Georges) and th (ث, ت
# Thomas) have no one class: they stay out of the skeleton and the alignment decides.
_EN_CLASS = {
    "sch": "c", "sh": "c", "tch": "j", "kh": "k", "gh": "k", "ph": "f",
    "zh": "j", "dh": "s", "dj": "j", "ck": "k", "c": "k", "q": "k", "x": "k", "b": "b",
    "p": "b", "f": "f", "v": "f", "t": "t", "d": "t", "s": "s", "z": "s", "j": "j", "k": "k",
    "r": "r", "l": "l", "m": "m", "n": "n",
}


@lru_cache(maxsize=1 << 16)
def romanization_skeleton_fa(folded: str) -> frozenset[str]:
    return frozenset(folded.translate(_FA_CLASS)) - {"ح"}


@lru_cache(maxsize=1 << 16)
def romanization_skeleton_en(key: str) -> frozenset[str]:
    out = set()
    for m in _EN_CLASS_RE.finditer(key):
        s = m.group()
        if s == "c" and len(s) == 1 and key[m.end() : m.end() + 1] in ("e", "i", "y"):
            out.add("s")
        elif s in _EN_CLASS:
            out.add(_EN_CLASS[s])
    return frozenset(out)


_SKELETON_BITS: dict[str, int] = {}  # consonant class -> its bit, given out as classes are met


@lru_cache(maxsize=1 << 16)
def skeleton_bits(skeleton: frozenset[str]) -> int:
    """A skeleton as an int, one bit a class: a hot loop intersects and counts these with two
    integer operations (`(a & b).bit_count()` is len(A & B); `a | b` is A | B)."""
    bits = 0
    for ch in skeleton:
        bit = _SKELETON_BITS.get(ch)
        if bit is None:
            bit = _SKELETON_BITS[ch] = 1 << len(_SKELETON_BITS)
        bits |= bit
    return bits


def skeletons_overlap(fa: frozenset[str], en: frozenset[str]) -> bool:
    """Whether two skeletons share enough consonant classes to be worth aligning."""
    if not fa or not en:
        return False
    return 2 * len(fa & en) >= 0.9 * (len(fa) + len(en)) - 1


class Skeletons:
    """Skeletons of Persian forms (skeleton_bits, none empty) with the number of words of each, to
    be set against English ones many times: a unit's runs of words against each English name of
    the unit (the hottest test of the linker, compiled where _translit.c was built)."""

    __slots__ = ("bits", "sizes", "lengths", "_packed")

    def __init__(self, bits: list[int], lengths: list[int]) -> None:
        self.bits, self.lengths = bits, lengths
        self.sizes = [b.bit_count() for b in bits]
        self._packed: tuple[array, bytes, bytes] | None = None
        if _translit is not None:
            try:  # one machine word a skeleton, unless a text brought more classes than that
                self._packed = array("Q", bits), bytes(self.sizes), bytes(lengths)
            except (OverflowError, ValueError):
                pass

    def overlapping(self, en_bits: int, en_size: int, length: int) -> list[int]:
        """The indices, in order, of the skeletons of forms of one word more or less than `length`
        that skeletons_overlap an English skeleton, given as its bits and its size (not 0)."""
        if self._packed is not None and en_bits < 1 << 64 and 0 <= length < 256:
            return _translit.overlapping(*self._packed, en_bits, en_size, length)
        return self._overlapping(en_bits, en_size, length)

    def _overlapping(self, en_bits: int, en_size: int, length: int) -> list[int]:
        return [k for k, (bits, size, words) in enumerate(zip(self.bits, self.sizes, self.lengths))
                if abs(words - length) <= 1
                and 2 * (bits & en_bits).bit_count() >= 0.9 * (size + en_size) - 1]  # fmt: skip


def word_runs(
    sentence: int, forms: list, runs: list, most: int, where: list, bits: list, lengths: list
) -> None:
    """The runs of words of a sentence that an English name may romanize, appended to `where`,
    `bits` and `lengths`: for each word i with a form (None for a word in no run), the runs
    words[i:j] of up to `most` words of one run id (`runs`), each with a form, whose consonant
    skeleton is not empty: (sentence, i, j), the skeleton's bits, j - i. A form is (…, …, the
    word's skeleton bits inside a run, at its end): a run's skeleton is its words' inside bits
    and its last word's end bits together. Compiled where _translit.c was built."""
    if _translit is not None:
        _translit.word_runs(sentence, forms, runs, most, where, bits, lengths)
        return
    _word_runs(sentence, forms, runs, most, where, bits, lengths)


def _word_runs(sentence: int, forms: list, runs: list, most: int, where: list, bits: list, lengths: list) -> None:
    count = len(forms)
    for i, form in enumerate(forms):
        if form is None:
            continue
        run_id = runs[i]
        run = 0  # the skeletons of words[i:j] together
        for j in range(i, min(count, i + most)):
            form = forms[j]
            if form is None or runs[j] != run_id:
                break
            skeleton = run | form[3]
            if skeleton:
                where.append((sentence, i, j + 1))
                bits.append(skeleton)
                lengths.append(j + 1 - i)
            run |= form[2]


# The names of the Latin letters as Persian writes them, to read an acronym spelled out letter by
# letter (آر‌ان‌ای RNA, اف‌بی‌آی FBI, سی‌ان‌ان CNN). ای is A or E; جی G or J.
LETTER_NAMES: dict[str, tuple[str, ...]] = {
    "ای": ("a", "e"), "اِی": ("a",), "بی": ("b",), "سی": ("c",), "دی": ("d",), "اف": ("f",),
    "جی": ("g", "j"), "اچ": ("h",), "اِچ": ("h",), "آی": ("i",), "جِی": ("j",), "کی": ("k",), "کِی": ("k",),
    "ال": ("l",), "اِل": ("l",), "ام": ("m",), "اِم": ("m",), "ان": ("n",), "اِن": ("n",), "او": ("o",),
    "پی": ("p",), "کیو": ("q",), "آر": ("r",), "اس": ("s",), "اِس": ("s",), "تی": ("t",), "یو": ("u",),
    "وی": ("v",), "دبلیو": ("w",), "ایکس": ("x",), "اکس": ("x",), "وای": ("y",), "زد": ("z",), "زی": ("z",),
}  # fmt: skip
_LETTER_SEPARATORS = re.compile(f"[{ZWNJ}\\-‐.]+")


def spelled_acronyms(word: str, limit: int = 16) -> frozenset[str]:
    """The acronyms (lower case) a Persian word may spell letter by letter, its letter names
    joined by half-spaces or hyphens (آر‌ان‌ای: rna), or none: two letters at least."""
    parts = [p for p in _LETTER_SEPARATORS.split(word) if p]
    if len(parts) < 2 or any(p not in LETTER_NAMES for p in parts):
        return frozenset()
    spellings = [""]
    for part in parts:
        spellings = [s + letter for s in spellings for letter in LETTER_NAMES[part]][:limit]
    return frozenset(spellings)
