"""Sphinx extension: make Chinese search work under Sphinx 9.0.4 (sphinx-doc/sphinx#14229).

Mechanism: Sphinx 9.0.4's `language_data.js` for zh assigns `window.Stemmer = ChineseStemmer`,
which is never defined, so the search page throws before it searches. A script loaded before
`language_data.js` defines `ChineseStemmer` as the English stemmer Sphinx ships for Chinese.
Remove this module when the pinned Sphinx includes the upstream fix (sphinx-doc/sphinx#14416).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

STATIC = Path(__file__).with_name("zh_search_static")


def add_static(app: Sphinx, config) -> None:
    # at config-inited, like handbook.outputs: added later, the folder would make every
    # rebuild report a changed configuration
    if STATIC.as_posix() not in config.html_static_path:
        config.html_static_path.append(STATIC.as_posix())


def add_shim(app: Sphinx) -> None:
    if (app.config.language or "").startswith("zh"):
        app.add_js_file("zh-stemmer-shim.js")


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", add_static)
    app.connect("builder-inited", add_shim)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
