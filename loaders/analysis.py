"""Read-only questions an analyst asks of the published warehouse, on the public tables of FACTS.md
(schema `marts`): shared by `chart`, `report`, `export` and the notebook."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

MEASURE_ZH = {"level": "数值", "growth": "增长率", "share": "占比", "rank": "排名",
              "completion": "完成率", "difference": "差值"}
STATUS_ZH = {"actual": "实际", "target": "目标"}
MEASURE_PREFERENCE = ("level", "growth", "share", "rank", "completion", "difference")


class NotFound(LookupError):
    """An indicator or region the warehouse does not know; the message lists what it does know."""


@dataclass(frozen=True)
class Indicator:
    code: str
    name_zh: str
    name_en: str
    unit_base: str


@dataclass(frozen=True)
class YearPoint:
    """One row of marts.fct_indicator_year, with the region's name."""

    region_code: str
    region_name: str
    period_year: int
    status: str
    value_base: float
    unit_base: str
    has_conflict: bool
    n_sources: int
    chosen_observation_id: str


def connect(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection, so that a refresh can swap the file meanwhile (reconnect to see it)."""
    return duckdb.connect(str(path), read_only=True)


def resolve_indicator(con: duckdb.DuckDBPyConnection, text: str) -> Indicator:
    """An indicator by code, Chinese or English name (exact, else the one name containing `text`)."""
    rows = con.execute(
        "select indicator_code, name_zh, name_en, unit_base from marts.dim_indicator "
        "where ? in (indicator_code, name_zh, lower(name_en)) "
        "   or (name_zh like '%' || ? || '%') order by ? not in (indicator_code, name_zh, lower(name_en)), 1",
        [text.lower() if text.isascii() else text, text, text]).fetchall()
    exact = [r for r in rows if text in (r[0], r[1]) or text.lower() == (r[2] or "").lower()]
    if exact or len(rows) == 1:
        return Indicator(*(exact or rows)[0])
    with_data = con.execute(
        "select distinct indicator_code from marts.fct_indicator_year order by 1 limit 30").fetchall()
    hint = ", ".join(r[0] for r in rows[:10]) if rows else ", ".join(r[0] for r in with_data)
    kind = "is ambiguous; candidates" if rows else "is not in marts.dim_indicator; indicators with data"
    raise NotFound(f"indicator {text!r} {kind}: {hint}")


def resolve_regions(con: duckdb.DuckDBPyConnection, names: list[str]) -> list[str]:
    """Region codes for codes or names (全称 or 简称: 瑞安市, 瑞安)."""
    codes = []
    for name in names:
        row = con.execute(
            "select region_code from marts.dim_region where ? in (region_code, name_zh, short_name_zh, lower(name_en)) "
            "order by level = 'county' desc limit 1", [name.lower() if name.isascii() and not name.isdigit() else name]).fetchone()
        if row is None:
            raise NotFound(f"region {name!r} is not in marts.dim_region (give a code such as 330381 or a name such as 瑞安市)")
        codes.append(row[0])
    return codes


def default_measure(con: duckdb.DuckDBPyConnection, indicator_code: str) -> str:
    """The measure with the most indicator-years (level first on ties)."""
    rows = dict(con.execute(
        "select measure, count(*) from marts.fct_indicator_year where indicator_code = ? group by 1",
        [indicator_code]).fetchall())
    if not rows:
        raise NotFound(f"indicator {indicator_code!r} has no rows in marts.fct_indicator_year")
    return max(MEASURE_PREFERENCE, key=lambda m: (rows.get(m, 0), -MEASURE_PREFERENCE.index(m)))


def year_points(con: duckdb.DuckDBPyConnection, indicator_code: str, measure: str,
                regions: list[str] | None = None, max_regions: int = 8) -> list[YearPoint]:
    """The reconciled figures of one indicator and measure by region and year (both statuses)."""
    rows = con.execute(
        """
        select y.region_code, coalesce(r.name_zh, y.region_code), y.period_year, y.status, y.value_base,
               y.unit_base, y.has_conflict, y.n_sources, y.chosen_observation_id
        from marts.fct_indicator_year y
        left join marts.dim_region r using (region_code)
        where y.indicator_code = ? and y.measure = ?
        order by y.region_code, y.period_year, y.status
        """, [indicator_code, measure]).fetchall()
    points = [YearPoint(*row) for row in rows]
    if regions:
        return [p for p in points if p.region_code in regions]
    by_size: dict[str, int] = {}
    for p in points:
        by_size[p.region_code] = by_size.get(p.region_code, 0) + 1
    keep = set(sorted(by_size, key=lambda c: (-by_size[c], c))[:max_regions])
    return [p for p in points if p.region_code in keep]
