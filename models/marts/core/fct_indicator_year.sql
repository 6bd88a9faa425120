-- One figure per indicator × region × year × measure × status, reconciled across documents: the
-- preferred candidate (int_indicator_year_candidates.preference = 1) is kept; the statements comparable
-- with it (same unit, rank scope, stock/flow nature and period) say whether the sources agree.
with

candidates as (

    select * from {{ ref('int_indicator_year_candidates') }}

),

spread as (

    select
        indicator_year_id,
        count(distinct document_id) filter (where is_comparable) as n_sources,
        count(*) filter (where is_comparable) as n_observations,
        count(*) as n_candidates,
        min(value_base) filter (where is_comparable) as min_value_base,
        max(value_base) filter (where is_comparable) as max_value_base,
    from candidates
    group by indicator_year_id

),

chosen as (

    select * from candidates where preference = 1

),

final as (

    select
        chosen.indicator_year_id,
        chosen.indicator_code,
        chosen.region_code,
        chosen.period_year,
        chosen.measure,
        chosen.status,
        chosen.value_base,
        chosen.unit_base,
        chosen.qualifier,
        chosen.is_cumulative,
        chosen.period_start,
        chosen.period_end,
        chosen.rank_scope,
        spread.n_sources,
        spread.n_observations,
        spread.n_candidates,
        spread.min_value_base,
        spread.max_value_base,
        coalesce({{ beyond_rounding('spread.min_value_base', 'spread.max_value_base') }}, false) as has_conflict,
        chosen.observation_id as chosen_observation_id,
        chosen.document_id as chosen_document_id,
        chosen.published_on as chosen_published_on,
        case
            when spread.n_candidates = 1 then 'only statement'
            when spread.n_observations = 1 then 'preferred; the other statements differ in period, unit, scope or stock/flow'
            when spread.n_sources = 1 then 'preferred among statements of one document: exact first, then first in the text'
            else 'preferred among documents: exact first, then the most recent document'
        end as chosen_because,
    from chosen
    inner join spread on spread.indicator_year_id = chosen.indicator_year_id

)

select * from final
