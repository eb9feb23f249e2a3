"""The site is found in the reader's language: canonical and hreflang links on every page, one
sitemap.xml with every page of every language, and link-preview tags in the page's language.

Built from tests/roots/test-discovery: the real conf.py (theme, extensions, three languages,
html_baseurl) on two tiny pages with translations, so no TensorFlow snippet runs.
"""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import ROOT, ROOTS, sphinx_build

from handbook import discovery, site, sitemap

BASE = "https://example.github.io/keras-freezing-handbook/"  # docs/conf.py's default
LANGUAGES = ["en", "zh_CN", "ru"]
PAGES = ["index.html", "other.html"]
TAGS = {"en": "en", "zh_CN": "zh-CN", "ru": "ru"}
TITLES = {
    "en": "A page with one snippet",
    "zh_CN": "只有一个代码片段的页面",
    "ru": "Страница с одним фрагментом кода",
}
INTROS = {
    "en": "What this page shows, in one sentence a link preview can use.",
    "zh_CN": "本页用一句话说明它展示什么，链接预览可以直接使用。",
    "ru": "Что показывает эта страница, одним предложением для предпросмотра ссылки.",
}
SITE_NAMES = {
    "en": "Keras Freezing Handbook",
    "zh_CN": "Keras 冻结手册",
    "ru": "Справочник по заморозке слоёв в Keras",
}


def _copy_root(folder: Path) -> Path:
    source = folder / "source"
    shutil.copytree(ROOTS / "base", source)
    shutil.copytree(ROOTS / "test-discovery", source, dirs_exist_ok=True)
    return source


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The tiny root built and published as `nox -s docs` does, every language."""
    folder = tmp_path_factory.mktemp("discovery")
    source = _copy_root(folder)
    assert site.build(docs=source, build=folder / "work", out=folder / "site") == 0
    return folder / "site"


def _head(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text[: text.index("</head>")]


def _links(head: str) -> dict[str, str]:
    return {
        lang: href
        for lang, href in re.findall(
            r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)" />', head
        )
    }


def _meta(head: str, key: str) -> list[str]:
    return [
        unescape(value)
        for value in re.findall(
            rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)" />', head
        )
    ]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_page_declares_its_url_and_every_language_version(published, language, page):
    head = _head(published / language / page)
    assert f'<link rel="canonical" href="{BASE}{language}/{page}" />' in head
    links = _links(head)
    assert links == {
        **{TAGS[code]: f"{BASE}{code}/{page}" for code in LANGUAGES},
        "x-default": f"{BASE}en/{page}",
    }
    for href in links.values():  # each alternate is a page of the published site
        assert (published / href.removeprefix(BASE)).is_file(), href


@pytest.mark.parametrize("language", LANGUAGES)
def test_link_preview_tags_are_in_the_page_language(published, language):
    head = _head(published / language / "index.html")
    assert _meta(head, "og:title") == [TITLES[language]]
    assert _meta(head, "twitter:title") == [TITLES[language]]
    # the page's first paragraph: not the version stamp that comes before it
    for key in ("description", "og:description", "twitter:description"):
        assert _meta(head, key) == [INTROS[language]], key
    assert _meta(head, "og:url") == [f"{BASE}{language}/index.html"]
    assert _meta(head, "og:site_name") == [SITE_NAMES[language]]
    assert _meta(head, "og:locale") == [discovery.OG_LOCALES[language]]
    assert sorted(_meta(head, "og:locale:alternate")) == sorted(
        discovery.OG_LOCALES[code] for code in LANGUAGES if code != language
    )
    assert _meta(head, "twitter:card") == ["summary"]


def test_search_and_index_pages_declare_no_language_versions(published):
    for page in ("search.html", "genindex.html"):
        assert not _links(_head(published / "zh_CN" / page))


def _sitemap(published: Path) -> dict[str, dict[str, str]]:
    namespaces = {"s": sitemap.SITEMAP, "x": sitemap.XHTML}
    root = ElementTree.parse(published / "sitemap.xml").getroot()
    return {
        url.find("s:loc", namespaces).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", namespaces)
        }
        for url in root.findall("s:url", namespaces)
    }


def test_sitemap_at_the_root_lists_every_page_of_every_language_with_its_versions(published):
    urls = _sitemap(published)
    assert set(urls) == {f"{BASE}{code}/{page}" for code in LANGUAGES for page in PAGES}
    for url, alternates in urls.items():
        page = url.rsplit("/", 1)[1]
        assert alternates == _links(_head(published / url.removeprefix(BASE)))
        assert alternates["x-default"] == f"{BASE}en/{page}"


def test_sitemap_stays_whole_after_an_incremental_build(tmp_path):
    # Sphinx writes only the pages that changed; a sitemap of the written pages would lose the rest
    source = _copy_root(tmp_path)
    out, work = tmp_path / "site", tmp_path / "work"
    assert site.build(docs=source, build=work, out=out) == 0
    before = _sitemap(out)
    page = source / "other.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    assert site.build(docs=source, build=work, out=out) == 0
    assert "One more sentence" in (out / "en" / "other.html").read_text(encoding="utf-8")
    assert "One more sentence" not in (out / "en" / "index.html").read_text(encoding="utf-8")
    assert _sitemap(out) == before


def test_base_url_is_one_setting_for_every_language(project, tmp_path):
    # a host sets the site root once; each language's build puts its own folder after it
    done = sphinx_build(
        project("discovery"),
        tmp_path / "out",
        "-D",
        "language=ru",
        "-D",
        "html_baseurl=https://docs.example.org/handbook",
    )
    assert done.returncode == 0, done.stderr
    head = _head(tmp_path / "out" / "html" / "other.html")
    assert '<link rel="canonical" href="https://docs.example.org/handbook/ru/other.html" />' in head
    assert _links(head)["zh-CN"] == "https://docs.example.org/handbook/zh_CN/other.html"
    assert _meta(head, "og:url") == ["https://docs.example.org/handbook/ru/other.html"]


def test_without_a_base_url_pages_declare_no_addresses_and_no_sitemap_is_written(project, tmp_path):
    done = sphinx_build(project("discovery"), tmp_path / "out", "-D", "html_baseurl=")
    assert done.returncode == 0, done.stderr
    head = _head(tmp_path / "out" / "html" / "index.html")
    assert 'rel="canonical"' not in head and not _links(head)
    shutil.copytree(tmp_path / "out" / "html", tmp_path / "site" / "en")
    assert sitemap.write(tmp_path / "site", ["en"]) is None
    assert not (tmp_path / "site" / "sitemap.xml").exists()


def test_root_page_offers_every_language_in_its_own_language(published):
    root = (published / "index.html").read_text(encoding="utf-8")
    for code, tag in TAGS.items():
        item = re.search(rf'<li lang="{tag}">(.*?)</li>', root, re.S).group(1)
        assert f'href="{code}/index.html" hreflang="{tag}"' in item
        assert SITE_NAMES[code] in root
    assert "TensorFlow Keras" in root and "冻结" in root and "заморозке" in root


def test_not_found_page_titles_itself_in_each_language_and_is_not_indexed(published):
    page = (published / "404.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in page
    assert 'data-title="页面不存在 · Keras 冻结手册"' in page
    assert 'data-title="Страница не найдена · Справочник по заморозке слоёв в Keras"' in page
    assert "document.title = section.dataset.title" in page


def test_conf_declares_the_base_url_of_the_site_root():
    conf = (ROOT / "docs" / "conf.py").read_text(encoding="utf-8")
    assert f'"{BASE}"' in conf  # the default the tests above expect
