"""A real BI tool on the published warehouse: Apache Superset (its own venv, scripts/setup_superset.sh) connects
to the DuckDB file read-only and runs SQL through its own REST API while `python -m loaders build` refreshes
the file; after the refresh a new query sees the new data.

    .venv/bin/python scripts/superset_check.py [--superset-venv DIR] [--keep]

Steps: a throwaway SUPERSET_HOME (sqlite metadata), `superset db upgrade`, `fab create-admin`, `superset init`,
`superset run` on 127.0.0.1; build a warehouse from a three-document corpus; log in (/api/v1/security/login),
register the database (/api/v1/database/, connect_args read_only), query /api/v1/sqllab/execute/ in a loop
while the build of the full corpus runs into the same WAREHOUSE_PATH, then once more. Prints a JSON verdict
and exits 1 when a query failed or the refresh was not seen."""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
COUNT_SQL = "select count(*) as n_documents, (select count(*) from marts.fct_indicator_year where not has_conflict) as n_agreed from marts.dim_document"
# A throwaway admin of a server bound to 127.0.0.1 for the length of the check; its metadata database (after
# `db upgrade`, `fab create-admin`, `init`: most of the check's time) is kept beside the Superset venv and copied.
ADMIN = {"username": "admin", "password": "kjfacts-local-check"}
TEMPLATE_NAME = "kjfacts-superset-metadata.db"


@dataclass
class Verdict:
    superset_version: str = ""
    before: dict = field(default_factory=dict)
    during: list[dict] = field(default_factory=list)
    after: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    build_seconds: float = 0.0
    step_seconds: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        refreshed = self.after.get("n_documents", 0) > self.before.get("n_documents", 0)
        return not self.errors and bool(self.during) and refreshed


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(cmd: list[str], env: dict, what: str) -> None:
    print(f"· {what}", file=sys.stderr, flush=True)
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{what} failed (exit {proc.returncode}):\n{(proc.stdout + proc.stderr)[-3000:]}")


def superset_env(home: Path) -> dict:
    config = home / "superset_config.py"
    config.write_text(
        "SECRET_KEY = 'kjfacts-local-superset-check'\n"
        f"SQLALCHEMY_DATABASE_URI = 'sqlite:///{home / 'superset.db'}'\n"
        "WTF_CSRF_ENABLED = False\nTALISMAN_ENABLED = False\nPREVENT_UNSAFE_DB_CONNECTIONS = False\n"
        "FEATURE_FLAGS = {}\nSQLLAB_CTAS_NO_LIMIT = True\n", encoding="utf-8")
    return dict(os.environ, SUPERSET_HOME=str(home), SUPERSET_CONFIG_PATH=str(config), FLASK_APP="superset",
                SUPERSET_LOAD_EXAMPLES="no", PYTHONWARNINGS="ignore")


def prepare_superset(venv: Path, env: dict, home: Path) -> None:
    """The metadata database: a copy of the one kept beside the venv, else made (and kept) now."""
    template = venv / TEMPLATE_NAME
    if not template.exists():
        make_metadata(venv, env)
        shutil.copyfile(home / "superset.db", template)
    else:
        shutil.copyfile(template, home / "superset.db")
        _run([str(venv / "bin" / "superset"), "db", "upgrade"], env, "superset db upgrade (kept metadata)")


def make_metadata(venv: Path, env: dict) -> None:
    superset = str(venv / "bin" / "superset")
    _run([superset, "db", "upgrade"], env, "superset db upgrade")
    _run([superset, "fab", "create-admin", "--username", ADMIN["username"], "--password", ADMIN["password"],
          "--firstname", "kj", "--lastname", "facts", "--email", "admin@localhost"], env, "superset fab create-admin")
    _run([superset, "init"], env, "superset init")


def start_server(venv: Path, env: dict, port: int, log: Path) -> subprocess.Popen:
    print(f"· superset run on 127.0.0.1:{port}", file=sys.stderr, flush=True)
    handle = log.open("w")
    proc = subprocess.Popen([str(venv / "bin" / "superset"), "run", "-h", "127.0.0.1", "-p", str(port), "--with-threads"],
                            env=env, stdout=handle, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"superset run exited {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(1)
    proc.terminate()
    raise RuntimeError(f"superset did not answer /health within 180 s:\n{log.read_text()[-3000:]}")


class Api:
    """Superset's REST API with a JWT from /api/v1/security/login."""

    def __init__(self, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.token = self.call("POST", "/api/v1/security/login", {**ADMIN, "provider": "db", "refresh": True})["access_token"]

    def call(self, method: str, path: str, body: dict | None = None) -> dict:
        headers = {"Content-Type": "application/json"}
        if getattr(self, "token", None):
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(self.base + path, method=method, headers=headers,
                                         data=json.dumps(body).encode() if body is not None else None)
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as exc:
            raise RuntimeError(f"{method} {path}: HTTP {exc.code}: {exc.read()[:1500].decode(errors='replace')}") from None

    def add_database(self, warehouse: Path) -> int:
        extra = {"engine_params": {"connect_args": {"read_only": True}}}
        result = self.call("POST", "/api/v1/database/", {
            "database_name": "kjfacts", "sqlalchemy_uri": f"duckdb:///{warehouse}", "expose_in_sqllab": True,
            "allow_dml": False, "extra": json.dumps(extra)})
        return int(result["id"])

    def query(self, database_id: int, sql: str) -> dict:
        result = self.call("POST", "/api/v1/sqllab/execute/", {
            "database_id": database_id, "sql": sql, "runAsync": False, "schema": "marts", "queryLimit": 100})
        if result.get("status") != "success" or not result.get("data"):
            raise RuntimeError(f"query did not succeed: {json.dumps(result)[:1500]}")
        return result["data"][0]


def project_build(corpus: Path, warehouse: Path, wait: bool) -> subprocess.Popen:
    env = dict(os.environ, CORPUS_DIR=str(corpus), WAREHOUSE_PATH=str(warehouse))
    proc = subprocess.Popen([sys.executable, "-m", "loaders", "build"], cwd=PROJECT_ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if wait:
        out, _ = proc.communicate()
        if proc.returncode != 0:
            raise RuntimeError(f"python -m loaders build ({corpus}) failed:\n{out[-3000:]}")
    return proc


def small_corpus(work: Path) -> Path:
    """The first three documents of the embedded corpus, with their manifest rows."""
    source, corpus = PROJECT_ROOT / "corpus", work / "corpus_small"
    corpus.mkdir()
    docs = sorted(p for p in source.iterdir() if p.suffix == ".txt")[:3]
    for doc in docs:
        shutil.copyfile(doc, corpus / doc.name)
    lines = (source / "manifest.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    names = {d.name for d in docs}
    (corpus / "manifest.csv").write_text("".join([lines[0], *(l for l in lines[1:] if l.split(",", 1)[0] in names)]), encoding="utf-8")
    return corpus


def query_during_refresh(api: Api, db: int, warehouse: Path, verdict: Verdict) -> None:
    started = time.monotonic()
    build = project_build(PROJECT_ROOT / "corpus", warehouse, wait=False)
    while build.poll() is None:
        try:
            verdict.during.append({"t": round(time.monotonic() - started, 1), **api.query(db, COUNT_SQL)})
        except RuntimeError as exc:
            verdict.errors.append(f"during refresh at {time.monotonic() - started:.1f} s: {exc}")
        time.sleep(1.0)
    out = build.stdout.read() if build.stdout else ""
    verdict.build_seconds = round(time.monotonic() - started, 1)
    if build.returncode != 0:
        verdict.errors.append(f"refresh build failed (exit {build.returncode}): {out[-2000:]}")


@dataclass
class Clock:
    """`with clock("step"):` records the step's seconds."""

    seconds: dict
    _step: str = ""
    _started: float = 0.0

    def __call__(self, step: str) -> "Clock":
        self._step = step
        return self

    def __enter__(self) -> None:
        self._started = time.monotonic()

    def __exit__(self, *exc) -> None:
        self.seconds[self._step] = round(time.monotonic() - self._started, 1)


def check(venv: Path, keep: bool) -> Verdict:
    verdict = Verdict()
    work = Path(tempfile.mkdtemp(prefix="kjfacts-superset-"))
    warehouse = work / "kjfacts.duckdb"
    env = superset_env(work)
    verdict.superset_version = subprocess.run([str(venv / "bin" / "python"), "-c", "from importlib.metadata import version; print(version('apache-superset'))"],
                                              capture_output=True, text=True, env=env).stdout.strip()
    server = None
    clock = Clock(verdict.step_seconds)
    try:
        with clock("first build (3 documents)"):
            project_build(small_corpus(work), warehouse, wait=True)
        with clock("superset metadata"):
            prepare_superset(venv, env, work)
        with clock("superset start"):
            port = _free_port()
            server = start_server(venv, env, port, work / "superset.log")
        api = Api(port)
        db = api.add_database(warehouse)
        verdict.before = api.query(db, COUNT_SQL)
        with clock("refresh with queries"):
            query_during_refresh(api, db, warehouse, verdict)
        verdict.after = api.query(db, COUNT_SQL)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    return verdict


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--superset-venv", type=Path, help="default: the venv scripts/setup_superset.sh prints")
    p.add_argument("--keep", action="store_true", help="keep the work folder (SUPERSET_HOME, logs)")
    args = p.parse_args(argv)
    venv = args.superset_venv or Path(subprocess.run(["bash", str(PROJECT_ROOT / "scripts" / "setup_superset.sh")],
                                                      capture_output=True, text=True, check=True).stdout.strip())
    verdict = check(venv, args.keep)
    print(json.dumps({"ok": verdict.ok, **asdict(verdict)}, ensure_ascii=False, indent=1))
    return 0 if verdict.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
