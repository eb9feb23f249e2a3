"""Sphinx extension: a language switcher in the page header that leads to the same page.

Mechanism: each language is its own build under `<site>/<code>/`, with the same page names, so
the same page in another language is `../<code>/<pagename>.html` from any page (one more `../`
per folder level). A template placed in the theme's `article_header_end` slot writes these links;
`html-page-context` gives it the languages from `handbook_languages` and the current one.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from handbook.labels import label


def add_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    context["handbook_languages"] = app.config.handbook_languages
    context["handbook_language"] = app.config.language
    context["handbook_languages_label"] = label(app.config.language, "languages")


def add_template_path(app: Sphinx) -> None:
    app.config.templates_path.append(str(Path(__file__).parent / "templates"))


def setup(app: Sphinx) -> dict:
    app.add_config_value("handbook_languages", {"en": "English"}, "html", dict)
    # config-inited: the template folder must be known before the builder loads templates
    app.connect("config-inited", lambda app, config: add_template_path(app))
    app.connect("html-page-context", add_context)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
