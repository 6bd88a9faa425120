-- depends_on: {{ ref('corpus_load') }}
with

source as (

    select * from {{ source('corpus', 'rejected_documents') }}

),

final as (

    select
        source_file,
        problem,
        reason,

    from source

)

select * from final
