"""Sphinx extension: put each snippet's checked output under its code cell.

Mechanism: myst-nb parses each page with execution off, so a ``code-cell`` loaded from a snippet
arrives as a cell container whose metadata keeps the ``load`` path. Before reading starts
(``builder-inited``) every loaded snippet the cache lacks runs, for each Keras flavour under each
numerics configuration (`handbook.execute`). On ``doctree-read`` this extension judges those runs
(`handbook.verdict`), compares them with the stored expected output and appends the output below
the code (`handbook.render`). Every problem is a warning ``[handbook.<subtype>]`` at
``page.md:line``, the line of the cell's ``:load:`` option; the build runs with ``-W``, so it
fails, and Sphinx's keep-going reports every page at once.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ConfigError
from sphinx.util import logging

from handbook import captions, continues, expected, older_releases, pins, scan, shown
from handbook.execute import ExecutionCache
from handbook.render import add_stamp, render_outputs
from handbook.runner import FLAVOURS, PRELOAD
from handbook.verdict import Problem, compare, judge

LOGGER = logging.getLogger(__name__)


def _failed(env) -> set[str]:
    """Pages whose check failed, kept in the pickled environment between builds."""
    if not hasattr(env, "handbook_failed"):
        env.handbook_failed = set()
    return env.handbook_failed


def _warn(app: Sphinx, problem: Problem, message: str, location) -> None:
    _failed(app.env).add(app.env.docname)
    LOGGER.warning(message, type="handbook", subtype=problem.value, location=location)


def _shown(app: Sphinx, path: Path) -> Path:
    return shown(path, Path(app.config.handbook_root))


def cache(app: Sphinx) -> ExecutionCache:
    """The build's execution cache (one per Sphinx process)."""
    if not hasattr(app, "handbook_cache"):
        app.handbook_cache = ExecutionCache(
            Path(app.config.handbook_cache_dir),
            app.config.handbook_timeout,
            preload=tuple(app.config.handbook_preload),
        )
    return app.handbook_cache


def _report(app: Sphinx) -> older_releases.Report | None:
    return app.handbook_report  # read by check_config


def _check(app: Sphinx, snippet: Path, flavour: str, where: str, location) -> str | None:
    """The output to show for one flavour, or None after warning about what is wrong with it."""
    store = cache(app)
    runs = store.runs(snippet, flavour)
    shown_snippet = _shown(app, snippet)
    verdict = judge(
        runs, app.config.handbook_timeout, again=lambda: store.execute(snippet, flavour)
    )
    verdict = verdict or compare(runs[0], snippet, shown_snippet)
    if verdict:
        _warn(
            app,
            verdict.problem,
            f"{shown_snippet} on {where} [language {app.config.language}, {flavour}] {verdict}",
            location,
        )
        return None
    return runs[0].stdout


def insert_outputs(app: Sphinx, doctree: nodes.document) -> None:
    """Append the checked output of every snippet-loaded code cell of the page just read."""
    if app.builder.name == "gettext":
        return  # translators get prose only; outputs are never translated
    page = Path(app.env.doc2path(app.env.docname))
    # myst-nb's cell line numbers drift with the front matter; the `:load:` lines are exact,
    # and cells are top-level, so the n-th loaded cell is the n-th `:load:` of the source
    load_lines = [load.line for load in scan.loads(page)]
    cells = [
        cell
        for cell in doctree.findall(nodes.container)
        if cell.get("nb_element") == "cell_code" and "load" in cell.get("cell_metadata", {})
    ]
    report = _report(app)
    if report is not None and cells:
        app.env.note_dependency(app.config.handbook_releases_report)
    for index, cell in enumerate(cells):
        line = load_lines[index] if index < len(load_lines) else cell.line
        snippet = (page.parent / cell["cell_metadata"]["load"]).resolve()
        for part in continues.chain(snippet):  # the cells it continues run with it
            app.env.note_dependency(str(part))
        try:  # what the snippet shows, above its code, in the page's language
            cell.insert(0, captions.caption(app, snippet))
        except captions.NoDocstring as error:
            where = f"{_shown(app, page)}:{line}"
            _warn(
                app,
                Problem.caption_missing,
                f"{_shown(app, snippet)} on {where}: {error}",
                (app.env.docname, line),
            )
        texts: dict[str, str] = {}
        for flavour in app.config.handbook_flavours:
            app.env.note_dependency(str(expected.expected_path(snippet, flavour)))
            text = _check(
                app, snippet, flavour, f"{_shown(app, page)}:{line}", (app.env.docname, line)
            )
            if text is not None:
                texts[flavour] = text
        if len(texts) == len(app.config.handbook_flavours) and any(texts.values()):
            # a cell that prints nothing (one that others continue) shows no output box
            cell += render_outputs(app.config.language, texts)
            if report is not None:
                cell += older_releases.render(
                    app.config.language, report, snippet, Path(app.config.handbook_root), texts
                )
    if cells:
        add_stamp(app.config.language, doctree, older_releases.checked(app.config.language, report))


def check_loads(app: Sphinx, docname: str, source: list[str]) -> None:
    """Warn at the page line about a `:load:` of a missing file or a broken `# Continues`
    chain, and drop that option; and about a continuation loaded above the cell it continues.

    myst-nb would stop the whole build with a traceback that names no page line; without the
    option the cell is empty, the warning fails the build and the other pages are still checked.
    """
    page = Path(app.env.doc2path(docname))
    loads = scan.loads(page, source[0])
    for index in reversed(range(len(loads))):
        load = loads[index]
        problem = _load_problem(app, load, [above.snippet for above in loads[:index]])
        if problem is not None:
            _warn(app, problem[0], problem[1], (docname, load.line))
        if problem is not None and problem[0] is not Problem.continues_not_above:
            source[0] = source[0][: load.start] + source[0][load.end :]


def _load_problem(app: Sphinx, load: scan.Load, above: list[Path]) -> tuple[Problem, str] | None:
    """What is wrong with one `:load:`, given the snippets loaded above it on its page."""
    if not load.snippet.is_file():
        return Problem.snippet_missing, (
            f":load: {load.target} does not exist; fix the path or add the snippet"
        )
    try:
        earlier = continues.chain(load.snippet)[:-1]
    except continues.BrokenChain as error:
        return Problem.continues_broken, (
            f":load: {load.target}: {_shown(app, error.path)}:{error.line} {error.problem}; "
            "fix that `# Continues` line"
        )
    missing = [part for part in earlier if part not in above]
    if missing:
        return Problem.continues_not_above, (
            f":load: {load.target} continues {_shown(app, missing[-1])}, which no cell above it "
            "on this page loads; a reader runs the cells in order, so load that one first"
        )
    return None


def execute_ahead(app: Sphinx) -> None:
    """Run every loaded snippet the cache lacks before reading starts, one process per core."""
    if app.builder.name == "gettext":
        return
    snippets = dict.fromkeys(
        load.snippet for load in scan.loaded_snippets(app.srcdir) if _runnable(load.snippet)
    )
    folders = {snippet.parent / "expected" for snippet in snippets}
    for stored in sorted(p for folder in folders for p in folder.glob("*.txt")):
        if not expected.snippet_for(stored).is_file():
            # not tied to a page: the location is the file itself
            LOGGER.warning(
                f"{_shown(app, stored)} belongs to no snippet "
                f"({expected.snippet_for(stored).name} does not exist); delete it or "
                "restore the snippet",
                type="handbook",
                subtype=Problem.orphan_expected.value,
                location=str(stored),
            )
    jobs = [(s, f) for s in snippets for f in app.config.handbook_flavours]
    cache(app).run_all(jobs)


def _runnable(snippet: Path) -> bool:
    """False for a snippet whose chain is broken: check_loads warns about it at its page line."""
    try:
        continues.chain(snippet)
    except continues.BrokenChain:
        return False
    return True


def check_config(app: Sphinx, config) -> None:
    unknown = [f for f in config.handbook_flavours if f not in FLAVOURS]
    if unknown:
        raise ConfigError(f"handbook_flavours: unknown {unknown}; known: {list(FLAVOURS)}")
    try:
        pins.check()
    except pins.PinMismatch as exc:
        raise ConfigError(str(exc)) from None
    # the releases report, read once; a broken one stops the build before anything is read,
    # naming the file
    config.handbook_releases_report = str(Path(app.confdir) / config.handbook_releases_report)
    try:
        app.handbook_report = older_releases.load(Path(config.handbook_releases_report))
    except older_releases.ReportError as exc:
        raise ConfigError(str(exc)) from None
    if not config.handbook_cache_dir:
        config.handbook_cache_dir = str(Path(config.handbook_root) / "build" / "cache")
    # part of the environment: a new pin, a new flavour or an edit to this package (which renders
    # outputs, labels and stamps into the doctrees) makes Sphinx read every page again
    config.handbook_versions = {
        **pins.stack_versions(),
        "flavours": config.handbook_flavours,
        "handbook": code_digest(),
    }


def code_digest() -> str:
    """A hash of the build's own source files."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.is_file() and p.suffix != ".pyc"):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def purge(app: Sphinx, env, docname: str) -> None:
    _failed(env).discard(docname)


def merge(app: Sphinx, env, docnames, other) -> None:
    _failed(env).update(_failed(other))


def failed_again(app: Sphinx, env, added, changed, removed) -> list[str]:
    # a page whose check failed is read again, so a second build cannot pass by not looking
    return sorted(_failed(env) - set(removed))


def add_static(app: Sphinx, config) -> None:
    config.html_static_path.append(str(Path(__file__).parent / "static"))


def setup(app: Sphinx) -> dict:
    app.add_config_value("handbook_root", str(pins.ROOT), "env", str)
    app.add_config_value("handbook_flavours", list(FLAVOURS), "env", list)
    app.add_config_value("handbook_timeout", 300, "env", int)  # whole seconds: -D can set it
    app.add_config_value("handbook_cache_dir", "", "", str)
    # what older TensorFlow releases printed (`nox -s releases`); no file, nothing is shown
    app.add_config_value("handbook_releases_report", str(older_releases.REPORT), "env", str)
    app.add_config_value("handbook_versions", {}, "env", dict)
    # what the fork servers import before forking; test roots, whose snippets import nothing,
    # set [] so a server starts in milliseconds
    app.add_config_value("handbook_preload", list(PRELOAD), "", list)
    # config-inited: the pin check must stop the build before anything is read or executed
    app.connect("config-inited", check_config)
    # config-inited, before Sphinx compares the configuration with the last build's: added later,
    # the folder would make every build report a changed html_static_path
    app.connect("config-inited", add_static)
    app.connect("builder-inited", execute_ahead)
    app.connect("env-get-outdated", failed_again)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("source-read", check_loads)
    app.connect("doctree-read", insert_outputs)
    app.add_css_file("handbook.css")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
