-- A period lies in its period_year and runs forwards; an actual flow is not about a period that had
-- not yet begun when the document was published.
with

observations as (

    select * from {{ ref('stg_corpus__observations') }}

),

documents as (

    select * from {{ ref('stg_corpus__documents') }}

)

select
    observations.observation_id,
    observations.document_id,
    observations.status,
    observations.period_year,
    observations.period_start,
    observations.period_end,
    documents.published_on,
    observations.sentence,
from observations
inner join documents on observations.document_id = documents.document_id
where observations.period_end is null
    or year(observations.period_end) <> observations.period_year
    or observations.period_start > observations.period_end
    or (observations.status = 'actual'
        and observations.period_start > documents.published_on)
