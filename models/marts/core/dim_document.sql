with

documents as (

    select * from {{ ref('stg_corpus__documents') }}

),

observations as (

    select * from {{ ref('stg_corpus__observations') }}

),

counts as (

    select document_id, count(*) as n_observations
    from observations
    group by 1

),

final as (

    select
        documents.*,
        coalesce(counts.n_observations, 0) as n_observations,

    from documents
    left join counts using (document_id)

)

select * from final
