"""The reader table (hamsu.read.table): one place says which reader reads a file, and every
command and the build ask it, so they read the same files the same way."""
from __future__ import annotations

import gzip
import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from hamsu.api import read_documents
from hamsu.errors import InputError
from hamsu.read import read_path
from hamsu.read.table import BUILTIN_READERS, Reader, reader_for, reader_table, readers

ROOT = Path(__file__).resolve().parents[1]
RECORD = {"fa": "علی به تهران رفت. او دو کتاب خرید.", "en": "Ali went to Tehran. He bought two books."}


def hamsu(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hamsu", *map(str, args)], capture_output=True, timeout=300, cwd=ROOT)


def test_endings_and_sniffing_choose_the_reader():
    assert list(readers()) == ["text", "html", "jsonl", "jsonl.gz", "warc"]
    assert reader_for("crawl.WARC.gz").name == "warc" and reader_for("crawl.warc").crawl
    assert reader_for("a/b.TXT").name == "text"
    assert reader_for("page.XHTML").name == "html"
    assert reader_for("x.jsonl.gz").name == "jsonl.gz"  # the longest ending wins
    assert reader_for("x.gz").name == "text"
    assert reader_for("page", b"\xef\xbb\xbf  <!DOCTYPE html><html>").name == "html"
    assert reader_for("notes", b"<p>not a page</p>").name == "text"


def test_gzipped_json_lines_read_as_json_lines(tmp_path):
    """`hamsu align lines.jsonl.gz` once failed with "binary data (a NUL byte)"."""
    plain, packed = tmp_path / "lines.jsonl", tmp_path / "lines.jsonl.gz"
    plain.write_text(json.dumps(RECORD, ensure_ascii=False) + "\n", encoding="utf-8")
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    assert [d.texts for d in read_path(packed)] == [d.texts for d in read_path(plain)]
    result = hamsu("align", packed, "--format", "beads")
    assert result.returncode == 0, result.stderr.decode()
    assert [line.split(":")[:2] for line in result.stdout.decode().splitlines()] == [["[0]", "[0]"], ["[1]", "[1]"]]
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(packed.read_bytes()[:-6])
    with pytest.raises(InputError, match="broken.jsonl.gz: truncated gzip stream"):
        read_path(broken)


def test_an_xhtml_page_is_never_taken_for_one_side_of_a_pair(tmp_path):
    page = "<html><body><p>علی به تهران رفت.</p><p>Ali went to Tehran.</p></body></html>"
    a, b = tmp_path / "a.xhtml", tmp_path / "b.xhtml"
    a.write_text(page, encoding="utf-8")
    b.write_text(page, encoding="utf-8")
    assert len(list(read_documents([a, b]))) == 2


class Claims(Reader):
    name = "other-html"
    suffixes = (".html",)

    def documents(self, text, source, presplit=False):
        return []


class Nothing(Reader):
    name = "nothing"
    suffixes = (".nothing",)


class Fine(Reader):
    name = "fine"
    suffixes = (".fine",)

    def documents(self, text, source, presplit=False):
        return []


def test_a_reader_that_cannot_work_is_refused(caplog):
    with pytest.raises(ValueError, match=r"\.html is already read by 'html'"):
        reader_table([*BUILTIN_READERS, Claims()])
    with pytest.raises(ValueError, match="does not define documents"):
        reader_table([Nothing()])
    with caplog.at_level(logging.WARNING):
        plugins = [("'c' (p:C)", Claims()), ("'f' (p:F)", Fine()), ("'n' (p:N)", Nothing())]
        table = reader_table(BUILTIN_READERS, plugins)
    assert list(table)[-1] == "fine"
    messages = [r.getMessage() for r in caplog.records]
    assert messages == [
        "hamsu: warning: reader plugin 'c' (p:C) not loaded: reader 'other-html': .html is already read by 'html'",
        "hamsu: warning: reader plugin 'n' (p:N) not loaded: reader 'nothing' does not define documents()",
    ]


def test_a_crawl_read_as_a_document_says_what_it_is(tmp_path):
    """A WARC file is the reader table's too: commands pair its pages first, and reading it as a
    document is one line saying so (it used to be "binary data (a NUL byte)")."""
    crawl = tmp_path / "site.warc.gz"
    crawl.write_bytes(gzip.compress(b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n"))
    with pytest.raises(InputError, match=r"site\.warc\.gz: a crawl of pages, not documents: its pages are paired"):
        read_path(crawl)
    result = hamsu("check", crawl)
    assert result.returncode == 2
    assert result.stderr.decode().startswith(f"hamsu: error: {crawl}: a crawl of pages, not documents")
