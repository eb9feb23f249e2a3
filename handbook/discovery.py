"""Sphinx extension: each page tells search engines and link previews its URL, its language
versions and what it is about, in its own language.

Mechanism: `html_baseurl` in conf.py is the URL of the site root, the one setting a host
changes. At config-inited each language's build turns it into `<root><language>/`, the URL of its
own folder, so Sphinx writes `<link rel="canonical">` with the page's real address, and
sphinxext-opengraph (set up from here) writes og:title, og:url, og:site_name and og:type from it.
At html-page-context, for every page built from a document, this module adds:

- `<link rel="alternate" hreflang>` for the same page in every language of
  `handbook_languages` (the site builds the same page names in each) and `x-default` -> English;
- a description, the page's first paragraph in the page's language (not the version stamp
  that handbook.outputs puts first), as `<meta name="description">`, og:description and
  twitter:description, and og:locale with og:locale:alternate and the Twitter card tags.

handbook/sitemap.py then lists the published pages, with these alternates, in one sitemap.xml.
"""

from __future__ import annotations

import contextlib
import html
import importlib
import io
import re

from docutils import nodes
from sphinx.application import Sphinx

DESCRIPTION_LENGTH = 200  # characters; previews cut longer text themselves
# Open Graph wants language_TERRITORY; hreflang and <html lang> want BCP 47 (zh-CN)
OG_LOCALES = {"en": "en_US", "zh_CN": "zh_CN", "ru": "ru_RU"}


def hreflang(code: str) -> str:
    return code.replace("_", "-")


def set_page_urls(app: Sphinx, config) -> None:
    root = config.html_baseurl
    if not root:
        return  # no address, no canonical or alternate links: a preview of a local build
    root = root.rstrip("/") + "/"
    config.handbook_site_url = root
    # each language is built into its own folder of the site: that folder is this build's base
    config.html_baseurl = f"{root}{config.language or 'en'}/"
    config.ogp_site_url = config.html_baseurl
    # descriptions come from this module (the page's first paragraph, not the version stamp)
    config.ogp_enable_meta_description = False
    config.ogp_social_cards = {"enable": False}  # an image per page would need matplotlib


def description(doctree: nodes.document) -> str:
    """The page's first paragraph of prose, as plain text, cut to DESCRIPTION_LENGTH."""
    for paragraph in doctree.findall(nodes.paragraph):
        if "handbook-stamp" in paragraph["classes"]:
            continue
        if any(
            isinstance(parent, (nodes.Admonition, nodes.container, nodes.Invisible))
            for parent in _ancestors(paragraph)
        ):
            continue  # notes, code cells and their outputs are not what a page is about
        text = re.sub(r"\s+", " ", paragraph.astext()).strip()
        if len(text) > DESCRIPTION_LENGTH:
            text = text[: DESCRIPTION_LENGTH - 1].rstrip() + "…"
        return text
    return ""


def _ancestors(node: nodes.Node):
    while node.parent is not None:
        node = node.parent
        yield node


def _meta(kind: str, name: str, content: str) -> str:
    return f'<meta {kind}="{name}" content="{html.escape(content)}" />'


def add_tags(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    root = getattr(app.config, "handbook_site_url", "")
    if doctree is None or not root:
        return  # search and index pages are not in other languages' sitemaps or previews
    language = app.config.language or "en"
    target = app.builder.get_target_uri(pagename)
    links = [
        f'<link rel="alternate" hreflang="{hreflang(code)}" href="{root}{code}/{target}" />'
        for code in app.config.handbook_languages
    ]
    links.append(f'<link rel="alternate" hreflang="x-default" href="{root}en/{target}" />')
    about = description(doctree)
    title = html.unescape(re.sub(r"<[^>]+>", "", context.get("title", "")))  # as og:title
    tags = [
        _meta("name", "twitter:card", "summary"),
        _meta("name", "twitter:title", title),
        _meta("property", "og:locale", OG_LOCALES.get(language, language)),
    ]
    tags += [
        _meta("property", "og:locale:alternate", OG_LOCALES.get(code, code))
        for code in app.config.handbook_languages
        if code != language
    ]
    if about:
        tags += [_meta("name", "description", about), _meta("name", "twitter:description", about)]
        # sphinxext-opengraph takes og:* fields of the page's metadata as overrides; a copy, so
        # the environment's metadata of the page is left as it was read
        context["meta"] = {**(context.get("meta") or {}), "og:description": about}
    context["metatags"] = context.get("metatags", "") + "\n".join(links + tags) + "\n"


def setup(app: Sphinx) -> dict:
    app.setup_extension("handbook.switcher")  # declares handbook_languages
    # sphinxext-opengraph prints a line about matplotlib to stdout when it is imported without
    # it; we use no social-card images, so the line would only be noise in every build's output
    with contextlib.redirect_stdout(io.StringIO()):
        importlib.import_module("sphinxext.opengraph")
    app.setup_extension("sphinxext.opengraph")
    app.add_config_value("handbook_site_url", "", "html", str)
    app.connect("config-inited", set_page_urls)
    # before sphinxext-opengraph (priority 500), which reads the page's og:* metadata
    app.connect("html-page-context", add_tags, priority=400)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
