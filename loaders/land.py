"""Land a corpus into the `raw` schema of a DuckDB connection, incrementally and in one transaction.

Load: list the corpus and its manifest. Process: extract every new or changed document (by sha256 and
extractor version); an unchanged one is kept as landed. Save: replace that document's rows, delete the
rows of documents gone from the folder, record unreadable files with their reason.
"""
from __future__ import annotations

import sys
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import duckdb
import pandas as pd

from loaders.corpus import CorpusPlan, PlannedFile, plan_corpus, read_document
from loaders.extraction.extract import extract
from loaders.readers import UnreadableDocument
from loaders.extraction.records import Document, Observation, ProgrammeMention, Rejection
from loaders.version import extractor_version
from loaders.warehouse_schema import RAW_DDL, RAW_TABLES


@dataclass
class LoadLine:
    source_file: str
    document_id: str | None  # None for a skipped link or a manifest row naming no file
    action: str  # extracted | unchanged | rejected | duplicate | skipped | missing | removed
    n_observations: int = 0
    n_programme_mentions: int = 0
    reason: str | None = None


MAX_FACTS_PER_DOCUMENT = 10_000  # real reports state ~100; more is a table dump: rejected with the count


def land_corpus(con: duckdb.DuckDBPyConnection, corpus: Path, progress: bool = True,
                strict: bool = False) -> list[LoadLine]:
    """Bring the raw tables in line with the corpus folder; returns one line per file (and per bad
    manifest row naming no file). With `strict`, a bad manifest raises before anything is written."""
    for ddl in RAW_DDL:
        con.execute(ddl)
    con.execute("alter table raw.documents add column if not exists change_key varchar")  # files of older builds
    landed_sources = dict(con.execute("select sha256, source_file from raw.documents").fetchall())
    plan = plan_corpus(corpus, strict=strict, landed_sources=landed_sources)
    version = extractor_version()
    landed = dict(con.execute(
        "select document_id, coalesce(change_key, '') || '|' || extractor_version from raw.documents").fetchall())
    lines: list[LoadLine] = []
    with _transaction(con):
        con.execute("delete from raw.rejected_documents")
        for n, item in enumerate(plan.files, start=1):
            line = _land_file(con, item, landed, version)
            lines.append(line)
            if progress:
                _show(n, len(plan.files), line)
        lines += _record_unplanned(con, plan)
        lines += _remove_gone(con, {item.document_id for item in plan.files})
    return lines


def _land_file(con, item: PlannedFile, landed: dict[str, str], version: str) -> LoadLine:
    if item.problem or item.duplicate_of:
        problem = "manifest" if item.problem else "duplicate"
        reason = str(item.problem) if item.problem else f"same content as {item.duplicate_of}"
        return _reject(con, item, problem, reason)
    if landed.get(item.document_id) == f"{item.change_key}|{version}":
        n_obs, n_prog = _counts(con, item.document_id)
        return LoadLine(item.source_file, item.document_id, "unchanged", n_obs, n_prog)
    try:
        doc = read_document(item.path, item.meta, item.document_id, item.source_file)
    except UnreadableDocument as exc:
        return _reject(con, item, "unreadable", exc.reason)
    observations, mentions = extract(doc)
    if len(observations) + len(mentions) > MAX_FACTS_PER_DOCUMENT:
        reason = (f"{len(observations) + len(mentions):,} facts and programme mentions, "
                  f"more than the limit of {MAX_FACTS_PER_DOCUMENT:,} per document")
        return _reject(con, item, "too_large", reason)
    _delete_document(con, item.document_id)
    _insert(con, "documents", [_document_row(doc, version, item.change_key)])
    _insert(con, "observations", [asdict(o) for o in observations])
    _insert(con, "programme_mentions", [asdict(m) for m in mentions])
    return LoadLine(item.source_file, item.document_id, "extracted", len(observations), len(mentions))


def _reject(con, item: PlannedFile, problem: str, reason: str) -> LoadLine:
    _delete_document(con, item.document_id)
    con.execute("insert into raw.rejected_documents values (?, ?, ?)", [item.source_file, problem, reason])
    action = "duplicate" if problem == "duplicate" else "rejected"
    return LoadLine(item.source_file, item.document_id, action, reason=reason)


def _record_unplanned(con, plan: CorpusPlan) -> list[LoadLine]:
    """Symbolic links skipped and manifest rows naming no file of the corpus: reported, nothing loaded."""
    found: dict[str, tuple[str, list[str]]] = {}  # name -> (problem, reasons): one row per name
    for skipped in plan.skipped:
        found.setdefault(skipped.source_file, ("skipped", []))[1].append(skipped.reason)
    for problem in plan.missing:
        name = problem.file or f"{problem.manifest.name} line {problem.line}"
        found.setdefault(name, ("manifest", []))[1].append(str(problem))
    lines: list[LoadLine] = []
    for name, (problem, texts) in found.items():
        reason = "; ".join(texts)
        con.execute("insert into raw.rejected_documents values (?, ?, ?)", [name, problem, reason])
        lines.append(LoadLine(name, None, "skipped" if problem == "skipped" else "missing", reason=reason))
    return lines


def _document_row(doc: Document, version: str, key: str) -> dict:
    row = asdict(doc)
    row["extractor_version"] = version
    row["change_key"] = key
    return row


def _insert(con, table: str, rows: list[dict]) -> None:
    if not rows:
        return
    columns = RAW_TABLES[table]
    frame = pd.DataFrame([{c: r.get(c) for c in columns} for r in rows], columns=columns)
    con.register("_landing_rows", frame)
    try:
        con.execute(f"insert into raw.{table} ({', '.join(columns)}) select {', '.join(columns)} from _landing_rows")
    finally:
        con.unregister("_landing_rows")


def _delete_document(con, document_id: str) -> None:
    for table in ("observations", "programme_mentions", "documents"):
        con.execute(f"delete from raw.{table} where document_id = ?", [document_id])


def _counts(con, document_id: str) -> tuple[int, int]:
    obs = con.execute("select count(*) from raw.observations where document_id = ?", [document_id]).fetchone()[0]
    prog = con.execute("select count(*) from raw.programme_mentions where document_id = ?", [document_id]).fetchone()[0]
    return obs, prog


def _remove_gone(con, present: set[str]) -> list[LoadLine]:
    gone = [r[0] for r in con.execute("select document_id from raw.documents order by 1").fetchall() if r[0] not in present]
    for document_id in gone:
        _delete_document(con, document_id)
    return [LoadLine("", d, "removed") for d in gone]


class _transaction:
    """BEGIN/COMMIT around the load, or ride on the caller's transaction when one is open (dbt)."""

    def __init__(self, con) -> None:
        self.con, self.own = con, False

    def __enter__(self):
        try:
            self.con.execute("begin transaction")
            self.own = True
        except duckdb.TransactionException:
            self.own = False
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.own:
            self.con.execute("rollback" if exc_type else "commit")


def _show(n: int, total: int, line: LoadLine) -> None:
    width = 20
    done = int(width * n / total) if total else width
    bar = "#" * done + "." * (width - done)
    detail = line.reason or f"{line.n_observations} facts, {line.n_programme_mentions} programme mentions"
    print(f"[{bar}] {n}/{total} {line.source_file}: {line.action} ({detail})", file=sys.stderr, flush=True)


LOAD_LINE_DTYPES = {"n_observations": "int64", "n_programme_mentions": "int64"}


def load_lines_frame(lines: list[LoadLine]) -> pd.DataFrame:
    """One row per file; text columns typed as strings even when every value is None (else DuckDB types them NULL)."""
    frame = pd.DataFrame([asdict(x) for x in lines], columns=[f.name for f in fields(LoadLine)])
    return frame.astype({c: LOAD_LINE_DTYPES.get(c, "string") for c in frame.columns})
