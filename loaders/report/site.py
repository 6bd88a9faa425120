"""Write the report site: index.html, regions/<code>.html, documents/<id>.html, review/<table>.html,
charts/<code>/<indicator>_<measure>.svg and style.css."""
from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
from jinja2 import Environment, PackageLoader, select_autoescape

from loaders.analysis import MEASURE_ZH, STATUS_ZH
from loaders.report import queries
from loaders.report.highlight import highlight_body, highlight_in_sentence
from loaders.report.values import format_value

MAX_CHARTS_PER_REGION = 12


@dataclass(frozen=True)
class SiteSummary:
    out_dir: Path
    n_regions: int
    n_documents: int
    n_charts: int
    review_tables: list[str]

    @property
    def index(self) -> Path:
        return self.out_dir / "index.html"


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("loaders.report", "templates"), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["value"] = format_value
    env.globals.update(MEASURE_ZH=MEASURE_ZH, STATUS_ZH=STATUS_ZH)
    return env


def build_site(warehouse: Path, out_dir: Path, charts: bool = True, progress: bool = True) -> SiteSummary:
    """Render every page from the warehouse (opened read-only) into `out_dir`."""
    env = _environment()
    out_dir.mkdir(parents=True, exist_ok=True)
    for sub in ("regions", "documents", "review", "charts"):
        shutil.rmtree(out_dir / sub, ignore_errors=True)
        (out_dir / sub).mkdir()
    shutil.copyfile(Path(__file__).with_name("style.css"), out_dir / "style.css")
    with duckdb.connect(str(warehouse), read_only=True) as con:
        index = queries.index_data(con)
        reviews = queries.review_tables(con)
        _write(env, "index.html", out_dir / "index.html", root="", **index, reviews=reviews, warehouse=warehouse.name)
        n_charts = _region_pages(con, env, out_dir, index["regions"], charts, progress)
        _document_pages(con, env, out_dir, index["documents"], reviews, progress)
        for table in reviews:
            _write(env, "review.html", out_dir / "review" / f"{table.name}.html", root="../", table=table)
    return SiteSummary(out_dir, len(index["regions"]), len(index["documents"]), n_charts, [t.name for t in reviews])


def _write(env: Environment, template: str, path: Path, **context) -> None:
    path.write_text(env.get_template(template).render(**context), encoding="utf-8")


def _progress(label: str, i: int, n: int, enabled: bool) -> None:
    if enabled and sys.stderr.isatty():
        print(f"\r{label} {i}/{n}", end="" if i < n else "\n", file=sys.stderr, flush=True)


def _region_pages(con, env, out_dir: Path, regions: list[dict], charts: bool, progress: bool) -> int:
    from loaders.charts import draw_chart

    n_charts = 0
    for i, region in enumerate(regions, 1):
        blocks = queries.region_blocks(con, region["region_code"])
        chartable = sorted((b for b in blocks if len(b.years) >= 2), key=lambda b: -len(b.points))[:MAX_CHARTS_PER_REGION] if charts else []
        for block in chartable:
            block.chart = f"../charts/{region['region_code']}/{block.indicator.code}_{block.measure}.svg"
            draw_chart(block.indicator, block.measure, block.points, out_dir / block.chart.removeprefix("../"))
        n_charts += len(chartable)
        _write(env, "region.html", out_dir / "regions" / f"{region['region_code']}.html", root="../",
               region=region, blocks=blocks, years=sorted({y for b in blocks for y in b.years}), documents=queries.region_documents(con, region["region_code"]))
        _progress("region pages", i, len(regions), progress)
    return n_charts


def _document_pages(con, env, out_dir: Path, documents: list[dict], reviews, progress: bool) -> None:
    for i, doc in enumerate(documents, 1):
        document = queries.document(con, doc["document_id"])
        rows = queries.document_observations(con, doc["document_id"])
        body = document["body"] or ""
        for row in rows:
            row["number"] = body[row["char_start"]:row["char_end"]]
            row["sentence_html"] = highlight_in_sentence(row["sentence"] or "", row["number"])
        spans = [(r["char_start"], r["char_end"], r["observation_id"]) for r in rows]
        _write(env, "document.html", out_dir / "documents" / f"{doc['document_id']}.html", root="../",
               document=document, body_html=highlight_body(body, spans), rows=rows,
               programmes=queries.document_programmes(con, doc["document_id"]),
               queues=queries.document_queues(con, doc["document_id"], reviews))
        _progress("document pages", i, len(documents), progress)
