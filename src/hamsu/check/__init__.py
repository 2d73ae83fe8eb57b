"""Translation checks: rules that flag problems in aligned units, each as a Flag with spans.

    >>> import hamsu
    >>> from hamsu.check import check_alignment
    >>> [alignment] = hamsu.align_paths(["examples/seed.txt"])
    >>> check_alignment(alignment)
    []

One module per family of rules; every rule has a name, a severity, a W3C ITS 2.0 issue type, a
scope (unit, document or corpus) and what it needs (names, a glossary), `score()` and
`accept(score)` (thresholds: base.THRESHOLDS). RULES lists them by name, in the order they run;
rules that other packages install (entry points in the group `hamsu.rules`) follow hamsu's own.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..collector import long_lived_left_alone
from ..parallel import split_units
from ..records import Alignment, Flag, UnitNames
from .base import ITS_TYPES, NEEDS, SCOPES, THRESHOLDS, UNIT_WINDOW, DocumentContext, Finding, Rule, UnitView, at_least
from .consistency import NameSpellingRule, SourceConsistencyRule
from .dates import DatesRule
from .glossary import Glossary, GlossaryEntry, GlossaryRule, load_glossary
from .names import NamesRule
from .numbers import NumbersRule
from .omission import LengthRatioRule, NullUnitRule
from .punctuation import PunctuationRule
from .table import PLUGIN_GROUP, plugin_rules, rule_table
from .untranslated import UntranslatedRule

# hamsu's rules, in the order they run and their flags are listed within a unit: the unit rules on
# each unit in turn, then the document rules, then (check_corpus) the corpus rules. Adding a rule
# is its module and one line here; its class says its scope and needs.
BUILTIN_RULES: tuple[Rule, ...] = (
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

RULES: dict[str, Rule] = rule_table(BUILTIN_RULES, plugin_rules())


def _selected(rules: Iterable[str] | None) -> list[Rule]:
    """The rules of RULES named in `rules` (all when None), in RULES's order."""
    if rules is None:
        return list(RULES.values())
    wanted = set(rules)
    unknown = wanted - set(RULES)
    if unknown:
        raise ValueError(f"unknown rules: {', '.join(sorted(unknown))}")
    return [rule for name, rule in RULES.items() if name in wanted]


def _ready(rules: Sequence[Rule], scope: str, given: dict[str, object]) -> list[Rule]:
    """The rules of `scope` whose needs are all given, configured with them."""
    return [
        rule.configured(**{need: given[need] for need in rule.needs})
        for rule in rules
        if rule.scope == scope and all(given.get(need) is not None for need in rule.needs)
    ]


def check_alignment(
    alignment: Alignment,
    names: tuple[UnitNames, ...] | None = None,
    glossary: Glossary | None = None,
    rules: Iterable[str] | None = None,
) -> list[Flag]:
    """Every flag of the unit and document rules for one aligned document, in unit order
    (document-level flags first; within a unit, in the order of RULES).

    `names`: one UnitNames per unit (hamsu.names.link_names), or None to skip the rules that need names.
    `glossary`: from load_glossary(), or None to skip the rules that need a glossary.
    `rules`: names from RULES to run (default: all that apply).
    """
    if names is not None and len(names) != len(alignment.units):
        raise ValueError(f"names has {len(names)} entries for {len(alignment.units)} units")
    with long_lived_left_alone():
        return _check_alignment(alignment, names, glossary, rules)


def _check_alignment(alignment: Alignment, names: tuple[UnitNames, ...] | None, glossary: Glossary | None,
                     rules: Iterable[str] | None) -> list[Flag]:
    selected = _selected(rules)
    given: dict[str, object] = {"names": names, "glossary": glossary}
    context = DocumentContext(alignment, names)
    flags: list[Flag] = []
    unit_rules = _ready(selected, "unit", given)
    if unit_rules:

        def check_units(start: int, end: int) -> list[Flag]:
            found: list[Flag] = []
            for index in range(start, end):
                view = UnitView(index, alignment.units[index], context)
                for rule in unit_rules:
                    found += rule.check(view)
                context.forget_before(index - UNIT_WINDOW)
            return found

        # A unit's flags depend on the document, not on which units were checked before it, so a
        # long document's units may be shared between two processes (hamsu.parallel).
        for rule in unit_rules:
            rule.prepare(context)
        flags += split_units(len(alignment.units), check_units)
    for rule in _ready(selected, "document", given):
        flags += rule.check_document(context)
    order = {name: rank for rank, name in enumerate(RULES)}
    flags.sort(key=lambda f: (f.unit if f.unit is not None else -1, order.get(f.rule, len(order))))
    return flags


def check_corpus(alignments: Iterable[Alignment], rules: Iterable[str] | None = None) -> list[Flag]:
    """The flags of the corpus rules, which need many documents (the same Persian sentence
    translated differently), in the order of RULES. `rules`: as for check_alignment. Nothing is
    given here to a corpus rule that needs names or a glossary, so such a rule is skipped."""
    corpus_rules = _ready(_selected(rules), "corpus", {})
    if not corpus_rules:
        return []
    alignments = list(alignments)
    return [flag for rule in corpus_rules for flag in rule.check_corpus(alignments)]


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
    "BUILTIN_RULES",
    "NEEDS",
    "PLUGIN_GROUP",
    "RULES",
    "SCOPES",
    "THRESHOLDS",
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
