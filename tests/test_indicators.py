"""The indicator catalogue, its aliases, and the phrase → indicator mapper."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from loaders.config import GOLD_DIR
from loaders.extraction.indicators import (
    CatalogueError,
    family_members,
    load_aliases,
    load_catalogue,
    load_reject_markers,
    canonical,
    map_phrase,
    match_phrase,
    normalise_phrase,
    read_aliases,
    read_catalogue,
)
from loaders.extraction.stockflow import load_markers
from loaders.extraction.units import UnknownUnitError, base_unit_kinds

GOLD_FILES = sorted(p for p in GOLD_DIR.glob("*.csv") if not p.name.endswith(".programmes.csv"))
AMOUNT_KINDS = {"currency", "area", "mass", "length", "count", "time"}


def gold_rows() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in GOLD_FILES:
        with path.open(encoding="utf-8", newline="") as handle:
            rows.extend(csv.DictReader(handle))
    return rows


def gold_unit(row: dict[str, str]) -> str | None:
    """The unit hint an extractor would pass: the unit_base of level observations only."""
    return row["unit_base"] if row["measure"] == "level" else None


# ---------------------------------------------------------------- catalogue integrity


def test_catalogue_size_and_codes() -> None:
    catalogue = load_catalogue()
    assert 80 <= len(catalogue) <= 300
    assert all(code == code.lower() for code in catalogue)


def test_unit_base_is_in_the_vocabulary() -> None:
    vocabulary = base_unit_kinds()
    assert {i.unit_base for i in load_catalogue().values()} <= set(vocabulary)


def test_rates_and_ranks_are_not_additive() -> None:
    kinds = base_unit_kinds()
    for ind in load_catalogue().values():
        if ind.stock_or_flow == "rate" or kinds[ind.unit_base] in {"percent", "rank"}:
            assert not ind.is_additive, ind.indicator_code
        if kinds[ind.unit_base] == "rank":
            assert ind.measure_hint == "rank", ind.indicator_code
        if ind.measure_hint == "level" and not ind.name_zh.endswith("指数"):  # an index may be written in percent
            assert kinds[ind.unit_base] in AMOUNT_KINDS, ind.indicator_code


def test_family_members_agree() -> None:
    catalogue = load_catalogue()
    families = {tuple(m.values()) for c in catalogue if (m := family_members(c))}
    assert ("hte_new", "hte_total") in families and len(families) >= 10
    for new, total in families:
        assert catalogue[new].unit_base == catalogue[total].unit_base
        assert (catalogue[new].stock_or_flow, catalogue[total].stock_or_flow) == ("flow", "stock")


def test_every_alias_points_to_a_code_and_every_code_has_an_alias() -> None:
    catalogue, aliases = load_catalogue(), load_aliases()
    assert {a.indicator_code for a in aliases} == set(catalogue)


def test_aliases_are_found_by_the_mapper() -> None:
    """Data consistency: each alias, read as a phrase, maps to its own code (or its family member)."""
    catalogue, aliases = load_catalogue(), load_aliases()
    texts = [a.alias for a in aliases]
    wrong = []
    for alias in aliases:
        unit = catalogue[alias.indicator_code].unit_base
        got = map_phrase(alias.alias, unit)
        accepted = {alias.indicator_code, *(family_members(alias.indicator_code) or {}).values()}
        if texts.count(alias.alias) == 1 and got not in accepted:
            wrong.append((alias.alias, alias.indicator_code, got))
    assert not wrong


@pytest.mark.parametrize("word", ["企业", "项目", "人才", "平台", "投资", "科技", "创新", "贷款", "基金", "工程师", "综合体"])
def test_generic_words_are_not_aliases(word: str) -> None:
    assert word not in {a.alias for a in load_aliases()}
    assert map_phrase(word) is None


def test_stock_flow_and_reject_markers_are_data() -> None:
    assert {m.reading for m in load_markers()} == {"stock", "flow"}
    assert "申报" in load_reject_markers()


def test_every_family_follows_new_and_total_markers() -> None:
    """For each family, its plain name with 新增 / 累计 / 累计新增 in front picks the right member."""
    catalogue, aliases = load_catalogue(), load_aliases()
    markers = [m.marker for m in load_markers()]
    families = {tuple(m.values()) for c in catalogue if (m := family_members(c))}
    for new, total in families:
        names = [a.alias for a in aliases if a.indicator_code == total and not any(m in a.alias for m in markers)]
        plain = min(names, key=len)
        assert map_phrase("新增" + plain) == new, plain
        assert map_phrase("累计" + plain) == total, plain
        assert map_phrase("累计新增" + plain) == new, plain
        assert map_phrase(plain + "总数") == total, plain


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("hte_new,新增高新技术企业,New HTE,家,true,flow,level,enterprise,x\n"
         "hte_new,高新技术企业,HTE,家,true,stock,level,enterprise,x\n", "duplicate indicator_code 'hte_new'"),
        ("hte_new,新增高新技术企业,New HTE,户数,true,flow,level,enterprise,x\n", "unit_base='户数'"),
        ("hte_new,新增高新技术企业,New HTE,家,yes,flow,level,enterprise,x\n", "is_additive='yes'"),
        ("HTE-new,新增高新技术企业,New HTE,家,true,flow,level,enterprise,x\n", "indicator_code='HTE-new'"),
        ("hte_new,新增高新技术企业,New HTE,家,true,annual,level,enterprise,x\n", "stock_or_flow='annual'"),
        ("hte_new,,New HTE,家,true,flow,level,enterprise,x\n", "empty name_zh"),
    ],
)
def test_bad_catalogue_rows_are_named(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "indicators.csv"
    header = "indicator_code,name_zh,name_en,unit_base,is_additive,stock_or_flow,measure_hint,category,description\n"
    path.write_text(header + text, encoding="utf-8")
    with pytest.raises(CatalogueError, match="indicators.csv:") as err:
        read_catalogue(path)
    assert message in str(err.value)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("高企,hte_neww,1", "'hte_neww' is not in"),
        ("“高企”,hte_new,1", "normalised"),
        ("高,hte_new,1", ">= 2 chars"),
        ("新增高企,hte_new,first", "priority 'first'"),
    ],
)
def test_bad_alias_rows_are_named(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "aliases.csv"
    path.write_text(f"alias,indicator_code,priority\n{row}\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="aliases.csv:2") as err:
        read_aliases(path, load_catalogue())
    assert message in str(err.value)


# ---------------------------------------------------------------- normalise_phrase


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("“揭榜挂帅”项目", "揭榜挂帅项目"),
        ("入选省“鲲鹏行动”计划", "入选省鲲鹏行动计划"),
        ("「科技飞地」", "科技飞地"),
        (" 新增高新技术企业 ", "新增高新技术企业"),
        ("技术交易总额为", "技术交易总额"),
        ("技术合同交易额达", "技术合同交易额"),
        ("新增各类人才达到", "新增各类人才"),
        ("规上工业研发费用占营业收入的", "规上工业研发费用占营业收入"),
        ("新入驻企业（项目）分别为", "新入驻企业(项目)"),
        ("r&d经费支出", "R&D经费支出"),
        ("Ｒ＆Ｄ人员", "R&D人员"),
        ("高新技术企业，", "高新技术企业"),
        ("的", "的"),
    ],
)
def test_normalise_phrase(phrase: str, expected: str) -> None:
    assert normalise_phrase(phrase) == expected


# ---------------------------------------------------------------- map_phrase: hand-checked cases

CORPUS_WORDINGS = [
    ("新增高新技术企业", None, "hte_new"),
    ("培育国家高新技术企业", "家", "hte_new"),
    ("国家高新技术企业（累计）", "家", "hte_total"),
    ("国家高新技术企业累计总数", "家", "hte_total"),
    ("国家级高新技术企业", "家", "hte_total"),
    ("高新技术企业数", "家", "hte_total"),
    ("新增高新技术企业培育库入库企业", "家", "hte_reserve"),
    ("高新技术企业培育对象", "家", "hte_reserve"),
    ("通过高新技术企业重新认定企业", "家", "hte_recertified"),
    ("每千家企业中高新技术企业", "家", "hte_per_1000_enterprises"),
    ("国家级高新技术企业占规模以上企业比重", None, "hte_share_of_above_scale"),
    ("新增省科技型中小企业", "家", "sme_prov_new"),
    ("省科技型中小企业数", "家", "sme_prov_total"),
    ("认定省科技型企业", "家", "sme_prov_new"),
    ("新增国家科技型中小企业", "家", "sme_national_new"),
    ("新增省高成长科技型中小企业", "家", "sme_high_growth_prov_new"),
    ("省创新型领军企业", "家", "innovation_leader_prov_total"),
    ("规上工业研发费用", None, "rd_expense_above_scale_industry"),
    ("规上工业企业R&D经费投入", "CNY", "rd_expense_above_scale_industry"),
    ("规上企业研发投入占营业收入", None, "rd_expense_ratio_above_scale_industry"),
    ("规上工业研发费占营业收入比重", None, "rd_expense_ratio_above_scale_industry"),
    ("R&D研发投入占GDP比重", None, "rd_intensity"),
    ("高新技术产业增加值", "CNY", "hi_tech_industry_va"),
    ("高新技术产业增加值占规上工业增加值比重", None, "hi_tech_industry_va_share"),
    ("高新技术产业投资", None, "hi_tech_industry_investment"),
    ("技术交易总额", "CNY", "tech_transaction_value"),
    ("技术合同交易额", "CNY", "tech_transaction_value"),
    ("技术输出合同金额", "CNY", "tech_transaction_value"),
    ("登记技术输出合同", "份", "tech_contracts_registered"),
    ("使用创新券", "CNY", "innovation_vouchers_used"),
    ("发放创新券", "CNY", "innovation_vouchers_issued"),
    ("科技贷款授信", "CNY", "st_credit_amount"),
    ("获得科技贷款授信企业", "家", "st_credit_enterprises"),
    ("对全市企业授信", "家", "st_credit_enterprises"),  # 共对全市1668家企业授信15.12亿元
    ("帮助企业获得科技贷款授信", "家", "st_credit_enterprises"),  # 已帮助13家企业获得科技贷款授信1.6亿元
    ("企业获得科技贷款授信", "CNY", "st_credit_amount"),
    ("发放贷款", "家", "st_loan_enterprises"),
    ("发放贷款", "亿元", "st_loans_issued"),
    ("新增科技贷款", "CNY", "st_loans_issued"),
    ("新引育院士", "人", "academicians_new"),
    ("中外院士", "人", "academicians_total"),
    ("引育高层次人才", "人", "high_level_talent_new"),
    ("集聚各类人才", "人", "talent_total"),
    ("入选省“鲲鹏行动”计划", "人", "kunpeng_talent"),
    ("新选派科技特派员", "人", "st_commissioners_new"),
    ("建立院士专家工作站", "家", "academician_workstations_new"),
    ("新增高能级创新平台", "个", "high_energy_platform_new"),
    ("新型研发机构(创新载体)", "家", "new_rd_institutions_total"),
    ("市级以上重点实验室", "家", "key_lab_total"),
    ("省级重点企业研究院", "家", "ent_research_institute_key_prov"),
    ("省级高新技术企业研发中心", "家", "rd_center_prov_total"),
    ("入选省级产业创新服务综合体创建名单", "家", "industry_innovation_complex_prov_new"),
    ("市级及以上综合体", "家", "industry_innovation_complex_total"),
    ("新增省级众创空间", "家", "maker_spaces_prov_new"),
    ("新增省级星创天地", "家", "star_innovation_spaces_new"),
    ("累计建成科技飞地", "家", "tech_enclaves_total"),
    ("新入驻企业（项目）", "家", "settled_enterprises_new"),
    ("科技飞地总建筑面积", "m2", "facility_floor_area"),
    ("科创子基金总规模", "CNY", "st_fund_size"),
    ("享受研发费用加计扣除企业数", None, "rd_super_deduction_enterprises"),
    ("加计扣除额", None, "rd_super_deduction_amount"),
    ("国家科技进步奖二等奖", "项", "st_awards_national"),
    ("获省科技进步二等奖成果", "项", "st_awards_prov"),
    ("科技成果拍卖成交金额", "CNY", "st_achievement_auction_value"),
    ("科技进步变化综合评价位次", None, "st_progress_evaluation_rank"),
    ("国家高新区排名", None, "hi_tech_zone_rank"),
    ("省级高新区", "个", "hi_tech_zones_prov"),
]

OTHER_WORDINGS = [
    ("全区综合科技创新水平指数", "%", "innovation_level_index"),  # 某自治区 writes the index in percent: a level
    ("综合科技创新指数", "%", "innovation_level_index"),
    ("综合科技创新水平", None, "regional_innovation_capability_rank"),
    ("新认定国家高新技术企业", None, "hte_new"),
    ("累计新增高新技术企业", None, "hte_new"),
    ("全市共有高新技术企业", "家", "hte_total"),
    ("有效期内高新技术企业总数", "家", "hte_total"),
    ("全社会R&D经费支出占GDP比重", None, "rd_intensity"),
    ("研发经费投入强度", None, "rd_intensity"),
    ("全社会研发投入强度", None, "rd_intensity"),  # 强度: the intensity, not the longer amount alias 全社会R&D投入
    ("全省全社会R&D投入强度", "%", "rd_intensity"),
    ("全社会研发投入", "亿元", "rd_expenditure"),  # without 强度 the amount stands
    ("全省规模以上高技术产业增加值", "亿元", "high_tech_industry_va"),  # NBS 高技术产业, not 高新技术产业
    ("高新技术产业增加值", "亿元", "hi_tech_industry_va"),
    ("高技术制造业增加值", "亿元", "high_tech_manufacturing_va"),
    ("全社会R&D经费支出", "亿元", "rd_expenditure"),
    ("规上工业研发投入强度", None, "rd_expense_ratio_above_scale_industry"),
    ("规模以上工业企业研发费用", "亿元", "rd_expense_above_scale_industry"),
    ("技术合同成交额", "亿元", "tech_transaction_value"),
    ("技术市场成交额", "亿元", "tech_transaction_value"),
    ("有效发明专利", "件", "invention_patents_valid"),
    ("每万人发明专利拥有量", None, "invention_patents_per_10k_people"),
    ("每万人口高价值发明专利拥有量", None, "high_value_invention_patents_per_10k_people"),
    ("发明专利授权量", "件", "invention_patent_grants"),
    ("发明专利申请量", "件", "invention_patent_applications"),
    ("PCT国际专利申请", "件", "pct_applications"),
    ("财政科技支出占一般公共预算支出比重", None, "fiscal_st_expenditure_share"),
    ("新增国家级众创空间", "家", "maker_spaces_new"),
    ("新增省级科技企业孵化器", "家", "incubators_prov_new"),
    ("累计建成省级企业研究院", "家", "ent_research_institute_prov_total"),
    ("新建院士工作站", "家", "academician_workstations_new"),
    ("新增省级重点实验室", "家", "key_lab_prov"),
    ("科技贷款余额", "亿元", "st_loans_balance"),
    ("知识产权质押融资", "亿元", "ip_pledge_financing"),
    ("高新技术产业增加值占比", None, "hi_tech_industry_va_share"),
    ("战略性新兴产业增加值", "亿元", "strategic_emerging_industry_va"),
    ("科技进步贡献率", None, "st_progress_contribution_rate"),
    ("R&D人员", "人", "rd_personnel"),
    ("研发费用加计扣除额", "亿元", "rd_super_deduction_amount"),
    ("研发后补助资金", "万元", "rd_post_subsidy_amount"),
    ("创新券使用额", "万元", "innovation_vouchers_used"),
    ("专精特新“小巨人”企业", "家", "little_giant"),
    ("全国科技创新百强县", None, "top100_innovation_county_rank"),
    ("区域创新指数", None, "innovation_index_rank"),
    ("省科学技术进步奖", "项", "st_awards_prov"),
    ("新增省级产业创新服务综合体", "家", "industry_innovation_complex_prov_new"),
    ("产业创新服务综合体总数", "家", "industry_innovation_complex_total"),
    ("在孵企业", "家", "settled_enterprises_total"),
    ("登记技术合同", "项", "tech_contracts_registered"),
    ("技术经纪人", "人", "tech_brokers"),
    ("科普活动", "场", "sci_pop_events"),
    ("累计为科技型企业授信", "家", "st_credit_enterprises"),
    ("助力中小企业获得科技贷款授信", "家", "st_credit_enterprises"),
]

NOT_INDICATORS = [
    "企业", "规上企业", "服务企业", "企业数", "重点项目", "项目", "人才", "产值", "总投资",
    "城市综合体", "人均GDP", "拟认定高新技术企业", "推荐申报省科技型中小企业",
    "提高企业研发能力", "局属党支部改选", "批示科技相关工作", "科技特派员工作站", "发明专利(发明产业化项目所含)",
    "省科技特派员通过线上+线下开展服务", "科技特派员深入田间地头开展服务",  # services rendered, not commissioners
    "受理项目申报", "征集意向企业",
]


@pytest.mark.parametrize(("phrase", "unit", "code"), CORPUS_WORDINGS + OTHER_WORDINGS)
def test_map_phrase(phrase: str, unit: str | None, code: str) -> None:
    assert map_phrase(phrase, unit) == code


@pytest.mark.parametrize("phrase", NOT_INDICATORS)
def test_phrases_that_are_not_indicators_do_not_map(phrase: str) -> None:
    assert map_phrase(phrase) is None


@pytest.mark.parametrize(
    ("phrase", "unit", "code"),
    [
        ("授信企业", "家", "st_credit_enterprises"),
        ("授信企业", "亿元", "st_credit_amount"),  # 对1668家企业授信15.12亿元: the amount
        ("国家创新型城市", None, "innovative_city_rank"),
        ("国家创新型城市", "个", None),  # a count of cities is not the rank indicator
        ("累计为科技型企业授信", "亿元", "st_credit_amount"),  # the same words, an amount: the credit granted
        ("科技贷款授信", None, "st_credit_amount"),  # no unit: the amount, the canonical reading
        ("企业授信", "%", "st_credit_amount"),
        ("科技特派员开展服务", "人次", None),
        ("央视新闻联播报道温州企业研发投入工作", "分钟", None),
        ("新增高新技术企业", "%", "hte_new"),  # share/growth units do not restrict
        ("新增高新技术企业", "rank", "hte_new"),
    ],
)
def test_unit_hint_restricts_to_the_same_kind(phrase: str, unit: str | None, code: str | None) -> None:
    assert map_phrase(phrase, unit) == code


def test_unknown_unit_hint_is_an_error() -> None:
    with pytest.raises(UnknownUnitError):
        map_phrase("新增高新技术企业", "吋")


def test_match_explains_the_choice() -> None:
    match = match_phrase("国家高新技术企业累计总数")
    assert match is not None and match.alias.alias == "国家高新技术企业"
    assert match.marker is not None and match.marker.reading == "stock"
    assert match.indicator_code == "hte_total"


# ---------------------------------------------------------------- the gold files


def test_gold_indicator_keys_mostly_map() -> None:
    rows = gold_rows()
    assert len(rows) > 250
    mapped = [r for r in rows if map_phrase(r["indicator_key"], gold_unit(r))]
    share = len(mapped) / len(rows)
    unmapped = sorted({r["indicator_key"] for r in rows} - {r["indicator_key"] for r in mapped})
    print(f"\ngold rows mapped: {len(mapped)}/{len(rows)} = {share:.1%}; unmapped keys ({len(unmapped)}): {unmapped}")
    assert share >= 0.70


def test_gold_level_units_agree_in_kind() -> None:
    catalogue, kinds = load_catalogue(), base_unit_kinds()
    mismatched = []
    for row in gold_rows():
        code = map_phrase(row["indicator_key"], gold_unit(row))
        if code and row["measure"] == "level":
            if kinds[catalogue[code].unit_base] != kinds[row["unit_base"]]:
                mismatched.append((row["indicator_key"], row["unit_base"], code))
    assert not mismatched


def test_gold_stock_rows_map_to_total_members() -> None:
    """A gold row flagged cumulative whose phrase says 累计/总数/拥有 maps to the `_total` member."""
    stock_markers = [m.marker for m in load_markers() if m.reading == "stock" and m.priority <= 2]
    checked = 0
    for row in gold_rows():
        code = map_phrase(row["indicator_key"], gold_unit(row))
        phrase = row["indicator_key"]
        if not (code and family_members(code) and row["measure"] == "level"):
            continue
        if any(m in phrase for m in stock_markers) and "新增" not in phrase:
            checked += 1
            assert row["is_cumulative"] == "true" and code.endswith("_total"), (phrase, code)
    assert checked >= 4


def test_gold_flow_marked_rows_map_to_new_members() -> None:
    """A gold row not flagged cumulative whose phrase says 新增/新建/引进… maps to the `_new` member."""
    flow_markers = [m.marker for m in load_markers() if m.reading == "flow" and m.priority <= 3]
    agree = total = 0
    for row in gold_rows():
        code = map_phrase(row["indicator_key"], gold_unit(row))
        if code and family_members(code) and row["is_cumulative"] == "false" and row["measure"] == "level":
            if any(m in row["indicator_key"] for m in flow_markers):
                total += 1
                agree += code.endswith("_new")
    assert total >= 20 and agree == total


# ---------------------------------------------------------------- wordings of other regions (our own phrases)

REAL_PHRASINGS = [
    ("规模以上工业企业研究与试验发展(R&D)经费支出", "亿元", "rd_expense_above_scale_industry"),  # 规模以上 = 规上, 研究与试验发展 = R&D
    ("全省研究与试验发展经费投入总量", "亿元", "rd_expenditure"),
    ("基础研究经费占R&D经费比重", None, "basic_research_share"),
    ("高等学校R&D经费", "亿元", "rd_expenditure_universities"),
    ("政府属研究机构R&D经费支出", "亿元", "rd_expenditure_gov_institutes"),
    ("争取上级科技项目资金", "万元", "st_funds_won"),
    ("高企数量", "家", "hte_total"),  # 高企 = 高新技术企业
    ("新认定高企", "家", "hte_new"),
    ("技术合同成交总额", "亿元", "tech_transaction_value"),
    ("技术开发合同成交额", "亿元", "tech_development_contract_value"),
    ("高新区营业总收入", "亿元", "operating_revenue"),
    ("园区规上工业总产值", "亿元", "industrial_output"),
    ("全区专精特新中小企业", "家", "specialised_sme_total"),
    ("新增省级工程技术研究中心", "家", "eng_research_centers_new"),
    ("自治区科学技术奖", "项", "st_awards_prov"),  # an autonomous region is a province
    ("市科学技术进步奖", "项", "st_awards_any"),
    ("全市有效专利", "件", "patents_valid"),
    ("科技进步对全县经济增长的贡献率", None, "st_progress_contribution_rate"),  # 全县 is a filler
    ("R&D人员全时当量", "人年", "rd_personnel_fte"),
    ("技改投资", None, "tech_upgrade_investment"),
    ("国家自然科学基金项目", "项", "nsfc_projects"),
]


@pytest.mark.parametrize(("phrase", "unit", "code"), REAL_PHRASINGS)
def test_real_phrasings_map(phrase: str, unit: str | None, code: str) -> None:
    assert map_phrase(phrase, unit) == code


@pytest.mark.parametrize(
    "phrase",
    ["研发", "科技局干部", "新增用地", "推荐申报国家科技型中小企业", "提高企业研发能力", "发展", "创新",
     "组织专家开展调研", "城市品牌", "营商环境"],
)
def test_phrases_of_no_indicator_stay_unmapped(phrase: str) -> None:
    assert map_phrase(phrase) is None


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("技术开发合同成交额", "技术合同成交额"),  # a type of contract is not all contracts
        ("基础研究经费", "R&D经费"),
        ("高技术制造业增加值", "高新技术产业增加值"),  # NBS high-tech manufacturing ≠ high-tech industry
        ("有效专利", "有效发明专利"),
        ("省实验室", "省重点实验室"),
        ("省级以上高新区", "省级高新区"),
        ("工业总产值", "高新技术产业产值"),
        ("国家科学技术奖", "省科学技术奖"),
        ("贷款余额", "发放贷款"),
    ],
)
def test_different_concepts_do_not_collapse(one: str, other: str) -> None:
    """The scorer compares indicators through map_phrase: two concepts must keep two codes."""
    assert map_phrase(one) and map_phrase(other) and map_phrase(one) != map_phrase(other)


def test_synonyms_guard_their_neighbours() -> None:
    """高企 = 高新技术企业, but not inside 提高企业."""
    assert canonical("提高企业研发能力") == "提高企业R&D能力"
    assert canonical("新增高企") == "新增高新技术企业"


# ---------------------------------------------------------------- catalogue grown from the wild corpus (own wordings)

GROWN_FAMILIES = [
    ("全县科技局干部走访服务企业", "家次", "enterprises_visited"),
    ("举办科技政策专题培训", "场", "training_events"),
    ("培训农民", "人次", "trainees"),
    ("培训企业", "家", "trained_enterprises"),  # 培训企业超2500家: the enterprises reached by trainings
    ("走访对接企业", "家次", "enterprises_visited"),
    ("组织产学研对接会", "场", "matchmaking_events"),
    ("与省农科院签订战略合作协议", "份", "cooperation_agreements"),
    ("科技成果推介会签约总金额", "亿元", "signed_contract_value"),
    ("主流媒体宣传报道", "篇", "media_reports"),
    ("全年新签约项目", "个", "investment_projects"),
    ("科创园二期项目总投资", "亿元", "project_investment"),
    ("全市新设立各类市场主体", "万户", "market_entities_new"),
    ("年末实有市场主体", "万户", "market_entities_total"),
    ("新注册成立科技型企业", "家", "tech_enterprises_new"),
    ("累计培育科技型企业", "家", "tech_enterprises_total"),
    ("有研发活动的规模以上工业企业", "家", "rd_active_enterprises"),
    ("有研发活动的企业占规上工业企业比重", None, "rd_activity_coverage"),
    ("高新区企业技术收入", "亿元", "tech_revenue"),
    ("国家高新区技工贸总收入", "亿元", "tech_industry_trade_revenue"),
    ("高新技术产业出口交货值", "亿元", "export_delivery_value"),
    ("全年实际利用外资", "亿美元", "foreign_investment_used"),
    ("新能源汽车产业产值", "亿元", "industry_output_value"),
    ("园区企业研究开发费用", "亿元", "rd_expense"),
    ("规上工业企业研究开发费用", "亿元", "rd_expense_above_scale_industry"),  # the longer, specific alias
    ("大中型工业企业研发项目", "个", "rd_projects"),
    ("原始创新力", None, "city_original_innovation_rank"),
    ("创新驱动力", None, "city_innovation_drive_rank"),
    ("高新技术产业化水平指数", None, "hi_tech_industrialisation_index_rank"),
    ("专利综合实力指数", None, "patent_strength_index_rank"),
    ("科技活动人员", "人", "st_personnel"),
    ("技术先进型服务企业", "家", "advanced_tech_service_enterprises"),
    ("国家工程实验室", "家", "eng_labs"),
    ("产业技术研究院", "家", "industry_tech_institutes"),
    ("入选国家先进制造业集群", "个", "advanced_manufacturing_clusters"),
    ("公民具备科学素质的比例", None, "scientific_literacy_rate"),
    ("省自然科学基金资助项目", "项", "prov_nsf_projects"),
    ("城镇调查失业率", None, "unemployment_rate_surveyed"),
    ("全年粮食总产量", "万吨", "grain_output"),
    ("农村居民人均可支配收入", "元", "disposable_income_per_capita"),  # 人均 inside the alias does not reject
    ("成交技术合同", "项", "tech_contracts_registered"),
    ("成交技术合同", "亿元", "tech_transaction_value"),  # the unit decides, as for 发放贷款
    ("财政科学技术支出", "亿元", "fiscal_st_expenditure"),
    ("基础研究", "亿元", "basic_research_expenditure"),  # a list item of 基础研究、应用研究和试验发展经费
    ("授予专利权", "件", "patent_grants"),
    ("高新技术产业总产值", "亿元", "hi_tech_industry_output"),
    ("人才规模", "万人", "talent_total"),
    ("各类双创载体", "家", "incubation_platforms"),
    ("企业共拥有知识产权", "件", "ip_rights"),
    ("推广新品种创造经济效益", "亿元", "st_economic_benefit"),
    ("获得省级财政资金支持", "万元", "st_project_funding"),
    ("市级科技计划立项支持", "项", "st_plan_projects"),  # the same words, a count: the projects
    ("市级科技计划立项支持", "万元", "st_project_funding"),
    ("规上企业享受研发加计扣除", "家", "rd_super_deduction_enterprises"),
    ("三个县获批国家创新型县", "个", "innovative_counties"),
    ("列入上市后备企业", "家", "listing_reserve_enterprises"),
    ("高新区“绿色发展和宜居包容性”排名", None, "hi_tech_zone_dimension_rank"),
    ("完成技术改造项目", "个", "tech_upgrade_projects"),
    ("张榜后成功揭榜项目", "项", "open_competition_projects"),
    ("全国科技创新百强区", None, "top100_innovation_county_rank"),
    ("在创新应用类别城市中", None, "innovative_city_rank"),  # a rank within the city's category
    ("在创新应用类别城市中", "个", None),  # a count of cities is no rank
    ("市级产业创新综合体", "家", "industry_innovation_complex_total"),
    ("向国家推荐备案高新技术企业", "家", "hte_applications"),
    ("高新区税收收入", "亿元", "taxes_paid"),
]


GROWN_FROM_UNMAPPED = [  # session 5: concepts the wild and dev reports count that had no code (own wordings)
    ("数字经济对全县经济增长的贡献率", None, "growth_contribution_rate"),
    ("战略性新兴产业对规上工业增长贡献率", None, "growth_contribution_rate"),
    ("全区固定资产投资", "亿元", "fixed_asset_investment"),
    ("在全省创新型城市监测中综合得分", "分", "evaluation_score"),
    ("区域科技创新能力评价得分", "分", "evaluation_score"),  # points: the score, not the rank
    ("该企业光伏支架国内市场占有率", None, "market_share"),
    ("新建概念验证和中试平台", "个", "pilot_platforms"),
    ("为农业园区征集技术难题", "项", "tech_demands_collected"),
    ("全市获中国专利金奖", "项", "china_patent_awards"),
    ("每万人科技论文数", None, "sci_papers_per_10k_people"),
    ("高校院所新设科研助理岗位", "人", "research_assistant_posts"),
    ("全县争取上级科技项目", "项", "higher_level_projects_won"),
    ("争取省级", "项", "higher_level_projects_won"),  # a count: the projects won
    ("争取省级", "万元", "st_funds_won"),  # the same words, an amount: the money won
    ("新引进高层次人才团队", "个", "innovation_team_new"),
    ("全市新纳入培育入库企业", "家", "hte_reserve"),
    ("推动科技成果转化应用", "项", "st_achievement_transfer_projects"),
    ("园区企业实现总收入", "亿元", "operating_revenue"),
    ("高新技术企业出口", "亿美元", "exports"),
    ("年内新遴选支持青年科技人才团队来南平创业", "个", "innovation_team_new"),  # 新遴选: additions
    ("新评估命名省级工程研究中心", "家", "eng_research_centers_new"),  # 新评估命名: additions
    ("新认定省级孵化器", "家", "incubators_prov_new"),  # a level item carried from 新认定国家级孵化器
]


@pytest.mark.parametrize(("phrase", "unit", "code"), GROWN_FROM_UNMAPPED)
def test_catalogue_grown_from_unmapped_phrases(phrase: str, unit: str | None, code: str) -> None:
    assert map_phrase(phrase, unit) == code


@pytest.mark.parametrize(
    ("phrase", "unit"),
    [
        ("举办技术需求对接会", "场"),  # an event is counted, not the needs (it stays matchmaking_events)
        ("中试平台", "亿元"),  # money is no count of platforms
    ],
)
def test_grown_concepts_keep_to_their_unit(phrase: str, unit: str) -> None:
    assert map_phrase(phrase, unit) not in {"tech_demands_collected", "evaluation_score", "pilot_platforms"}


@pytest.mark.parametrize(("phrase", "unit", "code"), GROWN_FAMILIES)
def test_grown_families_map(phrase: str, unit: str | None, code: str) -> None:
    assert map_phrase(phrase, unit) == code


MAPPER_NORMALISATION = [
    ("技术合(hé)同成交额", "亿元", "tech_transaction_value"),  # pinyin glosses of a PDF are dropped
    ("省级重点实验室(含", "家", "key_lab_prov"),  # a bracket left open by the phrase end
    ("工程技术研究中心(院", "家", "eng_research_centers_total"),
    ("规上工业企业的研发费用", "亿元", "rd_expense_above_scale_industry"),  # 的 between the words
    ("园区高新技术产品实现销售收入", "亿元", "hi_tech_product_revenue"),  # a verb between subject and noun
    ("研究开发人员", "人", "rd_personnel"),  # 研究开发 = R&D
    ("规上科技服务业营收", "亿元", "st_service_industry_revenue"),  # 营收 = 营业收入
    ("省级及以上高新区", "个", "hi_tech_zones_total"),  # 及以上 = 以上
    ("新注册市场主体", "户", "market_entities_new"),  # 新注册 marks additions
]


@pytest.mark.parametrize(("phrase", "unit", "code"), MAPPER_NORMALISATION)
def test_mapper_reads_through_fillers_and_glosses(phrase: str, unit: str | None, code: str) -> None:
    assert map_phrase(phrase, unit) == code


@pytest.mark.parametrize(
    ("phrase", "unit"),
    [
        ("日均新设市场主体", "户"),  # a per-day average is not the period's count
        ("平均每家高新技术企业营业收入", "亿元"),  # a per-enterprise average is not the total
        ("基础研究", "项"),  # a count of projects is not the expenditure
        ("成交额", "项"),
        ("总投资", "亿元"),  # bare: whose investment the clause must say
        ("投资", None),
        ("产值", "亿元"),
        ("规上工业企业", "家"),  # a subject, not an indicator
    ],
)
def test_grown_catalogue_keeps_generic_and_average_phrases_unmapped(phrase: str, unit: str | None) -> None:
    assert map_phrase(phrase, unit) is None


@pytest.mark.parametrize(
    "phrase",
    ["申报国家高新技术企业", "申报高企", "全年高新技术企业注册申报", "全省共申报推荐高新技术企业",
     "县科技局推荐重点企业申报高新技术企业"],  # 推荐 outside the alias describes the same applicants
)
def test_applicants_are_their_own_indicator_not_the_recognised_enterprises(phrase: str) -> None:
    """申报 still keeps applicants out of hte_new / hte_total: they count under hte_applications."""
    assert map_phrase(phrase, "家") == "hte_applications"
    assert map_phrase(phrase, "家") not in family_members("hte_new").values()


@pytest.mark.parametrize(
    ("phrase", "unit", "code"),
    [
        ("园区高新技术企业科技活动人员", "人", "st_personnel"),  # people, not the enterprises they work in
        ("园区高新技术企业科技活动人员", "万人", "st_personnel"),
        ("参加企业研发项目人员", "人", None),  # people on projects are no count of projects
        ("征集外国专家合作项目", "项", None),  # projects are no count of experts
        ("新认定高新技术企业", "家", "hte_new"),
    ],
)
def test_counts_of_people_and_of_things_do_not_mix(phrase: str, unit: str, code: str | None) -> None:
    assert map_phrase(phrase, unit) == code
