with

mentions as (

    select * from {{ ref('stg_corpus__programme_mentions') }}

),

final as (

    select
        mention_id,
        programme_id,
        document_id,
        region_code,
        name_zh,
        sentence,
        char_start,
        char_end,

    from mentions

)

select * from final
