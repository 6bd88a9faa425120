-- FACTS.md: a stock (is_cumulative: 累计/总数/共有/目前拥有) has period_start null and period_end its
-- as-of date; a flow has both. A mismatch means the stock/flow call or the period is wrong.
-- Warns rather than fails: the extractor's call is a judgement, reviewed, not a broken build.
{{ config(severity='warn') }}

select observation_id, document_id, indicator_phrase, is_cumulative, period_start, period_end, sentence
from {{ ref('stg_corpus__observations') }}
where is_cumulative <> (period_start is null)
