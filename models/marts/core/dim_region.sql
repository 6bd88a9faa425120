with

regions as (

    select * from {{ ref('regions') }}

),

final as (

    select
        region_code,
        name_zh,
        short_name_zh,
        name_en,
        level,
        nullif(parent_code, '') as parent_code,
        longitude,
        latitude,

    from regions

)

select * from final
