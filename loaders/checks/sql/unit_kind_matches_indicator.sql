-- Every level figure of a catalogued indicator is the same kind of quantity as the indicator: money for
-- money, a count for a count, an area for an area (kinds from the unit table). 技术交易额 in 家 fails; a
-- count in another classifier (团队 21个 for an indicator counted in 支) is left to unit_base_matches_indicator.
-- A multiple (倍: 是上年的1.2倍) compares the figure with another of its own kind and has no kind of its own.
with

obs as (select * from {batch}),

kinds as (

    select unit_base, min(kind) as kind
    from reference.unit_factors
    group by unit_base

),

final as (

    select
        obs.observation_id,
        obs.indicator_code || ' is a ' || indicator_kinds.kind || ' (' || indicators.unit_base || '), this figure a '
            || figure_kinds.kind || ' (' || obs.unit_base || ')' as detail,
    from obs
    inner join marts.dim_indicator as indicators on indicators.indicator_code = obs.indicator_code
    inner join kinds as indicator_kinds on indicator_kinds.unit_base = indicators.unit_base
    inner join kinds as figure_kinds on figure_kinds.unit_base = obs.unit_base
    where obs.measure = 'level'
        and figure_kinds.kind <> indicator_kinds.kind
        and figure_kinds.kind <> 'multiple'

)

select * from final
