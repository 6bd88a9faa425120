-- Every level figure of a catalogued indicator is in that indicator's unit_base.
with

obs as (select * from {batch}),

final as (

    select
        obs.observation_id,
        obs.indicator_code || ' is counted in ' || indicators.unit_base || ', this figure in '
            || coalesce(obs.unit_base, 'null') || ' (' || coalesce(obs.unit, '') || ')' as detail,
    from obs
    inner join marts.dim_indicator as indicators on indicators.indicator_code = obs.indicator_code
    where obs.measure = 'level'
        and obs.unit_base is distinct from indicators.unit_base

)

select * from final
