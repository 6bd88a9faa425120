-- A stated share of a subject agrees with the subject's level ÷ its region's level, when both levels are in
-- the warehouse: "自创区新增高新技术企业305家，占全市的55.5%" with 全市 550 → 305 / 550 = 55.45%.
-- The share: measure share in %, with a subject and an indicator. Its part: the level of the same indicator,
-- region, subject, year, status and period end. Its whole: the region-wide level (no subject) of the same
-- indicator, region, year, status, unit and period. Fails when the stated share's interval and
-- part ÷ whole's interval (from the figures' own intervals) do not meet.
with

obs as (select * from {batch}),

shares as (

    select * from obs
    where measure = 'share' and unit_base = '%' and subject is not null and indicator_code is not null

),

levels as (select * from obs where measure = 'level'),

implied as (

    select
        shares.observation_id as share_id,
        part.observation_id as part_id,
        whole.observation_id as whole_id,
        shares.value_base_lo as stated_lo,
        shares.value_base_hi as stated_hi,
        100 * part.value_base_lo / whole.value_base_hi as implied_lo,
        100 * part.value_base_hi / whole.value_base_lo as implied_hi,
        shares.indicator_code || ' ' || shares.period_year || ' ' || shares.status || ': ' || shares.subject
            || ' is stated as ' || shares.value_base::varchar || '% of ' || shares.region_code || ', but '
            || part.value_base::varchar || ' / ' || whole.value_base::varchar || ' = '
            || round(100 * part.value_base / whole.value_base, 2)::varchar || '%' as detail,
    from shares
    inner join levels as part
        on part.indicator_code = shares.indicator_code
        and part.region_code = shares.region_code
        and part.subject = shares.subject
        and part.period_year = shares.period_year
        and part.status = shares.status
        and part.period_end is not distinct from shares.period_end
    inner join levels as whole
        on whole.indicator_code = shares.indicator_code
        and whole.region_code = shares.region_code
        and whole.subject is null
        and whole.period_year = shares.period_year
        and whole.status = shares.status
        and whole.unit_base = part.unit_base
        and whole.period_start is not distinct from part.period_start
        and whole.period_end is not distinct from part.period_end
    where whole.value_base_lo > 0

),

violations as (

    select * from implied
    where stated_hi < implied_lo or stated_lo > implied_hi

),

final as (

    select share_id as observation_id, 'share: ' || detail as detail from violations
    union all
    select part_id as observation_id, 'part: ' || detail as detail from violations
    union all
    select whole_id as observation_id, 'whole: ' || detail as detail from violations

)

select * from final
