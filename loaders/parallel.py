"""Extraction over many documents: a pure function of (file, manifest row, extractor version), run in this
process, in a process pool over documents, or (loaders.parquet) on a Dask cluster, always with the same rows.

`extract_file` reads, normalises and extracts one file and returns its rows as tuples in raw column order
(cheap to send between processes). `extract_files` yields the results in the order of its input whatever
the number of processes, so ids, rows and their order do not depend on `jobs`.
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from loaders.corpus import read_document
from loaders.extraction.accounting import account_document
from loaders.extraction.extract import extract
from loaders.extraction.records import DocumentMeta
from loaders.readers import UnreadableDocument
from loaders.warehouse_schema import RAW_TABLES

JOBS_ENV = "KJFACTS_JOBS"
CHUNKSIZE = 4  # documents handed to a worker at a time
MIN_DOCUMENTS_PER_PROCESS = 8  # fewer documents than this per process: not worth starting a pool


@dataclass(frozen=True)
class ExtractJob:
    path: Path
    meta: DocumentMeta | None
    version: str


@dataclass
class Extracted:
    """One file's rows in raw column order (documents / observations / programme_mentions), or why it was unreadable."""

    source_file: str
    document_id: str
    reason: str | None = None
    rows: dict[str, list[tuple]] = field(default_factory=dict)

    @property
    def n_observations(self) -> int:
        return len(self.rows.get("observations", ()))

    @property
    def n_programme_mentions(self) -> int:
        return len(self.rows.get("programme_mentions", ()))


def extract_file(job: ExtractJob) -> Extracted:
    """Read and extract one file: its raw rows, or the reason it cannot be read."""
    path = job.path
    try:
        doc = read_document(path, job.meta)
    except UnreadableDocument as exc:
        return Extracted(path.name, path.stem, reason=exc.reason)
    observations, mentions = extract(doc)
    document = {**vars(doc), "extractor_version": job.version}
    rows = {
        "documents": [tuple(document[c] for c in RAW_TABLES["documents"])],
        "observations": [_row(o, "observations") for o in observations],
        "programme_mentions": [_row(m, "programme_mentions") for m in mentions],
        "number_spans": [_row(n, "number_spans") for n in account_document(doc, observations, mentions)],
    }
    return Extracted(path.name, doc.document_id, rows=rows)


def _row(record: object, table: str) -> tuple:
    values = vars(record)
    return tuple(values[c] for c in RAW_TABLES[table])


def default_jobs() -> int:
    """$KJFACTS_JOBS, else every core this process may run on."""
    if os.environ.get(JOBS_ENV):
        return max(1, int(os.environ[JOBS_ENV]))
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def extract_files(jobs_in: Iterable[ExtractJob], jobs: int | None = None) -> Iterator[Extracted]:
    """extract_file over every job, results in input order; `jobs` processes (default: every core)."""
    work = list(jobs_in)
    n = min(jobs or default_jobs(), max(1, len(work) // MIN_DOCUMENTS_PER_PROCESS))
    if n <= 1:
        yield from map(extract_file, work)
        return
    with pool(n) as workers:
        yield from workers.imap(extract_file, work, chunksize=CHUNKSIZE)


def pool(n: int):
    """A pool of `n` fresh processes (forkserver: never a fork of a process holding DuckDB or dbt threads)."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods:
        context.set_forkserver_preload(["loaders.parallel"])
    return context.Pool(n, initializer=warm_up)


def warm_up() -> None:
    """Load jieba and the lexicons once per worker, before its first document."""
    from loaders.extraction.extract import extract_text

    extract_text("2020年全市高新技术企业达到100家。", region="浙江省")
