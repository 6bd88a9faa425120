"""The one reader of rule data (loaders/extraction/ruledata.py) and its one error type."""
from __future__ import annotations

from pathlib import Path

import pytest

from loaders.extraction import accounting, indicators, programmes, regions, stockflow, units
from loaders.extraction.ruledata import RuleDataError, column, read_rows


def test_every_data_error_is_a_rule_data_error() -> None:
    for error in (regions.RegionDataError, indicators.CatalogueError, units.UnitTableError,
                  stockflow.StockFlowDataError, accounting.NumberReasonsError, programmes.ProgrammeDataError):
        assert issubclass(error, RuleDataError)


def test_rows_come_with_their_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "words.csv"
    path.write_text("word,note\n甲,first\n\n乙,\n", encoding="utf-8")
    assert read_rows(path, ("word",)) == [(2, {"word": "甲", "note": "first"}), (4, {"word": "乙", "note": ""})]
    assert column(path, "word") == ["甲", "乙"]


def test_a_missing_column_names_the_file_and_header_line(tmp_path: Path) -> None:
    path = tmp_path / "words.csv"
    path.write_text("term,note\n甲,x\n", encoding="utf-8")
    with pytest.raises(RuleDataError, match=r"words\.csv:1: missing columns \['word'\]"):
        read_rows(path, ("word",))
    with pytest.raises(RuleDataError, match=r"words\.csv:1: columns must be word,note"):
        read_rows(path, ("word", "note"), exact=True)


def test_a_file_in_another_encoding_is_named(tmp_path: Path) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes("word\n高新技术企业\n".encode("gbk"))
    with pytest.raises(units.UnitTableError, match=r"gbk\.csv: not UTF-8"):
        read_rows(path, ("word",), units.UnitTableError)


def test_the_unit_table_reports_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_text("unit,unit_base,factor,kind\n家,家,1,count\n家,家,1,count\n", encoding="utf-8")
    with pytest.raises(RuleDataError, match=r"units\.csv:3: duplicate unit '家'"):
        units.read_unit_factors(path)
