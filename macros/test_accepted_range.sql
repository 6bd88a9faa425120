{#- Non-null values outside [min_value, max_value] fail (bounds exclusive when inclusive=false). -#}
{% test accepted_range(model, column_name, min_value=none, max_value=none, inclusive=true) %}
{%- if min_value is none and max_value is none -%}
    {{ exceptions.raise_compiler_error("accepted_range on " ~ model ~ "." ~ column_name ~ ": give min_value or max_value") }}
{%- endif -%}
{%- set ge = '>=' if inclusive else '>' -%}
{%- set le = '<=' if inclusive else '<' %}

select *
from {{ model }}
where {{ column_name }} is not null
    and not (
        true
        {%- if min_value is not none %} and {{ column_name }} {{ ge }} {{ min_value }}{% endif %}
        {%- if max_value is not none %} and {{ column_name }} {{ le }} {{ max_value }}{% endif %}
    )

{% endtest %}
