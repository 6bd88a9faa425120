"""`python -m loaders` (also installed as `kjfacts`): build, inspect and check the warehouse."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from loaders import config

COMMANDS = {
    "build": "Land the corpus ($CORPUS_DIR), run dbt build and the quality checks, publish the warehouse ($WAREHOUSE_PATH) and print what it holds.",
    "extract": "Print one document's facts (and programme mentions) as a build stores them (manifest row or inferred region and date), without touching the warehouse; --explain shows the scopes and decisions; "
               "with --to-parquet DIR, extract many files into partitioned Parquet (locally or on a Dask cluster).",
    "summary": "Print what the published warehouse holds: tables with row counts, facts per document, review counts.",
    "score": "Score the warehouse's observations (or, with --corpus seeds|dev, a reference corpus extracted in-process) against the gold files: precision and recall of fully correct facts, per-field accuracy.",
    "check": "Run the data-quality checks against the warehouse; exit 1 when a blocking check fails.",
    "accounting": "Account for every number of one or more corpus folders (observation, programme, non-fact reason) without building; print the share accounted and the commonest unaccounted patterns.",
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
            sp.add_argument("files", type=Path, nargs="+", metavar="FILE",
                            help="a document file (.txt, .html, .pdf, .docx); with --to-parquet several, or folders")
            sp.add_argument("--to-parquet", type=Path, metavar="DIR",
                            help="write DIR/<raw table>/part-NNNNN.parquet instead of printing (for $PARQUET_DIR)")
            sp.add_argument("--scheduler", metavar="ADDRESS",
                            help="with --to-parquet: run the chunks on the Dask cluster at ADDRESS (tcp://host:8786)")
            sp.add_argument("--jobs", type=int, help="with --to-parquet: processes on this machine (default: every core)")
            sp.add_argument("--region", help="the document's region (name or code) when no manifest says it")
            sp.add_argument("--published-on", help="YYYY, YYYY-MM or YYYY-MM-DD")
            sp.add_argument("--explain", action="store_true",
                            help="also print the report year, the heading scopes and every number's decisions")
        if name == "accounting":
            sp.add_argument("corpora", nargs="*", type=Path, metavar="CORPUS_DIR",
                            help="corpus folders (default: $CORPUS_DIR; with --shared: the seeds, dev and wild corpora)")
            sp.add_argument("--shared", action="store_true",
                            help="measure $SHARED_DIR/{corpus,dev/docs,wild/docs} (default ../shared)")
            sp.add_argument("--top", type=int, default=15, help="how many unaccounted patterns to show per corpus")
            sp.add_argument("--list", action="store_true", help="list every unaccounted number with its context")
        if name == "build":
            sp.add_argument("--jobs", type=int, help="extraction processes (default: every core, or $KJFACTS_JOBS)")
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
            sp.add_argument("--corpus", help="score a reference corpus (seeds, dev) extracted in-process instead of the warehouse")
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
