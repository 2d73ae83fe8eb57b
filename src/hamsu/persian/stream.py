"""Normalization over a stream of text of any size, a batch of whole lines at a time."""
from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .normalize import normalize, normalize_detailed

BATCH_CHARS = 1 << 20


@dataclass(frozen=True, slots=True)
class LineChange:
    """A change located by line (1-based) and code point offset within that input line."""

    line: int
    offset: int
    before: str
    after: str
    rule: str

    def as_dict(self) -> dict:
        return {"line": self.line, "offset": self.offset, "before": self.before, "after": self.after, "rule": self.rule}


def _whole_lines(texts: Iterable[str]) -> Iterator[str]:
    """Regroup text pieces into batches that end at a line break (the last batch may not)."""
    pending: list[str] = []
    size = 0
    for text in texts:
        pending.append(text)
        size += len(text)
        if size >= BATCH_CHARS and "\n" in text:
            joined = "".join(pending)
            cut = joined.rindex("\n") + 1
            yield joined[:cut]
            pending, size = [joined[cut:]], len(joined) - cut
    rest = "".join(pending)
    if rest:
        yield rest


def normalize_stream(
    texts: Iterable[str], digits: str = "keep", strip_diacritics: bool = False, explain: bool = False
) -> Iterator[tuple[str, list[LineChange]]]:
    """Normalized text for each batch of lines, with the changes located by line when `explain`."""
    first_line = 1
    for batch in _whole_lines(texts):
        if not explain:
            yield normalize(batch, digits, strip_diacritics), []
            continue
        result = normalize_detailed(batch, digits, strip_diacritics)
        starts = [0] + [i + 1 for i, ch in enumerate(batch) if ch == "\n"]
        changes = []
        for c in result.changes:
            index = bisect.bisect_right(starts, c.offset) - 1
            changes.append(LineChange(first_line + index, c.offset - starts[index], c.before, c.after, c.rule))
        first_line += len(starts) - 1
        yield result.text, changes
