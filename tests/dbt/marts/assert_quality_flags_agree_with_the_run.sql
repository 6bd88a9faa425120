-- The flags agree with the run that produced them: for every check, Great Expectations' count (dq_run.n_failing)
-- is the number of rows the same SQL gave dq_observation_flags; every sampled failing observation of the run
-- is flagged; and every flag is in review_quality_flags and in fct_indicator_observation.quality_flags
-- (failing facts are never silently dropped).
with

run as (

    select * from {{ ref('dq_run') }}

),

flags as (

    select * from {{ ref('dq_observation_flags') }}

),

samples as (

    select * from {{ ref('dq_failing_observations') }}
    where run_id in (select run_id from run)

),

observations as (

    select * from {{ ref('fct_indicator_observation') }}

),

review as (

    select * from {{ ref('review_quality_flags') }}

),

counts as (

    select run.check_name, 'count ' || run.n_failing || ' from GX, ' || count(flags.observation_id) || ' flags' as problem
    from run
    left join flags on flags.check_name = run.check_name
    where run.error is null
    group by run.check_name, run.n_failing
    having count(flags.observation_id) <> run.n_failing

),

unflagged_samples as (

    select samples.check_name, 'sampled ' || samples.observation_id || ' is not flagged' as problem
    from samples
    left join flags using (check_name, observation_id)
    where flags.observation_id is null

),

unreviewed as (

    select flags.check_name, 'flag on ' || flags.observation_id || ' is not in review_quality_flags' as problem
    from flags
    left join review using (check_name, observation_id)
    where review.observation_id is null

),

unlisted as (

    select flags.check_name, 'flag on ' || flags.observation_id || ' is not in quality_flags' as problem
    from flags
    inner join observations using (observation_id)
    where not list_contains(observations.quality_flags, flags.check_name)

),

final as (

    select * from counts
    union all select * from unflagged_samples
    union all select * from unreviewed
    union all select * from unlisted

)

select * from final
