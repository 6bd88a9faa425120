"""`python -m loaders chart`: PNG and SVG of an indicator by year, Chinese labels drawn with a font that has
their glyphs (not boxes), targets dashed, conflicting years ringed."""
from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from analyst_helpers import run_cli
from loaders.analysis import MEASURE_ZH, Indicator, YearPoint
from loaders.charts import draw_chart, scale_for
from loaders.fonts import CjkFont, cjk_font

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_the_resolved_font_has_glyphs_for_chinese_labels() -> None:
    font = cjk_font()
    assert font.missing_glyphs("鹿城区平阳县科技型中小企业研发投入占比第一") == []


def test_a_latin_font_is_caught_missing_chinese_glyphs() -> None:
    from matplotlib import font_manager

    dejavu = CjkFont(Path(font_manager.findfont("DejaVu Sans")), "DejaVu Sans")
    assert dejavu.missing_glyphs("衢州市A") == ["衢", "州", "市"]


def _glyph_ids(font: CjkFont, text: str) -> set[str]:
    from matplotlib.ft2font import FT2Font

    face = FT2Font(str(font.path))
    return {f"{face.postscript_name}-{face.get_char_index(ord(ch)):x}" for ch in set(CJK.findall(text))}


def test_svg_draws_every_chinese_character_from_the_cjk_font(tmp_path) -> None:
    points = [YearPoint("330324", "永嘉县", 2021, "actual", 12.0, "家", False, 1, "a"),
              YearPoint("330324", "永嘉县", 2022, "target", 20.0, "家", False, 1, "b"),
              YearPoint("330326", "平阳县", 2021, "actual", 9.0, "家", True, 2, "c")]
    indicator = Indicator("hte_new", "新增高新技术企业", "National high-tech enterprises: newly added", "家")
    text = draw_chart(indicator, "level", points, tmp_path / "c.svg")
    svg = (tmp_path / "c.svg").read_text(encoding="utf-8")
    assert "永嘉县（目标）" in text.legend and "来源不一致" in text.legend
    missing = [g for g in _glyph_ids(cjk_font(), text.all_text()) if f'id="{g}"' not in svg]
    assert missing == [], f"glyphs not drawn from the CJK font: {missing}"
    assert "stroke-dasharray" in svg, "targets are drawn dashed"
    assert "#ff0000" in svg, "the conflicting year is ringed in red"


def test_yuan_are_shown_in_yi_or_wan() -> None:
    assert scale_for("CNY", [1.6e8, 3e9]).label == "亿元"
    assert scale_for("CNY", [25000.0]).label == "万元"
    assert scale_for("家", [550]).label == "家"


def test_chart_command_writes_png_and_svg(built_warehouse: Path, tmp_path) -> None:
    with duckdb.connect(str(built_warehouse), read_only=True) as con:
        code, name, measure, region = con.execute(
            "select y.indicator_code, i.name_zh, y.measure, min(r.name_zh) from marts.fct_indicator_year y "
            "join marts.dim_indicator i using (indicator_code) join marts.dim_region r using (region_code) "
            "group by all order by count(*) desc, 1, 3 limit 1").fetchone()
    out = run_cli(built_warehouse, "chart", name, "--measure", measure, "--region", region, "--out", str(tmp_path / "c"))
    assert out.returncode == 0, out.stderr
    png, svg = tmp_path / "c.png", tmp_path / "c.svg"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<?xml") and code in out.stderr
    assert MEASURE_ZH[measure] in out.stderr or region in out.stderr


def test_chart_command_names_an_unknown_indicator(built_warehouse: Path, tmp_path) -> None:
    out = run_cli(built_warehouse, "chart", "不存在的指标", "--out", str(tmp_path / "x.png"))
    assert out.returncode == 2 and "不存在的指标" in out.stderr and not (tmp_path / "x.png").exists()


def test_chart_command_refuses_another_format(built_warehouse: Path, tmp_path) -> None:
    out = run_cli(built_warehouse, "chart", "hte_new", "--out", str(tmp_path / "x.pdf"))
    assert out.returncode == 2 and ".png or .svg" in out.stderr
