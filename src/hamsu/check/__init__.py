"""Translation checks: rules that flag problems in aligned units, each as a Flag with spans.

    >>> import hamsu
    >>> from hamsu.check import check_alignment
    >>> [alignment] = hamsu.align_paths(["examples/seed.txt"])
    >>> check_alignment(alignment)
    []

One module per family of rules; every rule has a name, a severity, a W3C ITS 2.0 issue type,
`score()` and `accept(score)` (thresholds: base.THRESHOLDS). RULES lists them by name.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..records import Alignment, Flag, UnitNames
from .base import ITS_TYPES, THRESHOLDS, DocumentContext, Finding, Rule, UnitView, at_least
from .consistency import NameSpellingRule, SourceConsistencyRule
from .dates import DatesRule
from .glossary import Glossary, GlossaryEntry, GlossaryRule, load_glossary
from .names import NamesRule
from .numbers import NumbersRule
from .omission import LengthRatioRule, NullUnitRule
from .punctuation import PunctuationRule
from .untranslated import UntranslatedRule

RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in (
        NumbersRule(),
        DatesRule(),
        NamesRule(),
        NullUnitRule(),
        LengthRatioRule(),
        UntranslatedRule(),
        GlossaryRule(),
        PunctuationRule(),
        NameSpellingRule(),
        SourceConsistencyRule(),
    )
}
# Rules run on each unit by check_alignment; the last two look across units and documents.
UNIT_RULES = ("numbers", "dates", "names", "null-unit", "length-ratio", "untranslated", "glossary", "punctuation")


def check_alignment(
    alignment: Alignment,
    names: tuple[UnitNames, ...] | None = None,
    glossary: Glossary | None = None,
    rules: Iterable[str] | None = None,
) -> list[Flag]:
    """Every flag for one aligned document, in unit order.

    `names`: one UnitNames per unit (hamsu.names.link_names), or None to skip the name rules.
    `glossary`: from load_glossary(), or None to skip the glossary rule.
    `rules`: names from RULES to run (default: all that apply).
    """
    if names is not None and len(names) != len(alignment.units):
        raise ValueError(f"names has {len(names)} entries for {len(alignment.units)} units")
    wanted = set(rules) if rules is not None else set(RULES)
    unknown = wanted - set(RULES)
    if unknown:
        raise ValueError(f"unknown rules: {', '.join(sorted(unknown))}")
    active: list[Rule] = []
    for name in UNIT_RULES:
        if name not in wanted or (name == "names" and names is None) or (name == "glossary" and glossary is None):
            continue
        active.append(GlossaryRule(glossary) if name == "glossary" else RULES[name])
    context = DocumentContext(alignment, names)
    flags: list[Flag] = []
    for index, unit in enumerate(alignment.units):
        view = UnitView(index, unit, context)
        for rule in active:
            flags += rule.check(view)
    if names is not None and "name-spelling" in wanted:
        flags += RULES["name-spelling"].check_document(alignment, names)  # type: ignore[attr-defined]
    flags.sort(key=lambda f: (f.unit if f.unit is not None else -1, UNIT_RULES.index(f.rule) if f.rule in UNIT_RULES
                              else len(UNIT_RULES)))  # fmt: skip
    return flags


def check_corpus(alignments: Iterable[Alignment]) -> list[Flag]:
    """Flags that need many documents: the same Persian sentence translated differently."""
    return RULES["source-consistency"].check_corpus(alignments)  # type: ignore[attr-defined]


def flag_record(flag: Flag) -> dict[str, Any]:
    """A flag as a JSON-ready dict (spans as lists of [start, end])."""
    return {
        "rule": flag.rule,
        "severity": flag.severity,
        "its_type": flag.its_type,
        "message": flag.message,
        "fa_spans": [list(s) for s in flag.fa_spans],
        "en_spans": [list(s) for s in flag.en_spans],
        "unit": flag.unit,
        "score": round(flag.score, 4),
        "doc": flag.doc,
        "evidence": flag.evidence,
    }


__all__ = [
    "ITS_TYPES",
    "RULES",
    "THRESHOLDS",
    "UNIT_RULES",
    "DatesRule",
    "DocumentContext",
    "Finding",
    "Glossary",
    "GlossaryEntry",
    "GlossaryRule",
    "LengthRatioRule",
    "NameSpellingRule",
    "NamesRule",
    "NullUnitRule",
    "NumbersRule",
    "PunctuationRule",
    "Rule",
    "SourceConsistencyRule",
    "UnitView",
    "UntranslatedRule",
    "at_least",
    "check_alignment",
    "check_corpus",
    "flag_record",
    "load_glossary",
]
