"""`python -m loaders export --format csv|parquet|xlsx OUT`: the public tables (FACTS.md section 1, the
attainment table and the review queues) for people who do not use DuckDB, with a bilingual data
dictionary (数据字典) made from the column descriptions the build stores as DuckDB comments."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

PUBLIC_TABLES = ("fct_indicator_observation", "fct_indicator_year", "fct_programme_mention", "dim_region",
                 "dim_indicator", "dim_programme", "dim_document", "fct_target_attainment")
FORMATS = ("csv", "parquet", "xlsx")
DICTIONARY = "data_dictionary"
DICTIONARY_HEADER = ("table 表", "column 列", "type 类型", "description 说明")
EXCEL_CELL_LIMIT = 32767


@dataclass(frozen=True)
class Exported:
    tables: dict[str, int]
    files: list[Path]


RELATIONS_SQL = """
    select table_name as name, comment from duckdb_tables() where schema_name = 'marts'
    union all
    select view_name, comment from duckdb_views() where schema_name = 'marts' and not internal
"""


def marts_relations(con: duckdb.DuckDBPyConnection) -> dict[str, str | None]:
    """Tables and views of schema marts with their comments (the dbt descriptions)."""
    return dict(con.execute(RELATIONS_SQL).fetchall())


def exported_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    present = marts_relations(con)
    missing = [t for t in PUBLIC_TABLES if t not in present]
    if missing:
        raise LookupError(f"the warehouse lacks public tables {', '.join(missing)}: rebuild it")
    return [*PUBLIC_TABLES, *sorted(t for t in present if t.startswith("review_"))]


def dictionary_rows(con: duckdb.DuckDBPyConnection, tables: list[str]) -> list[tuple[str, str, str, str]]:
    """One row per table (column '') and per column: name, type and the (English + 中文) description."""
    rows: list[tuple[str, str, str, str]] = []
    comments = marts_relations(con)
    for table in tables:
        rows.append((table, "", "TABLE", _clean(comments[table])))
        rows += [(table, name, dtype, _clean(c)) for name, dtype, c in con.execute(
            "select column_name, data_type, comment from duckdb_columns() "
            "where schema_name = 'marts' and table_name = ? order by column_index", [table]).fetchall()]
    return rows


def _clean(comment: str | None) -> str:
    return " ".join((comment or "").split())


def export(warehouse: Path, fmt: str, out: Path) -> Exported:
    """Write every exported table to `out` (a folder for csv/parquet, a workbook for xlsx)."""
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r}: choose one of {', '.join(FORMATS)}")
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = exported_tables(con)
        counts = {t: con.execute(f"select count(*) from marts.{t}").fetchone()[0] for t in tables}
        dictionary = dictionary_rows(con, tables)
        files = _write_xlsx(con, tables, dictionary, out) if fmt == "xlsx" else _write_files(con, tables, dictionary, fmt, out)
    return Exported(counts, files)


def _write_files(con, tables: list[str], dictionary: list[tuple], fmt: str, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    options = "(format csv, header true)" if fmt == "csv" else "(format parquet, compression zstd)"
    files = []
    for table in tables:
        path = out / f"{table}.{fmt}"
        con.execute(f"copy (select * from marts.{table}) to '{_sql_path(path)}' {options}")
        files.append(path)
    path = out / f"{DICTIONARY}.csv"
    _write_dictionary_csv(dictionary, path)
    return [*files, path]


def _write_dictionary_csv(rows: list[tuple], path: Path) -> None:
    import csv

    with path.open("w", encoding="utf-8-sig", newline="") as handle:  # the BOM lets Excel read the Chinese
        writer = csv.writer(handle)
        writer.writerow(DICTIONARY_HEADER)
        writer.writerows(rows)


def _write_xlsx(con, tables: list[str], dictionary: list[tuple], out: Path) -> list[Path]:
    import pandas as pd

    out.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        pd.DataFrame(dictionary, columns=list(DICTIONARY_HEADER)).to_excel(writer, sheet_name=DICTIONARY, index=False)
        for table in tables:
            _excel_frame(con.execute(f"select * from marts.{table}").fetch_df()).to_excel(writer, sheet_name=table, index=False)
    return [out]


def _excel_frame(frame):
    """Lists become text, time zones are dropped, and text longer than a cell holds is cut (noted in the cell)."""
    frame = frame.copy()
    for column in frame.columns:
        series = frame[column]
        if hasattr(series.dtype, "tz") and series.dtype.tz is not None:
            frame[column] = series.dt.tz_localize(None)
        elif series.dtype == object or str(series.dtype).startswith(("str", "string")):
            frame[column] = series.map(_excel_cell)
    return frame


def _excel_cell(value):
    if isinstance(value, (list, tuple)) or type(value).__name__ == "ndarray":
        return ", ".join(map(str, value))
    if isinstance(value, str) and len(value) > EXCEL_CELL_LIMIT:
        note = "…[cut: Excel holds 32767 characters a cell; see the csv/parquet export]"
        return value[: EXCEL_CELL_LIMIT - len(note)] + note
    return value


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")
