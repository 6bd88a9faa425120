"""Tables flattened into text (FACTS.md §8): one fact per value cell, with the region of its row.

Texts written here, of other regions and headers than the documents that prompted the rule (a statistical
bulletin pasted one cell per line; a PDF table whose cells are split by `|`).
"""
from __future__ import annotations

from loaders.extraction.extract import extract_text
from loaders.extraction.tables import find_tables

CELL_PER_LINE = "\n".join([
    "全省技术合同登记情况如下。",
    "2022年各市州技术合同成交额情况",
    "地区", "成交额", "占全省比重", "(亿元)", "(%)",
    "全省", "2644.3", "100",
    "长沙市", "1286.7", "48.7",
    "株洲市", "201.4", "7.6",
    "湘潭市", "188.2", "7.1",
    "二、技术合同的类型",
    "技术开发合同成交额占比最高。",
])

PIPES = ("表2 各县区专利授权情况\n"
         "序号 | 县区 | 2023年 | |专利授权量(件) | 同比增长(%) | ||1 | 城关区 | 512 | 12.5 |2 | 七里河区 | 430 | -3.2 "
         "|3 | 安宁区 | 298 | —— || 全市 | 1240 | 6.1 |\n")


def _facts(text: str, region: str, published_on: str = "2023-05-10"):
    return [f for f in extract_text(text, region=region, published_on=published_on) if "|" in f.sentence or "\n" in f.sentence]


def test_one_cell_per_line_gives_one_fact_per_cell_with_its_rows_region() -> None:
    facts = _facts(CELL_PER_LINE, "湖南省")
    by_cell = {(f.region_code, f.unit): f for f in facts}
    assert len(facts) == 8
    assert by_cell[("430100", "亿元")].value_base == 1286.7e8 and by_cell[("430100", "亿元")].measure == "level"
    assert by_cell[("430300", "%")].value == 7.1 and by_cell[("430300", "%")].measure == "share"
    assert by_cell[("430000", "亿元")].indicator_phrase == "技术合同成交额"  # the title says what 成交额 is of
    assert {f.period_year for f in facts} == {2022}  # the title's year, not the publication's


def test_offsets_quote_each_cell_and_the_sentence_is_its_row() -> None:
    facts = _facts(CELL_PER_LINE, "湖南省")
    from loaders.extraction.textnorm import normalise

    body = normalise(CELL_PER_LINE)
    for f in facts:
        assert body[f.char_start:f.char_end] == str(f.value).rstrip("0").rstrip(".") or \
            float(body[f.char_start:f.char_end]) == f.value
        assert body[f.char_start:f.char_end] in f.sentence


def test_cells_split_by_bars_keep_row_numbers_out_and_read_growth_of_the_column_before() -> None:
    facts = _facts(PIPES, "兰州市")
    values = sorted(f.value for f in facts)
    assert values == [-3.2, 6.1, 12.5, 298, 430, 512, 1240]  # no row number, no dash cell
    growth = [f for f in facts if f.measure == "growth"]
    assert {f.indicator_phrase for f in growth} == {"专利授权量"}
    assert {f.region_code for f in facts if f.value == 1240} == {"620100"}  # 全市: the page's own region
    assert {f.unit_base for f in facts if f.measure == "level"} == {"件"}


def test_item_rows_are_subjects_of_the_pages_region() -> None:
    text = ("2023年分行业研发投入情况\n行业 | 研发投入(亿元) | 增长(%) | |医药制造业 | 35.2 | 9.1 | 汽车制造业 | 80.4 | 4.3 "
            "| 专用设备制造业 | 22.7 | 15.0 |\n")
    facts = _facts(text, "吉林省")
    assert {f.subject for f in facts} == {"医药制造业", "汽车制造业", "专用设备制造业"}
    assert {f.region_code for f in facts} == {"220000"}


def test_a_short_run_of_numbers_is_no_table() -> None:
    text = "地区\n产值\n(亿元)\n甲县\n12.5\n乙县\n8.1\n"
    assert find_tables(text, None) == []  # two rows: below MIN_ROWS
    assert find_tables("全市共有企业1200家，其中规上企业350家，占29.2%。\n", None) == []


def test_a_header_without_units_for_its_columns_is_no_table() -> None:
    text = "地区\n名次\n得分\n甲市\n1\n92\n乙市\n2\n88\n丙市\n3\n85\n"
    assert find_tables(text, None) == []  # no unit: not guessed
