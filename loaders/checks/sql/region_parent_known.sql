-- Every region but the country has a parent region at a higher level (country > province > prefecture > county).
with

regions as (select * from {batch}),

ranked as (

    select
        *,
        case level when 'country' then 0 when 'province' then 1 when 'prefecture' then 2 when 'county' then 3 end
            as depth,
    from regions

),

final as (

    select
        null::varchar as observation_id,
        'region ' || child.region_code || ' (' || coalesce(child.level, 'no level') || ') has parent '
            || coalesce(child.parent_code, 'null') || coalesce(' (' || parent.level || ')', ' (not a region)') as detail,
    from ranked as child
    left join ranked as parent on parent.region_code = child.parent_code
    where child.depth is null
        or (child.depth > 0 and (parent.region_code is null or parent.depth is null or parent.depth >= child.depth))
        or (child.depth = 0 and child.parent_code is not null)

)

select * from final
