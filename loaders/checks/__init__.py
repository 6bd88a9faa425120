"""Data-quality checks on the warehouse: the catalogue (`loaders/data/checks.yml`), their SQL
(`loaders/checks/sql/<name>.sql`), the GX assets they read (`loaders/checks/assets/`) and how GX runs
them inside DuckDB (`gx_run`). Entry points: `loaders.quality.run_checks` (GX: counts and bounded samples)
and `loaders.quality.failing_rows_sql` (every failing row, for the flags); inside `dbt build` the models
marts.dq_run and marts.dq_observation_flags call them.

To add a check: an entry in checks.yml (name, family, severity, description) and `sql/<name>.sql`
returning `observation_id, detail` for each failing observation; and a case in tests/test_quality.py
that breaks it. A check of one column's keys or vocabulary belongs in the models' yml (a dbt test).
"""
