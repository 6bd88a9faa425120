"""The check catalogue (`loaders/data/checks.yml`) with each check's SQL, rendered and validated.

A check is SQL in `loaders/checks/sql/<name>.sql`: a query over `{batch}` (the asset's rows) returning
one row per failing observation with columns `observation_id` and `detail`. `Check.flags_sql` is the same
query with `{batch}` replaced by the asset, for computing every failing row inside DuckDB. Parameters `${name}` come
from the catalogue's `params`, `${table:<csv>}` becomes a `select` of `loaders/data/<csv>.csv`.
"""
from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from string import Formatter
from typing import Any

import yaml

from loaders.config import DATA_DIR

CATALOGUE_PATH = DATA_DIR / "checks.yml"
CHECKS_DIR = Path(__file__).resolve().parent
SQL_DIR = CHECKS_DIR / "sql"
ASSETS_DIR = CHECKS_DIR / "assets"
SEVERITIES = ("blocking", "warning")
ASSETS = ("observations", "indicators", "regions")
# assets computed once per run into a table (the model of the same name in models/intermediate/), which every
# check then reads: the observations' intervals would otherwise be computed again by each of the checks
MATERIALIZED_ASSETS = {"observations": "intermediate.int_dq_observations"}
# every failing row of every observations check, computed once per run in SQL (model int_dq_failing_rows);
# Great Expectations validates each check on its rows there (a count and a bounded sample), the flags join them
FAILING_ROWS_TABLE = "intermediate.int_dq_failing_rows"
NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
PLACEHOLDER_RE = re.compile(r"\$\{(?:table:(?P<table>\w+)|(?P<param>\w+))\}")
COMMENT_LINE_RE = re.compile(r"^\s*--.*$", re.MULTILINE)
# SQLAlchemy's text() reads ":name" as a bind parameter; "::" casts are fine
BIND_PARAM_RE = re.compile(r"(?<![:\w\\]):\w")
REQUIRED_KEYS = ("name", "family", "severity", "description")


class CatalogueError(ValueError):
    """A malformed check catalogue, check SQL or data table; the message names the file and the check."""


@dataclass(frozen=True)
class Check:
    name: str
    family: str
    severity: str  # blocking | warning
    description: str
    asset: str = "observations"
    sql: str = ""  # rendered: parameters substituted, comment lines removed; `{batch}` left for GX
    asset_sql: str = ""  # the rendered query of `asset`

    @property
    def failing_rows_sql(self) -> str:
        """The check as plain DuckDB SQL (`{batch}` → the asset's query): one row per failing observation."""
        return self.sql.replace("{batch}", f"({self.asset_sql}) as batch").replace("{{", "{").replace("}}", "}")

    @property
    def gx_sql(self) -> str:
        """What Great Expectations validates: the check's rows of FAILING_ROWS_TABLE (its asset's query); a check
        that could not run there has a row with its error, raised here so that GX reports it."""
        return (f"select observation_id, detail from {{batch}} "
                f"where check_name = '{self.name}' and (error is null or error(error) is null)")

    @property
    def blocking(self) -> bool:
        return self.severity == "blocking"


@dataclass(frozen=True)
class Catalogue:
    checks: tuple[Check, ...]
    assets: dict[str, str]  # asset name -> the query the checks read it by
    definitions: dict[str, str]  # asset name -> the rendered query that computes it (loaders/checks/assets/)
    digest: str  # sha256 of everything above: changes when a check, parameter or data table changes

    def get(self, name: str) -> Check:
        for check in self.checks:
            if check.name == name:
                return check
        raise KeyError(f"no check named {name!r} in {CATALOGUE_PATH.name}")


@lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    """The catalogue, every check validated and its SQL rendered (cached)."""
    return read_catalogue(CATALOGUE_PATH, SQL_DIR, ASSETS_DIR, DATA_DIR)


def read_catalogue(path: Path, sql_dir: Path, assets_dir: Path, data_dir: Path) -> Catalogue:
    raw = _read_yaml(path)
    render = partial(_render_file, params=raw.get("params") or {}, data_dir=data_dir)
    definitions = {a: render(assets_dir / f"{a}.sql") for a in ASSETS}
    assets = {a: f"select * from {MATERIALIZED_ASSETS[a]}" if a in MATERIALIZED_ASSETS else definitions[a]
              for a in ASSETS}
    checks = tuple(_check(entry, i, path, sql_dir, render, assets)
                   for i, entry in enumerate(raw.get("checks") or [], 1))
    if not checks:
        raise CatalogueError(f"{path.name}: no checks")
    names = [c.name for c in checks]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise CatalogueError(f"{path.name}: duplicate check names {duplicates}")
    digest = hashlib.sha256(repr((checks, sorted(definitions.items()))).encode("utf-8")).hexdigest()
    return Catalogue(checks, assets, definitions, digest)


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise CatalogueError(f"{path}: not valid YAML: {err}") from err
    if not isinstance(raw, dict):
        raise CatalogueError(f"{path}: expected a mapping with `params` and `checks`")
    return raw


def _check(entry: Any, index: int, path: Path, sql_dir: Path, render, assets: dict[str, str]) -> Check:
    where = f"{path.name} check #{index}"
    if not isinstance(entry, dict):
        raise CatalogueError(f"{where}: expected a mapping, got {entry!r}")
    missing = [k for k in REQUIRED_KEYS if not str(entry.get(k) or "").strip()]
    if missing:
        raise CatalogueError(f"{where} ({entry.get('name')}): missing {', '.join(missing)}")
    name, severity, asset = entry["name"], entry["severity"], entry.get("asset", "observations")
    where = f"{path.name} check {name!r}"
    if not NAME_RE.match(name):
        raise CatalogueError(f"{where}: name must be lower_snake_case")
    if severity not in SEVERITIES:
        raise CatalogueError(f"{where}: severity {severity!r} is not one of {SEVERITIES}")
    if asset not in ASSETS:
        raise CatalogueError(f"{where}: asset {asset!r} is not one of {ASSETS}")
    if entry.get("expectation"):
        raise CatalogueError(f"{where}: column expectations (keys, vocabularies, ranges of one column) are dbt "
                             f"tests in the models' yml; a check here is SQL in {sql_dir.name}/{name}.sql")
    common = dict(name=name, family=entry["family"], severity=severity, description=entry["description"].strip(),
                  asset=asset, asset_sql=assets[asset])
    sql_path = sql_dir / f"{name}.sql"
    if not sql_path.is_file():
        raise CatalogueError(f"{where}: no expectation and no SQL file {sql_path}")
    sql = render(sql_path)
    _validate_check_sql(sql, sql_path.name)
    return Check(**common, sql=sql)


def _render_file(path: Path, params: dict[str, Any], data_dir: Path) -> str:
    if not path.is_file():
        raise CatalogueError(f"no SQL file {path}")
    return render_sql(_strip_comments(path.read_text(encoding="utf-8")), params, data_dir, path.name)


def _strip_comments(sql: str) -> str:
    """Whole-line `--` comments out (GX wraps queries in parentheses; a trailing comment would eat them)."""
    return "\n".join(line for line in COMMENT_LINE_RE.sub("", sql).splitlines() if line.strip())


def render_sql(sql: str, params: dict[str, Any], data_dir: Path, where: str) -> str:
    """Substitute `${param}` and `${table:csv}`; CatalogueError naming `where` for an unknown one."""
    def substitute(match: re.Match[str]) -> str:
        if match["table"]:
            return table_select(data_dir / f"{match['table']}.csv")
        if match["param"] not in params:
            raise CatalogueError(f"{where}: unknown parameter ${{{match['param']}}} (params: {sorted(params)})")
        return sql_literal(params[match["param"]])

    return PLACEHOLDER_RE.sub(substitute, sql)


def sql_literal(value: Any) -> str:
    """A parameter as DuckDB SQL: numbers as they are, strings quoted, lists as list literals."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, list):
        return "[" + ", ".join(sql_literal(v) for v in value) + "]"
    raise CatalogueError(f"parameter value {value!r}: use a number, a string or a list")


def table_select(path: Path) -> str:
    """`select * from (values …) as t(col, …)` of a CSV file, every column varchar."""
    if not path.is_file():
        raise CatalogueError(f"data table {path} does not exist")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        rows = [row for row in reader if any(cell.strip() for cell in row)]
    if not header:
        raise CatalogueError(f"{path.name}: no header row")
    for line, row in enumerate(rows, start=2):
        if len(row) != len(header):
            raise CatalogueError(f"{path.name} line {line}: {len(row)} fields, the header has {len(header)}")
    columns = ", ".join(f'"{c.strip()}"' for c in header)
    if not rows:
        return "select " + ", ".join(f'null::varchar as "{c.strip()}"' for c in header) + " where false"
    values = ", ".join("(" + ", ".join(sql_literal(cell.strip()) for cell in row) + ")" for row in rows)
    return f"select * from (values {values}) as t({columns})"


def _validate_check_sql(sql: str, where: str) -> None:
    try:
        fields = [f for _, f, _, _ in Formatter().parse(sql) if f is not None]
    except ValueError as err:
        raise CatalogueError(f"{where}: a brace GX cannot read ({err}); only {{batch}} may use braces") from err
    others = [f for f in fields if f != "batch"]
    if others:
        raise CatalogueError(f"{where}: a brace GX would fill in: {{{others[0]}}}; only {{batch}} may use braces "
                             f"(write {{{{ }}}} for a literal brace, as in a regex quantifier)")
    if fields != ["batch"]:
        raise CatalogueError(f"{where}: write {{batch}} exactly once (as `select * from {{batch}}`), found {fields}")
    if "select * from {batch}" not in sql:
        raise CatalogueError(f"{where}: use {{batch}} as `select * from {{batch}}` in a CTE (see loaders.gx_compat)")
    bind = BIND_PARAM_RE.search(sql)
    if bind:
        raise CatalogueError(f"{where}: {bind.group()!r} would be read as a bind parameter; write ': ' or '::'")
