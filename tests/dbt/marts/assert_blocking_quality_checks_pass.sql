-- depends_on: {{ ref('dq_results') }}
-- Every blocking data-quality check (loaders/data/checks.yml, severity blocking) passed in this build's run.
-- A row here names a failed check, how many observations failed it and a sample of them: `dbt build` fails
-- and the published warehouse is left as it was (macros/publish.sql prints these rows).
select
    check_name,
    n_failing,
    error,
    sample,
from {{ ref('dq_run') }}
where severity = 'blocking' and not success
