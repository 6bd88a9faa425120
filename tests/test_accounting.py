"""Every number accounted for (issue 9 part 5): the finder of numeric spans, the non-fact reasons of
loaders/extraction/data/number_reasons.csv (each with a sentence written here, of other regions and
wordings than the corpus), the validation of that file, and the accounting landed in raw.number_spans."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from loaders import config
from loaders.extraction import accounting as A
from loaders.extraction.extract import extract
from loaders.extraction.records import Document, Observation
from loaders.extraction.textnorm import normalise
from loaders.land import land_corpus


def _doc(text: str, region: str | None = "320500") -> Document:
    return Document(document_id="t", source_file="t.txt", sha256="", body=normalise(text), title=None,
                    publisher=None, region_code=region, published_on=None, published_precision=None)


def _reasons(text: str) -> dict[str, str | None]:
    """number text → its non-fact reason (the last span of that text wins)."""
    text = A.simplified(text)
    spans = A.find_numbers(text)
    return {s.text: r for s, r in zip(spans, A.reasons_of(text, spans))}


# ---------------------------------------------------------------- the finder

@pytest.mark.parametrize("text, numbers", [
    ("绍兴市技术合同成交额1,234.5亿元，同比增长8%。", ["1,234.5", "8"]),
    ("全县新增科技型企业二十五家，建成三家孵化器。", ["二十五", "三"]),
    ("统一部署，进一步建设一流创新平台。", []),  # 统一, 进一步, 一流: words, not numbers
    ("引进人才1.6万人。", ["1.6"]),  # 万 after an Arabic number is its unit, not a number of its own
    ("第二批名单公布。", ["二"]),
])
def test_find_numbers(text: str, numbers: list[str]) -> None:
    assert [s.text for s in A.find_numbers(text)] == numbers


# ---------------------------------------------------------------- reasons, one sentence each

@pytest.mark.parametrize("text, number, reason", [
    ("合肥市于2023年6月18日召开大会。", "18", "date"),
    ("截至2024年底，成果如下。", "2024", "year"),
    ("1-8月，全市工业投资保持增长。", "8", "date"),
    ("上午9:30会议开始。", "30", "time_of_day"),
    ("根据皖科发〔2023〕15号文件精神。", "15", "document_number"),
    ("三、下一步工作打算", "三", "enumerator"),
    ("（2）强化企业主体地位。", "2", "enumerator"),
    ("一是加大研发投入，二是优化营商环境。", "二", "enumerator"),
    ("入选第三批国家级名单。", "三", "ordinal"),
    ("学习贯彻党的二十届三中全会精神。", "二十", "ordinal"),
    ("年营业收入2000万元以上的企业纳入统计。", "2000", "class_threshold"),
    ("引进世界500强企业投资项目。", "500", "class_threshold"),
    ("全力推进五大攻坚行动。", "五", "plan_structure"),
    ("构建“1+N”政策体系。", "1", "plan_structure"),
    ("开展“科技八条”宣讲。", "八", "quoted_name"),
    ("荣获省科技进步奖二等奖。", "二", "award"),
    ("纪念建校60周年。", "60", "anniversary"),
    ("近五年来，创新能力稳步提升。", "五", "duration"),
    ("连续4年获得表彰。", "4", "duration"),
    ("回顾过去的三年，全县科技工作成效显著。", "三", "duration"),
    ("这是极不平凡的四年。", "四", "duration"),
    ("全力打好两年科技创新攻坚战。", "两", "duration"),
    ("序号 | 县区 | 专利授权量(件) | |1 | 城关区 | 512 |2 | 七里河区 | 430 |", "2", "enumerator"),
    ("新建一批创新载体。", "一", "article"),
    ("推动5G基站建设。", "5", "code_or_version"),
    ("咨询电话：0551-62345678。", "0551", "phone"),
    ("浏览次数：3521", "3521", "page_furniture"),
    ("皖ICP备05001234号", "05001234", "page_furniture"),
    ("详见附表2。", "2", "table_reference"),
    ("支持35周岁以下青年科技人才。", "35", "age_group"),
    ("坚持八八战略不动摇。", "八八", "set_phrase"),
    ("七台河市科技局发布通知。", "七", "place_name"),
    ("按照“十四五”规划部署。", "十四五", "plan_period"),
])
def test_non_fact_reason(text: str, number: str, reason: str) -> None:
    assert _reasons(text)[number] == reason


@pytest.mark.parametrize("text, number", [
    ("全市新增高新技术企业320家。", "320"),
    ("研发投入强度居全省第3位。", "3"),  # a rank is a fact, never an ordinal
    ("技术合同成交额增长15.2%。", "15.2"),
    ("引进国家级人才二十名。", "二十"),
    ("新增企业2020家。", "2020"),  # a year-like count with its unit stays a count
    ("序号 | 县区 | 专利授权量(件) | |1 | 城关区 | 512 |2 | 七里河区 | 430 |", "512"),  # a cell, not a row number
    ("过去的一年新增企业三十家。", "三十"),
])
def test_facts_get_no_reason(text: str, number: str) -> None:
    assert _reasons(text)[number] is None


def test_traditional_characters_are_read_as_simplified() -> None:
    assert _reasons("聯繫電話：0931-8765432")["0931"] == "phone"
    assert A.simplified("億元個") == "亿元个"


# ---------------------------------------------------------------- a document's accounting

def test_account_document_uses_observations_programmes_and_reasons() -> None:
    doc = _doc("2023年，苏州市新增国家高新技术企业1300家，实施“1030”产业体系行动。\n（三）下一步计划新增企业88家左右。\n")
    observations, mentions = extract(doc)
    found = {n.number_text: n.accounted_as for n in A.account_document(doc, observations, mentions)}
    assert found["2023"] == "non_fact"
    assert found["1300"] == "observation"
    assert found["三"] == "non_fact"


def test_a_missed_fact_stays_unaccounted() -> None:
    doc = _doc("全省技术合同成交额达到99亿元。")
    numbers = A.account_document(doc, [], [])  # no observation given: nothing may explain 99
    assert [(n.number_text, n.accounted_as, n.reason) for n in numbers] == [("99", "unaccounted", None)]
    assert A.Accounting(numbers).share_accounted == 0.0


def test_an_observation_on_a_date_keeps_the_reason() -> None:
    doc = _doc("会议于2022年3月8日召开。")
    start = doc.body.index("8日")
    wrong = Observation("t", None, None, None, "x", "level", "actual", None, None, None, False, "exact",
                        8.0, "日", 8.0, "日", None, doc.body, start, start + 1)
    by_text = {n.number_text: n for n in A.account_document(doc, [wrong], [])}
    assert (by_text["8"].accounted_as, by_text["8"].reason) == ("observation", "date")


# ---------------------------------------------------------------- the data file

def _write_rules(tmp_path: Path, monkeypatch, body: str) -> None:
    path = tmp_path / "number_reasons.csv"
    path.write_text("reason,pattern,note\n" + body, encoding="utf-8")
    monkeypatch.setattr(A, "REASONS_FILE", path)
    A.load_rules.cache_clear()


@pytest.mark.parametrize("row, message", [
    ("whatever,\\d+年,note\n", "unknown reason 'whatever'"),
    ("date,(\\d+,note\n", "bad pattern"),
    ("date,\\d+,a bare number\n", "catch-all"),
    ("date,\\d+年,\n", "pattern and note are required"),
])
def test_bad_rule_rows_are_named_with_file_and_line(tmp_path: Path, monkeypatch, row: str, message: str) -> None:
    _write_rules(tmp_path, monkeypatch, "year,{Y}年,a year\n" + row)
    try:
        with pytest.raises(A.NumberReasonsError, match=message) as err:
            A.load_rules()
        assert "number_reasons.csv:3" in str(err.value)
    finally:
        A.load_rules.cache_clear()


def test_shipped_rules_load() -> None:
    rules = A.load_rules()
    assert rules and {r.reason for r in rules} <= A.REASONS


# ---------------------------------------------------------------- landing and corpora

def test_landing_fills_raw_number_spans(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("2021年，嘉兴市新增科技型中小企业1500家。\n咨询电话：0573-82345678\n", encoding="utf-8")
    with duckdb.connect(":memory:") as con:
        land_corpus(con, folder, progress=False)
        rows = dict(con.execute("select number_text, accounted_as from raw.number_spans").fetchall())
        assert rows["1500"] == "observation" and rows["2021"] == "non_fact" and rows["0573"] == "non_fact"
        (folder / "a.txt").unlink()
        land_corpus(con, folder, progress=False)
        assert con.execute("select count(*) from raw.number_spans").fetchone()[0] == 0


def test_seed_corpus_is_accounted_for() -> None:
    accounting, _ = A.account_corpus(config.DEFAULT_CORPUS_DIR)
    assert accounting.share_accounted >= 0.99, [n.sentence for n in accounting.unaccounted()]


@pytest.mark.skipif(not (config.shared_dir() / "dev" / "docs").is_dir(), reason="no ../shared beside the clone")
def test_dev_corpus_accounting_runs_and_leaves_misses_visible() -> None:
    accounting, bodies = A.account_corpus(config.shared_dir() / "dev" / "docs")
    assert accounting.n_numbers > 500 and len(bodies) >= 30
    assert accounting.count("observation") > accounting.count("unaccounted")


def test_intervals_overlap_as_a_scan_of_them_all_says() -> None:
    # nested, touching, repeated and empty intervals; spans before, between, inside, at the edges and after
    intervals = [(10, 14), (2, 40), (12, 13), (50, 52), (52, 60), (70, 70), (52, 60)]
    found = A.Intervals.of(intervals)
    for start in range(0, 80):
        for end in range(start + 1, start + 5):
            expected = any(a < end and start < b for a, b in intervals)
            assert found.overlaps(start, end) is expected, (start, end)
    assert A.Intervals.of([]).overlaps(0, 5) is False


def test_a_long_document_is_accounted_as_its_parts_are() -> None:
    # the same accounting, number by number, for one sentence and for that sentence repeated 300 times
    sentence = "2022年，衢州市新增省级科技型中小企业318家，全市技术合同成交额达45.6亿元，另有3项待定。\n"
    one, many = _doc(sentence), _doc(sentence * 300)
    accounts = [(n.number_text, n.accounted_as) for n in A.account_document(one, *extract(one))]
    assert accounts and accounts * 300 == [(n.number_text, n.accounted_as)
                                           for n in A.account_document(many, *extract(many))]
