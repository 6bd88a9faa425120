-- Indicator-years whose statements disagree beyond rounding, with every statement side by side.
with

indicator_years as (

    select * from {{ ref('fct_indicator_year') }}

),

candidates as (

    select * from {{ ref('int_indicator_year_candidates') }}

),

final as (

    select
        indicator_years.indicator_year_id,
        candidates.indicator_code,
        candidates.region_code,
        candidates.period_year,
        candidates.measure,
        candidates.status,
        candidates.document_id,
        candidates.published_on,
        candidates.observation_id,
        candidates.value_base,
        candidates.unit_base,
        candidates.qualifier,
        candidates.observation_id = indicator_years.chosen_observation_id as is_chosen,
        candidates.sentence,
    from indicator_years
    inner join candidates using (indicator_code, region_code, period_year, measure, status)
    where indicator_years.has_conflict

)

select * from final
