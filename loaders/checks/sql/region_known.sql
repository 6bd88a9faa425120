-- region_code is set and is a region of dim_region.
with

obs as (select * from {batch}),

final as (

    select
        obs.observation_id,
        'region_code ' || coalesce(obs.region_code, 'null') || ' is not in dim_region' as detail,
    from obs
    left join marts.dim_region as regions on regions.region_code = obs.region_code
    where regions.region_code is null

)

select * from final
