-- A rate of change is above −100: nothing shrinks by more than all of it.
with

obs as (select * from {batch}),

final as (

    select
        observation_id,
        'growth ' || coalesce(value_base::varchar, 'null') || ' ' || coalesce(unit_base, 'null') || ' (a fall of 100 % or more)' as detail,
    from obs
    where measure = 'growth'
        and not coalesce(value_base > -100, false)

)

select * from final
