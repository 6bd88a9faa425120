"""Headless Chromium (Debian's `chromium` + `chromium-driver`, installed by scripts/setup_browser.sh) through
Selenium, for the report's browser test and the README's screenshots (scripts/screenshots.py)."""
from __future__ import annotations

import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
DRIVER_NAMES = ("chromedriver",)
CHROMIUM_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--hide-scrollbars", "--lang=zh-CN")


class BrowserMissing(RuntimeError):
    pass


@dataclass(frozen=True)
class Browser:
    chromium: str
    driver: str


def find_browser() -> Browser:
    chromium = next((p for p in map(shutil.which, CHROMIUM_NAMES) if p), None)
    driver = next((p for p in map(shutil.which, DRIVER_NAMES) if p), None)
    if not chromium or not driver:
        raise BrowserMissing("headless Chromium needs `chromium` and `chromedriver` on PATH: run `bash scripts/setup_browser.sh` (Debian)")
    return Browser(chromium, driver)


@contextmanager
def chromium(width: int = 1400, height: int = 900) -> Iterator:
    """A Selenium WebDriver on headless Chromium with a fresh profile, closed on exit."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser = find_browser()
    with tempfile.TemporaryDirectory(prefix="kjfacts-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = browser.chromium
        for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"):
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(executable_path=browser.driver), options=options)
        try:
            yield driver
        finally:
            driver.quit()


def screenshot(driver, page: Path, out: Path, fragment: str = "") -> Path:
    """Open a local page (file://) and save a PNG of the window."""
    driver.get(page.resolve().as_uri() + (f"#{fragment}" if fragment else ""))
    out.parent.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(out))
    return out
