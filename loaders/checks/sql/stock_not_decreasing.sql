-- A running total (累计, is_cumulative) at a later date is not below the same running total at an earlier
-- date: same indicator, region, subject and unit, actual figures, compared as intervals.
with

obs as (select * from {batch}),

stocks as (

    select *, coalesce(period_end, make_date(period_year, 12, 31)) as as_of
    from obs
    where is_cumulative and measure = 'level' and status = 'actual' and indicator_code is not null

),

violations as (

    select
        later.observation_id as later_id,
        earlier.observation_id as earlier_id,
        later.indicator_code || ' ' || later.region_code || coalesce(' ' || later.subject, '') || ': '
            || later.value_base::varchar || ' on ' || later.as_of::varchar || ' is below '
            || earlier.value_base::varchar || ' on ' || earlier.as_of::varchar as detail,
    from stocks as later
    inner join stocks as earlier
        on earlier.indicator_code = later.indicator_code
        and earlier.region_code = later.region_code
        and earlier.subject is not distinct from later.subject
        and earlier.unit_base = later.unit_base
        and earlier.as_of < later.as_of
    where later.value_base_hi < earlier.value_base_lo

),

final as (

    select later_id as observation_id, 'later: ' || detail as detail from violations
    union all
    select earlier_id as observation_id, 'earlier: ' || detail as detail from violations

)

select * from final
