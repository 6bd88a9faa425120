"""Build the warehouse in a side file and swap it in atomically, in a storage format DuckDB 1.4+ can read.

`dbt build` writes the build file `<published>.build` (profiles.yml), never the published file; its
on-run-end hook (macros/publish.sql) copies the finished build into `<published>.publishing-<id>` (a new
database in STORAGE_VERSION) and calls `kjfacts_publish` (loaders.dbt_plugin → `publish_copy`), which checks
that the published file may be replaced, marks the copy as this project's warehouse and renames it over the
published file. Readers (DuckDB 1.x or 2.x, read-only) never hold a lock dbt needs.

The lower-level context manager, for building a file outside dbt:

    with building(warehouse_path()) as build_file:
        ...  # load raw tables, run dbt against build_file; close every connection to it
    # here the published file has been replaced by the finished build in one rename

Readers holding the published file open keep reading the old file (its inode lives on until they close);
new connections see the new one. A build that dies leaves the published file untouched; its leftover
`<name>.building-<pid>.duckdb` is removed by the next build once that pid is gone.

Safety (each refusal is a `PublishError`, one sentence naming the file):
- a build file is a new database (its own identity) into which the published file's contents are
  copied with COPY FROM DATABASE, never a byte copy;
- one build at a time per published file: `<name>.lock` is held (flock) from start to swap; a second
  build stops with the pid of the first (or waits `wait_seconds`);
- a published file that a process holds open for writing is never replaced, and a write-ahead log
  beside it (a writer open, or one that crashed) is reported, not deleted;
- the published file must be this project's warehouse (table MARKER_TABLE, or the raw tables of an
  older build) unless `force`.

Note: within ONE process DuckDB caches database instances by path, so a new `duckdb.connect(path)` made
while that process still has a connection to the old file returns the old database. Close all
connections to see a newly published file.
"""
from __future__ import annotations

import fcntl
import os
import re
import shutil
import struct
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

STORAGE_VERSION = "v1.4.0"  # readable by DuckDB 1.4, 1.5 and 2.x; DuckDB 2.0's default (v2.0.0) is not
# DuckDB file header: 8-byte checksum, b"DUCK", then the storage version number (uint64, little-endian)
HEADER = struct.Struct("<8x4sQ")
MAGIC = b"DUCK"
# storage version number in the header -> the oldest DuckDB release that reads it (as DuckDB names it)
STORAGE_NUMBER_NAMES = {64: "v1.0.0", 65: "v1.2.0", 66: "v1.3.0", 67: "v1.4.0", 68: "v1.5.0", 999: "v2.0.0"}
MARKER_SCHEMA, MARKER_TABLE = "raw", "kjfacts_warehouse"
PROJECT_NAME = "kjfacts"
BUILD_SUFFIX = ".build"  # dbt's build file: <published>.build (profiles.yml)
PUBLISHING_INFIX = ".publishing-"  # <published>.publishing-<invocation id>: a copy on its way to publication
FORCE_ENV = "KJFACTS_FORCE"  # "1": publish_copy may replace a WAREHOUSE_PATH that is not a kjfacts warehouse
# DuckDB's lock error: 'Could not set lock on file "F": Conflicting lock is held in HOLDER (PID N) by user U ...'
LOCK_RE = re.compile(r'Could not set lock on file "(?P<file>[^"]+)"'
                     r'(?:: Conflicting lock is held in (?P<holder>.+?) \(PID (?P<pid>\d+)\))?')
BUILD_NAME_RE = re.compile(r"^(?P<stem>.+)\.building-(?P<pid>\d+)(?P<suffix>\.[^.]*)?$")


def storage_version(path: Path) -> str:
    """The storage format of a DuckDB file read from its header, e.g. 'v1.4.0' (no DuckDB, no lock needed)."""
    number = storage_number(path)
    return STORAGE_NUMBER_NAMES.get(number, f"unknown (storage number {number})")


def storage_number(path: Path) -> int:
    """The storage version number in a DuckDB file's header; ValueError when it is not a DuckDB file."""
    with open(path, "rb") as fh:
        head = fh.read(HEADER.size)
    if len(head) < HEADER.size or HEADER.unpack(head)[0] != MAGIC:
        raise ValueError(f"{path}: not a DuckDB database file (no DUCK header)")
    return HEADER.unpack(head)[1]


def reported_storage_version(path: Path) -> str:
    """The storage version DuckDB itself reports for the file (attached read-only), e.g. 'v1.4.0'."""
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH {_sql_str(path)} AS probe (READ_ONLY)")
        tags = con.execute("SELECT tags FROM duckdb_databases() WHERE database_name = 'probe'").fetchone()[0]
        con.execute("DETACH probe")
    finally:
        con.close()
    return tags["storage_version"].rstrip("+")


def wal_path(database: Path) -> Path:
    """The write-ahead log DuckDB keeps next to a database file."""
    return database.with_name(database.name + ".wal")


def build_path(published: Path, pid: int | None = None) -> Path:
    """`<stem>.building-<pid><suffix>` next to the published file."""
    return published.with_name(f"{published.stem}.building-{pid or os.getpid()}{published.suffix}")


class PublishError(RuntimeError):
    """The warehouse cannot be built or published safely; the message says why in one sentence."""


def lock_path(published: Path) -> Path:
    return published.with_name(published.name + ".lock")


@contextmanager
def build_lock(published: Path, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold `<name>.lock` (an flock, released when the process dies) for the duration of a build."""
    path = lock_path(published)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "another process"
                    raise PublishError(f"another build of {published} is running (pid {holder}); "
                                       "wait for it to finish, then build again") from None
                time.sleep(0.5)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def check_published(published: Path, force: bool = False) -> bool:
    """Raise PublishError unless `published` may be replaced; True when its contents may be reused."""
    if not published.exists():
        return False
    if wal_path(published).exists():
        _refuse_writer(published)
        raise PublishError(f"{wal_path(published)}: a write-ahead log beside the published warehouse (a connection "
                           "that wrote to it did not close cleanly); open the file read-write once to replay it, "
                           "or delete the log if those writes do not matter, then build again")
    try:
        storage_number(published)
    except ValueError:
        if force:
            return False
        raise PublishError(f"{published} is not a DuckDB file; set WAREHOUSE_PATH to this project's warehouse "
                           "or pass --force to replace it") from None
    _refuse_writer(published)
    if is_project_warehouse(published):
        return True
    if force:
        return False
    raise PublishError(f"{published} is a DuckDB file but not a kjfacts warehouse (no {MARKER_SCHEMA}.{MARKER_TABLE}); "
                       "set WAREHOUSE_PATH to another file or pass --force to replace it")


def _refuse_writer(published: Path) -> None:
    """PublishError when some process holds `published` open for writing (worded by lock_conflict)."""
    try:
        con = duckdb.connect(str(published), read_only=True)
    except duckdb.Error as exc:
        if "lock" not in str(exc).lower():
            raise PublishError(f"{published} cannot be opened by DuckDB ({first_line(exc)})") from None
        raise PublishError(lock_conflict(str(exc)) or lock_conflict_sentence(str(published), None, None)) from None
    con.close()


def _is_duckdb(path: Path) -> bool:
    try:
        storage_number(path)
    except (ValueError, OSError):
        return False
    return True


def is_project_warehouse(path: Path) -> bool:
    """True when a DuckDB file carries this project's marker table (or the raw tables of an older build)."""
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH {_sql_str(path)} AS probe (READ_ONLY)")
        tables = {(s, t) for s, t in con.execute(
            "select schema_name, table_name from duckdb_tables() where database_name = 'probe'").fetchall()}
    finally:
        con.close()
    legacy = {("raw", "documents"), ("raw", "observations"), ("raw", "rejected_documents")}
    return (MARKER_SCHEMA, MARKER_TABLE) in tables or legacy <= tables


def first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def new_build_file(published: Path, force: bool = False) -> Path:
    """A fresh build file next to `published`, in STORAGE_VERSION, with a database identity of its own:
    the published file's contents copied in (so raw tables can be reused), or empty."""
    published = Path(published)
    published.parent.mkdir(parents=True, exist_ok=True)
    reuse = check_published(published, force)
    remove_stale_builds(published)
    build = build_path(published)
    _remove_database(build)
    if reuse:
        _migrate(published, build)
    else:
        _create_empty(build)
    _mark(build)
    return build


def _mark(build: Path) -> None:
    con = duckdb.connect(str(build))
    try:
        con.execute(f"create schema if not exists {MARKER_SCHEMA}")
        con.execute(f"create or replace table {MARKER_SCHEMA}.{MARKER_TABLE} as "
                    "select ? as project, current_timestamp as built_at, ? as built_by_pid", [PROJECT_NAME, os.getpid()])
    finally:
        con.close()


def publish(build_file: Path, published: Path) -> None:
    """Atomically replace `published` by `build_file` (same folder) after flushing it to disk.
    Every connection to the build file must be closed first; no process may hold `published` for writing."""
    build_file, published = Path(build_file), Path(published)
    if build_file.resolve().parent != published.resolve().parent:
        raise ValueError(f"{build_file}: a build file must sit in the folder of {published} to be swapped in")
    _ensure_closed(build_file)
    version = storage_version(build_file)
    if version != STORAGE_VERSION:
        raise ValueError(f"{build_file}: storage version {version}, expected {STORAGE_VERSION} (DuckDB 1.x readers)")
    if published.exists() and _is_duckdb(published):
        _refuse_writer(published)
        if wal_path(published).exists():
            raise PublishError(f"{wal_path(published)}: a write-ahead log appeared beside the published warehouse "
                               "during the build; not published")
    _fsync(build_file)
    os.replace(build_file, published)
    _fsync(published.parent)


@contextmanager
def building(published: Path, force: bool = False, wait_seconds: float = 0.0) -> Iterator[Path]:
    """Hold the build lock, yield a build file; publish it when the block succeeds, delete it when it raises."""
    published = Path(published)
    with build_lock(published, wait_seconds):
        build = new_build_file(published, force)
        try:
            yield build
            publish(build, published)
        except BaseException:
            _remove_database(build)
            raise


def remove_stale_builds(published: Path) -> list[Path]:
    """Delete build files (and their WALs) next to `published` left by processes that no longer run."""
    removed: list[Path] = []
    for candidate in published.parent.glob(f"{glob_escape(published.stem)}.building-*"):
        match = BUILD_NAME_RE.match(candidate.name.removesuffix(".wal"))
        if not match or match["stem"] != published.stem or _pid_alive(int(match["pid"])):
            continue
        candidate.unlink(missing_ok=True)
        removed.append(candidate)
    return removed


def glob_escape(text: str) -> str:
    """`text` with glob wildcards escaped."""
    return re.sub(r"([*?\[])", r"[\1]", text)


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _sql_str(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def new_empty_database(path: Path) -> None:
    """Replace whatever is at `path` (and its WAL) by an empty database in STORAGE_VERSION."""
    _remove_database(Path(path))
    _create_empty(Path(path))


def _create_empty(path: Path) -> None:
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH {_sql_str(path)} AS build (STORAGE_VERSION '{STORAGE_VERSION}')")
        con.execute("DETACH build")
    finally:
        con.close()


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of `source` (opened read-only) as a new STORAGE_VERSION database at `target`."""
    _remove_database(Path(target))
    _migrate(Path(source), Path(target))


def _migrate(source: Path, target: Path) -> None:
    """Copy every schema, table, view, sequence and macro of `source` into a new STORAGE_VERSION file."""
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH {_sql_str(source)} AS source (READ_ONLY)")
        con.execute(f"ATTACH {_sql_str(target)} AS build (STORAGE_VERSION '{STORAGE_VERSION}')")
        con.execute("COPY FROM DATABASE source TO build")
        con.execute("DETACH build")
        con.execute("DETACH source")
    finally:
        con.close()


def _ensure_closed(path: Path) -> None:
    """Refuse a build file that some connection still writes to, or that a crash left with a WAL."""
    try:
        duckdb.connect(str(path), read_only=True).close()
    except duckdb.Error as exc:  # in this process: "different configuration"; elsewhere: a lock conflict
        raise RuntimeError(f"{path}: still open for writing; close every connection before publishing ({exc})") from exc
    if wal_path(path).exists():
        raise RuntimeError(f"{path}: has a pending write-ahead log; the build did not close cleanly")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_database(path: Path) -> None:
    path.unlink(missing_ok=True)
    wal_path(path).unlink(missing_ok=True)


def build_file_for(published: Path) -> Path:
    """The file `dbt build` writes: `<published>.build` beside the published file."""
    published = Path(published)
    return published.with_name(published.name + BUILD_SUFFIX)


def published_for_build(build: Path) -> Path:
    """The published file a build file is for (the inverse of build_file_for)."""
    build = Path(build)
    if not build.name.endswith(BUILD_SUFFIX):
        raise ValueError(f"{build}: not a build file (its name does not end in {BUILD_SUFFIX})")
    return build.with_name(build.name.removesuffix(BUILD_SUFFIX))


def publish_copy(copy: Path, published: Path, force: bool | None = None) -> Path:
    """Swap a finished, closed copy (STORAGE_VERSION) in as `published`, and the build's Data Docs in as its
    docs; remove copies that earlier, killed builds left behind. Refuses (PublishError, the copy removed) a
    published file that is open for writing, has a write-ahead log, or is not this project's warehouse
    (unless `force`, default $KJFACTS_FORCE == "1"). Returns the published path."""
    copy, published = Path(copy), Path(published)
    force = os.environ.get(FORCE_ENV) == "1" if force is None else force
    try:
        check_published(published, force)
        _mark(copy)
        publish(copy, published)
    except BaseException:
        _remove_database(copy)
        raise
    _swap_docs(published)
    for stale in published.parent.glob(glob_escape(published.name) + PUBLISHING_INFIX + "*"):
        stale.unlink(missing_ok=True)
    return published


def _swap_docs(published: Path) -> None:
    """Replace the published Data Docs by the build's, when the build wrote any."""
    from loaders.quality import building_docs_dir_for, docs_dir_for

    docs, building_docs = docs_dir_for(published), building_docs_dir_for(published)
    if building_docs.is_dir():
        old = docs.with_name(docs.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if docs.exists():
            os.replace(docs, old)
        os.replace(building_docs, docs)
        shutil.rmtree(old, ignore_errors=True)


def lock_conflict(message: str) -> str | None:
    """The one sentence for a DuckDB lock error in `message` (None when there is none)."""
    match = LOCK_RE.search(message)
    if not match:
        return None
    return lock_conflict_sentence(match["file"], match["holder"], match["pid"])


def lock_conflict_sentence(file: str, holder: str | None, pid: str | None) -> str:
    who = f"process {pid} ({holder})" if pid else "another process"
    return (f"{file} is open for writing in {who}: another build, or a connection opened without "
            "read_only=True; wait for it to finish or close it, then run again")
