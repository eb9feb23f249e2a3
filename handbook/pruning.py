"""Sphinx extension: delete what a removed page left in the output folder.

Mechanism: `handbook.site` keeps each language's output folder between builds, so Sphinx rewrites
only the pages that changed. Sphinx itself never deletes the HTML page or the copied source of a
page whose source file was removed, so an incremental build would go on publishing it. On
``env-get-outdated``, where Sphinx reports the removed pages, this extension deletes both.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx


def prune(app: Sphinx, env, added, changed, removed) -> list[str]:
    outdir = Path(app.outdir)
    for docname in removed:
        page = outdir / (docname + getattr(app.builder, "out_suffix", ".html"))
        sources = [
            outdir / "_sources" / (docname + suffix + app.config.html_sourcelink_suffix)
            for suffix in app.config.source_suffix
        ]
        for path in (page, *sources):
            path.unlink(missing_ok=True)
    return []  # nothing more to read


def setup(app: Sphinx) -> dict:
    app.connect("env-get-outdated", prune)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
