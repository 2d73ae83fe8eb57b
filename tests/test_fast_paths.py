"""Fast paths against the plain computations they stand for (hypothesis): the transliteration cost
(names/translit.py alignment_cost), which only visits the places where an option's letters stand,
against an edit-distance DP that tries every move at every position; skeletons as bits against
skeletons as sets; fold_english's ASCII shortcut against Unicode decomposition; the names tests'
memo of rendered words against asking again."""
from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from hamsu.check import numerals
from hamsu.matching import ARABIC_LETTERS, ARABIC_MARKS, ZWNJ, fold_english
from hamsu.names import presence
from hamsu.names.presence import english_side, persian_side
from hamsu.names.translit import (
    _FINAL_VOWEL_COST,
    _INSERT,
    _OTHER,
    _VOWELS,
    DELETE,
    LETTERS,
    SUBSTITUTE,
    alignment_cost,
    fa_units,
    latin_key,
    romanization_fold_fa,
    score_keys,
    skeleton_bits,
)


def reference_cost(units, en: str, limit: float = float("inf")) -> float:
    """Row by row, position by position, every move tried: drop the Persian letter, spell it by
    any consonant at SUBSTITUTE, or by each of its options where the English continues with it;
    then English letters no Persian letter spells, each at its insertion cost."""
    m = len(en)
    ins = [_INSERT.get(ch, _OTHER) for ch in en]
    if m and en[-1] in _FINAL_VOWEL_COST:
        ins[-1] = _FINAL_VOWEL_COST[en[-1]]
    inf = float("inf")
    prev = [0.0] * (m + 1)
    for j in range(m):
        prev[j + 1] = prev[j] + ins[j]
    for opts in units:
        cur = [inf] * (m + 1)
        for j in range(m + 1):
            base = prev[j]
            if base > limit:
                continue
            cur[j] = min(cur[j], base + DELETE)
            if j < m and en[j] not in _VOWELS:
                cur[j + 1] = min(cur[j + 1], base + SUBSTITUTE)
            for latin, cost in opts:
                if en.startswith(latin, j):
                    cur[j + len(latin)] = min(cur[j + len(latin)], base + cost)
        for j in range(m):
            cur[j + 1] = min(cur[j + 1], cur[j] + ins[j])
        if min(cur) > limit:
            return inf
        prev = cur
    return prev[m]


PERSIAN = st.lists(st.sampled_from(sorted(LETTERS) + [" ", "ال"]), min_size=1, max_size=14).map("".join)
ENGLISH = st.lists(st.sampled_from(list("abcdefghijklmnopqrstuvwxyz") + ["aeiou", "sh", "kh", "ch", "al-"]),
                   max_size=16).map("".join)  # fmt: skip
LIMITS = st.one_of(st.just(float("inf")), st.floats(0.0, 8.0))


@settings(max_examples=400)
@given(PERSIAN, ENGLISH, LIMITS)
def test_the_same_cost_as_the_plain_dp(persian, english, limit):
    units, _ = fa_units(romanization_fold_fa(persian))
    key = latin_key(english)
    assert alignment_cost(units, key, limit) == reference_cost(units, key, limit)


def test_real_names_cost_the_same():
    pairs = [("سلیمانی", "Soleymani"), ("قاسم", "Qasem"), ("الزور", "az-Zawr"), ("پائولو", "Paulo"),
             ("کیوو", "Kivu"), ("سلیمانی", "Salman"), ("برژینسکی", "Brzezinski"), ("مکه", "Mecca")]  # fmt: skip
    for persian, english in pairs:
        units, _ = fa_units(romanization_fold_fa(persian))
        for limit in (float("inf"), 2.0, 0.5):
            assert alignment_cost(units, latin_key(english), limit) == reference_cost(units, latin_key(english), limit)
    assert score_keys(romanization_fold_fa("سلیمانی"), latin_key("Soleymani")) > 0.9


SKELETON = st.frozensets(st.sampled_from(list("bftsjckrlmnpqxyz") + ["ئ", "ة", "ح"]), max_size=8)


@given(SKELETON, SKELETON)
def test_skeleton_bits_count_and_intersect_as_the_sets_do(a, b):
    assert skeleton_bits(a).bit_count() == len(a)
    assert (skeleton_bits(a) & skeleton_bits(b)).bit_count() == len(a & b)
    assert (skeleton_bits(a) | skeleton_bits(b)) == skeleton_bits(a | b)


@given(st.text(max_size=30))
def test_fold_english_as_decomposition_has_it(text):
    decomposed = unicodedata.normalize("NFKD", text)
    assert fold_english(text) == "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def test_rendered_words_are_remembered_per_side_with_the_same_answers():
    persian = persian_side("سردار قاسم سلیمانی در بغداد کشته شد و ترامپ گفت")
    words = ["Soleimani", "Baghdad", "Trump", "Paris", "General", "Qasem"]
    first = [presence._english_word_rendered(w, persian) for w in words]
    # each word asked once (a compound's parts, tried for a word not otherwise rendered, too)
    assert {(w, True, True) for w in words} <= set(persian.rendered)
    assert all(compound or len(word) < len(max(words, key=len)) for word, _, compound in persian.rendered)
    assert first == [presence._english_word_rendered(w, persian) for w in words]
    assert first == [presence._english_word_rendered_here(w, persian) for w in words]
    assert first[:4] == [True, True, True, False]  # Paris is nowhere in the Persian
    english = english_side("General Qasem Soleimani was killed in Baghdad")
    fa_words = persian.words
    answers = [presence._persian_word_rendered(w, english) for w in fa_words]
    assert answers == [presence._persian_word_rendered_here(w, english) for w in fa_words]
    assert len(english.rendered) == len({(w.text, w.latin, w.key, w.base) for w in fa_words})
    # a name as a whole: presence and swapped_parts ask the side about the same name
    names = ["Qasem Soleimani", "Donald Trump", "Baghdad Paris", "St. Louis"]
    wholes = [presence._whole_english_rendered(n, presence.name_words(n, "en"), persian) for n in names]
    assert set(persian.whole) == set(names)
    assert wholes == [presence._whole_english_rendered(n, presence.name_words(n, "en"), persian) for n in names]
    assert wholes == [presence._whole_english_rendered_here(n, presence.name_words(n, "en"), persian)
                      for n in names]  # fmt: skip


_WORDS_FA = sorted(numerals._FA_COUNTING | {"کتاب", "ده‌ها", "سه‌بعدی", "دوم", "برابر", "این", "هر", "هزاران", "سومین"})
_WORDS_EN = sorted(numerals._EN_COUNTING | set(numerals._ROMAN) | {"Iran", "the", "Latter", "XIV", "Twenty", "A"})
FA_WORDS = st.one_of(st.sampled_from(_WORDS_FA), st.text("سهدوکتابیانش\u200c", min_size=1, max_size=8))
EN_WORDS = st.one_of(st.sampled_from(_WORDS_EN), st.text("aAbcdeIXVLhnotw", min_size=1, max_size=8))
TOKENS = st.one_of(
    st.builds(lambda w: numerals._Token("fa", w, 0, len(w)), FA_WORDS),
    st.builds(lambda w: numerals._Token("en", w, 0, len(w)), EN_WORDS),
)


@given(TOKENS, st.one_of(st.none(), TOKENS), st.one_of(st.none(), TOKENS), st.sampled_from(["fa", "en"]))
def test_words_outside_the_number_words_are_no_part_of_a_number(token, before, after, lang):
    skipped = (token.kind == "fa" and token.text not in numerals._FA_COUNTING
               and numerals._number_prefixed(token.text) is None) or (
        token.kind == "en" and token.text not in numerals._ROMAN and token.text.lower() not in numerals._EN_COUNTING)
    if skipped:  # what numerals() appends for such a word without asking _classify
        assert numerals._classify(token, before, after, lang) is None


def reference_numeral_parts(text, tokens, lang):
    """numerals()'s parts as its plain loop made them: every token asked, a gap's None before it."""
    parts = []
    for k, tok in enumerate(tokens):
        prev = tokens[k - 1] if k else None
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        gap = text[prev.end : tok.start] if prev is not None else ""
        if gap and gap != " " and gap.strip(numerals._NO_GAP):
            parts.append(None)
        if tok.kind == "num":
            parts += numerals._digit_parts(text, tok, prev, nxt, lang)
        elif tok.kind == "mark":
            if not (tok.text == "+" and prev is not None and prev.kind == "num" and prev.end == tok.start):
                parts.append(None)
        else:
            parts.append(numerals._classify(tok, prev, nxt, lang))
    return parts


# The tokens as one match object a token gives them (what numerals._tokens works out from lengths).
REFERENCE_TOKEN = re.compile(
    rf"(?P<num>{numerals._DIGITS})|(?P<fa>[{ARABIC_LETTERS}{ARABIC_MARKS}{ZWNJ}]+)|(?P<en>[A-Za-z]+)|(?P<mark>\S)"
)


def reference_tokens(text):
    out = []
    for m in REFERENCE_TOKEN.finditer(text.translate(numerals.ASCII_DIGITS)):
        kind = m.lastgroup or "mark"
        word = numerals._fa_word(m.group()) if kind == "fa" else m.group()
        out.append(numerals._Token(kind, word, m.start(), m.end()))
    return out


def reference_numerals(text, lang, exclude=()):
    """numerals() without its fast paths: the plain parts, grouped as _compounds groups them."""
    tokens = reference_tokens(text)
    excluded = set(exclude) | {m.span() for m in numerals._URL.finditer(text)}
    tokens = [t for t in tokens if not any(s < t.end and t.start < e for s, e in excluded)]
    tokens = [t for k, t in enumerate(tokens) if not (
        t.text in numerals._HYPHENS and 0 < k < len(tokens) - 1 and tokens[k - 1].kind == tokens[k + 1].kind == "en"
        and tokens[k - 1].end == t.start and t.end == tokens[k + 1].start)]  # fmt: skip
    found = []
    for group in numerals._compounds(reference_numeral_parts(text, tokens, lang)):
        found.append((numerals._combine(group), group[0].token.start, group[-1].token.end))
    return found


NUMBER_TEXT_PIECES = sorted(numerals._FA_COUNTING | numerals._EN_COUNTING | set(numerals._ROMAN)) + [
    "کتاب", "ده‌ها", "سه‌بعدی", "این", "هر", "Iran", "the", "latter", "COVID", "$", "+", "-", "–", "/", ":", ".",
    ",", "(", ")", "\n", " ", "  ", "12", "۱۲", "٣", "1.500", "2,5", "10:30", "۲/۵", "3rd", "5m", "km", "https://x.y/1",
    "twenty-one", "forty\u2010two", "10-15", "a@b.co",
]  # fmt: skip
NUMBER_TEXTS = st.lists(st.sampled_from(NUMBER_TEXT_PIECES), max_size=14).map(" ".join) | st.lists(
    st.sampled_from(NUMBER_TEXT_PIECES), max_size=14).map("".join)


@settings(max_examples=500)
@given(NUMBER_TEXTS, st.sampled_from(["fa", "en"]), st.lists(st.tuples(st.integers(0, 40), st.integers(0, 6)),
                                                              max_size=2))  # fmt: skip
def test_numerals_read_as_the_plain_loop_reads_them(text, lang, spans):
    # Only the tokens that may count are visited (a run of Nones is one None), the hyphen rule only
    # where a hyphen is; spans left out (dates) and addresses move no token's reading.
    exclude = [(start, start + length) for start, length in spans]
    assert numerals._tokens(text)[0] == tuple(reference_tokens(text))
    assert [(n.values, n.start, n.end) for n in numerals.numerals(text, lang, exclude, numerals.NUMBERS)] == \
        reference_numerals(text, lang, exclude)


@settings(max_examples=500)
@given(st.text(alphabet="ab 1.2,-+بی\n", max_size=30),
       st.lists(st.tuples(st.integers(-2, 35), st.integers(-2, 35)), max_size=4))  # fmt: skip
def test_tokens_outside_spans_found_by_bisection_are_those_no_span_overlaps(text, spans):
    tokens = numerals._tokens(text)[0]
    assert numerals._outside(tokens, sorted(spans)) == [
        not any(s < t.end and t.start < e for s, e in spans) for t in tokens
    ]


@given(st.text(alphabet="0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩abc سلام.,", max_size=30))
def test_ascii_digits_is_the_translation(text):
    assert numerals.ascii_digits(text) == text.translate(numerals.ASCII_DIGITS)


def reference_romanized_in(key, persian):
    """presence._romanized_in with skeletons as sets and every run's weight read in the loop."""
    skeleton = presence.romanization_skeleton_en(key)
    weight = presence.en_weight(key)
    for folded, fa_skeleton, common in persian.runs:
        shared = len(fa_skeleton & skeleton)
        if not shared or 2 * shared < min(len(fa_skeleton), len(skeleton)):
            continue
        units, fa_weight = fa_units(folded)
        if not units or abs(weight - fa_weight) > max(2.0, weight):
            continue
        needed = presence.PRESENT_SCORE if min(weight, fa_weight) >= 3 else presence.SHORT_PRESENT_SCORE
        if common:
            needed = max(needed, presence.COMMON_PRESENT_SCORE)
        if score_keys(folded, key, needed - 0.01) >= needed:
            return True
    return False


def reference_derived_in(key, persian):
    stem = presence._ENGLISH_DERIVED.sub("", key)
    forms = {f for f in (key, stem) if len(f) >= presence.DERIVED_MIN}
    for w in persian.words:
        if w.latin or w.key in presence.STOPWORDS:
            continue
        base = presence._PERSIAN_ADJECTIVE.sub("", w.key)
        if base == w.key or len(base) < presence.DERIVED_MIN - 1:
            continue
        folded = romanization_fold_fa(base)
        ordinary = stem == key and presence._ordinary_persian_word(w)
        needed = presence.COMMON_PRESENT_SCORE if ordinary else presence.PRESENT_SCORE
        if any(score_keys(folded, f, needed - 0.01) >= needed for f in forms):
            return True
    return False


PERSIAN_SIDES = [
    "سردار قاسم سلیمانی در بغداد کشته شد و ترامپ گفت",
    "آیین بودایی و زبان کاتالونیایی در شهر کنگره",
    "خانه‌ای در تایوانی‌ها و مسیحیان ایتالیایی",
]
ENGLISH_KEYS = st.sampled_from(["soleimani", "trump", "budhism", "catalan", "kong", "taiwanese", "italian",
                                "christians", "baghdad", "general", "house", "paris"]) | st.text("abdeiklmnorstuy",
                                                                                                  max_size=10)


@settings(max_examples=300)
@given(st.sampled_from(PERSIAN_SIDES), ENGLISH_KEYS)
def test_romanization_runs_and_adjective_bases_read_once_answer_alike(text, key):
    persian = persian_side(text)
    assert presence._romanized_in(key, persian) == reference_romanized_in(key, persian)
    assert presence._derived_in(key, persian) == reference_derived_in(key, persian)
    assert set(persian.derived) <= {"romanization runs", "adjective bases", "adjective bases ordinary"}


SIDE_WORDS = ["کتاب", "سلام", "؟", "«", "»", "(", ")", '"', "Iran", "book", "?", "[", "]", "“", "”", "۱۲", "x" * 30]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(SIDE_WORDS), max_size=12).map(" ".join),
       st.lists(st.sampled_from(SIDE_WORDS), max_size=40).map(" ".join))  # fmt: skip
def test_length_ratio_and_punctuation_flag_as_the_plain_rule_does(fa, en):
    # The length-ratio rule builds no finding for a unit it accepts; punctuation looks for a
    # question mark by substring: the flags are those the plain Rule.check gives.
    from hamsu.check import RULES
    from hamsu.check.base import DocumentContext, Rule, UnitView
    from hamsu.read.aligned import aligned_pairs

    alignment = aligned_pairs([(fa, en)], "doc")
    for name in ("length-ratio", "punctuation"):
        rule = RULES[name]
        view = UnitView(0, alignment.units[0], DocumentContext(alignment))
        assert rule.check(view) == Rule.check(rule, view)
        if name == "punctuation":
            findings = rule.findings(view)
            asked = any(ch in "?؟" for ch in view.fa.text) != any(ch in "?؟" for ch in view.en.text)
            assert asked == any(f.message.startswith("question mark") for f in findings)


def reference_english_side(text):
    """presence.english_side as it read every word of every text afresh."""
    import re

    from hamsu.names.english import ARTICLES, PARTICLES
    from hamsu.names.generic import demonym_stems
    from hamsu.names.table import en_lookup_key

    words = [m.group() for m in presence._LATIN_TOKEN.finditer(text) if not m.group().isdigit()]
    words += [part for w in words if presence._GLUED.search(w) for part in presence._GLUED.sub(" ", w).split()]
    keys = tuple(latin_key(w) for w in words)
    roman = tuple(k for w, k in zip(words, keys) if len(k) >= 2 and w.lower() not in presence._NOT_NAMES
                  and (w[:1].isupper() or presence.en_weight(k) >= 3))  # fmt: skip
    roman += tuple(latin_key(stem) for w in words for stem in demonym_stems(w))
    pairs = tuple(latin_key(a + b) for a, b in zip(words, words[1:]) if a[:1].isupper() and b[:1].isupper())
    lookup = set()
    for i in range(len(words)):
        lookup.add(en_lookup_key(words[i]))
        if words[i].endswith("s") and len(words[i]) > 3:
            lookup.add(en_lookup_key(words[i][:-1]))
        for stem in demonym_stems(words[i]):
            lookup.add(en_lookup_key(stem))
        if not words[i][:1].isupper():
            continue
        for j in range(i + 2, min(len(words), i + presence.MAX_RUN) + 1):
            if not (words[j - 1][:1].isupper() or words[j - 1] in PARTICLES or words[j - 1] in ARTICLES):
                break
            lookup.add(en_lookup_key(" ".join(words[i:j])))
            for stem in demonym_stems(words[j - 1]):
                lookup.add(en_lookup_key(" ".join(words[i : j - 1] + [stem])))
    lower = frozenset(w.lower() for w in words)
    dictionary = presence._dictionary()
    stems = frozenset(dictionary[2](w) for w in lower) if dictionary else frozenset()
    capitals = "".join(w[0].lower() if w[:1].isupper() else "" if w.lower() in presence._SKIPPED else " "
                       for w in words)  # fmt: skip
    initials = frozenset(run[i:j] for run in capitals.split() for i in range(len(run))
                         for j in range(i + 2, len(run) + 1))  # fmt: skip
    bare = [re.sub(r"['’]s$", "", w) for w in words]
    acronyms = frozenset(w.lower() for w in bare if w.isupper() and 2 <= len(w) <= 6)
    return keys, roman, pairs, latin_key(" ".join(words)), frozenset(lookup), lower, stems, initials, acronyms, text


ENGLISH_FIELDS = ("keys", "roman", "pairs", "joined", "lookup", "lower", "stems", "initials", "acronyms", "text")


def english_fields(side, order=ENGLISH_FIELDS):
    """What an EnglishSide gives the tests, each field worked out as it is first read, in `order`."""
    read = {name: getattr(side, name) for name in order}
    return tuple(read[name] for name in ENGLISH_FIELDS)


ENGLISH_TEXT_WORDS = ["The", "Centers", "for", "Disease", "Control", "(CDC)", "WHO's", "South", "Korean", "Kurds",
                      "Bank", "of", "England", "Dayr", "al-Zawr", "AndroidGoogle", "Congolese", "Mrs", "nucleotide",
                      "mall", "19", "Jr", "II", "it's", "Iraqis", "Zoë", "St.", "Louis", "a", "and"]  # fmt: skip


@settings(max_examples=300)
@given(st.lists(st.sampled_from(ENGLISH_TEXT_WORDS) | st.text("aAbBkKrRsSu'’-", min_size=1, max_size=7),
                max_size=14).map(" ".join))  # fmt: skip
def test_english_side_read_word_by_word_is_the_same(text):
    assert english_fields(presence.english_side.__wrapped__(text)) == reference_english_side(text)
    # each field worked out on its own: the same whichever is read first
    side = presence.english_side.__wrapped__(text)
    assert english_fields(side, ENGLISH_FIELDS[::-1]) == reference_english_side(text)


def reference_swapped_parts(text, persian_text, english_text, skip=frozenset()):
    """presence.swapped_parts with every Persian word tested as an anchor first."""
    from hamsu.names.generic import generic_english
    from hamsu.records import FA

    words = presence.name_words(text, "en")
    persian = persian_side(persian_text)
    if len(words) < 2 or presence._whole_english_rendered(text, words, persian):
        return (), ()
    missing = [w for w in words if not presence._english_word_rendered(w, persian)]
    rendered = [w for w in words if w not in missing]
    missing = [w for w in missing if not w.isupper()]
    if not missing or not rendered:
        return (), ()
    english = english_side(english_text)
    words_fa = persian.words
    anchors = [i for i, w in enumerate(words_fa)
               if any(presence._persian_word_rendered(w, english_side(r)) for r in rendered)]  # fmt: skip
    left = []
    for i, w in enumerate(words_fa):
        if w.latin or w.key in presence.STOPWORDS or len(w.key) < 3 or i in anchors or w.key in skip or w.base in skip:
            continue
        if not any(abs(i - a) <= presence.SWAP_REACH for a in anchors):
            continue
        if not (any(stem in generic_english() for stem in w.stems) or presence.known_name(w.text, FA)):
            continue
        if not presence._persian_word_rendered(w, english):
            left.append(w.text)
    return (tuple(missing), tuple(dict.fromkeys(left))) if left else ((), ())


SWAP_PERSIAN = ["سازمان", "بهداشت", "جهانی", "ژاپن", "دانشگاه", "تهران", "در", "گفت", "کابل", "وزارت", "خارجه", "و"]
SWAP_NAMES = ["World Diagnostic Organization", "World Health Organization", "Tehran University",
              "Kabul Ministry", "Japan Foreign Office", "Health Diagnostic"]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(SWAP_NAMES), st.lists(st.sampled_from(SWAP_PERSIAN), min_size=1, max_size=8).map(" ".join))
def test_swapped_parts_asks_only_the_anchors_that_count(name, persian_text):
    english_text = f"The {name} said"
    assert presence.swapped_parts(name, persian_text, english_text) == \
        reference_swapped_parts(name, persian_text, english_text)


def reference_persian_side(text):
    """presence.persian_side as it read every word of every text afresh."""
    from hamsu.names.persian import STOPWORDS, is_common, words_of
    from hamsu.names.table import fa_lookup_key, name_table_data
    from hamsu.names.translit import romanization_skeleton_fa
    from hamsu.persian.normalize import normalize

    words = words_of(normalize(text))
    lookup = set()
    for i in range(len(words)):
        head = ""
        for j in range(i, min(len(words), i + presence.MAX_RUN)):
            if words[j].run != words[i].run:
                break
            lookup.update(head + stem for stem in words[j].stems)
            head += words[j].key
    latin_keys = [latin_key(w.text) for w in words if w.latin]
    latin_joined = latin_key(" ".join(w.text for w in words if w.latin))
    dictionary = presence._dictionary()
    content = frozenset(dictionary[3](w.text) for w in words if not w.latin) if dictionary else frozenset()
    runs = []
    table = name_table_data()
    for i, w in enumerate(words):
        if w.latin or w.key in STOPWORDS or len(w.key) < 2:
            continue
        folded = romanization_fold_fa(w.text.split("\u200c")[0] if w.base != w.key else w.text)
        common = is_common(w, table)
        runs.append((folded, romanization_skeleton_fa(folded), common))
        following = words[i + 1] if i + 1 < len(words) else None
        if following is not None and following.run == w.run and not following.latin and following.key not in STOPWORDS:
            pair = folded + " " + romanization_fold_fa(words[i + 1].text)
            runs.append((pair, romanization_skeleton_fa(pair), common and is_common(words[i + 1], table)))
    parts = {w.key for w in words} | {w.base for w in words}
    parts.update(fa_lookup_key(p) for w in words if "\u200c" in w.text for p in w.text.split("\u200c"))
    return words, frozenset(lookup), frozenset(latin_keys), latin_joined, frozenset(parts), content, tuple(runs)


PERSIAN_FIELDS = ("words", "lookup", "latin", "latin_joined", "parts", "content", "runs")


def persian_fields(side, order=PERSIAN_FIELDS):
    """What a PersianSide gives the tests, each field worked out as it is first read, in `order`."""
    read = {name: getattr(side, name) for name in order}
    return tuple(read[name] for name in PERSIAN_FIELDS)


PERSIAN_TEXT_WORDS = ["سردار", "قاسم", "سلیمانی", "در", "بغداد", "کره‌جنوبی", "ایران‌ها", "مصریان", "و", "از",
                      "زمین‌شناسی", "تورش", "Microsoft", "Office", "،", "(", "WHO", "آمریکایی", "خانه‌ای",
                      "ء"]  # fmt: skip


@settings(max_examples=300)
@given(st.lists(st.sampled_from(PERSIAN_TEXT_WORDS) | st.text("سلامکتبیرزنه\u200c", min_size=1, max_size=6),
                max_size=12).map(" ".join))  # fmt: skip
def test_persian_side_read_word_by_word_is_the_same(text):
    assert persian_fields(presence.persian_side.__wrapped__(text)) == reference_persian_side(text)
    # each field worked out on its own: the same whichever is read first
    side = presence.persian_side.__wrapped__(text)
    assert persian_fields(side, PERSIAN_FIELDS[::-1]) == reference_persian_side(text)


def reference_untranslated(unit):
    """UntranslatedRule.findings with every share counted and the copy keys always compared."""
    from hamsu.check.base import Finding, quoted
    from hamsu.check.untranslated import _LATIN_WORD, MIN_LETTERS, _copy_key, foreign_letters
    from hamsu.records import EN, FA

    def share(text, lang, carried):
        foreign, total = foreign_letters(text, lang, carried)
        return foreign / total if total >= MIN_LETTERS else 0.0

    alignment = unit.context.alignment
    out = []
    english_words = frozenset(w.casefold() for w in _LATIN_WORD.findall(unit.en.text))
    for lang, ids, sentences in ((EN, unit.unit.en, alignment.en), (FA, unit.unit.fa, alignment.fa)):
        carried = english_words if lang == FA else frozenset()
        bad = [(s, sentences[i]) for i in ids if (s := share(sentences[i].text, lang, carried)) > 0]
        if not bad:
            continue
        worst = max(s for s, _ in bad)
        spans = tuple((x.start, x.end) for s, x in bad if s == worst or s > 0.5)
        sentence = next(x for s, x in bad if s == worst)
        foreign, total = foreign_letters(sentence.text, lang, carried)
        where = "English side is in Persian script" if lang == EN else "Persian side is in Latin script"
        script = "Persian" if lang == EN else "Latin"
        out.append(Finding(worst, f"{where} ({worst:.0%} of its letters)", fa_spans=spans if lang == FA else (),
                           en_spans=spans if lang == EN else (),
                           evidence=f"{lang} {quoted(sentence.text)}: {foreign} of {total} letters in {script} script"))
    fa_key, en_key = _copy_key(unit.fa.text), _copy_key(unit.en.text)
    if fa_key == en_key and sum(ch.isalpha() for ch in fa_key) >= MIN_LETTERS:
        out.append(Finding(1.0, "English is a copy of the Persian", (unit.fa.whole,), (unit.en.whole,),
                           evidence=f"fa and en alike (case, spaces and punctuation aside): {quoted(unit.en.text)}"))
    return out


SCRIPT_WORDS = ["کتاب", "سلام", "ﻛﺘﺎﺏ", "ـ", "HCoV-229E", "Ryan", "M", "book", "Iran", "ایران", "Zoë", "ß", "SS", "12",
                "۱۲", "“", "”", "ª", "﷼"]  # fmt: skip
SCRIPT_TEXTS = st.lists(st.sampled_from(SCRIPT_WORDS), max_size=8).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(SCRIPT_TEXTS, SCRIPT_TEXTS)
def test_untranslated_counts_only_where_a_foreign_letter_is(fa, en):
    from hamsu.check import RULES
    from hamsu.check.base import DocumentContext, UnitView
    from hamsu.read.aligned import aligned_pairs

    alignment = aligned_pairs([(fa, en), (en, en), (fa, fa)], "doc")
    for index, unit in enumerate(alignment.units):
        if not unit.fa or not unit.en:
            continue
        view = UnitView(index, unit, DocumentContext(alignment))
        assert RULES["untranslated"].findings(view) == reference_untranslated(view)


@given(st.text(max_size=20) | st.sampled_from(["Iran's", "Qāsem’s", "U.S.", "al-Zawr", "x_y", "Ⅻ", "½", "٣"]))
def test_english_name_keys_keep_what_isalnum_keeps(text):
    from hamsu.check import names
    from hamsu.matching import fold_english
    from hamsu.records import Mention

    folded = fold_english(text)
    assert names._letters(text, "en") == "".join(ch for ch in folded if ch.isalnum())
    if folded.endswith(("'s", "’s")):
        folded = folded[:-2]
    mention = Mention(lang="en", text=text, start=0, end=len(text), kind="name", source=0)
    assert names.name_key(mention) == "".join(ch for ch in folded if ch.isalnum())


def reference_ordinary_persian_word(word):
    """presence._ordinary_persian_word as it read the word itself, unmemoized."""
    from hamsu.names.persian import STOPWORDS, is_common
    from hamsu.names.table import fa_lookup_key, name_table_data

    table = name_table_data()
    ordinary, countries = presence._persian_word_classes()
    if any(stem in countries for stem in word.stems[:2]):
        return False
    if is_common(word, table) or any(table.is_common(stem) or stem in ordinary for stem in word.stems):
        return True
    dictionary = presence._dictionary()
    if dictionary and dictionary[3](word.text) in ordinary:
        return True
    if "\u200c" in word.text:
        head = fa_lookup_key(word.text.split("\u200c")[0])
        return head in ordinary or table.is_common(head) or head in STOPWORDS or len(head) < 3
    return False


@settings(max_examples=200)
@given(st.lists(st.sampled_from(PERSIAN_TEXT_WORDS + ["حذفیات", "چین", "کره", "زمین‌شناسی", "خانه‌ها", "تورش"])
                | st.text("سلامکتبیرزنه\u200c", min_size=1, max_size=6), max_size=10).map(" ".join))  # fmt: skip
def test_ordinary_persian_words_remembered_by_what_they_read(text):
    for word in persian_side(text).words:
        assert presence._ordinary_persian_word(word) == reference_ordinary_persian_word(word)


def test_every_date_pattern_needs_a_part_so_a_text_with_none_holds_no_date():
    # date_items answers a text with no part of a date (no digit, month, weekday...) at once.
    from hamsu.check import dates

    assert len(dates._EN_NEEDS) == len(dates._EN_PATTERNS) and len(dates._FA_NEEDS) == len(dates._FA_PATTERNS)
    assert all(dates._EN_NEEDS) and all(dates._FA_NEEDS)
    assert dates.date_items("مه و دی در راه", "fa") == [] and dates.date_items("Mayor Junot", "en") == []


@given(st.lists(st.sampled_from(["http://x.ir/a", "https://b.com", "www.c.org", "a@b.co", "ftp://d", "@", "x@y",
                                 "www", "word", "کلمه", ".", " "]), max_size=8).map(" ".join) | st.text(max_size=20))
def test_a_url_is_looked_for_only_where_one_may_be(text):
    assert numerals._may_hold_url(text) or numerals._URL.search(text) is None


@given(st.lists(st.sampled_from(["the", "1990s", "'90s", "90s", "in", "their", "50s", "2020", "s", "0", "1980",
                                 "the 80s", "'s", "2000s", "March"]), max_size=8).map(" ".join) | st.text("0129s' th",
                                                                                                         max_size=16))
def test_english_decades_are_read_only_where_a_decade_may_be(text):
    # The decade pattern runs only on text holding "0s" (its part "decade"): what it would find
    # elsewhere is nothing.
    from hamsu.check import dates

    decades = dates._EN_PATTERNS[dates._EN_NEEDS.index({"decade"})]
    assert "decade" in dates._parts_present(text, "en") or decades.search(text) is None


@given(st.text("abcdeilkrst", max_size=12), st.text("abcdeilkrst", max_size=12))
def test_alike_is_the_ratio_test(a, b):
    from difflib import SequenceMatcher

    assert presence._alike(a, b) == (SequenceMatcher(None, a, b).ratio() >= 0.8)


def reference_document_words(context):
    """check.names._document_words as it read each unit's built English side."""
    import re
    from collections import defaultdict

    from hamsu.check.base import build_side

    found = defaultdict(set)
    for index, unit in enumerate(context.alignment.units):
        for word in re.findall(r"[^\W\d_]+", build_side(context.alignment, unit.en, "en").text):
            found[word.lower()].add(index)
    return found


def assert_document_words_as_the_sides_give(context):
    """_document_words counts each word's units as the built sides give them, and each unit's words
    (_english_words_of) are those the sides give it: a word is elsewhere in the document exactly
    where the reference's units of it are more than the one asking."""
    from collections import Counter

    from hamsu.check.names import _document_words, _english_words_of

    reference = reference_document_words(context)
    assert _document_words(context) == Counter({word: len(units) for word, units in reference.items()})
    for index, unit in enumerate(context.alignment.units):
        assert _english_words_of(context.alignment, unit) == {w for w, units in reference.items() if index in units}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["Iran", "x_y", "COVID-19", "Zoë", "café", "it's", "12", "", "the", "İzmir"])
                         | st.text("aB_1éİ ", max_size=6), max_size=6).map(" ".join), min_size=1, max_size=5))
def test_document_words_read_from_the_sentences_as_from_the_sides(lines):
    from dataclasses import replace
    from pathlib import Path

    import hamsu
    from hamsu.check.base import DocumentContext
    from hamsu.read.aligned import aligned_pairs
    from hamsu.records import Unit

    alignment = aligned_pairs([("کتاب", line) for line in lines], "doc")
    assert_document_words_as_the_sides_give(DocumentContext(alignment))
    # sentences merged into one unit (read as one text, joined by a space), and a null unit
    merged = replace(alignment, units=(Unit((0,), tuple(range(len(alignment.en))), 1.0), Unit((), (), 0.0)))
    assert_document_words_as_the_sides_give(DocumentContext(merged))
    [seed] = hamsu.align_paths([Path(__file__).resolve().parents[1] / "examples" / "seed.txt"])
    assert_document_words_as_the_sides_give(DocumentContext(seed))


@given(st.lists(st.sampled_from(PERSIAN_TEXT_WORDS + ["سليماني", "ترامپ", "ي", "ك", "  "]), max_size=5).map(" ".join))
def test_a_names_words_remembered_are_its_words_normalized(text):
    from hamsu.names.persian import words_of
    from hamsu.persian.normalize import normalize

    assert presence._normalized_words(text) == words_of.__wrapped__(normalize(text))


@settings(max_examples=500)
@given(st.lists(st.integers(0, 3), min_size=1, max_size=30), st.integers(0, 2), st.integers(0, 1000))
def test_shifted_offsets_are_the_expanded_map_less_its_end(steps, first, base):
    # An offset map as a normalizer makes one: rising by 0 (a character inserted), 1 or more
    # (characters dropped) from one character to the next.
    from hamsu.check.base import shifted_offsets
    from hamsu.records import expand_shifts, offset_shifts

    offset_map = [first]
    for step in steps:
        offset_map.append(offset_map[-1] + step)
    shifts = offset_shifts(offset_map)
    length = len(offset_map) - 1
    assert shifted_offsets(shifts, length, base) == [base + o for o in expand_shifts(shifts, length)[:-1]]


def reference_word_runs(text, lang):
    """check.names' keys of every run of up to MAX_RUN_WORDS words of a text, each made."""
    from hamsu.check.names import MAX_RUN_WORDS, _word_key

    read = [_word_key(w, lang) for w in text.split()]
    runs = set()
    for i in range(len(read)):
        joined = ""
        for j in range(i, min(len(read), i + MAX_RUN_WORDS)):
            runs.update(joined + head for head in read[j][1])
            joined += read[j][0]
            runs.add(joined)
            if lang == "en" and joined.endswith("s"):
                runs.add(joined[:-1])
    runs.discard("")
    return runs


RUN_WORDS = {"en": ["Iran's", "Kurds", "US", "virus", "New", "York", "s", "'", "-", "the", "Us"],
             "fa": ["ایران‌ها", "چینی", "مصریان", "ایران", "ها", "\u200c", "کره", "جنوبی", "ی", "آمریکایی"]}


@settings(max_examples=400)
@given(st.sampled_from(["en", "fa"]), st.data())
def test_a_form_is_found_among_the_word_runs_as_in_the_set_of_them(lang, data):
    from hamsu.check.names import _in_word_runs, _word_runs

    alphabet = "aUsSkrین\u200cها" if lang == "en" else "ایرنهاچی\u200c"
    words = st.sampled_from(RUN_WORDS[lang]) | st.text(alphabet, min_size=1, max_size=5)
    text = " ".join(data.draw(st.lists(words, max_size=9)))
    runs = reference_word_runs(text, lang)
    # forms that are runs, prefixes and extensions of runs, and others
    forms = sorted(runs)[:6] + [r[:-1] for r in sorted(runs)[:3]] + [r + "s" for r in sorted(runs)[:3]]
    forms += data.draw(st.lists(st.text("iranusky" if lang == "en" else "ایرنهاچ", max_size=8), max_size=4))
    read = _word_runs(text, lang)
    for form in forms:
        assert _in_word_runs((form,), read, lang == "en") == (form in runs), form
    assert _in_word_runs(forms, read, lang == "en") == bool(set(forms) & runs)


def reference_loose_counterpart(words, lang, other_text, skip=frozenset()):
    """presence.loose_counterpart with every pair's forms folded and weighed, and every word's
    standard worked out, in the pair loop."""
    from hamsu.names.persian import STOPWORDS
    from hamsu.names.table import en_lookup_key
    from hamsu.names.translit import en_weight

    pairs = []
    if lang == "fa":
        for m in presence._LATIN_TOKEN.finditer(other_text):
            if m.group()[:1].isupper() and not presence.ordinary_english(m.group()) \
                    and en_lookup_key(m.group()) not in skip:  # fmt: skip
                pairs += [(fa, m.group(), presence.SPELLING_SCORE) for fa in words]
    else:
        meaning = presence._persian_word_classes()[0]
        for w in persian_side(other_text).words:
            if w.latin or w.key in STOPWORDS or w.key in skip or w.base in skip:
                continue
            if w.key in meaning or w.base in meaning:
                needed = presence.SPELLING_WORD_SCORE
            else:
                ordinary = presence._ordinary_persian_word(w)
                needed = presence.SPELLING_FREQUENT_SCORE if ordinary else presence.SPELLING_SCORE
            parts = [p for p in w.text.split(ZWNJ) if len(p) >= 3] if ZWNJ in w.text else []
            pairs += [(form, en, needed) for form in [w.text] + parts for en in words]
    if lang == "en":
        forms = {f for w in words for f in presence.table_forms(w, "en", limit=8)
                 if len(f) >= presence.TYPO_MIN_LETTERS}  # fmt: skip
        for w in persian_side(other_text).words:
            if not w.latin and any(presence._one_edit(romanization_fold_fa(w.text), romanization_fold_fa(f))
                                   for f in forms):  # fmt: skip
                return w.text
    best, found = 0.0, ""
    for fa, en, needed in pairs:
        folded, key = romanization_fold_fa(fa), latin_key(en)
        if len(folded) < 3 or len(key) < 3 or abs(en_weight(key) - fa_units(folded)[1]) > 2:
            continue
        score = score_keys(folded, key, needed - 0.01)
        if score >= needed and score > best:
            best, found = score, (fa if lang == "en" else en)
    return found


LOOSE_PERSIAN = ["بییشکک", "شینهووا", "کاربر", "لویی", "جرج", "سنت‌لوییز", "ابولهول", "کابل", "در", "و", "ترامپ",
                 "خانه", "Paris", "لوییز", "آریزونا"]  # fmt: skip
LOOSE_ENGLISH = ["Bishkek", "Xinhua", "Carter", "Louis", "George", "Abu", "Kabul", "Trump", "Jo", "Arizona", "Paris",
                 "Schumacher", "Washington"]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(LOOSE_ENGLISH), min_size=1, max_size=3),
       st.lists(st.sampled_from(LOOSE_PERSIAN), min_size=1, max_size=8).map(" ".join),
       st.lists(st.sampled_from(LOOSE_PERSIAN), max_size=2), st.lists(st.sampled_from(LOOSE_ENGLISH), max_size=2))
def test_a_loose_counterpart_is_found_as_by_the_plain_loop(english, persian_text, persian_words, skipped):
    # English words missing, the Persian side searched; and Persian words missing, the English searched
    from hamsu.names.table import en_lookup_key, fa_lookup_key

    skip_fa = frozenset(fa_lookup_key(w) for w in persian_words[:1])
    assert presence.loose_counterpart(tuple(english), "en", persian_text, skip_fa) == \
        reference_loose_counterpart(tuple(english), "en", persian_text, skip_fa)  # fmt: skip
    english_text = " ".join(english + skipped) + " said"
    skip_en = frozenset(en_lookup_key(w) for w in skipped)
    missing = tuple(persian_words) or tuple(persian_text.split()[:2])
    assert presence.loose_counterpart(missing, "fa", english_text, skip_en) == \
        reference_loose_counterpart(missing, "fa", english_text, skip_en)  # fmt: skip


FOLDED_PERSIAN = st.text("ابتسشلمنوهیعحکگالژچ\u200c ", max_size=8)


@settings(max_examples=400)
@given(FOLDED_PERSIAN, FOLDED_PERSIAN)
def test_a_runs_form_joined_from_its_words_is_the_form_of_the_run(first, second):
    # the form of two words joined by a space, worked out from each word's, is the run's own
    joined = presence._joined_form(presence._run_form(first), presence._run_form(second))
    assert joined == presence._run_form.__wrapped__(first + " " + second)


def test_the_documents_links_read_in_one_pass_as_the_two_readings():
    from pathlib import Path

    import hamsu
    from hamsu.check.base import DocumentContext
    from hamsu.check.names import _links_read, counterparts, linked_units
    from hamsu.names import link_names

    [alignment] = hamsu.align_paths([Path(__file__).resolve().parents[1] / "examples" / "seed.txt"])
    context = DocumentContext(alignment, tuple(link_names(alignment)))
    linked, forms = _links_read(context)
    assert linked and forms
    assert (linked, forms) == (linked_units(context), counterparts(context))


@given(st.sampled_from(PERSIAN_TEXT_WORDS + ["", "ab", "سنت‌لوییز"]), st.sampled_from(["Bishkek", "Li", "", "Carter"]))
def test_spelling_forms_kept_a_word_are_the_forms(fa, en):
    assert presence._persian_spelling_form(fa) == presence._spelling_form(romanization_fold_fa(fa), True)
    assert presence._english_spelling_form(en) == presence._spelling_form(latin_key(en), False)


def test_a_sides_keys_are_read_only_where_a_form_may_meet_them():
    # A word with no table form, no other name and no translation (a name the tables do not know)
    # is tested without the side's run keys or content stems; the answers are those of the tests
    # that read them whole.
    persian = persian_side("سردار قاسم سلیمانی در بغداد کشته شد و ترامپ گفت")
    assert presence._english_word_rendered("Zbignewski", persian) is False
    assert presence._whole_english_rendered("Zbignewski Qwertz", ["Zbignewski", "Qwertz"], persian) is False
    assert "lookup" not in vars(persian) and "content" not in vars(persian)
    english = english_side("Zbignewski Qwertz spoke of Baghdad")
    assert [presence._persian_word_rendered(w, english) for w in persian.words] == [
        presence._persian_word_rendered_here(w, english) for w in persian.words]
    for word in ["Baghdad", "Soleimani", "Iraqis", "UK", "General", "killed"]:
        assert presence._english_word_rendered(word, persian) == presence._english_word_rendered_here(word, persian)
