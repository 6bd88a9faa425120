"""The `raw` schema: DDL and column order of the landed tables."""
from __future__ import annotations

RAW_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "documents": (
        ("document_id", "varchar primary key"), ("source_file", "varchar"), ("sha256", "varchar"),
        ("body", "varchar"), ("title", "varchar"), ("publisher", "varchar"), ("region_code", "varchar"),
        ("published_on", "date"), ("published_precision", "varchar"), ("source_url", "varchar"),
        ("notes", "varchar"), ("source_format", "varchar"), ("extractor_version", "varchar"),
        ("change_key", "varchar"),
    ),
    "observations": (
        ("observation_id", "varchar primary key"), ("document_id", "varchar"), ("region_code", "varchar"),
        ("subject", "varchar"), ("indicator_code", "varchar"), ("indicator_phrase", "varchar"),
        ("measure", "varchar"), ("status", "varchar"), ("period_year", "integer"), ("period_start", "date"),
        ("period_end", "date"), ("is_cumulative", "boolean"), ("qualifier", "varchar"), ("value", "double"),
        ("unit", "varchar"), ("value_base", "double"), ("unit_base", "varchar"), ("rank_scope", "varchar"),
        ("sentence", "varchar"), ("char_start", "integer"), ("char_end", "integer"),
    ),
    "programme_mentions": (
        ("mention_id", "varchar primary key"), ("document_id", "varchar"), ("name_zh", "varchar"),
        ("programme_type", "varchar"), ("region_code", "varchar"), ("sentence", "varchar"),
        ("char_start", "integer"), ("char_end", "integer"),
    ),
    "rejected_documents": (("source_file", "varchar"), ("problem", "varchar"), ("reason", "varchar")),
}

RAW_TABLES: dict[str, list[str]] = {t: [c for c, _ in cols] for t, cols in RAW_COLUMNS.items()}

RAW_DDL: list[str] = ["create schema if not exists raw"] + [
    f"create table if not exists raw.{table} ({', '.join(f'{c} {t}' for c, t in cols)})"
    for table, cols in RAW_COLUMNS.items()
]
