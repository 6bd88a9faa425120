"""Subjects narrower than the region: zones, labs, funds and enterprises that a clause speaks of."""
from __future__ import annotations

import pytest

from loaders.extraction.extract import extract_text
from loaders.extraction.subjects import clause_subject


@pytest.mark.parametrize("clause,region,subject", [
    ("自创区实现高新技术产业投资增速19.9%", "温州市", "温州国家自主创新示范区"),
    ("自创区新增高新技术企业120家", "宁波市", "宁波国家自主创新示范区"),
    ("中国眼谷累计入驻贝瑞基因、清大视光等30个项目", "温州市", "中国眼谷"),
    ("之江实验室新引进高层次人才86人", "杭州市", "之江实验室"),
    ("市天使投资基金设立8支子基金", "嘉兴市", "市天使投资基金"),
    ("“华峰新材料”以16万吨碳排放配额作为质押物", "瑞安市", "华峰新材料"),
    ("和市级企业研发中心1家", "洞头区", None),
    ("全市规上企业研发投入2.06亿元", "江山市", None),
    ("湖南省9个国家级高新区实现争先进位", "湖南省", None),  # a count of zones, not one zone's name
    ("3家省级重点实验室获批建设", "合肥市", None),
    ("其中株洲高新区跃升至第19位", "湖南省", "株洲高新区"),  # a zone's own rank
    ("苏州工业园区位居全国经开区第一", "苏州市", "苏州工业园区"),
])
def test_clause_subject(clause: str, region: str, subject: str | None) -> None:
    from loaders.extraction.regions import resolve

    assert clause_subject(clause, resolve(region)) == subject


def test_subject_carries_to_later_clauses_of_the_sentence() -> None:
    facts = extract_text("高新区实现工业总产值520亿元，新增高新技术企业46家，占全区的38.5%。", region="合肥市", published_on="2023-02")
    assert [f.subject for f in facts] == ["高新区"] * 3
    facts = extract_text("全市新增高新技术企业120家；国家高新区新增高新技术企业46家。", region="合肥市", published_on="2023-02")
    assert [f.subject for f in facts] == [None, "合肥国家高新区"]


def test_subject_is_not_part_of_the_indicator_phrase() -> None:
    [fact] = extract_text("国科大温州研究院新引进4个国内顶尖创新团队。", region="温州市", published_on="2020-03")
    assert fact.subject == "国科大温州研究院"
    assert fact.indicator_phrase == "新引进国内顶尖创新团队"


def test_respectively_listed_names_are_subjects_of_the_indicator_that_ends_the_list() -> None:
    facts = extract_text("本科院校、高职院校技术合同成交额分别为5.2亿元、1.3亿元。", region="江西省", published_on="2023-05")
    assert [(f.subject, f.indicator_code) for f in facts] == [
        ("本科院校", "tech_transaction_value"), ("高职院校", "tech_transaction_value")]


def test_a_lab_counting_what_follows_is_the_subject() -> None:
    [fact] = extract_text("井冈山实验室5家研究中心已投入运行。", region="吉安市", published_on="2022-05")
    assert fact.indicator_phrase.startswith("研究中心")


def test_respectively_after_a_list_in_the_clause_before_pairs_its_names() -> None:
    facts = extract_text("全市数字经济营业收入增速排前三位的是电子信息产业、软件产业和通信产业，分别为31.2%、24.6%和18.3%。",
                         region="赣州市", published_on="2022-11")
    assert [f.subject for f in facts if f.measure == "growth"] == ["电子信息产业", "软件产业", "通信产业"]


def test_a_group_rank_splits_its_list_into_as_many_names_as_it_counts() -> None:
    facts = extract_text("全市规上工业产值排前三位的是电子信息产业、有色金属产业及食品和医药产业。", region="赣州市", published_on="2022-11")
    assert [f.subject for f in facts if f.measure == "rank"] == ["电子信息产业", "有色金属产业", "食品和医药产业"]


def test_a_phrase_does_not_start_with_its_period() -> None:
    """1-7月份 / 前三季度 / 9月份 date a figure; they are not part of its indicator."""
    from loaders.extraction.measures import clean_phrase

    assert clean_phrase("1-7月份技改投资完成") == "技改投资完成"
    assert clean_phrase("前三季度规上工业增加值") == "规上工业增加值"
    assert clean_phrase("9月份新登记市场主体") == "新登记市场主体"
