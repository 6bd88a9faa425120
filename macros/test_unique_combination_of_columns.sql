{#- Combinations of the given columns that occur more than once fail; nulls count as values
    (two rows that are both null in a key column are duplicates). -#}
{% test unique_combination_of_columns(model, combination_of_columns) %}
{%- if combination_of_columns | length == 0 -%}
    {{ exceptions.raise_compiler_error("unique_combination_of_columns on " ~ model ~ ": combination_of_columns is empty") }}
{%- endif -%}
{%- set columns_csv = combination_of_columns | join(', ') %}

select {{ columns_csv }}, count(*) as n_rows
from {{ model }}
group by {{ columns_csv }}
having count(*) > 1

{% endtest %}
