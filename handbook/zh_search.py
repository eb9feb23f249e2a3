"""Sphinx extension: make Chinese search work under Sphinx 9.0.4 (sphinx-doc/sphinx#14229).

Mechanism: Sphinx 9.0.4's `language_data.js` for zh assigns `window.Stemmer = ChineseStemmer`,
which is never defined, so the search page throws before it searches. A script loaded before
`language_data.js` defines `ChineseStemmer` as the English stemmer Sphinx ships for Chinese.
Remove this module when the pinned Sphinx includes the upstream fix (sphinx-doc/sphinx#14416).
"""
from __future__ import annotations

from sphinx.application import Sphinx


def add_shim(app: Sphinx) -> None:
    if (app.config.language or "").startswith("zh"):
        app.add_js_file("zh-stemmer-shim.js")  # its folder is added by handbook.outputs


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", add_shim)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
