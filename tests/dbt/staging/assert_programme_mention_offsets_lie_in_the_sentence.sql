-- char_start/char_end of every programme mention lie inside its document's body, and the text there
-- occurs in the mention's sentence: the offsets locate the mention.
-- The quoted text is sliced once per body (intermediate.int_span_quotes), not here per row.
with

mentions as (

    select * from {{ ref('stg_corpus__programme_mentions') }}

),

quotes as (

    select * from {{ ref('int_span_quotes') }} where span_kind = 'programme_mention'

),

quoted as (

    select
        mentions.mention_id,
        mentions.document_id,
        mentions.char_start,
        mentions.char_end,
        quotes.body_chars,
        quotes.quoted_text,
        mentions.sentence,
    from mentions
    left join quotes on quotes.span_id = mentions.mention_id

)

select *
from quoted
where char_start < 0
    or char_end <= char_start
    or body_chars is null
    or char_end > body_chars
    or quoted_text is null
    or strpos(sentence, quoted_text) = 0
