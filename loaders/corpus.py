"""A corpus folder: its manifest and its documents, read into `Document` records.

Load / process shape: `read_manifest` loads and validates the manifest, `read_corpus` turns every file
into a `Document` (or a `Rejection` with its reason). Nothing here writes to the warehouse.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from loaders.extraction import regions
from loaders.readers import UnreadableDocument, read_text, sha256_file
from loaders.extraction.records import Document, DocumentMeta, Rejection
from loaders.extraction.textnorm import normalise

MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = ("file", "title", "publisher", "region", "published_on", "source_url", "notes")
PUBLISHED_ON_RE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")
TEXT_DATE_RE = re.compile(r"(20\d{2}|19\d{2})[-年./](\d{1,2})[-月./](\d{1,2})日?")
SUPPORTED_SUFFIXES = {".txt", ".html", ".htm", ".pdf", ".docx"}


class ManifestError(ValueError):
    """A manifest problem, naming the file, row and field."""

    def __init__(self, manifest: Path, row: int, field: str, message: str) -> None:
        super().__init__(f"{manifest}: row {row}, field '{field}': {message}")
        self.manifest, self.row, self.field = manifest, row, field


@dataclass(frozen=True)
class PublishedOn:
    day: date
    precision: str  # 'year' | 'month' | 'day'


def parse_published_on(value: str) -> PublishedOn:
    """'2022', '2022-02' or '2022-02-09' → a date and its precision; ValueError otherwise."""
    m = PUBLISHED_ON_RE.match(value.strip())
    if not m:
        raise ValueError(f"'{value}' is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(m[1]), int(m[2] or 1), int(m[3] or 1)
    precision = "day" if m[3] else "month" if m[2] else "year"
    return PublishedOn(date(year, month, day), precision)


def read_manifest(corpus: Path) -> dict[str, DocumentMeta]:
    """The manifest rows by file name, validated; {} when the corpus has no manifest."""
    path = corpus / MANIFEST_NAME
    if not path.exists():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in ("file",) if c not in (reader.fieldnames or [])]
        if missing:
            raise ManifestError(path, 1, missing[0], "required column is missing from the header")
        rows: dict[str, DocumentMeta] = {}
        for lineno, row in enumerate(reader, start=2):
            meta = _validate_row(path, corpus, lineno, row)
            if meta.file in rows:
                raise ManifestError(path, lineno, "file", f"duplicate row for '{meta.file}'")
            rows[meta.file] = meta
    return rows


def _validate_row(path: Path, corpus: Path, lineno: int, row: dict[str, str | None]) -> DocumentMeta:
    values = {c: (row.get(c) or "").strip() or None for c in MANIFEST_COLUMNS}
    file = values["file"]
    if not file:
        raise ManifestError(path, lineno, "file", "empty file name")
    target = (corpus / file).resolve()
    if corpus.resolve() not in target.parents:
        raise ManifestError(path, lineno, "file", f"'{file}' points outside the corpus folder")
    if not target.is_file():
        raise ManifestError(path, lineno, "file", f"'{file}' does not exist in {corpus}")
    if values["published_on"]:
        try:
            parse_published_on(values["published_on"])
        except ValueError as exc:
            raise ManifestError(path, lineno, "published_on", str(exc)) from None
    if values["region"] and regions.resolve(values["region"]) is None:
        raise ManifestError(path, lineno, "region", f"unknown region '{values['region']}'")
    return DocumentMeta(**values)  # type: ignore[arg-type]


def list_files(corpus: Path) -> list[Path]:
    """Every document file of the corpus folder (not the manifest, not hidden files), sorted."""
    if not corpus.is_dir():
        raise FileNotFoundError(f"corpus folder {corpus} does not exist")
    return sorted(
        p for p in corpus.iterdir()
        if p.is_file() and p.name != MANIFEST_NAME and not p.name.startswith(".")
    )


def read_document(path: Path, meta: DocumentMeta | None) -> Document:
    """One file → a Document with its normalised body; raises UnreadableDocument."""
    raw, fmt = read_text(path)
    body = normalise(raw)
    if not body.strip():
        raise UnreadableDocument(path, "no text after normalisation")
    meta = meta or infer_meta(path, body)
    published = parse_published_on(meta.published_on) if meta.published_on else None
    return Document(
        document_id=path.stem,
        source_file=path.name,
        sha256=sha256_file(path),
        body=body,
        title=meta.title,
        publisher=meta.publisher,
        region_code=regions.resolve(meta.region) if meta.region else None,
        published_on=published.day if published else None,
        published_precision=published.precision if published else None,
        source_url=meta.source_url,
        notes=meta.notes,
        source_format=fmt,
    )


def infer_meta(path: Path, body: str) -> DocumentMeta:
    """Metadata for a file missing from the manifest: title = first line, date and region from the text."""
    first_line = next((ln.strip() for ln in body.splitlines() if len(ln.strip()) >= 4), path.stem)
    m = TEXT_DATE_RE.search(body[:2000])
    published = f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}" if m else None
    region = most_mentioned_region(body)
    return DocumentMeta(file=path.name, title=first_line[:120], region=region, published_on=published)


INFER_DESCEND_SHARE = 0.5  # a region gives way to its child holding at least this share of its mentions
INFER_TITLE_WEIGHT = 3  # a mention in the first line (the title) counts this many times


def most_mentioned_region(body: str) -> str | None:
    """The region a text is about, for files without metadata. Every mention also counts for the regions
    above it; from the top down, a region gives way to its most mentioned child when that child holds at
    least half of its mentions (a county's page names its county more than its city; a province's page
    listing its cities stays the province). Traditional characters are read as simplified."""
    from loaders.extraction.traditional import simplified

    text = simplified(body)
    title_end = text.find("\n")
    scores: dict[str, int] = {}
    for m in regions.find_mentions(text):
        weight = INFER_TITLE_WEIGHT if m.start < title_end else 1
        for code in (m.code, *regions.ancestors(m.code)):
            scores[code] = scores.get(code, 0) + weight
    if not scores:
        return None
    current = max((c for c in scores if regions.region(c).parent_code not in scores), key=lambda c: (scores[c], c))
    while True:
        children = [c for c in scores if regions.region(c).parent_code == current]
        best = max(children, key=lambda c: (scores[c], c), default=None)
        if best is None or scores[best] < INFER_DESCEND_SHARE * scores[current]:
            return current
        current = best


def read_corpus(corpus: Path) -> tuple[list[Document], list[Rejection]]:
    """All documents of a corpus folder, and the files that could not be read with their reasons."""
    manifest = read_manifest(corpus)
    documents: list[Document] = []
    rejected: list[Rejection] = []
    for path in list_files(corpus):
        try:
            documents.append(read_document(path, manifest.get(path.name)))
        except UnreadableDocument as exc:
            rejected.append(Rejection(path.name, exc.reason))
    return documents, rejected
