"""Sphinx extension: the ``handbook-differences`` directive, the generated Keras 2 → 3 list.

Mechanism: the directive reads every page source for ``:load:`` snippets, compares the stored
expected outputs of the two flavours (which every page build has just checked against real runs),
and sorts the snippets that differ with `handbook.draws`: behaviour changes first, each with both
outputs and a link to its page, then the snippets that differ only in their random draws, as
links. Sorting needs a reseeded copy of each differing snippet run under both flavours, natively;
those runs are made before reading starts (``builder-inited``), with the page's other runs, and
cached like them. The directive depends on every page and expected file, so Sphinx rebuilds it
whenever one changes; only the prose around it is translated.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from handbook import draws, expected, older_releases, outputs, shown
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


def _reseeded(app: Sphinx, snippet: Path) -> Path | None:
    return draws.reseeded(snippet, Path(app.config.handbook_cache_dir) / "reseeded")


def run_reseeded(app: Sphinx) -> None:
    """Run the reseeded copy of every differing snippet, if a page lists the differences."""
    if app.builder.name == "gettext":
        return
    srcdir = Path(app.srcdir)
    if not any("{handbook-differences}" in p.read_text("utf-8") for p in srcdir.rglob("*.md")):
        return
    copies = [_reseeded(app, snippet) for _, snippet, _ in differing(srcdir)]
    jobs = [(copy, flavour) for copy in copies if copy is not None for flavour in PAIR]
    # a draw's rounding is not the question: native only; and a copy no reader sees, so forked
    # even where the tests make the native runs as a reader does (runner.MODES)
    outputs.cache(app).run_all(jobs, only=["native"], mode="forked")


def only_draws(app: Sphinx, snippet: Path, texts: dict[str, str]) -> bool:
    copy = _reseeded(app, snippet)
    if copy is None:
        return False  # no seed to change: nothing tells a draw from behaviour
    runs = {flavour: outputs.cache(app).run(copy, flavour) for flavour in PAIR}
    if not all(run.ok for run in runs.values()):
        return False  # listed with the behaviour changes, where a reader sees both outputs
    return draws.only_draws(texts, {flavour: run.stdout for flavour, run in runs.items()})


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
        app = self.env.app
        random = [item for item in items if only_draws(app, item[1], item[2])]
        behaviour = [item for item in items if item not in random]
        total = len(dict.fromkeys(load.snippet for load in loaded_snippets(srcdir)))
        summary = label(
            language,
            "differences",
            differ=str(len(items)),
            total=str(total),
            behaviour=str(len(behaviour)),
            draws=str(len(random)),
        )
        # generated text is never extracted for gettext: it is written in each language already
        result: list[nodes.Node] = [
            stamp(language),
            nodes.paragraph(summary, summary, translatable=False),
        ]
        for page, snippet, texts in behaviour:
            entry = nodes.container(classes=["handbook-difference"])
            entry += self.heading(srcdir, page, snippet)
            entry += render_outputs(language, texts)
            result.append(entry)
        if random:
            text = label(language, "draws")
            result.append(nodes.paragraph(text, text, translatable=False))
            listing = nodes.bullet_list(classes=["handbook-draws"])
            for page, snippet, _ in random:
                listing += nodes.list_item("", self.heading(srcdir, page, snippet))
            result.append(listing)
        result += self.older(srcdir)
        return result

    def older(self, srcdir: Path) -> list[nodes.Node]:
        """The snippets an older TensorFlow release prints differently (`nox -s releases`),
        each with what the releases print, as under its output."""
        report = self.env.app.handbook_report
        if report is None or not report.releases:
            return []
        self.env.note_dependency(self.config.handbook_releases_report)
        language, root = self.config.language, Path(self.config.handbook_root)
        found: list[nodes.Node] = []
        for load in loaded_snippets(srcdir):
            texts = {flavour: expected.read(load.snippet, flavour) for flavour in PAIR}
            if None in texts.values() or not older_releases.changed(report, load.snippet, root):
                continue
            entry = nodes.container(classes=["handbook-difference"])
            entry += self.heading(srcdir, load.page, load.snippet)
            entry += older_releases.render(language, report, load.snippet, root, texts)  # type: ignore[arg-type]
            found.append(entry)
        versions = [r["tensorflow"] for r in report.releases]
        text = label(language, "releases_changes", releases=report.span(versions))
        if not found:
            text = label(language, "releases_unchanged", releases=report.span(versions))
        # one container, so a reader's stylesheet or a test can tell this list from the one above
        section = nodes.container(classes=["handbook-older-releases"])
        section += nodes.paragraph(text, text, translatable=False)
        section += found
        return [section]

    def heading(self, srcdir: Path, page: Path, snippet: Path) -> nodes.paragraph:
        """`snippet path — page link`."""
        docname = page.relative_to(srcdir).with_suffix("").as_posix()
        path = str(shown(snippet, Path(self.config.handbook_root)))
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
        return heading


def setup(app: Sphinx) -> dict:
    app.setup_extension("handbook.outputs")
    app.add_directive("handbook-differences", FlavourDifferences)
    # after handbook.outputs' own builder-inited handler (connected first, by setup_extension)
    app.connect("builder-inited", run_reseeded)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
