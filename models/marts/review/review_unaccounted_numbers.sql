-- Numbers of the corpus that no observation, programme name or non-fact reason accounts for
-- (loaders/extraction/accounting.py): what the extractor misses, or what no rule explains yet.
with

numbers as (

    select * from {{ ref('stg_corpus__number_spans') }}

),

documents as (

    select * from {{ ref('stg_corpus__documents') }}

),

final as (

    select
        numbers.number_id,
        numbers.document_id,
        documents.title,
        numbers.sentence,
        numbers.char_start,
        numbers.char_end,
        numbers.number_text,
        substr(documents.body, greatest(numbers.char_start - 11, 1), least(numbers.char_start, 10)) as text_before,
        substr(documents.body, numbers.char_end + 1, 10) as text_after,
    from numbers
    inner join documents using (document_id)
    where numbers.accounted_as = 'unaccounted'

)

select * from final
