-- The corpus's number accounting (FACTS.md section 8, 'every number is accounted for'): one row for the
-- whole corpus and one per document, with the share of numeric spans that are accounted for.
with

numbers as (

    select * from {{ ref('stg_corpus__number_spans') }}

),

documents as (

    select * from {{ ref('stg_corpus__documents') }}

),

scoped as (

    select 'corpus' as scope, null as document_id, numbers.* exclude (document_id) from numbers
    union all
    select 'document' as scope, document_id, numbers.* exclude (document_id) from numbers

),

counted as (

    select
        scope,
        document_id,
        count(*) as n_numbers,
        count(*) filter (where accounted_as = 'observation') as n_observation,
        count(*) filter (where accounted_as = 'programme') as n_programme,
        count(*) filter (where accounted_as = 'non_fact') as n_non_fact,
        count(*) filter (where accounted_as = 'unaccounted') as n_unaccounted,
    from scoped
    group by all

),

final as (

    select
        counted.scope,
        counted.document_id,
        case when counted.scope = 'corpus' then (select count(*) from documents) else 1 end as n_documents,
        counted.n_numbers,
        counted.n_observation,
        counted.n_programme,
        counted.n_non_fact,
        counted.n_unaccounted,
        1.0 - counted.n_unaccounted / counted.n_numbers as share_accounted,
    from counted

)

select * from final
