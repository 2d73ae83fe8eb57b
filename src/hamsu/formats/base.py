"""The Writer: one output format, as the command line, the web exports, the store and the build read it.

A writer is a header, one piece of text per unit, and a footer; a format whose documents need more
than their units (the terminal view's document headings) writes `document()` itself. Every writer
is pure: documents in, text chunks out, and only its caller touches files.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..records import Alignment, Checked, Flag, Unit, UnitNames

Documents = Iterable[Alignment | Checked]


def as_checked(item: Alignment | Checked) -> Checked:
    if isinstance(item, Checked):
        return item
    return Checked(item, tuple(UnitNames() for _ in item.units), ())


def checked_documents(items: Documents) -> Iterator[Checked]:
    for item in items:
        yield as_checked(item)


def flags_by_unit(checked: Checked) -> list[list[Flag]]:
    """The flags of each unit, in unit order (document-level flags are not in any)."""
    found: list[list[Flag]] = [[] for _ in checked.alignment.units]
    for flag in checked.flags:
        if flag.unit is not None:
            found[flag.unit].append(flag)
    return found


class Writer:
    """An output format. Subclass it, set the attributes, write `unit()` (and `header()` /
    `footer()` where the format has them), and register an instance: a line in
    hamsu/formats/units.py BUILTIN_WRITERS for hamsu's own, an entry point in the group
    `hamsu.formats` for another package's."""

    name: str = ""  # what --format takes
    media_type: str = "text/plain; charset=utf-8"  # the Content-Type of a web export
    suffix: str = ""  # the file name's ending, with its dot: ".tmx"
    description: str = ""  # one line, for `hamsu plugins` and help texts
    # The format writes each unit's linked names or flags, so `hamsu align` links names and runs the
    # checks for it (and skips that work for one that writes neither, unless --check asks).
    carries_checks: bool = True
    # A file of units from any number of documents, whole with its header and footer: the web offers
    # it as an export, and `hamsu build` can write shards of it.
    exchange: bool = False

    def header(self) -> str:
        """The text before the first document."""
        return ""

    def footer(self) -> str:
        """The text after the last document."""
        return ""

    def unit(self, alignment: Alignment, unit: Unit, names: UnitNames, flags: list[Flag]) -> str:
        """The text of one unit ("" for a unit the format cannot hold)."""
        raise NotImplementedError(f"{type(self).__name__} does not define unit()")

    def units(self, checked: Checked) -> list[str]:
        """The text of each unit of a document, in unit order."""
        alignment = checked.alignment
        return [
            self.unit(alignment, unit, names, flags)
            for unit, names, flags in zip(alignment.units, checked.names, flags_by_unit(checked))
        ]

    def document(self, checked: Checked) -> Iterator[str]:
        """The chunks of one document: its units' text, by default."""
        for text in self.units(checked):
            if text:
                yield text

    def write(self, documents: Documents) -> Iterator[str]:
        """The whole output for these documents (Checked, or bare Alignments without names and flags)."""
        head = self.header()
        if head:
            yield head
        for checked in checked_documents(documents):
            yield from self.document(checked)
        tail = self.footer()
        if tail:
            yield tail

    __call__ = write

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"
