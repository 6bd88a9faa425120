"""`python -m loaders` (also installed as `kjfacts`): build, inspect and check the warehouse."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from loaders import config

COMMANDS = {
    "build": "Land the corpus ($CORPUS_DIR), run dbt build and the quality checks, publish the warehouse ($WAREHOUSE_PATH) and print what it holds.",
    "extract": "Print one document's facts (and programme mentions) as a table, without touching the warehouse.",
    "summary": "Print what the published warehouse holds: tables with row counts, facts per document, review counts.",
    "score": "Score the warehouse's observations against the gold files (precision, recall, correctness).",
    "check": "Run the data-quality checks against the warehouse; exit 1 when a blocking check fails.",
    "chart": "Draw an indicator by year (one line per region, targets dashed, conflicting years ringed) as PNG and/or SVG.",
    "report": "Write a static HTML site of the warehouse (regions, indicators, documents with their numbers highlighted, review queues).",
    "export": "Write the public tables as csv, parquet or xlsx, with a bilingual data dictionary.",
}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m loaders", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, help_text in COMMANDS.items():
        sp = sub.add_parser(name, help=help_text, description=help_text)
        if name == "extract":
            sp.add_argument("file", type=Path, help="a document file (.txt, .html, .pdf, .docx)")
            sp.add_argument("--region", help="the document's region (name or code) when no manifest says it")
            sp.add_argument("--published-on", help="YYYY, YYYY-MM or YYYY-MM-DD")
        if name == "build":
            sp.add_argument("--verbose", action="store_true", help="show dbt's full log and every quality check")
        if name == "chart":
            _chart_arguments(sp)
        if name == "report":
            sp.add_argument("out_dir", type=Path, metavar="OUT_DIR", help="the folder to write the site into")
        if name == "export":
            sp.add_argument("--format", required=True, choices=("csv", "parquet", "xlsx"), help="the file format")
            sp.add_argument("out", type=Path, metavar="OUT", help="a folder (csv, parquet) or an .xlsx file")
        if name == "score":
            sp.add_argument("--details", action="store_true", help="list missed, spurious and wrong facts")
    return p


def _chart_arguments(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("indicator", metavar="INDICATOR", help="an indicator code (hte_new) or name (新增高新技术企业)")
    sp.add_argument("--region", action="append", metavar="R", help="a region code or name; repeat for several (default: the regions with most figures)")
    sp.add_argument("--measure", choices=("level", "growth", "share", "rank", "completion", "difference"),
                    help="which measure (default: the one with most figures)")
    sp.add_argument("--out", type=Path, metavar="FILE", help="FILE.png or FILE.svg; without extension both (default charts/<indicator>_<measure>)")


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    from loaders import commands

    try:
        return getattr(commands, f"cmd_{args.command}")(args)
    except commands.UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
