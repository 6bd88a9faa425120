-- depends_on: {{ ref('corpus_load') }}
with

source as (

    select * from {{ source('corpus', 'programme_mentions') }}

),

held_back as (

    -- rows whose data cannot be taken as it stands: listed with their reasons in marts.review_quarantine
    select row_id from {{ ref('int_quarantine') }}
    where row_kind = 'programme_mention' and action = 'held_back'

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
    where not exists (select 1 from held_back where held_back.row_id = source.mention_id)

)

select * from final
