"""The `raw` schema, derived from the record types (loaders/extraction/records.py): DDL, column order, Arrow schema.

A field added to `Observation` becomes a column of `raw.observations` (and of the Parquet files) without a second
list to keep in step. A warehouse whose raw tables have other columns than the records is refused with both lists
(`RawSchemaMismatch`), never filled with NULLs.
"""
from __future__ import annotations

from dataclasses import dataclass, fields

import duckdb
import pyarrow as pa

from loaders.extraction.records import Document, NumberAccount, Observation, ProgrammeMention

# annotation (as written in records.py) → (DuckDB type, Arrow type)
TYPE_MAP: dict[str, tuple[str, pa.DataType]] = {
    "str": ("varchar", pa.string()),
    "int": ("integer", pa.int32()),
    "float": ("double", pa.float64()),
    "bool": ("boolean", pa.bool_()),
    "date": ("date", pa.date32()),
}


@dataclass(frozen=True)
class RawTable:
    name: str
    record: type | None  # the dataclass whose fields are the columns (None: listed here)
    key: str | None  # primary key, first column
    extra: tuple[tuple[str, str], ...] = ()  # columns the landing adds: (name, annotation)


@dataclass(frozen=True)
class RejectedFile:
    """A file of the corpus that was not landed: `unreadable` or `duplicate`, with why."""

    source_file: str
    problem: str
    reason: str


RAW_SPECS: tuple[RawTable, ...] = (
    RawTable("documents", Document, "document_id", (("extractor_version", "str"),)),
    RawTable("observations", Observation, "observation_id"),
    RawTable("programme_mentions", ProgrammeMention, "mention_id"),
    RawTable("number_spans", NumberAccount, "number_id"),
    RawTable("rejected_documents", RejectedFile, None),
)


class RawSchemaMismatch(RuntimeError):
    """The raw tables (or a Parquet folder) do not have the columns the record types define."""


def _base(annotation: str) -> str:
    parts = {p.strip() for p in str(annotation).split("|")} - {"None"}
    if len(parts) != 1 or (base := parts.pop()) not in TYPE_MAP:
        raise TypeError(f"records.py: no raw column type for annotation '{annotation}'")
    return base


def _columns(spec: RawTable) -> tuple[tuple[str, str], ...]:
    """(column, annotation) of a table: its key first, then the record's fields in order, then the extras."""
    cols = [(f.name, str(f.type)) for f in fields(spec.record)] + list(spec.extra)
    return tuple(sorted(cols, key=lambda c: c[0] != spec.key))


RAW_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    s.name: tuple((c, TYPE_MAP[_base(a)][0] + (" primary key" if c == s.key else "")) for c, a in _columns(s))
    for s in RAW_SPECS
}
RAW_TABLES: dict[str, list[str]] = {t: [c for c, _ in cols] for t, cols in RAW_COLUMNS.items()}
ARROW_SCHEMAS: dict[str, pa.Schema] = {
    s.name: pa.schema([(c, TYPE_MAP[_base(a)][1]) for c, a in _columns(s)]) for s in RAW_SPECS
}
RAW_DDL: list[str] = ["create schema if not exists raw"] + [
    f"create table if not exists raw.{table} ({', '.join(f'{c} {t}' for c, t in cols)})"
    for table, cols in RAW_COLUMNS.items()
]


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the raw tables, or check that existing ones have exactly the records' columns."""
    for ddl in RAW_DDL:
        con.execute(ddl)
    for table, expected in RAW_TABLES.items():
        found = [r[0] for r in con.execute(
            "select column_name from information_schema.columns where table_schema = 'raw' and table_name = ? "
            "order by ordinal_position", [table]).fetchall()]
        check_columns(f"raw.{table}", found, expected)


def check_columns(where: str, found: list[str], expected: list[str]) -> None:
    """Raise RawSchemaMismatch naming the missing and unexpected columns (order is not compared)."""
    missing = [c for c in expected if c not in found]
    extra = [c for c in found if c not in expected]
    if missing or extra:
        raise RawSchemaMismatch(
            f"{where} does not match the record types: missing columns {missing or 'none'}, "
            f"unexpected columns {extra or 'none'}; rebuild the warehouse from an empty file "
            f"(or re-extract the Parquet folder) with this version of the loaders")

