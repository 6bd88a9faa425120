-- period_end falls in period_year (a flow's period, a stock's as-of date, a target's year), and
-- period_start is not after period_end.
with

obs as (select * from {batch}),

final as (

    select
        observation_id,
        'period ' || coalesce(period_start::varchar, '…') || '..' || coalesce(period_end::varchar, '…')
            || ' for period_year ' || coalesce(period_year::varchar, 'null') as detail,
    from obs
    where year(period_end) <> period_year
        or period_start > period_end

)

select * from final
