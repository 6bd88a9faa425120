"""Every row extraction gives for the seeds corpus, ../shared/dev/docs and ../shared/wild/docs, as canonical JSON lines.

The gate of a speed change (issue 11): run it before and after, the two files must be identical.

    .venv/bin/python scripts/extraction_snapshot.py /tmp/snapshot_main.jsonl
    .venv/bin/python scripts/extraction_snapshot.py /tmp/snapshot_new.jsonl && cmp /tmp/snapshot_main.jsonl /tmp/snapshot_new.jsonl

One line per row, in extraction order: {"folder", "file", "table", "row"} with the row's columns in raw order
(documents, observations, programme_mentions, number_spans: what `loaders.parallel.extract_file` returns,
with a fixed extractor version so that a version bump does not show as a difference).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from loaders.corpus import list_files, read_manifest  # noqa: E402
from loaders.parallel import ExtractJob, extract_file  # noqa: E402
from loaders.warehouse_schema import RAW_TABLES  # noqa: E402

VERSION = "snapshot"


def source_folders() -> list[tuple[str, Path]]:
    shared = Path(os.environ.get("SHARED_DIR", ROOT.parent / "shared"))
    folders = [("seeds", ROOT / "corpus"), ("dev", shared / "dev" / "docs"), ("wild", shared / "wild" / "docs")]
    return [(name, path) for name, path in folders if path.is_dir()]


def snapshot_lines() -> list[str]:
    lines = []
    for name, folder in source_folders():
        manifest = read_manifest(folder)
        for path in list_files(folder):
            result = extract_file(ExtractJob(path, manifest.get(path.name), VERSION))
            if result.reason:
                lines.append(_line(name, path.name, "unreadable", {"reason": result.reason, "problem": result.problem}))
            for table, rows in result.rows.items():
                columns = RAW_TABLES[table]
                lines += [_line(name, path.name, table, dict(zip(columns, row))) for row in rows]
    return lines


def _line(folder: str, file: str, table: str, row: dict) -> str:
    return json.dumps({"folder": folder, "file": file, "table": table, "row": row},
                      ensure_ascii=False, sort_keys=True, default=str)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the JSON-lines file to write")
    args = parser.parse_args()
    lines = snapshot_lines()
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines):,} rows → {args.out}")


if __name__ == "__main__":
    main()
