-- Every catalogued indicator's unit_base is a unit_base of the unit table (seeds/unit_factors.csv).
with

indicators as (select * from {batch}),

unit_bases as (select distinct unit_base from reference.unit_factors),

final as (

    select
        null::varchar as observation_id,
        'indicator ' || indicators.indicator_code || ' has unit_base ' || coalesce(indicators.unit_base, 'null')
            || ', not in unit_factors' as detail,
    from indicators
    left join unit_bases on unit_bases.unit_base = indicators.unit_base
    where unit_bases.unit_base is null

)

select * from final
