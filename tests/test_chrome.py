"""Chinese and Russian readers meet no English chrome: no English word in what a page shows or
in what a screen reader says (aria-label, title, alt, placeholder, tooltips), outside code,
outputs, identifiers and an explicit allow-list of names.

The collector runs in Chromium after the page's scripts, so text and labels that the theme's
JavaScript writes (copy buttons, the colour-mode menu) are read too; closed menus and dialogs
are read as well, since a reader opens them. Text marked as another language (the language
switcher's "English", with lang="en") is not English chrome.
"""

from __future__ import annotations

import functools
import gettext
import http.server
import re
import shutil
import threading
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from conftest import PREFIX, ROOT, ROOTS, SubPathHandler

from handbook import chrome, site

TRANSLATED = [code for code in site.languages() if code != "en"]
PAGES = sorted(
    p.relative_to(ROOT / "docs").with_suffix(".html").as_posix()
    for p in (ROOT / "docs").rglob("*.md")
)
# pages every language also has: the search page, the index, and a missing address (404.html)
CHROME_PAGES = ["search.html", "genindex.html", "no-such-page.html"]

# What Chinese and Russian pages may show in Latin letters outside code. Anything else is English
# a reader did not ask for.
ALLOWED = {
    # software, packages, classes and formats, named as their authors spell them
    *("Keras", "keras", "TensorFlow", "tensorflow", "tf-keras", "Python", "Sphinx", "NumPy"),
    *("Jupyter", "GitHub", "Markdown", "PDF", "JavaScript", "BatchNormalization", "Dropout"),
    *("Dense", "Sequential", "Model", "Adam", "SGD", "MobileNetV2", "ImageNet"),
    # abbreviations both languages use as they are
    *("API", "CPU", "GPU", "GAN"),
    # terms of art that Chinese and Russian writing on deep learning keeps in Latin letters
    *("dropout", "eager", "Eager"),
    # identifiers from code spans in page titles: the tab title, the sidebar and the
    # previous/next links show titles as plain text
    *("trainable", "training"),
}
# names of more than one word, taken out of the text before its words are looked at
ALLOWED_NAMES = ("Stack Overflow",)
# code and program output, where English is the point (the copy button is checked: it sits in
# .highlight, so attributes are only skipped inside pre/code/kbd/samp themselves)
CODE_TEXT = "pre, code, kbd, samp, .highlight, .output, script, style, noscript, template"
CODE_ATTRIBUTES = "pre, code, kbd, samp"
COLLECT = """([codeText, codeAttributes]) => {
  const pageLanguage = document.documentElement.lang;
  // text marked as another language is that language, on purpose (the switcher's "English")
  const foreign = (element) => {
    const marked = element.closest("[lang]");
    return marked !== null && marked.lang !== pageLanguage;
  };
  const where = (element) => element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
    + [...element.classList].map((name) => "." + name).join("");
  const found = [["title", "head > title", document.title]];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!element || element.closest(codeText) || foreign(element)) continue;
    const text = node.textContent.replace(/\\s+/g, " ").trim();
    if (text) found.push(["text", where(element), text]);
  }
  const names = ["aria-label", "aria-description", "aria-roledescription", "title", "alt",
                 "placeholder", "data-tooltip"];
  for (const element of document.body.querySelectorAll("*")) {
    if (element.closest(codeAttributes) || foreign(element)) continue;
    for (const name of names) {
      const value = (element.getAttribute(name) || "").trim();
      if (value) found.push([name, where(element), value]);
    }
    if (element.matches("input[type=submit], input[type=button]") && element.value.trim()) {
      found.push(["value", where(element), element.value.trim()]);
    }
  }
  return found;
}"""
TOKEN = re.compile(r"[A-Za-z0-9_.'’()\[\]=/:+#<>-]+")
# a token with any of these is an identifier, a path, a version or a URL, not a word
IDENTIFIER = re.compile(r"[_.()\[\]=/:+#<>0-9]|[a-z][A-Z]")


def english_words(text: str) -> list[str]:
    for name in ALLOWED_NAMES:
        text = text.replace(name, " ")
    words = []
    for token in TOKEN.findall(text):
        word = token.strip(".,:;!?()[]'’\"-")
        if len(word) < 2 or IDENTIFIER.search(word) or word in ALLOWED:
            continue
        if all(part in ALLOWED for part in word.split("-")):
            continue
        words.append(word)
    return words


def english_strings(tab, url: str) -> list[tuple[str, str, str, list[str]]]:
    """(kind, element, text, English words) for every string on the page at `url` that has any."""
    tab.goto(url)
    strings = tab.evaluate(COLLECT, [CODE_TEXT, CODE_ATTRIBUTES])
    return [
        (kind, where, text, words)
        for kind, where, text in strings
        if (words := english_words(text))
    ]


def _report(found: dict[str, list]) -> str:
    return "\n".join(
        f"{url}: {kind} {where}: {text!r} {words}"
        for url, strings in found.items()
        for kind, where, text, words in strings
    )


def test_english_words_are_found_outside_identifiers_and_allowed_names():
    assert english_words("配色模式") == []
    assert english_words("ответ на Stack Overflow") == []
    assert english_words("输出：Keras 3, tf-keras 2.21.0, `model.trainable`") == []
    assert english_words("Color mode") == ["Color", "mode"]
    assert english_words("作者： the Keras Freezing Handbook authors") == [
        "the",
        "Freezing",
        "Handbook",
        "authors",
    ]


def _compiled(folder: Path, language: str):
    """The catalogue gettext loads from `folder` for `language` (zh_CN may find zh), or None."""
    found = gettext.find("sphinx", str(folder), [language])
    if found is None:
        return None
    with open(found, "rb") as handle:
        return read_mo(handle)


@pytest.mark.parametrize("language", TRANSLATED)
def test_theme_catalogue_holds_only_gaps(language):
    """Sphinx consults its own catalogue, then ours, then pydata-sphinx-theme's. An entry of ours
    must be missing from Sphinx's (else ours is never reached) and missing or left in English in
    the theme's (else ours would replace a real translation); strings that only
    handbook/templates/ asks for are ours alone."""
    import pydata_sphinx_theme
    import sphinx

    before = _compiled(Path(sphinx.package_dir) / "locale", language)
    after = _compiled(Path(pydata_sphinx_theme.__file__).parent / "locale", language)
    po = chrome.LOCALES / language / "LC_MESSAGES" / "sphinx.po"
    with open(po, "rb") as handle:
        ours = [message for message in read_po(handle) if message.id]
    assert ours
    for message in ours:
        where = f"{po.relative_to(ROOT)}:{message.lineno}: {message.id!r}"
        assert message.string and not message.fuzzy, f"{where}: translate it"
        assert before is None or before.get(message.id) is None, (
            f"{where}: Sphinx's catalogue has it, so this entry is never used: delete it"
        )
        theirs = after.get(message.id) if after is not None else None
        assert theirs is None or theirs.string in ("", message.id), (
            f"{where}: pydata-sphinx-theme translates it as {theirs.string!r}: delete the entry"
        )


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory):
    """tests/roots/test-discovery (the real conf.py on two pages) built as the site is, served
    from a sub-path."""
    folder = tmp_path_factory.mktemp("chrome")
    source = folder / "source"
    shutil.copytree(ROOTS / "base", source)
    shutil.copytree(ROOTS / "test-discovery", source, dirs_exist_ok=True)
    assert site.build(docs=source, build=folder / "work", out=folder / "site") == 0
    handler = functools.partial(SubPathHandler, directory=str(folder / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{PREFIX}"
    httpd.shutdown()
    httpd.server_close()


def test_tiny_site_chrome_has_no_english(browser, tiny_site):
    """The theme's chrome on the real configuration, without building the real pages."""
    context = browser.new_context()
    tab = context.new_page()
    found = {}
    for language in TRANSLATED:
        for name in ["index.html", "other.html", *CHROME_PAGES]:
            url = f"{tiny_site}/{language}/{name}"
            found[url] = english_strings(tab, url)
    context.close()
    assert not any(found.values()), "English chrome:\n" + _report(found)


@pytest.mark.parametrize("language", TRANSLATED)
def test_translated_pages_show_no_english(page, server, language):
    found = {}
    for name in PAGES + CHROME_PAGES:
        url = f"{server}/{language}/{name}"
        found[url] = english_strings(page, url)
    count = sum(len(strings) for strings in found.values())
    assert not count, f"{count} English strings on {language} pages:\n" + _report(found)
