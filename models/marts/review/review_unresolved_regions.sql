-- Rows of the corpus whose region_code is missing or names no row of the region tree (dim_region):
-- fix the manifest's region, the document's inferred region or seeds/region_aliases.csv.
-- Built from staging, not from the marts, so that it is there when the marts' region tests fail.
with

documents as (

    select * from {{ ref('stg_corpus__documents') }}

),

observations as (

    select * from {{ ref('stg_corpus__observations') }}

),

mentions as (

    select * from {{ ref('stg_corpus__programme_mentions') }}

),

regions as (

    select * from {{ ref('regions') }}

),

placed as (

    select 'document' as row_kind, document_id as row_id, document_id, region_code, title as context
    from documents
    union all
    select 'observation', observation_id, document_id, region_code, sentence
    from observations
    union all
    select 'programme_mention', mention_id, document_id, region_code, sentence
    from mentions

),

final as (

    select
        placed.row_kind,
        placed.row_id,
        placed.document_id,
        placed.region_code,
        case when placed.region_code is null then 'missing' else 'unknown_code' end as problem,
        placed.context,
    from placed
    left join regions on placed.region_code = regions.region_code
    where regions.region_code is null

)

select * from final
