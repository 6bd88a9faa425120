-- Programmes the extractor could not classify (programme_type null or `other`) or place in a known
-- region: candidates for the programme lexicon. One row per programme and problem.
-- Built from staging, not from dim_programme, so that it is there when dim_programme's tests fail.
with

mentions as (

    select * from {{ ref('stg_corpus__programme_mentions') }}

),

regions as (

    select * from {{ ref('regions') }}

),

flagged as (

    select
        mentions.*,
        case
            when mentions.programme_type is null or mentions.programme_type = 'other' then 'unclassified_type'
        end as type_problem,
        case
            when mentions.region_code is null then 'missing_region'
            when regions.region_code is null then 'unknown_region'
        end as region_problem,
    from mentions
    left join regions on mentions.region_code = regions.region_code

),

problems as (

    select *, type_problem as problem from flagged where type_problem is not null
    union all by name
    select *, region_problem as problem from flagged where region_problem is not null

),

final as (

    select
        programme_id,
        problem,
        min(name_zh) as name_zh,
        list(distinct programme_type order by programme_type) as programme_types,
        list(distinct region_code order by region_code) as region_codes,
        count(*) as n_mentions,
        count(distinct document_id) as n_documents,
        min(sentence) as example_sentence,
    from problems
    group by programme_id, problem

)

select * from final
