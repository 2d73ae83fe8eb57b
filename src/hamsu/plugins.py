"""Entry points: how other packages add readers, output formats and check rules to hamsu.

Each extension point is a table owned by its package (read/table.py, formats/table.py,
check/table.py) that loads the entry points of its group here. A plugin that cannot be loaded (an
import error, an exception in its constructor) is one warning line naming it, never a crash; a
plugin that loads but cannot work is refused by its table with a warning of the same form.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any

log = logging.getLogger("hamsu.plugins")

# group -> what one of its entries is, in the warnings and in `hamsu plugins`
GROUPS = {"hamsu.readers": "reader", "hamsu.formats": "format", "hamsu.rules": "rule"}


def origin_of(point: Any) -> str:
    return f"{point.name!r} ({point.value})"


def load_entry_points(group: str, kind: str) -> Iterator[tuple[str, Any]]:
    """(origin, object) for each entry point of `group` that loads: a class is instantiated, an
    instance taken as it is. One warning line for each that does not load, never an exception."""
    from importlib.metadata import entry_points

    for point in entry_points(group=group):
        origin = origin_of(point)
        try:
            loaded = point.load()
            value = loaded() if isinstance(loaded, type) else loaded
        except Exception as e:  # a broken plugin must not stop hamsu: say which, and go on
            message = " ".join(str(e).split())
            log.warning("hamsu: warning: %s plugin %s not loaded: %s%s", kind, origin, type(e).__name__,
                        f": {message}" if message else "")  # fmt: skip
            continue
        yield origin, value


def distribution_of(point: Any) -> str:
    """The package (distribution) an entry point comes from, "name version"."""
    dist = getattr(point, "dist", None)
    if dist is None:
        return "?"
    return f"{dist.metadata['Name']} {dist.version}"


def packages_by_name(group: str) -> dict[str, str]:
    """The name each loadable entry point of `group` registers (the `name` of the object it loads)
    -> the package it comes from. Entry points that do not load are left out silently: the table
    that loaded them has said so once already."""
    from importlib.metadata import entry_points

    found: dict[str, str] = {}
    for point in entry_points(group=group):
        try:
            loaded = point.load()
            value = loaded() if isinstance(loaded, type) else loaded
            name = value.name
        except Exception:  # noqa: BLE001 - reported by the table when it loaded
            continue
        if isinstance(name, str):
            found.setdefault(name, distribution_of(point))
    return found


def registry(
    kind: str,
    builtin: Iterable[Any],
    plugins: Iterable[tuple[str, Any]],
    problem_of: Callable[[Any], str | None],
    conflict: Callable[[Any], str | None] | None = None,
    on_add: Callable[[Any], None] | None = None,
) -> dict[str, Any]:
    """One extension table, keyed by each entry's `name`, in the order given: hamsu's own entries
    (a refused one is a ValueError: hamsu's own code is wrong), then the plugins' (a refused one is
    one warning line naming its entry point, and is left out).

    `problem_of(entry)` says why an entry cannot work, or None; attributes that cannot even be
    read count as a problem. `conflict(entry)` says why it clashes with what the table holds
    already (beyond a name taken twice); `on_add(entry)` records what it claims once accepted.
    """
    table: dict[str, Any] = {}

    def refusal(entry: Any) -> str | None:
        try:
            problem = problem_of(entry)
        except Exception as e:  # attributes of the wrong type: refused like the rest
            return f"{type(e).__name__}: {' '.join(str(e).split())}"
        if problem is None and entry.name in table:
            return f"{kind} {entry.name!r} is already registered"
        if problem is None and conflict is not None:
            return conflict(entry)
        return problem

    def add(entry: Any) -> None:
        table[entry.name] = entry
        if on_add is not None:
            on_add(entry)

    for entry in builtin:
        problem = refusal(entry)
        if problem is not None:
            raise ValueError(problem)
        add(entry)
    for origin, entry in plugins:
        problem = refusal(entry)
        if problem is not None:
            log.warning("hamsu: warning: %s plugin %s not loaded: %s", kind, origin, problem)
            continue
        add(entry)
    return table
