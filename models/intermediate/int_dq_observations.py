"""The observations as the data-quality checks read them (供质量检查的数据事实): every column of
staging.stg_corpus__observations plus the interval [value_base_lo, value_base_hi] the written figure allows
(loaders/checks/assets/observations.sql). Computed once per build, so that each check of marts.dq_run and
marts.dq_observation_flags reads a table instead of computing the intervals again.
"""


def model(dbt, session):
    dbt.config(materialized="table")
    dbt.ref("stg_corpus__observations")
    dbt.ref("unit_factors")
    from loaders.quality import asset_relation

    return asset_relation(session, "observations")
