"""Run catalogue checks with Great Expectations: one query asset, suite and validation definition per asset,
one checkpoint for all (which also writes the Data Docs), and each result read back as an `Outcome`."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from loaders import gx_compat
from loaders.checks.catalogue import Catalogue, CatalogueError, Check

RESULT_FORMAT = {"result_format": "COMPLETE", "unexpected_index_column_names": ["observation_id"]}


@dataclass(frozen=True)
class FailingRow:
    observation_id: str | None
    detail: str | None


@dataclass(frozen=True)
class Outcome:
    check: Check
    success: bool
    n_failing: int | None  # None when the check could not run
    failing: tuple[FailingRow, ...] = ()
    error: str | None = None


@dataclass
class _Validation:
    definition: Any
    expectations: dict[str, Any]  # check name -> GX expectation


def run_gx(warehouse: Path, catalogue: Catalogue, checks: Sequence[Check], docs_dir: Path | None,
           run_name: str | None = None, run_time: datetime | None = None) -> list[Outcome]:
    """Validate `checks` against the DuckDB file; Data Docs into `docs_dir` when given, filed under
    `run_name` / `run_time` (the dq run)."""
    import great_expectations as gx
    from great_expectations.core.run_identifier import RunIdentifier

    context = gx_compat.quiet_context(docs_dir)
    datasource = gx_compat.duckdb_datasource(context, "warehouse", warehouse)
    try:
        validations = {asset: _validation(context, datasource, asset, catalogue.assets[asset],
                                          [c for c in checks if c.asset == asset])
                       for asset in dict.fromkeys(c.asset for c in checks)}
        actions = [gx.checkpoint.UpdateDataDocsAction(name="update_data_docs")] if docs_dir else []
        checkpoint = context.checkpoints.add(gx.Checkpoint(
            name="kjfacts_quality", validation_definitions=[v.definition for v in validations.values()],
            actions=actions, result_format=RESULT_FORMAT))
        result = checkpoint.run(run_id=RunIdentifier(run_name=run_name, run_time=run_time))
        by_name = {c.name: c for c in checks}
        outcomes: dict[str, Outcome] = {}
        for run_result in result.run_results.values():
            for item in run_result.results:
                check = by_name[item.expectation_config.meta["check"]]
                outcomes[check.name] = _outcome(check, item, validations[check.asset])
        return [outcomes.get(c.name) or Outcome(c, False, None, error="GX returned no result") for c in checks]
    finally:
        gx_compat.release(datasource)


def _validation(context: Any, datasource: Any, asset: str, query: str, checks: Sequence[Check]) -> _Validation:
    import great_expectations as gx

    batch = datasource.add_query_asset(name=asset, query=query).add_batch_definition_whole_table(f"{asset}_all")
    suite = context.suites.add(gx.ExpectationSuite(name=f"kjfacts_{asset}"))
    expectations = {c.name: suite.add_expectation(expectation_for(c)) for c in checks}
    definition = context.validation_definitions.add(gx.ValidationDefinition(name=asset, data=batch, suite=suite))
    return _Validation(definition, expectations)


def expectation_for(check: Check) -> Any:
    """The GX expectation of a check: its column expectation, or an UnexpectedRowsExpectation of its SQL."""
    import great_expectations as gx

    common = dict(description=f"{check.name} ({check.severity}): {check.description}",
                  meta={"check": check.name, "severity": check.severity, "family": check.family})
    if check.expectation is None:
        return gx.expectations.UnexpectedRowsExpectation(unexpected_rows_query=check.sql, **common)
    cls = getattr(gx.expectations, check.expectation, None)
    if cls is None:
        raise CatalogueError(f"check {check.name!r}: GX has no expectation {check.expectation!r}")
    return cls(**check.kwargs, **common)


def _outcome(check: Check, item: Any, validation: _Validation) -> Outcome:
    error = _error_message(item.exception_info)
    if error:
        return Outcome(check, False, None, error=error)
    result = item.result or {}
    if check.expectation is None:
        rows = result.get("details", {}).get("unexpected_rows") or []
        n_failing = int(result.get("observed_value") or 0)
        if n_failing > len(rows):  # GX keeps 200 rows in a result; fetch the rest
            rows = validation.definition.get_unexpected_rows(validation.expectations[check.name])
    else:
        rows = result.get("unexpected_index_list") or []
        n_failing = int(result.get("unexpected_count") or 0)
    failing = tuple(FailingRow(_text(r.get("observation_id")), _text(r.get("detail"))) for r in rows)
    return Outcome(check, bool(item.success), n_failing, failing)


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
