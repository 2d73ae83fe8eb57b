"""The Python API behind the command line: each command is a function here.

    >>> import hamsu
    >>> [a] = hamsu.align_paths(["examples/seed.txt"])
    >>> len(a.units)
    8
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from os import PathLike

from .errors import InputError
from .pipeline import align_document, process_document
from .records import Alignment, Checked, Document

Path = str | PathLike[str]


def read_documents(
    paths: Sequence[Path], pair: bool | None = None, presplit: bool = False, encoding: str = "utf-8"
) -> Iterator[Document]:
    """The documents of the inputs. Two inputs with one language each are a Persian file and its
    English translation (say so with pair=True, or forbid it with pair=False)."""
    from .read import read_pair_paths, read_path

    if not paths:
        raise InputError("no input files")
    if pair or (pair is None and len(paths) == 2):
        if len(paths) != 2:
            raise InputError(f"--pair takes two files (Persian, English), not {len(paths)}")
        first, second = _languages(paths, presplit, encoding)
        if pair or {first, second} == {"fa", "en"}:
            swapped = first == "en" or (first is None and second == "fa")
            fa_path, en_path = paths[::-1] if swapped else paths
            yield read_pair_paths(fa_path, en_path, encoding, presplit)
            return
    for path in paths:
        yield from read_path(path, encoding, presplit)


def _languages(paths: Sequence[Path], presplit: bool, encoding: str) -> list[str | None]:
    """The language each file is predominantly in ("fa", "en"), or None: mixed, or a kind of file
    that is never one side of a pair (the reader table's: HTML, JSON lines)."""
    from .read import predominant_language, read_path
    from .read.table import reader_by_suffix

    langs: list[str | None] = []
    for path in paths:
        known = reader_by_suffix(path)
        if known is not None and not known.pairable:
            langs.append(None)
            continue
        [doc] = read_path(path, encoding, presplit, require_both=False)
        langs.append(predominant_language(doc))
    return langs


def align_paths(
    paths: Sequence[Path], pair: bool | None = None, presplit: bool = False, encoding: str = "utf-8"
) -> Iterator[Alignment]:
    """`hamsu align`: read, normalize, split and align each input document."""
    for document in read_documents(paths, pair, presplit, encoding):
        yield align_document(document, presplit=presplit)


def process_paths(
    paths: Sequence[Path],
    pair: bool | None = None,
    presplit: bool = False,
    encoding: str = "utf-8",
    glossary: Path | None = None,
    check: bool = True,
) -> Iterator[Checked]:
    """`hamsu align` with its checks (and `hamsu check`): each document aligned, its names linked
    and its units checked. `glossary`: a TSV, CSV or TBX file for the glossary rule."""
    loaded = None
    if glossary is not None:
        from .check import load_glossary

        loaded = load_glossary(glossary)
    for document in read_documents(paths, pair, presplit, encoding):
        yield process_document(document, presplit=presplit, glossary=loaded, check=check)
