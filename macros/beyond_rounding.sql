{#- Two statements of one figure disagree when they differ by more than 1% of the larger
    (2213 vs 2213.0 agree; 550 vs 524 do not). -#}
{% macro beyond_rounding(low, high) -%}
    (abs({{ high }} - {{ low }}) > 0.01 * greatest(abs({{ high }}), abs({{ low }})))
{%- endmacro %}
