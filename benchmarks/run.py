"""The whole path at scale, stage by stage: read, extract, land, dbt build (and a one-document refresh),
on realistic corpora made at run time from corpus/, ../shared/dev/docs and ../shared/wild/docs.

    .venv/bin/python benchmarks/run.py --sizes 1000,10000           # ~10 min on 2 busy cores
    .venv/bin/python benchmarks/run.py --sizes 50000                # the large run (most of the machine, ~30 min)
    .venv/bin/python benchmarks/run.py --sizes 20 --out /tmp/b --no-chart   # smoke

A corpus of N documents: copies of the source documents (round robin), each with one digit of one figure changed
(scripts/benchmark.py `edit_figure`: same length, never a year, a date part or a percentage), manifest rows copied.
Nothing is committed: the corpus lives in a temporary folder. Each stage runs in its own process; its time is the
wall time and its memory the peak of the summed RSS of the stage's process tree (sampled every 0.2 s), so a
process pool counts all its workers. Stages:
  read     read and normalise every document (no extraction)
  extract  `extract --to-parquet` of the corpus, a process pool over documents (--jobs, default every core)
  land     `land_parquet` of that folder into an empty build file (`<published>.build`, what dbt writes)
  dbt      `dbt build` as users run it: landing (the same Parquet folder: nothing changes), models, dbt tests,
           the quality checks (marts.dq_run, dq_observation_flags) and publishing (on-run-end); its note gives
           the seconds of each phase from dbt's run_results.json (landing_s, models_and_tests_s, checks_s, publish_s)
  refresh  one document changed: `dbt build` with $CORPUS_DIR (landing extracts only that document), tests,
           checks, publish
The extraction-to-jieba ratio is measured once per run on the distinct source documents, in one process:
jieba accurate-mode segmentation (`jieba.lcut`, HMM on) of every body, then `extract()` of every body.
Results: one row per stage and size appended to <out>/scale_results.csv, <out>/scale_results.md rewritten with
this run, <out>/scale.png drawn from every recorded run of the same commit.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, fields
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from benchmark import edit_figure  # noqa: E402  (scripts/benchmark.py)
from loaders.config import DEFAULT_CORPUS_DIR, shared_dir  # noqa: E402

STAGES = ("read", "extract", "land", "dbt")  # dbt: models, tests, checks and publishing, split in its note
SAMPLE_SECONDS = 0.2
STAGE_TIMEOUT = 3600
MANIFEST_FIELDS = ("file", "title", "publisher", "region", "published_on", "source_url", "notes")


@dataclass
class StageResult:
    date: str
    commit: str
    size: int
    stage: str
    seconds: float
    peak_mib: float
    status: str
    load_1min: float
    note: str = ""


def say(message: str) -> None:
    print(f"[scale {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def source_folders() -> list[Path]:
    shared = shared_dir()
    return [DEFAULT_CORPUS_DIR] + [f for f in (shared / "dev" / "docs", shared / "wild" / "docs") if f.is_dir()]


def make_corpus(target: Path, n_docs: int) -> int:
    """n_docs edited copies of the source documents with their manifest rows; returns the characters written."""
    from loaders.corpus import list_files, read_manifest

    sources: list[tuple[Path, str, dict]] = []
    for folder in source_folders():
        manifest = read_manifest(folder)
        for p in list_files(folder):
            if p.suffix == ".txt":
                meta = manifest.get(p.name)
                sources.append((p, p.read_text(encoding="utf-8"), asdict(meta) if meta else {}))
    target.mkdir(parents=True, exist_ok=True)
    rows, chars, seen, i = [], 0, set(), 0
    while len(rows) < n_docs:
        path, text, meta = sources[i % len(sources)]
        copy = i // len(sources)
        i += 1
        try:
            edited = edit_figure(text, copy)
        except ValueError:
            continue
        if edited in seen:  # this source has no more distinct copies
            continue
        seen.add(edited)
        name = f"s{len(rows):05d}_{path.name}"
        (target / name).write_text(edited, encoding="utf-8")
        rows.append({**{k: meta.get(k) for k in MANIFEST_FIELDS}, "file": name})
        chars += len(edited)
    with (target / "manifest.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=MANIFEST_FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    return chars


# ---------------------------------------------------------------- stages (each runs in its own process)

def stage_read(w: dict) -> str:
    from loaders.corpus import list_files, read_document, read_manifest

    corpus = Path(w["corpus"])
    manifest = read_manifest(corpus)
    chars = sum(len(read_document(p, manifest.get(p.name)).body) for p in list_files(corpus))
    return f"{chars:,} chars"


def stage_extract(w: dict) -> str:
    from loaders.parquet import extract_to_parquet

    parts = extract_to_parquet([Path(w["corpus"])], Path(w["parquet"]), jobs=w["jobs"], progress=False)
    return f"{sum(p.observations for p in parts)} facts, {sum(p.documents for p in parts)} documents, jobs {w['jobs']}"


def stage_land(w: dict) -> str:
    import duckdb

    from loaders import publish
    from loaders.parquet import land_parquet

    build = publish.build_file_for(Path(w["published"]))  # the file `dbt build` writes (profiles.yml)
    publish.new_empty_database(build)
    with duckdb.connect(str(build)) as con:
        lines = land_parquet(con, Path(w["parquet"]))
    return f"{len(lines)} files"


DQ_NODES = ("int_dq_observations", "dq_run", "dq_observation_flags", "dq_results", "dq_failing_observations",
            "assert_blocking_quality_checks_pass", "assert_quality_flags_agree_with_the_run")


def stage_dbt(w: dict) -> str:
    """`dbt build` as users run it: landing (the Parquet folder, landed already: nothing changes), models, dbt
    tests, the quality checks (model marts.dq_run) and publishing (on-run-end); the note splits its time."""
    from loaders.dbt_runner import run_dbt

    os.environ["PARQUET_DIR"] = w["parquet"]
    out = run_dbt(["build"], Path(w["published"]), quiet=True)
    done = next((ln.strip() for ln in out.splitlines() if "Done. PASS" in ln), "")
    return json.dumps({"done": done, **dbt_phases(Path(os.environ["DBT_TARGET_PATH"]) / "run_results.json")})


def dbt_phases(run_results: Path) -> dict[str, float]:
    """Seconds of dbt's nodes by phase: landing, checks (the DQ_NODES), publish (on-run-end), the rest."""
    results = json.loads(run_results.read_text(encoding="utf-8"))["results"]
    phases = {"landing_s": 0.0, "checks_s": 0.0, "publish_s": 0.0, "models_and_tests_s": 0.0}
    for r in results:
        name = r["unique_id"].split(".")[-1]
        key = ("landing_s" if name == "corpus_load" else "checks_s" if any(name.startswith(n) for n in DQ_NODES)
               else "publish_s" if "on-run-end" in r["unique_id"] or "on_run_end" in r["unique_id"]
               else "models_and_tests_s")
        phases[key] += float(r.get("execution_time") or 0)
    return {k: round(v, 2) for k, v in phases.items()}


def stage_refresh(w: dict) -> str:
    """One figure of one document changed: `dbt build` reading $CORPUS_DIR (its landing extracts only that
    document), tests, checks, publish."""
    import duckdb

    from loaders.dbt_runner import DbtFailed, run_dbt

    corpus = Path(w["corpus"])
    path = sorted(corpus.glob("*.txt"))[0]
    path.write_text(edit_figure(path.read_text(encoding="utf-8"), 1), encoding="utf-8")
    os.environ.pop("PARQUET_DIR", None)
    dbt_note = "dbt build ok"
    try:
        run_dbt(["build"], Path(w["published"]), quiet=True, corpus=corpus)
    except DbtFailed as exc:
        dbt_note = "dbt: " + str(exc).splitlines()[-1][:120]
    with duckdb.connect(w["published"], read_only=True) as con:
        extracted = con.execute("select count(*) from raw.corpus_load where action = 'extracted'").fetchone()[0]
    return f"documents extracted again: {extracted}; {dbt_note}"


def stage_ratio(w: dict) -> str:
    """jieba.lcut and extract() over the same distinct documents, in this one process."""
    import jieba

    from loaders.corpus import list_files, read_document, read_manifest
    from loaders.extraction.extract import extract

    docs = []
    for folder in source_folders():
        manifest = read_manifest(folder)
        docs += [read_document(p, manifest.get(p.name)) for p in list_files(folder)]
    jieba.lcut("预热")
    extract(docs[0])
    chars = sum(len(d.body) for d in docs)
    started = time.perf_counter()
    for d in docs:
        jieba.lcut(d.body)
    jieba_s = time.perf_counter() - started
    started = time.perf_counter()
    for d in docs:
        extract(d)
    extract_s = time.perf_counter() - started
    return json.dumps({"documents": len(docs), "chars": chars, "jieba_s": round(jieba_s, 3),
                       "extract_s": round(extract_s, 3), "ratio": round(jieba_s / extract_s, 3)})


# ---------------------------------------------------------------- measuring

def run_stage(stage: str, work: dict, env: dict) -> tuple[float, float, int, str]:
    """(seconds, peak MiB of the process tree, exit status, the stage's note) of one stage in its own process."""
    import psutil

    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "--stage", stage, "--work", json.dumps(work)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0.0]
    stop = threading.Event()

    def sample() -> None:
        root = psutil.Process(proc.pid)
        while not stop.is_set():
            try:
                tree = [root] + root.children(recursive=True)
                peak[0] = max(peak[0], sum(_rss(p) for p in tree) / 2**20)
            except psutil.Error:
                pass
            stop.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        out, err = proc.communicate(timeout=STAGE_TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    stop.set()
    sampler.join()
    if proc.returncode == 0 and out.strip():
        note = out.strip().splitlines()[-1]
    else:  # the error's last lines (dbt prints the failing node's message last)
        note = " / ".join(ln.strip() for ln in (err or out).strip().splitlines()[-6:])[-600:]
    return time.perf_counter() - started, peak[0], proc.returncode, note


def _rss(p) -> int:
    try:
        return p.memory_info().rss
    except Exception:
        return 0


def bench_size(size: int, jobs: int, run: dict, out_dir: Path) -> list[StageResult]:
    tmp = Path(tempfile.mkdtemp(prefix=f"kjfacts-scale-{size}-"))
    try:
        corpus = tmp / "corpus"
        started = time.perf_counter()
        chars = make_corpus(corpus, size)
        say(f"{size} documents ({chars:,} chars) written in {time.perf_counter() - started:.1f} s under {tmp}")
        work = {"corpus": str(corpus), "parquet": str(tmp / "parquet"), "published": str(tmp / "kjfacts.duckdb"),
                "build_name": str(tmp / "build_name"), "jobs": jobs}
        env = dict(os.environ, CORPUS_DIR=str(corpus), WAREHOUSE_PATH=work["published"],
                   DBT_TARGET_PATH=str(tmp / "target"), DBT_LOG_PATH=str(tmp / "logs"), KJFACTS_JOBS=str(jobs))
        out = []
        for stage in STAGES + ("refresh",):
            load = os.getloadavg()[0]
            seconds, peak, rc, note = run_stage(stage, work, env)
            status = "ok" if rc == 0 else "failed"
            say(f"{size} {stage}: {seconds:.1f} s, peak {peak:,.0f} MiB, {status}: {note[:160]}")
            out.append(StageResult(run["date"], run["commit"], size, stage, round(seconds, 2), round(peak, 1), status,
                                   load, note.replace("\n", " ")[:600]))
            append_csv(out_dir, [out[-1]])  # recorded as it goes: a run stopped half-way keeps its stages
            if status != "ok" and stage in ("read", "extract", "land"):
                break  # nothing to build on; a failed dbt test still leaves a warehouse to check and publish
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# ---------------------------------------------------------------- recording

def append_csv(out_dir: Path, rows: list[StageResult]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    csv_path = out_dir / "scale_results.csv"
    new = not csv_path.exists()
    with csv_path.open("a", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=[f.name for f in fields(StageResult)])
        if new:
            writer.writeheader()
        writer.writerows(asdict(r) for r in rows)


def ratio_row(ratio: dict, run: dict) -> StageResult:
    return StageResult(run["date"], run["commit"], ratio.get("documents", 0), "extract_vs_jieba",
                       ratio.get("extract_s", 0), 0, "ok" if ratio else "failed", os.getloadavg()[0], json.dumps(ratio))


def render(results: list[StageResult], ratio: dict, run: dict, argv: list[str]) -> str:
    lines = [f"# Scale benchmark ({run['date']})", "",
             f"Commit `{run['commit']}` on {os.cpu_count()} cores; `python benchmarks/run.py {' '.join(argv)}`.", "",
             "| documents | stage | seconds | peak MiB (process tree) | status | load | note |",
             "|---:|---|---:|---:|---|---:|---|"]
    lines += [f"| {r.size:,} | {r.stage} | {r.seconds:.1f} | {r.peak_mib:,.0f} | {r.status} | {r.load_1min:.1f} | "
              f"{r.note.replace('|', '/')} |" for r in results]
    for size in sorted({r.size for r in results}):
        full = [r for r in results if r.size == size and r.stage in STAGES]
        total = sum(r.seconds for r in full)
        refresh = next((r.seconds for r in results if r.size == size and r.stage == "refresh"), None)
        peak = max((r.peak_mib for r in full), default=0)
        share = f"{100 * refresh / total:.0f} % of the full path" if refresh and total else "n/a"
        lines += ["", f"**{size:,} documents**: full path {total:.0f} s ({total / 60:.1f} min), peak {peak:,.0f} MiB; "
                      f"one document changed: {refresh or 0:.0f} s ({share})."]
    if ratio:
        lines += ["", f"Extraction vs jieba accurate mode on the {ratio['documents']} distinct source documents "
                      f"({ratio['chars']:,} chars, one process): jieba {ratio['jieba_s']:.2f} s "
                      f"({ratio['chars'] / ratio['jieba_s']:,.0f} chars/s), extract {ratio['extract_s']:.2f} s "
                      f"({ratio['chars'] / ratio['extract_s']:,.0f} chars/s): extraction runs at "
                      f"**{ratio['ratio']:.2f}×** jieba's speed."]
    return "\n".join(lines) + "\n"


def chart(out_dir: Path, commit: str) -> Path | None:
    """scale.png: seconds and peak MiB per stage against documents, from every recorded row of this commit."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        say("no chart: matplotlib is not installed (pip install -e '.[bench]')")
        return None
    with (out_dir / "scale_results.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["commit"] == commit
                and r["stage"] in STAGES + ("refresh",)]
    latest: dict[tuple[int, str], dict] = {}
    for r in rows:
        latest[(int(r["size"]), r["stage"])] = r
    fig, (ax_t, ax_m) = plt.subplots(1, 2, figsize=(11, 4.2))
    for stage in STAGES + ("refresh",):
        points = sorted((s, float(r["seconds"]), float(r["peak_mib"])) for (s, st), r in latest.items() if st == stage)
        if points:
            xs = [p[0] for p in points]
            ax_t.plot(xs, [p[1] for p in points], marker="o", label=stage)
            ax_m.plot(xs, [p[2] for p in points], marker="o", label=stage)
    for ax, title, unit in ((ax_t, "time per stage", "seconds"), (ax_m, "peak memory per stage", "MiB (process tree)")):
        ax.set_xscale("log")
        ax.set_xlabel("documents")
        ax.set_ylabel(unit)
        ax.set_title(title)
        ax.grid(True, alpha=0.3)
    ax_m.axhline(4096, color="grey", linestyle="--", linewidth=1)
    ax_t.legend(fontsize=8)
    fig.suptitle(f"kjfacts: the whole path at scale (commit {commit})")
    fig.tight_layout()
    path = out_dir / "scale.png"
    fig.savefig(path, dpi=110)
    return path


def run_info() -> dict:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "loaders", "models"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    return {"date": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "commit": commit + ("-dirty" if dirty else "")}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="1000,10000", help="documents per corpus, comma-separated")
    p.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)), help="extraction processes")
    p.add_argument("--out", type=Path, default=ROOT / "benchmarks")
    p.add_argument("--no-chart", action="store_true")
    p.add_argument("--stage", help=argparse.SUPPRESS)
    p.add_argument("--work", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.stage:
        print(globals()[f"stage_{args.stage}"](json.loads(args.work)), flush=True)
        return 0
    run = run_info()
    say("extraction vs jieba on the distinct source documents")
    seconds, _, rc, note = run_stage("ratio", {}, dict(os.environ))
    ratio = json.loads(note) if rc == 0 else {}
    say(f"ratio: {note}")
    append_csv(args.out, [ratio_row(ratio, run)])
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        results += bench_size(size, args.jobs, run, args.out)
        (args.out / "scale_results.md").write_text(render(results, ratio, run, argv), encoding="utf-8")
    if not args.no_chart and (path := chart(args.out, run["commit"])):
        say(f"chart: {path}")
    print((args.out / "scale_results.md").read_text(encoding="utf-8"))
    return 0 if all(r.status == "ok" for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
