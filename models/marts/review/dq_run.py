"""This build's data-quality run (本次数据质量检查): Great Expectations runs every check of
loaders/data/checks.yml inside DuckDB on dbt's own connection (loaders.quality.dq_run_frame): one row per
check with its count and a bounded sample of failing rows, and the Data Docs beside the build. A blocking
check that fails fails the test assert_blocking_quality_checks_pass, and with it `dbt build`.
"""


def model(dbt, session):
    dbt.config(materialized="table")
    # what the checks read (refs for the DAG: the checks run after these are built)
    dbt.ref("int_dq_observations")
    dbt.ref("dim_indicator")
    dbt.ref("dim_region")
    dbt.ref("dim_document")
    dbt.ref("unit_factors")
    from loaders.quality import dq_run_frame

    return dq_run_frame(session)
