"""The report's reads: public tables (FACTS.md sections 1-2) and marts.review_* only."""
from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from loaders.analysis import Indicator, YearPoint

DOCUMENT_LINK_COLUMNS = ("document_id",)
OBSERVATION_LINK_COLUMNS = ("observation_id",)


@dataclass
class Cell:
    point: YearPoint
    sources: list[dict] = field(default_factory=list)  # {document_id, observation_id, value_base}


@dataclass
class RegionBlock:
    """One indicator and measure of a region: its figures by status and year, and their source observations."""

    indicator: Indicator
    measure: str
    points: list[YearPoint]
    cells: dict[tuple[str, int], Cell]
    chart: str | None = None

    @property
    def years(self) -> list[int]:
        return sorted({p.period_year for p in self.points})

    @property
    def statuses(self) -> list[str]:
        return [s for s in ("actual", "target") if any(p.status == s for p in self.points)]


@dataclass(frozen=True)
class ReviewTable:
    name: str
    columns: list[str]
    rows: list[tuple]

    @property
    def title(self) -> str:
        return self.name.removeprefix("review_").replace("_", " ")


def _dicts(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict]:
    cur = con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def index_data(con: duckdb.DuckDBPyConnection) -> dict:
    regions = _dicts(con, """
        select r.region_code, r.name_zh, r.name_en, r.level, count(*) as n_observations,
               count(distinct o.document_id) as n_documents, count(distinct o.indicator_code) as n_indicators
        from marts.fct_indicator_observation o join marts.dim_region r using (region_code)
        group by all order by r.region_code""")
    indicators = _dicts(con, """
        select i.indicator_code, i.name_zh, i.name_en, i.unit_base, count(*) as n_years,
               count(distinct y.region_code) as n_regions, count(*) filter (where y.has_conflict) as n_conflicts
        from marts.fct_indicator_year y join marts.dim_indicator i using (indicator_code)
        group by all order by n_years desc, i.indicator_code""")
    documents = _dicts(con, """
        select d.document_id, d.title, d.publisher, d.region_code, r.name_zh as region_name, d.published_on,
               (select count(*) from marts.fct_indicator_observation o where o.document_id = d.document_id) as n_observations
        from marts.dim_document d left join marts.dim_region r using (region_code) order by d.document_id""")
    return {"regions": regions, "indicators": indicators, "documents": documents}


def region_blocks(con: duckdb.DuckDBPyConnection, region_code: str) -> list[RegionBlock]:
    rows = con.execute("""
        select y.indicator_code, i.name_zh, i.name_en, i.unit_base, y.measure,
               y.region_code, r.name_zh, y.period_year, y.status, y.value_base, y.unit_base, y.has_conflict, y.n_sources
        from marts.fct_indicator_year y
        join marts.dim_indicator i using (indicator_code)
        join marts.dim_region r using (region_code)
        where y.region_code = ?
        order by y.indicator_code, y.measure, y.period_year, y.status""", [region_code]).fetchall()
    sources = _sources(con, region_code)
    blocks: dict[tuple[str, str], RegionBlock] = {}
    for code, name_zh, name_en, unit, measure, *rest in rows:
        point = YearPoint(*rest, "")
        block = blocks.setdefault((code, measure), RegionBlock(Indicator(code, name_zh, name_en, unit), measure, [], {}))
        block.points.append(point)
        block.cells[(point.status, point.period_year)] = Cell(point, sources.get((code, measure, point.status, point.period_year), []))
    return sorted(blocks.values(), key=lambda b: (b.indicator.name_zh, b.measure))


def _sources(con: duckdb.DuckDBPyConnection, region_code: str) -> dict[tuple, list[dict]]:
    """Every observation behind a region's indicator-years, by (indicator, measure, status, year)."""
    found: dict[tuple, list[dict]] = {}
    for row in _dicts(con, """
            select indicator_code, measure, status, period_year, document_id, observation_id, value_base, unit_base
            from marts.fct_indicator_observation
            where region_code = ? and indicator_code is not null
            order by document_id, char_start""", [region_code]):
        found.setdefault((row["indicator_code"], row["measure"], row["status"], row["period_year"]), []).append(row)
    return found


def region_documents(con: duckdb.DuckDBPyConnection, region_code: str) -> list[dict]:
    return _dicts(con, """
        select o.document_id, d.title, count(*) as n_observations
        from marts.fct_indicator_observation o join marts.dim_document d using (document_id)
        where o.region_code = ? group by all order by 1""", [region_code])


def document(con: duckdb.DuckDBPyConnection, document_id: str) -> dict:
    return _dicts(con, """
        select d.document_id, d.title, d.publisher, d.region_code, r.name_zh as region_name, d.published_on,
               d.source_file, d.sha256, d.body
        from marts.dim_document d left join marts.dim_region r using (region_code)
        where d.document_id = ?""", [document_id])[0]


def document_observations(con: duckdb.DuckDBPyConnection, document_id: str) -> list[dict]:
    return _dicts(con, """
        select o.observation_id, o.char_start, o.char_end, o.indicator_phrase, o.indicator_code,
               i.name_zh as indicator_name, o.measure, o.status, o.period_year, o.value, o.unit, o.value_base,
               o.unit_base, o.qualifier, o.region_code, r.name_zh as region_name, o.subject, o.sentence
        from marts.fct_indicator_observation o
        left join marts.dim_indicator i using (indicator_code)
        left join marts.dim_region r using (region_code)
        where o.document_id = ? order by o.char_start, o.char_end, o.measure""", [document_id])


def document_programmes(con: duckdb.DuckDBPyConnection, document_id: str) -> list[dict]:
    return _dicts(con, """
        select p.name_zh, p.programme_type, count(*) as n_mentions
        from marts.fct_programme_mention m join marts.dim_programme p using (programme_id)
        where m.document_id = ? group by all order by min(m.char_start)""", [document_id])


def review_tables(con: duckdb.DuckDBPyConnection) -> list[ReviewTable]:
    from loaders.export import marts_relations

    names = sorted(n for n in marts_relations(con) if n.startswith("review_"))
    tables = []
    for name in names:
        cur = con.execute(f"select * from marts.{name}")
        tables.append(ReviewTable(name, [d[0] for d in cur.description], cur.fetchall()))
    return tables


def document_queues(con: duckdb.DuckDBPyConnection, document_id: str, reviews: list[ReviewTable]) -> list[ReviewTable]:
    """The rows of the review queues that name this document (conflicts, quality flags, …)."""
    queues = []
    for table in reviews:
        if table.name == "review_unmapped_indicators":
            continue
        if "document_id" in table.columns:
            at = table.columns.index("document_id")
            rows = [r for r in table.rows if r[at] == document_id]
            if rows:
                queues.append(ReviewTable(table.name, table.columns, rows))
    unmapped = _dicts(con, """
        select indicator_phrase, count(*) as n from marts.fct_indicator_observation
        where document_id = ? and indicator_code is null group by 1 order by 2 desc, 1""", [document_id])
    if unmapped:
        queues.append(ReviewTable("review_unmapped_indicators", ["indicator_phrase", "n_observations"],
                                  [(r["indicator_phrase"], r["n"]) for r in unmapped]))
    return queues
