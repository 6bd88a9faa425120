-- An additive figure of a region is not above the same figure of a region containing it (a county's
-- 新增高新技术企业 ≤ its prefecture's): same indicator, year, status, period and unit, both region-wide
-- (no subject), level. Compared as intervals (rounding, 约/超/近), so 约600 vs 550 passes and 700 vs 550 fails.
with recursive

obs as (select * from {batch}),

figures as (

    select obs.*
    from obs
    inner join marts.dim_indicator as indicators on indicators.indicator_code = obs.indicator_code
    where indicators.is_additive and obs.measure = 'level' and obs.subject is null

),

ancestors (region_code, ancestor_code) as (

    select region_code, parent_code
    from marts.dim_region
    where parent_code is not null and region_code in (select region_code from figures)
    union
    select ancestors.region_code, regions.parent_code
    from ancestors
    inner join marts.dim_region as regions on regions.region_code = ancestors.ancestor_code
    where regions.parent_code is not null

),

violations as (

    select
        part.observation_id as part_id,
        whole.observation_id as whole_id,
        part.indicator_code || ' ' || part.period_year || ' ' || part.status || ': ' || part.region_code || ' has '
            || part.value_base::varchar || ' ' || part.unit_base || ', more than ' || whole.value_base::varchar
            || ' in ' || whole.region_code || ' which contains it' as detail,
    from figures as part
    inner join ancestors on ancestors.region_code = part.region_code
    inner join figures as whole
        on whole.region_code = ancestors.ancestor_code
        and whole.indicator_code = part.indicator_code
        and whole.period_year = part.period_year
        and whole.status = part.status
        and whole.unit_base = part.unit_base
        and whole.period_start is not distinct from part.period_start
        and whole.period_end is not distinct from part.period_end
    where part.value_base_lo > whole.value_base_hi

),

final as (

    select part_id as observation_id, 'part: ' || detail as detail from violations
    union all
    select whole_id as observation_id, 'whole: ' || detail as detail from violations

)

select * from final
