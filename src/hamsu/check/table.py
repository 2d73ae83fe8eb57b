"""The rule table: every rule checked once when it is registered, then keyed by name in run order.

A rule is one module and one registration: a line in hamsu/check/__init__.py for hamsu's own, or
an entry point in the group `hamsu.rules` for another package's (its value a Rule subclass, or an
instance), e.g. in that package's pyproject.toml:

    [project.entry-points."hamsu.rules"]
    my-rule = "my_package.rules:MyRule"

A rule that cannot run is refused when it is registered, not skipped when it would have run: a
built-in one is a programming error (ValueError); a plugin's is one warning line naming it, and
hamsu goes on without it.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..records import SEVERITIES
from .base import ITS_TYPES, NEEDS, SCOPES, THRESHOLDS, Rule

PLUGIN_GROUP = "hamsu.rules"


# The method a rule of each scope must write (for a unit rule, findings(), or check() itself).
_ENTRY = {"unit": "findings", "document": "check_document", "corpus": "check_corpus"}


def rule_problem(rule: object) -> str | None:
    """Why `rule` cannot be registered, or None when it can."""
    if not isinstance(rule, Rule):
        return f"{rule!r} is not a hamsu.check.Rule"
    if not rule.name or not isinstance(rule.name, str):
        return f"{type(rule).__name__} has no name"
    if rule.scope not in SCOPES:
        return f"rule {rule.name!r}: scope {rule.scope!r} is not one of {', '.join(SCOPES)}"
    unknown = set(rule.needs) - NEEDS
    if unknown:
        return f"rule {rule.name!r}: needs {', '.join(sorted(unknown))}, not among {', '.join(sorted(NEEDS))}"
    if rule.severity not in SEVERITIES:
        return f"rule {rule.name!r}: severity {rule.severity!r} is not one of {', '.join(SEVERITIES)}"
    if rule.its_type not in ITS_TYPES:
        return f"rule {rule.name!r}: {rule.its_type!r} is not a W3C ITS 2.0 issue type"
    if rule.name not in THRESHOLDS and rule.threshold is None:
        return f"rule {rule.name!r} has no threshold (set its `threshold`)"
    entry = _ENTRY[rule.scope]
    written = getattr(type(rule), entry) is not getattr(Rule, entry)
    if rule.scope == "unit":
        written = written or type(rule).check is not Rule.check
    if not written:
        return f"rule {rule.name!r} ({rule.scope} scope) does not define {entry}()"
    return None


def rule_table(builtin: Iterable[Rule], plugins: Iterable[tuple[str, Rule]] = ()) -> dict[str, Rule]:
    """Rules keyed by name, in the order given (the run order): the built-in ones, then the plugins'
    (each with the entry point it came from, for the warning when it is refused)."""
    from ..plugins import registry

    return registry("rule", builtin, plugins, rule_problem)


def plugin_rules(group: str = PLUGIN_GROUP) -> Iterator[tuple[str, Rule]]:
    """(origin, rule) for each entry point of `group` that loads; one warning line for each that
    does not (an import error, an exception in the rule's constructor), never an exception."""
    from ..plugins import load_entry_points

    yield from load_entry_points(group, "rule")
