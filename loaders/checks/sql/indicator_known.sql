-- indicator_code is null (not yet catalogued) or an indicator of dim_indicator.
with

obs as (select * from {batch}),

final as (

    select
        obs.observation_id,
        'indicator_code ' || obs.indicator_code || ' is not in dim_indicator' as detail,
    from obs
    left join marts.dim_indicator as indicators on indicators.indicator_code = obs.indicator_code
    where obs.indicator_code is not null and indicators.indicator_code is null

)

select * from final
