-- depends_on: {{ ref('corpus_load') }}
with

source as (

    select * from {{ source('corpus', 'documents') }}

),

final as (

    select
        document_id,
        title,
        publisher,
        region_code,
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
