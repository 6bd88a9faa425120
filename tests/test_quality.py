"""Data-quality checks (loaders.quality, loaders/data/checks.yml): clean data passes every check, and for
every check a violating row makes exactly that check fail on that row, with a count and a bounded sample;
the same SQL lists every failing row for the flags.

The test warehouse is built here from the seeds (units, indicators, regions) and a few short documents whose
figures follow the corpus' patterns; value_base is computed with loaders.extraction.units, offsets by locating the
number in the body.
"""
from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from loaders import quality
from loaders.checks.catalogue import (ASSETS_DIR, SQL_DIR, CatalogueError, load_catalogue, read_catalogue,
                                      render_sql, table_select)
from loaders.config import DATA_DIR, PROJECT_ROOT, SEEDS_DIR
from loaders.extraction.units import UnknownUnitError, to_base

WENZHOU, RUIAN, ZHEJIANG = "330300", "330381", "330000"
ZONE = "温州国家自主创新示范区"
FINANCE_MODEL = "科创指数融资模式"

DOCUMENTS = {
    "d2019": (WENZHOU, "2019年，全市新增高新技术企业550家，其中自创区新增高新技术企业305家，占全市的55.5%。"
                       "全市高新技术企业累计达到2000家。引进招商引资项目9个，其中进入孵化中心、科创园项目4个，"
                       "新增用地、新增投入项目3个。中国眼谷、中国基因药谷新入驻企业分别为20家、25家，共45家。"
                       "高新技术产业增加值630.4亿元、增长7.7%，占规上工业增加值的56.83%。"
                       "创新指数排名全省第2位。创投投资分别完成年度任务的199.7%。"),
    "d2018": (WENZHOU, "截至2018年底，全市高新技术企业累计达到1500家。"),
    "ruian": (RUIAN, "2019年瑞安新增高新技术企业120家，约占全市两成。两地新入驻企业共计45家，分别为20家、25家。"),
    "loans": (WENZHOU, "率先首创科创指数融资模式，共对全市1668家企业授信15.12亿元，已发放贷款959家、7.85亿元。"),
}


@dataclass(frozen=True)
class Fact:
    observation_id: str
    document_id: str
    evidence: str  # a piece of the body holding the number
    number: str  # the number's text within `evidence`
    value: float
    unit: str
    indicator_code: str | None
    measure: str = "level"
    year: int = 2019
    region_code: str = WENZHOU
    subject: str | None = None
    status: str = "actual"
    is_cumulative: bool = False
    qualifier: str = "exact"
    unit_base: str | None = None  # when the unit table gives another (位 as a rank)
    rank_scope: str | None = None


FACTS = (
    Fact("hte_new_city", "d2019", "新增高新技术企业550家", "550", 550, "家", "hte_new"),
    Fact("hte_new_zone", "d2019", "自创区新增高新技术企业305家", "305", 305, "家", "hte_new", subject=ZONE),
    Fact("hte_new_zone_share", "d2019", "占全市的55.5%", "55.5", 55.5, "%", "hte_new", measure="share", subject=ZONE),
    Fact("hte_total_2019", "d2019", "累计达到2000家", "2000", 2000, "家", "hte_total", is_cumulative=True),
    Fact("hte_total_2018", "d2018", "累计达到1500家", "1500", 1500, "家", "hte_total", year=2018, is_cumulative=True),
    Fact("projects", "d2019", "引进招商引资项目9个", "9", 9, "个", None),
    Fact("projects_incubator", "d2019", "科创园项目4个", "4", 4, "个", None),
    Fact("projects_land", "d2019", "新增投入项目3个", "3", 3, "个", None),
    Fact("settled_eye", "d2019", "分别为20家", "20", 20, "家", "settled_enterprises_new", subject="中国眼谷"),
    Fact("settled_gene", "d2019", "20家、25家", "25", 25, "家", "settled_enterprises_new", subject="中国基因药谷"),
    Fact("settled_both", "d2019", "共45家", "45", 45, "家", "settled_enterprises_new"),
    Fact("hi_tech_va", "d2019", "增加值630.4亿元", "630.4", 630.4, "亿元", "hi_tech_industry_va"),
    Fact("hi_tech_va_growth", "d2019", "增长7.7%", "7.7", 7.7, "%", "hi_tech_industry_va", measure="growth"),
    Fact("hi_tech_va_share", "d2019", "的56.83%", "56.83", 56.83, "%", "hi_tech_industry_va_share", measure="share"),
    Fact("innovation_rank", "d2019", "全省第2位", "2", 2, "位", "innovation_index_rank", measure="rank",
         unit_base="rank", rank_scope="全省"),
    Fact("vc_completion", "d2019", "任务的199.7%", "199.7", 199.7, "%", None, measure="completion"),
    Fact("hte_new_ruian", "ruian", "新增高新技术企业120家", "120", 120, "家", "hte_new", region_code=RUIAN),
    Fact("settled_r1", "ruian", "分别为20家", "20", 20, "家", "settled_enterprises_new", region_code=RUIAN),
    Fact("settled_r2", "ruian", "20家、25家", "25", 25, "家", "settled_enterprises_new", region_code=RUIAN),
    Fact("settled_r_both", "ruian", "共计45家", "45", 45, "家", "settled_enterprises_new", region_code=RUIAN),
    Fact("credit_firms", "loans", "1668家企业", "1668", 1668, "家", "st_credit_enterprises", subject=FINANCE_MODEL),
    Fact("credit_amount", "loans", "授信15.12亿元", "15.12", 15.12, "亿元", "st_credit_amount", subject=FINANCE_MODEL),
    Fact("loan_firms", "loans", "贷款959家", "959", 959, "家", "st_loan_enterprises", subject=FINANCE_MODEL),
    Fact("loan_amount", "loans", "7.85亿元", "7.85", 7.85, "亿元", "st_loans_issued", subject=FINANCE_MODEL),
)

OBS = "staging.stg_corpus__observations"
OBSERVATION_COLUMNS = (
    "observation_id varchar", "document_id varchar", "region_code varchar", "subject varchar",
    "indicator_code varchar", "indicator_phrase varchar", "measure varchar", "status varchar", "period_year integer",
    "period_start date", "period_end date", "is_cumulative boolean", "qualifier varchar", "value double",
    "unit varchar", "value_base double", "unit_base varchar", "rank_scope varchar", "sentence varchar",
    "char_start integer", "char_end integer",
)


def observation_row(fact: Fact, documents: dict[str, tuple[str, str]]) -> tuple:
    body = documents[fact.document_id][1]
    start = body.index(fact.evidence) + fact.evidence.index(fact.number)
    sentence_start = body.rfind("。", 0, start) + 1
    sentence = body[sentence_start:body.index("。", start) + 1]
    try:
        value_base, unit_base = to_base(fact.value, fact.unit)
    except UnknownUnitError:
        value_base, unit_base = fact.value, fact.unit
    stock = fact.is_cumulative or fact.measure == "rank"
    period_start = None if stock else date(fact.year, 1, 1)
    return (fact.observation_id, fact.document_id, fact.region_code, fact.subject, fact.indicator_code,
            fact.evidence, fact.measure, fact.status, fact.year, period_start, date(fact.year, 12, 31),
            fact.is_cumulative, fact.qualifier, fact.value, fact.unit, value_base, fact.unit_base or unit_base,
            fact.rank_scope, sentence, start, start + len(fact.number))


def build_warehouse(path: Path, facts: tuple[Fact, ...] = FACTS,
                    documents: dict[str, tuple[str, str]] | None = None) -> Path:
    """A warehouse with the tables the checks read (the staged observations, the dimensions, the unit table),
    loaded from the seeds, `documents` and `facts`; marts.fct_indicator_observation a view of the observations."""
    documents = documents or DOCUMENTS
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts; create schema reference; create schema staging")
        con.execute(f"create table reference.unit_factors as select * from read_csv('{SEEDS_DIR / 'unit_factors.csv'}', all_varchar = true)")
        con.execute(f"create table marts.dim_indicator as select * from read_csv('{SEEDS_DIR / 'indicators.csv'}')")
        con.execute(f"create table marts.dim_region as select region_code, name_zh, level, nullif(parent_code, '') as parent_code "
                    f"from read_csv('{SEEDS_DIR / 'regions.csv'}', all_varchar = true)")
        con.execute("create table marts.dim_document (document_id varchar, region_code varchar, body varchar)")
        con.executemany("insert into marts.dim_document values (?, ?, ?)",
                        [(doc, region, body) for doc, (region, body) in documents.items()])
        con.execute(f"create table {OBS} ({', '.join(OBSERVATION_COLUMNS)})")
        con.executemany(f"insert into {OBS} values ({', '.join('?' * len(OBSERVATION_COLUMNS))})",
                        [observation_row(f, documents) for f in facts])
        con.execute(f"create view marts.fct_indicator_observation as select * from {OBS}")
        quality.materialize_assets(con)  # as the model intermediate.int_dq_observations does in dbt build
    return path


def run_checks(path: Path, **kwargs) -> quality.QualityReport:
    with duckdb.connect(str(path)) as con:
        return quality.run_checks(con, **kwargs)


def failing_rows(path: Path, checks: list[str] | None = None) -> list[tuple]:
    """Every failing row, by the checks' SQL alone (as marts.dq_observation_flags computes them)."""
    with duckdb.connect(str(path)) as con:
        return con.execute(f"select * from ({quality.failing_rows_sql(quality.selected_checks(checks))}) "
                           "order by all").fetchall()


@pytest.fixture(scope="module")
def clean_report(tmp_path_factory) -> quality.QualityReport:
    path = build_warehouse(tmp_path_factory.mktemp("clean") / "kjfacts.duckdb")
    return run_checks(path)


# --- injections: each breaks one check ---------------------------------------------------------------

BY_ID = {f.observation_id: f for f in FACTS}


def changed(observation_id: str, **fields) -> Fact:
    return replace(BY_ID[observation_id], **fields)


@dataclass(frozen=True)
class Injection:
    check: str
    why: str
    facts: tuple[Fact, ...] = ()  # replace the fact with the same id, or add
    documents: tuple[tuple[str, str, str], ...] = ()  # (document_id, region_code, body) to add
    sql: tuple[str, ...] = ()  # statements run on the built warehouse
    flagged: tuple[str, ...] = ()  # observations the check must flag (none for the dimension checks)
    also: tuple[str, ...] = ()  # other checks the same violation breaks by necessity

    def build(self, path: Path) -> Path:
        return build_variant(path, self.facts, self.documents, self.sql)


def build_variant(path: Path, facts: tuple[Fact, ...] = (), documents: tuple[tuple[str, str, str], ...] = (),
                  sql: tuple[str, ...] = ()) -> Path:
    """The clean warehouse with `facts` replacing (same id) or added to FACTS, more documents, then `sql` run."""
    merged = {f.observation_id: f for f in FACTS} | {f.observation_id: f for f in facts}
    build_warehouse(path, tuple(merged.values()), dict(DOCUMENTS) | {doc: (region, body) for doc, region, body in documents})
    with duckdb.connect(str(path)) as con:
        for statement in sql:
            con.execute(statement)
        quality.materialize_assets(con)
    return path


LAB_DOC = ("lab", WENZHOU, "2019年瓯江实验室新增高新技术企业600家。")
YUEQING_DOC = ("yueqing", "330382", "2019年乐清新增高新技术企业300家，累计达到250家。")
TECH_DOC = ("tech", WENZHOU, "2019年全市登记技术合同200项，其中浙南科技城登记80项，占全市比重为40%。")
TECH_FACTS = (
    Fact("contracts_city", "tech", "登记技术合同200项", "200", 200, "项", "tech_contracts_registered"),
    Fact("contracts_park", "tech", "登记80项", "80", 80, "项", "tech_contracts_registered", subject="浙南科技城"),
    Fact("contracts_park_share", "tech", "比重为40%", "40", 40, "%", "tech_contracts_registered", measure="share",
         subject="浙南科技城"),
)
LABS_DOC = ("labs", WENZHOU, "2019年新增省级以上研发机构12家，其中国家级研发机构2家、省级研发机构10家。")
LABS_FACTS = (
    Fact("labs_total", "labs", "研发机构12家", "12", 12, "家", None),
    Fact("labs_national", "labs", "国家级研发机构2家", "2", 2, "家", None),
    Fact("labs_prov", "labs", "省级研发机构10家", "10", 10, "家", None),
)
EYE_DOCS = (("eye2019", WENZHOU, "中国眼谷累计入驻项目30个。"), ("eye2018", WENZHOU, "中国眼谷累计入驻项目25个。"))
EYE_FACTS = (
    Fact("eye_2019", "eye2019", "累计入驻项目30个", "30", 30, "个", "settled_projects", subject="中国眼谷",
         is_cumulative=True),
    Fact("eye_2018", "eye2018", "累计入驻项目25个", "25", 25, "个", "settled_projects", subject="中国眼谷",
         is_cumulative=True, year=2018),
)

INJECTIONS = (
    Injection("unit_base_matches_indicator", "enterprises counted in 个",
              (changed("loan_firms", unit="个"),), flagged=("loan_firms",)),
    Injection("unit_kind_matches_indicator", "enterprises counted in 万元",
              (changed("loan_firms", unit="万元"),), flagged=("loan_firms",), also=("unit_base_matches_indicator",)),
    Injection("level_not_negative", "a negative count", (changed("projects_land", value=-3),), flagged=("projects_land",)),
    Injection("share_within_0_100", "a share of 156.83%", (changed("hi_tech_va_share", value=156.83),),
              flagged=("hi_tech_va_share",)),
    Injection("growth_above_minus_100", "a fall of 107.7%", (changed("hi_tech_va_growth", value=-107.7),),
              flagged=("hi_tech_va_growth",)),
    Injection("completion_not_negative", "a completion of −5%", (changed("vc_completion", value=-5),),
              flagged=("vc_completion",)),
    Injection("rank_at_least_1", "rank 0", (changed("innovation_rank", value=0),), flagged=("innovation_rank",)),
    Injection("rank_at_least_1", "rank 2.5", (changed("innovation_rank", value=2.5),), flagged=("innovation_rank",)),
    Injection("rank_at_least_1", "a percentile rank of 120%", (changed("innovation_rank", value=120, unit="前%", unit_base=None),),
              flagged=("innovation_rank",)),
    Injection("region_within_ancestor", "a county above its prefecture", (changed("hte_new_ruian", value=600),),
              flagged=("hte_new_ruian", "hte_new_city")),
    Injection("region_within_ancestor", "a county above its province",
              (changed("hte_new_ruian", value=600), Fact("hte_new_zj", "d2018", "1500", "1500", 500, "家", "hte_new",
                                                          region_code=ZHEJIANG)),
              flagged=("hte_new_zj",)),
    Injection("subject_within_region", "a lab above its city", (Fact("hte_new_lab", "lab", "企业600家", "600", 600, "家",
                                                                    "hte_new", subject="瓯江实验室"),),
              documents=(LAB_DOC,), flagged=("hte_new_lab", "hte_new_city")),
    Injection("subset_within_whole", "loans issued above credit granted", (changed("loan_amount", value=17.85),),
              flagged=("loan_amount", "credit_amount")),
    Injection("subset_within_whole", "additions above the year-end stock",
              (Fact("hte_new_yq", "yueqing", "企业300家", "300", 300, "家", "hte_new", region_code="330382"),
               Fact("hte_total_yq", "yueqing", "累计达到250家", "250", 250, "家", "hte_total", region_code="330382",
                    is_cumulative=True)),
              documents=(YUEQING_DOC,), flagged=("hte_new_yq", "hte_total_yq")),
    Injection("share_matches_part_over_whole", "305 of 550 stated as 65.5%", (changed("hte_new_zone_share", value=65.5),),
              flagged=("hte_new_zone_share", "hte_new_zone", "hte_new_city")),
    Injection("share_matches_part_over_whole", "占全市比重为25% for 80 of 200",
              TECH_FACTS[:2] + (replace(TECH_FACTS[2], value=25),), documents=(TECH_DOC,),
              flagged=("contracts_park_share", "contracts_park", "contracts_city")),
    Injection("listed_parts_within_total", "其中 4 + 6 of 9", (changed("projects_land", value=6),),
              flagged=("projects", "projects_incubator", "projects_land")),
    Injection("listed_parts_within_total", "其中 2 + 15 of 12", LABS_FACTS[:2] + (replace(LABS_FACTS[2], value=15),),
              documents=(LABS_DOC,), flagged=("labs_total", "labs_national", "labs_prov")),
    Injection("listed_parts_sum_to_total", "20 + 25, 共50", (changed("settled_both", value=50),),
              flagged=("settled_both", "settled_eye", "settled_gene")),
    Injection("listed_parts_sum_to_total", "共计40, 分别为20、25", (changed("settled_r_both", value=40),),
              flagged=("settled_r_both", "settled_r1", "settled_r2")),
    Injection("stock_not_decreasing", "累计 30 after 累计 35", EYE_FACTS[:1] + (replace(EYE_FACTS[1], value=35),),
              documents=EYE_DOCS, flagged=("eye_2019", "eye_2018")),
    Injection("stock_matches_previous_plus_flow", "2600 after 1500 + 550", (changed("hte_total_2019", value=2600),),
              flagged=("hte_total_2019", "hte_total_2018", "hte_new_city")),
    Injection("stock_matches_previous_plus_flow", "1700 after 1500 + 550", (changed("hte_total_2019", value=1700),),
              flagged=("hte_total_2019", "hte_total_2018", "hte_new_city")),
)

# variants of the clean data the checks must accept: within rounding, qualifiers and tolerances
STILL_CLEAN = (
    Injection("unit_kind_matches_indicator", "enterprises 1.2 times as many as in 2015 (倍 has no kind)",
              (changed("loan_firms", value=1.2, unit="倍", unit_base=None),)),
    Injection("region_within_ancestor", "约560 in a county vs 550 (approx)", (changed("hte_new_ruian", value=560, qualifier="approx"),)),
    Injection("region_within_ancestor", "近560 in a county vs 550 (nearly)", (changed("hte_new_ruian", value=560, qualifier="nearly"),)),
    Injection("region_within_ancestor", "a county's half-year vs the city's year",
              sql=(f"update {OBS} set value = 600, value_base = 600, period_end = date '2019-06-30' "
                   f"where observation_id = 'hte_new_ruian'",)),
    Injection("share_matches_part_over_whole", "80 of 200 is 40%", TECH_FACTS, documents=(TECH_DOC,)),
    Injection("listed_parts_within_total", "其中 2 + 10 of 12", LABS_FACTS, documents=(LABS_DOC,)),
    Injection("listed_parts_within_total", "a 累计 figure after 其中 is not a part",
              (Fact("labs_stock", "labs2", "累计达到30家", "30", 30, "家", None, is_cumulative=True),
               replace(LABS_FACTS[0], document_id="labs2"), replace(LABS_FACTS[1], document_id="labs2")),
              documents=(("labs2", WENZHOU, "新增省级以上研发机构12家，其中国家级研发机构2家，累计达到30家。"),)),
    Injection("stock_not_decreasing", "累计 30 after 累计 25", EYE_FACTS, documents=EYE_DOCS),
    Injection("stock_matches_previous_plus_flow", "1900 after 1500 + 550 (10% tolerance)",
              (changed("hte_total_2019", value=1900),)),
    Injection("subset_within_whole", "more than 15 (超) of loans vs 15.12 credit",
              (changed("loan_amount", value=15, qualifier="more_than"),)),
)


def failed_checks(report: quality.QualityReport) -> set[str]:
    return {o.check.name for o in report.outcomes if not o.success}


def test_clean_data_passes_every_check(clean_report):
    assert [(o.check.name, o.error) for o in clean_report.outcomes if not o.success] == []
    assert {o.check.name for o in clean_report.outcomes} == {c.name for c in load_catalogue().checks}
    assert all(o.n_failing == 0 and o.failing == () for o in clean_report.outcomes)
    assert clean_report.blocking_failures == [] and clean_report.warnings == []


def test_every_check_has_an_injection():
    assert {i.check for i in INJECTIONS} == {c.name for c in load_catalogue().checks}


@pytest.mark.parametrize("injection", INJECTIONS, ids=lambda i: f"{i.check}: {i.why}")
def test_injected_violation_fails_its_check(injection: Injection, tmp_path):
    path = injection.build(tmp_path / "kjfacts.duckdb")
    report = run_checks(path)
    assert failed_checks(report) == {injection.check, *injection.also}
    outcome = next(o for o in report.outcomes if o.check.name == injection.check)
    assert outcome.error is None and outcome.n_failing >= 1
    assert {r.observation_id for r in outcome.failing} >= set(injection.flagged)
    expected = [o.check.name for o in report.outcomes if o.check.blocking and o.check.name in failed_checks(report)]
    assert report.blocking_failures == expected and (injection.check in expected) == outcome.check.blocking
    flagged = [r for r in failing_rows(path) if r[0] == injection.check]  # the flags: the same rows, in SQL
    assert len(flagged) == outcome.n_failing and {r[1] for r in flagged} >= set(injection.flagged)


@pytest.mark.parametrize("variant", STILL_CLEAN, ids=lambda i: f"{i.check}: {i.why}")
def test_checks_allow_rounding_qualifiers_and_periods(variant: Injection, tmp_path):
    report = run_checks(variant.build(tmp_path / "kjfacts.duckdb"), only=[variant.check])
    assert [(o.check.name, o.failing, o.error) for o in report.outcomes if not o.success] == []


# --- results: counts, bounded samples, records, Data Docs ------------------------------------------------

def test_samples_are_bounded_and_counts_are_not(tmp_path):
    many = tuple(Fact(f"share_{i}", "d2019", "占全市的55.5%", "55.5", 150 + i, "%", "hte_new", measure="share",
                      subject=ZONE) for i in range(300))
    path = build_variant(tmp_path / "kjfacts.duckdb", many)
    report = run_checks(path, only=["share_within_0_100"], sample_size=5)
    outcome = report.outcomes[0]
    assert (outcome.success, outcome.n_failing, len(outcome.failing)) == (False, 300, 5)
    assert report.blocking_failures == ["share_within_0_100"]
    assert len(failing_rows(path, ["share_within_0_100"])) == 300


def test_records_and_docs_name_the_run(tmp_path):
    path = INJECTIONS_BY_CHECK["subset_within_whole"].build(tmp_path / "kjfacts.duckdb")
    report = run_checks(path, docs_dir=tmp_path / "docs", run_at=datetime(2024, 1, 1))
    again = run_checks(path, run_at=datetime(2024, 1, 1))
    assert report.run_id != again.run_id and report.run_id.startswith("dq-20240101T000000-")
    records = {r["check_name"]: r for r in report.records("v1")}
    assert set(records) == {c.name for c in load_catalogue().checks}
    subset = records["subset_within_whole"]
    assert (subset["success"], subset["n_failing"], subset["extractor_version"]) == (False, 2, "v1")
    assert {row["observation_id"] for row in json.loads(subset["sample"])} == {"credit_amount", "loan_amount"}
    assert report.docs_index is not None and "subset_within_whole" in _docs_text(report.docs_index.parent)
    assert report.run_id in {p.name for p in report.docs_index.parent.rglob("*")}  # Data Docs filed under the run


def test_a_check_that_cannot_run_fails(tmp_path):
    path = build_variant(tmp_path / "kjfacts.duckdb", sql=("drop table marts.dim_indicator",))
    report = run_checks(path, only=["unit_kind_matches_indicator", "subject_within_region"])
    assert [(o.check.name, o.success, o.n_failing) for o in report.outcomes] == [
        ("unit_kind_matches_indicator", False, None), ("subject_within_region", False, None)]
    assert all("dim_indicator" in o.error for o in report.outcomes)
    assert report.blocking_failures == ["unit_kind_matches_indicator"] and report.warnings == ["subject_within_region"]
    assert "ERROR" in report.render()


def test_gx_leaves_no_connection_open(tmp_path):
    path = build_warehouse(tmp_path / "kjfacts.duckdb")
    run_checks(path, only=["share_matches_part_over_whole"])
    with duckdb.connect(str(path), read_only=True) as con:  # fails if another connection holds it read-write
        assert con.execute(f"select count(*) from {OBS}").fetchone()[0] == len(FACTS)


def test_render_lists_every_check_and_the_verdict(tmp_path):
    path = INJECTIONS_BY_CHECK["share_within_0_100"].build(tmp_path / "kjfacts.duckdb")
    text = run_checks(path).render()
    lines = text.splitlines()
    assert all(any(line.startswith(c.name + " ") for line in lines) for c in load_catalogue().checks)
    assert "blocking checks failed: share_within_0_100" in text
    header = next(line for line in lines if line.startswith("check "))
    assert header.index("result") == next(line for line in lines if line.startswith("level_not_negative ")).index("pass")


INJECTIONS_BY_CHECK = {i.check: i for i in reversed(INJECTIONS)}  # the first injection of each check


def _docs_text(docs_dir: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in docs_dir.rglob("*.html"))


# --- the dbt side: singular tests ------------------------------------------------------------------------

JINJA_REF_RE = re.compile(r"\{\{\s*ref\('(\w+)'\)\s*\}\}")
JINJA_CONFIG_RE = re.compile(r"^\{\{\s*config\(.*\)\s*\}\}$", re.MULTILINE)


def dbt_sql(path: Path) -> str:
    """A model or singular test as DuckDB SQL: refs → marts.<name>, config() dropped."""
    text = JINJA_CONFIG_RE.sub("", path.read_text(encoding="utf-8"))
    return JINJA_REF_RE.sub(lambda m: f"marts.{m.group(1)}", text)


SINGULAR_TESTS = PROJECT_ROOT / "tests" / "dbt" / "marts"


def _materialize_span_quotes(con: duckdb.DuckDBPyConnection) -> None:
    """marts.int_span_quotes of the variant, computed by loaders.span_quotes (as the dbt model does) over raw views
    of its observations and documents (it has no programme mentions or unaccounted numbers)."""
    from loaders.span_quotes import span_quotes

    con.execute("create schema if not exists raw")
    con.execute(f"create or replace view raw.observations as select * from {OBS}")
    con.execute("create or replace view raw.documents as select document_id, body from marts.dim_document")
    con.execute("create or replace table raw.programme_mentions (mention_id varchar, document_id varchar, "
                "char_start integer, char_end integer)")
    con.execute("create or replace table raw.number_spans (number_id varchar, document_id varchar, "
                "char_start integer, char_end integer, accounted_as varchar)")
    quotes = span_quotes(con)
    con.register("quotes", quotes)
    con.execute("create or replace table marts.int_span_quotes as select * from quotes")
    con.unregister("quotes")
NUMERALS_DOC = ("numerals", RUIAN, "瑞安排名全国百强县第14位，居温州各县市首位，创新指数全省第二，新增专利二十五件，科技贷款2,213万元。")
NUMERAL_FACTS = (
    Fact("n_rank14", "numerals", "第14位", "14", 14, "位", None, measure="rank", unit_base="rank"),
    Fact("n_first", "numerals", "首位", "首", 1, "位", None, measure="rank", unit_base="rank"),
    Fact("n_second", "numerals", "全省第二", "二", 2, "第", None, measure="rank"),
    Fact("n_patents", "numerals", "二十五件", "二十五", 25, "件", None),
    Fact("n_loans", "numerals", "2,213万元", "2,213", 2213, "万元", None),
)


@pytest.mark.parametrize("sql, broken", [
    ("", ()),
    (f"update {OBS} set char_start = char_start + 1 where observation_id = 'n_rank14'", ("n_rank14",)),  # "4"
    (f"update {OBS} set char_end = char_end + 1 where observation_id = 'n_loans'", ("n_loans",)),  # "2,213万"
    (f"update {OBS} set value = 3 where observation_id = 'n_second'", ("n_second",)),  # 二 is not 3
    (f"update {OBS} set value = 52 where observation_id = 'n_patents'", ("n_patents",)),  # 二十五 is not 52
    (f"update {OBS} set char_end = char_start where observation_id = 'hi_tech_va'", ("hi_tech_va",)),  # empty
    (f"update {OBS} set value = -7.7 where observation_id = 'hi_tech_va_growth'", ()),  # a fall: sign not written
])
def test_dbt_offsets_test_reparses_the_sliced_number(sql, broken, tmp_path):
    path = build_variant(tmp_path / "kjfacts.duckdb", NUMERAL_FACTS, (NUMERALS_DOC,), (sql,) if sql else ())
    with duckdb.connect(str(path)) as con:
        _materialize_span_quotes(con)
        failing = con.execute(f"select observation_id from ({dbt_sql(SINGULAR_TESTS / 'assert_observation_offsets_slice_the_value.sql')}) "
                              "order by 1").fetchall()
    assert [r[0] for r in failing] == list(broken)


# --- the catalogue ------------------------------------------------------------------------------------------

GOOD_CHECK = "  - {name: x_ok, family: keys, severity: warning, description: d}\n"
GOOD_SQL = "with obs as (select * from {batch}) select observation_id, 'x' as detail from obs"


@pytest.mark.parametrize("yml, sql, message", [
    ("checks:\n  - {name: x_ok, family: keys, severity: fatal, description: d}\n", GOOD_SQL, "severity 'fatal'"),
    ("checks:\n  - {name: x_ok, family: keys, severity: warning}\n", GOOD_SQL, "missing description"),
    ("checks:\n" + GOOD_CHECK * 2, GOOD_SQL, "duplicate check names ['x_ok']"),
    ("checks:\n  - {name: x_ok, family: keys, severity: warning, description: d, asset: facts}\n", GOOD_SQL, "asset 'facts'"),
    ("checks:\n" + GOOD_CHECK, GOOD_SQL.replace("'x'", "${nope}"), "unknown parameter ${nope}"),
    ("checks:\n" + GOOD_CHECK, GOOD_SQL.replace("{batch}", "marts.t"), "write {batch} exactly once"),
    ("checks:\n" + GOOD_CHECK, GOOD_SQL + " where regexp_matches(x, 'a{2}')", "a brace GX would fill in: {2}"),
    ("checks:\n" + GOOD_CHECK, GOOD_SQL + " where x = 'at :b'", "':b' would be read as a bind parameter"),
    ("checks:\n  - {name: x_ok, family: keys, severity: warning, description: d,"
     " expectation: ExpectColumnValuesToNotBeNull}\n", GOOD_SQL, "column expectations (keys, vocabularies"),
    ("checks: [x]\n", GOOD_SQL, "expected a mapping"),
])
def test_bad_catalogue_entries_are_named(yml, sql, message, tmp_path):
    (tmp_path / "sql").mkdir()
    (tmp_path / "checks.yml").write_text("params: {approx_pct: 10}\n" + yml, encoding="utf-8")
    (tmp_path / "sql" / "x_ok.sql").write_text(sql, encoding="utf-8")
    with pytest.raises(CatalogueError) as err:
        read_catalogue(tmp_path / "checks.yml", tmp_path / "sql", ASSETS_DIR, DATA_DIR)
    assert message in str(err.value) and ("x_ok" in str(err.value) or "checks.yml" in str(err.value))


def test_every_sql_file_belongs_to_a_check():
    assert {p.stem for p in SQL_DIR.glob("*.sql")} == {c.name for c in load_catalogue().checks}


def test_data_tables_render_as_sql_rows(tmp_path):
    rows = [["relation", "indicator_code", "note"], ["part_of", "a", "it's ≤ the whole, 已发放贷款"], ["adds_to", "b", ""]]
    with (tmp_path / "t.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    with duckdb.connect() as con:
        assert [list(r) for r in con.execute(table_select(tmp_path / "t.csv")).fetchall()] == rows[1:]
    (tmp_path / "empty.csv").write_text("relation,indicator_code\n", encoding="utf-8")
    with duckdb.connect() as con:
        assert con.execute(table_select(tmp_path / "empty.csv")).fetchall() == []
    assert render_sql("x = ${p} and y in ${q}", {"p": "o'k", "q": [1, "a"]}, tmp_path, "here") == "x = 'o''k' and y in [1, 'a']"


def test_indicator_relations_fit_the_indicator_catalogue():
    with (SEEDS_DIR / "indicators.csv").open(encoding="utf-8", newline="") as handle:
        indicators = {row["indicator_code"]: row for row in csv.DictReader(handle)}
    with (DATA_DIR / "indicator_relations.csv").open(encoding="utf-8", newline="") as handle:
        relations = list(csv.DictReader(handle))
    problems = []
    for line, r in enumerate(relations, start=2):
        part, whole = indicators.get(r["indicator_code"]), indicators.get(r["related_code"])
        if r["relation"] not in ("part_of", "adds_to") or part is None or whole is None:
            problems.append(f"line {line}: {r}")
        elif part["unit_base"] != whole["unit_base"] or part["is_additive"] != "true" or whole["is_additive"] != "true":
            problems.append(f"line {line}: units or additivity differ: {r}")
        elif r["relation"] == "adds_to" and (part["stock_or_flow"], whole["stock_or_flow"]) != ("flow", "stock"):
            problems.append(f"line {line}: adds_to needs a flow and a stock: {r}")
    assert problems == []
