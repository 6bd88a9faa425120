-- One row per programme (政策/行动/工程/机制…): its id is a hash of its normalised name, so that every
-- mention of the same name is the same programme. Type and region are the most frequent among its
-- mentions, ties broken alphabetically so that rebuilds agree.
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
    left join documents on mentions.document_id = documents.document_id

),

type_votes as (

    select
        programme_id, programme_type,
        row_number() over (partition by programme_id order by count(*) desc, programme_type) as rank_in_programme,
    from dated
    group by programme_id, programme_type

),

region_votes as (

    select
        programme_id, region_code,
        row_number() over (partition by programme_id order by count(*) desc, region_code) as rank_in_programme,
    from dated
    group by programme_id, region_code

),

programmes as (

    select
        programme_id,
        min(name_zh) as name_zh,
        min(published_on) as first_mentioned_on,
        max(published_on) as last_mentioned_on,
        arg_min(document_id, (coalesce(published_on, date '9999-12-31'), document_id, char_start)) as first_document_id,
        count(*) as n_mentions,
        count(distinct document_id) as n_documents,
    from dated
    group by programme_id

),

final as (

    select
        programmes.programme_id,
        programmes.name_zh,
        type_votes.programme_type,
        region_votes.region_code,
        programmes.first_mentioned_on,
        programmes.last_mentioned_on,
        programmes.first_document_id,
        programmes.n_mentions,
        programmes.n_documents,
    from programmes
    left join type_votes
        on programmes.programme_id = type_votes.programme_id and type_votes.rank_in_programme = 1
    left join region_votes
        on programmes.programme_id = region_votes.programme_id and region_votes.rank_in_programme = 1

)

select * from final
