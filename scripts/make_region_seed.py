"""Generate the region seeds (GB/T 2260 tree, aliases, renames) from JioNLP's location data.

Run from the project root:  python scripts/make_region_seed.py

Inputs
  * jionlp 1.5.31 (PyPI), files `jionlp/dictionary/china_location.txt` (a tab-indented tree:
    depth 0 province, 1 prefecture, 2 county, 3+ towns/villages; each unit `name<TAB>code<TAB>short`)
    and `china_location_change.txt` (`date<TAB>批<TAB>old province, short, prefecture, short[, county, short]`
    `=>new province<TAB>new prefecture[<TAB>new county]`).
  * `scripts/region_change_supplement.csv`: hand-checked changes that JioNLP's list lacks (洞头县 → 洞头区 2015,
    龙港镇 → 龙港市 2019; its list starts in 2017 apart from a few older rows) and corrections of its rows
    (a supplement row replaces the source row with the same date and old name: 云岗区 → 云冈区, 玉环区 → 玉环市).
  * `scripts/region_pinyin_overrides.csv`: readings for characters jionlp.pinyin does not know (凤, 璧 ...) and
    place-name readings of polyphones it gets wrong (朝阳 chao, 六合 lu, 都 du ...).
  * cpca 0.5.5 (PyPI, MIT), file `cpca/resources/adcodes.csv` (`adcode,name,longitude,latitude`, 12-digit
    adcodes ending 000000, WGS-84-like degrees), read from the installed distribution without importing cpca
    (its import needs pyahocorasick), or from a downloaded wheel given with --cpca-wheel.

Outputs (sorted, deterministic): seeds/regions.csv, seeds/region_aliases.csv, seeds/region_renames.csv,
loaders/data/region_source.json (provenance).

Conventions
  * Levels: country 100000 → province → prefecture → county. The four municipalities (北京/天津/上海/重庆)
    have no prefecture level: their districts and counties have parent_code = the municipality (310114 → 310000).
    Counties directly under a province (省直辖县级行政区划 such as 仙桃市 429004) have parent_code = the province.
  * 台湾省 710000, 香港 810000 and 澳门 820000 are provinces without children: GB/T 2260 lists no codes below them
    (JioNLP's HK/Macau districts all reuse 810000/820000, its Taiwan codes are not GB/T 2260 codes).
  * NBS statistical "functional areas" (codes ending 71-79: 开发区, 高新区, 园区 ...) and 四川天府新区 are
    zones, not administrative regions (FACTS.md section 3), so they are left out.
  * name_en: Hanyu Pinyin of short_name_zh without tones, one word, capitalised, with an apostrophe before a syllable
    that starts with a/o/e (瑞安 → Rui'an, 乐清 → Yueqing); ü is written ü. When the short name keeps a unit word
    to stay distinct (吉林市, 兴安盟) that word is written separately (Jilin Shi, Xing'an Meng).
    Syllables come from jionlp.pinyin over the full name (more context for polyphones). The country is "China".
  * longitude/latitude: cpca's point for the unit (the seat of government as cpca gives it: 浙江省 is at
    Hangzhou), copied as written when cpca has the same six-digit code AND the same full name; otherwise empty
    (never invented). So units created or renamed after cpca's vintage (龙港市 2019, 任县 → 任泽区 2020) and the
    country have none. Every copied point must lie in China's bounding box.
  * Aliases: every full name and short name (open-ended), 全国 → 100000, old names from the change lists with
    valid_to = the change date (exclusive end), and new names the tree does not carry yet (its vintage is mixed:
    湟中区 → 630122, still 湟中县 in the tree) with valid_from = the change date. Renames: new_code is the
    current code of the successor; old_code is only known for supplement rows (the source has no old codes).
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import hashlib
import importlib.metadata
import importlib.util
import io
import json
import os
import re
import sys
import zipfile
from dataclasses import astuple, dataclass, fields, replace
from datetime import date
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_ROOT / "seeds"
DATA_DIR = PROJECT_ROOT / "loaders" / "data"
SUPPLEMENT_CSV = Path(__file__).resolve().parent / "region_change_supplement.csv"
PINYIN_OVERRIDES_CSV = Path(__file__).resolve().parent / "region_pinyin_overrides.csv"

JIONLP_VERSION = "1.5.31"
LOCATION_FILE = "china_location.txt"
CHANGE_FILE = "china_location_change.txt"
CPCA_VERSION = "0.5.5"
CPCA_FILE = "cpca/resources/adcodes.csv"
CPCA_COLUMNS = ("adcode", "name", "longitude", "latitude")
CPCA_ADCODE = re.compile(r"^(\d{6})000000$")
CHINA_LONGITUDE = (73.0, 136.0)  # bounding box of China's territory, degrees east
CHINA_LATITUDE = (3.0, 54.0)  # degrees north, 曾母暗沙 to 漠河

COUNTRY_CODE = "100000"
COUNTRY = ("中华人民共和国", "中国", "China")
COUNTRY_EXTRA_ALIASES = ("全国",)
PROVINCES_WITHOUT_CHILDREN = frozenset({"710000", "810000", "820000"})
NON_ADMINISTRATIVE_CODES = frozenset({"510156"})  # 四川天府新区: a national new area, not a GB/T 2260 unit

SHORT_NAME_SEPARATOR = "/"
CODE = re.compile(r"^\d{6}$")
FUNCTIONAL_AREA_CODE = re.compile(r"^\d{4}7\d$")
NON_ADMINISTRATIVE_NAME = re.compile(r"(开发区|园区|保税区|聚集区|示范区|管理区|管委会|工业区|风景名胜区|新城)$")
PSEUDO_PREFECTURE_NAME = re.compile(r"直辖")
UNIT_WORD_SUFFIX = re.compile(r"[市县区旗]$")
CHANGE_LINE = re.compile(r"^(\d{4}-\d{2}-\d{2})\t(\S+?)\t(.+)=>(.+)$")
PINYIN_SYLLABLE = re.compile(r"^([a-zü]+)[1-5]?$")
AUTONOMOUS_PREFECTURE_SUFFIX = "自治州"
SEPARATE_UNIT_WORDS = {"市": "Shi", "县": "Xian", "区": "Qu", "盟": "Meng", "旗": "Qi"}

REGION_COLUMNS = ("region_code", "name_zh", "short_name_zh", "name_en", "level", "parent_code", "longitude", "latitude")
ALIAS_COLUMNS = ("alias", "region_code", "valid_from", "valid_to")


@dataclass(frozen=True)
class SourceUnit:
    """One coded unit line of china_location.txt."""

    depth: int
    name: str
    code: str
    shorts: tuple[str, ...]  # 巴音郭楞蒙古自治州 has two: 巴州/巴音郭楞
    line_no: int

    @property
    def short(self) -> str:
        """The longest short name (巴音郭楞, not 巴州); the others are aliases."""
        return max(self.shorts, key=len)


@dataclass(frozen=True)
class RegionRow:
    region_code: str
    name_zh: str
    short_name_zh: str
    name_en: str
    level: str
    parent_code: str
    longitude: str = ""
    latitude: str = ""


@dataclass(frozen=True)
class SourcePoint:
    """One located row of cpca's adcodes.csv."""

    name: str
    longitude: str
    latitude: str


@dataclass(frozen=True)
class AliasRow:
    alias: str
    region_code: str
    valid_from: str
    valid_to: str


@dataclass(frozen=True)
class RenameRow:
    changed_on: str
    old_name: str
    old_code: str
    new_name: str
    new_code: str
    note: str


@dataclass(frozen=True)
class Change:
    """A rename with the old short name kept for aliases."""

    row: RenameRow
    old_short: str


def jionlp_dictionary_dir() -> Path:
    """The installed jionlp's dictionary folder; fails unless the pinned version is installed."""
    version = importlib.metadata.version("jionlp")
    if version != JIONLP_VERSION:
        raise SystemExit(f"jionlp {JIONLP_VERSION} is required, found {version}")
    spec = importlib.util.find_spec("jionlp")
    folder = Path(spec.submodule_search_locations[0]) / "dictionary"
    for name in (LOCATION_FILE, CHANGE_FILE):
        unzip_if_needed(folder, name)
    return folder


def unzip_if_needed(folder: Path, name: str) -> None:
    """jionlp ships some dictionaries zipped and unzips them on first use; do the same, byte for byte."""
    target, archive = folder / name, (folder / name).with_suffix(".zip")
    if not target.exists() and archive.exists():
        with zipfile.ZipFile(archive) as z:
            target.write_bytes(z.read(name))


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\r", "\n").split("\n")


def parse_location_tree(path: Path) -> list[SourceUnit]:
    """Coded units at depth 0-2 (province, prefecture, county) in file order."""
    units = []
    for line_no, line in enumerate(read_lines(path), start=1):
        depth = len(line) - len(line.lstrip("\t"))
        parts = line.strip("\t").split("\t")
        if depth > 2 or len(parts) != 3:
            continue
        name, code, short = (p.strip() for p in parts)
        shorts = tuple(s.strip() for s in short.split(SHORT_NAME_SEPARATOR))
        if not CODE.match(code) or not name or not all(shorts):
            raise ValueError(f"{path.name}:{line_no}: bad unit line {line!r}")
        units.append(SourceUnit(depth, name, code, shorts, line_no))
    return units


def is_administrative(unit: SourceUnit) -> bool:
    return not (
        FUNCTIONAL_AREA_CODE.match(unit.code)
        or NON_ADMINISTRATIVE_NAME.search(unit.name)
        or unit.code in NON_ADMINISTRATIVE_CODES
    )


def walk_tree(units: list[SourceUnit]) -> list[tuple[SourceUnit, str, str]]:
    """(unit, level, parent_code) for the administrative units, resolving municipalities and pseudo-prefectures."""
    out: list[tuple[SourceUnit, str, str]] = []
    province: SourceUnit | None = None
    county_parent = ""
    for unit in units:
        if unit.depth == 0:
            province, county_parent = unit, ""
            out.append((unit, "province", COUNTRY_CODE))
        elif province is None or province.code in PROVINCES_WITHOUT_CHILDREN:
            county_parent = ""
        elif unit.depth == 1:
            flat = unit.code == province.code or PSEUDO_PREFECTURE_NAME.search(unit.name)
            county_parent = province.code if flat else unit.code
            if not flat:
                out.append((unit, "prefecture", province.code))
        elif county_parent and unit.code != county_parent and is_administrative(unit):
            out.append((unit, "county", county_parent))
    return out


def check_tree(walked: list[tuple[SourceUnit, str, str]]) -> None:
    """Codes are unique and each child's code starts with its province's two digits."""
    seen: dict[str, SourceUnit] = {}
    for unit, _level, parent in walked:
        if unit.code in seen:
            raise ValueError(f"{LOCATION_FILE}:{unit.line_no}: code {unit.code} already used at line "
                             f"{seen[unit.code].line_no}")
        seen[unit.code] = unit
        if parent != COUNTRY_CODE and unit.code[:2] != parent[:2]:
            raise ValueError(f"{LOCATION_FILE}:{unit.line_no}: {unit.name} {unit.code} is not under {parent}")


def load_pinyin():
    """jionlp.pinyin, imported quietly (jionlp prints a banner on import)."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        import jionlp
    return jionlp.pinyin


def read_pinyin_overrides(path: Path) -> dict[str, list[str]]:
    """text → plain syllables; applied wherever text occurs in a name (characters jionlp does not know,
    place-name readings of polyphones)."""
    overrides = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line_no, rec in enumerate(csv.DictReader(handle), start=2):
            syllables = rec["pinyin"].split()
            if len(syllables) != len(rec["text"]) or not all(PINYIN_SYLLABLE.match(s) for s in syllables):
                raise ValueError(f"{path.name}:{line_no}: pinyin {rec['pinyin']!r} does not fit {rec['text']!r}")
            overrides[rec["text"]] = syllables
    return overrides


def syllables_of(text: str, pinyin, overrides: dict[str, list[str]]) -> list[str]:
    """Plain syllables of text, one per character: jionlp.pinyin, then the overrides (longest text last wins)."""
    syllables = [s.replace("v", "ü") for s in pinyin(text, formater="simple")]
    for key in sorted(overrides, key=len):
        for start in (i for i in range(len(text)) if text.startswith(key, i)):
            syllables[start:start + len(key)] = overrides[key]
    out = []
    for ch, syllable in zip(text, syllables):
        match = PINYIN_SYLLABLE.match(syllable)
        if not match:
            raise ValueError(f"no pinyin for {ch!r} in {text!r}: got {syllable!r}; "
                             f"add it to {PINYIN_OVERRIDES_CSV.name}")
        out.append(match.group(1))
    return out


def romanise(full_name: str, short_name: str, pinyin, overrides: dict[str, list[str]]) -> str:
    """name_en per the module docstring's convention."""
    source = full_name if full_name.startswith(short_name) else short_name
    syllables = syllables_of(source, pinyin, overrides)[: len(short_name)]
    unit_word = SEPARATE_UNIT_WORDS.get(short_name[-1]) if len(short_name) >= 3 else None
    if unit_word:
        syllables = syllables[:-1]
    word = syllables[0] + "".join("'" + s if s[0] in "aoe" else s for s in syllables[1:])
    return word.capitalize() + (" " + unit_word if unit_word else "")


def build_regions(walked: list[tuple[SourceUnit, str, str]], pinyin,
                  overrides: dict[str, list[str]]) -> list[RegionRow]:
    rows = [RegionRow(COUNTRY_CODE, COUNTRY[0], COUNTRY[1], COUNTRY[2], "country", "")]
    for unit, level, parent in walked:
        name_en = romanise(unit.name, unit.short, pinyin, overrides)
        rows.append(RegionRow(unit.code, unit.name, unit.short, name_en, level, parent))
    return sorted(rows, key=lambda r: r.region_code)


def read_cpca_file(wheel: Path | None) -> bytes:
    """cpca's adcodes.csv from the wheel if given, else from the installed distribution (not imported).
    Fails unless it is the pinned version."""
    if wheel is not None:
        with zipfile.ZipFile(wheel) as archive:
            if f"cpca-{CPCA_VERSION}.dist-info/METADATA" not in archive.namelist():
                raise SystemExit(f"{wheel} is not a cpca {CPCA_VERSION} wheel")
            return archive.read(CPCA_FILE)
    try:
        dist = importlib.metadata.distribution("cpca")
    except importlib.metadata.PackageNotFoundError:
        raise SystemExit(f"cpca {CPCA_VERSION} is required (the `seed` extra), or pass --cpca-wheel") from None
    if dist.version != CPCA_VERSION:
        raise SystemExit(f"cpca {CPCA_VERSION} is required, found {dist.version}")
    return Path(dist.locate_file(CPCA_FILE)).read_bytes()


def parse_cpca_points(data: bytes) -> dict[str, SourcePoint]:
    """Six-digit code → point, from cpca's adcodes.csv; rows without coordinates (its 市辖区 rows) are skipped."""
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    if tuple(reader.fieldnames or ()) != CPCA_COLUMNS:
        raise ValueError(f"{CPCA_FILE}: columns {reader.fieldnames}, expected {list(CPCA_COLUMNS)}")
    points: dict[str, SourcePoint] = {}
    for line_no, rec in enumerate(reader, start=2):
        match = CPCA_ADCODE.match(rec["adcode"])
        if not match or match.group(1) in points:
            raise ValueError(f"{CPCA_FILE}:{line_no}: bad or repeated adcode {rec['adcode']!r}")
        if not rec["longitude"] and not rec["latitude"]:
            continue
        _check_in_china(rec["longitude"], CHINA_LONGITUDE, line_no)
        _check_in_china(rec["latitude"], CHINA_LATITUDE, line_no)
        points[match.group(1)] = SourcePoint(rec["name"], rec["longitude"], rec["latitude"])
    return points


def _check_in_china(value: str, bounds: tuple[float, float], line_no: int) -> None:
    try:
        degrees = float(value)
    except ValueError:
        degrees = float("nan")
    if not bounds[0] <= degrees <= bounds[1]:
        raise ValueError(f"{CPCA_FILE}:{line_no}: coordinate {value!r} is not within {bounds}")


def add_coordinates(regions: list[RegionRow], points: dict[str, SourcePoint]) -> list[RegionRow]:
    """Each region with the point of the same code and the same full name; the others unchanged (empty)."""
    out = []
    for region in regions:
        point = points.get(region.region_code)
        if point is not None and point.name == region.name_zh:
            region = replace(region, longitude=point.longitude, latitude=point.latitude)
        out.append(region)
    return out


def parse_changes(path: Path, regions: list[RegionRow]) -> list[Change]:
    """Renames from china_location_change.txt, new codes looked up in the built tree."""
    lookup = _path_index(regions)
    changes: dict[RenameRow, Change] = {}
    for line_no, line in enumerate(read_lines(path), start=1):
        if not line.strip():
            continue
        match = CHANGE_LINE.match(line)
        if not match:
            raise ValueError(f"{path.name}:{line_no}: bad change line {line!r}")
        changed_on, approval, old, new = match.groups()
        old_parts, new_parts = old.split("\t"), new.split("\t")
        if len(old_parts) != 2 * len(new_parts):
            raise ValueError(f"{path.name}:{line_no}: old and new paths differ in depth: {line!r}")
        change = _change_from_paths(changed_on, approval, old_parts, new_parts, lookup)
        changes.setdefault(change.row, change)
    return list(changes.values())


def _path_index(regions: list[RegionRow]) -> dict[tuple[str, ...], str]:
    """(province name, [prefecture name,] name) → code, and the same keyed by the last unit's short name."""
    by_code = {r.region_code: r for r in regions}
    index: dict[tuple[str, ...], str] = {}
    for region in regions:
        names, node = [], region
        while node.level != "country":
            names.insert(0, node.name_zh)
            node = by_code[node.parent_code]
        index[tuple(names)] = region.region_code
        index.setdefault((*names[:-1], "short:" + region.short_name_zh), region.region_code)
    return index


def _change_from_paths(changed_on: str, approval: str, old_parts: list[str], new_parts: list[str],
                       lookup: dict[tuple[str, ...], str]) -> Change:
    """A change row; the new unit is found by its full path, else by its name without the unit word
    (金秀县 → 金秀瑶族自治县; 湟中区 → 湟中县 when the tree predates the change)."""
    old_names, old_shorts = old_parts[0::2], old_parts[1::2]
    new_code = lookup.get(tuple(new_parts), "")
    note = f"{approval}; was {'/'.join(old_names)}, now {'/'.join(new_parts)}"
    if not new_code:
        stem = UNIT_WORD_SUFFIX.sub("", new_parts[-1])
        new_code = lookup.get((*new_parts[:-1], "short:" + stem), "")
        note += f"; matched in the tree by short name {stem}" if new_code else "; new name not in the tree"
    row = RenameRow(changed_on, old_names[-1], "", new_parts[-1], new_code, note)
    return Change(row, old_shorts[-1])


def merge_changes(source: list[Change], supplement: list[Change]) -> list[Change]:
    """Supplement rows replace source rows with the same date and old name (corrections), others add up."""
    corrected = {(c.row.changed_on, c.row.old_name) for c in supplement}
    kept = [c for c in source if (c.row.changed_on, c.row.old_name) not in corrected]
    for change in kept:
        if not change.row.new_code:
            print(f"warning: {CHANGE_FILE}: {change.row.new_name} ({change.row.changed_on}) is not in the tree",
                  file=sys.stderr)
    return kept + supplement


def read_supplement(path: Path, codes: set[str]) -> list[Change]:
    """Hand-checked changes; every new_code must exist in the tree."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        changes = []
        for line_no, rec in enumerate(reader, start=2):
            if rec["new_code"] not in codes:
                raise ValueError(f"{path.name}:{line_no}: new_code {rec['new_code']!r} is not a region")
            date.fromisoformat(rec["changed_on"])
            row = RenameRow(rec["changed_on"], rec["old_name"], rec["old_code"], rec["new_name"],
                            rec["new_code"], rec["note"])
            changes.append(Change(row, rec["old_short_name"]))
    return changes


def build_aliases(regions: list[RegionRow], extra_shorts: list[tuple[str, str]],
                  changes: list[Change]) -> list[AliasRow]:
    """Current full/short names (open-ended), 全国, old names valid up to their change date, and new names
    the tree does not carry yet (湟中区 → 630122 湟中县) valid from their change date."""
    aliases = {AliasRow(alias, COUNTRY_CODE, "", "") for alias in COUNTRY_EXTRA_ALIASES}
    aliases |= {AliasRow(alias, code, "", "") for code, alias in extra_shorts}
    current = {}
    for region in regions:
        for name in {region.name_zh, region.short_name_zh}:
            aliases.add(AliasRow(name, region.region_code, "", ""))
        current[region.region_code] = region
    taken = {a.alias for a in aliases}
    aliases |= {AliasRow(name, code, "", "") for code, name in prefecture_short_forms(regions) if name not in taken}
    aliases |= {AliasRow(name, code, "", "") for code, name in county_short_forms(regions) if name not in taken}
    for change in changes:
        row = change.row
        if not row.new_code or row.old_name == row.new_name:
            continue
        region = current[row.new_code]
        for old in {row.old_name, change.old_short} - {"", region.name_zh, region.short_name_zh}:
            aliases.add(AliasRow(old, row.new_code, "", row.changed_on))
        if region.name_zh == row.old_name:  # the tree predates the change
            aliases.add(AliasRow(row.new_name, row.new_code, row.changed_on, ""))
    return sorted(aliases, key=astuple)


def prefecture_short_forms(regions: list[RegionRow]) -> list[tuple[str, str]]:
    """An autonomous prefecture is commonly written as its short name and 州 (黔南布依族苗族自治州 → 黔南州,
    恩施土家族苗族自治州 → 恩施州): one alias each, unless the short name already ends in 州."""
    return [(r.region_code, r.short_name_zh + "州") for r in regions
            if r.level == "prefecture" and r.name_zh.endswith(AUTONOMOUS_PREFECTURE_SUFFIX)
            and not r.short_name_zh.endswith("州")]


AUTONOMOUS_COUNTY_SUFFIX = "自治县"


def county_short_forms(regions: list[RegionRow]) -> list[tuple[str, str]]:
    """An autonomous county is commonly written as its short name and 自治县 or 县 (紫云苗族布依族自治县 → 紫云自治县,
    紫云县; 长阳土家族自治县 → 长阳县): both aliases, unless the short name already ends in 县."""
    return [(r.region_code, r.short_name_zh + suffix) for r in regions
            if r.level == "county" and r.name_zh.endswith(AUTONOMOUS_COUNTY_SUFFIX)
            and not r.short_name_zh.endswith("县") for suffix in (AUTONOMOUS_COUNTY_SUFFIX, "县")]


def write_csv(path: Path, columns: tuple[str, ...], rows: list) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(astuple(row) for row in rows)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def generated_on() -> str:
    """Today, or $SOURCE_DATE_EPOCH's date for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return (date.fromtimestamp(int(epoch)) if epoch else date.today()).isoformat()


def write_provenance(path: Path, sources: list[Path], counts: dict[str, int], cpca_data: bytes) -> None:
    record = {
        "source_package": "jionlp",
        "source_version": JIONLP_VERSION,
        "source_files": {f"jionlp/dictionary/{p.name}" if p.parent.name == "dictionary"
                         else p.relative_to(PROJECT_ROOT).as_posix(): {"sha256": sha256(p)} for p in sources},
        "generator": "scripts/make_region_seed.py",
        "generated_on": generated_on(),
        "row_counts": counts,
        "coordinates": "longitude/latitude from cpca where it has the same code and full name, else empty; "
                       "points are cpca's (seat of government), not polygon centroids",
        "coordinate_source": {"package": "cpca", "version": CPCA_VERSION, "license": "MIT",
                              "file": CPCA_FILE, "sha256": hashlib.sha256(cpca_data).hexdigest()},
    }
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds-dir", type=Path, default=SEEDS_DIR, help="where the three CSVs go")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help="where region_source.json goes")
    parser.add_argument("--cpca-wheel", type=Path, help=f"a cpca {CPCA_VERSION} wheel to read instead of "
                        "the installed package (pip download --no-deps cpca==" + CPCA_VERSION + ")")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    source_dir = jionlp_dictionary_dir()
    location, change_file = source_dir / LOCATION_FILE, source_dir / CHANGE_FILE
    walked = walk_tree(parse_location_tree(location))
    check_tree(walked)
    regions = build_regions(walked, load_pinyin(), read_pinyin_overrides(PINYIN_OVERRIDES_CSV))
    cpca_data = read_cpca_file(args.cpca_wheel)
    regions = add_coordinates(regions, parse_cpca_points(cpca_data))
    changes = merge_changes(parse_changes(change_file, regions),
                            read_supplement(SUPPLEMENT_CSV, {r.region_code for r in regions}))
    renames = sorted({c.row for c in changes}, key=astuple)
    extra_shorts = [(unit.code, short) for unit, _level, _parent in walked for short in unit.shorts]
    aliases = build_aliases(regions, extra_shorts, changes)
    write_csv(args.seeds_dir / "regions.csv", REGION_COLUMNS, regions)
    write_csv(args.seeds_dir / "region_aliases.csv", ALIAS_COLUMNS, aliases)
    write_csv(args.seeds_dir / "region_renames.csv", tuple(f.name for f in fields(RenameRow)), renames)
    counts = {f"regions_{level}": sum(r.level == level for r in regions)
              for level in ("country", "province", "prefecture", "county")}
    counts |= {"regions": len(regions), "region_aliases": len(aliases), "region_renames": len(renames),
               "regions_with_coordinates": sum(bool(r.longitude) for r in regions)}
    sources = [location, change_file, SUPPLEMENT_CSV, PINYIN_OVERRIDES_CSV]
    write_provenance(args.data_dir / "region_source.json", sources, counts, cpca_data)
    print(json.dumps(counts, ensure_ascii=False))


if __name__ == "__main__":
    main()
