{#- The id of a programme: the same hash the loaders compute (loaders.records.programme_id). -#}
{% macro programme_id(name_column) -%}
    substr(sha256('programme|' || {{ name_column }}), 1, 16)
{%- endmacro %}
