"""The names rule's early exits, against what the rule computed without them: a name is searched
for a swapped word only where one of its words is in no other unit of the document."""
from __future__ import annotations

from hamsu.check.names import NamesRule
from hamsu.names import presence
from hamsu.pipeline import check_document
from hamsu.read.aligned import aligned_pairs


def _names_flags(pairs: list[tuple[str, str]]) -> list[tuple[int | None, str, str]]:
    checked = check_document(aligned_pairs(pairs, "doc"))
    return [(f.unit, f.severity, f.evidence) for f in checked.flags if f.rule == NamesRule.name]


SWAPPED = ("کمیسیون ملی انرژی این طرح را تایید کرد.", "The National Energy Foundation approved the plan.")


def _spy_swapped_parts(monkeypatch) -> list[str]:
    asked: list[str] = []
    real = presence.swapped_parts

    def spy(text, *args, **kwargs):
        asked.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(presence, "swapped_parts", spy)
    return asked


def test_a_swapped_word_found_nowhere_else_is_still_reported(monkeypatch):
    asked = _spy_swapped_parts(monkeypatch)
    flags = _names_flags([SWAPPED])
    assert asked == ["National Energy Foundation"]
    assert any(severity == "warning" and "'Foundation' rendered by nothing" in evidence
               for _, severity, evidence in flags)  # fmt: skip


def test_a_name_whose_words_recur_elsewhere_is_not_searched_for_a_swap(monkeypatch):
    # Foundation is in another unit of the document: it is no word put in another's place, so
    # the Persian side need not be searched for one.
    pairs = [SWAPPED, ("بنیاد ملی انرژی کار خود را آغاز کرد.", "The National Energy Foundation began its work.")]
    expected = _names_flags(pairs)
    asked = _spy_swapped_parts(monkeypatch)
    assert _names_flags(pairs) == expected
    assert asked == []
    assert not any("rendered by nothing while the name's other words are" in e for _, _, e in expected)
