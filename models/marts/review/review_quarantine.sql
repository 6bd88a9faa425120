-- Quarantine for review (待复核的隔离记录): every landed row the build held back or loaded with a null,
-- with the document it came from, where in the text, which field, its value, the rule and the reason.
with

quarantine as (

    select * from {{ ref('int_quarantine') }}

),

documents as (

    select * from {{ source('corpus', 'documents') }}

),

final as (

    select
        quarantine.row_kind,
        quarantine.row_id,
        quarantine.document_id,
        documents.source_file,
        quarantine.sentence,
        quarantine.char_start,
        quarantine.char_end,
        quarantine.field_name,
        quarantine.field_value,
        quarantine.rule,
        quarantine.reason,
        quarantine.action,
    from quarantine
    left join documents on quarantine.document_id = documents.document_id

)

select * from final
