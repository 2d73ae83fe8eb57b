"""The writer table: every output format checked once when it is registered, then keyed by name.

A format is one module and one registration: a line in hamsu/formats/units.py BUILTIN_WRITERS for
hamsu's own, or an entry point in the group `hamsu.formats` for another package's (its value a
Writer subclass, or an instance), e.g. in that package's pyproject.toml:

    [project.entry-points."hamsu.formats"]
    csv = "my_package.formats:CsvWriter"

Everything that writes units (`hamsu align --format`, `hamsu export`, the web exports, the shards
of `hamsu build`) reads this table and nothing else. A writer that cannot work is refused when it
is registered: a built-in one is a programming error (ValueError); a plugin's is one warning line
naming it, and hamsu goes on without it.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

from ..errors import HamsuError
from .base import Writer

PLUGIN_GROUP = "hamsu.formats"


# A format's name is a path segment (/export/doc/1.NAME), a folder of shards and an option value.
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_SUFFIX = re.compile(r"^\.[A-Za-z0-9][A-Za-z0-9._-]*$")


def writer_problem(writer: object) -> str | None:
    """Why `writer` cannot be registered, or None when it can."""
    if not isinstance(writer, Writer):
        return f"{writer!r} is not a hamsu.formats.Writer"
    if not isinstance(writer.name, str) or not _NAME.match(writer.name):
        return f"{type(writer).__name__}: name {writer.name!r} is not lower-case letters, digits, - or _"
    if not isinstance(writer.suffix, str) or not _SUFFIX.match(writer.suffix):
        return f"format {writer.name!r}: suffix {writer.suffix!r} is not a file ending such as '.{writer.name}'"
    if not isinstance(writer.media_type, str) or "/" not in writer.media_type:
        return f"format {writer.name!r}: media type {writer.media_type!r} is not a type/subtype"
    for flag in ("carries_checks", "exchange"):
        if not isinstance(getattr(writer, flag), bool):
            return f"format {writer.name!r}: {flag} must be True or False"
    kind = type(writer)
    if kind.unit is Writer.unit and kind.document is Writer.document:
        return f"format {writer.name!r} does not define unit()"
    if writer.exchange and kind.unit is Writer.unit:
        return f"format {writer.name!r} is an exchange format (shards, web exports) but does not define unit()"
    return None


def writer_table(builtin: Iterable[Writer], plugins: Iterable[tuple[str, Writer]] = ()) -> dict[str, Writer]:
    """Writers keyed by name: the built-in ones, then the plugins' (each with the entry point it came
    from, for the warning when it is refused)."""
    from ..plugins import registry

    return registry("format", builtin, plugins, writer_problem)


def plugin_writers(group: str = PLUGIN_GROUP) -> Iterator[tuple[str, Writer]]:
    """(origin, writer) for each entry point of `group` that loads; one warning line for each that
    does not, never an exception."""
    from ..plugins import load_entry_points

    yield from load_entry_points(group, "format")


@functools.cache
def writers() -> dict[str, Writer]:
    """Every output format, hamsu's first, then the plugins' (loaded on the first call)."""
    from .units import BUILTIN_WRITERS

    return writer_table(BUILTIN_WRITERS, plugin_writers())


def exchange_formats() -> tuple[str, ...]:
    """The formats the web offers as exports and `hamsu build` can write as shards, in table order."""
    return tuple(name for name, w in writers().items() if w.exchange)


def builtin_exchange_formats() -> tuple[str, ...]:
    """hamsu's own exchange formats (TMX, TSV, JSON lines): the shards a build writes by default."""
    from .units import BUILTIN_WRITERS

    return tuple(w.name for w in BUILTIN_WRITERS if w.exchange)


def get_writer(name: str, what: str = "--format", exchange: bool = False) -> Writer:
    """The writer called `name`; a HamsuError listing the choices when there is none."""
    table = writers()
    found = table.get(name)
    if found is None or (exchange and not found.exchange):
        choices = exchange_formats() if exchange else tuple(table)
        raise HamsuError(f"{what} must be one of {', '.join(choices)}, not {name!r}")
    return found
