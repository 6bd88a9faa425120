"""The one reader of the extractor's rule data (CSV files of lexicons, cues, reasons, tables) and its one error.

Every data file is UTF-8 CSV with a header row. `read_rows` checks the header and yields each row with its
line number; a module validates its own fields and raises `bad(path, line, what, value)`, so every data
error names file:line, the field and the value, and every one is a `RuleDataError` (the module-specific
errors — RegionDataError, CatalogueError, UnitTableError … — are its subclasses).
"""
from __future__ import annotations

import csv
from pathlib import Path


class RuleDataError(ValueError):
    """A rule data file is unreadable or has a bad row (the message names file:line, field and value)."""


def read_rows(path: Path, columns: tuple[str, ...], error: type[RuleDataError] = RuleDataError,
              exact: bool = False) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) of every data row, the line as an editor shows it (blank lines skipped, not
    renumbered); `columns` must be in the header (all of it, in order, with exact=True)."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            header = tuple(reader.fieldnames or ())
            missing = [c for c in columns if c not in header]
            if missing or (exact and header != columns):
                raise error(f"{path}:1: columns must be {','.join(columns)} (missing {missing})" if exact else
                            f"{path}:1: missing columns {missing}")
            return [(reader.line_num, {k: v or "" for k, v in row.items() if k is not None}) for row in reader]
    except UnicodeDecodeError as err:
        raise error(f"{path}: not UTF-8 ({err.reason} at byte {err.start})") from None


def column(path: Path, name: str, error: type[RuleDataError] = RuleDataError) -> list[str]:
    """The non-empty values of one column, in file order (a word list)."""
    return [row[name].strip() for _, row in read_rows(path, (name,), error) if row[name].strip()]


def bad(path: Path, line_no: int, what: str, value: object, error: type[RuleDataError] = RuleDataError) -> RuleDataError:
    return error(f"{path}:{line_no}: bad {what} {value!r}")
