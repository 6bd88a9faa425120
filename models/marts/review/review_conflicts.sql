-- Indicator-years whose comparable statements disagree beyond rounding, with every candidate statement
-- side by side (is_comparable false: a different period, unit, rank scope or stock/flow, shown for context).
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
        candidates.preference,
        candidates.observation_id = indicator_years.chosen_observation_id as is_chosen,
        candidates.is_comparable,
        candidates.document_id,
        candidates.published_on,
        candidates.observation_id,
        candidates.indicator_phrase,
        candidates.value_base,
        candidates.unit_base,
        candidates.qualifier,
        candidates.period_start,
        candidates.period_end,
        candidates.rank_scope,
        candidates.sentence,
    from indicator_years
    inner join candidates on candidates.indicator_year_id = indicator_years.indicator_year_id
    where indicator_years.has_conflict

)

select * from final
