-- A figure is not above the figure it is part of, by loaders/data/indicator_relations.csv:
--   part_of  the indicator is a subset of the related one (已发放贷款 ≤ 授信, 发明专利授权 ≤ 专利授权);
--   adds_to  the indicator is the additions to the related stock (新增高企 ≤ 高企总数 at the period's end).
-- Same region, subject, year, status and unit; the same period end, and the same period start unless the
-- whole is a stock (no start).
with

obs as (select * from {batch}),

relations as (${table:indicator_relations}),

figures as (select * from obs where measure = 'level'),

violations as (

    select
        part.observation_id as part_id,
        whole.observation_id as whole_id,
        part.indicator_code || ' ' || part.value_base::varchar || ' > ' || whole.indicator_code || ' '
            || whole.value_base::varchar || ' ' || whole.unit_base || ' (' || part.region_code
            || coalesce(' ' || part.subject, '') || ' ' || part.period_year || ' ' || part.status || ')' as detail,
    from relations
    inner join figures as part on part.indicator_code = relations.indicator_code
    inner join figures as whole
        on whole.indicator_code = relations.related_code
        and whole.region_code = part.region_code
        and whole.subject is not distinct from part.subject
        and whole.period_year = part.period_year
        and whole.status = part.status
        and whole.unit_base = part.unit_base
        and whole.period_end is not distinct from part.period_end
        and (whole.period_start is null or whole.period_start is not distinct from part.period_start)
    where relations.relation in ('part_of', 'adds_to')
        and part.value_base_lo > whole.value_base_hi

),

final as (

    select part_id as observation_id, 'part: ' || detail as detail from violations
    union all
    select whole_id as observation_id, 'whole: ' || detail as detail from violations

)

select * from final
