-- The written unit is listed in the unit table for the observation's unit_base; a rank may keep a
-- counting classifier as its unit (第14位, 前15名: unit 位/名, unit_base rank).
with

obs as (select * from {batch}),

units as (select unit, unit_base from reference.unit_factors),

final as (

    select
        obs.observation_id,
        'unit ' || coalesce(obs.unit, 'null') || ' does not convert to ' || coalesce(obs.unit_base, 'null') as detail,
    from obs
    left join units on units.unit = obs.unit and units.unit_base = obs.unit_base
    where units.unit is null
        and not (obs.unit_base = 'rank' and list_contains(${rank_classifiers}, obs.unit))

)

select * from final
