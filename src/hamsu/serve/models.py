"""The JSON API's response models: what /openapi.json describes and what each endpoint returns."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Span = tuple[int, int]


class ErrorOut(BaseModel):
    """Every error: the HTTP status and a one-line message (with the failed fields for a 422)."""

    status: int
    error: str
    details: list[dict] | None = None


class Page(BaseModel):
    total: int = Field(description="How many items match, over all pages.")
    limit: int
    offset: int


class HitOut(BaseModel):
    unit_id: int
    doc_id: int
    doc_key: str
    title: str
    unit_idx: int
    fa: str
    en: str
    score: float = Field(description="The unit's alignment score, 0..1.")
    flags: list[str] = Field(description="Rules that flagged the unit.")
    fa_marks: list[Span] = Field(description="[start, end) ranges of `fa` that match the query.")
    en_marks: list[Span]


class SearchOut(BaseModel):
    query: str
    lang: Literal["fa", "en"] | None
    limit: int
    offset: int
    has_more: bool = Field(description="More hits follow this page.")
    names: list[str] = Field(description="Names the query matched in the name table (both languages searched).")
    hits: list[HitOut]


class DocumentOut(BaseModel):
    id: int
    doc_key: str
    title: str
    url: str
    date: str
    source: str
    n_units: int
    n_flags: int


class DocumentList(Page):
    items: list[DocumentOut]


class BlockOut(BaseModel):
    idx: int
    lang: str
    kind: str = Field(description="title, paragraph or boilerplate.")
    source: int
    start: int
    end: int
    reason: str = Field(description="Why a boilerplate block was kept out of alignment.")


class FlagOut(BaseModel):
    id: int
    doc_id: int
    unit_id: int | None = Field(description="None for a document-level flag.")
    unit_idx: int | None
    rule: str
    severity: str = Field(description="info, minor, warning, major or critical.")
    its_type: str
    message: str
    fa_spans: list[Span]
    en_spans: list[Span]
    score: float
    evidence: str = Field(
        description="What the check compared, for a reviewer: values, forms or words (one line; '' when none)."
    )


class DocumentDetail(DocumentOut):
    content_hash: str
    ingested: str = Field(description="When it was stored (UTC, ISO 8601).")
    meta: dict[str, str]
    blocks: list[BlockOut]
    document_flags: list[FlagOut] = Field(description="Flags on the document as a whole (not on one unit).")


class UnitOut(BaseModel):
    id: int
    doc_id: int
    idx: int = Field(description="Position of the unit in its document's alignment.")
    fa: str
    en: str
    fa_ids: list[int]
    en_ids: list[int]
    fa_spans: list[Span] = Field(description="[start, end) of each Persian sentence in the original text.")
    en_spans: list[Span]
    score: float
    n_flags: int
    worst: str = Field(description="Highest flag severity, '' when none.")


class UnitList(Page):
    items: list[UnitOut]


class NameOut(BaseModel):
    id: int
    doc_id: int
    unit_id: int
    fa: str | None = Field(description="None when only the English side names it.")
    en: str | None
    fa_span: Span | None
    en_span: Span | None
    kind: str = Field(description="person, place, organization or name (unknown).")
    score: float
    evidence: str = Field(description="gazetteer, dictionary, transliteration, document, fa_only or en_only.")


class UnitDetail(UnitOut):
    flags: list[FlagOut]
    names: list[NameOut]


class DocumentNames(BaseModel):
    doc_id: int
    items: list[NameOut]


class NamePairOut(BaseModel):
    fa: str | None
    en: str | None
    fa_key: str
    en_key: str
    count: int = Field(description="Mentions of the pair in the corpus.")
    documents: int = Field(description="Documents that mention it.")
    evidence: list[str]


class NameTableOut(Page):
    items: list[NamePairOut]


class FlagList(Page):
    items: list[FlagOut]


class RuleCount(BaseModel):
    rule: str
    severity: str
    count: int


class HistogramBin(BaseModel):
    lo: float
    hi: float
    count: int


class OverviewOut(BaseModel):
    documents: int
    units: int
    sentences: int
    names: int
    flags: int
    null_units: int = Field(description="Units with one side empty.")
    mean_score: float | None
    flags_by_rule: list[RuleCount]
    score_histogram: list[HistogramBin]


# What `hamsu ingest` reads, stated so that the schema refuses what the server would: no NUL
# character (the CLI refuses binary data), and text with something besides whitespace (str.isspace,
# spelled out, since JSON Schema's \s and Python's differ).
MAX_TEXT = 5 * 1024 * 1024  # characters in one side: no more than an ingest body holds in bytes
MAX_KEY = 200  # characters in a document id
MAX_META = 2000  # characters in a url, title or date
NOT_SPACE = "[^\\x00\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]"
NO_NUL = "^[^\\x00]*$"
SOME_TEXT = f"^[^\\x00]*{NOT_SPACE}[^\\x00]*$"


class IngestIn(BaseModel):
    """A document to ingest: its Persian and English text, with optional id and metadata."""

    fa: str = Field(min_length=1, max_length=MAX_TEXT, pattern=SOME_TEXT, description="The Persian text.")
    en: str = Field(min_length=1, max_length=MAX_TEXT, pattern=SOME_TEXT, description="The English text.")
    id: str | None = Field(
        None, min_length=1, max_length=MAX_KEY, pattern=NO_NUL, description="The key it is stored under."
    )
    url: str | None = Field(None, max_length=MAX_META, pattern=NO_NUL)
    title: str | None = Field(None, max_length=MAX_META, pattern=NO_NUL)
    date: str | None = Field(None, max_length=MAX_META, pattern=NO_NUL)


class IngestOut(BaseModel):
    status: Literal["added", "unchanged", "replaced"]
    doc_id: int | None
    doc_key: str
    n_units: int
    n_flags: int
