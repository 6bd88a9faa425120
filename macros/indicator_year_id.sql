{% macro indicator_year_id(rel) -%}
    substr(sha256(concat_ws('|', {{ rel }}.indicator_code, {{ rel }}.region_code, {{ rel }}.period_year,
        {{ rel }}.measure, {{ rel }}.status)), 1, 16)
{%- endmacro %}
