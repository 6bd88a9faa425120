with

indicators as (

    select * from {{ ref('indicators') }}

),

aliases as (

    select * from {{ ref('indicator_aliases') }}

),

alias_lists as (

    select indicator_code, string_agg(alias, '|' order by alias) as aliases_zh
    from aliases
    group by 1

),

final as (

    select
        indicators.*,
        alias_lists.aliases_zh,

    from indicators
    left join alias_lists using (indicator_code)

)

select * from final
