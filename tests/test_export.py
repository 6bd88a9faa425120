"""`python -m loaders export`: every public table and review queue in csv, parquet and xlsx, row for row,
with a data dictionary that describes every column in English and Chinese."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb
import pytest

from analyst_helpers import run_cli
from loaders.export import DICTIONARY_HEADER, PUBLIC_TABLES, _excel_cell

CJK = re.compile(r"[\u4e00-\u9fff]")


def _counts(warehouse: Path) -> dict[str, int]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        names = [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' "
            "and (table_name like 'review%' or table_name in ?)", [list(PUBLIC_TABLES)]).fetchall()]
        return {n: con.execute(f"select count(*) from marts.{n}").fetchone()[0] for n in names}


def _dictionary_is_bilingual(rows: list[list[str]], counts: dict[str, int], warehouse: Path) -> None:
    assert tuple(rows[0]) == DICTIONARY_HEADER
    described = {(r[0], r[1]): r[3] for r in rows[1:]}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        columns = con.execute("select table_name, column_name from duckdb_columns() where schema_name = 'marts' "
                              "and table_name in ?", [list(counts)]).fetchall()
    assert set(columns) <= set(described), "every exported column is in the dictionary"
    for key, text in described.items():
        assert CJK.search(text) and re.search("[A-Za-z]{3}", text), f"{key}: not bilingual: {text!r}"


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_files_hold_every_row(built_warehouse: Path, tmp_path, fmt: str) -> None:
    out = run_cli(built_warehouse, "export", "--format", fmt, str(tmp_path / fmt))
    assert out.returncode == 0, out.stderr
    counts = _counts(built_warehouse)
    assert set(PUBLIC_TABLES) <= set(counts) and any(n.startswith("review_") for n in counts)
    reader = "read_csv" if fmt == "csv" else "read_parquet"
    with duckdb.connect() as con:
        for table, n in counts.items():
            path = tmp_path / fmt / f"{table}.{fmt}"
            assert con.execute(f"select count(*) from {reader}('{path}')").fetchone()[0] == n, table
    with (tmp_path / fmt / "data_dictionary.csv").open(encoding="utf-8-sig") as handle:
        _dictionary_is_bilingual(list(csv.reader(handle)), counts, built_warehouse)


def test_export_xlsx_has_a_sheet_per_table_and_the_dictionary(built_warehouse: Path, tmp_path) -> None:
    from openpyxl import load_workbook

    out = run_cli(built_warehouse, "export", "--format", "xlsx", str(tmp_path / "kjfacts.xlsx"))
    assert out.returncode == 0, out.stderr
    book = load_workbook(tmp_path / "kjfacts.xlsx", read_only=True)
    counts = _counts(built_warehouse)
    assert book.sheetnames[0] == "data_dictionary" and set(counts) <= set(book.sheetnames)
    for table, n in counts.items():
        assert book[table].max_row == n + 1, table
    rows = [[c if c is not None else "" for c in r] for r in book["data_dictionary"].iter_rows(values_only=True)]
    _dictionary_is_bilingual(rows, counts, built_warehouse)


def test_a_text_longer_than_an_excel_cell_is_cut_with_a_note() -> None:
    cell = _excel_cell("科" * 40000)
    assert len(cell) == 32767 and cell.endswith("see the csv/parquet export]")
    assert _excel_cell(["家", "个"]) == "家, 个"


def test_export_refuses_an_unknown_format(built_warehouse: Path, tmp_path) -> None:
    out = run_cli(built_warehouse, "export", "--format", "json", str(tmp_path / "x"))
    assert out.returncode == 2 and "json" in out.stderr
