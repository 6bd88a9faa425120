-- The offsets of every observation slice its number out of the document body, and nothing else:
-- substr(body, char_start + 1, char_end - char_start) is a numeral as written (1.6, 2,213, ２０; 二, 十四,
-- 二十五; 首 of 首位 = 1) and re-parsed it is the observation's value up to sign (下降14.7% is −14.7).
-- Chinese numerals with 百/千/万/亿 or 零 are only checked to be numerals.
with

observations as (

    select * from {{ ref('fct_indicator_observation') }}

),

quotes as (

    -- sliced once per body (intermediate.int_span_quotes), not here per row
    select * from {{ ref('int_span_quotes') }} where span_kind = 'observation'

),

sliced as (

    select
        observations.observation_id,
        observations.document_id,
        observations.char_start,
        observations.char_end,
        observations.value,
        observations.unit,
        quotes.quoted_text as number_text,
    from observations
    left join quotes on quotes.span_id = observations.observation_id

),

digits as (

    select
        *,
        translate(number_text, '０１２３４５６７８９．，', '0123456789.,') as ascii_text,
        translate(number_text, '一二两三四五六七八九', '1223456789') as small_chinese,
    from sliced

),

parsed as (

    select
        *,
        case
            when regexp_full_match(ascii_text, '[0-9][0-9,]*(\.[0-9]+)?')
                then try_cast(replace(ascii_text, ',', '') as double)
            when number_text = '首' then 1
            when regexp_full_match(small_chinese, '[1-9]')
                then small_chinese::double
            when regexp_full_match(small_chinese, '[1-9]?十[1-9]?')
                then 10 * coalesce(nullif(regexp_extract(small_chinese, '^([1-9]?)十', 1), '')::double, 1)
                    + coalesce(nullif(regexp_extract(small_chinese, '十([1-9]?)$', 1), '')::double, 0)
        end as parsed_value,
        regexp_full_match(number_text, '[零〇一二两三四五六七八九十百千万亿]+') as is_chinese_numeral,
    from digits

)

select *
from parsed
where number_text is null
    or number_text = ''
    or (parsed_value is null and not is_chinese_numeral)
    or abs(parsed_value - abs(value)) > 1e-9 * greatest(abs(value), 1)
