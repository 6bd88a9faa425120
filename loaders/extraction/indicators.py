"""The indicator catalogue and the phrase → indicator mapper.

Data, not code paths:
- `seeds/indicators.csv`          one row per indicator concept (`dim_indicator`);
- `seeds/indicator_aliases.csv`   the ways reports word them (`alias,indicator_code,priority`);
- `loaders/extraction/data/indicator_variant_markers.csv`  words that pick the `_new` or `_total` member of a
  family (`hte_new` / `hte_total`) or reject a phrase (申报, 推荐: applicants are not the indicator).

`map_phrase(phrase)`: the longest alias contained in the phrase wins (ties: lower `priority`,
then catalogue order); when the winner belongs to a family that has both `<stem>_new` and
`<stem>_total`, the strongest variant marker in the phrase (lowest marker priority, then longest)
picks the member (`新增国家高新技术企业` → `hte_new`, `国家高新技术企业累计总数` → `hte_total`).
A reject marker outside every alias occurrence makes the phrase unmappable. No alias → None.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from loaders.extraction.paths import DATA_DIR, SEEDS_DIR
from loaders.extraction.units import base_unit_kinds, unit_kind

INDICATORS_CSV = SEEDS_DIR / "indicators.csv"
ALIASES_CSV = SEEDS_DIR / "indicator_aliases.csv"
VARIANT_MARKERS_CSV = DATA_DIR / "indicator_variant_markers.csv"

CODE_RE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
SPACE_RE = re.compile(r"\s+")
QUOTE_RE = re.compile(r"[“”‘’\"'「」『』《》〈〉]")
PARENTHETICAL_RE = re.compile(r"\([^()]*\)")
EDGE_PUNCT_RE = re.compile(r"^[，。、；：,.;:!！?？…·\-—]+|[，。、；：,.;:!！?？…·\-—]+$")
TRAILING_PARTICLE_RE = re.compile(
    r"(?:分别为|分别达到|分别达|分别|达到|高达|已达|共计|合计|总计|约为|约|超过|超|逾|近|突破|为|达|的)$"
)
STOCK_OR_FLOW = frozenset({"stock", "flow", "rate"})
MEASURES = frozenset({"level", "growth", "share", "rank", "completion", "difference"})
VARIANTS = frozenset({"new", "total", "reject"})
AMOUNT_KINDS = frozenset({"currency", "area", "mass", "length", "count", "time"})
FAMILY_SUFFIXES = {"new": "_new", "total": "_total"}
MASK = "\u0000"


class CatalogueError(ValueError):
    """A malformed row in one of the indicator data files."""


@dataclass(frozen=True)
class Indicator:
    indicator_code: str
    name_zh: str
    name_en: str
    unit_base: str  # the unit of the measure named in measure_hint (level for amounts and counts)
    is_additive: bool
    stock_or_flow: str
    measure_hint: str
    category: str
    description: str


@dataclass(frozen=True)
class Alias:
    alias: str  # normalised as `normalise_alias` does
    indicator_code: str
    priority: int  # 1 = canonical; larger = weaker


@dataclass(frozen=True)
class VariantMarker:
    marker: str
    variant: str  # new | total | reject
    priority: int  # lower wins


@dataclass(frozen=True)
class PhraseMatch:
    indicator_code: str
    alias: Alias
    marker: VariantMarker | None  # the marker that chose the family member, if any


def normalise_phrase(phrase: str) -> str:
    """NFKC, no spaces or quotes, ASCII upper-case, no edge punctuation or trailing 的/达/为/达到…"""
    text = unicodedata.normalize("NFKC", phrase)
    text = QUOTE_RE.sub("", SPACE_RE.sub("", text)).upper()
    previous = None
    while text != previous:
        previous = text
        text = EDGE_PUNCT_RE.sub("", text)
        stripped = TRAILING_PARTICLE_RE.sub("", text)
        text = stripped if len(stripped) >= 2 else text
    return text


def normalise_alias(phrase: str) -> str:
    """The form aliases are stored and matched in: `normalise_phrase` without parentheticals."""
    text = normalise_phrase(phrase)
    previous = None
    while text != previous:
        previous, text = text, PARENTHETICAL_RE.sub("", text)
    return text


def _read_rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise CatalogueError(f"{path.name}: missing columns {missing}")
        return [(line, row) for line, row in enumerate(reader, start=2)]


def _int_field(row: dict[str, str], column: str, where: str, minimum: int) -> int:
    text = (row.get(column) or "").strip()
    if not text.isdigit() or int(text) < minimum:
        raise CatalogueError(f"{where}: {column} {text!r} is not an integer >= {minimum}")
    return int(text)


def _indicator_from_row(row: dict[str, str], where: str) -> Indicator:
    values = {k: (v or "").strip() for k, v in row.items()}
    empty = [k for k in Indicator.__dataclass_fields__ if k != "is_additive" and not values.get(k)]
    if empty:
        raise CatalogueError(f"{where}: empty {', '.join(empty)}")
    checks = {
        "indicator_code": CODE_RE.match(values["indicator_code"]) is not None,
        "unit_base": values["unit_base"] in base_unit_kinds(),
        "is_additive": values["is_additive"] in ("true", "false"),
        "stock_or_flow": values["stock_or_flow"] in STOCK_OR_FLOW,
        "measure_hint": values["measure_hint"] in MEASURES,
    }
    bad = [f"{k}={values.get(k)!r}" for k, ok in checks.items() if not ok]
    if bad:
        raise CatalogueError(f"{where}: invalid {', '.join(bad)}")
    fields = {k: values[k] for k in Indicator.__dataclass_fields__ if k != "is_additive"}
    return Indicator(is_additive=values["is_additive"] == "true", **fields)


def read_catalogue(path: Path) -> dict[str, Indicator]:
    """Parse and validate an indicator catalogue CSV."""
    catalogue: dict[str, Indicator] = {}
    for line, row in _read_rows(path, tuple(Indicator.__dataclass_fields__)):
        indicator = _indicator_from_row(row, f"{path.name} line {line}")
        if indicator.indicator_code in catalogue:
            raise CatalogueError(f"{path.name} line {line}: duplicate indicator_code {indicator.indicator_code!r}")
        catalogue[indicator.indicator_code] = indicator
    return catalogue


def read_aliases(path: Path, catalogue: dict[str, Indicator]) -> tuple[Alias, ...]:
    """Parse and validate an alias CSV against a catalogue."""
    aliases: dict[tuple[str, str], Alias] = {}
    for line, row in _read_rows(path, ("alias", "indicator_code", "priority")):
        where = f"{path.name} line {line}"
        alias, code = (row["alias"] or "").strip(), (row["indicator_code"] or "").strip()
        if code not in catalogue:
            raise CatalogueError(f"{where}: indicator_code {code!r} is not in {INDICATORS_CSV.name}")
        if len(alias) < 2 or normalise_alias(alias) != alias:
            raise CatalogueError(f"{where}: alias {alias!r} must be >= 2 chars and normalised ({normalise_alias(alias)!r})")
        if (alias, code) in aliases:
            raise CatalogueError(f"{where}: duplicate alias {alias!r} for {code!r}")
        aliases[(alias, code)] = Alias(alias, code, _int_field(row, "priority", where, 1))
    return tuple(aliases.values())


def read_variant_markers(path: Path) -> tuple[VariantMarker, ...]:
    """Parse and validate the variant-marker CSV."""
    markers: list[VariantMarker] = []
    for line, row in _read_rows(path, ("marker", "variant", "priority")):
        where = f"{path.name} line {line}"
        marker, variant = (row["marker"] or "").strip(), (row["variant"] or "").strip()
        if not marker or variant not in VARIANTS:
            raise CatalogueError(f"{where}: marker {marker!r} / variant {variant!r} (variants: {sorted(VARIANTS)})")
        markers.append(VariantMarker(marker, variant, _int_field(row, "priority", where, 0)))
    return tuple(markers)


@lru_cache(maxsize=1)
def load_catalogue() -> dict[str, Indicator]:
    """`seeds/indicators.csv`, keyed by indicator_code (cached)."""
    return read_catalogue(INDICATORS_CSV)


@lru_cache(maxsize=1)
def load_aliases() -> tuple[Alias, ...]:
    """`seeds/indicator_aliases.csv` (cached)."""
    return read_aliases(ALIASES_CSV, load_catalogue())


@lru_cache(maxsize=1)
def load_variant_markers() -> tuple[VariantMarker, ...]:
    """`loaders/extraction/data/indicator_variant_markers.csv` (cached)."""
    return read_variant_markers(VARIANT_MARKERS_CSV)


def family_members(code: str) -> dict[str, str] | None:
    """`{'new': 'hte_new', 'total': 'hte_total'}` when the catalogue has both members of code's family."""
    catalogue = load_catalogue()
    for suffix in FAMILY_SUFFIXES.values():
        if code.endswith(suffix):
            stem = code[: -len(suffix)]
            members = {variant: stem + sfx for variant, sfx in FAMILY_SUFFIXES.items()}
            return members if all(m in catalogue for m in members.values()) else None
    return None


def _masked(text: str, hits: list[Alias]) -> str:
    """The text with every occurrence of every hit alias blanked out."""
    for alias in sorted(hits, key=lambda a: -len(a.alias)):
        text = text.replace(alias.alias, MASK * len(alias.alias))
    return text


def _strongest_marker(text: str, variants: frozenset[str]) -> VariantMarker | None:
    found = [m for m in load_variant_markers() if m.variant in variants and m.marker in text]
    return min(found, key=lambda m: (m.priority, -len(m.marker), text.find(m.marker)), default=None)


def _unit_compatible(hits: list[Alias], unit: str | None) -> list[Alias]:
    """Keep aliases whose indicator is measured in the unit's kind (only for amount/count units)."""
    if unit is None:
        return hits
    kind = unit_kind(unit)
    if kind not in AMOUNT_KINDS:
        return hits
    catalogue, kinds = load_catalogue(), base_unit_kinds()
    return [a for a in hits if kinds[catalogue[a.indicator_code].unit_base] == kind]


@lru_cache(maxsize=1)
def _aliases_by_first_char() -> dict[str, tuple[tuple[int, Alias], ...]]:
    """The aliases (with their place in the seed) under their first character: one look-up table, built once."""
    index: dict[str, list[tuple[int, Alias]]] = {}
    for i, a in enumerate(load_aliases()):
        index.setdefault(a.alias[:1], []).append((i, a))
    return {ch: tuple(entries) for ch, entries in index.items()}


def _aliases_in(core: str) -> list[Alias]:
    """The aliases contained in `core`, in seed order (as a scan of every alias would list them)."""
    index = _aliases_by_first_char()
    found = [(i, a) for ch in set(core) | {""} for i, a in index.get(ch, ()) if a.alias in core]
    return [a for _, a in sorted(found, key=lambda entry: entry[0])]


@lru_cache(maxsize=16384)
def match_phrase(phrase: str, unit: str | None = None) -> PhraseMatch | None:
    """The best catalogue match for an indicator phrase, with the alias and marker that decided it.

    `unit` (optional): the unit_base or written unit of a `level` observation; amount and count
    units restrict the match to indicators measured in the same kind (`发放贷款` + 家 → enterprises,
    + 亿元 → amount). Percent, pp, multiple and rank units do not restrict.
    """
    text = normalise_phrase(phrase)
    core = normalise_alias(phrase)
    hits = _aliases_in(core)
    candidates = _unit_compatible(hits, unit)
    if not candidates or _strongest_marker(_masked(core, hits), frozenset({"reject"})):
        return None
    order = {code: i for i, code in enumerate(load_catalogue())}
    best = min(candidates, key=lambda a: (-len(a.alias), a.priority, order[a.indicator_code]))
    members = family_members(best.indicator_code)
    marker = _strongest_marker(text, frozenset(FAMILY_SUFFIXES)) if members else None
    code = members[marker.variant] if members and marker else best.indicator_code
    return PhraseMatch(code, best, marker)


def map_phrase(phrase: str, unit: str | None = None) -> str | None:
    """The catalogue code for an indicator phrase as the text words it, or None when nothing fits."""
    match = match_phrase(phrase, unit)
    return match.indicator_code if match else None
