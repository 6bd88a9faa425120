{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail') }}
-- Every data-quality run, one row per run and check, kept build after build: this build's marts.dq_run
-- appended (an incremental model; `dbt build --full-refresh` starts the history again).
with

run as (

    select * from {{ ref('dq_run') }}

),

final as (

    select
        run_id,
        run_at,
        extractor_version,
        check_name,
        family,
        severity,
        success,
        n_failing,
        error,
        description,
    from run

)

select * from final
