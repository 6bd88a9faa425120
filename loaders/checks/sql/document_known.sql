-- document_id is a document of dim_document.
with

obs as (select * from {batch}),

final as (

    select
        obs.observation_id,
        'document_id ' || coalesce(obs.document_id, 'null') || ' is not in dim_document' as detail,
    from obs
    left join marts.dim_document as documents on documents.document_id = obs.document_id
    where documents.document_id is null

)

select * from final
