"""Small immutable records that flow between the stages."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace text[start:end] with `after`, for the reason named by `rule`."""

    start: int
    end: int
    after: str
    rule: str


@dataclass(frozen=True, slots=True)
class Change:
    """One change the normalizer made, located in the caller's original text."""

    offset: int  # code point offset of the change in the original text
    end: int  # end of the changed span in the original text
    before: str  # the text the rule replaced (as the stage saw it)
    after: str
    rule: str


@dataclass(frozen=True, slots=True)
class Normalized:
    """Normalized text, every change made, and where each output position came from."""

    text: str
    changes: tuple[Change, ...]
    # offset_map[i] is the original offset of output position i; len(text) + 1 entries, so
    # that a span [start, end) of the output maps to [offset_map[start], offset_map[end]).
    offset_map: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offset_map[start], self.offset_map[end]
