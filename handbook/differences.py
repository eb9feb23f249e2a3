"""Sphinx extension: the ``handbook-differences`` directive, the generated Keras 2 → 3 list.

Mechanism: the directive reads every page source for ``:load:`` snippets, compares the stored
expected outputs of the two flavours, and renders each snippet that differs with both outputs and a
link to its page. It reads stored outputs, which every page build has just checked against real
runs, so it executes nothing. It depends on every page and expected file, so Sphinx rebuilds it
whenever one changes; only the prose around it is translated.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from handbook import expected, shown
from handbook.labels import label
from handbook.render import render_outputs, stamp
from handbook.runner import FLAVOURS
from handbook.scan import loaded_snippets

PAIR = tuple(FLAVOURS)  # the two flavours, Keras 3 first


def differing(srcdir: Path) -> list[tuple[Path, Path, dict[str, str]]]:
    """(page, snippet, {flavour: stored output}) for each snippet whose stored outputs differ."""
    found = []
    for page, snippet in ((load.page, load.snippet) for load in loaded_snippets(srcdir)):
        stored = {flavour: expected.read(snippet, flavour) for flavour in PAIR}
        texts = {flavour: text for flavour, text in stored.items() if text is not None}
        if len(texts) == len(PAIR) and len(set(texts.values())) > 1:
            found.append((page, snippet, texts))
    return found


class FlavourDifferences(SphinxDirective):
    """Lists every snippet whose Keras 2 and Keras 3 outputs differ, with both outputs."""

    def run(self) -> list[nodes.Node]:
        language = self.config.language
        srcdir = Path(self.env.srcdir)
        for page, snippet in ((load.page, load.snippet) for load in loaded_snippets(srcdir)):
            self.env.note_dependency(str(page))
            for flavour in PAIR:
                self.env.note_dependency(str(expected.expected_path(snippet, flavour)))
        items = differing(srcdir)
        total = len(dict.fromkeys(load.snippet for load in loaded_snippets(srcdir)))
        summary = label(language, "differences", differ=str(len(items)), total=str(total))
        # generated text is never extracted for gettext: it is written in each language already
        result: list[nodes.Node] = [
            stamp(language),
            nodes.paragraph(summary, summary, translatable=False),
        ]
        root = Path(self.config.handbook_root)
        for page, snippet, texts in items:
            docname = page.relative_to(srcdir).with_suffix("").as_posix()
            path = str(shown(snippet, root))
            entry = nodes.container(classes=["handbook-difference"])
            heading = nodes.paragraph(translatable=False)
            heading += nodes.literal(path, path)
            heading += nodes.Text(" — ")
            heading += addnodes.pending_xref(
                "",
                nodes.inline("", docname),
                refdomain="std",
                reftype="doc",
                reftarget=f"/{docname}",
                refexplicit=False,
                refdoc=self.env.docname,
            )
            entry += heading
            entry += render_outputs(language, texts)
            result.append(entry)
        return result


def setup(app: Sphinx) -> dict:
    app.setup_extension("handbook.outputs")
    app.add_directive("handbook-differences", FlavourDifferences)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
