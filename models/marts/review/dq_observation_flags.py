"""The quality flags (数据质量标记): every observation that failed a check in this build's run, one row per
observation and check (intermediate.int_dq_failing_rows joined to marts.dq_run; loaders.quality.flags_relation).
marts.fct_indicator_observation joins them as its quality_flags column.
"""


def model(dbt, session):
    dbt.config(materialized="table")
    dbt.ref("dq_run")
    dbt.ref("int_dq_failing_rows")
    from loaders.quality import flags_relation

    return flags_relation(session)
