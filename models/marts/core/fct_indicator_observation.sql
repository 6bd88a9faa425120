with

observations as (

    select * from {{ ref('stg_corpus__observations') }}

),

final as (

    select
        *,
        -- set by the quality checks after each build (loaders.checks.store.set_flags); null until they run
        cast(null as varchar[]) as quality_flags,
    from observations

)

select * from final
