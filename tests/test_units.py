"""The unit table (seeds/unit_factors.csv) and exact conversion to base units."""
from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from loaders.extraction.units import (
    UNIT_KINDS,
    UnitTableError,
    UnknownUnitError,
    base_unit_kinds,
    load_unit_factors,
    read_unit_factors,
    to_base,
    unit_kind,
)

# Every written unit of the FACTS.md unit_base vocabulary table.
FACTS_WRITTEN_UNITS = (
    "元 万元 亿元 千万元 百亿元 万亿元 美元 万美元 亿美元 公里 千米 平方米 万平方米 方 吨 万吨 斤 % 百分之 "
    "个百分点 倍 第 家 个 项 人 名 位 支 场 次 件 篇 张 份 例 期 届 台套 所 条 批 户 家次 人次 万人 分钟"
).split()
# Units the gold files use.
GOLD_UNITS = "亿元 万元 家 第 万吨 位 人 支 个 名 项 个位次 份 次 台套 平方米 场 万方 前% % 个百分点 例 张 万平方米 篇(次) 期 件 分钟 倍 万人 强 条 届".split()


@pytest.mark.parametrize(
    ("value", "unit", "expected", "unit_base"),
    [
        (1.6, "亿元", 160000000.0, "CNY"),
        (1.1, "亿元", 110000000.0, "CNY"),  # 1.1 * 1e8 == 110000000.00000001 in floats
        (2.72, "%", 2.72, "%"),
        (9100, "万元", 91000000.0, "CNY"),
        (0.3, "万元", 3000.0, "CNY"),
        (15.12, "亿元", 1512000000.0, "CNY"),
        (7.85, "亿元", 785000000.0, "CNY"),
        (35.6, "亿元", 3560000000.0, "CNY"),
        (1009.0, "万元", 10090000.0, "CNY"),
        (2, "千万元", 20000000.0, "CNY"),
        (3, "百万元", 3000000.0, "CNY"),
        (1.5, "万亿元", 1500000000000.0, "CNY"),
        (2.5, "万美元", 25000.0, "USD"),
        (2, "万方", 20000.0, "m2"),
        (2.3, "万平方米", 23000.0, "m2"),
        (3600, "平方米", 3600.0, "m2"),
        (3, "亩", 2000.0, "m2"),
        (16, "万吨", 160000.0, "t"),
        (100, "斤", 0.05, "t"),
        (12.5, "千米", 12.5, "km"),
        (0.1, "个百分点", 0.1, "pp"),
        (4, "倍", 4.0, "x"),
        (2, "第", 2.0, "rank"),
        (30, "强", 30.0, "rank"),
        (34, "个位次", 34.0, "rank"),
        (45, "前%", 45.0, "%"),
        (47, "名", 47.0, "人"),
        (32, "位", 32.0, "人"),
        (14.1, "万人", 141000.0, "人"),
        (300, "家次", 300.0, "家次"),
        (151, "篇（次）", 151.0, "篇"),  # fullwidth brackets as printed
        (5, "％", 5.0, "%"),  # fullwidth percent sign
        (4, "分钟", 4.0, "min"),
        (1.5, "小时", 90.0, "min"),
    ],
)
def test_to_base(value: float, unit: str, expected: float, unit_base: str) -> None:
    assert to_base(value, unit) == (expected, unit_base)


def test_to_base_is_exact_where_float_multiplication_is_not() -> None:
    values = [0.07, 1.1, 1.6, 2.06, 5.99, 9.07, 12.7, 37.36, 161.38, 630.4]
    naive_noise = [v for v in values if v * 100000000 != float(Fraction(str(v)) * 100000000)]
    assert naive_noise, "the sample should include values where naive float maths is noisy"
    for v in values:
        assert to_base(v, "亿元")[0] == float(Fraction(str(v)) * 100000000)


@pytest.mark.parametrize("unit", sorted(set(FACTS_WRITTEN_UNITS) | set(GOLD_UNITS)))
def test_vocabulary_units_are_known(unit: str) -> None:
    value_base, unit_base = to_base(1, unit)
    assert value_base > 0 and unit_base in base_unit_kinds()


@pytest.mark.parametrize("unit", ["吋", "万块", "", "亿块"])
def test_unknown_unit_raises_naming_the_unit(unit: str) -> None:
    with pytest.raises(UnknownUnitError) as err:
        to_base(1, unit)
    assert repr(unit) in str(err.value) and err.value.unit == unit


def test_non_finite_value_rejected() -> None:
    with pytest.raises(ValueError, match="finite"):
        to_base(float("nan"), "万元")


def test_each_unit_base_has_one_kind_and_counts_are_their_own_base() -> None:
    kinds = base_unit_kinds()
    assert set(kinds.values()) <= UNIT_KINDS
    table = load_unit_factors()
    for base, kind in kinds.items():
        if kind == "count":
            assert table[base].unit_base == base and table[base].factor == 1, base


@pytest.mark.parametrize(
    ("unit", "kind"),
    [("CNY", "currency"), ("亿元", "currency"), ("m2", "area"), ("万方", "area"), ("家", "count"), ("名", "count"),
     ("rank", "rank"), ("第", "rank"), ("pp", "pp"), ("x", "multiple"), ("%", "percent"), ("min", "time")],
)
def test_unit_kind(unit: str, kind: str) -> None:
    assert unit_kind(unit) == kind


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("万元,CNY,ten thousand,currency", "factor"),
        ("万元,CNY,10000,money", "kind"),
        ("万元,,10000,currency", "unit_base"),
        ("万元,CNY,0,currency", "positive"),
        ("篇（次）,篇,1,count", "NFKC"),
        ("元,CNY,1,currency", "duplicate"),
    ],
)
def test_bad_unit_rows_name_file_line_and_value(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "units.csv"
    path.write_text(f"unit,unit_base,factor,kind\n元,CNY,1,currency\n{row}\n", encoding="utf-8")
    with pytest.raises(UnitTableError, match=message) as err:
        read_unit_factors(path)
    assert "units.csv:3" in str(err.value)
