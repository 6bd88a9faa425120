"""Reconciliation across documents, end to end: constructed reports that agree, disagree, plan and report."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from loaders.dbt_runner import run_dbt

MANIFEST = """file,title,publisher,region,published_on,source_url,notes
a_2023_summary.txt,2023年工作总结,某市科技局,嘉兴市,2024-02-20,,
b_2024_news.txt,科技新闻,某市科技局,嘉兴市,2024-06-10,,
c_2023_plan.txt,2023年工作计划,某市科技局,嘉兴市,2023-01-15,,
"""
DOCS = {
    # the summary and a later article disagree on the 2023 count of new high-tech enterprises
    "a_2023_summary.txt": "2023年，全市新增高新技术企业310家，技术交易额达到52.4亿元。",
    "b_2024_news.txt": "去年全市新增高新技术企业326家，技术交易额52.4亿元。",
    "c_2023_plan.txt": "力争2023年全市新增高新技术企业300家，技术交易额达到60亿元。",
}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    corpus = tmp_path_factory.mktemp("reconcile_corpus")
    (corpus / "manifest.csv").write_text(MANIFEST, encoding="utf-8")
    for name, text in DOCS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    path = tmp_path_factory.mktemp("reconcile_wh") / "kjfacts.duckdb"
    run_dbt(["build"], path, quiet=True, corpus=corpus)
    return path


def _one(path: Path, sql: str, params: list | None = None) -> tuple:
    with duckdb.connect(str(path), read_only=True) as con:
        rows = con.execute(sql, params or []).fetchall()
    assert len(rows) == 1, rows
    return rows[0]


def test_disagreeing_documents_are_a_conflict_and_the_most_recent_wins(warehouse: Path) -> None:
    value, n_sources, conflict, chosen = _one(warehouse, """
        select value_base, n_sources, has_conflict, chosen_document_id from marts.fct_indicator_year
        where indicator_code = 'hte_new' and region_code = '330400' and period_year = 2023 and status = 'actual'""")
    assert (value, n_sources, conflict, chosen) == (326.0, 2, True, "b_2024_news")
    n = _one(warehouse, "select count(*) from marts.review_conflicts where indicator_code = 'hte_new'")[0]
    assert n == 2


def test_agreeing_documents_are_not_a_conflict(warehouse: Path) -> None:
    value, n_sources, conflict = _one(warehouse, """
        select value_base, n_sources, has_conflict from marts.fct_indicator_year
        where indicator_code = 'tech_transaction_value' and period_year = 2023 and status = 'actual'""")
    assert (value, n_sources, conflict) == (5_240_000_000.0, 2, False)


def test_targets_meet_their_actuals(warehouse: Path) -> None:
    target, actual, pct = _one(warehouse, """
        select target_value_base, actual_value_base, attainment_pct from marts.fct_target_attainment
        where indicator_code = 'hte_new' and period_year = 2023""")
    assert (target, actual) == (300.0, 326.0)
    assert pct == pytest.approx(108.7, abs=0.05)


def test_no_duplicate_keys(warehouse: Path) -> None:
    dupes = _one(warehouse, """
        select count(*) from (select indicator_code, region_code, period_year, measure, status
        from marts.fct_indicator_year group by all having count(*) > 1)""")[0]
    assert dupes == 0
