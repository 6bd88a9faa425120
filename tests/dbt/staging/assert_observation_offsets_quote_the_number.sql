-- char_start/char_end of every stated number lie inside its document's body, quote text that contains
-- a numeral (Arabic or Chinese, or 首 of 首位), and that text occurs in the stated sentence.
-- The quoted text is sliced once per body (intermediate.int_span_quotes), not here per row.
with

observations as (

    select * from {{ ref('stg_corpus__observations') }}

),

quotes as (

    select * from {{ ref('int_span_quotes') }} where span_kind = 'observation'

),

quoted as (

    select
        observations.observation_id,
        observations.document_id,
        observations.char_start,
        observations.char_end,
        quotes.body_chars,
        quotes.quoted_text,
        observations.sentence,
    from observations
    left join quotes on quotes.span_id = observations.observation_id

)

select *
from quoted
where char_start < 0
    or char_end <= char_start
    or body_chars is null
    or char_end > body_chars
    or quoted_text is null
    or not regexp_matches(quoted_text, '[0-9０-９一二三四五六七八九十百千万亿两零〇首]')
    or strpos(sentence, quoted_text) = 0
