-- depends_on: {{ ref('corpus_load') }}
with

source as (

    select * from {{ source('corpus', 'programme_mentions') }}

),

final as (

    select
        mention_id,
        {{ programme_id('name_zh') }} as programme_id,
        name_zh,
        programme_type,
        document_id,
        region_code,
        sentence,
        char_start,
        char_end,

    from source

)

select * from final
