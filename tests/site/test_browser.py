"""The reference site in a real browser (issue 16, point 4): headless
Chromium (Debian's chromium + chromium-driver) driven by Selenium. Every page
loads with no console error; the search finds 421 and 5.7.1; the language
switch leads to the same page in the other language; the paste box explains
`550 5.1.1 User unknown`; pages pass axe-core (bundled in the PyPI package
axe-playwright-python, injected from disk: offline) with no serious or
critical violation. Run by scripts/test.d/60-site.sh with SITE=the built site."""

from __future__ import annotations

import importlib.util
import json
import os
import pathlib
from collections.abc import Iterator
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

SITE = pathlib.Path(os.environ.get("SITE", "build/site")).resolve()
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")


def axe_source() -> str:
    spec = importlib.util.find_spec("axe_playwright_python")
    assert spec is not None and spec.submodule_search_locations, "pip install --no-deps axe-playwright-python"
    return (pathlib.Path(list(spec.submodule_search_locations)[0]) / "axe.min.js").read_text("utf-8")


@pytest.fixture(scope="module")
def driver() -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1200,900", "--allow-file-access-from-files"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    d = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield d
    finally:
        d.quit()


def url(rel: str) -> str:
    return (SITE / rel).as_uri()


def errors(driver: webdriver.Chrome) -> list[dict[str, Any]]:
    return [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]


def test_every_page_loads_without_console_errors(driver: webdriver.Chrome) -> None:
    pages = sorted(str(p.relative_to(SITE)) for p in SITE.rglob("*.html"))  # docs/ and cpp/ too, when built
    assert len(pages) > 500
    bad = {}
    for rel in pages:
        driver.get(url(rel))  # index.html and docs/index.html redirect: wait for where they lead
        WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
        found = errors(driver)
        if found:
            bad[rel] = found
    assert bad == {}


@pytest.mark.parametrize(("query", "expected"), [("421", "en/code/421.html"), ("5.7.1", "en/enhanced/5.7.1.html")])
def test_search_finds_codes(driver: webdriver.Chrome, query: str, expected: str) -> None:
    driver.get(url("en/index.html"))
    box = driver.find_element(By.ID, "q")
    box.send_keys(query)
    first = WebDriverWait(driver, 5).until(lambda d: d.find_element(By.CSS_SELECTOR, "#results a"))
    assert first.text == query
    box.send_keys(Keys.ENTER)
    WebDriverWait(driver, 5).until(lambda d: d.current_url.endswith(expected))
    assert query in driver.find_element(By.TAG_NAME, "h1").text
    assert errors(driver) == []


def test_language_switch(driver: webdriver.Chrome) -> None:
    driver.get(url("en/compare/250-421.html"))
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert "Key Differences" in driver.page_source
    driver.find_element(By.ID, "lang-switch").click()
    WebDriverWait(driver, 5).until(lambda d: d.current_url.endswith("id/compare/250-421.html"))
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "id"
    assert "Perbedaan Utama" in driver.page_source and "Key Differences" not in driver.page_source
    driver.find_element(By.ID, "lang-switch").click()
    WebDriverWait(driver, 5).until(lambda d: d.current_url.endswith("en/compare/250-421.html"))


@pytest.mark.parametrize(("lang", "words"), [("en", ["User unknown", "Bad destination mailbox address", "give_up"]),
                                              ("id", ["Alamat kotak surat tujuan salah", "give_up"])])
def test_paste_box_explains_a_reply(driver: webdriver.Chrome, lang: str, words: list[str]) -> None:
    driver.get(url(f"{lang}/index.html"))
    box = driver.find_element(By.ID, "reply")
    box.clear()
    box.send_keys("550 5.1.1 User unknown")
    driver.find_element(By.CSS_SELECTOR, "#paste-form button").click()
    out = WebDriverWait(driver, 5).until(lambda d: d.find_element(By.CSS_SELECTOR, "#explained section.pasted"))
    text = driver.find_element(By.ID, "explained").text
    assert "550" in text and "5.1.1" in text
    for w in words[1:]:
        assert w in text, text
    links = [a.get_attribute("href") for a in out.find_elements(By.TAG_NAME, "a")]
    assert any(h.endswith(f"{lang}/code/550.html") for h in links)
    assert errors(driver) == []


AXE_PAGES = ["index.html", "en/index.html", "id/index.html", "en/code/421.html", "id/code/550.html",
             "en/enhanced/5.7.1.html", "id/enhanced/4.2.2.html", "en/reason/mailbox_full.html",
             "id/reason/user_unknown.html", "en/compare/250-421.html", "id/compare/250-421.html",
             "en/compare/4.7.1-5.7.1.html"]


@pytest.mark.parametrize("rel", AXE_PAGES)
def test_accessibility_axe(driver: webdriver.Chrome, rel: str) -> None:
    driver.get(url(rel))
    driver.execute_script(axe_source())
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(JSON.stringify(r.violations)))"
        ".catch(e => done(JSON.stringify([{id: 'axe-error', impact: 'critical', help: String(e)}])));")
    serious = [(v["id"], v["impact"], v.get("help")) for v in json.loads(result)
               if v["impact"] in ("serious", "critical")]
    assert serious == []
