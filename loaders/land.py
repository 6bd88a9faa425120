"""Land a corpus into the `raw` schema of a DuckDB connection, incrementally and in one transaction.

Load: list the corpus and its manifest, hash every file. Process: extract every new or changed document (by
sha256 and extractor version) in a process pool over documents (`jobs`, default every core; the rows do not
depend on it); an unchanged one is kept as landed. Save: in bulk, as Arrow batches of a bounded number of
documents (memory per document is constant): delete the rows of changed, duplicate, unreadable and removed
documents, insert the new rows, record unreadable files with their reason.
"""
from __future__ import annotations

import sys
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from loaders.corpus import list_files, read_manifest
from loaders.parallel import Extracted, ExtractJob, extract_files
from loaders.readers import sha256_file
from loaders.version import extractor_version
from loaders.warehouse_schema import ARROW_SCHEMAS, RAW_TABLES, ensure_raw_schema

BATCH_DOCUMENTS = 500  # documents whose rows are held before they are written


@dataclass
class LoadLine:
    source_file: str
    document_id: str
    action: str  # extracted | unchanged | rejected | duplicate | removed
    n_observations: int = 0
    n_programme_mentions: int = 0
    reason: str | None = None


def land_corpus(con: duckdb.DuckDBPyConnection, corpus: Path, progress: bool = True,
                jobs: int | None = None) -> list[LoadLine]:
    """Bring the raw tables in line with the corpus folder; returns one line per file."""
    manifest = read_manifest(corpus)  # a bad manifest raises before anything is written
    files = list_files(corpus)
    ensure_raw_schema(con)  # a raw table with other columns than the records raises here
    version = extractor_version()
    landed = dict(con.execute("select document_id, sha256 || '|' || extractor_version from raw.documents").fetchall())
    lines, to_extract = _plan(files, landed, version)
    with _transaction(con):
        con.execute("delete from raw.rejected_documents")
        stale = [ln.document_id for ln in lines if ln and ln.action == "duplicate"] + [p.stem for p in to_extract]
        gone = sorted(set(landed) - {p.stem for p in files})
        delete_documents(con, stale + gone)
        _insert_rejected(con, [ln for ln in lines if ln and ln.action == "duplicate"])
        extracted = _extract_and_insert(con, to_extract, manifest, version, jobs, progress, len(files))
        lines = _fill(lines, extracted, con)
        lines += [LoadLine("", d, "removed") for d in gone]
    return lines


def _plan(files: list[Path], landed: dict[str, str], version: str) -> tuple[list[LoadLine | None], list[Path]]:
    """Per file: a duplicate or unchanged line now, or None (to be extracted, listed second)."""
    seen_sha: dict[str, str] = {}
    lines: list[LoadLine | None] = []
    to_extract: list[Path] = []
    for path in files:
        sha = sha256_file(path)
        if sha in seen_sha:
            lines.append(LoadLine(path.name, path.stem, "duplicate", reason=f"same content as {seen_sha[sha]}"))
            continue
        seen_sha[sha] = path.name
        if landed.get(path.stem) == f"{sha}|{version}":
            lines.append(LoadLine(path.name, path.stem, "unchanged"))
        else:
            lines.append(None)
            to_extract.append(path)
    return lines, to_extract


def _extract_and_insert(con, paths: list[Path], manifest, version: str, jobs: int | None, progress: bool,
                        total: int) -> list[LoadLine]:
    """Extract (in a pool), insert in batches; one line per extracted or rejected file, in file order."""
    work = [ExtractJob(p, manifest.get(p.name), version) for p in paths]
    batch = RowBatch()
    done: list[LoadLine] = []
    for n, result in enumerate(extract_files(work, jobs), start=1):
        batch.add(result)
        if len(batch) >= BATCH_DOCUMENTS:
            batch.flush(con)
        done.append(LoadLine(result.source_file, result.document_id, "rejected", reason=result.reason)
                    if result.reason is not None else
                    LoadLine(result.source_file, result.document_id, "extracted",
                             result.n_observations, result.n_programme_mentions))
        if progress:
            _show(n, len(work), total, done[-1])
    batch.flush(con)
    return done


class RowBatch:
    """Rows of some documents, column by column; written to raw in one Arrow insert per table."""

    def __init__(self) -> None:
        self.rows: dict[str, list[tuple]] = {t: [] for t in ("documents", "observations", "programme_mentions", "number_spans")}
        self.rejected: list[tuple] = []
        self.documents = 0

    def __len__(self) -> int:
        return self.documents

    def add(self, result: Extracted) -> None:
        self.documents += 1
        if result.reason is not None:
            self.rejected.append((result.source_file, "unreadable", result.reason))
        for table, rows in result.rows.items():
            self.rows[table] += rows

    def flush(self, con) -> None:
        for table, rows in self.rows.items():
            insert_rows(con, table, rows)
        insert_rows(con, "rejected_documents", self.rejected)
        self.__init__()


def arrow_table(table: str, rows: list[tuple]) -> pa.Table:
    """Rows (tuples in raw column order) as an Arrow table of the raw schema; a row of another width raises."""
    schema = ARROW_SCHEMAS[table]
    width = len(schema)
    if any(len(r) != width for r in rows):
        bad = next(r for r in rows if len(r) != width)
        raise ValueError(f"raw.{table}: a row has {len(bad)} values for {width} columns ({RAW_TABLES[table]})")
    columns = list(zip(*rows)) if rows else [()] * width
    return pa.Table.from_arrays([pa.array(list(c), type=f.type) for c, f in zip(columns, schema)], schema=schema)


def insert_rows(con, table: str, rows: list[tuple]) -> None:
    if not rows:
        return
    data = arrow_table(table, rows)
    con.register("_landing_rows", data)
    try:
        cols = ", ".join(RAW_TABLES[table])
        con.execute(f"insert into raw.{table} ({cols}) select {cols} from _landing_rows")
    finally:
        con.unregister("_landing_rows")


def delete_documents(con, document_ids: list[str]) -> None:
    """Delete every raw row of these documents, in one statement per table."""
    if not document_ids:
        return
    con.register("_gone_ids", pa.table({"document_id": pa.array(document_ids, type=pa.string())}))
    try:
        for table in ("observations", "programme_mentions", "number_spans", "documents"):
            con.execute(f"delete from raw.{table} where document_id in (select document_id from _gone_ids)")
    finally:
        con.unregister("_gone_ids")


def _insert_rejected(con, lines: list[LoadLine]) -> None:
    insert_rows(con, "rejected_documents", [(ln.source_file, ln.action, ln.reason) for ln in lines])


COUNTS_SQL = """
    select document_id, count(*) filter (where kind = 'o'), count(*) filter (where kind = 'm')
    from (select document_id, 'o' as kind from raw.observations
          union all select document_id, 'm' from raw.programme_mentions)
    group by document_id
"""


def _fill(lines: list[LoadLine | None], extracted: list[LoadLine], con) -> list[LoadLine]:
    """The planned lines with the extracted (or rejected) files in their places, in file order; unchanged
    files get their landed counts (one grouped query)."""
    results = iter(extracted)
    out = [line if line is not None else next(results) for line in lines]
    unchanged = [ln for ln in out if ln.action == "unchanged"]
    if unchanged:
        counts = {d: (o, m) for d, o, m in con.execute(COUNTS_SQL).fetchall()}
        for line in unchanged:
            line.n_observations, line.n_programme_mentions = counts.get(line.document_id, (0, 0))
    return out


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


def _show(n: int, to_extract: int, total: int, line: LoadLine) -> None:
    width = 20
    done = int(width * n / to_extract) if to_extract else width
    bar = "#" * done + "." * (width - done)
    detail = line.reason or f"{line.n_observations} facts, {line.n_programme_mentions} programme mentions"
    print(f"[{bar}] {n}/{to_extract} {line.source_file}: {line.action} ({detail}; {total} files in the corpus)",
          file=sys.stderr, flush=True)


LOAD_LINE_DTYPES = {"n_observations": "int64", "n_programme_mentions": "int64"}


def load_lines_frame(lines: list[LoadLine]) -> pd.DataFrame:
    """One row per file; text columns typed as strings even when every value is None (else DuckDB types them NULL)."""
    frame = pd.DataFrame([asdict(x) for x in lines], columns=[f.name for f in fields(LoadLine)])
    return frame.astype({c: LOAD_LINE_DTYPES.get(c, "string") for c in frame.columns})
