-- Asset `observations`: every column of staging.stg_corpus__observations (the observations before their
-- flags are joined in marts.fct_indicator_observation), plus the interval
-- [value_base_lo, value_base_hi] the written figure allows, for comparing figures with each other:
--   rounding  half a unit of the last written digit (1.6亿元 → ±0.05亿元 = ±5,000,000 CNY; 40% → ±0.5%),
--             none for a whole count in its own classifier (550家 is 550: a count is not rounded);
--   exact     value_base ± rounding
--   approx    (约、左右、预计) ± approx_pct % as well
--   more_than (超、逾、以上、多) value_base .. +∞
--   nearly    (近、将近) value_base − approx_pct % .. value_base
--   less_than (不到、以下) −∞ .. value_base
-- (GX wants a query asset to start with SELECT: subqueries, not CTEs.)
select
    * exclude (written_decimals, rounding, approx_slack, kind),
    case qualifier
        when 'approx' then value_base - rounding - approx_slack
        when 'nearly' then value_base - rounding - approx_slack
        when 'more_than' then value_base
        when 'less_than' then '-infinity'::double
        else value_base - rounding
    end as value_base_lo,
    case qualifier
        when 'approx' then value_base + rounding + approx_slack
        when 'nearly' then value_base + rounding
        when 'more_than' then 'infinity'::double
        when 'less_than' then value_base + rounding
        else value_base + rounding
    end as value_base_hi,
from (
    select
        *,
        case
            when value is null or value = 0 or value_base is null then 0
            when written_decimals = 0 and value_base = value and kind = 'count' then 0
            else 0.5 * pow(10, -written_decimals) * abs(value_base / value)
        end as rounding,
        ${approx_pct} / 100.0 * abs(value_base) as approx_slack,
    from (
        select
            *,
            case
                when value is null or value = trunc(value) or value::varchar like '%e%' then 0
                else length(split_part(value::varchar, '.', 2))
            end as written_decimals,
        from staging.stg_corpus__observations
    ) as observations
    left join (
        select unit_base, min(kind) as kind from reference.unit_factors group by unit_base
    ) as kinds using (unit_base)
) as written
