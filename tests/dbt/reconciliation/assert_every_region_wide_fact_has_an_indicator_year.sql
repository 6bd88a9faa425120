-- Every indicator × region × year × measure × status that has a region-wide statement of a catalogued
-- indicator in fct_indicator_observation has exactly one fct_indicator_year row, and no row has none.
-- Only statements whose stock/flow nature fits the indicator count (a level of a `stock` indicator is
-- cumulative, one of a `flow` indicator is not): stocks and flows never mix in fct_indicator_year.
with

observations as (

    select * from {{ ref('fct_indicator_observation') }}

),

indicators as (

    select * from {{ ref('indicators') }}

),

indicator_years as (

    select * from {{ ref('fct_indicator_year') }}

),

stated as (

    select distinct
        observations.indicator_code, observations.region_code, observations.period_year,
        observations.measure, observations.status,
    from observations
    inner join indicators using (indicator_code)
    where observations.subject is null
        and observations.period_year is not null
        and (
            observations.measure <> 'level'
            or indicators.stock_or_flow = 'rate'
            or coalesce(observations.is_cumulative, false) = (indicators.stock_or_flow = 'stock')
        )

),

kept as (

    select indicator_code, region_code, period_year, measure, status, count(*) as n_rows
    from indicator_years
    group by indicator_code, region_code, period_year, measure, status

)

select
    coalesce(stated.indicator_code, kept.indicator_code) as indicator_code,
    coalesce(stated.region_code, kept.region_code) as region_code,
    coalesce(stated.period_year, kept.period_year) as period_year,
    coalesce(stated.measure, kept.measure) as measure,
    coalesce(stated.status, kept.status) as status,
    stated.indicator_code is not null as is_stated,
    kept.n_rows,
from stated
full outer join kept
    on stated.indicator_code = kept.indicator_code
    and stated.region_code = kept.region_code
    and stated.period_year = kept.period_year
    and stated.measure = kept.measure
    and stated.status = kept.status
where stated.indicator_code is null or kept.indicator_code is null or kept.n_rows <> 1
