"""Text that is already aligned: two files read line i with line i, or the JSON lines `hamsu align`
writes. `hamsu check` reads these to check a corpus someone else aligned.

Each becomes an Alignment over a two-text Document (Persian text 0, English text 1), a block and
a sentence per line, so the checks report spans as they do for documents hamsu aligned itself:
into the files for a file pair; for JSON lines, into the record's "fa" / "en" strings (the
caller maps them back with `AlignedJsonl.place`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from os import PathLike

from ..errors import InputError
from ..persian.normalize import normalize_detailed
from ..records import EN, FA, Alignment, Block, Document, Sentence, Unit, offset_shifts
from .jsonl import parse_line


def aligned_pairs(
    pairs: Sequence[tuple[str, str]], doc_id: str = "doc", source: str | None = None, scores: Sequence[float] = ()
) -> Alignment:
    """An Alignment of (Persian, English) lines taken as they are: unit i is line i of each side,
    an empty side makes a null unit. Texts are the lines joined by "\\n"; Persian sentence texts are
    normalized, as the pipeline makes them, while offsets point into the lines as given."""
    texts = ("\n".join(fa for fa, _ in pairs), "\n".join(en for _, en in pairs))
    blocks: list[Block] = []
    sentences: dict[str, list[Sentence]] = {FA: [], EN: []}
    units: list[Unit] = []
    position = [0, 0]
    for n, pair in enumerate(pairs):
        ids: dict[str, tuple[int, ...]] = {FA: (), EN: ()}
        for side, (lang, line) in enumerate(zip((FA, EN), pair)):
            start = position[side]
            position[side] += len(line) + 1
            if not line.strip():
                continue
            blocks.append(Block(lang, "paragraph", start, start + len(line), side))
            if lang == FA:  # the normalizer's map kept, so that names and checks need not normalize again
                normalized = normalize_detailed(line)
                sentence = Sentence(lang, normalized.text, start, start + len(line), len(blocks) - 1, side,
                                    offset_shifts(normalized.offset_map))  # fmt: skip
            else:
                sentence = Sentence(lang, line, start, start + len(line), len(blocks) - 1, side)
            sentences[lang].append(sentence)
            ids[lang] = (len(sentences[lang]) - 1,)
        units.append(Unit(ids[FA], ids[EN], scores[n] if n < len(scores) else 1.0))
    document = Document(doc_id, source or doc_id, texts, tuple(blocks), (("format", "aligned"),))
    return Alignment(document, tuple(sentences[FA]), tuple(sentences[EN]), tuple(units))


def _lines(text: str) -> list[str]:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the file's final line break ends the last line, it does not start one
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def read_aligned_files(
    fa_path: str | PathLike[str], en_path: str | PathLike[str], encoding: str = "utf-8"
) -> Alignment:
    """Two files, line i of one the translation of line i of the other. Spans point into the files."""
    from .files import read_plain_text

    fa_lines = _lines(read_plain_text(fa_path, encoding))
    en_lines = _lines(read_plain_text(en_path, encoding))
    if len(fa_lines) != len(en_lines):
        raise InputError(
            f"{fa_path} has {len(fa_lines)} lines but {en_path} has {len(en_lines)}: --aligned pairs line i with line i"
        )
    if not any(line.strip() for line in fa_lines + en_lines):
        raise InputError(f"{fa_path}, {en_path}: no text")
    return aligned_pairs(list(zip(fa_lines, en_lines)), f"{fa_path}|{en_path}", f"{fa_path} + {en_path}")


def is_aligned_jsonl(text: str) -> bool:
    """Whether JSON lines are `hamsu align` output (units with sentence ids), not documents."""
    for line in text.split("\n"):
        if line.strip():
            try:
                record = json.loads(line)
            except (json.JSONDecodeError, RecursionError):
                return False
            return isinstance(record, dict) and "fa_ids" in record and "en_ids" in record
    return False


@dataclass(frozen=True, slots=True)
class AlignedJsonl:
    """One document's units from `hamsu align --format jsonl` output, and where each came from."""

    alignment: Alignment
    lines: tuple[int, ...]  # the input line of each unit

    def place(self, unit: int, span: tuple[int, int], lang: str) -> tuple[int, int]:
        """A span of the document's text as a span of the unit's own "fa" / "en" string."""
        sentences = self.alignment.fa if lang == FA else self.alignment.en
        ids = self.alignment.units[unit].fa if lang == FA else self.alignment.units[unit].en
        start = sentences[ids[0]].start if ids else 0
        return span[0] - start, span[1] - start


def read_aligned_jsonl(text: str, source: str) -> Iterator[AlignedJsonl]:
    """The documents of `hamsu align --format jsonl` output: consecutive units with the same "doc"
    make one document. A malformed line is an error naming it."""
    group: list[tuple[int, str, str, float]] = []
    doc = None
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        record = parse_line(line, where)
        if (
            not isinstance(record, dict)
            or not isinstance(record.get("fa"), str)
            or not isinstance(record.get("en"), str)
        ):
            raise InputError(f'{where}: expected an aligned unit with string "fa" and "en" fields')
        score = record.get("score", 1.0)
        if not isinstance(score, int | float):
            raise InputError(f'{where}: "score" is not a number')
        key = str(record.get("doc", ""))
        if group and key != doc:
            yield _jsonl_document(group, doc or source, source)
            group = []
        doc = key
        group.append((number, record["fa"].replace("\n", " "), record["en"].replace("\n", " "), float(score)))
    if group:
        yield _jsonl_document(group, doc or source, source)


def _jsonl_document(group: list[tuple[int, str, str, float]], doc_id: str, source: str) -> AlignedJsonl:
    alignment = aligned_pairs([(fa, en) for _, fa, en, _ in group], doc_id, source, [s for *_, s in group])
    return AlignedJsonl(alignment, tuple(number for number, *_ in group))
