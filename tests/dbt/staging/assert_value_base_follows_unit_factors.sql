-- value_base = value × factor and unit_base = the factor's base unit, for every written unit in the
-- unit_factors seed (factor an exact decimal or a fraction such as 10000/15). Ranks written with a
-- counting word (第14位, 前15名) are exempt: FACTS.md gives them unit_base `rank`, value as written.
with

observations as (

    select * from {{ ref('stg_corpus__observations') }}

),

unit_factors as (

    select
        unit,
        unit_base,
        case when contains(factor, '/')
            then cast(split_part(factor, '/', 1) as double) / cast(split_part(factor, '/', 2) as double)
            else cast(factor as double)
        end as factor_value,
    from {{ ref('unit_factors') }}

),

converted as (

    select
        observations.observation_id,
        observations.value,
        observations.unit,
        observations.value_base,
        observations.unit_base,
        unit_factors.unit_base as expected_unit_base,
        observations.value * unit_factors.factor_value as expected_value_base,
    from observations
    inner join unit_factors on observations.unit = unit_factors.unit
    where not (observations.unit_base = 'rank' and observations.measure in ('rank', 'difference'))

)

select *
from converted
where unit_base <> expected_unit_base
    or abs(value_base - expected_value_base) > 1e-9 * greatest(abs(expected_value_base), 1)
