-- Region-wide observations of a catalogued indicator, ranked within their
-- indicator × region × year × measure × status: the most recent document first, then the more
-- specific statement (an exact figure over an approximate one, a full year over part of one).
with

observations as (

    select * from {{ ref('stg_corpus__observations') }}

),

documents as (

    select * from {{ ref('stg_corpus__documents') }}

),

candidates as (

    select
        observations.*,
        documents.published_on,
        case when observations.qualifier = 'exact' then 0 else 1 end as vagueness,
        case when observations.period_start is not null
            and observations.period_end < make_date(observations.period_year, 12, 31) then 1 else 0 end as partial_year,
    from observations
    inner join documents using (document_id)
    where observations.indicator_code is not null
        and observations.subject is null
        and observations.period_year is not null

),

final as (

    select
        *,
        row_number() over (
            partition by indicator_code, region_code, period_year, measure, status
            order by published_on desc nulls last, vagueness, partial_year, document_id, char_start
        ) as preference,
        count(*) over (partition by indicator_code, region_code, period_year, measure, status) as n_candidates,
    from candidates

)

select * from final
