"""`python -m loaders report`: a static site whose every extracted number is highlighted in its document
and linked to its row (and back), with region tables and charts, review queues, and nothing fetched from
the network."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest

from analyst_helpers import run_cli
from loaders.report.highlight import highlight_body, merge_spans

URL_ATTR = re.compile(r'(?:src|href)="(https?:)?//', re.I)


class Anchors(HTMLParser):
    """ids, a.fact marks (with their text) and hrefs of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.facts: dict[str, str] = {}
        self.hrefs: list[str] = []
        self._open: str | None = None

    def handle_starttag(self, tag, attrs) -> None:
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        if tag == "a" and a.get("class") == "fact":
            self._open = a["id"]
            self.facts[self._open] = ""

    def handle_data(self, data) -> None:
        if self._open:
            self.facts[self._open] += data

    def handle_endtag(self, tag) -> None:
        if tag == "a":
            self._open = None


@pytest.fixture(scope="module")
def site(built_warehouse: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "site"
    proc = run_cli(built_warehouse, "report", str(out))
    assert proc.returncode == 0, proc.stderr
    return out


def _parse(path: Path) -> Anchors:
    page = Anchors()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_every_number_of_every_document_is_highlighted_and_linked(site: Path, built_warehouse: Path) -> None:
    with duckdb.connect(str(built_warehouse), read_only=True) as con:
        rows = con.execute("select o.document_id, o.observation_id, substr(d.body, o.char_start + 1, o.char_end - o.char_start) "
                           "from marts.fct_indicator_observation o join marts.dim_document d using (document_id)").fetchall()
    pages = {doc: _parse(site / "documents" / f"{doc}.html") for doc in {r[0] for r in rows}}
    for doc, obs, number in rows:
        page = pages[doc]
        assert f"n-{obs}" in page.ids and f"row-{obs}" in page.ids, (doc, obs)
        if f"n-{obs}" in page.facts:
            assert number in page.facts[f"n-{obs}"]
            assert f"#row-{obs}" in page.hrefs and f"#n-{obs}" in page.hrefs


def test_region_pages_link_figures_to_their_sentences_and_draw_charts(site: Path) -> None:
    pages = sorted((site / "regions").glob("*.html"))
    assert pages
    for path in pages:
        page = _parse(path)
        for href in (h for h in page.hrefs if "#row-" in h):
            doc_page, anchor = href.split("#")
            assert anchor in _parse((path.parent / doc_page).resolve()).ids, href
    assert list((site / "charts").rglob("*.svg")), "regions with two years or more get charts"


def test_index_lists_regions_documents_and_review_queues(site: Path, built_warehouse: Path) -> None:
    page = _parse(site / "index.html")
    with duckdb.connect(str(built_warehouse), read_only=True) as con:
        docs = [r[0] for r in con.execute("select document_id from marts.dim_document").fetchall()]
    assert all(f"documents/{d}.html" in page.hrefs for d in docs)
    assert "review/review_conflicts.html" in page.hrefs and "review/review_unmapped_indicators.html" in page.hrefs
    for href in page.hrefs:
        if not href.startswith("#"):
            assert (site / href.split("#")[0]).exists(), href


def test_the_site_fetches_nothing_from_the_network(site: Path) -> None:
    for path in site.rglob("*.html"):
        assert not URL_ATTR.search(path.read_text(encoding="utf-8")), path


def test_overlapping_numbers_become_one_mark_with_an_anchor_for_each() -> None:
    body = "衢州市新增科技型企业1200家,增长12%。"
    spans = [(10, 14, "aaa"), (10, 15, "bbb"), (19, 22, "ccc")]
    assert [(m.start, m.end, m.observation_ids) for m in merge_spans(spans)] == [(10, 15, ["aaa", "bbb"]), (19, 22, ["ccc"])]
    html = str(highlight_body(body + "<b>", spans))
    assert 'id="n-aaa" href="#row-aaa"' in html and '<span id="n-bbb"></span>' in html and html.endswith("&lt;b&gt;")
