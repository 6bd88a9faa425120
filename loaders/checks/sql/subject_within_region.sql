-- An additive figure of a subject (zone, park, lab, programme…) is not above the same figure of its
-- region as a whole (自创区 新增高企 305 ≤ 全市 550): same region, indicator, year, status, period and unit.
with

obs as (select * from {batch}),

figures as (

    select obs.*
    from obs
    inner join marts.dim_indicator as indicators on indicators.indicator_code = obs.indicator_code
    where indicators.is_additive and obs.measure = 'level'

),

violations as (

    select
        part.observation_id as part_id,
        whole.observation_id as whole_id,
        part.indicator_code || ' ' || part.period_year || ' ' || part.status || ': ' || part.subject || ' has '
            || part.value_base::varchar || ' ' || part.unit_base || ', more than ' || whole.value_base::varchar
            || ' in all of ' || whole.region_code as detail,
    from figures as part
    inner join figures as whole
        on whole.region_code = part.region_code
        and whole.subject is null
        and whole.indicator_code = part.indicator_code
        and whole.period_year = part.period_year
        and whole.status = part.status
        and whole.unit_base = part.unit_base
        and whole.period_start is not distinct from part.period_start
        and whole.period_end is not distinct from part.period_end
    where part.subject is not null
        and part.value_base_lo > whole.value_base_hi

),

final as (

    select part_id as observation_id, 'part: ' || detail as detail from violations
    union all
    select whole_id as observation_id, 'whole: ' || detail as detail from violations

)

select * from final
