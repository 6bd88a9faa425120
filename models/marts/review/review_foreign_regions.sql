-- Observations placed in a region that is neither the document's region nor inside or above it
-- (a county of another city, another province): each is either a true mention of elsewhere
-- (与上海嘉定合作, a national ranking of other cities) or a false region match to fix in
-- loaders/extraction/regions.py or data/region_short_name_stoplist.csv.
with recursive

observations as (

    select * from {{ ref('fct_indicator_observation') }}

),

documents as (

    select * from {{ ref('dim_document') }}

),

regions as (

    select * from {{ ref('dim_region') }}

),

ancestry (region_code, ancestor_code) as (

    select region_code, region_code from regions
    union all
    select ancestry.region_code, regions.parent_code
    from ancestry
    inner join regions on regions.region_code = ancestry.ancestor_code
    where regions.parent_code is not null

),

placed as (

    select
        observations.*,
        documents.region_code as document_region_code,
    from observations
    inner join documents using (document_id)
    where observations.region_code is not null
        and documents.region_code is not null
        and observations.region_code <> documents.region_code

),

foreign_rows as (

    select placed.*
    from placed
    where not exists (
        select 1 from ancestry
        where (ancestry.region_code = placed.region_code and ancestry.ancestor_code = placed.document_region_code)
            or (ancestry.region_code = placed.document_region_code and ancestry.ancestor_code = placed.region_code)
    )

),

provinces as (

    select ancestry.region_code, ancestry.ancestor_code as province_code
    from ancestry
    inner join regions on regions.region_code = ancestry.ancestor_code
    where regions.level = 'province'

),

final as (

    select
        foreign_rows.observation_id,
        foreign_rows.document_id,
        foreign_rows.document_region_code,
        document_region.name_zh as document_region_name_zh,
        foreign_rows.region_code,
        observation_region.name_zh as region_name_zh,
        coalesce(document_province.province_code = observation_province.province_code, false) as same_province,
        foreign_rows.indicator_phrase,
        foreign_rows.measure,
        foreign_rows.value,
        foreign_rows.unit,
        foreign_rows.sentence,
        foreign_rows.char_start,
        foreign_rows.char_end,
    from foreign_rows
    left join regions as document_region on document_region.region_code = foreign_rows.document_region_code
    left join regions as observation_region on observation_region.region_code = foreign_rows.region_code
    left join provinces as document_province on document_province.region_code = foreign_rows.document_region_code
    left join provinces as observation_province on observation_province.region_code = foreign_rows.region_code

)

select * from final
