-- Indicator phrases the catalogue does not (yet) map: add an alias to seeds/indicator_aliases.csv.
with

observations as (

    select * from {{ ref('fct_indicator_observation') }}

),

final as (

    select
        indicator_phrase,
        count(*) as n_observations,
        count(distinct document_id) as n_documents,
        list(distinct unit_base order by unit_base) as unit_bases,
        any_value(sentence) as example_sentence,

    from observations
    where indicator_code is null
    group by indicator_phrase

)

select * from final
