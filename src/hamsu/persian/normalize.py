"""Persian normalization: a fixed chain of stages, each a pure function from text to edits.

The stages run only over lines that hold Arabic-script characters, so English and other Latin
text passes through unchanged. No rule crosses a line break, so the output has exactly the lines
of the input. URLs, e-mail addresses, hashtags and mentions are never edited.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial

from ..records import Change, Edit, Normalized
from .halfspace import halfspace_edits
from .letters import DIGITS_RULES, STRIP_DIACRITICS, base_edits, run_rules, zwnj_edits
from .punctuation import ascii_quote_edits, punctuation_edits
from .script import ARABIC_SCRIPT_CHARS, ZWNJ
from .spacing import number_spacing_edits, space_run_edits

DIGIT_MODES = ("keep", "fa", "ascii")
_ARABIC_SCRIPT = re.compile(f"[{ARABIC_SCRIPT_CHARS}]")
_PROTECTED = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s<>\"«»]+"  # URLs
    r"|[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+"  # e-mail addresses
    rf"|#[\w{ZWNJ}]*\w|(?<!\w)@\w+"  # hashtags and mentions
)

# What every protected span holds: a URL's scheme or www., an e-mail's or a mention's @, a hashtag's #.
MARKS = ("://", "www.", "@", "#")

Stage = Callable[[str], list[Edit]]


@dataclass(frozen=True)
class Options:
    digits: str = "keep"
    strip_diacritics: bool = False

    def __post_init__(self) -> None:
        if self.digits not in DIGIT_MODES:
            raise ValueError(f"digits must be one of {', '.join(DIGIT_MODES)}, not {self.digits!r}")


def _punctuation_edits(text: str) -> list[Edit]:
    return run_rules((punctuation_edits, ascii_quote_edits), text)


def _spacing_edits(text: str) -> list[Edit]:
    return run_rules((space_run_edits, number_spacing_edits), text)


def stages(options: Options) -> list[Stage]:
    chain: list[Stage] = [base_edits]
    if options.strip_diacritics:
        chain.append(partial(run_rules, (STRIP_DIACRITICS,)))
    if options.digits != "keep":
        chain.append(partial(run_rules, (DIGITS_RULES[options.digits],)))
    # Half-space cleanup comes after every rule that removes characters a ZWNJ may stand beside.
    # Runs of spaces close up before the half-space rules, which join only across one space.
    chain += [zwnj_edits, _spacing_edits, halfspace_edits, _punctuation_edits]
    return chain


def _unprotected(text: str, edits: list[Edit]) -> list[Edit]:
    if not edits or not ("://" in text or "www." in text or "@" in text or "#" in text):  # MARKS
        return edits
    spans = _protected_spans(text)
    if not spans:
        return edits
    # An edit inside a protected span, or touching its edge (a word joined onto a hashtag or the
    # end of a URL), would change what the span says. The spans are in order and apart, so the
    # only one an edit can touch is the first that does not end before it.
    ends = [t for _, t in spans]
    kept = []
    for e in edits:
        k = bisect_left(ends, e.start)
        if k == len(spans) or spans[k][0] > e.end:
            kept.append(e)
    return kept


def _protected_spans(text: str) -> list[tuple[int, int]]:
    """The spans of _PROTECTED in text, found only in the lines that hold a URL, @ or # at all.

    Every protected span holds one of those marks and no whitespace, so it lies inside one such
    line; running the pattern over the whole of a long block instead cost more than all the
    normalizer's rules together (the e-mail branch tries every word of every line)."""
    spans: list[tuple[int, int]] = []
    searched_to = 0
    for at in _marks(text):
        if at < searched_to:
            continue  # in a line already searched
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        searched_to = len(text) if end < 0 else end
        spans += (m.span() for m in _PROTECTED.finditer(text, start, searched_to))
    return spans


def _marks(text: str) -> list[int]:
    """Where text holds one of MARKS, in order. (str.find skips to each in C; a pattern of the
    four alternatives stopped at every character of the text.)"""
    found = []
    for mark in MARKS:
        at = text.find(mark)
        while at >= 0:
            found.append(at)
            at = text.find(mark, at + 1)
    return sorted(found)


def apply_edits(text: str, edits: list[Edit]) -> str:
    if not edits:
        return text
    out, prev = [], 0
    for e in edits:
        out += (text[prev : e.start], e.after)
        prev = e.end
    out.append(text[prev:])
    return "".join(out)


def persian_blocks(text: str) -> list[tuple[int, int]]:
    """[start, end) spans of runs of whole lines that hold Arabic-script characters."""
    blocks: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        end = pos + len(line.rstrip("\r\n"))
        if _ARABIC_SCRIPT.search(line):
            if blocks and not text[blocks[-1][1] : pos].strip("\r\n"):
                blocks[-1] = (blocks[-1][0], end)
            else:
                blocks.append((pos, end))
        pos += len(line)
    return blocks


def _run_block(block: str, chain: tuple[Stage, ...], trace: list[tuple[str, list[Edit]]] | None) -> str:
    for stage in chain:
        edits = _unprotected(block, stage(block))
        if trace is not None and edits:
            trace.append((block, edits))
        block = apply_edits(block, edits)
    return block


@lru_cache(maxsize=8)
def _chain(digits: str, strip_diacritics: bool) -> tuple[Stage, ...]:
    """The stages for these options, made once (a sentence at a time, making them cost more
    than some of the stages)."""
    return tuple(stages(Options(digits, strip_diacritics)))


class NormalizedText(str):
    """Persian text as the pipeline's normalizer wrote it (a unit's sentences, joined): the name
    tests read it as it is instead of normalizing it again. Any other str may be raw; a slice or
    a join of NormalizedText is a plain str again."""

    __slots__ = ()


def normalize(text: str, digits: str = "keep", strip_diacritics: bool = False) -> str:
    """Normalized Persian text: letters, spaces, punctuation spacing and half-spaces."""
    chain = _chain(digits, strip_diacritics)
    out, prev = [], 0
    for start, end in persian_blocks(text):
        out += (text[prev:start], _run_block(text[start:end], chain, None))
        prev = end
    out.append(text[prev:])
    return "".join(out)


def normalize_detailed(text: str, digits: str = "keep", strip_diacritics: bool = False) -> Normalized:
    """Like normalize(), with every change located in `text` and a map from output to input offsets."""
    chain = _chain(digits, strip_diacritics)
    out: list[str] = []
    changes: list[Change] = []
    offset_map: list[int] = []
    prev = 0
    for start, end in persian_blocks(text):
        offset_map += range(prev, start)
        out.append(text[prev:start])
        trace: list[tuple[str, list[Edit]]] = []
        result = _run_block(text[start:end], chain, trace)
        positions = list(range(start, end + 1))  # block position -> original offset
        for stage_text, edits in trace:
            changes += (
                Change(positions[e.start], positions[e.end], stage_text[e.start : e.end], e.after, e.rule)
                for e in edits
            )
            positions = _compose(positions, edits)
        offset_map += positions[:-1]
        out.append(result)
        prev = end
    out.append(text[prev:])
    offset_map += range(prev, len(text) + 1)
    changes.sort(key=lambda c: c.offset)
    return Normalized("".join(out), tuple(changes), tuple(offset_map))


def normalize_sentence(text: str) -> Normalized:
    """normalize_detailed(text) with the default options, for a sentence's original slice that the
    name linker and then the checks each normalize again when the sentence did not keep the
    pipeline's offset map (records.Sentence.shifts): the second time is a cache hit (the result is
    immutable). Only the last few hundred sentences are kept, and none of a length no sentence has
    (a block without punctuation), so the cache stays small."""
    return _normalize_cached(text) if len(text) <= _CACHED_SENTENCE_CHARS else normalize_detailed(text)


_CACHED_SENTENCE_CHARS = 2000
_normalize_cached = lru_cache(maxsize=256)(normalize_detailed)


def _compose(positions: list[int], edits: list[Edit]) -> list[int]:
    """The offset map after `edits`: new characters map to the start of what they replaced."""
    new: list[int] = []
    prev = 0
    for e in edits:
        new += positions[prev : e.start]
        new += [positions[e.start]] * len(e.after)
        prev = e.end
    new += positions[prev:]
    return new
