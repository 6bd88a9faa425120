"""Where check results are kept in the warehouse (schema marts):

- `dq_results`: one row per run and check (run_id, run_at, check_name, family, severity, success, n_failing,
  error, description), appended run after run;
- `dq_failing_observations`: one row per run, check and failing observation (with a `detail` text);
- `fct_indicator_observation.quality_flags`: the names of the checks each observation failed in the latest run
  (`[]` when it passed them all), set after every run.

`run_id` is a hash of what the checks read (the catalogue and the tables' contents, quality_flags excepted):
checking the same data with the same checks again replaces that run's rows instead of adding a copy, and
any change to the data or the checks starts a new run. The DDL is also in macros/dq_tables.sql (dbt's
on-run-start creates the tables empty, so marts.review_quality_flags can be built before any run).
"""
from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime

import duckdb

from loaders.checks.gx_run import Outcome

DQ_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "dq_results": (
        ("run_id", "varchar"), ("run_at", "timestamp"), ("check_name", "varchar"), ("family", "varchar"),
        ("severity", "varchar"), ("success", "boolean"), ("n_failing", "integer"), ("error", "varchar"),
        ("description", "varchar"),
    ),
    "dq_failing_observations": (
        ("run_id", "varchar"), ("check_name", "varchar"), ("observation_id", "varchar"), ("detail", "varchar"),
    ),
}
DQ_DDL: list[str] = ["create schema if not exists marts"] + [
    f"create table if not exists marts.{table} ({', '.join(f'{c} {t}' for c, t in cols)})"
    for table, cols in DQ_COLUMNS.items()
]
OBSERVATIONS = "marts.fct_indicator_observation"
FLAGS_COLUMN = "quality_flags"
# what the checks read; their contents make up the run_id
INPUT_TABLES = ("marts.fct_indicator_observation", "marts.dim_indicator", "marts.dim_region",
                "marts.dim_document", "reference.unit_factors")


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    for statement in DQ_DDL:
        con.execute(statement)


def table_exists(con: duckdb.DuckDBPyConnection, qualified: str) -> bool:
    schema, table = qualified.split(".")
    return bool(con.execute("select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
                            [schema, table]).fetchone()[0])


def columns_of(con: duckdb.DuckDBPyConnection, qualified: str) -> list[str]:
    schema, table = qualified.split(".")
    return [r[0] for r in con.execute(
        "select column_name from information_schema.columns where table_schema = ? and table_name = ? "
        "order by ordinal_position", [schema, table]).fetchall()]


def table_digest(con: duckdb.DuckDBPyConnection, qualified: str) -> str:
    """md5 of a table's rows (in a stable order), or 'absent'; the quality_flags column left out."""
    if not table_exists(con, qualified):
        return "absent"
    star = f"* exclude ({FLAGS_COLUMN})" if FLAGS_COLUMN in columns_of(con, qualified) else "*"
    return con.execute(
        f"select coalesce(md5(string_agg(r::varchar, chr(10) order by r::varchar)), 'empty') "
        f"from (select {star} from {qualified}) as r").fetchone()[0]


def run_id_for(con: duckdb.DuckDBPyConnection, catalogue_digest: str, check_names: Sequence[str]) -> str:
    """`dq-` + 16 hex digits of the inputs: same data and checks → same run_id."""
    parts = [catalogue_digest, ",".join(check_names)] + [f"{t}={table_digest(con, t)}" for t in INPUT_TABLES]
    return "dq-" + hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def write_run(con: duckdb.DuckDBPyConnection, run_id: str, run_at: datetime, outcomes: Sequence[Outcome]) -> None:
    """Replace this run's rows in dq_results and dq_failing_observations, then set the flags."""
    ensure_tables(con)
    con.execute("begin transaction")
    try:
        for table in DQ_COLUMNS:
            con.execute(f"delete from marts.{table} where run_id = ?", [run_id])
        con.executemany("insert into marts.dq_results values (?, ?, ?, ?, ?, ?, ?, ?, ?)", [
            (run_id, run_at, o.check.name, o.check.family, o.check.severity, o.success, o.n_failing, o.error,
             o.check.description) for o in outcomes])
        rows = sorted({(run_id, o.check.name, r.observation_id, r.detail)
                       for o in outcomes for r in o.failing if r.observation_id is not None},
                      key=lambda row: tuple(v or "" for v in row))
        if rows:
            con.executemany("insert into marts.dq_failing_observations values (?, ?, ?, ?)", rows)
        set_flags(con, run_id)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise


def set_flags(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    """quality_flags on every observation: the checks it failed in `run_id`, sorted; [] for none."""
    if not table_exists(con, OBSERVATIONS):
        return
    con.execute(f"alter table {OBSERVATIONS} add column if not exists {FLAGS_COLUMN} varchar[]")
    con.execute(f"""
        update {OBSERVATIONS} as o set {FLAGS_COLUMN} = coalesce((
            select list(distinct f.check_name order by f.check_name)
            from marts.dq_failing_observations as f
            where f.run_id = ? and f.observation_id = o.observation_id
        ), []::varchar[])""", [run_id])
