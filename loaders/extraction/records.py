"""Records that flow from the corpus into the `raw` schema."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class DocumentMeta:
    """One manifest row (or metadata inferred from the text when a file has none)."""

    file: str
    title: str | None = None
    publisher: str | None = None
    region: str | None = None
    published_on: str | None = None  # 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' as written
    source_url: str | None = None
    notes: str | None = None


@dataclass
class Document:
    document_id: str
    source_file: str
    sha256: str
    body: str  # the normalised text; every char offset points into it
    title: str | None
    publisher: str | None
    region_code: str | None
    published_on: date | None
    published_precision: str | None  # 'year', 'month', 'day'
    source_url: str | None = None
    notes: str | None = None
    source_format: str = "txt"


@dataclass
class Observation:
    document_id: str
    region_code: str | None
    subject: str | None
    indicator_code: str | None
    indicator_phrase: str
    measure: str
    status: str
    period_year: int | None
    period_start: date | None
    period_end: date | None
    is_cumulative: bool
    qualifier: str
    value: float
    unit: str
    value_base: float
    unit_base: str
    rank_scope: str | None
    sentence: str
    char_start: int
    char_end: int
    observation_id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.observation_id:
            self.observation_id = stable_id(self.document_id, self.char_start, self.char_end, self.measure)


@dataclass
class ProgrammeMention:
    document_id: str
    name_zh: str
    programme_type: str
    region_code: str | None
    sentence: str
    char_start: int
    char_end: int
    mention_id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.mention_id:
            self.mention_id = stable_id(self.document_id, self.char_start, self.char_end, "programme")


@dataclass
class NumberAccount:
    """One numeric span of a document and what accounts for it (loaders.extraction.accounting)."""

    document_id: str
    char_start: int
    char_end: int
    number_text: str
    accounted_as: str  # observation | programme | non_fact | unaccounted
    reason: str | None  # the non-fact reason a rule gives, also kept when an observation covers the span
    sentence: str
    number_id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.number_id:
            self.number_id = stable_id(self.document_id, self.char_start, self.char_end, "number")


@dataclass(frozen=True)
class Rejection:
    source_file: str
    reason: str


def stable_id(*parts: object) -> str:
    """A short hash that depends only on its parts: ids survive rebuilds of the same input."""
    text = "|".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def programme_id(name_zh: str) -> str:
    return stable_id("programme", name_zh)
