"""The quality flags (数据质量标记): every observation that failed a check in this build's run, one row per
observation and check, computed in DuckDB from the checks' own SQL (loaders.quality.flags_relation).
marts.fct_indicator_observation joins them as its quality_flags column.
"""


def model(dbt, session):
    dbt.config(materialized="table")
    dbt.ref("dq_run")
    dbt.ref("int_dq_observations")
    dbt.ref("dim_indicator")
    dbt.ref("dim_region")
    dbt.ref("dim_document")
    dbt.ref("unit_factors")
    from loaders.quality import flags_relation

    return flags_relation(session)
