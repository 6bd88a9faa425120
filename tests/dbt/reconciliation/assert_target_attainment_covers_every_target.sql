-- Every target indicator-year appears once in fct_target_attainment with its value, and the attainment
-- rate is 100 × actual / target where one is given.
with

indicator_years as (

    select * from {{ ref('fct_indicator_year') }}

),

attainment as (

    select * from {{ ref('fct_target_attainment') }}

),

targets as (

    select * from indicator_years where status = 'target'

)

select
    coalesce(targets.indicator_code, attainment.indicator_code) as indicator_code,
    coalesce(targets.region_code, attainment.region_code) as region_code,
    coalesce(targets.period_year, attainment.period_year) as period_year,
    coalesce(targets.measure, attainment.measure) as measure,
    targets.value_base as target_value_base,
    attainment.target_value_base as listed_target_value_base,
    attainment.attainment_pct,
from targets
full outer join attainment
    on targets.indicator_code = attainment.indicator_code
    and targets.region_code = attainment.region_code
    and targets.period_year = attainment.period_year
    and targets.measure = attainment.measure
where targets.indicator_code is null
    or attainment.indicator_code is null
    or targets.value_base <> attainment.target_value_base
    or (attainment.attainment_pct is not null
        and abs(attainment.attainment_pct - 100.0 * attainment.actual_value_base / attainment.target_value_base) > 0.05)
