"""Publishing the warehouse file: storage format DuckDB 1.x can read, atomic swap under live readers,
killed builds and failing builds leave the published file as it was."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from loaders.config import PROJECT_ROOT
from loaders.publish import (
    STORAGE_VERSION,
    build_path,
    building,
    new_build_file,
    publish,
    remove_stale_builds,
    reported_storage_version,
    storage_version,
    wal_path,
)
from loaders.readers import sha256_file

# a Python that has duckdb 1.x (see tests/fixtures/make_duckdb1_venv.sh)
DUCKDB1_PYTHON = Path(os.environ.get("DUCKDB1_PYTHON", PROJECT_ROOT / ".venv-duckdb1" / "bin" / "python"))
BIG_ROWS = 300_000


def fill(path: Path, tag: str, rows: int = BIG_ROWS) -> None:
    """Write raw.meta(tag) and a raw.big table whose contents depend on the tag."""
    con = duckdb.connect(str(path))
    try:
        con.execute("CREATE SCHEMA IF NOT EXISTS raw")
        con.execute("CREATE OR REPLACE TABLE raw.meta AS SELECT ? AS tag", [tag])
        con.execute(
            "CREATE OR REPLACE TABLE raw.big AS SELECT i, i * length(?) AS v, ? || (i % 97) AS s "
            "FROM range(?) r(i)", [tag, tag, rows])
    finally:
        con.close()


def leftovers(published: Path) -> list[str]:
    """The files beside the published one, the build lock (kept, it is only flocked) aside."""
    return sorted(p.name for p in published.parent.iterdir() if p.name != published.name + ".lock")


def expected_sum(tag: str, rows: int = BIG_ROWS) -> int:
    return len(tag) * rows * (rows - 1) // 2


def query(path: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def start_python(code: str) -> subprocess.Popen[str]:
    """A child Python (the project's interpreter) running `code`, talking over stdin/stdout lines."""
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)], cwd=PROJECT_ROOT, text=True,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
    )


@pytest.fixture
def published(tmp_path: Path) -> Path:
    """A published warehouse holding the 'old' data."""
    path = tmp_path / "warehouse" / "kjfacts.duckdb"
    with building(path) as build:
        fill(build, "old")
    return path


# --- storage versions ------------------------------------------------------------------------------
@pytest.mark.parametrize("version", ["v1.0.0", "v1.2.0", "v1.3.0", "v1.4.0", "v1.5.0", "v2.0.0"])
def test_header_storage_version_agrees_with_duckdb(tmp_path: Path, version: str) -> None:
    path = tmp_path / f"{version}.duckdb"
    con = duckdb.connect(":memory:")
    con.execute(f"ATTACH '{path}' AS db (STORAGE_VERSION '{version}')")
    con.execute("CREATE TABLE db.t AS SELECT 1 AS x")
    con.close()
    assert storage_version(path) == reported_storage_version(path) == version


def test_storage_version_rejects_other_files(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_bytes(b"SQLite format 3\x00" + bytes(100))
    with pytest.raises(ValueError, match="notes.duckdb: not a DuckDB database file"):
        storage_version(path)


def test_new_build_starts_empty_in_v1_4_storage(tmp_path: Path) -> None:
    published = tmp_path / "new" / "kjfacts.duckdb"
    build = new_build_file(published)
    assert build == build_path(published) and build.parent == published.parent
    assert storage_version(build) == STORAGE_VERSION == "v1.4.0"
    assert query(build, "SELECT schema_name || '.' || table_name FROM duckdb_tables()") == [("raw.kjfacts_warehouse",)]
    assert not published.exists()


def test_copied_build_keeps_v1_4_storage_after_duckdb2_writes(published: Path) -> None:
    """The build starts as a copy of the published file (raw tables reusable) and DuckDB 2 keeps
    writing it in the file's own v1.4.0 format rather than upgrading it."""
    build = new_build_file(published)
    assert query(build, "SELECT tag FROM raw.meta") == [("old",)]
    fill(build, "newer")
    con = duckdb.connect(str(build))
    con.execute("CREATE SCHEMA marts; CREATE TABLE marts.m AS SELECT s, count(*) n FROM raw.big GROUP BY s")
    con.execute("DELETE FROM raw.big WHERE i % 3 = 0; CHECKPOINT")
    con.close()
    assert storage_version(build) == reported_storage_version(build) == "v1.4.0"
    publish(build, published)
    assert storage_version(published) == "v1.4.0"
    assert query(published, "SELECT count(*) FROM marts.m") == [(97,)]


def test_published_file_in_duckdb2_format_is_migrated(tmp_path: Path) -> None:
    published = tmp_path / "kjfacts.duckdb"
    con = duckdb.connect(str(published))  # DuckDB 2's default storage: unreadable by 1.x
    con.execute("CREATE SCHEMA raw; CREATE TABLE raw.t AS SELECT 7 AS x; "
                "CREATE TABLE raw.kjfacts_warehouse AS SELECT 'kjfacts' AS project; "
                "CREATE VIEW raw.v AS SELECT x + 1 AS y FROM raw.t")
    con.close()
    assert storage_version(published) == "v2.0.0"
    build = new_build_file(published)
    assert storage_version(build) == "v1.4.0"
    assert query(build, "SELECT y FROM raw.v") == [(8,)]


def test_publish_refuses_unsafe_builds(tmp_path: Path, published: Path) -> None:
    elsewhere = tmp_path / "elsewhere.duckdb"
    fill(elsewhere, "x", rows=10)
    with pytest.raises(ValueError, match="must sit in the folder"):
        publish(elsewhere, published)
    v2_build = published.with_name("v2.duckdb")
    fill(v2_build, "x", rows=10)
    with pytest.raises(ValueError, match="storage version v2.0.0, expected v1.4.0"):
        publish(v2_build, published)
    build = new_build_file(published)
    con = duckdb.connect(str(build))
    con.execute("CREATE TABLE still_writing AS SELECT 1 AS x")
    with pytest.raises(RuntimeError, match="still open for writing"):
        publish(build, published)
    con.close()
    assert query(published, "SELECT tag FROM raw.meta") == [("old",)]


def test_duckdb1_reads_the_published_file(published: Path) -> None:
    assert DUCKDB1_PYTHON.exists(), f"no DuckDB 1.x Python at {DUCKDB1_PYTHON}: run scripts/setup.sh (or set DUCKDB1_PYTHON)"
    with building(published) as build:
        fill(build, "v1-check")
        con = duckdb.connect(str(build))
        con.execute("CREATE SCHEMA marts; CREATE TABLE marts.m AS SELECT s, date '2020-01-01' + (i % 300)::INT AS d, "
                    "[i, i + 1] AS l, {'k': i} AS st, i / 7 AS f FROM raw.big")
        con.close()
    sql = ("SELECT (SELECT sum(v) FROM raw.big), (SELECT count(DISTINCT d) FROM marts.m), "
           "(SELECT sum(st.k) FROM marts.m)")
    code = ("import duckdb, sys; c = duckdb.connect(sys.argv[1], read_only=True); "
            f"print(duckdb.__version__, c.execute({sql!r}).fetchone())")
    out = subprocess.run([str(DUCKDB1_PYTHON), "-c", code, str(published)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    version, result = out.stdout.split(" ", 1)
    assert version.startswith("1.")
    assert result.strip() == str(query(published, sql)[0])


# --- publishing under readers, crashes and failures -------------------------------------------------
READER = """
    import duckdb, sys
    con = duckdb.connect({path!r}, read_only=True)
    print(con.execute("SELECT tag FROM raw.meta").fetchone()[0], flush=True)
    sys.stdin.readline()  # hold the old file open until told to go on
    print(con.execute("SELECT (SELECT tag FROM raw.meta), sum(v), count(*) FROM raw.big").fetchone(), flush=True)
"""


def test_reader_does_not_block_publishing_and_keeps_its_snapshot(published: Path) -> None:
    reader = start_python(READER.format(path=str(published)))
    try:
        assert reader.stdout.readline().strip() == "old"
        with building(published) as build:  # copies the file the reader holds, then swaps it
            # free the old blocks first so the new data lands where the reader's old data sat:
            # only a swap of whole files (not an in-place overwrite) then keeps the reader consistent
            con = duckdb.connect(str(build))
            con.execute("DROP TABLE raw.big; DROP TABLE raw.meta; CHECKPOINT")
            con.close()
            fill(build, "new!")
        new_view = query(published, "SELECT tag, (SELECT sum(v) FROM raw.big) FROM raw.meta")
        assert new_view == [("new!", expected_sum("new!"))]
        out, err = reader.communicate("go\n", timeout=60)
    finally:
        reader.kill()
    assert out.strip() == str(("old", expected_sum("old"), BIG_ROWS)), err
    assert leftovers(published) == [published.name]


KILLED_BUILD = """
    import duckdb, sys
    from loaders.publish import building
    with building(sys.argv[1]) as build:
        con = duckdb.connect(str(build))
        con.execute("CREATE OR REPLACE TABLE raw.meta AS SELECT 'half-built' AS tag")
        for batch in range(10_000):
            con.execute("INSERT INTO raw.big SELECT i, -1, 'x' FROM range(200000) r(i)")
            print(batch, flush=True)
"""


def test_killed_build_leaves_published_file_intact(published: Path) -> None:
    before = sha256_file(published)
    builder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(KILLED_BUILD), str(published)], cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
    try:
        for _ in range(3):  # let it write a few batches into the build file, then kill it mid-write
            assert builder.stdout.readline().strip().isdigit(), builder.stderr.read()
        os.kill(builder.pid, signal.SIGKILL)
        builder.wait(timeout=30)
    finally:
        builder.kill()
    leftover = build_path(published, builder.pid)
    assert leftover.exists() or wal_path(leftover).exists()
    assert sha256_file(published) == before
    assert query(published, "SELECT tag, (SELECT sum(v) FROM raw.big) FROM raw.meta") == [("old", expected_sum("old"))]
    removed = remove_stale_builds(published)
    assert leftover in removed or wal_path(leftover) in removed
    assert leftovers(published) == [published.name]


def test_exception_inside_building_keeps_published_and_removes_build(published: Path) -> None:
    before = (sha256_file(published), published.stat().st_mtime_ns, published.stat().st_ino)
    with pytest.raises(RuntimeError, match="dbt failed"):
        with building(published) as build:
            fill(build, "broken")
            raise RuntimeError("dbt failed")
    assert (sha256_file(published), published.stat().st_mtime_ns, published.stat().st_ino) == before
    assert leftovers(published) == [published.name]
    assert query(published, "SELECT tag FROM raw.meta") == [("old",)]
