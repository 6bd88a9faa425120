-- One stated number (数据事实), as landed and staged, with the data-quality checks it failed in this build
-- (quality_flags, from marts.dq_observation_flags; [] when it passed them all).
with

observations as (

    select * from {{ ref('stg_corpus__observations') }}

),

flags as (

    select observation_id, list(distinct check_name order by check_name) as quality_flags
    from {{ ref('dq_observation_flags') }}
    group by observation_id

),

final as (

    select
        observations.*,
        coalesce(flags.quality_flags, []::varchar[]) as quality_flags,
    from observations
    left join flags on flags.observation_id = observations.observation_id

)

select * from final
