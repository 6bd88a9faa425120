-- depends_on: {{ ref('corpus_load') }}
with

source as (

    select * from {{ source('corpus', 'documents') }}

),

regions as (

    select * from {{ ref('regions') }}

),

final as (

    select
        document_id,
        title,
        publisher,
        -- a code outside the region seed loads as null (listed in marts.review_quarantine)
        case when region_code in (select region_code from regions) then region_code end as region_code,
        published_on,
        published_precision,
        source_file,
        source_format,
        source_url,
        notes,
        sha256,
        body,
        length(body) as body_chars,
        extractor_version,

    from source

)

select * from final
