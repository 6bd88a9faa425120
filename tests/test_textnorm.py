"""Text normalisation: the body every offset points into."""
from __future__ import annotations

import pytest

from loaders.extraction.textnorm import normalise

# A column 16 characters wide, as PDF text layers of newspaper pages come out, with a blank line between lines.
WRAPPED = "\n\n".join([
    "这一年，我市不断完善科技创新政策，",
    "出台企业研发后补助资金管理办法、",
    "“卡脖子”技术攻关“揭榜挂帅”",
    "项目评估立项和验收方案等一揽子科",
    "技新政，全年新增高新技术企业148",
    "家，累计达647家。",
    "实干比担当",
    "“谁能吸引更多优秀人才，谁就能赢。”",
    "2021年，我市继续聚焦人才资源，建",
    "立引才机制，柔性招引工程师2857人",
    "，累计引进省级领军型创新创业团队",
    "2支、温州市高水平团队5支，总量居温",
    "州各县（市、区）第一。",
])


def test_wrapped_lines_are_joined_into_sentences() -> None:
    body = normalise(WRAPPED)
    assert "“揭榜挂帅”项目评估立项和验收方案" in body
    assert "新增高新技术企业148家，累计达647家。" in body
    assert "\n实干比担当\n" in body  # a short heading stays on its own line
    assert "谁就能赢。”\n" in body  # a quoted sentence that ends with 。” is not joined to the next


@pytest.mark.parametrize("raw,expected", [
    ("新增高新技术企业１４８家，增长７．７％", "新增高新技术企业148家，增长7.7%"),  # full-width digits and signs
    ("已帮助 13 家企业获得科技贷款授信 1.6 亿元", "已帮助13家企业获得科技贷款授信1.6亿元"),  # PDF spacing
    ("2022 年，市科技局将继续实施", "2022年，市科技局将继续实施"),
    ("技术产权资产支持票据 ABN 债券", "技术产权资产支持票据 ABN 债券"),  # a space beside Latin text stays
    ("Hello world 2024", "Hello world 2024"),  # spaces between Latin words stay
    ("居温州各县（市、区）第一", "居温州各县（市、区）第一"),  # CJK punctuation is kept as written
    ("\ufeff首页\r\n\r\n\r\n\r\n正文", "首页\n\n正文"),  # BOM, CRLF, runs of blank lines
])
def test_characters_and_spacing(raw: str, expected: str) -> None:
    assert normalise(raw) == expected + "\n"


def test_normalising_twice_changes_nothing() -> None:
    once = normalise(WRAPPED)
    assert normalise(once) == once


def test_bullets_headings_and_bare_year_lines_stay_lines_of_their_own() -> None:
    wrapped = "全市科技创新工作取得积极进展，各项指标稳中有升，创新生态持续优化提升中" * 1
    lines = [wrapped] * 9 + ["2023年", "●新增省级专精特新企业212家", "一、主要指标完成情况", wrapped]
    body = normalise("\n".join(lines))
    for line in ("2023年", "●新增省级专精特新企业212家", "一、主要指标完成情况"):
        assert f"\n{line}\n" in body, line


def test_a_list_of_bullets_is_no_column_layout() -> None:
    """Short bullet items of similar length do not make a wrapped column: the prose after the last item stays
    a paragraph of its own (it is not glued onto the bullet)."""
    items = ["●新增市级重点实验室二十三个", "●技术合同成交额首次突破八十亿元", "●新增科技型中小企业九百余家",
             "●力争全市研发经费投入强度提高", "●确保高新技术企业总量超过一千家", "●力争科技服务业营业收入再创新高",
             "●新增省级星创天地十四家", "●引进高层次创新团队十个"]
    prose = "记者从赣州市科技工作会议上获悉，全市新认定高新技术企业368家，同比增长15%。"
    body = normalise("\n\n".join(["2023年", *items[:4], "2024年", *items[4:], prose]))
    assert f"\n{prose}\n" in body
    assert "\n●引进高层次创新团队十个\n" in body


def test_traditional_characters_read_as_simplified_one_for_one() -> None:
    text = "全市國家高新技術企業達到1,234個，總額12億元。\n"
    body = normalise(text)
    assert body == "全市国家高新技术企业达到1,234个，总额12亿元。\n"
    assert len(body) == len(text)


def test_traditional_figures_extract_like_simplified_ones() -> None:
    from loaders.extraction.extract import extract_text

    trad = extract_text("去年全縣研發經費投入3.2億元，增長15%。", region="台州市", published_on="2022-03")
    simp = extract_text("去年全县研发经费投入3.2亿元，增长15%。", region="台州市", published_on="2022-03")
    assert [(o.value_base, o.measure, o.indicator_phrase) for o in trad] == [(o.value_base, o.measure, o.indicator_phrase) for o in simp]


def test_a_paragraph_does_not_end_on_the_verb_of_its_number() -> None:
    """Unwrapped text (long paragraphs, so no column width) broken once between a verb and its number."""
    body = normalise("全区规上企业研发费用达\n\n12.6 亿元。全市共有\n\n2024年，新增企业8家。")
    assert "全区规上企业研发费用达12.6亿元。全市共有\n" in body  # a year starting a paragraph stays a paragraph


def test_a_clause_cut_after_its_first_character_is_joined() -> None:
    """A web page's drop cap or a pasted layout cuts a clause one character in (…，省\\n\\n  科技厅…): the character
    belongs to the next line; a heading that ends a sentence-free line (二、工作举措) stays a line of its own."""
    body = normalise("3月2日，省\n\n    科技厅发布年度报告。\n二、工作举措\n全年新增企业8家。")
    assert body.startswith("3月2日，省科技厅发布年度报告。\n二、工作举措\n")


def test_pinyin_reading_aids_are_dropped() -> None:
    """A web page that annotates characters with pinyin (研(yán)发) reads as the plain text; a bracket of
    letters without tone marks (a Latin name, an abbreviation) stays."""
    body = normalise("全市研(yán)发(fā)经(jīng)费(fèi)投入18.6亿元，设立(SaaS)平台。")
    assert body == "全市研发经费投入18.6亿元，设立(SaaS)平台。\n"
