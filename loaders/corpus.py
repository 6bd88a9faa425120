"""A corpus folder: its manifest and its documents, read into `Document` records.

Load / process shape: `read_manifest` loads and checks the manifest (every bad row is reported, each
rejects only the document it names), `scan_corpus` lists the document files of the folder and its
subfolders (symbolic links and hidden files are skipped and reported), `plan_corpus` gives each file
its document id, manifest row, duplicate status and change key, and `read_document` turns one file
into a `Document`. Nothing here writes to the warehouse.

Rules (README "What happens to bad input"):
- a manifest field left empty means "infer it from the text"; a filled one overrides the text;
- a bad row (unknown file, region or date, duplicate row, escape out of the folder) rejects the
  document it names, names its line and field, and all such rows are reported in one run;
  `strict=True` refuses the whole corpus instead;
- `document_id` is the file's path below the corpus folder without its extension; when several files
  share it, the first in FORMAT_ORDER keeps it and the others' ids keep their extension;
- of several files with the same bytes, the one the manifest names is kept, else the one already
  landed, else the first by path.
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import astuple, dataclass, field, replace
from datetime import date
from pathlib import Path, PurePosixPath

from loaders.extraction import regions
from loaders.readers import BOMS, UnreadableDocument, read_text, sha256_file
from loaders.extraction.records import Document, DocumentMeta, Rejection
from loaders.extraction.textnorm import normalise

MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = ("file", "title", "publisher", "region", "published_on", "source_url", "notes")
MANIFEST_ENCODINGS = ("utf-8", "gb18030")
PUBLISHED_ON_RE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")
TEXT_DATE_RE = re.compile(r"(20\d{2}|19\d{2})[-年./](\d{1,2})[-月./](\d{1,2})日?")
SUPPORTED_SUFFIXES = {".txt", ".html", ".htm", ".pdf", ".docx"}
FORMAT_ORDER = (".txt", ".html", ".htm", ".docx", ".pdf")  # which of two same-stem files keeps the plain id
MAX_BODY_CHARS = 1_000_000  # ~70x the longest real report (14,700 bytes): a longer text is rejected, cost stays bounded


class ManifestError(ValueError):
    """The manifest refused as a whole (`strict`, or unreadable): every problem, one per line."""

    def __init__(self, problems: list[ManifestProblem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class ManifestProblem:
    """One bad manifest row (or the header): its line, field and what is wrong; `file` the document it names."""

    manifest: Path
    line: int
    field: str
    message: str
    file: str | None = None

    def __str__(self) -> str:
        return f"{self.manifest.name} line {self.line}, field '{self.field}': {self.message}"


@dataclass
class Manifest(Mapping):
    """The usable rows by file path (relative to the corpus, '/'-separated) and the problems found;
    a read-only mapping file → row."""

    rows: dict[str, DocumentMeta] = field(default_factory=dict)
    problems: list[ManifestProblem] = field(default_factory=list)

    def __getitem__(self, file: str) -> DocumentMeta:
        return self.rows[file]

    def __iter__(self) -> Iterator[str]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def problem_for(self, file: str) -> ManifestProblem | None:
        return next((p for p in self.problems if p.file == file), None)


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
    try:
        return PublishedOn(date(year, month, day), precision)
    except ValueError as exc:
        raise ValueError(f"'{value}' is not a calendar date ({exc})") from None


# --- manifest -------------------------------------------------------------------------------------
def read_manifest(corpus: Path, strict: bool = False) -> Manifest:
    """The manifest's rows, each checked; with `strict`, any problem raises ManifestError (all of them)."""
    path = Path(corpus) / MANIFEST_NAME
    manifest = Manifest()
    if not path.is_file() or path.is_symlink():
        return manifest
    try:
        text = _decode_manifest(path)
    except ValueError as exc:
        raise ManifestError([ManifestProblem(path, 1, "(encoding)", str(exc))]) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if "file" not in (reader.fieldnames or []):
        raise ManifestError([ManifestProblem(path, 1, "file", "required column is missing from the header")])
    seen: dict[str, int] = {}
    for lineno, row in enumerate(reader, start=2):
        _add_row(manifest, path, Path(corpus), lineno, row, seen)
    if strict and manifest.problems:
        raise ManifestError(manifest.problems)
    return manifest


def _decode_manifest(path: Path) -> str:
    data = path.read_bytes()
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding).removeprefix("\ufeff")
    for encoding in MANIFEST_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError(f"{path.name} is neither UTF-8 nor GB18030 text; save it as UTF-8")


def _add_row(manifest: Manifest, path: Path, corpus: Path, lineno: int, row: dict, seen: dict[str, int]) -> None:
    values = {c: (row.get(c) or "").strip() or None for c in MANIFEST_COLUMNS}
    file = values["file"]
    if not file:
        if any(values.values()):
            manifest.problems.append(ManifestProblem(path, lineno, "file", "empty file name"))
        return
    file = PurePosixPath(file.replace("\\", "/")).as_posix()
    values["file"] = file
    if file in seen:
        manifest.rows.pop(file, None)
        manifest.problems.append(ManifestProblem(path, lineno, "file", f"second row for '{file}' (first on line {seen[file]})", file))
        return
    seen[file] = lineno
    problem = _row_problem(path, corpus, lineno, values)
    if problem:
        manifest.problems.append(problem)
    else:
        manifest.rows[file] = DocumentMeta(**values)  # type: ignore[arg-type]


def _row_problem(path: Path, corpus: Path, lineno: int, values: dict[str, str | None]) -> ManifestProblem | None:
    file = values["file"] or ""
    root = corpus.resolve()
    target = (corpus / file).resolve()
    if root not in target.parents:
        return ManifestProblem(path, lineno, "file", f"'{file}' points outside the corpus folder", file)
    if (corpus / file).is_symlink():
        return ManifestProblem(path, lineno, "file", f"'{file}' is a symbolic link (not followed)", file)
    if not target.is_file():
        return ManifestProblem(path, lineno, "file", f"'{file}' does not exist in the corpus folder", file)
    if values["published_on"]:
        try:
            parse_published_on(values["published_on"])
        except ValueError as exc:
            return ManifestProblem(path, lineno, "published_on", str(exc), file)
    if values["region"] and regions.resolve(values["region"]) is None:
        return ManifestProblem(path, lineno, "region", f"unknown region '{values['region']}'", file)
    return None


# --- scanning -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Scan:
    files: list[Path]  # document files, sorted by relative path
    skipped: list[Rejection]  # symbolic links, with the reason


def scan_corpus(corpus: Path) -> Scan:
    """Every document file of the corpus folder and its subfolders (not the manifest, not hidden files);
    symbolic links are never followed and are reported."""
    corpus = Path(corpus)
    if not corpus.is_dir():
        raise FileNotFoundError(f"corpus folder {corpus} does not exist")
    root = corpus.resolve()
    files: list[Path] = []
    skipped: list[Rejection] = []
    for folder, dirs, names in os.walk(corpus, followlinks=False):
        base = Path(folder)
        for name in sorted(dirs):
            if (base / name).is_symlink():
                skipped.append(Rejection(relative_name(base / name, corpus), "symbolic link to a folder (not followed)"))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (base / d).is_symlink())
        for name in names:
            path = base / name
            if name.startswith(".") or (base == corpus and name == MANIFEST_NAME):
                continue
            if name == MANIFEST_NAME:
                skipped.append(Rejection(relative_name(path, corpus), "a manifest in a subfolder is not read: list "
                                         "its files in the top manifest.csv as sub/name"))
            elif path.is_symlink() or root not in path.resolve().parents:
                skipped.append(Rejection(relative_name(path, corpus), "symbolic link (not followed)"))
            elif path.is_file():
                files.append(path)
    files.sort(key=lambda p: relative_name(p, corpus))
    return Scan(files, sorted(skipped, key=lambda r: r.source_file))


def list_files(corpus: Path) -> list[Path]:
    """The document files of `scan_corpus`."""
    return scan_corpus(corpus).files


def relative_name(path: Path, corpus: Path) -> str:
    """A file's path below the corpus folder, '/'-separated: its `source_file`."""
    return Path(path).relative_to(corpus).as_posix()


def document_ids(files: list[Path], corpus: Path) -> dict[Path, str]:
    """Each file's document id: its relative path without extension, unique (see the module docstring)."""
    groups: dict[str, list[Path]] = {}
    for path in files:
        groups.setdefault(PurePosixPath(relative_name(path, corpus)).with_suffix("").as_posix(), []).append(path)
    ids: dict[Path, str] = {}
    for stem, paths in groups.items():
        ranked = sorted(paths, key=lambda p: (_format_rank(p), p.name))
        ids[ranked[0]] = stem
        for other in ranked[1:]:
            ids[other] = relative_name(other, corpus)
    return ids


def _format_rank(path: Path) -> int:
    suffix = path.suffix.lower()
    return FORMAT_ORDER.index(suffix) if suffix in FORMAT_ORDER else len(FORMAT_ORDER)


# --- planning -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PlannedFile:
    """One file of the corpus and what the load should do with it."""

    path: Path
    source_file: str
    document_id: str
    sha256: str
    meta: DocumentMeta | None  # its manifest row, if it has a usable one
    change_key: str  # sha256 + manifest row + id: landing compares it (with the extractor version)
    duplicate_of: str | None = None  # source_file of the kept copy
    problem: ManifestProblem | None = None  # a bad manifest row: the document is rejected


@dataclass(frozen=True)
class CorpusPlan:
    files: list[PlannedFile]
    skipped: list[Rejection]  # symbolic links
    missing: list[ManifestProblem]  # bad manifest rows that name no file of the corpus


def plan_corpus(corpus: Path, strict: bool = False, landed_sources: dict[str, str] | None = None) -> CorpusPlan:
    """Scan the corpus and decide, for every file, its id, row, duplicate status and change key.
    `landed_sources` maps sha256 → source_file of the documents already landed."""
    corpus = Path(corpus)
    manifest = read_manifest(corpus, strict=strict)
    scan = scan_corpus(corpus)
    ids = document_ids(scan.files, corpus)
    names = {p: relative_name(p, corpus) for p in scan.files}
    shas = {p: sha256_file(p) for p in scan.files}
    keepers = _keepers(scan.files, names, shas, manifest, landed_sources or {})
    planned = [
        PlannedFile(p, names[p], ids[p], shas[p], manifest.get(names[p]),
                    change_key(shas[p], manifest.get(names[p]), ids[p]),
                    duplicate_of=None if keepers[shas[p]] == p else names[keepers[shas[p]]],
                    problem=manifest.problem_for(names[p]))
        for p in scan.files
    ]
    present = set(names.values())
    missing = [p for p in manifest.problems if p.file not in present]
    return CorpusPlan(planned, scan.skipped, missing)


def _keepers(files: list[Path], names: dict[Path, str], shas: dict[Path, str], manifest: Manifest,
             landed: dict[str, str]) -> dict[str, Path]:
    """For each content hash, the file kept: named by the manifest, else already landed, else the first."""
    keepers: dict[str, Path] = {}
    for path in files:
        best = keepers.get(shas[path])
        if best is None or _preference(path, names, manifest, landed, shas) < _preference(best, names, manifest, landed, shas):
            keepers[shas[path]] = path
    return keepers


def _preference(path: Path, names: dict[Path, str], manifest: Manifest, landed: dict[str, str],
                shas: dict[Path, str]) -> tuple[int, int, str]:
    name = names[path]
    return (0 if manifest.get(name) else 1, 0 if landed.get(shas[path]) == name else 1, name)


def change_key(sha256: str, meta: DocumentMeta | None, document_id: str) -> str:
    """What a landed document's rows depend on besides the extractor: bytes, manifest row, id."""
    row = "\x1f".join("" if v is None else v for v in astuple(meta)) if meta else ""
    return hashlib.sha256(f"{sha256}\x1e{row}\x1e{document_id}".encode("utf-8")).hexdigest()


# --- documents ------------------------------------------------------------------------------------
def read_document(path: Path, meta: DocumentMeta | None, document_id: str | None = None,
                  source_file: str | None = None) -> Document:
    """One file → a Document with its normalised body; raises UnreadableDocument. Empty manifest
    fields are inferred from the text."""
    raw, fmt = read_text(path)
    body = normalise(raw)
    if not body.strip():
        raise UnreadableDocument(path, "no text after normalisation")
    if len(body) > MAX_BODY_CHARS:
        raise UnreadableDocument(path, f"too long: {len(body):,} characters of text (limit {MAX_BODY_CHARS:,})")
    meta = merge_meta(meta, infer_meta(path, body))
    published = parse_published_on(meta.published_on) if meta.published_on else None
    return Document(
        document_id=document_id or path.stem,
        source_file=source_file or path.name,
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


def merge_meta(row: DocumentMeta | None, inferred: DocumentMeta) -> DocumentMeta:
    """The manifest row where it says something, the inferred value where it is empty."""
    if row is None:
        return inferred
    filled = {k: v for k, v in row.__dict__.items() if v is not None}
    return replace(inferred, **filled)


def infer_meta(path: Path, body: str) -> DocumentMeta:
    """Metadata from the text: title = first line, date and region from the text."""
    first_line = next((ln.strip() for ln in body.splitlines() if len(ln.strip()) >= 4), path.stem)
    published = None
    for m in TEXT_DATE_RE.finditer(body[:2000]):
        try:
            published = date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            break
        except ValueError:
            continue
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
    plan = plan_corpus(corpus)
    documents: list[Document] = []
    rejected: list[Rejection] = list(plan.skipped)
    for item in plan.files:
        if item.problem or item.duplicate_of:
            rejected.append(Rejection(item.source_file, str(item.problem) if item.problem else f"same content as {item.duplicate_of}"))
            continue
        try:
            documents.append(read_document(item.path, item.meta, item.document_id, item.source_file))
        except UnreadableDocument as exc:
            rejected.append(Rejection(item.source_file, exc.reason))
    return documents, rejected
