-- Each target (目标) beside the actual (实际) of the same indicator, region, year and measure when the
-- corpus states one of the same figure: the same unit, rank scope (全省第2 is not 全国第2) and stock/flow
-- nature (a cumulative total is not a year's additions). Both are region-wide statements (subject null:
-- fct_indicator_year leaves out a zone's, park's or product's figures), so a city-wide target is never
-- compared with the figure of one programme or product the text names as its subject. attainment_pct (完成率) is actual / target for amounts, counts,
-- shares and completion rates; is_attained compares the two in the measure's direction (a rank is
-- better when lower). An actual stated before its year was over is flagged, not dropped.
with

indicator_years as (

    select * from {{ ref('fct_indicator_year') }}

),

targets as (

    select * from indicator_years where status = 'target'

),

actuals as (

    select * from indicator_years where status = 'actual'

),

paired as (

    select
        targets.indicator_code,
        targets.region_code,
        targets.period_year,
        targets.measure,
        targets.unit_base,
        targets.value_base as target_value_base,
        targets.qualifier as target_qualifier,
        targets.chosen_document_id as target_document_id,
        actuals.value_base as actual_value_base,
        actuals.qualifier as actual_qualifier,
        actuals.chosen_document_id as actual_document_id,
        actuals.period_end as actual_period_end,
        actuals.chosen_published_on as actual_published_on,
    from targets
    left join actuals
        on targets.indicator_code = actuals.indicator_code
        and targets.region_code = actuals.region_code
        and targets.period_year = actuals.period_year
        and targets.measure = actuals.measure
        and targets.unit_base = actuals.unit_base
        and targets.rank_scope is not distinct from actuals.rank_scope
        and targets.is_cumulative is not distinct from actuals.is_cumulative

),

final as (

    select
        *,
        case when actual_value_base is not null and target_value_base > 0
                and measure in ('level', 'share', 'completion')
            then round(100.0 * actual_value_base / target_value_base, 1) end as attainment_pct,
        case
            when actual_value_base is null or measure = 'difference' then null
            when measure = 'rank' then actual_value_base <= target_value_base
            else actual_value_base >= target_value_base
        end as is_attained,
        actual_value_base is not null as has_actual,
        actual_value_base is not null
            and actual_period_end = make_date(period_year, 12, 31)
            and actual_published_on > make_date(period_year, 12, 31) as is_actual_final,
    from paired

)

select * from final
