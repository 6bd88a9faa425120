"""Stocks and flows decided once: one vocabulary, one function; `is_cumulative` and the `_new`/`_total`
member of an indicator family always agree. Sentences are our own, of regions beyond the corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

from loaders.extraction.extract import extract_text
from loaders.extraction.indicators import family_members, read_indicator
from loaders.extraction.stockflow import StockFlowDataError, read_markers, reading


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("目前全省累计培育科技型中小企业", "stock"),  # 累计 beats the weak flow verb 培育
        ("十三五以来累计新增高新技术企业", "flow"),  # additions summed: still additions
        ("截至9月底，新认定高新技术企业", "flow"),  # an explicit addition beats an as-of date
        ("截至2023年末，全市拥有省级重点实验室", "stock"),
        ("全年共建成市级重点实验室", "flow"),
        ("贷款余额", "stock"),
        ("全市技术合同成交额", None),
    ],
)
def test_one_decision(text: str, expected: str | None) -> None:
    assert reading(text) == expected


@pytest.mark.parametrize(
    ("sentence", "region", "value", "code", "cumulative"),
    [
        ("截至2023年底，全省累计培育科技型中小企业8650家。", "安徽省", 8650, "sme_prov_total", True),
        ("2022年，合肥市新增国家高新技术企业1200家，总数达到6500家。", "合肥市", 1200, "hte_new", False),
        ("2022年，合肥市新增国家高新技术企业1200家，总数达到6500家。", "合肥市", 6500, "hte_total", True),
        ("“十三五”期间全县累计新增高新技术企业96家。", "泰顺县", 96, "hte_new", False),
        ("全区现有国家级高新技术企业318家。", "武侯区", 318, "hte_total", True),
        ("全市高新技术企业达到742家。", "芜湖市", 742, "hte_total", True),  # a count of what exists
        ("年内新认定省级企业研究院7家。", "嘉善县", 7, "ent_research_institute_prov_new", False),
    ],
)
def test_stock_flag_and_family_member_agree(sentence: str, region: str, value: float, code: str, cumulative: bool) -> None:
    fact = next(f for f in extract_text(sentence, region=region, published_on="2023-02") if f.value == value)
    assert (fact.indicator_code, fact.is_cumulative) == (code, cumulative), fact
    assert (fact.period_start is None) == cumulative


def test_a_flow_list_gives_the_new_member_to_every_item() -> None:
    """新增… 、… : the addition governs the items after the 、 too (not the stock of the second item)."""
    facts = extract_text("去年新增高新技术企业45家、省科技型中小企业210家。", region="桐乡市", published_on="2023-01")
    assert {f.indicator_code for f in facts} == {"hte_new", "sme_prov_new"}
    assert not any(f.is_cumulative for f in facts)


def test_a_total_of_a_flow_is_the_period_amount_but_a_running_total_is_not() -> None:
    """R&D经费投入总量 is the year's spending (a flow); 累计 over years is a running total (no year's flow)."""
    assert not read_indicator("R&D经费投入总量", "全省R&D经费投入总量达到312亿元", "CNY").is_cumulative
    assert not read_indicator("技术合同成交额", "截至11月底技术合同成交额48亿元", "CNY").is_cumulative
    assert read_indicator("发放创新券", "五年来累计发放创新券1.2亿元", "CNY").is_cumulative


def test_without_a_marker_the_indicator_decides() -> None:
    assert read_indicator("科技贷款余额", "科技贷款余额86亿元", "CNY").is_cumulative
    assert not read_indicator("技术合同成交额", "技术合同成交额12亿元", "CNY").is_cumulative
    assert not read_indicator("技术合同成交额", "技术合同成交额12亿元，增长9%", None, "growth").is_cumulative


def test_every_family_member_agrees_with_the_flag() -> None:
    """For any family and any marker, the member read and the stock flag agree."""
    for marker_text in ("新增", "累计", "累计新增", "现有", "截至年底", "全年", "引进", ""):
        reading_ = read_indicator(marker_text + "院士专家工作站", marker_text + "院士专家工作站12家", "家")
        members = family_members(reading_.indicator_code or "")
        assert members, marker_text
        assert reading_.indicator_code == members["total" if reading_.is_cumulative else "new"], marker_text


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("累计,stocks,2,yes,", "reading 'stocks'"),
        ("累计,stock,0,yes,", "priority '0'"),
        (",stock,2,yes,", "empty marker"),
        ("累计,stock,2,maybe,", "must be yes or no"),
        ("累计,stock,2,yes,\n累计,flow,3,yes,", "duplicate marker '累计'"),
    ],
)
def test_bad_marker_rows_are_named(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "markers.csv"
    path.write_text("marker,reading,priority,of_flow_indicators,note\n" + row + "\n", encoding="utf-8")
    with pytest.raises(StockFlowDataError, match="markers.csv:") as err:
        read_markers(path)
    assert message in str(err.value)
