with

mentions as (

    select * from {{ ref('stg_corpus__programme_mentions') }}

),

documents as (

    select * from {{ ref('stg_corpus__documents') }}

),

dated as (

    select mentions.*, documents.published_on
    from mentions
    left join documents using (document_id)

),

final as (

    select
        programme_id,
        any_value(name_zh) as name_zh,
        mode(programme_type) as programme_type,
        mode(region_code) as region_code,
        min(published_on) as first_mentioned_on,
        max(published_on) as last_mentioned_on,
        arg_min(document_id, coalesce(published_on, date '9999-12-31')) as first_document_id,
        count(*) as n_mentions,
        count(distinct document_id) as n_documents,

    from dated
    group by programme_id

)

select * from final
