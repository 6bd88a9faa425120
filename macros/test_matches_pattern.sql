{#- Non-null values that do not fully match a regular expression (DuckDB regexp_full_match) fail,
    e.g. `matches_pattern: {arguments: {pattern: '[0-9]{6}'}}` for a GB/T 2260 region code. -#}
{% test matches_pattern(model, column_name, pattern) %}

select {{ column_name }}, count(*) as n_rows
from {{ model }}
where {{ column_name }} is not null
    and not regexp_full_match({{ column_name }}, '{{ pattern | replace("'", "''") }}')
group by {{ column_name }}

{% endtest %}
