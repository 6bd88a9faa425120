"""Time and peak memory of the data-quality checks (issue 10) at many documents; results in benchmarks/checks.*.

    .venv/bin/python scripts/benchmark_checks.py --sizes 1000,10000          # the recorded run
    .venv/bin/python scripts/benchmark_checks.py --sizes 20 --out /tmp/b     # smoke

The checks are what `dbt build` runs: every check's SQL once (intermediate.int_dq_observations and
int_dq_failing_rows), Great Expectations' count and bounded sample per check on those rows (marts.dq_run,
with the Data Docs) and the flags (marts.dq_observation_flags). "GX s" is all of that but the flags. Extracting 10,000 documents
is not what is measured here (scripts/benchmark.py measures builds), so the warehouse is synthetic: the
observations, dimensions and unit table of a real build of corpus/ (`--source`, default: a fresh `dbt build`),
the observations copied until there are N documents, copy k moved to the k-th county-level region (and a year
later for every pass over the regions), so that comparisons across rows find as many partners as in the source.
Each size runs in a fresh process; its peak RSS (ru_maxrss) and wall time are recorded.
"""
from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, fields
from datetime import datetime, timezone
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

GOAL_SECONDS, GOAL_GIB, GOAL_AT = 15.0, 1.0, 10_000
TABLES = ("staging.stg_corpus__observations", "marts.dim_document", "marts.dim_indicator", "marts.dim_region",
          "reference.unit_factors")


@dataclass(frozen=True)
class Result:
    run_at: str
    documents: int
    observations: int
    checks: int
    failing_rows: int
    gx_seconds: float
    flags_seconds: float
    seconds: float
    peak_rss_mib: float
    load_average: float


def make_warehouse(source: Path, target: Path, n_docs: int) -> int:
    """A warehouse with the tables the checks read: the source's, observations copied to `n_docs` documents."""
    import duckdb

    with duckdb.connect(str(target)) as con:
        con.execute(f"attach '{source}' as src (read_only)")
        for table in TABLES:
            schema = table.split(".")[0]
            con.execute(f"create schema if not exists {schema}")
            if table not in TABLES[:2]:
                con.execute(f"create table {table} as select * from src.{table}")
        n_source = con.execute(f"select count(distinct document_id) from src.{TABLES[0]}").fetchone()[0]
        copies = -(-n_docs // n_source)
        con.execute(f"""
            create table {TABLES[0]} as
            with regions as (
                select region_code, row_number() over (order by region_code) - 1 as i, count(*) over () as n
                from marts.dim_region where level = 'county'
            ),
            copies as (select range as k from range({copies})),
            docs as (
                select document_id, row_number() over (order by document_id) - 1 as d
                from (select distinct document_id from src.{TABLES[0]})
            )
            select
                o.* replace (
                    o.observation_id || '-' || copies.k as observation_id,
                    o.document_id || '-' || copies.k as document_id,
                    case when copies.k = 0 then o.region_code else regions.region_code end as region_code,
                    o.period_year + copies.k // regions.n as period_year,
                    o.period_start + to_years((copies.k // regions.n)::int) as period_start,
                    o.period_end + to_years((copies.k // regions.n)::int) as period_end
                )
            from src.{TABLES[0]} as o
            inner join docs using (document_id)
            cross join copies
            inner join regions on regions.i = copies.k % regions.n
            where copies.k * {n_source} + docs.d < {n_docs}""")
        con.execute(f"""
            create table marts.dim_document as
            select d.* replace (d.document_id || '-' || copies.range as document_id)
            from src.marts.dim_document as d
            cross join range({copies}) as copies
            where d.document_id || '-' || copies.range in (select distinct document_id from {TABLES[0]})""")
        con.execute("detach src")
        return con.execute(f"select count(*) from {TABLES[0]}").fetchone()[0]


def measure(path: Path, documents: int) -> Result:
    """Run in a child process: the GX suite with Data Docs, then the flags table, as dbt build does."""
    import duckdb

    from loaders import quality

    started = time.monotonic()
    with duckdb.connect(str(path)) as con:
        n_obs = con.execute(f"select count(*) from {TABLES[0]}").fetchone()[0]
        # the models int_dq_observations and int_dq_failing_rows of dbt build: every check's SQL, once
        quality.materialize_assets(con)
        report = quality.run_checks(con, docs_dir=path.parent / "gx_docs")
        gx_done = time.monotonic()
        con.execute(f"create table flags as select * from {quality.FAILING_ROWS_TABLE} where error is null")
        failing = con.execute("select count(*) from flags").fetchone()[0]
    done = time.monotonic()
    errors = [o.check.name for o in report.outcomes if o.error]
    if errors:
        raise SystemExit(f"checks could not run: {errors}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return Result(datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), documents, n_obs, len(report.outcomes),
                  failing, round(gx_done - started, 2), round(done - gx_done, 2), round(done - started, 2),
                  round(rss, 1), round(os.getloadavg()[0], 2))


def build_source(work: Path) -> Path:
    from loaders.dbt_runner import run_dbt

    warehouse = work / "source" / "kjfacts.duckdb"
    run_dbt(["build"], warehouse, quiet=True)
    return warehouse


def run_size(source: Path, n_docs: int, work: Path) -> Result:
    folder = work / f"n{n_docs}"
    folder.mkdir()
    path = folder / "checks.duckdb"
    make_warehouse(source, path, n_docs)
    done = subprocess.run([sys.executable, __file__, "--measure", str(path), str(n_docs)], capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{n_docs} documents: {done.stderr[-2000:]}")
    values = done.stdout.strip().splitlines()[-1].split(",")
    return Result(*[f.type == "str" and v or (int(v) if f.type == "int" else float(v))
                    for f, v in zip(fields(Result), values)])


def write(results: list[Result], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    path = out / "checks.csv"
    new = not path.exists()
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, [f.name for f in fields(Result)])
        if new:
            writer.writeheader()
        writer.writerows(asdict(r) for r in results)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    lines = ["# Data-quality checks: time and peak memory", "",
             f"Goal: at {GOAL_AT:,} documents the checks take < {GOAL_SECONDS:.0f} s and < {GOAL_GIB:.0f} GiB "
             "(peak RSS of the process running them). Written by `scripts/benchmark_checks.py`; every run is in "
             "`checks.csv`.", "",
             "| run at | documents | observations | checks | failing rows | GX s | flags s | total s | peak RSS MiB | load avg | goal |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        verdict = ""
        if int(r["documents"]) >= GOAL_AT:
            ok = float(r["seconds"]) < GOAL_SECONDS and float(r["peak_rss_mib"]) < GOAL_GIB * 1024
            verdict = "PASS" if ok else "MISS"
        lines.append(f"| {r['run_at']} | {r['documents']} | {r['observations']} | {r['checks']} | {r['failing_rows']} "
                     f"| {r['gx_seconds']} | {r['flags_seconds']} | {r['seconds']} | {r['peak_rss_mib']} "
                     f"| {r['load_average']} | {verdict} |")
    (out / "checks.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="documents per run, comma-separated")
    parser.add_argument("--source", type=Path, help="a built warehouse to copy from (default: dbt build of corpus/)")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "benchmarks")
    parser.add_argument("--measure", nargs=2, metavar=("PATH", "DOCS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        result = measure(Path(args.measure[0]), int(args.measure[1]))
        print(",".join(str(v) for v in asdict(result).values()))
        return 0
    try:
        sizes = [int(s) for s in args.sizes.split(",")]
    except ValueError:
        parser.error(f"--sizes {args.sizes!r}: give whole numbers separated by commas")
    with tempfile.TemporaryDirectory(prefix="kjfacts-checks-") as tmp:
        work = Path(tmp)
        source = args.source.resolve() if args.source else build_source(work)
        results = []
        for n in sizes:
            results.append(run_size(source, n, work))
            r = results[-1]
            print(f"{n} documents ({r.observations} observations): {r.seconds} s "
                  f"(GX {r.gx_seconds} s, flags {r.flags_seconds} s), peak RSS {r.peak_rss_mib} MiB", flush=True)
    write(results, args.out)
    print(f"recorded in {args.out / 'checks.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
