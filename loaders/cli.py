"""`python -m loaders` (also installed as `kjfacts`): build, inspect and check the warehouse."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from loaders import config

COMMANDS = {
    "build": "Land the corpus ($CORPUS_DIR), run dbt build and the quality checks, publish the warehouse ($WAREHOUSE_PATH) and print what it holds.",
    "extract": "Print one document's facts (and programme mentions) as a build stores them (manifest row or inferred region and date), without touching the warehouse; --explain shows the scopes and decisions.",
    "summary": "Print what the published warehouse holds: tables with row counts, facts per document, review counts.",
    "score": "Score the warehouse's observations (or, with --corpus seeds|dev, a reference corpus extracted in-process) against the gold files: precision and recall of fully correct facts, per-field accuracy.",
    "check": "Run the data-quality checks against the warehouse; exit 1 when a blocking check fails.",
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
            sp.add_argument("--explain", action="store_true",
                            help="also print the report year, the heading scopes and every number's decisions")
        if name == "score":
            sp.add_argument("--details", action="store_true", help="list missed, spurious and wrong facts")
            sp.add_argument("--corpus", help="score a reference corpus (seeds, dev) extracted in-process instead of the warehouse")
    return p


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
