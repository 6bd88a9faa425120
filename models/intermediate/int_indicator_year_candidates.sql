-- Region-wide observations of a catalogued indicator: the candidates for one indicator-year
-- (indicator × region × year × measure × status; its key indicator_year_id is computed here, once, and
-- joined on downstream). Stocks and flows never mix: a level is a candidate only
-- when its stock/flow nature fits the catalogue (is_cumulative for a `stock` indicator, not for a `flow`
-- one; a running total of a flow indicator, 累计获得…, or an addition to a stock-only indicator is no
-- year's figure of that indicator). Candidates are ranked best first (preference = 1 is the statement
-- fct_indicator_year keeps):
--   1. a statement about the whole year (a flow over Jan..Dec, a stock as of 31 Dec) over part of one,
--      and among part-year statements the one reaching furthest into the year;
--   2. an exact figure over an approximate one (约/超/近/不到);
--   3. the most recent document (a later report revises an earlier one);
--   4. document_id, then position in the text, so that the choice is deterministic.
-- A candidate is comparable with the preferred one when it states the same figure: same unit_base,
-- rank scope, stock/flow nature and period. Only comparable candidates can agree or conflict.
with

observations as (

    select * from {{ ref('stg_corpus__observations') }}

),

documents as (

    select * from {{ ref('stg_corpus__documents') }}

),

indicators as (

    select * from {{ ref('indicators') }}

),

candidates as (

    select
        {{ indicator_year_id('observations') }} as indicator_year_id,
        observations.*,
        documents.published_on,
        case
            when observations.measure <> 'level' or indicators.stock_or_flow = 'rate' then true
            when indicators.stock_or_flow = 'stock' then coalesce(observations.is_cumulative, false)
            else not coalesce(observations.is_cumulative, false)
        end as fits_stock_or_flow,
        case when observations.period_end < make_date(observations.period_year, 12, 31)
            then 1 else 0 end as partial_year,
        case when observations.qualifier = 'exact' then 0 else 1 end as vagueness,
    from observations
    inner join documents on observations.document_id = documents.document_id
    left join indicators on observations.indicator_code = indicators.indicator_code
    where observations.indicator_code is not null
        and observations.subject is null
        and observations.period_year is not null

),

ranked as (

    select
        *,
        row_number() over by_preference as preference,
        count(*) over by_key as n_candidates,
        first_value(unit_base) over by_preference as preferred_unit_base,
        first_value(rank_scope) over by_preference as preferred_rank_scope,
        first_value(is_cumulative) over by_preference as preferred_is_cumulative,
        first_value(period_start) over by_preference as preferred_period_start,
        first_value(period_end) over by_preference as preferred_period_end,
    from candidates
    where fits_stock_or_flow
    window
        by_key as (partition by indicator_year_id),
        by_preference as (
            partition by indicator_year_id
            order by partial_year, period_end desc nulls last, vagueness,
                published_on desc nulls last, document_id, char_start
        )

),

final as (

    select
        * exclude (preferred_unit_base, preferred_rank_scope, preferred_is_cumulative,
            preferred_period_start, preferred_period_end),
        unit_base is not distinct from preferred_unit_base
            and rank_scope is not distinct from preferred_rank_scope
            and is_cumulative is not distinct from preferred_is_cumulative
            and period_start is not distinct from preferred_period_start
            and period_end is not distinct from preferred_period_end as is_comparable,
    from ranked

)

select * from final
