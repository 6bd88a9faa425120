-- Observations that failed a data-quality check in this build's run, one row per observation and check,
-- with the check's severity and what it found. Nothing is dropped from fct_indicator_observation for
-- failing a check: its quality_flags column lists the same check names.
with

observations as (

    select * from {{ ref('fct_indicator_observation') }}

),

run as (

    select * from {{ ref('dq_run') }}

),

flags as (

    select * from {{ ref('dq_observation_flags') }}

),

final as (

    select
        flags.observation_id,
        flags.check_name,
        flags.severity,
        flags.detail,
        run.description as check_description,
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
        run.run_id,
        run.run_at,
    from flags
    inner join run on run.check_name = flags.check_name
    inner join observations on observations.observation_id = flags.observation_id

)

select * from final
