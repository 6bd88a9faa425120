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

from loaders.corpus import list_files, read_document, read_manifest
from loaders.extraction.accounting import account_document
from loaders.extraction.extract import extract
from loaders.readers import UnreadableDocument, sha256_file
from loaders.extraction.records import Document, Observation, ProgrammeMention, Rejection
from loaders.version import extractor_version
from loaders.warehouse_schema import RAW_DDL, RAW_TABLES


@dataclass
class LoadLine:
    source_file: str
    document_id: str
    action: str  # extracted | unchanged | rejected | duplicate | removed
    n_observations: int = 0
    n_programme_mentions: int = 0
    reason: str | None = None


def land_corpus(con: duckdb.DuckDBPyConnection, corpus: Path, progress: bool = True) -> list[LoadLine]:
    """Bring the raw tables in line with the corpus folder; returns one line per file."""
    manifest = read_manifest(corpus)  # a bad manifest raises before anything is written
    files = list_files(corpus)
    for ddl in RAW_DDL:
        con.execute(ddl)
    version = extractor_version()
    landed = dict(con.execute("select document_id, sha256 || '|' || extractor_version from raw.documents").fetchall())
    lines: list[LoadLine] = []
    seen_sha: dict[str, str] = {}
    with _transaction(con):
        con.execute("delete from raw.rejected_documents")
        for n, path in enumerate(files, start=1):
            line = _land_file(con, path, manifest.get(path.name), landed, seen_sha, version)
            lines.append(line)
            if progress:
                _show(n, len(files), line)
        lines += _remove_gone(con, {p.stem for p in files})
    return lines


def _land_file(con, path: Path, meta, landed: dict[str, str], seen_sha: dict[str, str], version: str) -> LoadLine:
    document_id = path.stem
    sha = sha256_file(path)
    if sha in seen_sha:
        reason = f"same content as {seen_sha[sha]}"
        _delete_document(con, document_id)
        con.execute("insert into raw.rejected_documents values (?, ?, ?)", [path.name, "duplicate", reason])
        return LoadLine(path.name, document_id, "duplicate", reason=reason)
    seen_sha[sha] = path.name
    if landed.get(document_id) == f"{sha}|{version}":
        n_obs, n_prog = _counts(con, document_id)
        return LoadLine(path.name, document_id, "unchanged", n_obs, n_prog)
    try:
        doc = read_document(path, meta)
    except UnreadableDocument as exc:
        _delete_document(con, document_id)
        con.execute("insert into raw.rejected_documents values (?, ?, ?)", [path.name, "unreadable", exc.reason])
        return LoadLine(path.name, document_id, "rejected", reason=exc.reason)
    observations, mentions = extract(doc)
    _delete_document(con, document_id)
    _insert(con, "documents", [_document_row(doc, version)])
    _insert(con, "observations", [asdict(o) for o in observations])
    _insert(con, "programme_mentions", [asdict(m) for m in mentions])
    _insert(con, "number_spans", [asdict(n) for n in account_document(doc, observations, mentions)])
    return LoadLine(path.name, document_id, "extracted", len(observations), len(mentions))


def _document_row(doc: Document, version: str) -> dict:
    row = asdict(doc)
    row["extractor_version"] = version
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
    for table in ("observations", "programme_mentions", "number_spans", "documents"):
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
