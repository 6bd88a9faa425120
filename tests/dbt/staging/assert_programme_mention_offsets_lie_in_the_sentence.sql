-- char_start/char_end of every programme mention lie inside its document's body, and the text there
-- occurs in the mention's sentence: the offsets locate the mention.
with

mentions as (

    select * from {{ ref('stg_corpus__programme_mentions') }}

),

documents as (

    select * from {{ ref('stg_corpus__documents') }}

),

quoted as (

    select
        mentions.mention_id,
        mentions.document_id,
        mentions.char_start,
        mentions.char_end,
        length(documents.body) as body_chars,
        substr(documents.body, mentions.char_start + 1, mentions.char_end - mentions.char_start) as quoted_text,
        mentions.sentence,
    from mentions
    inner join documents on mentions.document_id = documents.document_id

)

select *
from quoted
where char_start < 0
    or char_end <= char_start
    or char_end > body_chars
    or strpos(sentence, quoted_text) = 0
