-- Stocks and flows are decided once: a level observation of a family member (`<stem>_new` / `<stem>_total`,
-- both in the catalogue) is cumulative exactly when its code is the stock (`_total`) member, so that
-- `目前累计培育…12067家` is never a count of new enterprises.
with

observations as (

    select * from {{ ref('fct_indicator_observation') }}

),

indicators as (

    select * from {{ ref('indicators') }}

),

family_members as (

    select members.indicator_code, members.stock_or_flow
    from indicators as members
    inner join indicators as siblings
        on siblings.indicator_code = case
            when members.indicator_code like '%\_new' escape '\'
                then regexp_replace(members.indicator_code, '_new$', '_total')
            when members.indicator_code like '%\_total' escape '\'
                then regexp_replace(members.indicator_code, '_total$', '_new')
        end

)

select
    observations.observation_id,
    observations.document_id,
    observations.indicator_code,
    observations.indicator_phrase,
    observations.is_cumulative,
    observations.sentence,
from observations
inner join family_members using (indicator_code)
where observations.measure = 'level'
    and coalesce(observations.is_cumulative, false) <> (family_members.stock_or_flow = 'stock')
