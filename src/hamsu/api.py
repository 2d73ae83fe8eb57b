"""The Python API behind the command line: each command is a function here.

    >>> import hamsu
    >>> [a] = hamsu.align_paths(["examples/seed.txt"])
    >>> len(a.units)
    8
"""
from __future__ import annotations

import itertools
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
    from .read import read_pair, read_path, require_both_languages, require_text
    from .read.document import PREDOMINANT_SHARE
    from .read.files import read_plain_text, reader_of
    from .read.language import text_language, text_scripts

    if not paths:
        raise InputError("no input files")
    if pair or (pair is None and len(paths) == 2):
        if len(paths) != 2:
            raise InputError(f"--pair takes two files (Persian, English), not {len(paths)}")
        # A kind of file that is never one side of a pair (the reader table's: HTML, JSON lines)
        # is read by its reader, unless --pair says otherwise.
        readers = [reader_of(path) for path in paths]
        if pair or all(reader.pairable for reader in readers):
            # Each file is read once, and its language decided once from its whole text: its
            # letters counted by script, and Persian told from Arabic (every word looked at)
            # only where the answer can change what is done.
            texts = [read_plain_text(path, encoding) for path in paths]
            scripts = [text_scripts(text) for text in texts]
            known: dict[int, str | None] = {}

            def language(k: int) -> str | None:
                if k not in known:
                    known[k] = text_language(texts[k], PREDOMINANT_SHARE, scripts[k])
                return known[k]

            if pair or {language(0), language(1)} == {"fa", "en"}:
                # first == "en", or first is None and second == "fa" (where the second is English,
                # the first's Persian-or-Arabic cannot matter)
                first_english = scripts[0].predominant(PREDOMINANT_SHARE) == "latin"
                swapped = first_english or (language(1) == "fa" and language(0) is None)
                order = (1, 0) if swapped else (0, 1)
                (fa_path, fa_text), (en_path, en_text) = ((paths[k], texts[k]) for k in order)
                require_text(fa_text, str(fa_path))
                require_text(en_text, str(en_path))
                document = read_pair(
                    fa_text, en_text, f"{fa_path} + {en_path}", presplit=presplit, fa_scripts=scripts[order[0]]
                )
                require_both_languages(document)
                yield document
                return
            for path, reader, text in zip(paths, readers, texts):
                for document in reader.documents(text, str(path), presplit):
                    require_both_languages(document)
                    yield document
            return
    for path in paths:
        yield from read_path(path, encoding, presplit)


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
    progress=None,
) -> Iterator[Checked]:
    """`hamsu align` with its checks (and `hamsu check`): each document aligned, its names linked
    and its units checked. `glossary`: a TSV, CSV or TBX file for the glossary rule.
    `progress(stage, done, total)`, if given, is told how far each document has got."""
    loaded = None
    if glossary is not None:
        from .check import load_glossary

        loaded = load_glossary(glossary)
    if progress is None:
        for document in read_documents(paths, pair, presplit, encoding):
            yield process_document(document, presplit=presplit, glossary=loaded, check=check)
        return
    documents = read_documents(paths, pair, presplit, encoding)
    for done in itertools.count():
        progress("reading documents", done, 0)  # how many the inputs hold is known only at the end
        document = next(documents, None)
        if document is None:
            return
        yield process_document(document, presplit=presplit, glossary=loaded, check=check, progress=progress)
