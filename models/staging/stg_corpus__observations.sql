-- depends_on: {{ ref('corpus_load') }}
with

source as (

    select * from {{ source('corpus', 'observations') }}

),

final as (

    select
        observation_id,
        document_id,
        region_code,
        subject,
        indicator_code,
        indicator_phrase,
        measure,
        status,
        period_year,
        period_start,
        period_end,
        is_cumulative,
        qualifier,
        value,
        unit,
        value_base,
        unit_base,
        rank_scope,
        sentence,
        char_start,
        char_end,

    from source

)

select * from final
