"""Data-quality checks on the warehouse: the catalogue (`loaders/data/checks.yml`), their SQL
(`loaders/checks/sql/<name>.sql`), the GX assets they read (`loaders/checks/assets/`), how GX runs
them (`gx_run`) and where their results are kept (`store`). Entry point: `loaders.quality.run_checks`.

To add a check: an entry in checks.yml (name, family, severity, description), then either a GX column
expectation (`expectation`, `kwargs`) or `sql/<name>.sql` returning `observation_id, detail` for each
failing observation; and a case in tests/test_quality.py that breaks it.
"""
