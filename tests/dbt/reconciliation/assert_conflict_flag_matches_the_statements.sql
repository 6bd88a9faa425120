-- Recomputed from fct_indicator_observation: the statements comparable with the kept one (same key,
-- region-wide, same unit_base, rank scope, stock/flow and period) give n_observations, n_sources, the
-- value range, and has_conflict = they differ by more than 1% of the larger.
with

observations as (

    select * from {{ ref('fct_indicator_observation') }}

),

indicator_years as (

    select * from {{ ref('fct_indicator_year') }}

),

kept as (

    select indicator_years.indicator_year_id, observations.*
    from indicator_years
    inner join observations on indicator_years.chosen_observation_id = observations.observation_id

),

comparable as (

    select
        kept.indicator_year_id,
        count(*) as n_observations,
        count(distinct other.document_id) as n_sources,
        min(other.value_base) as min_value_base,
        max(other.value_base) as max_value_base,
    from kept
    inner join observations as other
        on other.indicator_code = kept.indicator_code
        and other.region_code = kept.region_code
        and other.period_year = kept.period_year
        and other.measure = kept.measure
        and other.status = kept.status
        and other.subject is null
        and other.unit_base = kept.unit_base
        and other.rank_scope is not distinct from kept.rank_scope
        and other.is_cumulative is not distinct from kept.is_cumulative
        and other.period_start is not distinct from kept.period_start
        and other.period_end is not distinct from kept.period_end
    group by kept.indicator_year_id

),

recomputed as (

    select
        *,
        max_value_base - min_value_base > 0.01 * greatest(abs(min_value_base), abs(max_value_base)) as has_conflict,
    from comparable

)

select indicator_years.indicator_year_id, indicator_years.has_conflict, recomputed.has_conflict as recomputed_has_conflict,
    indicator_years.n_observations, recomputed.n_observations as recomputed_n_observations,
    indicator_years.n_sources, recomputed.n_sources as recomputed_n_sources
from indicator_years
left join recomputed on indicator_years.indicator_year_id = recomputed.indicator_year_id
where recomputed.indicator_year_id is null
    or indicator_years.has_conflict <> recomputed.has_conflict
    or indicator_years.n_observations <> recomputed.n_observations
    or indicator_years.n_sources <> recomputed.n_sources
    or indicator_years.min_value_base <> recomputed.min_value_base
    or indicator_years.max_value_base <> recomputed.max_value_base
