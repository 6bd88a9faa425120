"""This build's data-quality run (本次数据质量检查): Great Expectations validates every check of
loaders/data/checks.yml inside DuckDB on dbt's own connection (loaders.quality.dq_run_frame), on the check's
rows of intermediate.int_dq_failing_rows: one row per check with its count and a bounded sample of failing
rows, and the Data Docs beside the build. A blocking check that fails fails the test
assert_blocking_quality_checks_pass, and with it `dbt build`.
"""


def model(dbt, session):
    dbt.config(materialized="table")
    dbt.ref("int_dq_failing_rows")  # what GX validates (the DAG: the checks' SQL has run)
    from loaders.quality import dq_run_frame

    return dq_run_frame(session)
