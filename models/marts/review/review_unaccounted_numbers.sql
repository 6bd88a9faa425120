-- Numbers of the corpus that no observation, programme name or non-fact reason accounts for
-- (loaders/extraction/accounting.py): what the extractor misses, or what no rule explains yet.
with

numbers as (

    select * from {{ ref('stg_corpus__number_spans') }}

),

documents as (

    select * from {{ ref('stg_corpus__documents') }}

),

quotes as (

    -- the text either side, sliced once per body (intermediate.int_span_quotes), not here per row
    select * from {{ ref('int_span_quotes') }} where span_kind = 'number'

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
        quotes.text_before,
        quotes.text_after,
    from numbers
    inner join documents using (document_id)
    left join quotes on quotes.span_id = numbers.number_id
    where numbers.accounted_as = 'unaccounted'

)

select * from final
