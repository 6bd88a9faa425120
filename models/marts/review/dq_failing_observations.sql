{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail') }}
-- The sample of failing observations of every run (at most 20 per check and run), kept build after build.
-- Every failing observation of the current run is in marts.dq_observation_flags.
with

run as (

    select * from {{ ref('dq_run') }}

),

samples as (

    select run_id, check_name, unnest(from_json(sample, '[{"observation_id": "VARCHAR", "detail": "VARCHAR"}]')) as row
    from run

),

final as (

    select
        run_id,
        check_name,
        row.observation_id as observation_id,
        row.detail as detail,
    from samples

)

select * from final
