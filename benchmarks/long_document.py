"""One long document, built end to end: wall time and peak memory of `python -m loaders build`, and dbt's
slowest nodes (run_results.json). Measures that the checks cost per document, not facts × body.

    .venv/bin/python benchmarks/long_document.py --mb 1            # ~1 MB of text (~340,000 characters)
    .venv/bin/python benchmarks/long_document.py --mb 2.9 --filler 2   # near the 1,000,000-character limit
    .venv/bin/python benchmarks/long_document.py --mb 5            # over the limit: rejected as too long

The document is made at run time in a temporary folder from the lines of corpus/*.txt, repeated until it has
`--mb` megabytes of UTF-8, each repetition with one digit of its figures changed (scripts/benchmark.py
`edit_figure`); `--filler N` adds N number-free lines after every line, to keep the facts under the limit of
facts per document (loaders.parallel.MAX_FACTS_PER_DOCUMENT). Nothing is committed. Memory is the peak of the
summed RSS of the build's process tree (dbt and the extraction pool), sampled every 0.2 s.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from benchmark import edit_figure  # noqa: E402  (scripts/benchmark.py)

FILLER = "各地各部门要进一步提高认识，加强组织领导，压实工作责任，确保各项任务落到实处。"
HEADER = "file,title,publisher,region,published_on,source_url,notes\n"


def long_text(megabytes: float, filler: int) -> str:
    """The seeds' lines repeated (a digit of a figure changed each time) up to `megabytes` of UTF-8."""
    lines = [ln for p in sorted((ROOT / "corpus").glob("*.txt"))
             for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
    out, size, k = ["温州市2023年科技工作总结（合订本）"], 0, 0
    target = int(megabytes * 1_000_000)
    while size < target:
        line = lines[k % len(lines)]
        try:
            line = edit_figure(line, k // len(lines))
        except ValueError:
            pass
        out += [line] + [FILLER] * filler
        size += len(line.encode("utf-8")) + filler * len(FILLER.encode("utf-8")) + 1 + filler
        k += 1
    return "\n".join(out) + "\n"


def measure(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """(seconds, peak MiB of the process tree, exit status, stderr tail)."""
    import psutil

    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak, stop = [0.0], threading.Event()

    def sample() -> None:
        root = psutil.Process(proc.pid)
        while not stop.is_set():
            try:
                tree = [root] + root.children(recursive=True)
                peak[0] = max(peak[0], sum(p.memory_info().rss for p in tree) / 2**20)
            except psutil.Error:
                pass
            stop.wait(0.2)

    threading.Thread(target=sample, daemon=True).start()
    out, err = proc.communicate()
    stop.set()
    return time.perf_counter() - started, peak[0], proc.returncode, (err or out)[-1500:]


def slowest_nodes(run_results: Path, n: int = 12) -> list[tuple[str, float]]:
    if not run_results.exists():
        return []
    results = json.loads(run_results.read_text(encoding="utf-8"))["results"]
    timed = [(r["unique_id"].split(".")[-1], float(r.get("execution_time") or 0)) for r in results]
    return sorted(timed, key=lambda t: -t[1])[:n]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=1.0, help="megabytes of UTF-8 text in the document")
    ap.add_argument("--filler", type=int, default=0, help="number-free lines after every line")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kjfacts-long-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        corpus.mkdir()
        text = long_text(args.mb, args.filler)
        (corpus / "long.txt").write_text(text, encoding="utf-8")
        (corpus / "manifest.csv").write_text(HEADER + "long.txt,温州市科技工作合订本,,温州市,2024-01,,\n", encoding="utf-8")
        warehouse = work / "warehouse" / "kjfacts.duckdb"
        env = {**os.environ, "CORPUS_DIR": str(corpus), "WAREHOUSE_PATH": str(warehouse),
               "DBT_TARGET_PATH": str(work / "target"), "DBT_LOG_PATH": str(work / "logs")}
        seconds, peak, status, tail = measure([sys.executable, "-m", "loaders", "build"], env)
        facts = _facts(warehouse) if status == 0 else None
        print(f"document: {len(text.encode('utf-8')) / 1e6:.2f} MB, {len(text):,} characters; "
              f"build exit {status}: {seconds:.1f} s, peak {peak:,.0f} MiB; facts in the warehouse: {facts}")
        for name, secs in slowest_nodes(work / "target" / "run_results.json"):
            print(f"  {secs:8.2f} s  {name}")
        if status != 0 or facts in (None, 0):
            print(tail)
    return 0


def _facts(warehouse: Path) -> int | None:
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute("select count(*) from marts.fct_indicator_observation").fetchone()[0]


if __name__ == "__main__":
    raise SystemExit(main())
