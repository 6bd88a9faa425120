-- char_start/char_end of every stated number lie inside its document's body, quote text that contains
-- a numeral (Arabic or Chinese, or 首 of 首位), and that text occurs in the stated sentence.
with

observations as (

    select * from {{ ref('stg_corpus__observations') }}

),

documents as (

    select * from {{ ref('stg_corpus__documents') }}

),

quoted as (

    select
        observations.observation_id,
        observations.document_id,
        observations.char_start,
        observations.char_end,
        length(documents.body) as body_chars,
        substr(documents.body, observations.char_start + 1, observations.char_end - observations.char_start) as quoted_text,
        observations.sentence,
    from observations
    inner join documents on observations.document_id = documents.document_id

)

select *
from quoted
where char_start < 0
    or char_end <= char_start
    or char_end > body_chars
    or not regexp_matches(quoted_text, '[0-9０-９一二三四五六七八九十百千万亿两零〇首]')
    or strpos(sentence, quoted_text) = 0
