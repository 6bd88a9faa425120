-- review_conflicts holds exactly the indicator-years with has_conflict, each with its kept statement
-- marked once and at least two comparable statements.
with

indicator_years as (

    select * from {{ ref('fct_indicator_year') }}

),

review as (

    select * from {{ ref('review_conflicts') }}

),

listed as (

    select
        indicator_year_id,
        count(*) filter (where is_chosen) as n_chosen,
        count(*) filter (where is_comparable) as n_comparable,
    from review
    group by indicator_year_id

),

conflicting as (

    select indicator_year_id from indicator_years where has_conflict

)

select coalesce(conflicting.indicator_year_id, listed.indicator_year_id) as indicator_year_id, listed.n_chosen, listed.n_comparable
from conflicting
full outer join listed on conflicting.indicator_year_id = listed.indicator_year_id
where conflicting.indicator_year_id is null
    or listed.indicator_year_id is null
    or listed.n_chosen <> 1
    or listed.n_comparable < 2
