"""The built site in a real browser (Debian's Chromium via Playwright), served from a sub-path.

The site's promise: copy a code cell, run it, get the output shown under it. These tests click
every copy button on every English page (the translated ones show the same bytes, which
tests/test_site.py checks), check that the copied text is a snippet byte for byte, and compare
the output shown with the build's runs of that snippet as a reader makes them (Keras 3 in a
fresh Jupyter kernel, Keras 2 as a file in a fresh interpreter). They also walk the reader's
paths, check that no request leaves the site, run axe-core on every page, and check that no page
is wider than a 375 px phone screen. With `--screenshots` they also save
full-page screenshots (desktop and 375 px) to build/screenshots/ for a person to look at.
"""

from __future__ import annotations

import pytest
from conftest import READER_RUNS, ROOT, SNIPPETS

from handbook import site

playwright = pytest.importorskip("playwright.sync_api")
LANGUAGES = list(site.languages())
PAGES = sorted(
    p.relative_to(ROOT / "docs").with_suffix(".html").as_posix()
    for p in (ROOT / "docs").rglob("*.md")
)


SNIPPET_BY_TEXT = {path.read_text(encoding="utf-8").rstrip("\n"): path for path in SNIPPETS}


# English only: a translated page shows the same code and outputs, byte for byte, with the same
# copy button (tests/test_site.py checks it for every page), so its copies would repeat these
@pytest.mark.parametrize("name", PAGES)
def test_copied_code_runs_and_prints_the_output_shown_under_it(page, server, reader_runs, name):
    language = "en"
    page.goto(f"{server}/{language}/{name}")
    cells = page.locator("div.cell")
    for index in range(cells.count()):
        cell = cells.nth(index)
        cell.locator(".cell_input").hover()
        cell.locator(".cell_input button.copybtn").click()
        copied = page.evaluate("navigator.clipboard.readText()").rstrip("\n")
        # byte for byte a snippet file: no prompts, no output, nothing added or lost
        assert copied in SNIPPET_BY_TEXT, f"{language}/{name} cell {index + 1}: {copied[:80]!r}"
        snippet = SNIPPET_BY_TEXT[copied]
        # the same bytes, so the runs a reader makes of them are shared with test_snippets
        # instead of repeated: a file in a fresh interpreter and a cell in a fresh Jupyter kernel
        for flavour, mode in READER_RUNS:
            run = reader_runs[(snippet, flavour, mode)]
            assert run.ok, f"{snippet} [{flavour}, {mode}]: {run.stderr}"
            if not run.stdout:  # a cell that only defines what later cells use
                assert cell.locator(".cell_output").count() == 0, f"{language}/{name} {snippet}"
                continue
            shown = cell.locator(f".handbook-same pre, .handbook-{flavour} pre").inner_text()
            assert shown.rstrip("\n") == run.stdout.rstrip("\n"), (
                f"{language}/{name} {snippet} [{flavour}, {mode}]"
            )


def test_home_page_leads_to_every_page(page, server):
    page.goto(f"{server}/index.html")
    page.click("text=English")
    seen, queue = set(), [page.url]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        page.goto(url)
        for href in page.eval_on_selector_all(
            "nav.bd-links a[href], article a.reference.internal[href]",
            "links => links.map(a => a.href.split('#')[0])",
        ):
            if href.startswith(f"{server}/en/") and href.endswith(".html"):
                queue.append(href)
    reached = {url.split("/en/", 1)[1] for url in seen}
    assert set(PAGES) <= reached


def test_language_switcher_lands_on_the_same_page(page, server):
    page.goto(f"{server}/en/dropout.html")
    page.click("nav.handbook-languages >> text=Русский")
    assert page.url == f"{server}/ru/dropout.html"
    page.click("nav.handbook-languages >> text=简体中文")
    assert page.url == f"{server}/zh_CN/dropout.html"
    assert page.get_attribute("html", "lang") == "zh-CN"


@pytest.mark.parametrize(
    ("language", "query"), [("en", "frozen"), ("zh_CN", "冻结"), ("ru", "замороженная")]
)
def test_search_finds_the_dropout_page(page, server, language, query):
    page.goto(f"{server}/{language}/search.html?q={query}")
    page.wait_for_selector("#search-results ul.search li", timeout=15000)
    assert any(
        "dropout.html" in href
        for href in page.eval_on_selector_all(
            "#search-results ul.search li a", "links => links.map(a => a.href)"
        )
    )


def test_download_button_gives_the_page_source(page, server):
    page.goto(f"{server}/en/dropout.html")
    href = page.eval_on_selector(".dropdown-download-buttons a[href*='_sources']", "a => a.href")
    response = page.request.get(href)
    assert response.ok and ":load: ../snippets/dropout/" in response.text()


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "Page not found"), ("zh_CN", "页面不存在"), ("ru", "Страница не найдена")],
)
def test_missing_url_shows_a_404_page_in_its_language(page, server, language, heading):
    response = page.goto(f"{server}/{language}/no-such-page.html")
    assert response.status == 404
    assert page.locator("section:not([hidden]) h1").inner_text() == heading
    page.click("section:not([hidden]) a")
    assert page.url == f"{server}/{language}/index.html"


# axe-core on one page, started without waiting (the promise is kept in the page), so the
# renderers of the three languages work at the same time, one process each
AXE_START = """context => { window.handbookAxe = axe.run(context, {resultTypes: ['violations']})
    .then(r => r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
    .map(v => [v.id, v.impact, v.nodes.slice(0, 3).map(n => n.target)])); }"""


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_serious_accessibility_violations(pages, server, screenshots, name):
    """axe-core on the page in every language, all at once. The code cells and outputs are the
    same bytes in every language, so the translations are checked without them (div.highlight
    holds thousands of highlighted tokens, most of axe's time); the English page checks them."""
    from axe_playwright_python.sync_playwright import Axe

    opened = {}
    for language in LANGUAGES:
        page = opened[language] = pages.new(viewport={"width": 1280, "height": 900})
        page.goto(f"{server}/{language}/{name}")
        if screenshots:
            (screenshots / language).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshots / language / f"{name}.png"), full_page=True)
        page.evaluate(Axe().axe_script)
        page.evaluate(AXE_START, {"exclude": [] if language == "en" else [["div.highlight"]]})
    serious = {
        language: found
        for language, page in opened.items()
        if (found := page.evaluate("() => window.handbookAxe"))
    }
    assert not serious, f"{name}: {serious}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_page_fits_a_phone_screen(page, screenshots, server, language, name):
    # loaded at phone width (not resized after loading), as a phone would load it
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{server}/{language}/{name}")
    if screenshots:
        (screenshots / language).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshots / language / f"{name}-375.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
