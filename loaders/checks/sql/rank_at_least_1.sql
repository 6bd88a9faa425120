-- A rank is a whole number ≥ 1 (unit_base rank), or a percentile rank in (0, 100] (前45%: unit_base %).
with

obs as (select * from {batch}),

final as (

    select
        observation_id,
        'rank ' || coalesce(value_base::varchar, 'null') || ' ' || coalesce(unit_base, 'null') as detail,
    from obs
    where measure = 'rank'
        and not coalesce(
            (unit_base = 'rank' and value_base >= 1 and value_base = trunc(value_base))
            or (unit_base = '%' and value_base > 0 and value_base <= 100),
            false)

)

select * from final
