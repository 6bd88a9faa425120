-- value_base = value × the factor of (unit, unit_base) in the unit table; ranks written with a
-- classifier (第14位) × 1. Factors may be fractions ('10000/15' for 亩). Units the table does not
-- list are left to unit_converts_to_unit_base, a missing value_base to value_base_present.
with

obs as (select * from {batch}),

factors as (

    select
        unit,
        unit_base,
        case
            when contains(factor::varchar, '/')
                then split_part(factor::varchar, '/', 1)::double / split_part(factor::varchar, '/', 2)::double
            else factor::varchar::double
        end as factor,
    from reference.unit_factors

),

converted as (

    select
        obs.observation_id,
        obs.value,
        obs.unit,
        obs.value_base,
        obs.unit_base,
        coalesce(factors.factor, case when obs.unit_base = 'rank' then 1 end) as factor,
    from obs
    left join factors on factors.unit = obs.unit and factors.unit_base = obs.unit_base

),

final as (

    select
        observation_id,
        value::varchar || ' ' || unit || ' × ' || factor::varchar || ' is not value_base '
            || value_base::varchar || ' ' || unit_base as detail,
    from converted
    where factor is not null
        and abs(value_base - value * factor) > 1e-9 * greatest(abs(value_base), abs(value * factor), 1)

)

select * from final
