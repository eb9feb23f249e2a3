"""Sphinx configuration: one source (English), three languages, outputs checked at build time."""

import logging
import os
import sys
from pathlib import Path

import jieba

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the build machinery is ROOT/handbook, not an installed package

# project, author, copyright and html_title are the English ones here; handbook.chrome sets them
# per language from handbook/labels.py (this file runs before `-D language=...` is applied).
from handbook.labels import label

project = html_title = label("en", "title")
author = label("en", "author")
copyright = label("en", "copyright")

# The URL of the site root on its host, the one setting a host changes (README, "Browser tests
# and hosting"): canonical, hreflang and og:url links and sitemap.xml are built from it, and
# each language's build puts its folder after it (handbook.discovery). The default is an example
# GitHub Pages project address; the deploy workflow sets HANDBOOK_BASEURL to the real one.
html_baseurl = (
    os.environ.get("HANDBOOK_BASEURL") or "https://example.github.io/keras-freezing-handbook/"
)

extensions = [
    "myst_nb",
    "sphinx_copybutton",
    "handbook.outputs",  # runs snippets, checks and shows their outputs
    "handbook.differences",  # the generated Keras 2 -> 3 page
    "handbook.switcher",  # the header's language switcher
    "handbook.zh_search",  # works around a Sphinx 9.0.4 bug in Chinese search
    "handbook.pruning",  # a removed page leaves the kept output folder too
    "handbook.chrome",  # title, footer and theme strings in the page's language
    "handbook.discovery",  # canonical, hreflang, description and Open Graph tags
]

# The languages of the site, declared once: handbook.site builds one tree per entry and
# handbook.switcher links them.
handbook_languages = {"en": "English", "zh_CN": "简体中文", "ru": "Русский"}
language = "en"
locale_dirs = ["locales/"]
gettext_compact = False  # one catalogue per page, so a translator works page by page
gettext_uuid = False
gettext_location = False  # line numbers in .po files would make every prose edit a big diff

# Snippets run one by one through handbook.outputs, not in a kernel: a kernel would run a page's
# cells in one process, which proves nothing about copying one snippet on its own. The flavours
# (Keras 3, Keras 2) are declared once, in handbook.runner.FLAVOURS.
nb_execution_mode = "off"
handbook_timeout = 300  # seconds per snippet; the slowest takes ~12 s here, two at a time

# jieba (Chinese search) logs its dictionary loading at DEBUG level to stderr on every zh_CN build
jieba.setLogLevel(logging.WARNING)
# Sphinx loads jieba's own dictionary again as a user dictionary unless "dict" names another one:
# 349,000 words, 6 s of every zh_CN build, for words jieba already knows. An empty value skips it.
html_search_options = {"dict": ""}

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
exclude_patterns = ["_build", "locales"]

html_theme = "sphinx_book_theme"
html_theme_options = {
    "show_toc_level": 2,
    # the language switcher sits with the page's own buttons, where readers look for it
    "article_header_end": ["language-switcher.html", "article-header-buttons.html"],
}

html_last_updated_fmt = None
copybutton_exclude = ".linenos, .gp, .go"
