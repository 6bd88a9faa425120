-- A year-end stock ≈ the previous year-end stock + the year's additions, when all three are known
-- (高企 647 at end-2021 ≈ 499 at end-2020 + 148 新增 in 2021). Stock/flow pairs: relation adds_to in
-- loaders/data/indicator_relations.csv. Same region, subject and unit; actual figures; the flow covers the
-- whole year. Fails when the stock is further than stock_tolerance_pct % of itself from the sum
-- (beyond the figures' own intervals): exits and reclassifications stay within that.
with

obs as (select * from {batch}),

relations as (${table:indicator_relations}),

levels as (select * from obs where measure = 'level' and status = 'actual'),

year_end_stocks as (

    select * from levels
    where period_end = make_date(period_year, 12, 31)

),

year_flows as (

    select * from levels
    where period_start = make_date(period_year, 1, 1) and period_end = make_date(period_year, 12, 31)

),

triples as (

    select
        now_.observation_id as stock_id,
        before.observation_id as previous_id,
        flow.observation_id as flow_id,
        now_.value_base_lo - ${stock_tolerance_pct} / 100.0 * abs(now_.value_base) as stock_lo,
        now_.value_base_hi + ${stock_tolerance_pct} / 100.0 * abs(now_.value_base) as stock_hi,
        before.value_base_lo + flow.value_base_lo as sum_lo,
        before.value_base_hi + flow.value_base_hi as sum_hi,
        now_.indicator_code || ' ' || now_.region_code || coalesce(' ' || now_.subject, '') || ': '
            || now_.value_base::varchar || ' at end-' || now_.period_year || ' vs ' || before.value_base::varchar
            || ' at end-' || before.period_year || ' + ' || flow.value_base::varchar || ' ' || flow.indicator_code
            || ' = ' || (before.value_base + flow.value_base)::varchar as detail,
    from relations
    inner join year_end_stocks as now_ on now_.indicator_code = relations.related_code
    inner join year_end_stocks as before
        on before.indicator_code = now_.indicator_code
        and before.region_code = now_.region_code
        and before.subject is not distinct from now_.subject
        and before.unit_base = now_.unit_base
        and before.period_year = now_.period_year - 1
    inner join year_flows as flow
        on flow.indicator_code = relations.indicator_code
        and flow.region_code = now_.region_code
        and flow.subject is not distinct from now_.subject
        and flow.unit_base = now_.unit_base
        and flow.period_year = now_.period_year
    where relations.relation = 'adds_to'

),

violations as (

    select * from triples
    where stock_lo > sum_hi or stock_hi < sum_lo

),

final as (

    select stock_id as observation_id, 'stock: ' || detail as detail from violations
    union all
    select previous_id as observation_id, 'previous stock: ' || detail as detail from violations
    union all
    select flow_id as observation_id, 'flow: ' || detail as detail from violations

)

select * from final
