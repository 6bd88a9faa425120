"""The dbt layer as a user of the warehouse meets it: every model and column documented (in English with
the Chinese term), keys and foreign keys tested, the reconciliation unit-tested, the FACTS.md public
tables present in schema `marts` with their columns after a build, and `dbt docs generate` working."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import duckdb
import pytest

from conftest import DbtBuild, run_dbt_command
from loaders.config import PROJECT_ROOT

MODELS_DIR = PROJECT_ROOT / "models"
CJK_RE = re.compile(r"[\u3400-\u9fff]")
LATIN_WORD_RE = re.compile(r"[A-Za-z]{3,}")
BACKTICK_NAME_RE = re.compile(r"`([a-z_0-9]+)`")
FACTS_SECTION_RE = re.compile(r"^## (\d+)\. ", re.MULTILINE)
FACTS_CANDIDATES = (PROJECT_ROOT / "FACTS.md", PROJECT_ROOT / "docs" / "FACTS.md", Path("/work/shared/spec/FACTS.md"))

# FACTS.md section 1 (and section 2 for fct_indicator_observation): the public tables and the columns
# each must have at least. Kept here so the test runs without the spec; test_facts_tables_mirror_the_spec
# checks it against FACTS.md whenever the spec is at hand.
FACTS_TABLES: dict[str, tuple[str, ...]] = {
    "fct_indicator_observation": (
        "observation_id", "document_id", "region_code", "subject", "indicator_code", "indicator_phrase",
        "measure", "status", "period_year", "period_start", "period_end", "is_cumulative", "qualifier",
        "value", "unit", "value_base", "unit_base", "rank_scope", "sentence", "char_start", "char_end",
    ),
    "fct_programme_mention": ("programme_id", "document_id", "region_code", "char_start", "char_end"),
    "dim_region": ("region_code", "name_zh", "short_name_zh", "name_en", "level", "parent_code"),
    "dim_indicator": ("indicator_code", "name_zh", "name_en", "unit_base", "is_additive"),
    "dim_programme": ("programme_id", "name_zh", "programme_type", "region_code"),
    "dim_document": ("document_id", "title", "publisher", "region_code", "published_on", "source_file", "sha256", "body"),
    "fct_indicator_year": (
        "indicator_code", "region_code", "period_year", "measure", "status", "value_base", "unit_base",
        "n_sources", "has_conflict",
    ),
}

# FACTS.md section 2: the types of fct_indicator_observation's columns.
OBSERVATION_TYPES: dict[str, str] = {
    "observation_id": "VARCHAR", "period_year": "INTEGER", "period_start": "DATE", "period_end": "DATE",
    "is_cumulative": "BOOLEAN", "value": "DOUBLE", "value_base": "DOUBLE", "char_start": "INTEGER",
    "char_end": "INTEGER",
}

# (model, column, referenced model): the foreign keys a relationships test must guard.
FOREIGN_KEYS: list[tuple[str, str, str]] = [
    ("fct_indicator_observation", "region_code", "dim_region"),
    ("fct_indicator_observation", "document_id", "dim_document"),
    ("fct_indicator_observation", "indicator_code", "dim_indicator"),
    ("fct_programme_mention", "programme_id", "dim_programme"),
    ("fct_programme_mention", "document_id", "dim_document"),
    ("fct_programme_mention", "region_code", "dim_region"),
    ("dim_programme", "region_code", "dim_region"),
    ("dim_document", "region_code", "dim_region"),
    ("dim_region", "parent_code", "dim_region"),
    ("fct_indicator_year", "indicator_code", "dim_indicator"),
    ("fct_indicator_year", "region_code", "dim_region"),
    ("fct_indicator_year", "chosen_observation_id", "fct_indicator_observation"),
]

# (model, column): the keys that must be tested unique and not null.
KEYS: list[tuple[str, str]] = [
    ("fct_indicator_observation", "observation_id"),
    ("fct_programme_mention", "mention_id"),
    ("dim_region", "region_code"),
    ("dim_indicator", "indicator_code"),
    ("dim_programme", "programme_id"),
    ("dim_document", "document_id"),
    ("fct_indicator_year", "indicator_year_id"),
]

# (model, column, values): the vocabularies an accepted_values test must pin.
VOCABULARIES: list[tuple[str, str, set[str]]] = [
    ("fct_indicator_observation", "measure", {"level", "growth", "share", "rank", "completion", "difference"}),
    ("fct_indicator_observation", "status", {"actual", "target"}),
    ("fct_indicator_observation", "qualifier", {"exact", "approx", "more_than", "nearly", "less_than"}),
    ("dim_programme", "programme_type", {"action_plan", "policy", "mechanism", "financing", "talent", "event", "other"}),
    ("dim_region", "level", {"country", "province", "prefecture", "county"}),
    ("fct_indicator_year", "measure", {"level", "growth", "share", "rank", "completion", "difference"}),
    ("fct_indicator_year", "status", {"actual", "target"}),
]

# Models whose logic is tricky enough to need dbt unit tests.
UNIT_TESTED_MODELS = ("int_indicator_year_candidates", "fct_indicator_year", "fct_target_attainment")


def model_files() -> list[Path]:
    return sorted(p for p in MODELS_DIR.rglob("*") if p.suffix in (".sql", ".py") and p.is_file())


MODEL_NAMES = [p.stem for p in model_files()]


@pytest.fixture(scope="module")
def manifest(dbt_build: DbtBuild) -> dict:
    return dbt_build.manifest


@pytest.fixture(scope="module")
def models(manifest: dict) -> dict[str, dict]:
    return {n["name"]: n for n in manifest["nodes"].values() if n["resource_type"] == "model"}


@pytest.fixture(scope="module")
def data_tests(manifest: dict) -> list[dict]:
    return [n for n in manifest["nodes"].values() if n["resource_type"] == "test" and n.get("test_metadata")]


@pytest.fixture(scope="module")
def warehouse_columns(built_warehouse: Path) -> dict[tuple[str, str], dict[str, str]]:
    """(schema, table) → {column: type} of every table and view the build made."""
    con = duckdb.connect(str(built_warehouse), read_only=True)
    try:
        rows = con.execute(
            "select table_schema, table_name, column_name, data_type from information_schema.columns"
        ).fetchall()
    finally:
        con.close()
    tables: dict[tuple[str, str], dict[str, str]] = {}
    for schema, table, column, data_type in rows:
        tables.setdefault((schema, table), {})[column] = data_type
    return tables


def is_bilingual(text: str) -> bool:
    """English prose that names the Chinese term: some Latin words and at least one Chinese character."""
    return bool(CJK_RE.search(text)) and len(LATIN_WORD_RE.findall(text)) >= 2


@pytest.mark.parametrize("text, expected", [
    ("The indicator as the text words it (指标原文), e.g. 新增高新技术企业", True),
    ("The indicator as the text words it", False),
    ("指标原文", False),
    ("Base unit (基准单位)", True),
])
def test_is_bilingual(text: str, expected: bool) -> None:
    assert is_bilingual(text) is expected


def test_dbt_build_passes(dbt_build: DbtBuild) -> None:
    failed = [r["unique_id"] for r in dbt_build.run_results["results"] if r["status"] in ("error", "fail")]
    assert dbt_build.returncode == 0 and not failed, "\n".join(failed + dbt_build.errors()[:30])


def test_every_model_file_is_a_dbt_model(models: dict[str, dict]) -> None:
    assert set(MODEL_NAMES) == set(models), "model files and parsed models differ"


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_model_has_a_yml_entry_and_description(models: dict[str, dict], name: str) -> None:
    node = models[name]
    assert node["patch_path"], f"{name} has no entry in a models/**/_*.yml file"
    assert is_bilingual(node["description"]), f"{name}: description missing or without the Chinese term"


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_every_column_is_documented(models: dict[str, dict], warehouse_columns: dict, name: str) -> None:
    node = models[name]
    built = warehouse_columns.get((node["schema"], node["alias"]))
    assert built is not None, f"{name}: no {node['schema']}.{node['alias']} in the built warehouse"
    documented = node["columns"]
    undocumented = [c for c in built if c not in documented]
    stale = [c for c in documented if c not in built]
    not_bilingual = [c for c, spec in documented.items() if not is_bilingual(spec.get("description", ""))]
    assert not undocumented, f"{name}: columns without a yml entry: {undocumented}"
    assert not stale, f"{name}: yml documents columns the model does not have: {stale}"
    assert not not_bilingual, f"{name}: column descriptions missing or without the Chinese term: {not_bilingual}"


@pytest.mark.parametrize("table", sorted(FACTS_TABLES))
def test_public_table_has_the_facts_columns(warehouse_columns: dict, table: str) -> None:
    built = warehouse_columns.get(("marts", table))
    assert built is not None, f"marts.{table} is missing from the built warehouse"
    missing = [c for c in FACTS_TABLES[table] if c not in built]
    assert not missing, f"marts.{table} lacks FACTS.md columns {missing}"


def test_observation_columns_have_the_facts_types(warehouse_columns: dict) -> None:
    built = warehouse_columns[("marts", "fct_indicator_observation")]
    wrong = {c: built.get(c) for c, t in OBSERVATION_TYPES.items() if built.get(c) != t}
    assert not wrong, f"fct_indicator_observation columns with other types than FACTS.md section 2: {wrong}"


def test_raw_tables_live_in_schema_raw(warehouse_columns: dict) -> None:
    schemas = {schema for schema, _ in warehouse_columns}
    assert {"raw", "marts"} <= schemas and "main_marts" not in schemas


@pytest.mark.parametrize("table", sorted(FACTS_TABLES))
def test_public_table_has_an_enforced_contract(models: dict[str, dict], table: str) -> None:
    node = models[table]
    assert node["config"]["contract"]["enforced"], f"{table}: contract not enforced"
    untyped = [c for c, spec in node["columns"].items() if not spec.get("data_type")]
    assert not untyped, f"{table}: contract columns without data_type: {untyped}"


def _tests_on(data_tests: list[dict], test_name: str, model: str, column: str | None) -> list[dict]:
    return [
        t for t in data_tests
        if t["test_metadata"]["name"] == test_name
        and t.get("attached_node") == f"model.kjfacts.{model}"
        and (column is None or t.get("column_name") == column)
    ]


@pytest.mark.parametrize("model, column", KEYS)
def test_key_is_unique_and_not_null(data_tests: list[dict], model: str, column: str) -> None:
    for test_name in ("unique", "not_null"):
        assert _tests_on(data_tests, test_name, model, column), f"{model}.{column} has no {test_name} test"


@pytest.mark.parametrize("model, column, to_model", FOREIGN_KEYS)
def test_foreign_key_has_a_relationships_test(data_tests: list[dict], model: str, column: str, to_model: str) -> None:
    found = _tests_on(data_tests, "relationships", model, column)
    targets = {t["test_metadata"]["kwargs"]["to"] for t in found}
    assert any(to_model in target for target in targets), f"{model}.{column} → {to_model}: no relationships test"


@pytest.mark.parametrize("model, column, values", VOCABULARIES)
def test_vocabulary_has_accepted_values(data_tests: list[dict], model: str, column: str, values: set[str]) -> None:
    found = _tests_on(data_tests, "accepted_values", model, column)
    assert found, f"{model}.{column} has no accepted_values test"
    assert set(found[0]["test_metadata"]["kwargs"]["values"]) == values


def test_indicator_year_key_is_unique(data_tests: list[dict]) -> None:
    found = _tests_on(data_tests, "unique_combination_of_columns", "fct_indicator_year", None)
    combos = [t["test_metadata"]["kwargs"]["combination_of_columns"] for t in found]
    assert ["indicator_code", "region_code", "period_year", "measure", "status"] in combos


@pytest.mark.parametrize("model", UNIT_TESTED_MODELS)
def test_tricky_model_has_passing_unit_tests(dbt_build: DbtBuild, model: str) -> None:
    declared = [u for u in dbt_build.manifest["unit_tests"].values() if u["model"] == model]
    assert declared, f"{model} has no dbt unit test"
    results = {r["unique_id"]: r["status"] for r in dbt_build.run_results["results"]}
    not_passed = {u["unique_id"]: results.get(u["unique_id"]) for u in declared if results.get(u["unique_id"]) != "pass"}
    assert not not_passed, f"{model}: unit tests not passing: {not_passed}"


def test_exposures_depend_on_public_tables(manifest: dict) -> None:
    exposures = manifest["exposures"].values()
    assert {e["type"] for e in exposures} >= {"notebook", "dashboard"}
    for exposure in exposures:
        assert exposure["owner"].get("name") or exposure["owner"].get("email"), exposure["name"]
        assert exposure["depends_on"]["nodes"], f"exposure {exposure['name']} depends on nothing"
        assert is_bilingual(exposure["description"]), exposure["name"]


def test_docs_generate_catalogues_the_public_tables(built_warehouse: Path, tmp_path: Path) -> None:
    proc = run_dbt_command(["docs", "generate"], built_warehouse, tmp_path)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    catalog = json.loads((tmp_path / "target" / "catalog.json").read_text(encoding="utf-8"))
    assert (tmp_path / "target" / "index.html").exists()
    catalogued = {n["metadata"]["name"]: n["columns"] for n in catalog["nodes"].values()}
    for table, columns in FACTS_TABLES.items():
        assert table in catalogued, f"docs catalog lacks {table}"
        assert set(columns) <= {c.lower() for c in catalogued[table]}, table


def facts_md() -> Path | None:
    """FACTS.md: $FACTS_MD, else the first of FACTS_CANDIDATES that exists."""
    env = os.environ.get("FACTS_MD")
    candidates = (Path(env),) if env else FACTS_CANDIDATES
    return next((p for p in candidates if p.exists()), None)


def parse_facts_tables(text: str) -> dict[str, tuple[str, ...]]:
    """Section 1's table → columns, with fct_indicator_observation's columns from section 2."""
    sections = dict(zip(FACTS_SECTION_RE.findall(text), FACTS_SECTION_RE.split(text)[2::2]))
    tables: dict[str, tuple[str, ...]] = {}
    for line in sections["1"].splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`"):
            tables[cells[0].strip("`")] = tuple(BACKTICK_NAME_RE.findall(cells[2]))
    observation_columns: list[str] = []
    for line in sections["2"].split("`unit_base` vocabulary")[0].splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`"):
            observation_columns += BACKTICK_NAME_RE.findall(cells[0])
    tables["fct_indicator_observation"] = tuple(observation_columns)
    return tables


def test_parse_facts_tables_reads_both_sections() -> None:
    text = (
        "## 1. Tables\n\n| table | grain | columns |\n|---|---|---|\n"
        "| `fct_indicator_observation` | one number | see section 2 |\n"
        "| `dim_x` | one x | `x_code`, `name_zh` |\n\n"
        "## 2. Observations\n\n| column | type | meaning |\n|---|---|---|\n"
        "| `observation_id` | VARCHAR | id |\n| `period_start`, `period_end` | DATE | period |\n\n"
        "`unit_base` vocabulary:\n\n| unit_base | written as | value_base |\n|---|---|---|\n| `CNY` | 元 | yuan |\n"
    )
    assert parse_facts_tables(text) == {
        "fct_indicator_observation": ("observation_id", "period_start", "period_end"),
        "dim_x": ("x_code", "name_zh"),
    }


def test_facts_tables_mirror_the_spec() -> None:
    spec = facts_md()
    if spec is None:
        pytest.skip("FACTS.md not found (set FACTS_MD to its path)")
    assert parse_facts_tables(spec.read_text(encoding="utf-8")) == FACTS_TABLES
