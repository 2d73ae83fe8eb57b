"""Two one-language files: each is read once and its language decided once, from its whole text (issue 14)."""
from __future__ import annotations

import pytest

import hamsu.read.files as files
import hamsu.read.presplit as presplit
from hamsu.api import read_documents
from hamsu.errors import InputError
from hamsu.read.language import text_language

FA_LINES = ["این یک جمله است.", "دومین جمله اینجاست.", "و جملهٔ سوم کوتاه است."] * 20
EN_LINES = ["This is a sentence.", "The second sentence is here.", "And the third is short."] * 20


@pytest.fixture
def pair_files(tmp_path):
    fa, en = tmp_path / "a.txt", tmp_path / "b.txt"
    fa.write_text("\n".join(FA_LINES) + "\n", encoding="utf-8")
    en.write_text("\n".join(EN_LINES) + "\n", encoding="utf-8")
    return fa, en


@pytest.fixture
def counted(monkeypatch):
    calls = {"read": 0, "line language": 0}
    read_text, line_language = files.read_stream_text, presplit.block_language

    def reading(*args, **kwargs):
        calls["read"] += 1
        return read_text(*args, **kwargs)

    def detecting(text):
        calls["line language"] += 1
        return line_language(text)

    monkeypatch.setattr(files, "read_stream_text", reading)
    monkeypatch.setattr(presplit, "block_language", detecting)
    return calls


@pytest.mark.parametrize("swap", [False, True])
def test_a_presplit_pair_is_read_once_without_a_language_per_line(pair_files, counted, swap):
    paths = list(pair_files[::-1] if swap else pair_files)
    [doc] = read_documents(paths, presplit=True)
    assert doc.source == f"{pair_files[0]} + {pair_files[1]}"  # the Persian file first, whichever came first
    assert counted == {"read": 2, "line language": 0}
    assert [doc.texts[b.source][b.start : b.end] for b in doc.blocks] == FA_LINES + EN_LINES


def test_two_bilingual_files_are_not_a_pair_and_still_read_once(tmp_path, counted):
    text = "\n\n".join(FA_LINES[:3]) + "\n\n" + "\n\n".join(EN_LINES[:3]) + "\n"
    paths = [tmp_path / "one.txt", tmp_path / "two.txt"]
    for path in paths:
        path.write_text(text, encoding="utf-8")
    docs = list(read_documents(paths))
    assert [d.source for d in docs] == list(map(str, paths)) and counted["read"] == 2


def test_an_empty_side_is_named(tmp_path, pair_files):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(InputError, match="empty.txt: empty"):
        list(read_documents([pair_files[0], empty], pair=True, presplit=True))


@pytest.mark.parametrize(
    "text, lang",
    [
        ("این یک متن فارسی است و چند کلمه دارد.", "fa"),
        ("An English text, with (IRGC) ۱۲ numbers.", "en"),
        ("هذا نص عربي في الكتاب الذي كان على الطاولة.", None),  # Arabic script, Arabic words
        ("Half of it is English, this line.\n" + "و نیمی از آن فارسی است، این خط.", None),
        ("این متن کوتاه فارسی یک برچسب <script>alert(1)</script> دارد.", "fa"),  # the line is Persian
        ("12 34 !", None),
    ],
)
def test_text_language(text, lang):
    assert text_language(text, 0.8) == lang


def test_a_one_line_paragraph_has_its_language_detected_once(monkeypatch):
    import hamsu.read.blocks as blocks
    from hamsu.read import read_document

    seen: list[str] = []
    detect = blocks.block_language
    monkeypatch.setattr(blocks, "block_language", lambda text: seen.append(text) or detect(text))
    text = "\n\n".join(FA_LINES[:3]) + "\n\n" + "\n\n".join(EN_LINES[:3]) + "\n"
    doc = read_document(text, "doc.txt")
    assert sorted(seen) == sorted(FA_LINES[:3] + EN_LINES[:3])  # each line once, the block not again
    assert [b.lang for b in doc.blocks if b.kind == "paragraph"] == ["fa"] * 3 + ["en"] * 3
