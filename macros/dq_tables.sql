{#- The tables where loaders.quality keeps the data-quality results (see loaders/checks/store.py, whose
    DQ_DDL is the same DDL: tests/test_quality.py compares the two). Created empty when missing, so that
    marts.review_quality_flags can be built before the checks have ever run: it is that model's pre-hook
    (it could as well be dbt_project.yml's `on-run-start: ["{{ create_dq_tables() }}"]`).
-#}
{% macro create_dq_tables() -%}
create schema if not exists marts;
create table if not exists marts.dq_results (run_id varchar, run_at timestamp, check_name varchar, family varchar, severity varchar, success boolean, n_failing integer, error varchar, description varchar);
create table if not exists marts.dq_failing_observations (run_id varchar, check_name varchar, observation_id varchar, detail varchar);
{%- endmacro %}
