"""Build the warehouse in a side file and swap it in atomically, in a storage format DuckDB 1.4+ can read.

`dbt build` writes the build file `<published>.build` (profiles.yml), never the published file; its
on-run-end hook (macros/publish.sql) copies the finished build into `<published>.publishing-<id>` in
STORAGE_VERSION and calls `kjfacts_publish` (loaders.dbt_plugin → `publish_copy`), which renames it over
the published file. Readers (DuckDB 1.x or 2.x, read-only) never hold a lock dbt needs.

The lower-level context manager, for building a file outside dbt:

    with building(warehouse_path()) as build_file:
        ...  # load raw tables, run dbt against build_file; close every connection to it
    # here the published file has been replaced by the finished build in one rename

Readers holding the published file open keep reading the old file (its inode lives on until they close);
new connections see the new one. A build that dies leaves the published file untouched; its leftover
`<name>.building-<pid>.duckdb` is removed by the next build once that pid is gone.

Note: within ONE process DuckDB caches database instances by path, so a new `duckdb.connect(path)` made
while that process still has a connection to the old file returns the old database. Close all
connections to see a newly published file.
"""
from __future__ import annotations

import os
import re
import shutil
import struct
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
BUILD_SUFFIX = ".build"  # dbt's build file: <published>.build (profiles.yml)
PUBLISHING_INFIX = ".publishing-"  # <published>.publishing-<invocation id>: a copy on its way to publication
LOCK_RE = re.compile(r'Could not set lock on file "(?P<file>[^"]+)"(?:[^\n]*?PID (?P<pid>\d+))?')
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


def new_build_file(published: Path) -> Path:
    """A fresh build file next to `published`, in STORAGE_VERSION: a copy of the published file when
    there is one (so raw tables can be reused), else an empty database."""
    published = Path(published)
    published.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_builds(published)
    build = build_path(published)
    _remove_database(build)
    if not published.exists():
        _create_empty(build)
    elif storage_version(published) == STORAGE_VERSION and not wal_path(published).exists():
        shutil.copyfile(published, build)  # DuckDB keeps a file's storage version when it writes to it
    else:
        _migrate(published, build)  # other format, or a pending WAL that a byte copy would lose
    return build


def publish(build_file: Path, published: Path) -> None:
    """Atomically replace `published` by `build_file` (same folder) after flushing it to disk.
    Every connection to the build file must be closed first."""
    build_file, published = Path(build_file), Path(published)
    if build_file.resolve().parent != published.resolve().parent:
        raise ValueError(f"{build_file}: a build file must sit in the folder of {published} to be swapped in")
    _ensure_closed(build_file)
    version = storage_version(build_file)
    if version != STORAGE_VERSION:
        raise ValueError(f"{build_file}: storage version {version}, expected {STORAGE_VERSION} (DuckDB 1.x readers)")
    _fsync(build_file)
    wal_path(published).unlink(missing_ok=True)  # a stale log of the file being replaced must not be replayed
    os.replace(build_file, published)
    _fsync(published.parent)


@contextmanager
def building(published: Path) -> Iterator[Path]:
    """Yield a build file; publish it when the block succeeds, delete it when the block raises."""
    published = Path(published)
    build = new_build_file(published)
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


def _create_empty(path: Path) -> None:
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH {_sql_str(path)} AS build (STORAGE_VERSION '{STORAGE_VERSION}')")
        con.execute("DETACH build")
    finally:
        con.close()


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


def publish_copy(copy: Path, published: Path) -> Path:
    """Swap a finished, closed copy (STORAGE_VERSION) in as `published`, and the build's Data Docs in as its
    docs; remove copies that earlier, killed builds left behind. Returns the published path."""
    from loaders.quality import building_docs_dir_for, docs_dir_for

    copy, published = Path(copy), Path(published)
    publish(copy, published)
    docs, building_docs = docs_dir_for(published), building_docs_dir_for(published)
    if building_docs.is_dir():
        old = docs.with_name(docs.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if docs.exists():
            os.replace(docs, old)
        os.replace(building_docs, docs)
        shutil.rmtree(old, ignore_errors=True)
    for stale in published.parent.glob(glob_escape(published.name) + PUBLISHING_INFIX + "*"):
        stale.unlink(missing_ok=True)
    return published


def lock_conflict(message: str) -> str | None:
    """One sentence for a DuckDB lock error in `message` (None when there is none)."""
    match = LOCK_RE.search(message)
    if not match:
        return None
    holder = f"process {match['pid']}" if match["pid"] else "another process"
    return (f"{match['file']} is open for writing in {holder} (another build, or a connection opened without "
            f"read_only=True); wait for it to finish or close it, then run again")
