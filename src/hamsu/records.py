"""Small immutable records that flow between the stages."""
from __future__ import annotations

from dataclasses import dataclass, field


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


# --- Documents, sentences and alignments -------------------------------------------------------

FA, EN = "fa", "en"


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph-sized span of one input text: its language and what kind of text it is."""

    lang: str  # "fa", "en", or "other" (another language or no letters)
    kind: str  # "title", "paragraph" or "boilerplate"
    start: int  # [start, end) in the original text of input `source`
    end: int
    source: int = 0  # index into Document.texts (a file pair has two texts)
    reason: str = ""  # for boilerplate: why it was kept out of alignment


@dataclass(frozen=True, slots=True)
class Document:
    """One bilingual document as read: the original texts untouched, and their blocks."""

    id: str
    source: str  # file name or other origin, for messages and output
    texts: tuple[str, ...]  # one text, or two (Persian file, English file)
    blocks: tuple[Block, ...]
    meta: tuple[tuple[str, str], ...] = ()  # url, title, date ... as given

    def metadata(self) -> dict[str, str]:
        return dict(self.meta)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of one language: its text (Persian normalized) and its span in the original."""

    lang: str
    text: str
    start: int  # [start, end) in Document.texts[source]
    end: int
    block: int  # index into Document.blocks
    source: int = 0
    # Where each character of `text` came from, kept from the normalizer so that the name linker
    # and the checks need not normalize the original slice again (see offset_map). None when the
    # maker did not keep it: the original slice is then normalized again. Derived from the text
    # and its span, so not compared: a sentence read back from a store is the same sentence.
    shifts: tuple[int, ...] | None = field(default=None, compare=False)

    def offset_map(self) -> tuple[int, ...] | None:
        """offset_map()[i]: the offset of text[i] in the original slice [start, end), with
        len(text) + 1 entries, as Normalized.offset_map has them; None when not kept."""
        return expand_shifts(self.shifts, len(self.text)) if self.shifts is not None else None


def offset_shifts(offset_map: tuple[int, ...] | list[int], base: int = 0) -> tuple[int, ...]:
    """An offset map (Normalized.offset_map, less `base`) in the compact form Sentence.shifts
    keeps: (position, shift) pairs, flat, at each place where offset_map[i] - i changes; () for
    the identity. A map is mostly runs of one shift (a normalizer inserts or drops a few
    characters), so a sentence keeps a handful of numbers instead of one per character."""
    if offset_map[0] != base:
        points = [0]
    else:
        points = []
    points += [i for i in range(1, len(offset_map)) if offset_map[i] - offset_map[i - 1] != 1]
    if not points:
        return ()
    out: list[int] = []
    for i in points:
        out += (i, offset_map[i] - base - i)
    return tuple(out)


def expand_shifts(shifts: tuple[int, ...], length: int) -> tuple[int, ...]:
    """The offset map of a text of `length` characters from its offset_shifts()."""
    if not shifts:
        return tuple(range(length + 1))
    out: list[int] = list(range(shifts[0]))
    for k in range(0, len(shifts), 2):
        position, shift = shifts[k], shifts[k + 1]
        following = shifts[k + 2] if k + 2 < len(shifts) else length + 1
        out += range(position + shift, following + shift)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Unit:
    """An aligned unit: Persian and English sentence ids (either may be empty) and a confidence."""

    fa: tuple[int, ...]
    en: tuple[int, ...]
    score: float


@dataclass(frozen=True, slots=True)
class Alignment:
    """A document, its sentences in each language and the units that pair them."""

    document: Document
    fa: tuple[Sentence, ...]
    en: tuple[Sentence, ...]
    units: tuple[Unit, ...]


# --- Names and flags ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mention:
    """A name found in one language: its text and its span in the original text."""

    lang: str
    text: str
    start: int  # [start, end) in Document.texts[source]
    end: int
    source: int = 0
    kind: str = "name"  # "person", "place", "organization" or "name" when unknown


@dataclass(frozen=True, slots=True)
class NameLink:
    """A Persian name and its English counterpart, and the evidence that links them."""

    fa: Mention
    en: Mention
    score: float  # 0..1
    evidence: str  # "gazetteer", "dictionary", "transliteration" or "document"


@dataclass(frozen=True, slots=True)
class UnitNames:
    """The names of one aligned unit: linked pairs and the names left without a counterpart."""

    links: tuple[NameLink, ...] = ()
    fa_only: tuple[Mention, ...] = ()
    en_only: tuple[Mention, ...] = ()


SEVERITIES = ("info", "minor", "warning", "major", "critical")


@dataclass(frozen=True, slots=True)
class Flag:
    """A translation problem a check found: which rule, how bad, where on each side, and why."""

    rule: str  # e.g. "numbers", "glossary"
    severity: str  # one of SEVERITIES
    its_type: str  # W3C ITS 2.0 localization-quality issue type, e.g. "terminology", "omission"
    message: str  # one line
    unit: int | None  # index into Alignment.units, or None for a document-level flag
    fa_spans: tuple[tuple[int, int], ...] = ()  # [start, end) into the original Persian text
    en_spans: tuple[tuple[int, int], ...] = ()
    score: float = 0.0  # the check's score that led to the decision
    doc: str = ""  # Document.id
    evidence: str = ""  # what was compared, for a reviewer: values, forms or words (one line)


@dataclass(frozen=True, slots=True)
class Checked:
    """An aligned document with what the checks found: the names of each unit and the flags."""

    alignment: Alignment
    names: tuple[UnitNames, ...]  # one per unit, in unit order (empty UnitNames when not linked)
    flags: tuple[Flag, ...]  # in unit order; document-level flags (unit None) first
