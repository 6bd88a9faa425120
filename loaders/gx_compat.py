"""Great Expectations (GX Core 1.24) against a DuckDB file: the one patch it needs, and a quiet context.

The patch: GX's `SqlAlchemyExecutionEngine.execute_query` returns the SQLAlchemy result *after* the
`with self.get_connection()` block that produced it has closed. duckdb-engine cursors cannot be read after
their connection closes, so every metric raises and every expectation comes back `success=False` with
`exception_info.raised_exception=True`, on clean data too (GX issues #10738, #11579). `patch()` replaces
the method with one that reads the rows while the connection is open (`result.freeze()()` is a fully
buffered copy of the result with the same interface). It is idempotent and a no-op once applied.

Two more rules make GX work on our warehouse (both followed in `loaders.checks.gx_run`):
- use query assets (`select * from marts.x`), not table assets, for tables outside schema `main`;
- write `{batch}` once per query, as `select * from {batch}` inside a CTE: GX substitutes a bare
  subquery when the query contains JOIN, and `(subquery) AS subselect` otherwise.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

_PATCH_MARK = "_kjfacts_buffered"


def patch() -> None:
    """Make `SqlAlchemyExecutionEngine.execute_query` buffer its result inside the connection block."""
    from great_expectations.execution_engine.sqlalchemy_execution_engine import SqlAlchemyExecutionEngine

    if getattr(SqlAlchemyExecutionEngine.execute_query, _PATCH_MARK, False):
        return

    def execute_query(self: SqlAlchemyExecutionEngine, query: Any) -> Any:
        with self.get_connection() as connection:
            result = self._execute_query_with_recovery(connection, query)
            return result.freeze()()

    execute_query.__doc__ = "GX's execute_query, reading the rows before the connection closes (gx_compat)."
    setattr(execute_query, _PATCH_MARK, True)
    SqlAlchemyExecutionEngine.execute_query = execute_query


def is_patched() -> bool:
    from great_expectations.execution_engine.sqlalchemy_execution_engine import SqlAlchemyExecutionEngine

    return bool(getattr(SqlAlchemyExecutionEngine.execute_query, _PATCH_MARK, False))


def quiet_context(docs_dir: Path | None = None) -> Any:
    """A patched, in-memory GX context without progress bars; with a Data Docs site in `docs_dir` if given."""
    os.environ.setdefault("TQDM_DISABLE", "1")  # GX's get_unexpected_rows ignores the context's setting
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    patch()
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    # the ephemeral context comes with a `local_site` in a fresh temp dir: replace it (or drop it)
    context.variables.data_docs_sites = {} if docs_dir is None else {"local_site": {
        "class_name": "SiteBuilder",
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    }}
    return context


def duckdb_datasource(context: Any, name: str, database: Path) -> Any:
    """A SQL data source on a DuckDB file. Its pooled connections stay open until `release(datasource)`."""
    return context.data_sources.add_sql(name=name, connection_string=f"duckdb:///{Path(database).resolve()}")


def duckdb_connection_datasource(context: Any, name: str, connection: Any) -> Any:
    """A SQL data source whose connections are `connection()` (DuckDB connections or cursors): GX then runs on
    a database this process already has open, e.g. dbt's own connection inside a Python model (a second
    `duckdb.connect(path)` there fails: duckdb-engine's configuration differs from dbt's)."""
    import duckdb_engine

    return context.data_sources.add_sql(name=name, connection_string="duckdb:///:memory:",
                                        kwargs={"creator": lambda: duckdb_engine.ConnectionWrapper(connection())})


def release(datasource: Any) -> None:
    """Close every connection GX's engines hold on the database file (before it is moved or reopened)."""
    engines = [getattr(datasource, "_engine", None)]
    execution_engine = getattr(datasource, "_execution_engine", None)
    if execution_engine is not None:
        engines.append(getattr(execution_engine, "engine", None))
    for engine in engines:
        if engine is not None:
            engine.dispose()
