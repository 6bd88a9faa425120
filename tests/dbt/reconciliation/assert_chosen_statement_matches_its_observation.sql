-- The kept statement of an indicator-year is a region-wide observation of that very indicator-year,
-- and the row carries its value, unit, qualifier, period and document.
with

observations as (

    select * from {{ ref('fct_indicator_observation') }}

),

indicator_years as (

    select * from {{ ref('fct_indicator_year') }}

)

select indicator_years.*
from indicator_years
left join observations on indicator_years.chosen_observation_id = observations.observation_id
where observations.observation_id is null
    or observations.subject is not null
    or observations.indicator_code <> indicator_years.indicator_code
    or observations.region_code <> indicator_years.region_code
    or observations.period_year <> indicator_years.period_year
    or observations.measure <> indicator_years.measure
    or observations.status <> indicator_years.status
    or observations.value_base <> indicator_years.value_base
    or observations.unit_base <> indicator_years.unit_base
    or observations.qualifier <> indicator_years.qualifier
    or observations.period_end <> indicator_years.period_end
    or observations.document_id <> indicator_years.chosen_document_id
