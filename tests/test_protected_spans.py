"""The normalizer finds protected spans (URLs, e-mails, hashtags, mentions) line by line, only in
lines that hold their marks: the same spans as the pattern over the whole text (issue 14)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hamsu.persian.normalize import _PROTECTED, _protected_spans

PIECES = ["a", "b", "ای", "۱", "_", ".", "+", "-", "@", "#", ":", "/", "www.", "http://", "https://", "ftp://",
          " ", "\n", "\t", "\u200c", "«", "»", "\u2028", "\x85", "\r\n"]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_the_same_spans_as_the_whole_text(text):
    assert _protected_spans(text) == [m.span() for m in _PROTECTED.finditer(text)]


def test_spans_of_marks_on_later_lines():
    text = "سلام دنیا\nنشانی www.example.com و #برچسب\nبی‌نشان\nnames@example.org @someone\n"
    spans = _protected_spans(text)
    assert [text[s:e] for s, e in spans] == ["www.example.com", "#برچسب", "names@example.org", "@someone"]
