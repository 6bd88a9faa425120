"""Print the catalogue coverage of the seed, dev and wild corpora (share of observations with an indicator_code).

Usage: python scripts/indicator_coverage.py [--top N] [--shared DIR]
The dev and wild corpora are read from DIR (default: $SHARED_DIR, else <project root>/../shared).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from loaders.config import DEFAULT_CORPUS_DIR, shared_dir
from loaders.indicator_coverage import coverage


def corpora(shared: Path) -> dict[str, Path]:
    found = {"seeds": DEFAULT_CORPUS_DIR, "dev": shared / "dev" / "docs", "wild": shared / "wild" / "docs"}
    return {name: path for name, path in found.items() if path.is_dir()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=0, help="also list the N most frequent unmapped phrases")
    parser.add_argument("--shared", type=Path, default=None, help="the shared folder with dev/ and wild/")
    args = parser.parse_args(argv)
    total_obs = total_mapped = 0
    for name, path in corpora(args.shared or shared_dir()).items():
        print(f"extracting {name} ({path}) ...", file=sys.stderr, flush=True)
        result = coverage(name, path)
        print(result.line(), flush=True)
        total_obs, total_mapped = total_obs + result.n_observations, total_mapped + result.n_mapped
        for phrase, count in result.unmapped.most_common(args.top):
            print(f"    {count:>4}  {phrase}")
    if total_obs:
        print(f"{'all':<8} observations {total_obs:>6}  mapped {total_mapped:>6}  = {total_mapped / total_obs:6.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
