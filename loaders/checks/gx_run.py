"""Run catalogue checks with Great Expectations inside DuckDB: one query asset, suite and validation definition
per asset, one checkpoint for all (which also writes the Data Docs), each result read back as an `Outcome`
(a count computed in DuckDB and a bounded sample of the failing rows). Each check's SQL has run once already,
into FAILING_ROWS_TABLE (every failing row of every check); GX validates each check on its rows there."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from loaders import gx_compat
from loaders.checks.catalogue import FAILING_ROWS_TABLE, Catalogue, Check

# COMPLETE: the count and GX's own sample of the failing rows (at most MAX_RESULT_RECORDS = 200, fetched
# with a LIMIT inside DuckDB); Outcome keeps the first `sample_size` of them.
RESULT_FORMAT = {"result_format": "COMPLETE"}
SAMPLE_SIZE = 20


@dataclass(frozen=True)
class FailingRow:
    observation_id: str | None
    detail: str | None


@dataclass(frozen=True)
class Outcome:
    check: Check
    success: bool
    n_failing: int | None  # None when the check could not run
    failing: tuple[FailingRow, ...] = ()  # a sample: at most SAMPLE_SIZE rows
    error: str | None = None


def run_gx(connection: Callable[[], Any], catalogue: Catalogue, checks: Sequence[Check], docs_dir: Path | None,
           run_name: str | None = None, run_time: datetime | None = None,
           sample_size: int = SAMPLE_SIZE) -> list[Outcome]:
    """Validate `checks` on the DuckDB database `connection()` opens (a new DuckDB cursor each call);
    Data Docs into `docs_dir` when given, filed under `run_name` / `run_time` (the dq run)."""
    import great_expectations as gx
    from great_expectations.core.run_identifier import RunIdentifier

    context = gx_compat.quiet_context(docs_dir)
    datasource = gx_compat.duckdb_connection_datasource(context, "warehouse", connection)
    try:
        definitions = [_validation(context, datasource, asset, f"select * from {FAILING_ROWS_TABLE}",
                                   [c for c in checks if c.asset == asset])
                       for asset in dict.fromkeys(c.asset for c in checks)]
        actions = [gx.checkpoint.UpdateDataDocsAction(name="update_data_docs")] if docs_dir else []
        checkpoint = context.checkpoints.add(gx.Checkpoint(
            name="kjfacts_quality", validation_definitions=definitions, actions=actions, result_format=RESULT_FORMAT))
        result = checkpoint.run(run_id=RunIdentifier(run_name=run_name, run_time=run_time))
        by_name = {c.name: c for c in checks}
        outcomes: dict[str, Outcome] = {}
        for run_result in result.run_results.values():
            for item in run_result.results:
                check = by_name[item.expectation_config.meta["check"]]
                outcomes[check.name] = _outcome(check, item, sample_size)
        return [outcomes.get(c.name) or Outcome(c, False, None, error="GX returned no result") for c in checks]
    finally:
        gx_compat.release(datasource)


def _validation(context: Any, datasource: Any, asset: str, query: str, checks: Sequence[Check]) -> Any:
    import great_expectations as gx

    batch = datasource.add_query_asset(name=asset, query=query).add_batch_definition_whole_table(f"{asset}_all")
    suite = context.suites.add(gx.ExpectationSuite(name=f"kjfacts_{asset}"))
    for check in checks:
        suite.add_expectation(expectation_for(check))
    return context.validation_definitions.add(gx.ValidationDefinition(name=asset, data=batch, suite=suite))


def expectation_for(check: Check) -> Any:
    """The GX expectation of a check: an UnexpectedRowsExpectation of its SQL."""
    import great_expectations as gx

    return gx.expectations.UnexpectedRowsExpectation(
        unexpected_rows_query=check.gx_sql, description=f"{check.name} ({check.severity}): {check.description}",
        meta={"check": check.name, "severity": check.severity, "family": check.family})


def _outcome(check: Check, item: Any, sample_size: int) -> Outcome:
    error = _error_message(item.exception_info)
    if error:
        return Outcome(check, False, None, error=error)
    result = item.result or {}
    rows = (result.get("details", {}).get("unexpected_rows") or [])[:sample_size]
    failing = tuple(FailingRow(_text(r.get("observation_id")), _text(r.get("detail"))) for r in rows)
    return Outcome(check, bool(item.success), int(result.get("observed_value") or 0), failing)


def _error_message(info: Any) -> str | None:
    """GX's exception_info is {raised_exception, exception_message, …} or a dict of those per metric."""
    if not isinstance(info, dict):
        return None
    if "raised_exception" in info:
        return (info.get("exception_message") or "GX raised an exception") if info["raised_exception"] else None
    messages = [m for m in (_error_message(v) for v in info.values()) if m]
    return "; ".join(messages) or None


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
