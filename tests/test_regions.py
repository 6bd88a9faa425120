"""The region seeds (GB/T 2260 tree, aliases, renames) and the resolver in loaders/regions.py."""
from __future__ import annotations

import csv
import functools
import hashlib
import importlib.metadata
import importlib.util
import json
import math
import re
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

from loaders.extraction import regions as R
from loaders.config import DATA_DIR, DEFAULT_CORPUS_DIR, PROJECT_ROOT, SEEDS_DIR

LEVEL_RANK = {"country": 0, "province": 1, "prefecture": 2, "county": 3}
SIX_DIGITS = re.compile(r"^\d{6}$")
ROMANISED = re.compile(r"^[A-Z][a-zü']+( (Shi|Xian|Qu|Meng|Qi))?$")
ZONE_NAME = re.compile(r"(开发区|高新区|园区|示范区|保税区)$")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def corpus_sentence(doc: str, sentence: str) -> str:
    """The sentence, after checking that it really is in the corpus document."""
    text = (DEFAULT_CORPUS_DIR / f"{doc}.txt").read_text(encoding="utf-8")
    assert sentence in text, f"{sentence!r} is not in {doc}"
    return sentence


# ---------------------------------------------------------------- seeds


def test_row_counts_by_level() -> None:
    counts = {lvl: 0 for lvl in LEVEL_RANK}
    for region in R.load_regions().values():
        counts[region.level] += 1
    assert 3100 <= sum(counts.values()) <= 3300
    assert counts["country"] == 1 and counts["province"] == 34
    assert 320 <= counts["prefecture"] <= 340 and 2800 <= counts["county"] <= 2900


def test_codes_are_six_digit_strings_in_the_csv() -> None:
    rows = read_csv(SEEDS_DIR / "regions.csv")
    assert all(SIX_DIGITS.match(row["region_code"]) for row in rows)
    assert [row["region_code"] for row in rows if not row["parent_code"]] == ["100000"]
    assert all(SIX_DIGITS.match(row["parent_code"]) for row in rows if row["parent_code"])
    assert [row["region_code"] for row in rows] == sorted(row["region_code"] for row in rows)


def test_every_region_reaches_the_country_through_higher_levels() -> None:
    for code, region in R.load_regions().items():
        chain = [code, *R.ancestors(code)]
        assert chain[-1] == "100000", code
        ranks = [LEVEL_RANK[R.level(c)] for c in chain]
        assert ranks == sorted(ranks, reverse=True) and len(set(ranks)) == len(ranks), chain
        if region.parent_code not in (None, "100000"):
            assert code[:2] == region.parent_code[:2], code


def test_zones_are_not_regions() -> None:
    for code, region in R.load_regions().items():
        assert not re.match(r"^\d{4}7\d$", code), (code, region.name_zh)
        assert not ZONE_NAME.search(region.name_zh), (code, region.name_zh)


@pytest.mark.parametrize(
    ("code", "name_zh", "level", "parent_code"),
    [
        ("100000", "中华人民共和国", "country", None),
        ("330000", "浙江省", "province", "100000"),
        ("330300", "温州市", "prefecture", "330000"),
        ("330381", "瑞安市", "county", "330300"),
        ("330382", "乐清市", "county", "330300"),
        ("330305", "洞头区", "county", "330300"),
        ("330302", "鹿城区", "county", "330300"),
        ("330383", "龙港市", "county", "330300"),
        ("330326", "平阳县", "county", "330300"),
        ("330324", "永嘉县", "county", "330300"),
        ("330800", "衢州市", "prefecture", "330000"),
        ("330881", "江山市", "county", "330800"),
        ("330100", "杭州市", "prefecture", "330000"),
        ("330200", "宁波市", "prefecture", "330000"),
        ("310000", "上海市", "province", "100000"),
        ("310114", "嘉定区", "county", "310000"),
        ("310117", "松江区", "county", "310000"),
    ],
)
def test_facts_codes(code: str, name_zh: str, level: str, parent_code: str | None) -> None:
    region = R.region(code)
    assert (region.name_zh, region.level, region.parent_code) == (name_zh, level, parent_code)


def test_jiangshan_chain() -> None:
    chain = R.ancestors("330881")
    assert chain == ["330800", "330000", "100000"]
    assert [R.region(c).name_zh for c in chain] == ["衢州市", "浙江省", "中华人民共和国"]


@pytest.mark.parametrize(
    ("code", "short_name_zh"),
    [("330381", "瑞安"), ("330305", "洞头"), ("330300", "温州"), ("330000", "浙江"), ("150000", "内蒙古"),
     ("222400", "延边"), ("100000", "中国"), ("652800", "巴音郭楞")],
)
def test_short_names(code: str, short_name_zh: str) -> None:
    assert R.region(code).short_name_zh == short_name_zh


@pytest.mark.parametrize(
    ("code", "name_en"),
    [("100000", "China"), ("330381", "Rui'an"), ("330382", "Yueqing"), ("330300", "Wenzhou"),
     ("110105", "Chaoyang"), ("211300", "Chaoyang"), ("220200", "Jilin Shi"), ("152200", "Xing'an Meng"),
     ("510100", "Chengdu"), ("341500", "Lu'an"), ("530921", "Fengqing")],
)
def test_name_en_examples(code: str, name_en: str) -> None:
    rows = {row["region_code"]: row for row in read_csv(SEEDS_DIR / "regions.csv")}
    assert rows[code]["name_en"] == name_en


def test_name_en_follows_one_convention() -> None:
    rows = read_csv(SEEDS_DIR / "regions.csv")
    bad = [(r["region_code"], r["name_en"]) for r in rows
           if r["region_code"] != "100000" and not ROMANISED.match(r["name_en"])]
    assert bad == []


def test_every_name_and_short_name_is_an_alias() -> None:
    aliases = R.load_aliases()
    for code, region in R.load_regions().items():
        for name in (region.name_zh, region.short_name_zh):
            assert code in {a.code for a in aliases[name] if a.valid_to is None}, (code, name)


@pytest.mark.parametrize(
    ("alias", "code", "valid_to"),
    [("洞头县", "330305", date(2015, 7, 23)), ("龙港镇", "330383", date(2019, 8, 16)),
     ("下城区", "330105", date(2021, 4, 9)), ("襄樊市", "420600", date(2010, 12, 9))],
)
def test_old_names_are_dated_aliases(alias: str, code: str, valid_to: date) -> None:
    assert [(a.code, a.valid_to) for a in R.load_aliases()[alias]] == [(code, valid_to)]


@pytest.mark.parametrize(
    ("old_name", "old_code", "new_name", "new_code", "year"),
    [("洞头县", "330322", "洞头区", "330305", "2015"), ("龙港镇", "", "龙港市", "330383", "2019"),
     ("玉环县", "", "玉环市", "331083", "2017"), ("南郊区", "", "云冈区", "140214", "2018")],
)
def test_renames(old_name: str, old_code: str, new_name: str, new_code: str, year: str) -> None:
    rows = [r for r in read_csv(SEEDS_DIR / "region_renames.csv") if r["old_name"] == old_name]
    assert [(r["old_code"], r["new_name"], r["new_code"], r["changed_on"][:4]) for r in rows] == [
        (old_code, new_name, new_code, year)]


def test_renames_point_at_regions_and_have_dates() -> None:
    regions = R.load_regions()
    for row in read_csv(SEEDS_DIR / "region_renames.csv"):
        date.fromisoformat(row["changed_on"])
        assert row["new_code"] in regions, row


def test_stoplist_terms_are_current_names() -> None:
    stoplist = R.load_stoplist()
    current = {s for s, aliases in R.load_aliases().items() if any(a.valid_to is None for a in aliases)}
    assert set(stoplist.rules) <= current, set(stoplist.rules) - current
    assert not set(stoplist.not_before) & current


def test_provenance_matches_the_installed_source() -> None:
    record = json.loads((DATA_DIR / "region_source.json").read_text(encoding="utf-8"))
    assert (record["source_package"], record["source_version"]) == ("jionlp", "1.5.31")
    assert record["row_counts"]["regions"] == len(R.load_regions())
    spec = importlib.util.find_spec("jionlp")
    if spec is None:
        pytest.skip("jionlp (the `seed` extra) is not installed")
    folder = Path(spec.submodule_search_locations[0]) / "dictionary"
    for name in ("china_location.txt", "china_location_change.txt"):
        path, archive = folder / name, (folder / name).with_suffix(".zip")
        data = path.read_bytes() if path.exists() else zipfile.ZipFile(archive).read(name)
        digest = hashlib.sha256(data).hexdigest()
        assert record["source_files"][f"jionlp/dictionary/{name}"]["sha256"] == digest


def test_the_script_regenerates_the_committed_seeds(tmp_path: Path) -> None:
    if importlib.util.find_spec("jionlp") is None or importlib.util.find_spec("cpca") is None:
        pytest.skip("jionlp or cpca (the `seed` extra) is not installed")
    script = PROJECT_ROOT / "scripts" / "make_region_seed.py"
    subprocess.run([sys.executable, str(script), "--seeds-dir", str(tmp_path), "--data-dir", str(tmp_path)],
                   check=True, capture_output=True)
    for name in ("regions.csv", "region_aliases.csv", "region_renames.csv"):
        assert (tmp_path / name).read_bytes() == (SEEDS_DIR / name).read_bytes(), name


# ---------------------------------------------------------------- coordinates (from cpca)

CHINA_BOX = ((73.0, 136.0), (3.0, 54.0))  # longitude, latitude


@functools.cache
def load_seed_script():
    """scripts/make_region_seed.py as a module (registered first: its dataclasses look themselves up there)."""
    spec = importlib.util.spec_from_file_location("make_region_seed", PROJECT_ROOT / "scripts" / "make_region_seed.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def points() -> dict[str, tuple[float, float]]:
    """code → (longitude, latitude) for the regions that have both."""
    rows = read_csv(SEEDS_DIR / "regions.csv")
    return {r["region_code"]: (float(r["longitude"]), float(r["latitude"])) for r in rows if r["longitude"]}


def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat_a, lat_b, d_lon = math.radians(a[1]), math.radians(b[1]), math.radians(b[0] - a[0])
    cos = math.sin(lat_a) * math.sin(lat_b) + math.cos(lat_a) * math.cos(lat_b) * math.cos(d_lon)
    return 6371.0 * math.acos(min(1.0, cos))


def test_longitude_and_latitude_come_in_pairs() -> None:
    rows = read_csv(SEEDS_DIR / "regions.csv")
    assert [r["region_code"] for r in rows if bool(r["longitude"]) != bool(r["latitude"])] == []


def test_coordinate_coverage() -> None:
    located, regions = points(), R.load_regions()
    assert len(located) / len(regions) >= 0.95
    by_level = {lvl: [c for c, r in regions.items() if r.level == lvl] for lvl in LEVEL_RANK}
    assert all(code in located for code in by_level["province"])
    assert sum(code in located for code in by_level["prefecture"]) >= 330


def test_coordinates_lie_in_china() -> None:
    (lon_min, lon_max), (lat_min, lat_max) = CHINA_BOX
    outside = {code: p for code, p in points().items()
               if not (lon_min <= p[0] <= lon_max and lat_min <= p[1] <= lat_max)}
    assert outside == {}


@pytest.mark.parametrize(
    ("code", "longitude", "latitude"),
    [("330300", 120.7, 28.0), ("330381", 120.65, 27.78), ("330305", 121.15, 27.84), ("110000", 116.4, 39.9),
     ("310000", 121.47, 31.23), ("650100", 87.6, 43.8), ("540100", 91.1, 29.65), ("230100", 126.6, 45.8),
     ("460200", 109.5, 18.25), ("330000", 120.15, 30.27)],  # a province sits at its capital
)
def test_known_points(code: str, longitude: float, latitude: float) -> None:
    lon, lat = points()[code]
    assert abs(lon - longitude) < 0.3 and abs(lat - latitude) < 0.3, (code, lon, lat)


@pytest.mark.parametrize(
    "code",
    ["100000",  # the country: cpca has no row
     "330383",  # 龙港市, created 2019: after cpca's vintage
     "130526"],  # 任泽区: cpca still has 任县 under this code, so no point is borrowed across a rename
)
def test_units_the_source_does_not_name_have_no_point(code: str) -> None:
    assert code in R.load_regions() and code not in points()


def test_points_lie_near_their_parent() -> None:
    located, regions = points(), R.load_regions()
    far = {code: round(km_between(p, located[regions[code].parent_code]))
           for code, p in located.items() if regions[code].parent_code in located
           and km_between(p, located[regions[code].parent_code]) > 1300}
    assert far == {}


def test_provenance_records_the_coordinate_source() -> None:
    record = json.loads((DATA_DIR / "region_source.json").read_text(encoding="utf-8"))
    source = record["coordinate_source"]
    assert (source["package"], source["version"], source["file"]) == ("cpca", "0.5.5", "cpca/resources/adcodes.csv")
    assert record["row_counts"]["regions_with_coordinates"] == len(points())
    try:
        dist = importlib.metadata.distribution("cpca")
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("cpca (the `seed` extra) is not installed")
    data = Path(dist.locate_file(source["file"])).read_bytes()
    assert source["sha256"] == hashlib.sha256(data).hexdigest()


CPCA_HEADER = "adcode,name,longitude,latitude\n"


@pytest.mark.parametrize(
    ("rows", "message"),
    [("330300000000,温州市,27.99,120.69\n", r"adcodes\.csv:2: coordinate '27\.99'"),  # swapped
     ("330300000000,温州市,120.69,\n", r"adcodes\.csv:2: coordinate ''"),
     ("330300000000,温州市,120.69,27.99\n330300000000,温州市,120.69,27.99\n", r":3: bad or repeated adcode"),
     ("330300,温州市,120.69,27.99\n", r":2: bad or repeated adcode '330300'")],
)
def test_bad_cpca_rows_name_line_and_value(rows: str, message: str) -> None:
    script = load_seed_script()
    with pytest.raises(ValueError, match=message):
        script.parse_cpca_points((CPCA_HEADER + rows).encode("utf-8"))


def test_points_need_the_same_code_and_name() -> None:
    script = load_seed_script()
    found = script.parse_cpca_points((CPCA_HEADER + "330300000000,温州市,120.69,27.99\n"
                                      "130526000000,任县,114.68,37.12\n420601000000,市辖区,,\n").encode("utf-8"))
    regions = [script.RegionRow("330300", "温州市", "温州", "Wenzhou", "prefecture", "330000"),
               script.RegionRow("130526", "任泽区", "任泽", "Renze", "county", "130500"),
               script.RegionRow("420601", "襄城区", "襄城", "Xiangcheng", "county", "420600")]
    assert [(r.longitude, r.latitude) for r in script.add_coordinates(regions, found)] == [
        ("120.69", "27.99"), ("", ""), ("", "")]


# ---------------------------------------------------------------- tree helpers


@pytest.mark.parametrize(
    ("outer", "inner", "expected"),
    [("330000", "330881", True), ("330300", "330881", False), ("330881", "330881", True),
     ("100000", "310117", True), ("310000", "310117", True), ("330881", "330000", False)],
)
def test_contains(outer: str, inner: str, expected: bool) -> None:
    assert R.contains(outer, inner) is expected


@pytest.mark.parametrize(
    ("code", "province", "scope"),
    [("330881", "330000", "330800"), ("330800", "330000", "330800"), ("310114", "310000", "310000"),
     ("429004", "420000", "420000"), ("330000", "330000", None), ("100000", None, None)],
)
def test_province_and_local_scope(code: str, province: str | None, scope: str | None) -> None:
    assert (R.province_of(code), R.local_scope(code)) == (province, scope)


def test_unknown_code_is_a_clear_error() -> None:
    with pytest.raises(R.UnknownRegionError, match="123456"):
        R.level("123456")


# ---------------------------------------------------------------- resolve


@pytest.mark.parametrize(
    ("name", "context", "expected"),
    [
        ("瑞安", None, "330381"), ("瑞安市", None, "330381"), (" 330381 ", None, "330381"), ("江山", None, "330881"),
        ("嘉定", None, "310114"), ("上海", None, "310000"), ("全国", None, "100000"), ("中国", None, "100000"),
        ("999999", None, None), ("不存在的地方", None, None),
        ("鼓楼", None, None), ("鼓楼", "350100", "350102"), ("鼓楼", "320300", "320302"), ("鼓楼", "320000", None),
        ("鼓楼区", "410200", "410204"), ("龙港", None, None), ("龙港", "330300", "330383"), ("龙港", "330000", "330383"),
        ("龙港", "211400", "211403"), ("龙港", "110000", None), ("朝阳", "110000", "110105"), ("朝阳", "210000", "211300"),
        ("城关", "620100", "620102"), ("城关", "540000", "540102"), ("白云区", "440000", "440111"),
    ],
)
def test_resolve(name: str, context: str | None, expected: str | None) -> None:
    assert R.resolve(name, context) == expected


@pytest.mark.parametrize(
    ("name", "context", "on", "expected"),
    [
        ("洞头县", None, date(2014, 6, 30), "330305"),
        ("洞头县", None, None, "330305"),
        ("洞头县", "330300", date(2019, 1, 1), "330305"),  # a late report still using the old name
        ("下城区", None, date(2020, 6, 1), "330105"),
        ("江干", None, date(2020, 7, 1), "330102"),
        ("襄樊", None, date(2009, 1, 1), "420600"),
        ("城区", "140200", date(2017, 1, 1), "140213"),  # 大同's 城区, now 平城区
        ("城区", "140200", date(2019, 1, 1), None),  # 大同 has no 城区 any more: 阳泉 and 晋城 tie
        ("城区", "140300", date(2019, 1, 1), "140302"),
        ("湟中区", None, None, "630122"),  # renamed after the source's tree was drawn
    ],
)
def test_resolve_dated_names(name: str, context: str | None, on: date | None, expected: str | None) -> None:
    assert R.resolve(name, context, on) == expected


# ---------------------------------------------------------------- find_mentions


def mentions(text: str, context: str | None = None, on: date | None = None) -> list[tuple[str, str]]:
    found = R.find_mentions(text, context, on)
    for m in found:
        assert text[m.start:m.end] == m.surface
    return [(m.surface, m.code) for m in found]


@pytest.mark.parametrize(
    ("doc", "sentence", "context", "expected"),
    [
        ("000_cc2c8fd56509dda0", "●瑞安排名全国科技创新百强县市第 14 位，居", "330381", [("瑞安", "330381")]),
        ("002_a198ba8cfc671655", "力争乐清、瑞安2个省级高新园区保持在全省第一梯队，支持鹿城区、龙港市创建省级高新园区", "330300",
         [("乐清", "330382"), ("瑞安", "330381"), ("鹿城区", "330302"), ("龙港市", "330383")]),
        ("001_050705cab98f9860", "江干飞地目前已征集到9家江山企业入驻", "330000", [("江干", "330102"), ("江山", "330881")]),
        ("001_050705cab98f9860", "温州市洞头区认真贯彻落实市委主要负责人指示精神", "330000",
         [("温州市", "330300"), ("洞头区", "330305")]),
        ("001_050705cab98f9860", "深度融入温州国家自创区和环大罗山科创走廊建设", "330305", [("温州", "330300")]),
        ("001_050705cab98f9860", "浙江工业大学、杭州电子科技大学等8家大专院校入驻", "330305", []),
        ("003_64103cb557f1b4ba", "与上海嘉定率先实施高质量科技创新系列行动", "330300", [("上海", "310000"), ("嘉定", "310114")]),
        ("004_16a8480c3cf0a410", "全力打造长三角区域和粤闽浙沿海城市群科创高地", "330300", []),
        ("000_cc2c8fd56509dda0", "打好创新平台大提升攻坚战", "330381", []),
        ("001_050705cab98f9860", "国家知识产权强县工程示范县（市）", "330382", []),
        ("001_050705cab98f9860", "聚焦企业技术需求，新建院士专家工作站1家", "330305", []),
    ],
)
def test_find_mentions_in_corpus_sentences(doc: str, sentence: str, context: str, expected: list) -> None:
    assert mentions(corpus_sentence(doc, sentence), context) == expected


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        ("2022年，南京市鼓楼区新增高新技术企业300家", None, [("南京市", "320100"), ("鼓楼区", "320106")]),
        ("福州鼓楼区技术合同成交额增长12%", None, [("福州", "350100"), ("鼓楼区", "350102")]),
        ("鼓楼区实现技术交易额12亿元", "410200", [("鼓楼区", "410204")]),
        ("鼓楼区实现技术交易额12亿元", None, []),
        ("葫芦岛市龙港区新增科技型中小企业40家", None, [("葫芦岛市", "211400"), ("龙港区", "211403")]),
        ("龙港新增科技型中小企业40家", "211400", [("龙港", "211403")]),
        ("龙港新增科技型中小企业40家", "330300", [("龙港", "330383")]),
        ("兰州城关区高新技术企业增长20%", None, [("兰州", "620100"), ("城关区", "620102")]),
        ("上海市松江区与苏州合作共建科创走廊", None, [("上海市", "310000"), ("松江区", "310117"), ("苏州", "320500")]),
        ("全面推进乡村振兴，丹东市振兴区新增省级科技企业", "210600", [("丹东市", "210600"), ("振兴区", "210603")]),
        ("打江山、守江山，靠的是人民", "510000", []),
        ("大好江山", None, []),
        ("衢州江山新增高新技术企业20家", None, [("衢州", "330800"), ("江山", "330881")]),
        ("江山新增高新技术企业20家", "330800", [("江山", "330881")]),
        ("江山新增高新技术企业20家", "330300", []),
        ("贵阳白云新增高新技术企业", None, [("贵阳", "520100"), ("白云", "520113")]),
        ("今天白云很多", None, []),
        ("与中山大学合作建设新型研发机构", "442000", []),
        ("全年日照时数2000小时", "330000", []),
        ("深圳市光明区打造光明科学城", None, [("深圳市", "440300"), ("光明区", "440311")]),
        ("全市专利授权量居全国第3位、全省第1位", "330300", []),
        ("恩施州、湘西州科技特派员人数增长15%", "420000", [("恩施州", "422800"), ("湘西州", "433100")]),  # 自治州 as X州
        ("红河州新认定高新技术企业46家", None, [("红河州", "532500")]),
        ("长阳县、五峰自治县新增科技型中小企业", "420500", [("长阳县", "420528"), ("五峰自治县", "420529")]),  # 自治县 as X县 / X自治县
    ],
)
def test_find_mentions_in_other_sentences(text: str, context: str | None, expected: list) -> None:
    assert mentions(text, context) == expected


def test_find_mentions_reads_old_names_on_their_date() -> None:
    text = "2014年洞头县新增科技型中小企业15家"
    assert mentions(text, None, date(2014, 12, 31)) == [("洞头县", "330305")]
    assert mentions("原襄樊市高新区", None, date(2009, 1, 1)) == [("襄樊市", "420600")]


# ---------------------------------------------------------------- bad input


def test_bad_region_row_names_file_and_value(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "regions.csv").write_text(
        "region_code,name_zh,short_name_zh,name_en,level,parent_code,longitude,latitude\n"
        "100000,中华人民共和国,中国,China,country,,,\n"
        "33000,浙江省,浙江,Zhejiang,province,100000,,\n", encoding="utf-8")
    monkeypatch.setattr(R, "SEEDS_DIR", tmp_path)
    with pytest.raises(R.RegionDataError, match=r"regions\.csv:3.*'33000'"):
        R.load_regions.__wrapped__()


def test_missing_parent_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "regions.csv").write_text(
        "region_code,name_zh,short_name_zh,name_en,level,parent_code,longitude,latitude\n"
        "330300,温州市,温州,Wenzhou,prefecture,330000,,\n", encoding="utf-8")
    monkeypatch.setattr(R, "SEEDS_DIR", tmp_path)
    with pytest.raises(R.RegionDataError, match="330000"):
        R.load_regions.__wrapped__()


def test_bad_alias_date_names_file_and_value(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "region_aliases.csv").write_text(
        "alias,region_code,valid_from,valid_to\n洞头县,330305,,2015-13-01\n", encoding="utf-8")
    R.load_regions()  # the real tree, cached before the seeds folder moves
    monkeypatch.setattr(R, "SEEDS_DIR", tmp_path)
    with pytest.raises(R.RegionDataError, match=r"region_aliases\.csv:2.*2015-13-01"):
        R.load_aliases.__wrapped__()


# Regions without false matches (issue 9 part 4): a county's short name counts only near the context
# region (or right after a region containing it); organisations named after a place are not mentions.
@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        ("德清新增省级企业研发中心5家", "330500", [("德清", "330521")]),  # a county near its own city
        ("德清新增省级企业研发中心5家", "440100", []),  # the same short name seen from Guangzhou
        ("共建太湖实验室，攻关关键技术", "320500", []),  # 太湖县 (Anhui) inside a laboratory's name
        ("太湖实验室揭牌运行", "340800", []),  # even near 安庆: a laboratory is an organisation
        ("打造區域創新平臺體系", "440000", []),  # 新平 across 創新|平臺 in traditional text
        ("北京温州商会举办年会", "110000", [("北京", "110000")]),  # a chamber of commerce named after a city
        ("海城集团投资建设新材料项目", None, []),  # a company named after 海城市, no region context
    ],
)
def test_short_names_need_a_region_context(text: str, context: str | None, expected: list) -> None:
    assert mentions(text, context) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("德清县科技局2023年工作总结\n德清县新增高新技术企业50家，完成湖州市下达任务。德清县技术交易额增长9%。\n", "330521"),
        ("江苏省科技厅发布年度数据\n南京市新增企业100家，苏州市新增120家，无锡市新增80家，江苏省总量居前。\n", "320000"),
        ("廣東省科技廳工作總結\n推進區域創新平臺建設，廣東省研發投入增長，創新平臺體系完善。\n", "440000"),
        ("平湖市2022年科技工作\n全市与上海合作共建平台，平湖市新增企业30家，嘉兴市考核优秀。\n", "330482"),
    ],
)
def test_most_mentioned_region_reads_the_whole_page(body: str, expected: str) -> None:
    from loaders.corpus import most_mentioned_region

    assert most_mentioned_region(body) == expected


def test_traditional_text_is_segmented_as_simplified() -> None:
    # 共和 (共和县, Qinghai) inside 共和國; 廣西 read as 广西
    assert mentions("建國以來共和國科技事業發展", "100000") == []
    assert mentions("廣西高新技術企業增長", None) == [("廣西", "450000")]
