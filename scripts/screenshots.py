"""Regenerate the README's screenshots of the report (docs/screenshots/*.png) with headless Chromium.

    .venv/bin/python scripts/screenshots.py [--report DIR] [--out docs/screenshots]

Writes the report of the published warehouse ($WAREHOUSE_PATH; build it first) into DIR (default a temporary
folder), then photographs its index, the page of the region with most facts, and the page of the document
with most facts, scrolled to its first highlighted number."""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from loaders import config  # noqa: E402
from loaders.report import build_site  # noqa: E402
from loaders.report.browser import chromium, screenshot  # noqa: E402

SHOTS = ("index.png", "region.png", "document.png")


def busiest(site: Path, warehouse: Path) -> tuple[Path, Path, str]:
    """The region page and the document page with most facts, and that document's first number's anchor."""
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        region = con.execute("select region_code from marts.fct_indicator_year group by 1 order by count(*) desc, 1 limit 1").fetchone()[0]
        document, first = con.execute(
            "select document_id, arg_min(observation_id, char_start) from marts.fct_indicator_observation "
            "group by 1 order by count(*) desc, 1 limit 1").fetchone()
    return site / "regions" / f"{region}.html", site / "documents" / f"{document}.html", f"n-{first}"


def take(site: Path, warehouse: Path, out: Path) -> list[Path]:
    region_page, document_page, anchor = busiest(site, warehouse)
    with chromium(width=1400, height=900) as driver:
        return [screenshot(driver, site / "index.html", out / SHOTS[0]),
                screenshot(driver, region_page, out / SHOTS[1]),
                screenshot(driver, document_page, out / SHOTS[2], fragment=anchor)]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--report", type=Path, help="where to write the report (default: a temporary folder)")
    p.add_argument("--out", type=Path, default=PROJECT_ROOT / "docs" / "screenshots")
    args = p.parse_args(argv)
    warehouse = config.warehouse_path()
    with tempfile.TemporaryDirectory(prefix="kjfacts-report-") as tmp:
        site = args.report or Path(tmp)
        build_site(warehouse, site, progress=False)
        for path in take(site, warehouse, args.out):
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
