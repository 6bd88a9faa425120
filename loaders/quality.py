"""Data-quality checks, computed inside DuckDB: the catalogue (loaders/data/checks.yml) run by Great
Expectations on an open connection, each check returning a count and a bounded sample of its failing rows
(`run_checks`), and the same checks as one SQL query listing every failing row (`failing_rows_sql`), for the
flags. Inside `dbt build` the models marts.dq_run (`dq_run_frame`) and marts.dq_observation_flags
(`flags_relation`) call these; inside dbt nothing here writes a table: dbt owns every write (`materialize_assets`
is for a warehouse built without dbt: tests, benchmarks).

    report = run_checks(con, docs_dir=Path("gx_docs.building"))
    print(report.render())
    if report.blocking_failures: ...   # names of failed blocking checks
"""
from __future__ import annotations

import json
import shutil
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import duckdb

from loaders.checks.catalogue import FAILING_ROWS_TABLE, MATERIALIZED_ASSETS, Check, load_catalogue
from loaders.checks.gx_run import SAMPLE_SIZE, Outcome, run_gx
from loaders.tables import render

DOCS_DIRNAME = "gx_docs"  # the published Data Docs, beside the published warehouse
DOCS_BUILDING_SUFFIX = ".building"  # a build's Data Docs, swapped in with the warehouse
GX_SITE_ENTRIES = ("index.html", "static", "expectations", "validations")
RUN_COLUMNS = ("run_id", "run_at", "extractor_version", "check_name", "family", "severity", "success",
               "n_failing", "error", "description", "sample")


@dataclass(frozen=True)
class QualityReport:
    run_id: str
    run_at: datetime
    outcomes: tuple[Outcome, ...]
    docs_index: Path | None
    seconds: float

    @property
    def blocking_failures(self) -> list[str]:
        """Names of the blocking checks that failed or could not run."""
        return [o.check.name for o in self.outcomes if o.check.blocking and not o.success]

    @property
    def warnings(self) -> list[str]:
        return [o.check.name for o in self.outcomes if not o.check.blocking and not o.success]

    def render(self) -> str:
        rows = [(o.check.name, o.check.family, o.check.severity, _verdict(o), o.n_failing, _example(o))
                for o in self.outcomes]
        head = f"data-quality checks: run {self.run_id}, {len(self.outcomes)} checks in {self.seconds:.1f} s"
        table = render(("check", "family", "severity", "result", "failing", "first failure"), rows, max_width=70)
        verdict = (f"blocking checks failed: {', '.join(self.blocking_failures)}" if self.blocking_failures
                   else "all blocking checks passed")
        lines = [head, table, verdict]
        if self.warnings:
            lines.append(f"warnings (flagged, not blocking): {', '.join(self.warnings)}")
        if self.docs_index:
            lines.append(f"Data Docs: {self.docs_index}")
        return "\n".join(lines)

    def records(self, extractor_version: str) -> list[dict[str, Any]]:
        """One record per check (RUN_COLUMNS), the sample as JSON: the rows of marts.dq_run."""
        return [dict(run_id=self.run_id, run_at=self.run_at, extractor_version=extractor_version,
                     check_name=o.check.name, family=o.check.family, severity=o.check.severity, success=o.success,
                     n_failing=o.n_failing, error=o.error, description=o.check.description,
                     sample=json.dumps([{"observation_id": r.observation_id, "detail": r.detail} for r in o.failing],
                                       ensure_ascii=False))
                for o in self.outcomes]


def new_run_id(run_at: datetime) -> str:
    """`dq-<UTC time>-<8 hex>`: a new id for every run."""
    return f"dq-{run_at:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"


def selected_checks(only: Sequence[str] | None = None) -> list[Check]:
    catalogue = load_catalogue()
    return [catalogue.get(name) for name in only] if only else list(catalogue.checks)


def run_checks(con: duckdb.DuckDBPyConnection, docs_dir: Path | None = None, only: Sequence[str] | None = None,
               run_id: str | None = None, run_at: datetime | None = None,
               sample_size: int = SAMPLE_SIZE) -> QualityReport:
    """Run the catalogue's checks (or those named in `only`) with GX on the database `con` has open."""
    started = time.monotonic()
    run_at = run_at or datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    run_id = run_id or new_run_id(run_at)
    if docs_dir is not None:
        _empty_docs_dir(docs_dir)
    outcomes = run_gx(con.cursor, load_catalogue(), selected_checks(only), docs_dir, run_name=run_id,
                      run_time=run_at, sample_size=sample_size)
    docs_index = docs_dir / "index.html" if docs_dir and (docs_dir / "index.html").is_file() else None
    return QualityReport(run_id, run_at, tuple(outcomes), docs_index, time.monotonic() - started)


def materialize_assets(con: duckdb.DuckDBPyConnection) -> None:
    """Compute the assets the checks read from a table (MATERIALIZED_ASSETS) into that table, as the models of
    models/intermediate/ do inside `dbt build`; for a warehouse built without dbt (tests, benchmarks)."""
    catalogue = load_catalogue()
    for asset, table in MATERIALIZED_ASSETS.items():
        con.execute(f"create schema if not exists {table.split('.')[0]}")
        con.execute(f"create or replace table {table} as {catalogue.definitions[asset]}")
    write_failing_rows(con, FAILING_ROWS_TABLE)


def asset_relation(session: duckdb.DuckDBPyConnection, asset: str) -> duckdb.DuckDBPyRelation:
    """The rows of a materialized asset, computed in DuckDB (the model intermediate.int_dq_<asset>)."""
    return session.sql(load_catalogue().definitions[asset])


FAILING_ROWS_COLUMNS = "check_name varchar, observation_id varchar, detail varchar, error varchar"


def failing_rows_relation(session: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyRelation:
    """Every failing row of every check, computed in DuckDB (the model intermediate.int_dq_failing_rows): into a
    temporary table of the session one check after the other, so that memory is that of the largest check."""
    write_failing_rows(session, "temp_kjfacts_failing_rows", temporary=True)
    return session.table("temp_kjfacts_failing_rows")


def write_failing_rows(con: duckdb.DuckDBPyConnection, table: str, temporary: bool = False) -> None:
    """(Re)create `table` with every failing row of every check, one check's query at a time."""
    con.execute(f"create or replace {'temp ' if temporary else ''}table {table} ({FAILING_ROWS_COLUMNS})")
    for check in selected_checks():
        if check.asset == "observations":
            con.execute(f"insert into {table} {_failing_rows_part(check, con)}")


def failing_rows_sql(checks: Sequence[Check], con: duckdb.DuckDBPyConnection | None = None) -> str:
    """Every failing row of `checks` (on the observations asset): check_name, observation_id, detail, error.
    With `con`, a check whose SQL cannot be bound there (a missing table or column) gives one row with its
    error instead, which Great Expectations reports as the check's error."""
    parts = [_failing_rows_part(c, con) for c in checks if c.asset == "observations"]
    return "\nunion all\n".join(parts) or ("select null::varchar as check_name, null::varchar as observation_id, "
                                          "null::varchar as detail, null::varchar as error where false")


def _failing_rows_part(check: Check, con: duckdb.DuckDBPyConnection | None) -> str:
    if con is not None:
        try:
            con.execute(f"describe {check.failing_rows_sql}").fetchall()
        except duckdb.Error as exc:
            message = str(exc).strip().replace("'", "''")
            return (f"select '{check.name}' as check_name, null::varchar as observation_id, null::varchar as detail, "
                    f"'{message}' as error")
    return (f"select '{check.name}' as check_name, observation_id::varchar as observation_id, "
            f"detail::varchar as detail, null::varchar as error "
            f"from ({check.failing_rows_sql}) as failing where observation_id is not null")


def docs_dir_for(published: Path) -> Path:
    """Where a warehouse's Data Docs are published: `gx_docs/` in the warehouse file's directory."""
    return Path(published).resolve().parent / DOCS_DIRNAME


def building_docs_dir_for(published: Path) -> Path:
    """Where a build writes its Data Docs until it is published: `gx_docs.building/`."""
    docs = docs_dir_for(published)
    return docs.with_name(docs.name + DOCS_BUILDING_SUFFIX)


# --- inside dbt: the models marts.dq_run and marts.dq_observation_flags ----------------------------------

def dq_run_frame(session: duckdb.DuckDBPyConnection) -> Any:
    """marts.dq_run: this build's run of every check (RUN_COLUMNS); the Data Docs go beside the build."""
    import pandas as pd

    from loaders.publish import published_for_build
    from loaders.version import extractor_version

    published = published_for_build(database_path(session))
    report = run_checks(session, docs_dir=building_docs_dir_for(published))
    frame = pd.DataFrame(report.records(extractor_version()), columns=list(RUN_COLUMNS))
    frame["n_failing"] = frame["n_failing"].astype("Int64")
    return frame


def flags_relation(session: duckdb.DuckDBPyConnection, run_table: str = "marts.dq_run") -> duckdb.DuckDBPyRelation:
    """marts.dq_observation_flags: every failing observation of this build's run (FAILING_ROWS_TABLE, the rows
    Great Expectations counted and sampled), with the run's id and the check's severity."""
    return session.sql(f"""
        select run.run_id, failing.observation_id, failing.check_name, run.severity, failing.detail
        from {FAILING_ROWS_TABLE} as failing
        inner join {run_table} as run on run.check_name = failing.check_name
        where failing.error is null
        order by failing.observation_id, failing.check_name, failing.detail""")


def database_path(con: duckdb.DuckDBPyConnection) -> Path:
    """The file of the connection's current database."""
    row = con.execute("select path from duckdb_databases() where database_name = current_database()").fetchone()
    if not row or not row[0]:
        raise RuntimeError("the data-quality checks need a database file, not an in-memory database")
    return Path(row[0]).resolve()


def _empty_docs_dir(docs_dir: Path) -> None:
    """The Data Docs directory, emptied of a previous run's site (only what GX writes there)."""
    for name in GX_SITE_ENTRIES:
        entry = docs_dir / name
        if entry.is_dir():
            shutil.rmtree(entry)
        elif entry.is_file():
            entry.unlink()
    docs_dir.mkdir(parents=True, exist_ok=True)


def _verdict(outcome: Outcome) -> str:
    if outcome.error:
        return "ERROR"
    return "pass" if outcome.success else "FAIL"


def _example(outcome: Outcome) -> str:
    if outcome.error:
        return outcome.error.splitlines()[0]
    details = [r.detail or r.observation_id or "" for r in outcome.failing]
    return details[0] if details else ""
