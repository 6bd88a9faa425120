-- depends_on: {{ ref('corpus_load') }}
with

source as (

    select * from {{ source('corpus', 'number_spans') }}

),

final as (

    select
        number_id,
        document_id,
        char_start,
        char_end,
        number_text,
        accounted_as,
        reason,
        sentence,

    from source

)

select * from final
