-- depends_on: {{ ref('corpus_load') }}
with

source as (

    select * from {{ source('corpus', 'observations') }}

),

held_back as (

    -- rows whose data cannot be taken as it stands: listed with their reasons in marts.review_quarantine
    select row_id from {{ ref('int_quarantine') }}
    where row_kind = 'observation' and action = 'held_back'

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
    where not exists (select 1 from held_back where held_back.row_id = source.observation_id)

)

select * from final
