"""The Persian name finder's shortcuts against the plain computations they stand for (hypothesis):
words read with the half-spaces stripped from each match, the gazetteer's reach from arrays over the
whole sentence, every word asked afresh of the table (no answers kept per word), titles looked for
at every word; and the compiled words (names/_faspans.c) against the Python's, on any text."""
from __future__ import annotations

import re

from corekit import compiled_only
from hypothesis import given, settings
from hypothesis import strategies as st

from hamsu.names import persian
from hamsu.names.persian import STOPWORDS, Candidate, Word
from hamsu.names.table import name_table_data, parse_table
from hamsu.persian.script import ARABIC_LETTERS, DIACRITICS, ZWNJ

_REFERENCE_WORD = re.compile(
    f"(?P<fa>[{ARABIC_LETTERS}{DIACRITICS}{ZWNJ}]+)"
    "|(?P<latin>[A-Za-z\u00c0-\u024f]+(?:[-'’.][A-Za-z\u00c0-\u024f]+)*)"
)


def reference_words(text: str) -> tuple[tuple, ...]:
    """words_of as it stripped the half-spaces off every match and asked every gap the pattern."""
    words = []
    run = 0
    prev_end, prev_latin = -1, None
    for m in _REFERENCE_WORD.finditer(text):
        raw = m.group().strip(ZWNJ)
        if not raw:
            continue
        start = m.start() + m.group().index(raw[0])
        latin = m.lastgroup == "latin"
        joined = persian._JOINING_GAP.fullmatch(text, prev_end, start)
        if prev_latin is not None and (prev_latin != latin or not joined):
            run += 1
        key, base, stems = persian._word_keys.__wrapped__(raw, latin)
        prev_end, prev_latin = start + len(raw), latin
        words.append((raw, start, prev_end, key, base, run, latin, stems))
    return tuple(words)


# Persian letters, the article ال, suffixes that glue or follow a half-space, diacritics, the gaps
# that join words (space, no-break space, half-space) and those that do not, and Latin letters.
PARTS = list("سلیمانیهاکردبو") + ["ال", "ان", "یان", "های", "ها", "\u064e", ZWNJ, ZWNJ + ZWNJ, " ", " ",
                                   "\u00a0", "، ", ".", "«", "»", "1", "a", "Ba", "-", "'", " x"]  # fmt: skip
TEXT = st.lists(st.sampled_from(PARTS), max_size=40).map("".join)


@settings(max_examples=500)
@given(TEXT)
def test_words_as_read_by_stripping_each_match(text):
    for words in (persian.words_of.__wrapped__(text), persian._python_words(text)):
        assert tuple(tuple(w) for w in words) == reference_words(text)
        assert all(type(w) is Word and w == Word(*w) for w in words)


compiled = compiled_only(persian.COMPILED)


@compiled
def test_ci_builds_the_compiled_words():
    assert persian.COMPILED


# Also what no word is made of, or ends one: a tab, the joiner, a character beyond U+FFFF.
ANY_PARTS = PARTS + ["\t", "\u200d", "\U0001f600", "\u0670", "’", "é", "-"]


@compiled
@settings(max_examples=1500)
@given(st.one_of(TEXT, st.text(), st.lists(st.sampled_from(ANY_PARTS), max_size=40).map("".join)))
def test_compiled_words_as_the_pythons(text):
    persian.words_of.__wrapped__("")  # the compiled words take their tables on first use
    compiled_words = persian._faspans.words(text)
    assert compiled_words == persian._python_words(text)
    assert [type(w) for w in compiled_words] == [Word] * len(compiled_words)
    assert [[type(f) for f in w] for w in compiled_words] == [[type(f) for f in w] for w in persian._python_words(text)]


def test_character_classes_hold_no_character_beyond_the_basic_plane():
    """_faspans.c reads every character past U+FFFF as in no class: none is in the patterns."""
    beyond = "".join(chr(c) for c in range(0x10000, 0x110000) if not 0xD800 <= c < 0xE000)
    for pattern in (persian._FA_LETTER, persian._LATIN_LETTER, persian._LATIN_JOINER, f"[{persian._GAP_SPACE}]"):
        assert re.search(pattern, beyond) is None
    classes = persian._char_classes()
    assert classes[ord("ب")] == 1 and classes[0x200C] == 2 and classes[ord("Q")] == 3 and classes[ord("’")] == 4
    assert classes[0xA0] == 5 and classes[ord("1")] == 0


def test_a_word_reads_by_field_and_prints_as_before():
    word = persian.words_of.__wrapped__("در\u200c ایران\u200cها")[1]
    assert (word.text, word.start, word.end) == ("ایران\u200cها", 4, 12)
    assert (word.key, word.base, word.run, word.latin) == ("ایرانها", "ایران", 0, False)
    assert repr(persian.words_of.__wrapped__("در ایران")[1]).startswith("Word(text='ایران', start=3, end=8, key=")


def reference_gazetteer_spans(words, table):
    """gazetteer_spans with each name's reach from arrays over the sentence and every word asked."""
    found = []
    count = len(words)
    run_end = [0] * count
    articles = [0] * (count + 1)
    for k in range(count - 1, -1, -1):
        same = k + 1 < count and words[k + 1].run == words[k].run
        run_end[k] = run_end[k + 1] if same else k + 1
        articles[k] = articles[k + 1] + 1 if same and words[k + 1].key.startswith("ال") else 0
    i = 0
    while i < count:
        match = None
        word = words[i]
        if word.latin:
            i += 1
            continue
        longest = min(table.longest, run_end[i] - i)
        if word.key not in table.first_words:
            longest = min(longest, articles[i] + 1)
        for n in range(longest, 0, -1):
            last = words[i + n - 1]
            for key in (persian.span_key(words, i, i + n), persian.span_key(words, i, i + n, base=True)):
                entry = table.entry(key)
                if entry is not None and persian.spans_entry(words, i, i + n, entry.fa):
                    match = Candidate(i, i + n, entry.kind, "gazetteer", entry.ambiguous)
                    break
            if match is None:
                glued = [stem for stem in last.stems if stem not in (last.key, last.base)]
                match = persian._glued_match(words, i, i + n, table, glued) if glued else None
            if match:
                break
        if match and word.key not in STOPWORDS:
            found.append(match)
            i = match.last
        else:
            i += 1
    return found


def reference_unknown_spans(words, table):
    """unknown_spans asking _foreign_like of every word afresh."""
    found = []
    i = 0
    while i < len(words):
        j = i
        while (j < len(words) and j - i < persian.MAX_TITLE_WORDS and (j == i or words[j].run == words[i].run)
               and persian._foreign_like(words[j], table)):  # fmt: skip
            j += 1
        if j - i >= 2:
            found.append(Candidate(i, j, "name", "unknown"))
            i = j
        else:
            i += 1
    return found


def reference_title_spans(words, table):
    """title_spans asking _title_at of every word and _name_like afresh."""
    found = []
    for i, word in enumerate(words):
        title = persian._title_at(words, i)
        if not title or (i + 1 < len(words) and persian._title_at(words, i + 1)):
            continue
        kind = persian._title_kind(title)
        j = i + 1
        while j < len(words) and j - i <= persian.MAX_TITLE_WORDS and words[j].run == word.run:
            if persian._name_like(words[j], table):
                j += 1
            elif (j + 1 < len(words) and j + 1 - i <= persian.MAX_TITLE_WORDS and words[j + 1].run == word.run
                  and persian._plain_word(words[j]) and persian._name_like(words[j + 1], table)):  # fmt: skip
                j += 2
                kind = "name"
            else:
                break
        if j > i + 1:
            found.append(Candidate(i + 1, j, kind, "title"))
    return found


def reference_given_name_spans(words, table):
    """given_name_spans asking every word whether a given name starts there."""
    found = []
    for i, word in enumerate(words):
        entry = table.entry(word.base)
        if entry is None or entry.kind != "person" or word.latin or word.key in STOPWORDS or \
                persian.is_common(word, table):  # fmt: skip
            continue
        j = i + 1
        while (j < len(words) and j - i <= persian.MAX_TITLE_WORDS and words[j].run == word.run
               and persian._surname_like(words[j], table)):  # fmt: skip
            j += 1
        if j > i + 1:
            found.append(Candidate(i, j, "person", "given"))
    return found


def reference_generic_spans(words, table):
    """generic_spans asking every word whether it is the head noun of an institution."""
    from hamsu.names.generic import institution_words, persian_generic_words

    heads, generic = institution_words(), persian_generic_words()

    def known(word):
        if word.latin or word.key in STOPWORDS:
            return False
        key = word.key
        if key in generic or word.base in generic or (key.endswith("ی") and key[:-1] in generic):
            return True
        entry = table.entry(word.base)
        return entry is not None and not entry.ambiguous

    found = []
    for i, word in enumerate(words):
        key = word.key
        if word.latin or not (key in heads or (key.endswith("ی") and key[:-1] in heads)):
            continue
        j = i + 1
        while j < len(words) and j - i < persian.MAX_QUOTED_WORDS and words[j].run == word.run and known(words[j]):
            j += 1
        if j - i >= 2:
            found.append(Candidate(i, j, "organization", "generic"))
    return found


def reference_article_spans(words, table):
    """article_spans asking every word afresh."""
    from hamsu.persian.lexicon import halfspace_lexicon

    known = halfspace_lexicon().known
    return [
        Candidate(k, k + 1, "name", "article")
        for k, w in enumerate(words)
        if not w.latin and w.key.startswith("ال") and len(w.base) >= 5 and not persian.is_common(w, table)
        and table.entry(w.base) is None and w.text.split(ZWNJ)[0] not in known and w.text not in known
    ]


def reference_latin_spans(words):
    """latin_spans stepping over every word."""
    found = []
    i = 0
    while i < len(words):
        if not words[i].latin:
            i += 1
            continue
        j = i
        while j < len(words) and words[j].latin and words[j].run == words[i].run:
            j += 1
        if any(w.text[:1].isupper() for w in words[i:j]) and sum(len(w.text) for w in words[i:j]) > 1:
            found.append(Candidate(i, j, "name", "latin"))
        i = j
    return found


def _vocabulary() -> list[str]:
    """Words that make the finders answer: forms from the name table (of several words too, and
    with their half-spaces), titles, stopwords, ordinary words, and letters that make no word."""
    table = name_table_data()
    forms = sorted(entry.fa for entry in table.by_fa.values())
    several = [f for f in forms if " " in f or ZWNJ in f]
    titles = ["رئیس جمهور", "نخست وزیر", "رئیس", "جمهور", "سردار", "استان", "حزب", "شهر"]
    words = ["و", "در", "از", "کرد", "ایران\u200cها", "مصریان", "البوکمال", "الزور", "دیر", "ورساچه", "آرمند",
             "کتاب\u200cهایش", "Microsoft", "Office", "iPhone", "x"]  # fmt: skip
    from hamsu.names.generic import institution_words, persian_generic_words

    persons = [entry.fa for entry in table.by_fa.values() if entry.kind == "person" and " " not in entry.fa]
    institutions = sorted(institution_words())[::5] + sorted(persian_generic_words())[::40]
    return forms[::97] + several[::23] + sorted(persons)[::150] + institutions + titles + words

VOCABULARY = _vocabulary()
SENTENCE = st.lists(
    st.tuples(st.sampled_from(VOCABULARY), st.sampled_from([" ", " ", " ", "، ", ZWNJ, " «", "» ", "ی "])),
    max_size=14,
).map(lambda pairs: "".join(word + gap for word, gap in pairs))


@settings(max_examples=400, deadline=None)
@given(SENTENCE)
def test_span_finders_as_asking_every_word_afresh(text):
    table = name_table_data()
    words = persian.words_of(text)
    assert persian.gazetteer_spans(words, table) == reference_gazetteer_spans(words, table)
    assert persian.unknown_spans(words, table) == reference_unknown_spans(words, table)
    assert persian.title_spans(words, table) == reference_title_spans(words, table)
    assert persian.given_name_spans(words, table) == reference_given_name_spans(words, table)
    assert persian.generic_spans(words, table) == reference_generic_spans(words, table)
    assert persian.article_spans(words, table) == reference_article_spans(words, table)
    assert persian.latin_spans(words) == reference_latin_spans(words)


def reference_candidates(text, table):
    """persian_candidates from the reference finders, every span's kind asked of the others."""
    words = persian.words_of(text)
    spans = (
        reference_gazetteer_spans(words, table)
        + reference_title_spans(words, table)
        + persian.quoted_spans(text, words, table)
        + reference_article_spans(words, table)
        + reference_latin_spans(words)
        + reference_given_name_spans(words, table)
        + reference_unknown_spans(words, table)
        + reference_generic_spans(words, table)
    )
    order = {"gazetteer": 0, "latin": 1, "quoted": 2, "title": 3, "given": 4, "article": 5, "unknown": 6,
             "generic": 7}  # fmt: skip
    spans.sort(key=lambda c: (-(c.last - c.first), c.ambiguous, order[c.source], c.first))
    taken = []
    for c in spans:
        if all(c.last <= t.first or t.last <= c.first for t in taken):
            kinds = [t.kind for t in spans if t.first <= c.first and c.last <= t.last and t.kind != "name"]
            kind = c.kind if c.kind != "name" or not kinds else kinds[0]
            taken.append(Candidate(c.first, c.last, kind, c.source, c.ambiguous))
    return words, tuple(sorted(taken, key=lambda c: c.first))


@settings(max_examples=300, deadline=None)
@given(SENTENCE)
def test_candidates_as_from_the_plain_finders(text):
    assert persian.persian_candidates(text, name_table_data()) == reference_candidates(text, name_table_data())


@settings(max_examples=200, deadline=None)
@given(SENTENCE)
def test_is_common_as_worked_out_before_and_after_the_finders_ask(text):
    table = name_table_data()
    words = persian.words_of(text)
    before = [persian.is_common(w, table) for w in words]
    persian.persian_candidates(text, table)
    assert [persian.is_common(w, table) for w in words] == before == [persian._is_common(w, table) for w in words]


def test_answers_kept_per_word_are_the_tables_own():
    """Two tables that differ on a word: each is answered from itself, whichever was asked first."""
    words = persian.words_of("ورساچه")
    one = parse_table("ورساچه\tVersace\tperson\tgazetteer\t\n")
    other = parse_table("## common\nورساچه\n")
    for _ in range(2):
        assert persian.gazetteer_spans(words, one) == [Candidate(0, 1, "person", "gazetteer", False)]
        assert persian.gazetteer_spans(words, other) == []
        assert persian._answers_of(words, other)[0].name_like is False
        assert persian._answers_of(words, one)[0].name_like is True
        assert persian.is_common(words[0], one) is False
        assert persian.is_common(words[0], other) is True


def test_table_lookups_are_the_dicts_own_and_survive_the_cache():
    """NameTable.entry and .is_common answer as by_fa.get and `in common`, also on a table read back
    from the user's cache (pickled)."""
    import pickle

    table = parse_table("## common\nکتاب\n## names\nورساچه\tVersace\tperson\tgazetteer\t\n")
    for t in (table, pickle.loads(pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL))):
        assert t.entry("ورساچه") == t.by_fa["ورساچه"] and t.entry("کتاب") is None
        assert t.is_common("کتاب") and not t.is_common("ورساچه")
        assert t.entry.__self__ is t.by_fa and t.is_common.__self__ is t.common


def test_answers_kept_are_bounded(monkeypatch):
    """Past LIMIT words the kept answers start afresh, and answer as before."""
    table = name_table_data()
    text = "آرمند ورساچه در ایران\u200cها و مصریان با رئیس جمهور البوکمال کتاب\u200cهایش را دید"
    words = persian.words_of(text)
    expected = persian.persian_candidates(text, table), [persian._is_common(w, table) for w in words]
    monkeypatch.setattr(persian._WordAnswers, "LIMIT", 3)
    for _ in range(3):
        assert (persian.persian_candidates(text, table), [persian.is_common(w, table) for w in words]) == expected
        assert len(persian._WORD_ANSWERS.answers) <= len(words) and len(persian._WORD_ANSWERS.common) <= 3
