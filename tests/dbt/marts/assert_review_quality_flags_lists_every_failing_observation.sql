-- Failing facts are never silently dropped: every observation that failed a check in the latest
-- data-quality run, and is still in fct_indicator_observation, has its row in review_quality_flags.
with

results as (

    select * from {{ source('dq', 'dq_results') }}

),

failing as (

    select * from {{ source('dq', 'dq_failing_observations') }}

),

observations as (

    select * from {{ ref('fct_indicator_observation') }}

),

review as (

    select * from {{ ref('review_quality_flags') }}

),

latest_run as (

    select run_id from results order by run_at desc, run_id limit 1

),

expected as (

    select distinct failing.observation_id, failing.check_name
    from failing
    inner join latest_run using (run_id)
    inner join observations using (observation_id)

)

select expected.*
from expected
left join review using (observation_id, check_name)
where review.observation_id is null
