with

rejected as (

    select * from {{ ref('stg_corpus__rejected_documents') }}

),

final as (

    select * from rejected

)

select * from final
