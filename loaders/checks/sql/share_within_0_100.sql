-- A share is a percent between 0 and 100 (a share of 150 % is impossible).
with

obs as (select * from {batch}),

final as (

    select
        observation_id,
        'share ' || coalesce(value_base::varchar, 'null') || ' ' || coalesce(unit_base, 'null') || ' (outside 0..100 %)' as detail,
    from obs
    where measure = 'share'
        and not coalesce(value_base between 0 and 100, false)

)

select * from final
