"""loaders.gx_compat: with the patch, GX 1.24 on a DuckDB file passes clean data without any exception and
fails dirty data, for column expectations and UnexpectedRowsExpectation, on query assets in schema marts."""
from __future__ import annotations

from pathlib import Path

import duckdb
import great_expectations as gx
import pytest
from great_expectations.execution_engine.sqlalchemy_execution_engine import SqlAlchemyExecutionEngine

from loaders import gx_compat

GX_ORIGINAL_EXECUTE_QUERY = SqlAlchemyExecutionEngine.execute_query  # before any test patches it
CLEAN = [("a", "level", 550.0), ("b", "share", 55.5), ("c", "growth", -14.7)]
DIRTY = CLEAN + [("d", "share", 156.8), ("e", "growth", -120.0)]


def make_warehouse(path: Path, rows: list[tuple[str, str, float]]) -> Path:
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts")
        con.execute("create table marts.facts (observation_id varchar, measure varchar, value_base double)")
        con.executemany("insert into marts.facts values (?, ?, ?)", rows)
    return path


def validate(path: Path, docs_dir: Path | None = None) -> list:
    """A share bound as a column expectation and a growth bound as SQL, on a query asset of marts.facts."""
    context = gx_compat.quiet_context(docs_dir)
    datasource = gx_compat.duckdb_datasource(context, "warehouse", path)
    try:
        batch = datasource.add_query_asset(name="facts", query="select * from marts.facts") \
            .add_batch_definition_whole_table("all")
        suite = context.suites.add(gx.ExpectationSuite(name="facts"))
        suite.add_expectation(gx.expectations.ExpectColumnValuesToBeBetween(
            column="value_base", min_value=0, max_value=100, row_condition='col("measure")=="share"',
            condition_parser="great_expectations"))
        suite.add_expectation(gx.expectations.UnexpectedRowsExpectation(
            unexpected_rows_query="with f as (select * from {batch}) "
                                  "select observation_id from f where measure = 'growth' and value_base <= -100"))
        definition = context.validation_definitions.add(gx.ValidationDefinition(name="facts", data=batch, suite=suite))
        actions = [gx.checkpoint.UpdateDataDocsAction(name="docs")] if docs_dir else []
        checkpoint = context.checkpoints.add(gx.Checkpoint(
            name="facts", validation_definitions=[definition], actions=actions,
            result_format={"result_format": "COMPLETE", "unexpected_index_column_names": ["observation_id"]}))
        return [r for run in checkpoint.run().run_results.values() for r in run.results]
    finally:
        gx_compat.release(datasource)


def raised(result) -> bool:
    info = result.exception_info
    if "raised_exception" in info:
        return info["raised_exception"]
    return any(v.get("raised_exception") for v in info.values())


def test_clean_data_passes_without_exception(tmp_path):
    results = validate(make_warehouse(tmp_path / "w.duckdb", CLEAN))
    assert [(r.expectation_config.type, r.success, raised(r)) for r in results] == [
        ("expect_column_values_to_be_between", True, False), ("unexpected_rows_expectation", True, False)]


def test_dirty_data_fails_and_names_the_rows(tmp_path):
    between, unexpected_rows = validate(make_warehouse(tmp_path / "w.duckdb", DIRTY))
    assert not between.success and not raised(between)
    assert [row["observation_id"] for row in between.result["unexpected_index_list"]] == ["d"]
    assert not unexpected_rows.success and not raised(unexpected_rows)
    assert unexpected_rows.result["details"]["unexpected_rows"] == [{"observation_id": "e"}]


def test_patch_is_idempotent():
    gx_compat.patch()
    patched = SqlAlchemyExecutionEngine.execute_query
    gx_compat.patch()
    assert SqlAlchemyExecutionEngine.execute_query is patched and gx_compat.is_patched()


def test_without_the_patch_gx_fails_clean_data(tmp_path, monkeypatch):
    """Documents the upstream bug (GX #10738, #11579). If this fails, GX reads results in time by itself
    and gx_compat.patch can go."""
    assert not getattr(GX_ORIGINAL_EXECUTE_QUERY, "_kjfacts_buffered", False), "captured after patching"
    path = make_warehouse(tmp_path / "w.duckdb", CLEAN)
    monkeypatch.setattr(gx_compat, "patch", lambda: None)
    monkeypatch.setattr(SqlAlchemyExecutionEngine, "execute_query", GX_ORIGINAL_EXECUTE_QUERY)
    results = validate(path)
    assert all(not r.success and raised(r) for r in results)


def test_release_closes_gx_connections(tmp_path):
    path = make_warehouse(tmp_path / "w.duckdb", CLEAN)
    validate(path)
    with duckdb.connect(str(path), read_only=True) as con:  # refused while a read-write connection is open
        assert con.execute("select count(*) from marts.facts").fetchone()[0] == len(CLEAN)


def test_data_docs_go_where_asked_and_nowhere_else(tmp_path):
    docs = tmp_path / "docs"
    validate(make_warehouse(tmp_path / "w.duckdb", DIRTY), docs)
    assert (docs / "index.html").is_file()
    assert any(p.suffix == ".html" for p in (docs / "validations").rglob("*"))
    context = gx_compat.quiet_context()
    assert context.list_data_docs_sites() == {}


@pytest.mark.parametrize("rows, success", [(CLEAN, True), (DIRTY, False)])
def test_validation_is_repeatable_in_one_process(tmp_path, rows, success):
    path = make_warehouse(tmp_path / "w.duckdb", rows)
    assert [r.success for r in validate(path)] == [r.success for r in validate(path)] == [success, success]
