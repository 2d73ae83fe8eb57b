"""Names found on both sides of aligned units and linked across the languages (hamsu.names)."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

import hamsu
from hamsu.names import link_names, name_table, names_record, transliteration_score
from hamsu.names.link import TRANSLITERATION_THRESHOLD
from hamsu.records import Alignment, Block, Document, Sentence, Unit, UnitNames

SEED = Path(__file__).resolve().parents[1] / "examples" / "seed.txt"


@lru_cache(maxsize=1)
def seed() -> tuple[Alignment, tuple[UnitNames, ...]]:
    [alignment] = hamsu.align_paths([str(SEED)])
    return alignment, link_names(alignment)


def plain(text: str) -> str:
    """A Persian form as the name table shows it (no diacritics, normalized)."""
    return hamsu.normalize(text, strip_diacritics=True)


def seed_pairs() -> set[tuple[str, str]]:
    _, names = seed()
    return {(plain(link.fa.text), link.en.text) for unit in names for link in unit.links}


def make_alignment(pairs: list[tuple[str, str]]) -> Alignment:
    """A two-text document whose i-th Persian and English lines form unit i."""
    fa_lines = [fa for fa, _ in pairs]
    en_lines = [en for _, en in pairs]
    blocks, sentences = [], {"fa": [], "en": []}
    for source, (lang, lines) in enumerate((("fa", fa_lines), ("en", en_lines))):
        pos = 0
        for line in lines:
            blocks.append(Block(lang, "paragraph", pos, pos + len(line), source))
            shown = hamsu.normalize(line) if lang == "fa" else line
            sentences[lang].append(Sentence(lang, shown, pos, pos + len(line), len(blocks) - 1, source))
            pos += len(line) + 1
    document = Document("test", "test", ("\n".join(fa_lines), "\n".join(en_lines)), tuple(blocks))
    units = tuple(Unit((i,), (i,), 1.0) for i in range(len(pairs)))
    return Alignment(document, tuple(sentences["fa"]), tuple(sentences["en"]), units)


# --- The seed article ---------------------------------------------------------------------------


def test_seed_has_one_names_record_per_unit():
    alignment, names = seed()
    assert len(names) == len(alignment.units) == 8


@pytest.mark.parametrize(
    "fa, en",
    [
        ("سلیمانی", "Soleymani"),
        ("قاسم سلیمانی", "Qasem Soleymani"),
        ("البوکمال", "Albu Kamal"),
        ("دیر الزور", "Dayr al-Zawr"),
        ("داعش", "Daesh"),
        ("عراق", "Iraq"),
        ("عراق", "Iraqi"),  # the English uses the adjective: Iraqi-Syrian border
        ("سوریه", "Syria"),
        ("سوریه", "Syrian"),
        ("ایران", "Iran"),
        ("نجباء", "al-Nujaba"),
    ],
)
def test_seed_links(fa, en):
    assert (fa, en) in seed_pairs()


def test_nujaba_keeps_its_diacritics_in_the_mention():
    alignment, names = seed()
    texts = {link.fa.text for unit in names for link in unit.links if link.en.text == "al-Nujaba"}
    assert texts == {"نُجَباء"}


def test_seed_has_no_false_links_between_the_places():
    wrong = {("سوریه", "Iraq"), ("عراق", "Syria"), ("ایران", "Iraq"), ("سلیمانی", "Syria")}
    assert not wrong & seed_pairs()


def test_every_mention_points_at_its_text_in_the_original():
    alignment, names = seed()
    texts = alignment.document.texts
    mentions = [m for u in names for link in u.links for m in (link.fa, link.en)]
    mentions += [m for u in names for m in (*u.fa_only, *u.en_only)]
    assert mentions
    for m in mentions:
        assert texts[m.source][m.start : m.end] == m.text


def test_links_stay_inside_their_unit():
    alignment, names = seed()
    for unit, found in zip(alignment.units, names):
        fa_spans = [(alignment.fa[k].start, alignment.fa[k].end) for k in unit.fa]
        en_spans = [(alignment.en[k].start, alignment.en[k].end) for k in unit.en]
        for link in found.links:
            assert any(s <= link.fa.start and link.fa.end <= e for s, e in fa_spans)
            assert any(s <= link.en.start and link.en.end <= e for s, e in en_spans)
            assert 0.0 < link.score <= 1.0
            assert link.evidence in ("gazetteer", "dictionary", "transliteration", "document")


def test_name_table_counts_forms_across_the_document():
    alignment, names = seed()
    rows = name_table(alignment, names)
    assert [r["count"] for r in rows] == sorted((r["count"] for r in rows), reverse=True)
    by_fa = {r["fa"]: r for r in rows if r["fa"]}
    assert set(by_fa["سوریه"]["en"]) == {"Syria", "Syrian"}
    assert by_fa["البوکمال"]["en"] == ["Albu Kamal"]
    assert by_fa["البوکمال"]["count"] >= 5 and len(by_fa["البوکمال"]["units"]) >= 5
    assert by_fa["نجباء"]["en"] == ["al-Nujaba"]
    json.dumps(rows, ensure_ascii=False)


def test_names_record_is_small_json():
    _, names = seed()
    record = names_record(names[0])
    assert record and set(record[0]) == {"fa", "en", "score", "evidence"}
    assert {"fa": "سلیمانی", "en": "Soleymani"}.items() <= record[0].items()
    json.dumps(record, ensure_ascii=False)


# --- Transliteration -----------------------------------------------------------------------------

ROMANIZATIONS = [
    ("سلیمانی", "Soleymani"),
    ("سلیمانی", "Soleimani"),
    ("سلیمانی", "Suleimani"),
    ("قاسم سلیمانی", "Qasem Soleymani"),
    ("قاسم", "Qassem"),
    ("البوکمال", "Albu Kamal"),
    ("البوکمال", "Abu Kamal"),
    ("دیر الزور", "Dayr al-Zawr"),
    ("دیر الزور", "Deir ez-Zor"),
    ("نجباء", "al-Nujaba"),
    ("نُجَباء", "Nujaba"),
    ("داعش", "Daesh"),
    ("عراق", "Iraq"),
    ("ایران", "Iran"),
    ("تهران", "Tehran"),
    ("قدس", "Quds"),
    ("خامنه‌ای", "Khamenei"),
    ("حسن روحانی", "Hassan Rouhani"),
    ("محمد", "Mohammad"),
    ("محمد", "Muhammad"),
    ("واشنگتن", "Washington"),
    ("کیوو", "Kivu"),
    ("باخمن", "Bachmann"),
    ("مائو", "Mao"),  # the hamza seat between two vowels marks hiatus, no y
    ("پائولو", "Paulo"),
    ("چیس", "Chase"),  # ی for the long a of English names
    ("کیت", "Kate"),
]
DIFFERENT_NAMES = [
    ("سلیمانی", "Syria"),
    ("سلیمانی", "Salman"),
    ("سوریه", "Soleymani"),
    ("عراق", "Iran"),
    ("ایران", "Iraq"),
    ("تهران", "Tirana"),
    ("مرکز", "Mark"),
    ("داعش", "Damascus"),
    ("البوکمال", "Albania"),
]


@pytest.mark.parametrize("fa, en", ROMANIZATIONS)
def test_romanizations_match(fa, en):
    assert transliteration_score(fa, en) >= TRANSLITERATION_THRESHOLD


@pytest.mark.parametrize("fa, en", DIFFERENT_NAMES)
def test_different_names_do_not_match(fa, en):
    assert transliteration_score(fa, en) < TRANSLITERATION_THRESHOLD


# --- Units built by hand -------------------------------------------------------------------------


def test_names_on_one_side_only():
    alignment = make_alignment(
        [
            (
                "وزیر امور خارجه ایران به مسکو رفت.",
                "Iran's foreign minister travelled to Moscow and met Sergey Lavrov.",
            ),
            ("او در شهر «تبریز» سخنرانی کرد.", "He gave a speech there."),
        ]
    )
    first, second = link_names(alignment)
    assert {(link.fa.text, link.en.text) for link in first.links} == {("ایران", "Iran"), ("مسکو", "Moscow")}
    assert [m.text for m in first.en_only] == ["Sergey Lavrov"]
    assert not second.links
    assert [m.text for m in second.fa_only] == ["تبریز"]
    assert second.fa_only[0].kind == "place"


def test_spans_map_through_normalization():
    # Arabic yeh and kaf, a kashida and a stray space before the half-space word: the pipeline
    # normalizes the sentence, the mention still quotes the original.
    original = "سردار قاسم سليماني در كرمانـشاه سخنرانی کرد."
    alignment = make_alignment([(original, "General Qasem Soleimani spoke in Kermanshah.")])
    [unit] = link_names(alignment)
    found = {link.en.text: link.fa for link in unit.links}
    assert found["Qasem Soleimani"].text == "قاسم سليماني"
    assert found["Kermanshah"].text == "كرمانـشاه"
    for mention in found.values():
        assert alignment.document.texts[0][mention.start : mention.end] == mention.text


def test_document_evidence_links_a_surname_seen_in_full():
    alignment = make_alignment(
        [
            ("زبیگنیو برژینسکی مشاور امنیت ملی بود.", "Zbigniew Brzezinski was national security adviser."),
            ("برژینسکی بعدها کتابی نوشت.", "Later, Brzezinski wrote a book."),
        ]
    )
    first, second = link_names(alignment)
    assert [(link.fa.text, link.en.text, link.evidence) for link in first.links] == [
        ("زبیگنیو برژینسکی", "Zbigniew Brzezinski", "transliteration")
    ]
    assert [(link.fa.text, link.en.text, link.evidence) for link in second.links] == [
        ("برژینسکی", "Brzezinski", "document")
    ]


def test_a_unit_linked_again_looks_up_only_what_the_document_knows(monkeypatch):
    """The second pass (document evidence) links a unit again from the parts of its pairs the first
    pass kept; where none were kept (PREPARED_SENTENCES 0), it works them out again: same names."""
    import hamsu.names.link as link_module

    alignment = make_alignment(
        [
            ("زبیگنیو برژینسکی مشاور امنیت ملی بود.", "Zbigniew Brzezinski was national security adviser."),
            ("برژینسکی بعدها کتابی نوشت.", "Later, Brzezinski wrote a book."),
            ("او در ورشو به دنیا آمد.", "He was born in Warsaw."),
        ]
    )
    whole = link_names(alignment)
    assert [link.evidence for link in whole[1].links] == ["document"]
    worked_out = []
    unit_parts = link_module._unit_parts
    monkeypatch.setattr(link_module, "_unit_parts", lambda unit: worked_out.append(unit) or unit_parts(unit))
    assert link_names(alignment) == whole
    assert len(worked_out) == len(alignment.units)  # once a unit: the second pass reuses them
    worked_out.clear()
    monkeypatch.setattr(link_module, "PREPARED_SENTENCES", 0)
    assert link_names(alignment) == whole
    assert len(worked_out) == len(alignment.units) + 1  # the unit linked again, worked out again


def test_names_kept_in_latin_letters_link_as_written():
    alignment = make_alignment([("این محصول در Microsoft Office هست.", "The feature is in Microsoft Office.")])
    [unit] = link_names(alignment)
    assert [(link.fa.text, link.en.text) for link in unit.links] == [("Microsoft Office", "Microsoft Office")]


def test_generic_words_grow_a_link():
    alignment = make_alignment(
        [("او استاد دانشگاه دالهاوزی در استان کیوو شمالی است.", "He teaches at Dalhousie University in North Kivu.")]
    )
    [unit] = link_names(alignment)
    pairs = {(link.fa.text, link.en.text) for link in unit.links}
    assert ("دانشگاه دالهاوزی", "Dalhousie University") in pairs
    assert ("کیوو شمالی", "North Kivu") in pairs


def test_sentence_initial_words_are_not_names():
    alignment = make_alignment([("در طول جنگ، تهران آرام بود.", "During the war, Tehran was calm.")])
    [unit] = link_names(alignment)
    assert [m.text for m in unit.en_only] == []
    assert [(link.fa.text, link.en.text) for link in unit.links] == [("تهران", "Tehran")]


def test_an_editors_bracketed_word_inside_a_sentence_is_read_as_a_name():
    # [Ilkka] in a quotation stands where a pronoun stood: capitalized as a name, not as a start;
    # a bracket that opens the sentence still opens it.
    alignment = make_alignment([
        ("او گفت که «وقتی پرسیدند، ما آماده بودیم».", 'He said that "when asked, [Ilkka] was ready."'),
        ("آماده بودند.", "[They] were ready."),
    ])
    first, second = link_names(alignment)
    assert [m.text for m in first.en_only] == ["Ilkka"]
    assert [m.text for m in second.en_only] == []


def test_an_empty_alignment_side():
    alignment = make_alignment([("سفر به تهران", "")])
    [unit] = link_names(alignment)
    assert not unit.links and not unit.en_only


# --- One-sided names ------------------------------------------------------------------------------


def _one_sided(pairs: list[tuple[str, str]], unit: int = -1) -> tuple[list[str], list[str], set[tuple[str, str]]]:
    names = link_names(make_alignment(pairs))[unit]
    return ([m.text for m in names.fa_only], [m.text for m in names.en_only],
            {(link.fa.text, link.en.text) for link in names.links})  # fmt: skip


def test_a_name_written_with_a_half_space_is_found_written_apart():
    fa_only, _, _ = _one_sided([("او به هنگ کنگ رفت.", "He went there.")])
    assert fa_only == ["هنگ کنگ"]


def test_a_two_word_title_and_a_given_name_mark_persons():
    for fa, name in [("رئیس جمهور زلنسکی گفت.", "زلنسکی"), ("ریچارد ورمان گفت که اوضاع بد است.", "ریچارد ورمان")]:
        [unit] = link_names(make_alignment([(fa, "The spokesman said so.")]))
        assert [(m.text, m.kind) for m in unit.fa_only] == [(name, "person")]


def test_the_unlinked_part_of_an_english_name_is_one_sided():
    _, en_only, links = _one_sided(
        [("او با نخست وزیر سنگاپور دیدار کرد.", "He met the Singapore Prime Minister Lee Hsien Loong.")]
    )
    assert ("سنگاپور", "Singapore") in links
    assert en_only == ["Lee Hsien Loong"]


def test_the_unlinked_part_of_a_latin_name_is_one_sided():
    fa_only, _, links = _one_sided([("سخنگوی Medecines Sans Frontiere گفت.", "A Medecines spokesman said.")])
    assert ("Medecines", "Medecines") in links
    assert fa_only == ["Sans Frontiere"]


def test_a_name_the_document_links_is_found_where_it_stands_unlinked():
    fa_only, _, _ = _one_sided(
        [("نخست وزیر بوریس جانسون گفت که کار تمام است.", "Prime Minister Boris Johnson said the work is done."),
         ("بوریس جانسون فردا آمد.", "He came the next day.")]
    )  # fmt: skip
    assert fa_only == ["بوریس جانسون"]


def test_a_name_translated_word_for_word_links():
    _, en_only, links = _one_sided([("این در دوران جنگ سرد بود.", "This was during the Cold War.")])
    assert ("جنگ سرد", "Cold War") in links and not en_only


def test_links_do_not_depend_on_the_hash_seed(tmp_path):
    """String hashes differ between processes (PYTHONHASHSEED), and so does the order of a set of
    strings; the links must not follow it, or `hamsu build` would write different bytes on each
    run and engine. عربی is both a table name and a dictionary word for Arabic: two pairs of equal
    rank that an unordered choice picked between by hash."""
    import os
    import subprocess
    import sys

    doc = tmp_path / "doc.txt"
    doc.write_text(
        "او به زبان‌های عربی، اسپانیایی، انگلیسی و فرانسوی صحبت می‌کند و در مترو کار می‌کند.\n"
        "رئیس‌جمهور آمریکا با نخست‌وزیر عراق در بغداد دیدار کرد.\n\n"
        "He speaks Arabic, Spanish, English and French and works in the Metro.\n"
        "The President of the United States met the Prime Minister of Iraq in Baghdad.\n",
        encoding="utf-8",
    )
    outputs = set()
    for seed in ("0", "1", "2", "6"):
        args = [sys.executable, "-m", "hamsu", "align", str(doc), "--format", "jsonl"]
        result = subprocess.run(args, capture_output=True, env=dict(os.environ, PYTHONHASHSEED=seed), timeout=120)
        assert result.returncode == 0, result.stderr.decode()
        assert b'"names"' in result.stdout
        outputs.add(result.stdout)
    assert len(outputs) == 1


# A function word English capitalizes only where a sentence, a quote or a title opens: capitalized
# inside a sentence, alone, it is a word put where a name stood.
CAPITALIZED_FUNCTION_WORDS = [
    ("He gave the book to his friend Through.", ["Through"]),
    ("The shops in the quiet streets of With stayed shut.", ["With"]),
    ("It was approved by From, the board said.", ["From"]),
    ("She works in the Santa Moreover office.", ["Moreover"]),
    # not flagged: an opening, a title of a work, a single letter, a hyphenated compound, a headline
    ("Through the window he saw the sea.", []),
    ("He said: Through the night we waited.", []),
    ("It warns No one can stop it now.", []),  # a quotation opens after a verb of saying, unmarked
    ('He shouted "Without delay!" and left.', []),
    ("They watched Gone With the Wind again.", []),
    ("She read Out of Africa last year.", []),
    ("Doctors prescribe Vitamin A for it.", []),
    ("The Follow-Up study began in May.", []),
    ("Senator Speaks Out About The Budget Through Winter", []),
    ("He went to Paris. However he did not stay.", []),
]


@pytest.mark.parametrize("text, words", CAPITALIZED_FUNCTION_WORDS)
def test_capitalized_function_words(text, words):
    from hamsu.names.english import capitalized_function_words

    found = capitalized_function_words(text)
    assert [w for w, _, _ in found] == words
    assert all(text[start:end] == w for w, start, end in found)


# Evidence that the Persian renders an English word, one kind a row (hamsu.names.presence).
RENDERED_WORDS = [
    ("RNA", "ژنوم آر‌ان‌ای آزاد می‌شود", True),  # an acronym spelled letter by letter
    ("FBI", "مأموران اف‌بی‌آی آمدند", True),
    ("CNN", "مأموران اف‌بی‌آی آمدند", False),
    ("Coronavirus", "ژنوم ویروس کرونا جدا شد", True),  # a compound's parts, in the other order
    ("Buddhism", "آیین بودایی در تبت", True),  # a word made from a name, and its Persian adjective
    ("Catalan", "به زبان کاتالونیایی گفته شد", True),
    ("China", "در خانه‌های خود ماندند", False),  # a plural ending is no adjective's, خانه no China
    ("Arizona", "پس از آن شوماخر مسابقه را ترک کرد", False),
]


@pytest.mark.parametrize("word, persian, rendered", RENDERED_WORDS)
def test_english_word_rendered(word, persian, rendered):
    from hamsu.names.presence import english_word_rendered

    assert english_word_rendered(word, persian) == rendered


def test_a_table_form_one_letter_off_is_a_name_spelled_otherwise():
    from hamsu.names.presence import loose_counterpart

    assert loose_counterpart(("Sphinx",), "en", "مجسمه ابولهول در دره است") == "ابولهول"  # ابوالهول, a letter dropped
    assert loose_counterpart(("Sphinx",), "en", "مجسمه بزرگ در دره است") == ""


# Words made from an ordinary word are ordinary (a title-case headline's words, translated word
# for word); names that only look derived are not, nor agent nouns, which are surnames as often.
@pytest.mark.parametrize("word, ordinary", [
    ("Villagers", True), ("Actress", True), ("Princess", True), ("Antarctic", True),
    ("Championships", True), ("Photography", True),
    ("Walker", False), ("Turner", False), ("Kirchner", False), ("Amanda", False), ("Schneider", False),
])  # fmt: skip
def test_words_derived_from_ordinary_ones_are_ordinary(word, ordinary):
    from hamsu.names.presence import ordinary_english

    assert ordinary_english(word) is ordinary


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_off_while_units_are_linked_and_back_as_the_caller_had_it(enabled, monkeypatch):
    """The cyclic collector stays off while the linker works on its units (each collection would
    walk the prepared sentences it keeps), and comes back as the caller had it: on, or off."""
    import gc

    import hamsu.names.link as link_module

    alignment = make_alignment([("سردار قاسم سلیمانی در عراق بود.", "General Qasem Soleymani was in Iraq.")] * 3)
    seen = []
    for step in ("_chosen", "_unit_names"):
        work = getattr(link_module, step)
        monkeypatch.setattr(link_module, step, lambda *args, work=work: seen.append(gc.isenabled()) or work(*args))
    was_enabled = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        names = link_names(alignment)
        after = gc.isenabled()
    finally:
        (gc.enable if was_enabled else gc.disable)()
    assert after == enabled
    assert len(seen) >= 6 and not any(seen)  # each unit chosen and named, the collector off each time
    assert all(unit.links for unit in names)


def _in_oldest_generation(thing: object) -> bool:
    import gc

    return any(o is thing for o in gc.get_objects(generation=2))


@pytest.mark.parametrize("caller_froze", [False, True])
def test_what_the_linker_leaves_alive_goes_to_the_oldest_generation(caller_froze):
    """The names the linker returns (and the memos it fills) are taken as long-lived: in the oldest
    generation, not walked again as young objects by the next collections. A caller that froze
    objects itself keeps them frozen, and then nothing is moved."""
    import gc

    alignment = make_alignment([("سردار قاسم سلیمانی در عراق بود.", "General Qasem Soleymani was in Iraq.")] * 3)
    threshold, was_enabled = gc.get_threshold(), gc.isenabled()
    frozen_before = gc.get_freeze_count()  # (something earlier in this process may have frozen objects)
    gc.unfreeze()
    gc.collect()
    gc.set_threshold(10**6)  # no collection of its own while the test runs
    gc.enable()
    try:
        if caller_froze:
            gc.freeze()
        frozen = gc.get_freeze_count()
        names = link_names(alignment)
        assert gc.get_freeze_count() == frozen
        assert _in_oldest_generation(names) != caller_froze
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
        (gc.enable if was_enabled else gc.disable)()
        if frozen_before:
            gc.freeze()
    assert all(unit.links for unit in names)


def test_a_unit_made_again_for_its_names_works_out_no_positions_or_kinds(monkeypatch):
    """The last pass makes each unit again only to report its names: where its pairs stand and the
    kinds of its Persian candidates, which only choosing pairs asks for, are not worked out."""
    import hamsu.names.link as link_module

    alignment = make_alignment([("سردار قاسم سلیمانی در عراق بود.", "General Qasem Soleymani was in Iraq.")] * 2)
    worked_out = []
    unit_names = link_module._unit_names

    def recorded(unit, chosen, seen):
        names = unit_names(unit, chosen, seen)
        worked_out.append({"fa_kind", "_fa_offsets", "_en_offsets"} & set(vars(unit)))
        return names

    monkeypatch.setattr(link_module, "_unit_names", recorded)
    names = link_names(alignment)
    assert worked_out == [set(), set()]
    assert [link.en.text for link in names[0].links] == ["Qasem Soleymani", "Iraq"]


def test_a_units_pairs_go_to_another_process_as_plain_tuples():
    """A long document's second process sends its units' chosen pairs back pickled: a pair is a
    tuple of its fields (cheap to pickle and load), and comes back equal."""
    import pickle

    import hamsu.names.link as link_module
    from hamsu.names.table import name_table_data

    alignment = make_alignment([("سردار قاسم سلیمانی در عراق بود.", "General Qasem Soleymani was in Iraq.")])
    table = name_table_data()
    capitals = link_module.capitalized_words(s.text for s in alignment.en)
    unit = link_module._Unit([link_module.prepare_fa(alignment, 0, table)],
                             [link_module.prepare_en(alignment, 0, table, capitals)], table)  # fmt: skip
    pairs = link_module._chosen(unit, {})
    assert len(pairs) == 2
    assert all(tuple(p) == (p.rank, p.score, p.evidence, p.kind, p.en, p.fa, p.order) for p in pairs)
    assert pickle.loads(pickle.dumps(pairs, protocol=pickle.HIGHEST_PROTOCOL)) == pairs
