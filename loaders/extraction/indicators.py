"""The indicator catalogue and the phrase → indicator mapper.

Data, not code paths:
- `seeds/indicators.csv`          one row per indicator concept (`dim_indicator`);
- `seeds/indicator_aliases.csv`   the ways reports word them (`alias,indicator_code,priority`);
- `loaders/extraction/data/indicator_synonyms.csv`  spellings read as one (规模以上 = 规上, 高企 = 高新技术企业,
  研究与试验发展 = 研发 = R&D), applied to phrases and aliases alike before matching;
- `loaders/extraction/data/indicator_reject_markers.csv`  words that make a phrase no indicator (申报, 推荐:
  applicants are not the indicator);
- the stock/flow vocabulary of `stockflow.py`, which picks the `_new` or `_total` member of a family.

`map_phrase(phrase)`: the longest alias contained in the phrase wins (ties: lower `priority`,
then catalogue order); when the winner belongs to a family that has both `<stem>_new` and
`<stem>_total`, the one stock/flow decision (`stockflow.reading`) picks the member (`新增国家高新技术企业`
→ `hte_new`, `国家高新技术企业累计总数` → `hte_total`); with no marker the alias's own code stands.
`read_indicator(phrase, clause, unit, measure)` is what the extractor calls: the code and `is_cumulative`
of one observation from that same decision, so the two never disagree.
In a phrase with a reject marker only an alias that holds one itself may win (申报高新技术企业: the applicants are
the indicator; 拟认定高新技术企业 has none: unmappable). No alias → None.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from loaders.extraction.paths import DATA_DIR, SEEDS_DIR
from loaders.extraction.patterns import UNCLOSED_PARENTHETICAL_RE
from loaders.extraction.ruledata import RuleDataError, read_rows
from loaders.extraction.stockflow import StockFlowMarker, strongest_marker
from loaders.extraction.units import base_unit_kinds, load_unit_factors, normalise_unit, unit_kind

INDICATORS_CSV = SEEDS_DIR / "indicators.csv"
ALIASES_CSV = SEEDS_DIR / "indicator_aliases.csv"
REJECT_MARKERS_CSV = DATA_DIR / "indicator_reject_markers.csv"
SYNONYMS_CSV = DATA_DIR / "indicator_synonyms.csv"

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
AMOUNT_KINDS = frozenset({"currency", "area", "mass", "length", "count", "time"})
FAMILY_SUFFIXES = {"new": "_new", "total": "_total"}
PERSON_COUNT_BASES = frozenset({"人", "人次", "人年"})  # the unit_base of counts of people (名, 位, 万人 → 人)
MEMBER_OF_READING = {"flow": "new", "stock": "total"}
INTENSITY_WORDS = ("强度",)  # a phrase naming an intensity (研发投入强度) reads a ratio, never the amount it divides


class CatalogueError(RuleDataError):
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
class Synonym:
    written: str
    canonical: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class PhraseMatch:
    indicator_code: str
    alias: Alias
    marker: StockFlowMarker | None  # the stock/flow marker that chose the family member, if any


@dataclass(frozen=True)
class IndicatorReading:
    """One observation's indicator and stock flag, from one stock/flow decision."""

    indicator_code: str | None
    is_cumulative: bool
    marker: StockFlowMarker | None


@lru_cache(maxsize=16384)
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
    """The form aliases are stored and matched in: `normalise_phrase` without parentheticals (pinyin glosses
    such as 经(jīng)费 included) and without a bracket left open at the end (产业技术研究中心(院)."""
    text = normalise_phrase(phrase)
    previous = None
    while text != previous:
        previous, text = text, PARENTHETICAL_RE.sub("", text)
    stripped = UNCLOSED_PARENTHETICAL_RE.sub("", text)
    return stripped if len(stripped) >= 2 else text


def _read_rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    return read_rows(path, columns, CatalogueError)


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
        indicator = _indicator_from_row(row, f"{path}:{line}")
        if indicator.indicator_code in catalogue:
            raise CatalogueError(f"{path}:{line}: duplicate indicator_code {indicator.indicator_code!r}")
        catalogue[indicator.indicator_code] = indicator
    return catalogue


def read_aliases(path: Path, catalogue: dict[str, Indicator]) -> tuple[Alias, ...]:
    """Parse and validate an alias CSV against a catalogue."""
    aliases: dict[tuple[str, str], Alias] = {}
    for line, row in _read_rows(path, ("alias", "indicator_code", "priority")):
        where = f"{path}:{line}"
        alias, code = (row["alias"] or "").strip(), (row["indicator_code"] or "").strip()
        if code not in catalogue:
            raise CatalogueError(f"{where}: indicator_code {code!r} is not in {INDICATORS_CSV.name}")
        if len(alias) < 2 or normalise_alias(alias) != alias:
            raise CatalogueError(f"{where}: alias {alias!r} must be >= 2 chars and normalised ({normalise_alias(alias)!r})")
        if (alias, code) in aliases:
            raise CatalogueError(f"{where}: duplicate alias {alias!r} for {code!r}")
        aliases[(alias, code)] = Alias(alias, code, _int_field(row, "priority", where, 1))
    return tuple(aliases.values())


def read_reject_markers(path: Path) -> tuple[str, ...]:
    """Parse and validate the reject-marker CSV (`marker,note`)."""
    markers: list[str] = []
    for line, row in _read_rows(path, ("marker", "note")):
        marker = (row["marker"] or "").strip()
        if len(marker) < 2 or marker in markers:
            raise CatalogueError(f"{path}:{line}: marker {marker!r} is empty, too short or a duplicate")
        markers.append(marker)
    return tuple(markers)


def read_synonyms(path: Path) -> tuple[Synonym, ...]:
    """Parse and validate the synonym CSV (`written,canonical,not_before,note`), longest written form first.
    An empty canonical form drops the written one (scope fillers such as 全市 inside a phrase)."""
    synonyms: list[Synonym] = []
    for line, row in _read_rows(path, ("written", "canonical", "not_before", "note")):
        written, canonical = (row["written"] or "").strip(), (row["canonical"] or "").strip()
        not_before = (row["not_before"] or "").strip()
        if not written or written == canonical or normalise_phrase(written) != written:
            raise CatalogueError(f"{path}:{line}: written {written!r} / canonical {canonical!r} "
                                 "must differ and the written form be given and normalised (canonical may be empty: dropped)")
        guard = f"(?![{re.escape(not_before)}])" if not_before else ""
        synonyms.append(Synonym(written, canonical, re.compile(re.escape(written) + guard)))
    return tuple(sorted(synonyms, key=lambda s: -len(s.written)))


@lru_cache(maxsize=16384)
def canonical(text: str) -> str:
    """The text with every synonym replaced by its canonical spelling (规模以上 → 规上, 高企 → 高新技术企业)."""
    for synonym in load_synonyms():
        if synonym.written in text:  # its pattern starts with the written form: nothing to replace without it
            text = synonym.pattern.sub(synonym.canonical, text)
    return text


@lru_cache(maxsize=1)
def load_catalogue() -> dict[str, Indicator]:
    """`seeds/indicators.csv`, keyed by indicator_code (cached)."""
    return read_catalogue(INDICATORS_CSV)


@lru_cache(maxsize=1)
def load_aliases() -> tuple[Alias, ...]:
    """`seeds/indicator_aliases.csv` (cached)."""
    return read_aliases(ALIASES_CSV, load_catalogue())


@lru_cache(maxsize=1)
def load_reject_markers() -> tuple[str, ...]:
    """`loaders/extraction/data/indicator_reject_markers.csv` (cached)."""
    return read_reject_markers(REJECT_MARKERS_CSV)


@lru_cache(maxsize=1)
def load_synonyms() -> tuple[Synonym, ...]:
    """`loaders/extraction/data/indicator_synonyms.csv` (cached)."""
    return read_synonyms(SYNONYMS_CSV)


@lru_cache(maxsize=1)
def matching_aliases() -> tuple[Alias, ...]:
    """The aliases in canonical spelling, as the mapper matches them (one per alias and code, lowest priority)."""
    merged: dict[tuple[str, str], Alias] = {}
    for alias in load_aliases():
        key = (canonical(alias.alias), alias.indicator_code)
        if key not in merged or alias.priority < merged[key].priority:
            merged[key] = Alias(key[0], alias.indicator_code, alias.priority)
    return tuple(merged.values())


def family_members(code: str) -> dict[str, str] | None:
    """`{'new': 'hte_new', 'total': 'hte_total'}` when the catalogue has both members of code's family."""
    catalogue = load_catalogue()
    for suffix in FAMILY_SUFFIXES.values():
        if code.endswith(suffix):
            stem = code[: -len(suffix)]
            members = {variant: stem + sfx for variant, sfx in FAMILY_SUFFIXES.items()}
            return members if all(m in catalogue for m in members.values()) else None
    return None


def _names_what_rejects(alias: Alias) -> bool:
    """The alias itself holds a reject marker (申报高新技术企业 counts the applicants, 院士工作站 is a station): in a
    phrase with a reject marker (拟认定高新技术企业, 组织推荐…申报高新技术企业) only such an alias may win."""
    return any(marker in alias.alias for marker in load_reject_markers())


def _counts_persons(unit: str) -> bool:
    """Whether a count unit (written or base) counts people: 人, 名, 位, 人次, 人年 (not 家, 个, 项, 件 ...)."""
    entry = load_unit_factors().get(normalise_unit(unit))
    return (entry.unit_base if entry else normalise_unit(unit)) in PERSON_COUNT_BASES


def _unit_compatible(hits: list[Alias], unit: str | None) -> list[Alias]:
    """Keep aliases whose indicator is measured in the unit's kind (only for amount/count units); among counts,
    people and things do not mix (高新技术企业科技活动人员 7223人 is no count of enterprises)."""
    if not unit:
        return hits  # no unit (an index written bare): no kind to hold it to
    kind = unit_kind(unit)
    if kind not in AMOUNT_KINDS:
        return hits
    catalogue, kinds = load_catalogue(), base_unit_kinds()
    same_kind = [a for a in hits if kinds[catalogue[a.indicator_code].unit_base] == kind]
    if kind != "count":
        return same_kind
    persons = _counts_persons(unit)
    return [a for a in same_kind if _counts_persons(catalogue[a.indicator_code].unit_base) == persons]


def _intensity_variant(hits: list[Alias], core: str) -> list[Alias]:
    """In a phrase that names an intensity (强度) keep the ratio indicators when there are any: 全社会研发投入强度
    holds the amount's alias 全社会R&D投入 (longer) and the rate's R&D投入强度; the intensity is meant."""
    if not any(word in core for word in INTENSITY_WORDS):
        return hits
    catalogue = load_catalogue()
    rates = [a for a in hits if not catalogue[a.indicator_code].is_additive]
    return rates or hits


ALIAS_END = ""  # the key of a trie node under which the alias ending there is kept


@lru_cache(maxsize=1)
def _alias_trie() -> dict:
    """Every alias in one character trie, built once: node[char] is the next node, node[ALIAS_END] the alias
    string ending at a node. `_aliases_in` walks it from each offset of a phrase instead of testing each alias."""
    root: dict = {}
    for a in matching_aliases():
        node = root
        for ch in a.alias:
            node = node.setdefault(ch, {})
        node[ALIAS_END] = a.alias
    return root


@lru_cache(maxsize=1)
def _aliases_by_text() -> dict[str, tuple[tuple[int, Alias], ...]]:
    """alias string → its aliases (one per code) with their place in the seed."""
    index: dict[str, list[tuple[int, Alias]]] = {}
    for i, a in enumerate(matching_aliases()):
        index.setdefault(a.alias, []).append((i, a))
    return {text: tuple(entries) for text, entries in index.items()}


def _aliases_in(core: str) -> list[Alias]:
    """The aliases contained in `core`, in seed order (as a scan of every alias with `in` would list them)."""
    root, found = _alias_trie(), set()
    for start in range(len(core)):
        node = root
        for ch in core[start:]:
            node = node.get(ch)
            if node is None:
                break
            if ALIAS_END in node:
                found.add(node[ALIAS_END])
    if ALIAS_END in root:
        found.add(root[ALIAS_END])  # an empty alias is in every text
    if not found:
        return []
    by_text = _aliases_by_text()
    return [a for _, a in sorted((entry for text in found for entry in by_text[text]), key=lambda entry: entry[0])]


def indicator_start(text: str) -> int:
    """Where the longest catalogue alias that ends the text begins (科研院所|技术合同成交额 → 4); 0 when none
    does after the text's first characters."""
    starts = [len(text) - len(a.alias) for a in _aliases_in(canonical(normalise_alias(text))) if text.endswith(a.alias)]
    return min((s for s in starts if s > 0), default=0)


@lru_cache(maxsize=16384)
def match_phrase(phrase: str, unit: str | None = None, context: str = "") -> PhraseMatch | None:
    """The best catalogue match for an indicator phrase, with the alias and marker that decided it.

    `unit` (optional): the unit_base or written unit of a `level` observation; amount and count
    units restrict the match to indicators measured in the same kind (`发放贷款` + 家 → enterprises,
    + 亿元 → amount). Percent, pp, multiple and rank units do not restrict.
    `context` (optional): the clause around the number, read with the phrase by the stock/flow decision.
    """
    text = canonical(normalise_phrase(phrase))
    core = canonical(normalise_alias(phrase))
    hits = _aliases_in(core)
    candidates = _unit_compatible(hits, unit)
    if any(marker in core for marker in load_reject_markers()):
        candidates = [a for a in candidates if _names_what_rejects(a)]
    candidates = _intensity_variant(candidates, core)
    if not candidates:
        return None
    order = _catalogue_order()
    best = min(candidates, key=lambda a: (-len(a.alias), a.priority, order[a.indicator_code]))
    members = family_members(best.indicator_code)
    marker = strongest_marker(text + "\n" + context) if members else None
    code = members[MEMBER_OF_READING[marker.reading]] if members and marker else best.indicator_code
    return PhraseMatch(code, best, marker)


@lru_cache(maxsize=1)
def _catalogue_order() -> dict[str, int]:
    return {code: i for i, code in enumerate(load_catalogue())}


def map_phrase(phrase: str, unit: str | None = None) -> str | None:
    """The catalogue code for an indicator phrase as the text words it, or None when nothing fits."""
    match = match_phrase(phrase, unit)
    return match.indicator_code if match else None


def read_indicator(phrase: str, clause: str = "", unit: str | None = None, measure: str = "level") -> IndicatorReading:
    """One observation's indicator code and `is_cumulative`, both from the one stock/flow decision.

    The strongest stock/flow marker of phrase and clause decides; with none, the indicator's own nature
    does (`高新技术企业1258家` counts what exists: a stock of `hte_total`). For a flow indicator outside a
    family only markers that apply to flows count (累计 does, 总量 does not). Only a `level` is cumulative.
    """
    text = canonical(normalise_phrase(phrase)) + "\n" + clause
    match = match_phrase(phrase, unit, clause) if phrase else None
    code = match.indicator_code if match else None
    indicator = load_catalogue()[code] if code else None
    flow_only = indicator is not None and indicator.stock_or_flow == "flow" and not family_members(code)
    marker = strongest_marker(text, flow_indicator=flow_only)
    if measure != "level":
        return IndicatorReading(code, False, marker)
    if marker:
        return IndicatorReading(code, marker.reading == "stock", marker)
    return IndicatorReading(code, indicator is not None and indicator.stock_or_flow == "stock", None)
