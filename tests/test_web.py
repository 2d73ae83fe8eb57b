"""The web reader in a real browser: Playwright driving Debian's chromium (never a downloaded one)
against a real uvicorn server on 127.0.0.1 serving a real SQLite corpus built from the seed.

Screenshots go to test-output/web/ at the repository root (git-ignored).

Without chromium (or Playwright) these tests are skipped, except under CI=true, where they fail:
.ci/run installs chromium (apt-get install chromium).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from servekit import ROOT, build_corpus, build_flagged_corpus, serve

SOLEIMANI = "سلیمانی"
SHOTS = ROOT / "test-output" / "web"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str | None:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; under CI the browser tests must run (.ci/run installs chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
    executable = _chromium()
    if executable is None:
        _unavailable("chromium is not installed (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = build_corpus(tmp_path_factory.mktemp("web") / "corpus.db")
    with serve(db) as s:
        yield s


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()
    assert not errors, errors  # no script errors, no CSP violations, no failed loads


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_search_open_and_hover(page, server):
    page.goto(server.url + "/")
    page.fill("form.search input[name=q]", SOLEIMANI)
    page.click("form.search button[type=submit]")
    page.wait_for_selector("li.hit")
    assert page.locator("li.hit").count() >= 1
    first = page.locator("li.hit").first
    assert SOLEIMANI in first.locator(".fa mark.hit").first.inner_text()
    assert "Soleymani" in first.locator(".en").inner_text()
    _shot(page, "search")

    first.locator("a.doclink").click()
    page.wait_for_selector(".side-by-side")
    assert "/doc/" in page.url
    fa = page.locator('.col-fa .sent[data-unit]').nth(1)
    assert fa.evaluate("e => getComputedStyle(e.closest('[dir]')).direction") == "rtl"
    unit = fa.get_attribute("data-unit")
    en = page.locator(f'.col-en .sent[data-unit="{unit}"]')
    assert en.count() >= 1
    assert "hl" not in (en.first.get_attribute("class") or "")

    fa.hover()
    page.wait_for_function(
        "u => [...document.querySelectorAll(`.col-en .sent[data-unit='${u}']`)].every(e => e.classList.contains('hl'))",
        arg=unit,
    )
    assert "hl" in fa.get_attribute("class")
    # Only that unit is lit.
    lit = page.eval_on_selector_all(".sent.hl", "els => [...new Set(els.map(e => e.dataset.unit))]")
    assert lit == [unit]
    _shot(page, "document-hover")

    # Moving away clears it; clicking pins the selection on both sides.
    page.mouse.move(5, 5)
    page.wait_for_function("() => !document.querySelector('.sent.hl')")
    en.first.click()
    assert "sel" in fa.get_attribute("class")
    _shot(page, "document-selected")


def test_search_hit_link_selects_its_unit(page, server):
    page.goto(server.url + "/search?q=Soleymani&lang=en")
    href = page.locator("li.hit a.doclink").first.get_attribute("href")
    unit = href.rsplit("#u", 1)[1]
    page.goto(server.url + href)
    page.wait_for_selector(f'.sent.sel[data-unit="{unit}"]')
    assert page.locator(f'.col-fa .sent.sel[data-unit="{unit}"]').count() >= 1
    assert page.locator(f'.col-en .sent.sel[data-unit="{unit}"]').count() >= 1


def test_keyboard_focus_highlights(page, server):
    page.goto(server.url + "/search?q=Syria")
    page.locator("li.hit a.doclink").first.click()
    page.wait_for_selector(".side-by-side")
    en = page.locator(".col-en .sent[data-unit]").first
    unit = en.get_attribute("data-unit")
    en.focus()
    assert "hl" in page.locator(f'.col-fa .sent[data-unit="{unit}"]').first.get_attribute("class")


def test_overview_and_escaped_article(page, server):
    page.goto(server.url + "/overview")
    assert page.locator("svg.histogram rect.bar").count() == 10
    assert page.locator("table.rules tbody tr").count() >= 1
    _shot(page, "overview")
    page.get_by_role("link", name="A test story").click()
    page.wait_for_selector(".side-by-side")
    # The article's <script> is text on the page: visible, and never run.
    assert "<script>alert('en')</script>" in page.locator(".col-en").inner_text()
    assert page.evaluate("() => document.querySelectorAll('main script').length") == 0
    _shot(page, "escaped-article")


def test_flag_evidence_is_shown_as_text(page, tmp_path):
    with serve(build_flagged_corpus(tmp_path / "flagged.db")) as flagged:
        page.goto(flagged.url + "/doc/1")
        page.wait_for_selector("table.flags")
        rows = page.locator("table.flags tbody tr")
        assert rows.count() == 2
        evidence = [rows.nth(i).locator("td.evidence").inner_text() for i in range(2)]
        assert evidence[0] == "question marks: fa 1, en 0"
        assert "<script>alert('ev')</script>" in evidence[1]  # shown as text, never run
        assert page.evaluate("() => document.querySelectorAll('main script').length") == 0
        badge = page.locator('.col-fa span.flag:text("null-unit")').first
        assert "evidence: fa 'این جمله <script>" in badge.get_attribute("title")
        _shot(page, "flag-evidence")


def test_error_page(browser, server):
    context = browser.new_context()
    page = context.new_page()
    response = page.goto(server.url + "/doc/424242")
    assert response.status == 404
    assert "no document with id 424242" in page.locator(".error").inner_text()
    context.close()
