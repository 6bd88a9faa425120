-- The kept statement is never an approximate or part-year one when the same indicator-year has an
-- exact whole-year statement of the same stock/flow nature: those rules come before recency.
with

observations as (

    select * from {{ ref('fct_indicator_observation') }}

),

indicator_years as (

    select * from {{ ref('fct_indicator_year') }}

),

kept as (

    select
        indicator_years.indicator_year_id,
        observations.*,
        observations.period_end = make_date(observations.period_year, 12, 31) as is_whole_year,
    from indicator_years
    inner join observations on indicator_years.chosen_observation_id = observations.observation_id

)

select kept.indicator_year_id, kept.observation_id as kept_observation_id, better.observation_id as better_observation_id
from kept
inner join observations as better
    on better.indicator_code = kept.indicator_code
    and better.region_code = kept.region_code
    and better.period_year = kept.period_year
    and better.measure = kept.measure
    and better.status = kept.status
    and better.subject is null
    and better.is_cumulative = kept.is_cumulative
    and better.qualifier = 'exact'
    and better.period_end = make_date(better.period_year, 12, 31)
where not kept.is_whole_year or kept.qualifier <> 'exact'
