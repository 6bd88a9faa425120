-- fct_indicator_year never mixes stocks and flows: a level of a `stock` indicator is a stock (is_cumulative,
-- as of a date), a level of a `flow` indicator is a flow over the year; a running total of a flow
-- (累计获得…) or an addition to a stock-only indicator is no year's figure of that indicator.
with

indicator_years as (

    select * from {{ ref('fct_indicator_year') }}

),

indicators as (

    select * from {{ ref('indicators') }}

)

select
    indicator_years.indicator_year_id,
    indicator_years.indicator_code,
    indicators.stock_or_flow,
    indicator_years.is_cumulative,
    indicator_years.period_start,
    indicator_years.chosen_observation_id,
from indicator_years
inner join indicators using (indicator_code)
where indicator_years.measure = 'level'
    and (
        (indicators.stock_or_flow = 'stock' and not coalesce(indicator_years.is_cumulative, false))
        or (indicators.stock_or_flow = 'flow' and coalesce(indicator_years.is_cumulative, false))
    )
