"""Charts of an indicator by year: one line per region, targets dashed, years whose sources disagree
(has_conflict) ringed in red. PNG or SVG through matplotlib (Agg), Chinese labels in the CJK font of
loaders.fonts."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from loaders.analysis import MEASURE_ZH, STATUS_ZH, Indicator, YearPoint
from loaders.fonts import cjk_font

FORMATS = (".png", ".svg")
CNY_SCALES = ((1e8, "亿元"), (1e4, "万元"), (1.0, "元"))
UNIT_ZH = {"CNY": "元", "%": "%", "pp": "个百分点", "x": "倍", "rank": "位次", "m2": "平方米", "km": "公里"}


@dataclass(frozen=True)
class Scale:
    divisor: float
    label: str


@dataclass(frozen=True)
class ChartText:
    """Every piece of text a chart shows (the tests check that the font has glyphs for all of it)."""

    title: str
    subtitle: str
    y_label: str
    legend: list[str]

    def all_text(self) -> str:
        return "".join([self.title, self.subtitle, self.y_label, "年份", *self.legend])


def scale_for(unit_base: str, values: list[float]) -> Scale:
    """Yuan shown in 亿元 or 万元 when large; other units as they are."""
    if unit_base == "CNY":
        top = max((abs(v) for v in values), default=0.0)
        return next(Scale(d, lbl) for d, lbl in CNY_SCALES if top >= d or d == 1.0)
    return Scale(1.0, UNIT_ZH.get(unit_base, unit_base))


def chart_text(indicator: Indicator, measure: str, points: list[YearPoint], scale: Scale) -> ChartText:
    series = sorted({(p.region_name, p.status) for p in points}, key=lambda s: (s[0], s[1]))
    legend = [f"{region}（{STATUS_ZH[status]}）" for region, status in series]
    if any(p.has_conflict for p in points):
        legend.append("来源不一致")
    return ChartText(
        title=f"{indicator.name_zh}：{MEASURE_ZH.get(measure, measure)}",
        subtitle=" · ".join([f"{indicator.name_en} ({measure})", "虚线为目标 dashed: targets",
                             *(["红圈为来源不一致的年份 ringed: sources disagree"] if any(p.has_conflict for p in points) else [])]),
        y_label=f"{MEASURE_ZH.get(measure, measure)}（{scale.label}）", legend=legend)


def draw_chart(indicator: Indicator, measure: str, points: list[YearPoint], out: Path) -> ChartText:
    """Write the chart to `out` (.png or .svg); return its text."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    if out.suffix.lower() not in FORMATS:
        raise ValueError(f"{out}: a chart is written as .png or .svg")
    font = cjk_font()
    scale = scale_for(points[0].unit_base if points else indicator.unit_base, [p.value_base for p in points])
    text = chart_text(indicator, measure, points, scale)
    with plt.rc_context({"font.family": [font.family, "DejaVu Sans"], "axes.unicode_minus": False,
                         "svg.fonttype": "path", "svg.hashsalt": "kjfacts"}):
        fig, ax = plt.subplots(figsize=(8, 4.5), dpi=110)
        _plot_series(ax, points, scale)
        ax.set_title(text.title, fontsize=14, loc="left")
        fig.text(0.01, -0.02, text.subtitle, fontsize=8, color="#555", va="top")
        ax.set_xlabel("年份")
        ax.set_ylabel(text.y_label)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.grid(alpha=0.3)
        if points:
            ax.legend(fontsize=8, loc="best")
        out.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(out, bbox_inches="tight", metadata={"Date": None} if out.suffix == ".svg" else None)
        plt.close(fig)
    return text


def _plot_series(ax, points: list[YearPoint], scale: Scale) -> None:
    regions = sorted({p.region_name for p in points})
    colours = {name: f"C{i % 10}" for i, name in enumerate(regions)}
    for region in regions:
        for status, style, marker in (("actual", "-", "o"), ("target", "--", "s")):
            series = sorted((p for p in points if p.region_name == region and p.status == status), key=lambda p: p.period_year)
            if series:
                ax.plot([p.period_year for p in series], [p.value_base / scale.divisor for p in series], style,
                        marker=marker, color=colours[region], label=f"{region}（{STATUS_ZH[status]}）",
                        markerfacecolor="white" if status == "target" else colours[region])
    conflicts = [p for p in points if p.has_conflict]
    if conflicts:
        ax.scatter([p.period_year for p in conflicts], [p.value_base / scale.divisor for p in conflicts], s=220,
                   facecolors="none", edgecolors="red", linewidths=1.8, label="来源不一致", zorder=5)
