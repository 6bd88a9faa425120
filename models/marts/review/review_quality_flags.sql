{{ config(materialized='view', pre_hook="{{ create_dq_tables() }}") }}
-- Observations that failed a data-quality check in the latest run (loaders.quality, `python -m loaders
-- check`), one row per observation and check, with the check's severity and what it found. A view: the
-- checks run after `dbt build` and write marts.dq_results / marts.dq_failing_observations, which this reads
-- at query time (the pre-hook create_dq_tables makes them exist, empty, before the first run).
-- Nothing is dropped from fct_indicator_observation for failing a check: its quality_flags column lists
-- the same check names.
with

observations as (

    select * from {{ ref('fct_indicator_observation') }}

),

results as (

    select * from {{ source('dq', 'dq_results') }}

),

failing as (

    select * from {{ source('dq', 'dq_failing_observations') }}

),

latest_run as (

    select run_id, run_at
    from results
    order by run_at desc, run_id
    limit 1

),

final as (

    select
        failing.observation_id,
        failing.check_name,
        results.severity,
        failing.detail,
        results.description as check_description,
        observations.document_id,
        observations.region_code,
        observations.subject,
        observations.indicator_code,
        observations.indicator_phrase,
        observations.measure,
        observations.status,
        observations.period_year,
        observations.value,
        observations.unit,
        observations.value_base,
        observations.unit_base,
        observations.qualifier,
        observations.sentence,
        latest_run.run_id,
        latest_run.run_at,
    from failing
    inner join latest_run on failing.run_id = latest_run.run_id
    inner join results on results.run_id = failing.run_id and results.check_name = failing.check_name
    inner join observations on observations.observation_id = failing.observation_id

)

select * from final
