-- No level (a count, an amount, an area…) is below zero.
with

obs as (select * from {batch}),

final as (

    select
        observation_id,
        'level ' || coalesce(value_base::varchar, 'null') || ' ' || coalesce(unit_base, 'null') || ' (below zero)' as detail,
    from obs
    where measure = 'level'
        and not coalesce(value_base >= 0, false)

)

select * from final
