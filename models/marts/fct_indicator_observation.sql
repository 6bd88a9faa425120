with

observations as (

    select * from {{ ref('stg_corpus__observations') }}

),

final as (

    select * from observations

)

select * from final
