"""Every failing row of every data-quality check (检查未通过的数据事实), computed in DuckDB from the checks'
own SQL (loaders/checks/sql/, on intermediate.int_dq_observations), once per build: Great Expectations then
counts and samples each check's rows here (marts.dq_run), and marts.dq_observation_flags joins them to the run.
"""


def model(dbt, session):
    dbt.config(materialized="table")
    # what the checks read (refs for the DAG)
    dbt.ref("int_dq_observations")
    dbt.ref("dim_indicator")
    dbt.ref("dim_region")
    dbt.ref("dim_document")
    dbt.ref("unit_factors")
    from loaders.quality import failing_rows_relation

    return failing_rows_relation(session)
