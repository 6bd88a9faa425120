"""`dbt build` alone is the whole refresh, data-quality checks included, and nothing a reader does blocks it:
it records a new run in marts.dq_results with flags and Data Docs; `check` re-runs the checks on a private copy
and publishes nothing (nor does `dbt build --vars '{kjfacts_publish: false}'`); an impossible
figure (a share of 150 %) fails the build naming the check, and the published file stays as it was; all
this while a DuckDB 1.x and a DuckDB 2.x reader hold the published file open read-only."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from conftest import run_dbt_command
from loaders.checks.catalogue import load_catalogue
from loaders.config import DEFAULT_CORPUS_DIR, PROJECT_ROOT
from loaders.publish import STORAGE_VERSION, build_file_for, lock_conflict, storage_version
from loaders.readers import sha256_file
from loaders.version import extractor_version

DUCKDB1_PYTHON = Path(os.environ.get("DUCKDB1_PYTHON", PROJECT_ROOT / ".venv-duckdb1" / "bin" / "python"))
# a Jiaxing report (not in the corpus) stating an impossible share, and a plausible one
IMPOSSIBLE_DOC = ("950_impossible_share.txt", "2023年，嘉兴市高新技术产业增加值占规上工业增加值比重达到150%。"
                                              "全市研发经费投入强度3.2%。")
READER = """
    import duckdb, sys
    con = duckdb.connect(sys.argv[1], read_only=True)
    runs = "select count(distinct run_id), count(*) from marts.dq_results"
    print(duckdb.__version__, con.execute(runs).fetchone(), flush=True)
    sys.stdin.readline()  # hold the file open until told to go on
    print(con.execute(runs).fetchone(), con.execute("select count(*) from marts.fct_indicator_observation").fetchone()[0],
          flush=True)
"""


def _rows(path: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("dq_corpus")
    for path in DEFAULT_CORPUS_DIR.iterdir():
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory, corpus: Path) -> Path:
    """A plain `dbt build` (no wrapper) of the corpus copy."""
    work = tmp_path_factory.mktemp("dq_build")
    warehouse = work / "warehouse" / "kjfacts.duckdb"
    proc = _dbt(["build"], warehouse, corpus, work)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    return warehouse


def _dbt(args: list[str], warehouse: Path, corpus: Path, work: Path) -> subprocess.CompletedProcess:
    return run_dbt_command(args, warehouse, work, corpus=corpus)


def test_dbt_build_alone_records_a_run_flags_and_docs(built: Path) -> None:
    assert storage_version(built) == STORAGE_VERSION
    runs = _rows(built, "select distinct run_id, extractor_version from marts.dq_results")
    assert len(runs) == 1 and runs[0][1] == extractor_version()
    run_id = runs[0][0]
    checks = _rows(built, "select check_name from marts.dq_run order by 1")
    assert [c for (c,) in checks] == sorted(c.name for c in load_catalogue().checks)
    assert _rows(built, "select count(*) from marts.fct_indicator_observation where quality_flags is null") == [(0,)]
    flagged = _rows(built, "select distinct observation_id, check_name from marts.dq_observation_flags order by all")
    listed = _rows(built, "select observation_id, unnest(quality_flags) from marts.fct_indicator_observation order by all")
    assert listed == flagged
    docs = built.parent / "gx_docs"
    assert (docs / "index.html").is_file() and run_id in {p.name for p in docs.rglob("*")}
    assert not (built.parent / "gx_docs.building").exists()


def test_dbt_build_with_kjfacts_publish_false_checks_and_publishes_nothing(built: Path, corpus: Path, tmp_path) -> None:
    before = (sha256_file(built), built.stat().st_mtime_ns)
    runs = _rows(built, "select distinct run_id from marts.dq_results")
    proc = _dbt(["build", "--select", "dq_run+", "--exclude", "corpus_load", "--vars", "{kjfacts_publish: false}"],
                built, corpus, tmp_path)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    assert "not published (kjfacts_publish is false)" in proc.stdout
    assert (sha256_file(built), built.stat().st_mtime_ns) == before
    assert _rows(built, "select distinct run_id from marts.dq_results") == runs
    assert _rows(build_file_for(built), "select count(distinct run_id) from marts.dq_results") == [(len(runs) + 1,)]


def test_check_and_a_failing_build_beside_duckdb1_and_duckdb2_readers(built: Path, corpus: Path, tmp_path) -> None:
    assert DUCKDB1_PYTHON.exists(), f"no DuckDB 1.x Python at {DUCKDB1_PYTHON}: run scripts/setup.sh"
    readers = [_start_reader(python, built) for python in (Path(sys.executable), DUCKDB1_PYTHON)]
    try:
        first = [r.stdout.readline().split(" ", 1) for r in readers]
        assert [v[:2] for v, _ in first] == ["2.", "1."], first
        runs = _rows(built, "select distinct run_id from marts.dq_results")
        checked = subprocess.run([sys.executable, "-m", "loaders", "check"], cwd=PROJECT_ROOT, capture_output=True,
                                 text=True, env={**os.environ, "WAREHOUSE_PATH": str(built)}, timeout=900)
        assert checked.returncode == 0, checked.stderr[-3000:]
        assert "data-quality run dq-" in checked.stdout
        assert _rows(built, "select distinct run_id from marts.dq_results") == runs  # check publishes nothing
        assert len(runs) == 1

        (corpus / IMPOSSIBLE_DOC[0]).write_text(IMPOSSIBLE_DOC[1], encoding="utf-8")
        with (corpus / "manifest.csv").open("a", encoding="utf-8") as manifest:
            manifest.write(f"{IMPOSSIBLE_DOC[0]},嘉兴市科技工作总结,嘉兴市科学技术局,嘉兴市,2024-02,,\n")
        before = sha256_file(built)
        failed = _dbt(["build"], built, corpus, tmp_path)
        output = failed.stdout + failed.stderr
        assert failed.returncode != 0
        assert "assert_blocking_quality_checks_pass" in output and "share_within_0_100" in output
        assert "share 150.0 %" in output, output[-3000:]  # a sample row, not just a name
        assert "not published" in output
        assert sha256_file(built) == before
        assert not list(built.parent.glob("*.publishing-*"))
        in_build = _rows(build_file_for(built), "select n_failing from marts.dq_run where check_name = 'share_within_0_100'")
        assert in_build == [(1,)]

        outs = [r.communicate("go\n", timeout=60) for r in readers]
    finally:
        for reader in readers:
            reader.kill()
    for (version, snapshot), (out, err), reader in zip(first, outs, readers):
        assert reader.returncode == 0, err
        assert out.split(") ")[0] + ")" == snapshot.strip()  # the reader kept its snapshot throughout


def _start_reader(python: Path, warehouse: Path) -> subprocess.Popen:
    return subprocess.Popen([str(python), "-c", textwrap.dedent(READER), str(warehouse)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


WRITER = """
    import duckdb, sys
    con = duckdb.connect(sys.argv[1])
    print("holding", flush=True)
    sys.stdin.readline()
"""


def test_a_lock_conflict_is_one_sentence(built: Path) -> None:
    writer = subprocess.Popen([sys.executable, "-c", textwrap.dedent(WRITER), str(built)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "holding"
        with pytest.raises(duckdb.Error) as err:
            duckdb.connect(str(built), read_only=True)
        sentence = lock_conflict(str(err.value))
        assert sentence and str(built) in sentence and f"process {writer.pid}" in sentence
        summary = subprocess.run([sys.executable, "-m", "loaders", "summary"], cwd=PROJECT_ROOT, capture_output=True,
                                 text=True, env={**os.environ, "WAREHOUSE_PATH": str(built)}, timeout=300)
    finally:
        writer.communicate("done\n", timeout=60)
    assert summary.returncode == 2
    errors = [line for line in summary.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {sentence}"] and "Traceback" not in summary.stderr
