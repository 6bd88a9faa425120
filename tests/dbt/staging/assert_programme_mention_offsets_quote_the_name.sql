-- The text at char_start/char_end of a programme mention is its name, give or take quotes and
-- book-title marks (“1234科创行动” → 1234科创行动, 《打造“创新之城”工作方案》 → 打造创新之城工作方案).
-- Warns: a span that covers a generic suffix the name leaves out (“赛马比拼”评价机制 → 赛马比拼), or
-- the reverse, still locates the mention; assert_programme_mention_offsets_lie_in_the_sentence is the hard check.
{{ config(severity='warn') }}

with

mentions as (

    select * from {{ ref('stg_corpus__programme_mentions') }}

),

quotes as (

    select * from {{ ref('int_span_quotes') }} where span_kind = 'programme_mention'

),

quoted as (

    -- sliced once per body (intermediate.int_span_quotes), not here per row
    select
        mentions.mention_id,
        mentions.document_id,
        mentions.name_zh,
        quotes.quoted_text,
    from mentions
    inner join quotes on quotes.span_id = mentions.mention_id

)

select *
from quoted
where regexp_replace(quoted_text, '[“”"‘’「」『』《》〈〉]', '', 'g')
    <> regexp_replace(name_zh, '[“”"‘’「」『』《》〈〉]', '', 'g')
