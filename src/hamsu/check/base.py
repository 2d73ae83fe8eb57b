"""What every check shares: a view of one unit with offsets into the original, and the Rule shape.

A rule is a small object with a name, a default severity and a W3C ITS 2.0 localization-quality
issue type. `findings()` measures a unit and says where and what; `score()` is the unit's worst
finding; `accept(score)` decides, against the thresholds in THRESHOLDS (the one place they live),
so scores can be studied or tuned without touching the rules.

A rule also declares what it looks at (`scope`: one unit, one document, a whole corpus) and what it
cannot run without (`needs`: the document's linked names, a glossary). check_alignment and
check_corpus run every registered rule from these declarations alone (hamsu/check/__init__.py).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from ..persian.normalize import NormalizedText, normalize_sentence
from ..records import EN, FA, SEVERITIES, Alignment, Flag, Unit, UnitNames

# W3C ITS 2.0 localization-quality-issue-type values (https://www.w3.org/TR/its20/#lqissue-typevalues).
ITS_TYPES = frozenset(
    "terminology mistranslation omission untranslated addition duplication inconsistency grammar legal"
    " register locale-specific-content locale-violation style characters misspelling typographical"
    " formatting inconsistent-entities numbers markup pattern-problem whitespace internationalization"
    " length non-conformance uncategorized other".split()
)

# What a rule looks at, in the order rules of each scope run: each unit on its own (Rule.check), a
# whole document at once (check_document), every document of an input (check_corpus).
SCOPES = ("unit", "document", "corpus")
# What a rule may need that a caller may not give: the names linked in each unit (hamsu.names) and
# a user glossary. A rule whose need is not given is skipped.
NEEDS = frozenset({"names", "glossary"})

# Every decision threshold, by rule name: a unit is accepted when its score is at most this value
# (for "length-ratio", when the absolute z-score is). bench/check_eval.py measures what they cost.
THRESHOLDS: dict[str, float] = {
    "numbers": 0.5,  # numbers with no counterpart: 1 each, 0.25 when only the count of a value differs
    "dates": 0.0,  # count of years, months, days or weekdays with no counterpart
    "names": 0.0,  # count of known names left without a counterpart
    "null-unit": 0.0,  # 1 when a side is empty
    "length-ratio": 3.5,  # |z| of the log length ratio; see length.py for the fitted constants
    "untranslated": 0.5,  # share of a side's letters in the other language's script (1.0: a copy)
    "glossary": 0.5,  # 1: no accepted rendering; 2: a forbidden rendering
    "punctuation": 0.0,  # count of question-mark and bracket mismatches
    "name-spelling": 1.0,  # number of English spellings of one Persian name
    "source-consistency": 1.0,  # number of distinct translations of one Persian sentence
}


class SideOffsets(Sequence[int]):
    """The original offset of each character of a side's text, and of its end (Side.offsets),
    made the first time one is asked for: most sides are read and never reported, and their
    offsets, a number a character, would be made for nothing. Made from the side's pieces, in
    order: ("range", first, stop) offsets first, …, stop - 1; ("shifted", shifts, length, base)
    shifted_offsets(shifts, length, base); ("mapped", offset_map, base) each of offset_map plus
    base; ("one", offset) one offset."""

    __slots__ = ("_pieces", "_made")

    def __init__(self, pieces: list[tuple]) -> None:
        self._pieces = pieces
        self._made: tuple[int, ...] | None = None

    def _offsets(self) -> tuple[int, ...]:
        if self._made is None:
            offsets: list[int] = []
            for piece in self._pieces:
                kind = piece[0]
                if kind == "range":
                    offsets += range(piece[1], piece[2])
                elif kind == "shifted":
                    offsets += shifted_offsets(piece[1], piece[2], piece[3])
                elif kind == "mapped":
                    offsets += map(piece[2].__add__, piece[1])
                else:
                    offsets.append(piece[1])
            self._made = tuple(offsets)
            self._pieces = []
        return self._made

    def __getitem__(self, index):  # type: ignore[override]
        return self._offsets()[index]

    def __len__(self) -> int:
        return len(self._offsets())

    def __iter__(self) -> Iterator[int]:
        return iter(self._offsets())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SideOffsets):
            other = other._offsets()
        return self._offsets() == other

    def __hash__(self) -> int:
        return hash(self._offsets())

    def __repr__(self) -> str:
        return repr(self._offsets())


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a unit as the checks read it: its text and where each character came from.

    Persian text is the pipeline's normalized sentence, each offset mapped back through the offset
    map it kept (Sentence.shifts); a sentence made without one is normalized again from the
    original slice, the same normalization.
    """

    lang: str
    text: str
    offsets: Sequence[int]  # offsets[i]: the original offset of text[i]; len(text) + 1 entries

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) of text[start:end]."""
        return self.offsets[start], self.offsets[end]

    @property
    def whole(self) -> tuple[int, int]:
        return self.span(0, len(self.text))

    def __bool__(self) -> bool:
        return bool(self.text.strip())


def shifted_offsets(shifts: tuple[int, ...], length: int, base: int) -> list[int]:
    """base + the offset of each of a text's `length` characters, from the offset map's compact
    form (Sentence.shifts, records.offset_shifts): expand_shifts(shifts, length)[:-1], each plus
    base, made a run of characters at a time."""
    if not shifts:
        return list(range(base, base + length))
    out = list(range(base, base + min(shifts[0], length)))
    last = len(shifts) - 2
    for k in range(0, len(shifts), 2):
        position, shift = shifts[k], shifts[k + 1]
        following = shifts[k + 2] if k < last else length
        out += range(base + position + shift, base + min(following, length) + shift)
    return out


def build_side(alignment: Alignment, ids: tuple[int, ...], lang: str) -> Side:
    sentences = alignment.fa if lang == FA else alignment.en
    texts = alignment.document.texts
    parts: list[str] = []
    pieces: list[tuple] = []  # the offsets, made when asked for (SideOffsets)
    last_end = 0
    for n, i in enumerate(ids):
        sentence = sentences[i]
        if n:  # sentences of one unit are read as one text, joined by a space
            parts.append(" ")
            pieces.append(("one", last_end))
        if lang == FA:
            if sentence.shifts is not None:  # the pipeline's own normalization, when it kept the map
                text = sentence.text
                pieces.append(("shifted", sentence.shifts, len(text), sentence.start))
            else:
                normalized = normalize_sentence(texts[sentence.source][sentence.start : sentence.end])
                text = normalized.text
                pieces.append(("mapped", normalized.offset_map[:-1], sentence.start))
            parts.append(text)
        else:
            parts.append(texts[sentence.source][sentence.start : sentence.end])
            pieces.append(("range", sentence.start, sentence.end))
        last_end = sentence.end
    pieces.append(("one", last_end))
    text = "".join(parts)
    return Side(lang, NormalizedText(text) if lang == FA else text, SideOffsets(pieces))


# How many units behind the one being checked keep what was read from them (unit_memo): the rules
# look at most two units either side (a number moved to a neighbour, a name a pronoun stands for).
UNIT_WINDOW = 4
_MISSING = object()  # what a memo holds for a key it was never given (None may be an answer)


@dataclass
class DocumentContext:
    """What a rule may need from the rest of the document: its names, linked anywhere in it."""

    alignment: Alignment
    names: tuple[UnitNames, ...] | None = None
    _memo: dict = field(default_factory=dict, repr=False)
    _unit_memo: dict[int, dict] = field(default_factory=dict, repr=False)
    _kept_from: int = 0  # units below this one keep nothing in _unit_memo

    def memo(self, key, compute):
        found = self._memo.get(key, _MISSING)
        if found is _MISSING:
            found = self._memo[key] = compute()
        return found

    def unit_memo(self, index: int, key, compute):
        """What the rules read from unit `index` (its numbers, its dates, a side's text), computed
        once while the check is near it. Units are checked in order and look only at their
        neighbours, so what lies UNIT_WINDOW units behind is let go (forget_before): a long
        document's memory stays bounded. Asked for again, it is computed again."""
        entries = self._unit_memo.get(index)
        if entries is None:
            if index < self._kept_from:
                return compute()
            entries = self._unit_memo[index] = {}
        # One look-up for what is kept (the rules ask it some hundred thousand times a long document).
        found = entries.get(key, _MISSING)
        if found is _MISSING:
            found = entries[key] = compute()
        return found

    def forget_before(self, index: int) -> None:
        """Let go of what unit_memo keeps for the units before `index`."""
        for old in range(self._kept_from, index):
            self._unit_memo.pop(old, None)
        self._kept_from = max(self._kept_from, index)

    def side(self, index: int, lang: str) -> Side:
        """One side of unit `index` as the rules read it, built once while the check is near it:
        the unit checked and a rule looking at it as a neighbour share it."""

        def build() -> Side:
            unit = self.alignment.units[index]
            return build_side(self.alignment, unit.fa if lang == FA else unit.en, lang)

        return self.unit_memo(index, ("side", lang), build)

    @property
    def doc_id(self) -> str:
        return self.alignment.document.id


@dataclass
class UnitView:
    """One unit, ready for the rules: both sides with original offsets, its names, its document."""

    index: int
    unit: Unit
    context: DocumentContext
    _sides: dict[str, Side] = field(default_factory=dict, repr=False)
    _memo: dict = field(default_factory=dict, repr=False)

    def memo(self, key, compute):
        """What several rules read from the unit (its dates, its numbers) is computed once."""
        found = self._memo.get(key, _MISSING)
        if found is _MISSING:
            found = self._memo[key] = compute()
        return found

    def side(self, lang: str) -> Side:
        side = self._sides.get(lang)
        if side is None:
            units = self.context.alignment.units
            if 0 <= self.index < len(units) and units[self.index] is self.unit:
                side = self.context.side(self.index, lang)
            else:  # a view made of a unit the document does not hold at its index
                ids = self.unit.fa if lang == FA else self.unit.en
                side = build_side(self.context.alignment, ids, lang)
            self._sides[lang] = side
        return side

    @property
    def fa(self) -> Side:
        return self.side(FA)

    @property
    def en(self) -> Side:
        return self.side(EN)

    @property
    def names(self) -> UnitNames | None:
        names = self.context.names
        return names[self.index] if names is not None else None

    @cached_property
    def is_null(self) -> bool:
        return not self.unit.fa or not self.unit.en


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule measured in one unit, before the decision: a score, where, and why."""

    score: float
    message: str
    fa_spans: tuple[tuple[int, int], ...] = ()
    en_spans: tuple[tuple[int, int], ...] = ()
    severity: str | None = None  # when one rule grades its findings (a forbidden term is worse)
    its_type: str | None = None  # when one rule reports two kinds (omission or addition)
    evidence: str = ""  # the values, forms or words compared, e.g. "80 °F = 26.7 °C ≈ ۲۷"


class Rule:
    """A check. Subclasses set the class attributes and write, by scope: findings() (unit),
    check_document() (document) or check_corpus() (corpus)."""

    name: str = ""
    severity: str = "warning"
    its_type: str = "other"
    description: str = ""
    scope: str = "unit"  # one of SCOPES
    needs: frozenset[str] = frozenset()  # from NEEDS: skipped unless the caller gives them
    # The threshold of a rule THRESHOLDS does not list (a plugin's rule): accepted when score <= it.
    threshold: float | None = None
    needs_both_sides = True  # content checks skip null units: the null-unit rule reports those

    def configured(self, **given: object) -> Rule:
        """The rule ready to run with what it needs (`given` holds each of `needs`). A rule that
        carries what it needs (the glossary rule its glossary) returns a configured copy."""
        return self

    @property
    def limit(self) -> float:
        """The decision threshold: THRESHOLDS's entry for this rule, else its own `threshold`."""
        limit = THRESHOLDS.get(self.name, self.threshold)
        if limit is None:
            raise LookupError(f"rule {self.name!r} has no threshold (THRESHOLDS or its `threshold`)")
        return limit

    def prepare(self, context: DocumentContext) -> None:
        """Read what a unit rule needs from the whole document (kept in context.memo) before its
        units are checked: a long document's units may be shared between two processes
        (hamsu.parallel), which then both have it rather than each reading it. Nothing by default."""

    def findings(self, unit: UnitView) -> list[Finding]:
        raise NotImplementedError

    def check_document(self, context: DocumentContext) -> list[Flag]:
        """The flags of a document-scope rule for one document (its units, names and memo)."""
        raise NotImplementedError

    def check_corpus(self, alignments: Iterable[Alignment]) -> list[Flag]:
        """The flags of a corpus-scope rule over every document of an input."""
        raise NotImplementedError

    def score(self, unit: UnitView) -> float:
        """The unit's score: its worst finding, 0 when nothing was found."""
        return max((f.score for f in self.findings(unit)), default=0.0)

    def accept(self, score: float) -> bool:
        return score <= self.limit

    def applies(self, unit: UnitView) -> bool:
        return not (self.needs_both_sides and unit.is_null)

    def check(self, unit: UnitView) -> list[Flag]:
        if not self.applies(unit):
            return []
        return [self.flag(f, unit.index, unit.context.doc_id) for f in self.findings(unit) if not self.accept(f.score)]

    def flag(self, finding: Finding, unit: int | None, doc: str) -> Flag:
        severity = finding.severity or self.severity
        its_type = finding.its_type or self.its_type
        assert severity in SEVERITIES and its_type in ITS_TYPES, (severity, its_type)
        return Flag(
            rule=self.name,
            severity=severity,
            its_type=its_type,
            message=finding.message,
            unit=unit,
            fa_spans=tuple(finding.fa_spans),
            en_spans=tuple(finding.en_spans),
            score=float(finding.score),
            doc=doc,
            evidence=finding.evidence,
        )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r} {self.severity} {self.its_type}>"


def at_least(severity: str, floor: str) -> bool:
    """True when `severity` is `floor` or worse."""
    return SEVERITIES.index(severity) >= SEVERITIES.index(floor)


def shorten(text: str, limit: int = 40) -> str:
    """A one-line excerpt for messages."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quoted(text: str, limit: int = 60) -> str:
    """A one-line excerpt in single quotes, as written: repr() would escape a half-space (ZWNJ)."""
    return f"'{shorten(text, limit)}'"
