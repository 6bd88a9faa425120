-- Each target beside the actual of the same indicator, region, year and measure (when the corpus has one).
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

final as (

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
        actuals.chosen_document_id as actual_document_id,
        case when actuals.value_base is not null and targets.value_base <> 0
            then round(100.0 * actuals.value_base / targets.value_base, 1) end as attainment_pct,
        actuals.value_base is not null as has_actual,
    from targets
    left join actuals using (indicator_code, region_code, period_year, measure)

)

select * from final
