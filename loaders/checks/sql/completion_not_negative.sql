-- A percent of a target reached is not below zero.
with

obs as (select * from {batch}),

final as (

    select
        observation_id,
        'completion ' || coalesce(value_base::varchar, 'null') || ' ' || coalesce(unit_base, 'null') || ' (below zero)' as detail,
    from obs
    where measure = 'completion'
        and not coalesce(value_base >= 0, false)

)

select * from final
