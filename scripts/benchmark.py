"""Speed and memory of extraction and of the warehouse build, on synthetic corpora; goals in benchmarks/README.md.

    .venv/bin/python scripts/benchmark.py                        # default small set (a few minutes on 2 cores)
    .venv/bin/python scripts/benchmark.py --sizes 5,50,200,1000 --warm-size 200 --extract-docs 200   # the recorded run
    .venv/bin/python scripts/benchmark.py --scenarios extract --extract-docs 3 --out /tmp/b   # smoke

Scenarios (each in a fresh temporary folder; nothing touches corpus/, warehouse/ or target/):
  extract              extract() in this process over N synthetic documents: docs/s, chars/s, peak RSS
  cold_build           `python -m loaders build` into an empty warehouse, one row per size
  warm_nochange        the same build again, nothing changed (landing skips every document by sha256)
  warm_one_changed     the same build after one figure of one document changed
  dbt_one_changed      `dbt build` alone (the incremental refresh) after one more document changed
  refresh_with_reader  the build while another process holds the published file open read-only
The warm scenarios run on the largest size of --sizes (or --warm-size).

Synthetic corpora copy corpus/*.txt round-robin under new names, each copy with one figure edited (same length,
never a year, a date part or a percentage), so every file has its own sha256; manifest rows are copied.
Each run appends rows to <out>/results.csv and rewrites <out>/results.md; PASS/MISS per goal is printed.
Peak RSS is the largest single process (the build or its dbt child, via wait4), not their sum.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import datetime, timezone
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from loaders.config import DEFAULT_CORPUS_DIR  # noqa: E402

MANIFEST_NAME = "manifest.csv"
SCENARIOS = ("extract", "cold_build", "warm_nochange", "warm_one_changed", "dbt_one_changed", "refresh_with_reader")
DEFAULT_SIZES = (5, 50)
DEFAULT_EXTRACT_DOCS = 100
# an editable figure: not part of a longer number, not a year, a date part or a percentage
FIGURE_RE = re.compile(r"(?<![\d.\-/年月])(?!(?:19|20)\d\d(?!\d))[1-9]\d*(?:\.\d+)?(?![\d.\-/年月日号%％成])")
LAND_LINE_RE = re.compile(r"^\[[#.]+\] (?P<n>\d+)/(?P<total>\d+) ")
LAND_ACTION_RE = re.compile(r"^\[[#.]+\] \d+/\d+ \S+: (?P<action>\w+) ", re.M)
DBT_NODE_RE = re.compile(r"\b(?P<n>\d+) of (?P<total>\d+) (?:OK|PASS|WARN|ERROR|FAIL|SKIP)\b")
DBT_FINISHED_RE = re.compile(r"Finished running .*\((?P<seconds>[\d.]+)s\)")
CHECKS_RE = re.compile(r"(?P<n>\d+) checks in (?P<seconds>[\d.]+) s")
BLOCKED_RE = re.compile(r"blocking data-quality checks failed: (?P<names>[^;]+)")
PIPELINE_STEP_RE = re.compile(r"^pipeline (?P<step>land|dbt): (?P<seconds>[\d.]+) s$")
FACTS_SQL = "select count(*) from marts.fct_indicator_observation"
# documents the landing model inside `dbt build` extracted (again)
DBT_EXTRACTED_SQL = "select count(*) filter (where action = 'extracted') from raw.corpus_load"
# which document versions a warehouse holds: changes when any document's sha256 does
FINGERPRINT_SQL = "select left(md5(string_agg(sha256, ',' order by document_id)), 8) from marts.dim_document"
READER_SCRIPT = """
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print(con.execute(sys.argv[2]).fetchone()[0], flush=True)
sys.stdin.readline()
print(con.execute(sys.argv[2]).fetchone()[0], flush=True)
"""


@dataclass
class Result:
    """One row of results.csv (without the run's date, commit and machine)."""

    scenario: str
    documents: int
    chars: int
    seconds: float
    peak_rss_mib: float
    facts: int | None
    status: str = "ok"  # ok | failed | blocked (quality checks refused to publish) | skipped
    load_1min: float = 0.0  # the machine's load average when the scenario started (other work skews times)
    note: str = ""

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    @property
    def chars_per_s(self) -> float:
        return self.chars / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class RunInfo:
    date: str
    commit: str
    machine: str
    extractor_version: str  # 'a -> b' when loaders/extraction/ or the seeds it reads changed during the run


def current_extractor_version() -> str:
    from loaders.version import extractor_version

    return extractor_version.__wrapped__()  # not the cached value: the files may have changed meanwhile


CSV_COLUMNS = tuple(f.name for f in fields(RunInfo)) + tuple(f.name for f in fields(Result))


@dataclass(frozen=True)
class Goal:
    """A goal on one scenario's metric (documents=None: the largest size measured)."""

    name: str
    scenario: str
    metric: str  # a Result attribute or property
    limit: float
    at_least: bool
    documents: int | None = None


# measured first (benchmarks/README.md says how each was set): extraction was lowered from 50 docs/s of ~10k chars,
# the cold build tightened from < 5 min, the rest kept
GOALS = (
    Goal("extraction >= 15 documents/s (~4.5k chars each, one core)", "extract", "docs_per_s", 15, True),
    Goal("extraction >= 70,000 chars/s", "extract", "chars_per_s", 70_000, True),
    Goal("cold build of 200 documents < 2 min", "cold_build", "seconds", 120, False, 200),
    Goal("cold build of 1000 documents < 5 min", "cold_build", "seconds", 300, False, 1000),
    Goal("warm rebuild, nothing changed, < 60 s", "warm_nochange", "seconds", 60, False),
    Goal("warm rebuild, one document changed, < 60 s", "warm_one_changed", "seconds", 60, False),
    Goal("dbt build alone, one document changed, < 45 s", "dbt_one_changed", "seconds", 45, False),
    Goal("refresh while a reader holds the file open succeeds", "refresh_with_reader", "ok", 1, True),
    Goal("peak RSS of every scenario < 2 GiB", "*", "peak_rss_mib", 2048, False),
)


@dataclass(frozen=True)
class Measured:
    """A finished subprocess: wall time, the peak RSS of it or any of its children, its output."""

    seconds: float
    peak_rss_mib: float
    returncode: int
    output: str
    load_1min: float


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- synthetic corpora

def edit_figure(text: str, k: int) -> str:
    """`text` with one digit of one editable figure changed: the (k mod n)-th of its n figure digits, to the
    (k div n)-th digit of 1-9 other than itself, so copies k = 0 .. 8n-1 all differ (and keep their length).
    ValueError when the text has no editable figure."""
    digits = [i for m in FIGURE_RE.finditer(text) for i in range(m.end() - 1, m.start() - 1, -1) if text[i].isdigit()]
    if not digits:
        raise ValueError("no editable figure (a number that is not a year, date part or percentage) in the text")
    at = digits[k % len(digits)]
    choices = [d for d in "123456789" if d != text[at]]
    return text[:at] + choices[(k // len(digits)) % len(choices)] + text[at + 1:]


def make_corpus(target: Path, n_docs: int, source: Path = DEFAULT_CORPUS_DIR) -> int:
    """Write `n_docs` edited copies of source/*.txt (round robin) and their manifest rows into `target`;
    returns the number of characters written. ValueError if two files would have the same content."""
    sources = sorted(source.glob("*.txt"))
    if not sources or n_docs < 1:
        raise ValueError(f"{source}: need at least one .txt document and n_docs >= 1 (got {n_docs})")
    target.mkdir(parents=True, exist_ok=True)
    texts = {p.name: p.read_text(encoding="utf-8") for p in sources}
    seen: dict[str, str] = {hashlib.sha256(t.encode()).hexdigest(): name for name, t in texts.items()}
    names: dict[str, str] = {}
    chars = 0
    for i in range(n_docs):
        origin = sources[i % len(sources)]
        name = f"b{i:04d}_{origin.name}"
        text = edit_figure(texts[origin.name], i // len(sources))
        digest = hashlib.sha256(text.encode()).hexdigest()
        if digest in seen:
            raise ValueError(f"{target / name}: same content as {seen[digest]}; too many copies of {origin.name}")
        seen[digest], names[name] = name, origin.name
        (target / name).write_text(text, encoding="utf-8")
        chars += len(text)
    copy_manifest(source / MANIFEST_NAME, target / MANIFEST_NAME, names)
    return chars


def copy_manifest(source: Path, target: Path, names: dict[str, str]) -> None:
    """One row per new file: the source file's row with `file` replaced; no manifest when the source has none."""
    if not source.exists():
        return
    with source.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        header, rows = list(reader.fieldnames or []), {row["file"]: row for row in reader}
    with target.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        for name, origin in names.items():
            if origin in rows:
                writer.writerow({**rows[origin], "file": name})


def change_one_document(corpus: Path, index: int = 0) -> Path:
    """Edit one more figure in the index-th document of a synthetic corpus (its sha256 changes)."""
    path = sorted(corpus.glob("*.txt"))[index]
    path.write_text(edit_figure(path.read_text(encoding="utf-8"), 0), encoding="utf-8")
    return path


# ---------------------------------------------------------------- extraction in process

def bench_extract(corpus: Path) -> Result:
    """extract() over every document of `corpus` in this process (after one warm-up document)."""
    from loaders.corpus import list_files, read_document, read_manifest
    from loaders.extraction.extract import extract

    started = time.perf_counter()
    manifest = read_manifest(corpus)
    docs = [read_document(p, manifest.get(p.name)) for p in list_files(corpus)]
    reading = time.perf_counter() - started
    started = time.perf_counter()
    extract(docs[0])  # loads jieba and the lexicons
    warm_up = time.perf_counter() - started
    say(f"extract: {len(docs)} documents read in {reading:.1f} s, warm-up {warm_up:.1f} s")
    facts, load, started = 0, os.getloadavg()[0], time.perf_counter()
    for n, doc in enumerate(docs, start=1):
        facts += len(extract(doc)[0])
        if n % max(1, len(docs) // 5) == 0 or n == len(docs):
            say(f"extract: {n}/{len(docs)} documents, {facts} facts")
    seconds = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = Result("extract", len(docs), sum(len(d.body) for d in docs), seconds, rss, facts, load_1min=load)
    result.note = (f"{result.docs_per_s:.1f} docs/s, {result.chars_per_s:,.0f} chars/s; "
                   f"not timed: reading {reading:.1f} s, warm-up (jieba, lexicons) {warm_up:.1f} s")
    return result


# ---------------------------------------------------------------- builds in subprocesses

def build_env(work: Path, corpus: Path, warehouse: Path) -> dict[str, str]:
    """Environment pointing the build, dbt's target and log folders at `work`."""
    return dict(os.environ, CORPUS_DIR=str(corpus), WAREHOUSE_PATH=str(warehouse),
                DBT_TARGET_PATH=str(work / "target"), DBT_LOG_PATH=str(work / "logs"),
                DBT_SEND_ANONYMOUS_USAGE_STATS="false", PYTHONUNBUFFERED="1")


def run_measured(cmd: Sequence[str], env: dict[str, str], label: str) -> Measured:
    """Run `cmd`, showing its progress; the peak RSS comes from wait4 (the process and its waited-for children)."""
    load, started = os.getloadavg()[0], time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, errors="replace")
    assert proc.stdout is not None
    lines: list[str] = []
    for line in proc.stdout:
        lines.append(line)
        show_progress(label, line)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Measured(time.perf_counter() - started, usage.ru_maxrss / 1024, proc.returncode, "".join(lines), load)


def show_progress(label: str, line: str) -> None:
    """Echo every tenth of the landed documents, every 50th dbt node, and the lines that say how it ended."""
    if m := LAND_LINE_RE.search(line):
        n, total = int(m["n"]), int(m["total"])
        if n % max(1, total // 10) == 0 or n == total:
            say(f"{label}: landed {n}/{total}")
    elif m := DBT_NODE_RE.search(line):
        if int(m["n"]) % 50 == 0 or m["n"] == m["total"]:
            say(f"{label}: dbt nodes {m['n']}/{m['total']}")
    elif CHECKS_RE.search(line) or BLOCKED_RE.search(line) or "built and published" in line or "Traceback" in line:
        say(f"{label}: {line.strip()[:160]}")


def cli_command() -> list[str]:
    return [sys.executable, "-m", "loaders", "build"]


def pipeline_command(corpus: Path, warehouse: Path) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--pipeline", str(corpus), str(warehouse)]


def dbt_command() -> list[str]:
    from loaders.dbt_runner import dbt_executable

    return [dbt_executable(), "build", "--project-dir", str(PROJECT_ROOT), "--profiles-dir", str(PROJECT_ROOT)]


def count_facts(warehouse: Path) -> int | None:
    return query_one(warehouse, FACTS_SQL) if warehouse.exists() else None


def query_one(warehouse: Path, sql: str):
    """The single value of `sql` on a new read-only connection (closed again, so a later one sees a new file)."""
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchone()[0]


def step_times(output: str, total: float) -> str:
    """'dbt 6.7 s, checks 5.8 s, other 11.6 s' (or the pipeline's land/dbt steps) from a build's output;
    other = start-up, imports, landing, copying and publishing the file, the printed summary."""
    steps = {m["step"]: float(m["seconds"]) for m in map(PIPELINE_STEP_RE.match, output.splitlines()) if m}
    if "dbt" not in steps and (m := DBT_FINISHED_RE.search(output)):
        steps["dbt"] = float(m["seconds"])
    if m := CHECKS_RE.search(output):
        steps["checks"] = float(m["seconds"])
    if steps:
        steps["other"] = max(0.0, total - sum(steps.values()))
    return ", ".join(f"{name} {seconds:.1f} s" for name, seconds in steps.items())


def extracted_counts(output: str, warehouse: Path) -> str:
    """How many documents the build extracted: in the CLI's landing (its progress lines) and in dbt's landing
    model (raw.corpus_load). A warm build extracting more than the changed documents means the extractor
    version changed (it hashes loaders/extraction/ and the seeds it reads)."""
    landing = sum(m["action"] == "extracted" for m in LAND_ACTION_RE.finditer(output))
    in_dbt = query_one(warehouse, DBT_EXTRACTED_SQL) if warehouse.exists() else None
    return f"extracted: landing {landing}, dbt model {in_dbt}"


def to_result(scenario: str, measured: Measured, documents: int, chars: int, warehouse: Path) -> Result:
    """A Result from a finished build: status blocked/failed/ok, facts in the warehouse, step times."""
    blocked = BLOCKED_RE.search(measured.output)
    status = "ok" if measured.returncode == 0 else "blocked" if blocked else "failed"
    note = step_times(measured.output, measured.seconds)
    if status != "ok":
        tail = blocked[0] if blocked else " ".join(measured.output.strip().splitlines()[-1:])
        note = f"{note}; exit {measured.returncode}: {tail}"[:300]
    else:
        note = f"{note}; {extracted_counts(measured.output, warehouse)}"
    facts = count_facts(warehouse) if status == "ok" else None
    return Result(scenario, documents, chars, measured.seconds, measured.peak_rss_mib, facts, status,
                  measured.load_1min, note.strip("; "))


@dataclass
class Site:
    """One size's temporary corpus, warehouse and environment, and how it is built."""

    work: Path
    corpus: Path
    warehouse: Path
    documents: int
    chars: int
    mode: str = "cli"  # cli | pipeline (after the quality checks blocked a CLI build)

    @property
    def env(self) -> dict[str, str]:
        return build_env(self.work, self.corpus, self.warehouse)

    def current_chars(self) -> int:
        return sum(len(p.read_text(encoding="utf-8")) for p in self.corpus.glob("*.txt"))


def new_site(root: Path, documents: int) -> Site:
    work = root / f"size_{documents}"
    say(f"making a synthetic corpus of {documents} documents in {work / 'corpus'}")
    chars = make_corpus(work / "corpus", documents)
    return Site(work, work / "corpus", work / "warehouse" / "kjfacts.duckdb", documents, chars)


def bench_build(site: Site, scenario: str, fallback: bool = True) -> list[Result]:
    """The CLI build; when the quality checks block it, record that and (with `fallback`) measure land + dbt
    instead, for this and the later scenarios of the site."""
    label = f"{scenario} ({site.documents} docs)"
    say(f"{label}: {'python -m loaders build' if site.mode == 'cli' else 'land_corpus + dbt build'}")
    command = cli_command() if site.mode == "cli" else pipeline_command(site.corpus, site.warehouse)
    result = to_result(scenario if site.mode == "cli" else f"{scenario}:land+dbt",
                       run_measured(command, site.env, label), site.documents, site.current_chars(), site.warehouse)
    say(f"{label}: {result.status} in {result.seconds:.1f} s, peak RSS {result.peak_rss_mib:.0f} MiB, facts {result.facts}")
    if result.status != "blocked" or not fallback:
        return [result]
    site.mode = "pipeline"
    return [result, *bench_build(site, scenario)]


def bench_dbt_only(site: Site) -> Result:
    changed = change_one_document(site.corpus, index=min(1, site.documents - 1))
    label = f"dbt_one_changed ({site.documents} docs)"
    say(f"{label}: `dbt build` alone after editing {changed.name}")
    result = to_result("dbt_one_changed", run_measured(dbt_command(), site.env, label), site.documents,
                       site.current_chars(), site.warehouse)
    say(f"{label}: {result.status} in {result.seconds:.1f} s, facts {result.facts}")
    return result


def bench_reader(site: Site) -> Result:
    """A build (one document changed) while another process keeps the published file open read-only:
    the reader must keep answering from its old snapshot, and new connections must see the new documents."""
    if site.mode != "cli" or not site.warehouse.exists():
        return Result("refresh_with_reader", site.documents, site.chars, 0.0, 0.0, None, "skipped",
                      note="needs a published warehouse from `python -m loaders build`")
    reader = subprocess.Popen([sys.executable, "-c", READER_SCRIPT, str(site.warehouse), FINGERPRINT_SQL],
                              cwd=PROJECT_ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    assert reader.stdin is not None and reader.stdout is not None
    before = reader.stdout.readline().strip()
    say(f"refresh_with_reader: another process holds {site.warehouse.name} open read-only (documents {before})")
    change_one_document(site.corpus, index=site.documents - 1)
    result = bench_build(site, "refresh_with_reader", fallback=False)[0]
    reader.stdin.write("\n")
    reader.stdin.flush()
    after = reader.stdout.readline().strip()
    reader.wait(timeout=60)
    now = query_one(site.warehouse, FINGERPRINT_SQL) if result.status == "ok" else None
    if reader.returncode != 0 or not before or after != before or now == before:
        result.status = "failed"
    result.note = (f"reader saw documents {before or '?'} before and {after or 'nothing'} after; "
                   f"new connections see {now}; {result.note}")
    return result


def bench_one_changed(site: Site) -> list[Result]:
    changed = change_one_document(site.corpus)
    say(f"warm_one_changed ({site.documents} docs): edited {changed.name}")
    return bench_build(site, "warm_one_changed")


WARM_STEPS: tuple[tuple[str, Callable[[Site], list[Result]]], ...] = (
    ("warm_nochange", lambda site: bench_build(site, "warm_nochange")),
    ("warm_one_changed", bench_one_changed),
    ("dbt_one_changed", lambda site: [bench_dbt_only(site)]),
    ("refresh_with_reader", lambda site: [bench_reader(site)]),
)


def run_sizes(root: Path, sizes: Sequence[int], warm_size: int, scenarios: set[str]) -> list[Result]:
    """A cold build per size (needed anyway before the warm scenarios), then the warm scenarios at `warm_size`."""
    results: list[Result] = []
    warm = [(name, step) for name, step in WARM_STEPS if name in scenarios]
    for documents in sizes:
        if "cold_build" not in scenarios and not (documents == warm_size and warm):
            continue
        site = new_site(root, documents)
        results += bench_build(site, "cold_build")
        for _, step in warm if documents == warm_size else []:
            results += step(site)
        shutil.rmtree(site.work, ignore_errors=True)
    return results


# ---------------------------------------------------------------- the fallback pipeline (a subprocess)

def run_pipeline(corpus: Path, warehouse: Path) -> int:
    """land_corpus then dbt build straight into `warehouse` (no quality checks, no publishing)."""
    import duckdb

    from loaders.dbt_runner import run_dbt
    from loaders.land import land_corpus

    warehouse.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with duckdb.connect(str(warehouse)) as con:
        land_corpus(con, corpus)
    print(f"pipeline land: {time.perf_counter() - started:.1f} s", flush=True)
    started = time.perf_counter()
    run_dbt(["build"], warehouse, quiet=True, corpus=corpus)
    print(f"pipeline dbt: {time.perf_counter() - started:.1f} s", flush=True)
    return 0


# ---------------------------------------------------------------- goals and records

def goal_verdict(goal: Goal, results: Sequence[Result]) -> tuple[str, str]:
    """('PASS' | 'MISS' | 'NOT RUN', the measured value as text) for one goal."""
    rows = [r for r in results if goal.scenario in ("*", r.scenario.split(":")[0]) and r.status != "skipped"]
    if goal.documents is not None:
        rows = [r for r in rows if r.documents == goal.documents]
    elif rows and goal.scenario != "*":
        rows = [r for r in rows if r.documents == max(x.documents for x in rows)]
    if not rows:
        return "NOT RUN", ""
    if goal.metric == "ok":
        ok = all(r.status == "ok" for r in rows)
        return ("PASS" if ok else "MISS"), ", ".join(r.status for r in rows)
    ok_rows = [r for r in rows if r.status == "ok"] or rows
    values = [float(getattr(r, goal.metric)) for r in ok_rows]
    value = min(values) if goal.at_least else max(values)
    passed = value >= goal.limit if goal.at_least else value < goal.limit
    return ("PASS" if passed and all(r.status == "ok" for r in rows) else "MISS"), f"{value:,.1f} {goal.metric}"


def machine() -> str:
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores, {ram:.1f} GiB RAM"


def git_commit() -> str:
    def git(*args: str) -> str:
        proc = subprocess.run(["git", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, check=False)
        return proc.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + ("-dirty" if git("status", "--porcelain", "--untracked-files=no") else "")


def csv_row(run: RunInfo, result: Result) -> dict[str, object]:
    row = {**asdict(run), **asdict(result)}
    row["seconds"], row["peak_rss_mib"] = round(result.seconds, 2), round(result.peak_rss_mib, 1)
    row["load_1min"] = round(result.load_1min, 2)
    return row


def append_csv(path: Path, run: RunInfo, results: Iterable[Result]) -> None:
    """Append one row per result; write the header when the file is new; refuse a file with another header."""
    new = not path.exists() or path.stat().st_size == 0
    if not new:
        with path.open(encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh), [])
        if tuple(header) != CSV_COLUMNS:
            raise ValueError(f"{path}: header {header} is not {list(CSV_COLUMNS)}; move the file away to start anew")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
        if new:
            writer.writeheader()
        writer.writerows(csv_row(run, r) for r in results)


def markdown(run: RunInfo, results: Sequence[Result], verdicts: Sequence[tuple[Goal, str, str]], argv: str) -> str:
    lines = [f"# Benchmark results ({run.date})", "",
             f"Commit `{run.commit}` (extractor version `{run.extractor_version}`) on {run.machine}; "
             f"`python scripts/benchmark.py {argv}`.", "",
             "| scenario | documents | chars | seconds | docs/s | peak RSS MiB | facts | status | load | note |",
             "|---|---:|---:|---:|---:|---:|---:|---|---:|---|"]
    lines += [f"| {r.scenario} | {r.documents} | {r.chars:,} | {r.seconds:.1f} | {r.docs_per_s:.2f} | "
              f"{r.peak_rss_mib:.0f} | {'' if r.facts is None else r.facts} | {r.status} | {r.load_1min:.1f} | {r.note.replace('|', '/')} |"
              for r in results]
    lines += ["", "| goal | verdict | measured |", "|---|---|---|"]
    lines += [f"| {g.name} | {verdict} | {value} |" for g, verdict, value in verdicts]
    chart = ("![cold build seconds by documents](scaling.png)" if chart_possible()
             else "No chart: matplotlib is not installed (and not a dependency of the project).")
    lines += ["", chart, "", "History: `results.csv`. Goals and how to run: `README.md`.", ""]
    return "\n".join(lines)


def chart_possible() -> bool:
    import importlib.util

    return importlib.util.find_spec("matplotlib") is not None


def write_chart(path: Path, results: Sequence[Result]) -> bool:
    """benchmarks/scaling.png: cold build seconds by documents, only when matplotlib is importable."""
    rows = sorted((r.documents, r.seconds) for r in results if r.scenario == "cold_build" and r.status == "ok")
    if not chart_possible() or len(rows) < 2:
        return False
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 3.5))
    ax.plot([d for d, _ in rows], [s for _, s in rows], marker="o")
    ax.set(xlabel="documents", ylabel="seconds", title="cold build (python -m loaders build)")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return True


# ---------------------------------------------------------------- command line

def positive_ints(text: str) -> tuple[int, ...]:
    try:
        values = tuple(int(v) for v in text.split(",") if v.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}': expected comma-separated whole numbers, e.g. 5,50,200") from None
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError(f"'{text}': every size must be at least 1")
    return values


def scenario_names(text: str) -> set[str]:
    names = {v.strip() for v in text.split(",") if v.strip()}
    unknown = names - set(SCENARIOS)
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"unknown scenario(s) {sorted(unknown)}; choose from {', '.join(SCENARIOS)}")
    return names


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=positive_ints, default=DEFAULT_SIZES,
                        help="documents per cold build, comma-separated (default: 5,50)")
    parser.add_argument("--warm-size", type=int, help="size for the warm scenarios (default: the largest of --sizes)")
    parser.add_argument("--extract-docs", type=int, default=DEFAULT_EXTRACT_DOCS, help="documents for `extract` (default 100)")
    parser.add_argument("--scenarios", type=scenario_names, default=set(SCENARIOS), help="comma-separated (default: all)")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "benchmarks", help="where results.csv/.md go")
    parser.add_argument("--pipeline", nargs=2, type=Path, metavar=("CORPUS", "WAREHOUSE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.extract_docs < 1:
        parser.error(f"--extract-docs {args.extract_docs}: must be at least 1")
    if args.warm_size is not None and args.warm_size not in args.sizes:
        parser.error(f"--warm-size {args.warm_size}: must be one of --sizes {','.join(map(str, args.sizes))}")
    return args


def run(args: argparse.Namespace) -> list[Result]:
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="kjfacts-bench-") as tmp:
        root = Path(tmp)
        if "extract" in args.scenarios:
            say(f"scenario extract: {args.extract_docs} documents")
            make_corpus(root / "extract", args.extract_docs)
            results.append(bench_extract(root / "extract"))
        warm = args.warm_size or max(args.sizes)
        results += run_sizes(root, args.sizes, warm, args.scenarios)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    if args.pipeline:
        return run_pipeline(*args.pipeline)
    date, version = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), current_extractor_version()
    try:
        results = run(args)
    except ValueError as exc:  # a synthetic corpus that cannot be made (e.g. too many copies)
        print(f"benchmark: {exc}", file=sys.stderr)
        return 2
    if (after := current_extractor_version()) != version:
        say(f"the extractor version changed during the run ({version} -> {after}): someone edited loaders/ or seeds/; "
            "builds after the change extracted every document again")
        version = f"{version} -> {after}"
    info = RunInfo(date, git_commit(), machine(), version)
    verdicts = [(g, *goal_verdict(g, results)) for g in GOALS]
    record(args.out, info, results, verdicts, " ".join(argv))
    for goal, verdict, value in verdicts:
        print(f"{verdict:8} {goal.name}{f'  ({value})' if value else ''}")
    print(f"\nrecorded {len(results)} rows in {args.out / 'results.csv'} and {args.out / 'results.md'}")
    return 0 if all(r.status in ("ok", "skipped", "blocked") for r in results) else 1


def record(out: Path, info: RunInfo, results: Sequence[Result], verdicts: Sequence[tuple[Goal, str, str]],
           argv: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    append_csv(out / "results.csv", info, results)
    (out / "results.md").write_text(markdown(info, results, verdicts, argv), encoding="utf-8")
    if write_chart(out / "scaling.png", results):
        say(f"chart: {out / 'scaling.png'}")


if __name__ == "__main__":
    sys.exit(main())
