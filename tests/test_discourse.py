"""The discourse model (loaders.extraction.discourse) and the decisions that read it: report year, heading scopes,
status, year and region of each figure — golden cases of our own wording (tests/golden/discourse.csv), each a small
document with a title and several lines."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from loaders.extraction import discourse
from loaders.extraction.extract import extract_text
from loaders.extraction.records import Document

GOLDEN = Path(__file__).parent / "golden" / "discourse.csv"


def _cases() -> list[tuple[str, str, str, str, str, list[dict]]]:
    grouped: dict[tuple[str, str, str, str, str], list[dict]] = {}
    with GOLDEN.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            key = (row["phenomenon"], row["title"], row["text"], row["region"], row["published_on"])
            grouped.setdefault(key, []).append(row)
    return [(*key, rows) for key, rows in grouped.items()]


CASES = _cases()


@pytest.mark.parametrize("phenomenon,title,text,region,published_on,expected", CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_discourse_case(phenomenon, title, text, region, published_on, expected) -> None:
    facts = extract_text(text, region=region, published_on=published_on, title=title or None)
    unused = list(facts)
    for row in expected:
        same = [f for f in unused if abs(f.value_base - float(row["value_base"])) < 1e-6 * max(1, abs(f.value_base))
                and f.unit_base == row["unit_base"] and f.measure == row["measure"]
                and row["indicator_contains"] in f.indicator_phrase]
        assert same, (phenomenon, row["value_base"], [(f.value_base, f.indicator_phrase) for f in facts])
        fact = same[0]
        unused.remove(fact)
        assert (fact.status, fact.period_year, fact.region_code) == (
            row["status"], int(row["period_year"]), row["region_code"]), (phenomenon, fact)


def _doc(title: str | None, body: str, published: str | None) -> Document:
    from datetime import date
    day = date.fromisoformat(published) if published else None
    return Document("d", "d.txt", "", body, title, None, None, day, "day" if day else None)


def test_report_year_prefers_the_summary_part_of_a_title() -> None:
    assert discourse.frame(_doc("2019年工作总结和2020年工作思路", "x\n", "2020-02-05")).report_year == 2019
    assert discourse.frame(_doc("2015年科技工作及2016年工作思路", "x\n", "2016-03-10")).report_year == 2015
    assert discourse.frame(_doc("2023年科技进步报告", "x\n", "2024-07-12")).report_year == 2023


def test_a_cited_report_in_the_first_lines_is_not_the_report_year() -> None:
    body = "湖州创新指数居全省第一\n省统计局日前发布《2020年度浙江省科技进步统计监测报告》,今年以来新增企业12家。\n"
    assert discourse.frame(_doc(None, body, "2021-11-09")).report_year == 2021


def test_a_target_responsibility_system_is_not_a_plan() -> None:
    assert discourse.report_kind("开展2020年度党政领导科技进步工作目标责任制考核") == "report"
    assert discourse.report_kind("2023年科技工作总体思路和主要预期目标") == "plan"


def test_plan_scope_ends_at_the_next_heading_of_its_level() -> None:
    body = "一、2021年工作总结\n全年新增12家。\n二、2022年工作计划\n（一）强化平台\n新增80家。\n三、保障措施\n"
    scopes = {s.heading: s for s in discourse.find_scopes(body)}
    plan = scopes["二、2022年工作计划"]
    assert (plan.status, plan.year) == ("target", 2022)
    assert body[plan.end:].startswith("三、保障措施")
    assert scopes["（一）强化平台"].end == plan.end


def test_a_date_line_opens_no_year_scope() -> None:
    scopes = discourse.find_scopes("福州市科学技术局\n2016年3月10日\n正文在此，全年新增12家。\n")
    assert all(s.year is None for s in scopes)


def test_scopes_at_agrees_with_a_scan_of_every_scope() -> None:
    """The segment look-up gives, at every position, the scopes a scan finds, outermost first."""
    from loaders.extraction.discourse import frame

    lines = []
    for i in range(1, 6):
        lines += [f"{'一二三四五'[i - 1]}、第{i}部分", "（一）工作情况", "全年新增企业5家。", "（二）下一步工作", "力争新增企业8家。"]
    body = "\n".join(lines) + "\n"
    f = frame(_doc(None, body, "2023-03-01"))
    assert len(f.scopes) >= 15
    for pos in range(len(body) + 1):
        assert f.scopes_at(pos) == [s for s in f.scopes if s.start <= pos < s.end]
