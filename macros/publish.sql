{#- on-run-end (dbt_project.yml): publish the build when every node passed.

    dbt writes the build file `<published>.build` (profiles.yml). When a `dbt build` (or `run`) ends with no
    error and no failed test, the build is copied into `<published>.publishing-<invocation>` in storage
    v1.4.0 (readable by DuckDB 1.4+), and kjfacts_publish (loaders.dbt_plugin) renames that copy over the
    published file and swaps in the build's Data Docs. Otherwise nothing is published: the failed tests'
    first rows are printed (for a blocking data-quality check: its name, count and sample) and the
    published file stays as it was. With `--vars '{kjfacts_publish: false}'` (what `python -m loaders check`
    runs, on a private copy) nothing is published either way: the failed tests' rows are still printed.
-#}
{% macro publish_warehouse(results) %}
    {%- if execute and flags.WHICH in ('build', 'run') -%}
        {%- set published = target.path[:-6] -%}
        {%- set failed = [] -%}
        {%- for result in results if result.status in ('error', 'fail', 'runtime error') -%}
            {%- do failed.append(result) -%}
        {%- endfor -%}
        {%- if failed -%}
            {%- for result in failed -%}
                {%- do show_failing_rows(result) -%}
            {%- endfor -%}
            {{ log("kjfacts: " ~ failed | length ~ " failed: " ~ (failed | map(attribute='node.name') | join(', '))
                   ~ "; not published, " ~ published ~ " is unchanged", info=true) }}
        {%- elif not var('kjfacts_publish', true) -%}
            {{ log("kjfacts: every node passed; not published (kjfacts_publish is false)", info=true) }}
        {%- else -%}
            {%- set copy = published ~ '.publishing-' ~ invocation_id -%}
            {%- do run_query("attach '" ~ copy ~ "' as kjfacts_publishing (storage_version 'v1.4.0')") -%}
            {%- do run_query('copy from database "' ~ target.database ~ '" to kjfacts_publishing') -%}
            {%- do run_query("detach kjfacts_publishing") -%}
            {%- do run_query("select kjfacts_publish('" ~ copy ~ "', '" ~ published ~ "')") -%}
            {{ log("kjfacts: published " ~ published, info=true) }}
        {%- endif -%}
    {%- endif -%}
{% endmacro %}

{#- A failed test's first rows (its compiled query again, limit 5), so the failure says what failed. -#}
{% macro show_failing_rows(result, limit=5) %}
    {%- if result.node.resource_type == 'test' and result.node.compiled_code -%}
        {%- set rows = run_query("select * from (" ~ result.node.compiled_code ~ ") limit " ~ limit) -%}
        {{ log("kjfacts: " ~ result.node.name ~ " failed (" ~ result.failures ~ " rows); first rows:", info=true) }}
        {%- for row in rows.rows -%}
            {%- set cells = [] -%}
            {%- for column in rows.column_names -%}
                {%- do cells.append(column ~ '=' ~ row[loop.index0]) -%}
            {%- endfor -%}
            {{ log("kjfacts:   " ~ cells | join(' | '), info=true) }}
        {%- endfor -%}
    {%- endif -%}
{% endmacro %}
