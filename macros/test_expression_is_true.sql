{#- Rows for which a boolean SQL expression is not true (false or null) fail.
    Model level: `expression_is_true: {arguments: {expression: "min_value_base <= value_base"}}`;
    column level, the column is put in front: `{arguments: {expression: ">= 0"}}`. -#}
{% test expression_is_true(model, expression, column_name=none) %}

select *
from {{ model }}
where not coalesce(({{ column_name ~ ' ' if column_name is not none else '' }}{{ expression }}), false)

{% endtest %}
