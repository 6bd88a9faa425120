with

candidates as (

    select * from {{ ref('int_indicator_year_candidates') }}

),

spread as (

    select
        indicator_code, region_code, period_year, measure, status,
        count(distinct document_id) as n_sources,
        count(*) as n_observations,
        min(value_base) as min_value_base,
        max(value_base) as max_value_base,
    from candidates
    group by all

),

chosen as (

    select * from candidates where preference = 1

),

final as (

    select
        {{ indicator_year_id('chosen') }} as indicator_year_id,
        chosen.indicator_code,
        chosen.region_code,
        chosen.period_year,
        chosen.measure,
        chosen.status,
        chosen.value_base,
        chosen.unit_base,
        chosen.qualifier,
        chosen.is_cumulative,
        spread.n_sources,
        spread.n_observations,
        spread.min_value_base,
        spread.max_value_base,
        {{ beyond_rounding('spread.min_value_base', 'spread.max_value_base') }} as has_conflict,
        chosen.observation_id as chosen_observation_id,
        chosen.document_id as chosen_document_id,
        case
            when spread.n_observations = 1 then 'only statement'
            when spread.n_sources = 1 then 'first statement in the document'
            else 'most recent document, then the more specific statement'
        end as chosen_because,
    from chosen
    inner join spread using (indicator_code, region_code, period_year, measure, status)

)

select * from final
