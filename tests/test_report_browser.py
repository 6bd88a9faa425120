"""The report in a real browser: headless Chromium (Debian's chromium + chromedriver) opens the site from
disk, a click on a highlighted number lands on its row whose sentence holds that number, and screenshots
are taken. Skipped where Chromium is absent, except in CI, where it fails."""
from __future__ import annotations

from pathlib import Path

import pytest

from analyst_helpers import in_ci, run_cli
from loaders.report.browser import BrowserMissing, chromium, find_browser, screenshot


@pytest.fixture(scope="module")
def browser_site(built_warehouse: Path, tmp_path_factory) -> Path:
    try:
        find_browser()
    except BrowserMissing as exc:
        if in_ci():
            pytest.fail(f"{exc} (.ci/run installs them)")
        pytest.skip(str(exc))
    out = tmp_path_factory.mktemp("browser") / "site"
    proc = run_cli(built_warehouse, "report", str(out))
    assert proc.returncode == 0, proc.stderr
    return out


def _busiest_document(site: Path) -> Path:
    return max((site / "documents").glob("*.html"), key=lambda p: p.stat().st_size)


def test_a_number_links_to_its_sentence_in_chromium(browser_site: Path, tmp_path) -> None:
    from selenium.webdriver.common.by import By

    with chromium() as driver:
        driver.get(_busiest_document(browser_site).as_uri())
        marks = driver.find_elements(By.CSS_SELECTOR, "a.fact")
        assert len(marks) > 20
        mark = marks[len(marks) // 2]
        number, target = mark.text, mark.get_attribute("href").split("#")[1]
        driver.execute_script("arguments[0].scrollIntoView(); arguments[0].click();", mark)
        assert driver.execute_script("return location.hash") == f"#{target}"
        row = driver.find_element(By.ID, target)
        assert driver.execute_script("return document.querySelector(':target') === arguments[0]", row)
        sentence = row.find_element(By.CSS_SELECTOR, "td.sentence")
        assert number in sentence.text and sentence.find_element(By.TAG_NAME, "mark").text == number
        back = row.find_element(By.CSS_SELECTOR, "a.back").get_attribute("href").split("#")[1]
        assert driver.find_element(By.ID, back).text.startswith(number) or number in driver.find_element(By.ID, back).text
        shot = screenshot(driver, _busiest_document(browser_site), tmp_path / "document.png", fragment=target)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000


def test_index_and_region_page_render_with_their_charts(browser_site: Path, tmp_path) -> None:
    from selenium.webdriver.common.by import By

    with chromium() as driver:
        shot = screenshot(driver, browser_site / "index.html", tmp_path / "index.png")
        assert "地区 Regions" in driver.find_element(By.ID, "regions").text
        region = driver.find_element(By.CSS_SELECTOR, "#regions a").get_attribute("href")
        driver.get(region)
        for chart in driver.find_elements(By.CSS_SELECTOR, "img.chart"):
            assert driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", chart), chart.get_attribute("src")
    assert shot.stat().st_size > 20_000


def test_the_readme_screenshots_script_photographs_three_pages(browser_site: Path, built_warehouse: Path, tmp_path) -> None:
    import importlib.util

    from loaders.config import PROJECT_ROOT

    spec = importlib.util.spec_from_file_location("screenshots", PROJECT_ROOT / "scripts" / "screenshots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shots = module.take(browser_site, built_warehouse, tmp_path)
    assert [p.name for p in shots] == list(module.SHOTS)
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and p.stat().st_size > 20_000 for p in shots)
    assert all((PROJECT_ROOT / "docs" / "screenshots" / name).exists() for name in module.SHOTS), "README's copies"
