"""Written units → base units (`seeds/unit_factors.csv`), exact to the last digit.

`to_base(1.6, "亿元")` gives `(160000000.0, "CNY")`: the value goes through its shortest
decimal text and an exact fraction, so no float noise from `1.6 * 1e8` leaks into the
warehouse. Factors in the CSV are decimals (`0.0005`) or fractions (`10000/15` for 亩).
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

from loaders.extraction.paths import SEEDS_DIR
from loaders.extraction.ruledata import RuleDataError, read_rows

UNIT_FACTORS_CSV = SEEDS_DIR / "unit_factors.csv"
UNIT_KINDS = frozenset(
    {"currency", "area", "mass", "length", "percent", "pp", "multiple", "count", "rank", "time"}
)
FACTOR_RE = re.compile(r"^(?P<num>\d+(?:\.\d+)?)(?:/(?P<den>\d+(?:\.\d+)?))?$")
REQUIRED_COLUMNS = ("unit", "unit_base", "factor", "kind")


class UnknownUnitError(ValueError):
    """A written unit that `seeds/unit_factors.csv` does not list."""

    def __init__(self, unit: str) -> None:
        self.unit = unit
        super().__init__(f"unknown unit {unit!r}: add it to {UNIT_FACTORS_CSV.name} (unit,unit_base,factor,kind)")


class UnitTableError(RuleDataError):
    """A malformed row in the unit table."""


@dataclass(frozen=True)
class UnitFactor:
    unit: str  # as written (NFKC-normalised)
    unit_base: str
    factor: Fraction  # value_base = value * factor
    kind: str


def normalise_unit(unit: str) -> str:
    """NFKC (fullwidth ％ → %, （次） → (次)) and no surrounding or inner spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", unit))


def parse_factor(text: str) -> Fraction:
    """`10000` / `0.0005` / `10000/15` → an exact Fraction; ValueError otherwise."""
    match = FACTOR_RE.match(text.strip())
    if not match:
        raise ValueError(f"factor {text!r} is not a positive decimal or fraction")
    factor = Fraction(Decimal(match["num"]))
    if match["den"]:
        factor /= Fraction(Decimal(match["den"]))
    if factor <= 0:
        raise ValueError(f"factor {text!r} must be positive")
    return factor


def _row_to_factor(row: dict[str, str], line: int, path: Path) -> UnitFactor:
    where = f"{path}:{line}"
    missing = [c for c in REQUIRED_COLUMNS if not (row.get(c) or "").strip()]
    if missing:
        raise UnitTableError(f"{where}: empty {', '.join(missing)} in {row}")
    unit = row["unit"].strip()
    if normalise_unit(unit) != unit:
        raise UnitTableError(f"{where}: unit {unit!r} is not NFKC-normalised (write {normalise_unit(unit)!r})")
    if row["kind"].strip() not in UNIT_KINDS:
        raise UnitTableError(f"{where}: kind {row['kind']!r} not in {sorted(UNIT_KINDS)}")
    try:
        factor = parse_factor(row["factor"])
    except ValueError as err:
        raise UnitTableError(f"{where}: {err}") from err
    return UnitFactor(unit, row["unit_base"].strip(), factor, row["kind"].strip())


def read_unit_factors(path: Path) -> dict[str, UnitFactor]:
    """Parse and validate one unit table: clear errors naming file, line and value."""
    table: dict[str, UnitFactor] = {}
    for line, row in read_rows(path, REQUIRED_COLUMNS, UnitTableError):
        entry = _row_to_factor(row, line, path)
        if entry.unit in table:
            raise UnitTableError(f"{path}:{line}: duplicate unit {entry.unit!r}")
        table[entry.unit] = entry
    return table


@lru_cache(maxsize=1)
def load_unit_factors() -> dict[str, UnitFactor]:
    """The unit table, keyed by written unit (cached)."""
    return read_unit_factors(UNIT_FACTORS_CSV)


def unit_factor(unit: str) -> UnitFactor:
    """The table row for a written unit; UnknownUnitError if absent."""
    entry = load_unit_factors().get(normalise_unit(unit))
    if entry is None:
        raise UnknownUnitError(unit)
    return entry


def unit_kind(unit: str) -> str:
    """`currency`, `count`, `rank`, ... for a written unit (`亿元`) or a unit_base (`CNY`)."""
    key = normalise_unit(unit)
    entry = load_unit_factors().get(key)
    if entry is not None:
        return entry.kind
    if key in base_unit_kinds():
        return base_unit_kinds()[key]
    raise UnknownUnitError(unit)


@lru_cache(maxsize=1)
def base_unit_kinds() -> dict[str, str]:
    """Every unit_base of the table → its kind: the `unit_base` vocabulary."""
    kinds: dict[str, str] = {}
    for entry in load_unit_factors().values():
        if kinds.setdefault(entry.unit_base, entry.kind) != entry.kind:
            raise UnitTableError(f"{UNIT_FACTORS_CSV.name}: unit_base {entry.unit_base!r} has two kinds")
    return kinds


def exact(value: float | int | str | Decimal) -> Fraction:
    """The number as written: a float goes through its shortest repr (1.6 → 8/5, not 1.6000000000000000888)."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"value {value!r} is not a finite number")
        value = repr(value)
    try:
        return Fraction(Decimal(str(value)))
    except (InvalidOperation, ValueError) as err:
        raise ValueError(f"value {value!r} is not a number") from err


def to_base(value: float, unit: str) -> tuple[float, str]:
    """`(value_base, unit_base)` for a value in a written unit: `to_base(1.6, "亿元") == (160000000.0, "CNY")`."""
    entry = unit_factor(unit)
    return float(exact(value) * entry.factor), entry.unit_base


@lru_cache(maxsize=16384)
def base_value(value: Decimal, factor: Fraction) -> Decimal:
    """value × factor as the extractor writes a base value (through the float), computed once per pair."""
    return Decimal(str(float(Fraction(str(value)) * factor)))
