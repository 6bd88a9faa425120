"""`dbt build` alone is the refresh: documents added to, changed in or removed from the corpus folder
reach the marts, a second build changes nothing, and every offset slices its number out of the body."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from loaders.config import DEFAULT_CORPUS_DIR
from loaders.dbt_runner import run_dbt
from loaders.extraction.numbers import parse_number

NEW_DOC = "900_edited_copy.txt"
TABLES = ("fct_indicator_observation", "fct_programme_mention", "dim_document", "dim_programme", "fct_indicator_year")


def _build(corpus: Path, warehouse: Path) -> None:
    run_dbt(["build"], warehouse, quiet=True, corpus=corpus)


def _rows(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def _snapshot(warehouse: Path) -> dict[str, list[tuple]]:
    return {t: _rows(warehouse, f"select * exclude (body) from marts.{t} order by all" if t == "dim_document"
                     else f"select * from marts.{t} order by all") for t in TABLES}


def _observation_ids(warehouse: Path) -> dict[str, set[str]]:
    ids: dict[str, set[str]] = {}
    for doc, oid in _rows(warehouse, "select document_id, observation_id from marts.fct_indicator_observation"):
        ids.setdefault(doc, set()).add(oid)
    return ids


@pytest.fixture(scope="module")
def corpus_copy(tmp_path_factory) -> Path:
    corpus = tmp_path_factory.mktemp("corpus")
    for path in DEFAULT_CORPUS_DIR.iterdir():
        shutil.copy(path, corpus / path.name)
    return corpus


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, corpus_copy) -> Path:
    path = tmp_path_factory.mktemp("warehouse") / "kjfacts.duckdb"
    _build(corpus_copy, path)
    return path


def test_second_build_gives_identical_tables_and_ids(corpus_copy: Path, warehouse: Path) -> None:
    before = _snapshot(warehouse)
    _build(corpus_copy, warehouse)
    assert _snapshot(warehouse) == before
    assert sum(len(v) for v in before.values()) > 0


def test_offsets_slice_each_number_out_of_the_body(warehouse: Path) -> None:
    rows = _rows(warehouse, """
        select o.observation_id, substr(d.body, o.char_start + 1, o.char_end - o.char_start), o.value, o.unit_base
        from marts.fct_indicator_observation o join marts.dim_document d using (document_id)""")
    assert rows
    for observation_id, text, value, unit_base in rows:
        number = 1 if text == "首" else parse_number(text)
        assert float(number) == pytest.approx(abs(value)), (observation_id, text, value, unit_base)


def test_added_edited_and_removed_document(corpus_copy: Path, warehouse: Path) -> None:
    original = _observation_ids(warehouse)
    source = (corpus_copy / "002_a198ba8cfc671655.txt").read_text(encoding="utf-8")
    edited = source.replace("新增高新技术企业524家", "新增高新技术企业531家").replace("1668家企业", "1777家企业")
    assert edited != source
    (corpus_copy / NEW_DOC).write_text(edited, encoding="utf-8")
    _build(corpus_copy, warehouse)
    added = _observation_ids(warehouse)
    assert {k: v for k, v in added.items() if k != "900_edited_copy"} == original
    assert len(added["900_edited_copy"]) == len(original["002_a198ba8cfc671655"])
    values = {v for (v,) in _rows(warehouse, "select value from marts.fct_indicator_observation where document_id = '900_edited_copy'")}
    assert {531.0, 1777.0} <= values and 524.0 not in values

    (corpus_copy / NEW_DOC).write_text(edited.replace("新增高新技术企业531家", "新增高新技术企业544家"), encoding="utf-8")
    _build(corpus_copy, warehouse)
    values = {v for (v,) in _rows(warehouse, "select value from marts.fct_indicator_observation where document_id = '900_edited_copy'")}
    assert 544.0 in values and 531.0 not in values
    assert {k: v for k, v in _observation_ids(warehouse).items() if k != "900_edited_copy"} == original

    (corpus_copy / NEW_DOC).unlink()
    _build(corpus_copy, warehouse)
    assert _observation_ids(warehouse) == original
    assert _rows(warehouse, "select count(*) from marts.dim_document where document_id = '900_edited_copy'") == [(0,)]
