"""The name linker's shortcuts against the plain computations they stand for (hypothesis): finding a
key in a unit by its joined keys, the words that begin a form the document links, the runs of words
for transliteration walked in C, each word asked once whether it is ordinary or takes a name's first
word, and the English names read from the capitalized pieces, articles and particles only."""
from __future__ import annotations

from corekit import compiled_only
from hypothesis import given, settings
from hypothesis import strategies as st

from hamsu.names import link, translit
from hamsu.names.english import (
    ARTICLES,
    NEVER,
    PARTICLES,
    STOP,
    TITLES,
    EnglishName,
    Piece,
    _is_acronym,
    _is_capitalized,
    _joined,
    _opens,
    _pieces,
    _separate_names,
    capitalized_words,
    english_names,
    is_title_case,
)
from hamsu.names.link import EnSentence, FaSentence, _ambiguous, _Unit
from hamsu.names.persian import Candidate, is_common, persian_candidates
from hamsu.names.table import en_lookup_key, name_table_data

# Persian letters, the suffixes that glue to a word (ان، یان، ها، ی), a half-space, Latin letters,
# a sign read as a word with no key (×), and gaps that end a run of words (a comma, a full stop).
PERSIAN_PARTS = list("سلیمانیهاکردب x") + ["\u200c", "ان", "یان", "های", "، ", ". ", " Office ", " × "]
PERSIAN_TEXT = st.lists(st.sampled_from(PERSIAN_PARTS), max_size=30).map("".join)


def fa_sentence(text: str) -> FaSentence:
    words, candidates = persian_candidates(text, name_table_data())
    return FaSentence(words, candidates, tuple(range(len(text) + 1)), text, 0, 0)


def reference_find(fa: list[FaSentence], key: str) -> list[tuple[int, int, int]]:
    """find() as a scan of every word of the unit."""
    found = []
    for si, sent in enumerate(fa):
        words = sent.words
        for i, first in enumerate(words):
            if key not in first.stems and not key.startswith(first.key):
                continue
            head, j = "", i
            while j < len(words) and words[j].run == first.run:
                if any(head + stem == key for stem in words[j].stems):
                    found.append((si, i, j + 1))
                head += words[j].key
                if not key.startswith(head) or len(head) >= len(key):
                    break
                j += 1
    return found


def keys_to_ask(fa: list[FaSentence], extra: list[str]) -> list[str]:
    """Every key a run of up to three words spells (the last also by each of its stems), and more."""
    keys = ["", "office", "x", *extra]
    for sent in fa:
        words = sent.words
        for i in range(len(words)):
            for j in range(i, min(len(words), i + 3)):
                head = "".join(w.key for w in words[i:j])
                keys += [head + stem for stem in words[j].stems]
    return keys


@settings(max_examples=300)
@given(st.lists(PERSIAN_TEXT, min_size=1, max_size=3), st.lists(st.sampled_from(PERSIAN_PARTS), max_size=4))
def test_find_by_the_joined_keys_finds_what_a_scan_of_every_word_finds(texts, extra):
    fa = [fa_sentence(text) for text in texts]
    unit = _Unit(fa, [], name_table_data())
    for key in keys_to_ask(fa, ["".join(extra).replace(" ", "")]):
        assert unit.find(key) == reference_find(fa, key), key


def test_find_with_words_that_have_no_key():
    # A sign read as a word (×) has no key: it starts where the next word does.
    fa = [fa_sentence("کرد × سلیمانی، x × Office سلیمانی")]
    assert any(not w.key for w in fa[0].words)
    unit = _Unit(fa, [], name_table_data())
    for key in keys_to_ask(fa, []):
        assert unit.find(key) == reference_find(fa, key)


def reference_seen_spans(words, seen) -> list[Candidate]:
    """_seen_spans asking every word of the sentence."""
    out = []
    for i, word in enumerate(words):
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


@settings(max_examples=300)
@given(PERSIAN_TEXT, PERSIAN_TEXT, st.data())
def test_seen_spans_of_the_words_that_begin_a_form_are_those_of_every_word(text, other, data):
    words = fa_sentence(text).words
    forms = [w for w in fa_sentence(other).words + words]
    chosen = data.draw(st.lists(st.tuples(st.sampled_from(forms), st.integers(1, 3)), max_size=6)) if forms else []
    seen: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for word, length in chosen:
        keys = (word.key,) + tuple(w.key for w in words[:length - 1]) if length > 1 else (word.base,)
        seen.setdefault(keys[0], []).append((keys, "name"))
    assert link._seen_spans(words, seen) == reference_seen_spans(words, seen)


@settings(max_examples=200)
@given(st.lists(PERSIAN_TEXT, min_size=1, max_size=2), st.data())
def test_ordinary_asked_word_by_word_is_ordinary_of_the_sentence(texts, data):
    fa = [fa_sentence(text) for text in texts]
    table = name_table_data()
    unit = _Unit(fa, [], table)
    for _ in range(6):
        si = data.draw(st.integers(0, len(fa) - 1))
        words = fa[si].words
        i = data.draw(st.integers(0, len(words)))
        j = data.draw(st.integers(i, len(words)))
        assert unit.ordinary(si, i, j) == all(is_common(w, table) or _ambiguous(table, w.base) for w in words[i:j])


@settings(max_examples=150, deadline=None)
@given(st.lists(PERSIAN_TEXT, min_size=1, max_size=3), st.integers(1, 6))
def test_translit_spans_with_forms_kept_per_word_text_are_those_of_every_word(texts, limit):
    fa = [fa_sentence(text) for text in texts]
    expected = [[link._translit_word(w.text, w.base != w.key) if link.is_content(w) else None for w in s.words]
                for s in fa]  # fmt: skip
    kept, link._CONTENT_FORMS_LIMIT = link._CONTENT_FORMS_LIMIT, limit
    try:
        link._CONTENT_FORMS.clear()
        for _ in range(2):  # the forms worked out, then (what the limit kept of them) looked up
            spans = link._TranslitSpans(fa)
            assert spans._words == expected
            assert len(link._CONTENT_FORMS) <= limit
    finally:
        link._CONTENT_FORMS_LIMIT = kept
        link._CONTENT_FORMS.clear()


# Forms as _translit_word gives them (folded, last, inside bits, end bits), or None.
FORMS = st.one_of(st.none(), st.tuples(st.just(""), st.just(""), st.integers(0, 1 << 70), st.integers(0, 1 << 70)))


@compiled_only(translit.COMPILED)
@settings(max_examples=500)
@given(st.lists(st.tuples(FORMS, st.integers(0, 3)), max_size=14), st.integers(0, 6), st.integers(0, 5))
def test_word_runs_compiled_are_the_pythons(words, most, sentence):
    forms = [form for form, _ in words]
    runs = sorted(run for _, run in words)  # (run ids grow along a sentence)
    compiled: tuple[list, list, list] = ([], [], [])
    python: tuple[list, list, list] = ([], [], [])
    translit.word_runs(sentence, forms, runs, most, *compiled)
    translit._word_runs(sentence, forms, runs, most, *python)
    assert compiled == python


def test_word_runs_in_python_without_the_core(monkeypatch):
    forms = [("", "", 1, 2), ("", "", 4, 0), None, ("", "", 0, 0), ("", "", 8, 8)]
    expected: tuple[list, list, list] = ([], [], [])
    translit._word_runs(3, forms, [0, 0, 0, 0, 1], 4, *expected)
    assert expected == ([(3, 0, 1), (3, 0, 2), (3, 4, 5)], [2, 1, 8], [1, 2, 1])
    monkeypatch.setattr(translit, "_translit", None)
    found: tuple[list, list, list] = ([], [], [])
    translit.word_runs(3, forms, [0, 0, 0, 0, 1], 4, *found)
    assert found == expected


GENERIC_FA = ["مقاومت", "اسلامی", "جنگ", "سرد", "دانشگاه", "شمالی", "کیوو", "سال", "نو", "ملی", "چین", "و", "،"]
GENERIC_EN = ["Islamic", "Resistance", "Cold", "War", "North", "University", "New", "Year", "National",
              "Chinese", "of", "Kivu"]  # fmt: skip


def reference_generic_pairs(unit, ei, ni, name):
    """_generic_pairs asking every window whether each English word takes one of its words."""
    pieces = name.pieces
    named = [k for k, p in enumerate(pieces) if link._is_name(p)]
    if len(named) < 2 or len(named) != len([p for p in pieces if p.role != "particle"]):
        return []
    targets = [link._word_targets(unit.table, pieces[k].text) for k in named]
    if not all(any(t) for t in targets):
        return []
    out = []
    n = len(named)
    for si, sent in enumerate(unit.fa):
        words = sent.words
        for i in range(len(words) - n + 1):
            window = words[i : i + n]
            if window[-1].run != window[0].run:
                continue
            if link._assign(window, targets):
                order = abs(unit.fa_position(si, i) - unit.en_position(ei, pieces[0].start))
                rank = link.GENERIC_SCORE + link.NAME_WORD_BONUS * (n - 1)
                kind = unit.fa_kind.get((si, i, i + n), name.kind)
                out.append(link._Pair(rank, link.GENERIC_SCORE, "dictionary", kind,
                                      (ei, ni, named[0], named[-1] + 1), (si, i, i + n), order))  # fmt: skip
    return out


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(GENERIC_FA), max_size=12).map(" ".join), min_size=1, max_size=2),
       st.lists(st.sampled_from(GENERIC_EN), min_size=2, max_size=8).map(" ".join))  # fmt: skip
def test_generic_pairs_asking_each_word_once_are_those_of_every_window(texts, english):
    table = name_table_data()
    fa = [fa_sentence(text) for text in texts]
    en = [EnSentence(tuple(english_names(english, table)), english, 0, 0)]
    unit = _Unit(fa, en, table)
    for ni, name in enumerate(en[0].names):
        roles = tuple(p.role for p in name.pieces)
        assert link._generic_pairs(unit, 0, ni, name, roles) == reference_generic_pairs(unit, 0, ni, name)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.sampled_from(GENERIC_FA), max_size=12).map(" ".join), min_size=1, max_size=3),
       st.lists(st.sampled_from(GENERIC_EN), min_size=2, max_size=8).map(" ".join), st.integers(1, 4))  # fmt: skip
def test_generic_pairs_with_the_word_texts_taken_kept_are_those_of_every_window(texts, english, limit):
    """What each word text takes, kept per English word up to a limit (here a small one, so that
    it is started afresh within a unit), changes no pair."""
    table = name_table_data()
    en = [EnSentence(tuple(english_names(english, table)), english, 0, 0)]
    kept, link._TAKEN_LIMIT = link._TAKEN_LIMIT, limit
    link._FIRST_TAKEN.kept.clear()
    try:
        for _ in range(2):  # the texts asked, then (what the limit kept of them) looked up
            unit = _Unit([fa_sentence(text) for text in texts], en, table)
            for ni, name in enumerate(en[0].names):
                roles = tuple(p.role for p in name.pieces)
                assert link._generic_pairs(unit, 0, ni, name, roles) == reference_generic_pairs(unit, 0, ni, name)
                # (started afresh where a unit finds it at the limit: one unit's words over it at most)
                most = limit + sum(len(s.words) for s in unit.fa)
                assert all(len(taken) <= most for taken in link._FIRST_TAKEN.kept.values())
    finally:
        link._TAKEN_LIMIT = kept


def reference_english_names(text, table, document_capitals=frozenset(), headline=False):
    """english_names looking at every piece of the sentence (as it did before it skipped pieces)."""
    pieces = _pieces(text)
    uncertain_everywhere = headline or is_title_case(text)
    runs, current, pending = [], [], []

    def flush():
        nonlocal current, pending
        if any(role in ("name", "acronym") for _, role in current):
            runs.append(current)
        current, pending = [], []

    def joined(k):
        return _joined(text, pieces[k], pieces[k + 1]) if k + 1 < len(pieces) else ""

    for k, (word, _, _) in enumerate(pieces):
        acronym = _is_acronym(word)
        if acronym or (_is_capitalized(word) and not (
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
        lower = word.lower()
        if lower in ARTICLES and joined(k) == "hyphen" and word.islower():
            if not (current and (joined(k - 1) if k else "")):
                flush()
            pending.append((k, "article"))
            continue
        if lower in PARTICLES and word.islower() and current and (joined(k - 1) if k else "") and joined(k):
            pending.append((k, "particle"))
            continue
        flush()
    flush()
    names = []
    for run in runs:
        kind = "name"
        while run and run[0][1] == "name" and pieces[run[0][0]][0] in TITLES:
            kind = "person"
            run = run[1:]
            while run and run[0][1] == "particle":
                run = run[1:]
        if not any(role in ("name", "acronym") for _, role in run):
            continue
        if len(run) == 1 and len(pieces[run[0][0]][0]) == 1:
            continue
        first = run[0][0]
        words = [pieces[k][0] for k, role in run if role in ("name", "acronym")]
        known = any(w.lower() in document_capitals for w in words) or bool(
            table.persian_for(en_lookup_key(" ".join(words)))
        ) or any(table.persian_for(en_lookup_key(w)) for w in words)
        if kind == "person" and not uncertain_everywhere:
            certain = True
        elif uncertain_everywhere:
            certain = known
        elif len(words) == 1 and _opens(text, pieces, first):
            certain = known or _is_acronym(words[0])
        else:
            certain = True
        names.append(EnglishName(tuple(Piece(*pieces[k], role) for k, role in run), certain, kind))
    return names


WORDS = ["Iran", "al", "Al", "bin", "of", "de", "an", "at", "us", "The", "May", "President", "Dr", "U", "S", "NATO",
         "Zawr", "van", "the", "said", "iPhone", "Émile", "ß", "ا", "McDonald", "y", "As", "es"]  # fmt: skip
GAPS = [" ", " ", " ", "-", ". ", ", ", ": ", " [", "] ", "'s ", "\n", " (", ") ", " “"]
ENGLISH_TEXT = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GAPS)), max_size=16).map(
    lambda parts: "".join(word + gap for word, gap in parts)
)


@settings(max_examples=600)
@given(ENGLISH_TEXT, st.booleans(), st.frozensets(st.sampled_from(["iran", "zawr", "may", "nato"])))
def test_english_names_from_the_pieces_looked_at_are_those_of_every_piece(text, headline, capitals):
    table = name_table_data()
    assert english_names(text, table, capitals, headline) == reference_english_names(text, table, capitals, headline)


@settings(max_examples=300)
@given(st.lists(ENGLISH_TEXT, max_size=4))
def test_capitalized_words_skipping_lower_case_pieces(texts):
    expected = set()
    for text in texts:
        if is_title_case(text):
            continue
        pieces = _pieces(text)
        for k, (word, _, _) in enumerate(pieces):
            if _is_capitalized(word) and word not in NEVER and not _opens(text, pieces, k):
                expected.add(word.lower())
    assert capitalized_words(texts) == expected


PERSIAN_FORM = st.lists(st.sampled_from(sorted(translit.LETTERS) + [" ", "ال"]), min_size=1, max_size=10).map("".join)
LATIN_PARTS = list("abdeghiklmnorstuyz") + ["sh", "kh"]
ENGLISH_KEY = st.lists(st.sampled_from(LATIN_PARTS), max_size=12).map("".join).map(translit.latin_key)
# Real names and near misses, so that many runs pass a threshold.
NAMES = st.sampled_from([("سلیمانی", "Soleymani"), ("سلیمانی", "Salman"), ("قاسم", "Qasem"), ("کیوو", "Kivu"),
                         ("برژینسکی", "Brzezinski"), ("مکه", "Mecca"), ("تهران", "Tehran"), ("مرکز", "Markaz"),
                         ("هان", "Han"), ("یوان", "Yuan"), ("نجبا", "Nujaba"), ("پارک", "Park")])  # fmt: skip
NEEDED = st.sampled_from([0.80, 0.85, 0.90, 0.95])


@settings(max_examples=1000)
@given(st.one_of(st.tuples(PERSIAN_FORM, ENGLISH_KEY), NAMES), NEEDED, NEEDED, st.sampled_from([0.0, 0.03]))
def test_a_score_over_a_lower_floor_decides_as_the_score_over_the_higher_one(pair, low, high, penalty):
    """_span_parts scores a run against the threshold without its ordinary words' and asks the
    higher one only of a score that passes: the same runs pass, with the same scores."""
    low, high = min(low, high), max(low, high)
    folded, key = translit.romanization_fold_fa(pair[0]), translit.latin_key(pair[1])
    at_low = translit.score_keys.__wrapped__(folded, key, low + penalty - 0.01) - penalty
    at_high = translit.score_keys.__wrapped__(folded, key, high + penalty - 0.01) - penalty
    assert (at_high >= high) == (at_low >= low and at_low >= high)
    if at_high >= high:
        assert at_low == at_high
