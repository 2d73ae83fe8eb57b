"""Reading a pre-split pair in one scan a file: the same blocks and the same swap check as before."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamsu.errors import InputError
from hamsu.read.blocks import PARAGRAPH, line_spans, trim
from hamsu.read.language import block_language, language_of, reads_as_english
from hamsu.read.pair import read_pair
from hamsu.read.presplit import presplit_blocks
from hamsu.records import Block

LINES = "ab Zé" + "سلام پژوهش" + "يكة" + "ñ中Ω" + "123.," + " \t\u00a0\u3000" + "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
texts = st.text(alphabet=LINES, max_size=120)


def reference_blocks(text: str, source: int, lang: str | None) -> tuple[Block, ...]:
    """presplit_blocks as first written: every line split off, then trimmed."""
    blocks = []
    for start, end in line_spans(text):
        span = trim(text, start, end)
        if span is not None:
            blocks.append(Block(lang or block_language(text[span[0] : span[1]]), PARAGRAPH, *span, source))
    return tuple(blocks)


@settings(max_examples=400, deadline=None)
@given(texts, st.sampled_from([None, "fa", "en"]), st.integers(0, 1))
def test_presplit_blocks_as_lines_split_then_trimmed(text: str, lang: str | None, source: int) -> None:
    assert presplit_blocks(text, source, lang) == reference_blocks(text, source, lang)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_reads_as_english_is_language_of(text: str) -> None:
    assert reads_as_english(text) == (language_of(text) == "en")


def test_swapped_presplit_files_are_still_refused() -> None:
    fa = "This is English.\nSo is this line.\n"
    en = "این یک جمله است.\nدومین جمله اینجاست.\n"
    with pytest.raises(InputError, match="swapped"):
        read_pair(fa, en, "x", presplit=True)
    document = read_pair(en, fa, "x", presplit=True)
    assert [b.lang for b in document.blocks] == ["fa", "fa", "en", "en"]


@settings(max_examples=300, deadline=None)
@given(texts, st.sampled_from([0.5, 0.8]))
def test_text_language_from_counted_scripts_is_the_same(text: str, share: float) -> None:
    from hamsu.read.language import text_language, text_scripts

    scripts = text_scripts(text)
    assert text_language(text, share, scripts) == text_language(text, share)
    assert reads_as_english(text, scripts) == reads_as_english(text)
    assert (scripts.arabic, scripts.latin) == (
        sum(text_scripts(line).arabic for line in text.splitlines()),
        sum(text_scripts(line).latin for line in text.splitlines()),
    )


PERSIAN_FILE = "این یک جمله است.\nدومین جمله درباره پژوهش است.\n" * 5
ARABIC_FILE = "هذه جملة في الكتاب.\nقال إن المدينة على النهر.\n" * 5
ENGLISH_FILE = "This is a sentence.\nThe second one is about research.\n" * 5


@pytest.mark.parametrize(
    ("first", "second", "persian"),
    [(PERSIAN_FILE, ENGLISH_FILE, 0), (ENGLISH_FILE, PERSIAN_FILE, 1), (ARABIC_FILE, PERSIAN_FILE, 1)],
)
def test_pair_order_with_pair_declared(tmp_path, monkeypatch, first, second, persian):
    import hamsu.read.language as language
    from hamsu.api import read_documents

    paths = [tmp_path / "one.txt", tmp_path / "two.txt"]
    paths[0].write_text(first, encoding="utf-8")
    paths[1].write_text(second, encoding="utf-8")
    scans = []
    word_scan = language._persian_or_arabic
    monkeypatch.setattr(language, "_persian_or_arabic", lambda text: scans.append(text) or word_scan(text))
    [document] = read_documents(paths, pair=True, presplit=True)
    assert document.texts[0] == (first, second)[persian]
    if second == ENGLISH_FILE:  # the Persian file's words need not be looked at: English follows it
        assert scans == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab Zé۱ سلامگ\u200c-'\n\u0300ßİ"), max_size=40))
def test_letter_runs_are_the_runs_of_the_class_written_with_a_repeat(text):
    # letter_runs writes [X][X]* (the engine skips to the class's characters): the same runs as [X]+.
    import re

    from hamsu.read.language import ARABIC_RANGES, LATIN_RANGES, letter_class, letter_runs

    for ranges in (LATIN_RANGES, ARABIC_RANGES):
        plain = re.compile(letter_class(*ranges) + "+")
        assert [m.span() for m in letter_runs(*ranges).finditer(text)] == [m.span() for m in plain.finditer(text)]
