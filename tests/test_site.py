"""The real site, built as `nox -s docs` builds it: every language, each snippet run once per
flavour and numerics configuration."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT, SNIPPETS, executions

from handbook import draws, expected, older_releases, site
from handbook.execute import FLAVOURS
from handbook.expected import NOISE
from handbook.runner import READER, configurations

LANGUAGES = site.languages()
PAGES = sorted(
    p.relative_to(ROOT / "docs").with_suffix(".html").as_posix()
    for p in (ROOT / "docs").rglob("*.md")
)


def test_the_site_builds(site_build):
    # the one test that reports a failed build; every test needing the site is skipped instead
    _, code, report = site_build
    assert code == 0, report


def test_each_snippet_runs_once_per_flavour_and_configuration_for_all_languages(built):
    runs = [line.split("\t")[:3] for line in executions(built)]
    # and the reseeded copy of each snippet whose flavours differ, once per flavour, natively:
    # the "What changed" page tells behaviour from random draws with it (handbook.draws)
    copies = [
        draws.reseeded(s, built / "cache" / "reseeded")
        for s in SNIPPETS
        if expected.read(s, "keras3") != expected.read(s, "keras2")
    ]
    assert sorted(runs) == sorted(
        [[str(s), f, c] for s in SNIPPETS for f in FLAVOURS for c in configurations()]
        + [[str(copy), f, "native"] for copy in copies if copy is not None for f in FLAVOURS]
    )


def test_build_runs_native_as_a_reader_and_everything_else_forked(built):
    # the tests' build (conftest._build_site): native runs of the snippets as a reader makes
    # them, the capped runs and the reseeded copies forked from a server
    modes = {}
    for line in executions(built):
        path, flavour, configuration, mode = line.split("\t")[:4]
        reader = configuration == "native" and Path(path) in SNIPPETS
        modes.setdefault((flavour, READER[flavour] if reader else "forked"), set()).add(mode)
    assert modes == {key: {key[1]} for key in modes}
    assert set(modes) == {*READER.items(), *((f, "forked") for f in READER)}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_page_exists_in_its_language(built, language, page):
    html = (built / "site" / language / page).read_text(encoding="utf-8")
    assert f'<html lang="{language.replace("_", "-")}"' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_show_no_log_lines_warnings_or_progress_bars(built, language):
    for page in PAGES:
        html = (built / "site" / language / page).read_text(encoding="utf-8")
        outputs = re.findall(r'<div class="highlight-none notranslate">.*?</pre>', html, re.S)
        for block in outputs:
            assert not NOISE.search(block), f"{language}/{page}: {block[:200]}"
        assert "stderr" not in html


def test_translated_pages_show_translated_prose_and_the_same_outputs(built):
    english = (built / "site" / "en" / "dropout.html").read_text(encoding="utf-8")
    chinese = (built / "site" / "zh_CN" / "dropout.html").read_text(encoding="utf-8")
    russian = (built / "site" / "ru" / "dropout.html").read_text(encoding="utf-8")
    assert "冻结" in chinese and "заморож" in russian.lower()
    output = re.compile(r"<pre><span></span>(.*?)</pre>", re.S)
    assert output.findall(english) == output.findall(chinese) == output.findall(russian)


PRE = re.compile(r"<pre>.*?</pre>", re.S)  # code cells, outputs, older releases' outputs


@pytest.mark.parametrize("page", PAGES)
def test_every_language_shows_the_same_code_and_outputs_with_a_copy_button(built, page):
    # the browser copies every cell of the English pages (test_browser); what a reader copies
    # from, and compares with, on a translated page must be the same bytes, under the same button
    blocks = {}
    for language in LANGUAGES:
        html = (built / "site" / language / page).read_text(encoding="utf-8")
        assert "copybutton.js" in html, f"{language}/{page}: no copy button"
        blocks[language] = PRE.findall(html)
    assert all(found == blocks["en"] for found in blocks.values()), page


def test_root_page_leads_to_every_language(built):
    root = (built / "site" / "index.html").read_text(encoding="utf-8")
    for language in LANGUAGES:
        assert f'href="{language}/index.html"' in root


@pytest.mark.parametrize("language", LANGUAGES)
def test_what_changed_page_lists_the_snippets_whose_stored_outputs_differ(built, language):
    differ = {
        str(s.relative_to(ROOT))
        for s in SNIPPETS
        if expected.read(s, "keras3") != expected.read(s, "keras2")
    }
    html = (built / "site" / language / "keras2-vs-keras3.html").read_text(encoding="utf-8")
    flavours, older = html.split("handbook-older-releases", 1)
    listed = set(re.findall(r'<span class="pre">(snippets/[^<]+\.py)</span>', flavours))
    assert listed == differ
    # after them, the snippets an older TensorFlow release prints differently (the report's)
    report = older_releases.load()
    assert report is not None
    changed = {
        str(s.relative_to(ROOT)) for s in SNIPPETS if older_releases.changed(report, s, ROOT)
    }
    assert set(re.findall(r'<span class="pre">(snippets/[^<]+\.py)</span>', older)) == changed


def _search_index(built: Path, language: str) -> dict:
    text = (built / "site" / language / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def _pages_for(index: dict, term: str) -> set[str]:
    # Sphinx keeps words of titles ("titleterms") apart from words of the text ("terms")
    pages = set()
    for table in ("terms", "titleterms"):
        found = index[table].get(term, [])
        pages |= {index["docnames"][i] for i in ([found] if isinstance(found, int) else found)}
    return pages


def test_chinese_search_finds_a_page_by_a_word_only_the_chinese_prose_has(built):
    # without jieba, Sphinx indexes no Chinese words at all and this lookup finds nothing
    assert "dropout" in _pages_for(_search_index(built, "zh_CN"), "冻结")


def test_russian_search_finds_inflected_forms(built):
    import snowballstemmer

    # the search page stems the query with the same Snowball stemmer the index was built with
    stem = snowballstemmer.stemmer("russian").stemWord("замороженная")
    assert "dropout" in _pages_for(_search_index(built, "ru"), stem)


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_switcher_leads_to_the_same_page(built, language):
    for page in PAGES:
        path = built / "site" / language / page
        html = path.read_text(encoding="utf-8")
        switcher = re.search(r'<nav class="handbook-languages".*?</nav>', html, re.S).group(0)
        links = dict(re.findall(r'lang="([^"]+)"[^>]*href="([^"]+)"', switcher))
        assert set(links) == {code.replace("_", "-") for code in LANGUAGES}
        for code in LANGUAGES:
            href = links[code.replace("_", "-")]
            if code == language:
                assert href == "#" and 'aria-current="page"' in switcher
                continue
            target = (path.parent / href).resolve()
            assert target == (built / "site" / code / page).resolve() and target.is_file()
