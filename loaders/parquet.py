"""Extraction to partitioned Parquet, here or on a Dask cluster, and landing such a folder into `raw`.

    python -m loaders extract --to-parquet DIR FILES…                       # this machine, every core
    python -m loaders extract --to-parquet DIR --scheduler tcp://host:8786 FILES…   # a Dask cluster

DIR holds one folder per raw table (`documents/`, `observations/`, `programme_mentions/`, `rejected_documents/`)
and in each one part file per chunk of documents (`part-00000.parquet`, …), with the columns of the raw schema
(derived from the record types). A chunk is a pure function of its files and the extractor version, so the
same files give the same part files whether the chunks run in a local process pool or on a cluster (whose
workers must see FILES and DIR at the same paths: a shared file system). The landing model reads DIR when
$PARQUET_DIR is set (`land_parquet`).
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from loaders.corpus import MANIFEST_NAME, plan_corpus
from loaders.extraction.records import DocumentMeta
from loaders.parallel import ExtractJob, default_jobs, extract_file, pool
from loaders.version import extractor_version
from loaders.warehouse_schema import ARROW_SCHEMAS, RAW_TABLES, check_columns, ensure_raw_schema

PARQUET_DIR_ENV = "PARQUET_DIR"
CHUNK_DOCUMENTS = 200  # documents per part file
TABLES = ("documents", "observations", "programme_mentions", "number_spans", "rejected_documents")


@dataclass(frozen=True)
class ChunkFile:
    """One file of a chunk as a build of its folder would land it (loaders.corpus.plan_corpus)."""

    path: str
    document_id: str
    source_file: str
    change_key: str
    meta: DocumentMeta | None
    rejected: tuple[str, str] | None = None  # (problem, reason): a duplicate or a bad manifest row, not extracted


@dataclass(frozen=True)
class Chunk:
    index: int
    files: tuple[ChunkFile, ...]
    out_dir: str
    version: str


@dataclass(frozen=True)
class ChunkSummary:
    index: int
    documents: int
    rejected: int
    observations: int
    programme_mentions: int


def parquet_dir() -> Path | None:
    """$PARQUET_DIR: a folder written by `extract --to-parquet` for the landing model to read, else None."""
    value = os.environ.get(PARQUET_DIR_ENV)
    return Path(value).resolve() if value else None


def extract_chunk(chunk: Chunk) -> ChunkSummary:
    """Extract the chunk's files and write one part file per table; the same chunk always writes the same rows."""
    rows: dict[str, list[tuple]] = {t: [] for t in TABLES}
    for item in chunk.files:
        if item.rejected:
            rows["rejected_documents"].append((item.source_file, *item.rejected))
            continue
        result = extract_file(ExtractJob(Path(item.path), item.meta, chunk.version, item.document_id,
                                         item.source_file, item.change_key))
        if result.reason is not None:
            rows["rejected_documents"].append((result.source_file, result.problem, result.reason))
        for table, table_rows in result.rows.items():
            rows[table] += table_rows
    for table in TABLES:
        folder = Path(chunk.out_dir) / table
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(_arrow(table, rows[table]), folder / f"part-{chunk.index:05d}.parquet")
    return ChunkSummary(chunk.index, len(rows["documents"]), len(rows["rejected_documents"]),
                        len(rows["observations"]), len(rows["programme_mentions"]))


def _arrow(table: str, rows: list[tuple]) -> pa.Table:
    from loaders.land import arrow_table

    return arrow_table(table, rows)


def chunks(files: Sequence[Path], out_dir: Path, size: int = CHUNK_DOCUMENTS) -> list[Chunk]:
    """The files (a folder stands for its documents; never a manifest), sorted by path, cut into chunks of `size`."""
    planned = planned_files(files)
    version = extractor_version()
    return [Chunk(i, tuple(planned[s:s + size]), str(out_dir.resolve()), version)
            for i, s in enumerate(range(0, len(planned), size))]


def planned_files(files: Sequence[Path]) -> list[ChunkFile]:
    """The documents of `files` with the ids, manifest rows and change keys a build of their folder gives them
    (so that a later `dbt build` over that folder finds them unchanged); duplicates and files of bad manifest
    rows are kept as rejections, as landing keeps them. Sorted by path."""
    wanted: dict[Path, set[Path] | None] = {}
    for given in map(Path, files):
        given = given.resolve()
        if given.is_dir():
            wanted[given] = None
        elif given.name != MANIFEST_NAME and wanted.get(given.parent, set()) is not None:
            wanted.setdefault(given.parent, set()).add(given)
    out = []
    for folder, only in wanted.items():
        for item in plan_corpus(folder).files:
            if only is None or item.path.resolve() in only:
                out.append(_chunk_file(item))
    return sorted(out, key=lambda c: c.path)


def _chunk_file(item) -> ChunkFile:
    rejected = (("manifest", str(item.problem)) if item.problem
                else ("duplicate", f"same content as {item.duplicate_of}") if item.duplicate_of else None)
    return ChunkFile(str(item.path.resolve()), item.document_id, item.source_file, item.change_key,
                     None if item.problem else item.meta, rejected)


def extract_to_parquet(files: Sequence[Path], out_dir: Path, jobs: int | None = None, scheduler: str | None = None,
                       chunk_size: int = CHUNK_DOCUMENTS, progress: bool = True) -> list[ChunkSummary]:
    """Write DIR/<table>/part-NNNNN.parquet for every chunk: in a local pool of `jobs` processes, or on the Dask
    cluster at `scheduler`. Old part files of DIR are removed first (DIR then holds exactly these files)."""
    for table in TABLES:
        for old in (out_dir / table).glob("part-*.parquet"):
            old.unlink()
    work = chunks(files, out_dir, chunk_size)
    run = _on_dask(scheduler) if scheduler else _local(jobs or default_jobs(), len(work))
    summaries = []
    for summary in run(work):
        summaries.append(summary)
        if progress:
            print(f"part {summary.index + 1}/{len(work)}: {summary.documents} documents, "
                  f"{summary.observations} facts, {summary.rejected} unreadable", file=sys.stderr, flush=True)
    return sorted(summaries, key=lambda s: s.index)


def _local(jobs: int, n_chunks: int) -> Callable[[list[Chunk]], list[ChunkSummary]]:
    def run(work: list[Chunk]):
        if min(jobs, n_chunks) <= 1:
            return map(extract_chunk, work)
        with pool(min(jobs, n_chunks)) as workers:
            return list(workers.imap(extract_chunk, work))
    return run


def _on_dask(address: str) -> Callable[[list[Chunk]], list[ChunkSummary]]:
    def run(work: list[Chunk]):
        from distributed import Client, as_completed

        with Client(address) as client:
            futures = client.map(extract_chunk, work, pure=False)
            return [f.result() for f in as_completed(futures)]
    return run


def land_parquet(con: duckdb.DuckDBPyConnection, folder: Path) -> list:
    """Make raw hold exactly the documents of a Parquet folder: documents new or changed there (change key:
    bytes, manifest row and id; extractor version) replace their rows, documents missing there are removed, in one transaction."""
    from loaders.land import LoadLine, _transaction, delete_documents

    ensure_raw_schema(con)
    sources = {t: _read(con, folder, t) for t in TABLES}
    with _transaction(con):
        changed = [r[0] for r in con.execute(f"""
            select p.document_id from {sources['documents']} p left join raw.documents d using (document_id)
            where d.document_id is null or d.change_key is distinct from p.change_key
                or d.extractor_version <> p.extractor_version
        """).fetchall()]
        gone = [r[0] for r in con.execute(
            f"select document_id from raw.documents anti join {sources['documents']} p using (document_id)").fetchall()]
        delete_documents(con, changed + gone)
        con.execute("delete from raw.rejected_documents")
        con.register("_changed_ids", pa.table({"document_id": pa.array(changed, type=pa.string())}))
        try:
            for table in ("documents", "observations", "programme_mentions", "number_spans"):
                cols = ", ".join(RAW_TABLES[table])
                con.execute(f"insert into raw.{table} ({cols}) select {cols} from {sources[table]} "
                            f"where document_id in (select document_id from _changed_ids)")
        finally:
            con.unregister("_changed_ids")
        cols = ", ".join(RAW_TABLES["rejected_documents"])
        con.execute(f"insert into raw.rejected_documents ({cols}) select {cols} from {sources['rejected_documents']}")
        return _parquet_lines(con, set(changed), gone, LoadLine)


def _read(con, folder: Path, table: str) -> str:
    """`read_parquet(...)` of one table's part files, after checking their columns against the raw schema."""
    parts = sorted((folder / table).glob("part-*.parquet"))
    if not parts:
        raise FileNotFoundError(f"{folder / table}: no part-*.parquet files (write them with extract --to-parquet)")
    for part in parts:
        check_columns(str(part), pq.read_schema(part).names, RAW_TABLES[table])
    return f"read_parquet('{(folder / table / 'part-*.parquet').as_posix()}')"


def _parquet_lines(con, changed: set[str], gone: list[str], line_type) -> list:
    counts = con.execute("""
        select d.source_file, d.document_id,
               (select count(*) from raw.observations o where o.document_id = d.document_id),
               (select count(*) from raw.programme_mentions m where m.document_id = d.document_id)
        from raw.documents d order by d.source_file""").fetchall()
    lines = [line_type(f, d, "extracted" if d in changed else "unchanged", o, m) for f, d, o, m in counts]
    lines += [line_type(f, Path(f).stem, "rejected", reason=r)
              for f, _, r in con.execute("select * from raw.rejected_documents order by 1").fetchall()]
    return lines + [line_type("", d, "removed") for d in gone]
