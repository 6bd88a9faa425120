-- An actual stock (累计/目前/共有) cannot be as of a date after its document was published: 截至目前 in
-- a report of July 2020 is as of July 2020, not 31 December 2020. Warns: the as-of date is then
-- merely imprecise, the figure and its year are still right.
{{ config(severity='warn') }}

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
    observations.period_end,
    documents.published_on,
    observations.sentence,
from observations
inner join documents on observations.document_id = documents.document_id
where observations.status = 'actual'
    and observations.period_start is null
    and observations.period_end > documents.published_on
