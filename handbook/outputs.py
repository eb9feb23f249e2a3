"""Sphinx extension: put each snippet's checked output under its code cell.

Mechanism: myst-nb parses each page with execution off, so a ``code-cell`` loaded from a snippet
arrives as a cell container whose metadata keeps the ``load`` path. On ``doctree-read`` this
extension takes that snippet's run for each Keras flavour from the shared execution cache (running
it if needed), compares stdout with the stored expected output and appends the output below the
code. Every problem is a warning ``[handbook.<subtype>]`` at ``page.md:line``; the
build runs with ``-W``, so it fails, and Sphinx's keep-going reports every page at once.
The line is that of the cell's ``:load:`` option.
"""
from __future__ import annotations

import enum
import hashlib
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ConfigError
from sphinx.util import logging

from handbook import expected, pins, shown
from handbook.execute import FLAVOURS, ExecutionCache, Run
from handbook.labels import label

LOGGER = logging.getLogger(__name__)
LOAD = re.compile(r"^:load:\s*(\S+)\s*$", re.MULTILINE)


class Problem(enum.Enum):
    """Warning subtypes, emitted as ``[handbook.<value>]`` with a ``page.md:line`` location."""

    output_mismatch = "output_mismatch"
    """The snippet printed something other than its stored expected output."""
    snippet_error = "snippet_error"
    """The snippet exited with an error; the message ends with its traceback."""
    snippet_missing = "snippet_missing"
    """A page loads a snippet file that does not exist (fatal: myst-nb cannot parse the page)."""
    snippet_timeout = "snippet_timeout"
    """The snippet ran longer than ``handbook_timeout`` seconds and was killed."""
    orphan_expected = "orphan_expected"
    """A stored expected output whose snippet does not exist."""
    expected_missing = "expected_missing"
    """The snippet has no stored expected output for a flavour."""
    noisy_output = "noisy_output"
    """The snippet printed a log line, warning or progress bar to stdout."""


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


def _check(app: Sphinx, snippet: Path, run: Run, where: str, location) -> bool:
    """Report every way `run` falls short of its stored expected output; True if it matches."""
    shown = _shown(app, snippet)
    context = f"{shown} on {where} [language {app.config.language}, {run.flavour}]"
    if run.returncode is None:
        _warn(app, Problem.snippet_timeout, f"{context} did not finish within "
              f"{app.config.handbook_timeout:g} s and was killed", location)
        return False
    if not run.ok:
        _warn(app, Problem.snippet_error, f"{context} exited with code {run.returncode}:\n"
              f"{run.stderr.strip()}", location)
        return False
    found = expected.noise(run.stdout)
    if found:
        _warn(app, Problem.noisy_output, f"{context} printed noise to stdout at output line "
              f"{found[0]}: {found[1]!r}; silence it in the snippet (e.g. verbose=0)", location)
        return False
    stored = expected.read(snippet, run.flavour)
    if stored is None:
        _warn(app, Problem.expected_missing, f"{context} has no expected output "
              f"{expected.expected_path(shown, run.flavour)}; run `nox -s update-outputs` "
              "and review it with `git diff`", location)
        return False
    difference = expected.diff(stored, run.stdout, shown, run.flavour)
    if difference:
        _warn(app, Problem.output_mismatch, f"{context} printed something other than its "
              f"expected output; if the change is intended, run `nox -s update-outputs` and "
              f"review it with `git diff`:\n{difference}", location)
        return False
    return True


def _output_block(text: str) -> nodes.literal_block:
    # the same classes myst-nb gives a stream output, so the theme styles it the same way;
    # a literal block is escaped by the HTML writer, so printed markup is shown, never rendered
    block = nodes.literal_block(text, text, language="none")
    block["classes"] += ["output", "stream"]
    return block


def _label(text: str, classes: list[str]) -> nodes.container:
    return nodes.container("", nodes.inline(text, text), classes=["handbook-label", *classes])


def render_outputs(language: str | None, texts: dict[str, str]) -> nodes.container:
    """One output when every flavour printed the same, else one per flavour under a marker."""
    output = nodes.container(nb_element="cell_code_output", classes=["cell_output"])
    if len(set(texts.values())) == 1:
        key = "same" if len(texts) > 1 else next(iter(texts))
        box = nodes.container(classes=["handbook-output", "handbook-same"])
        box += _label(label(language, key), [])
        box += _output_block(next(iter(texts.values())))
        output += box
        return output
    output += _label(label(language, "differs"), ["handbook-differs-marker"])
    row = nodes.container(classes=["handbook-output", "handbook-differs"])
    for flavour, text in texts.items():
        column = nodes.container(classes=["handbook-flavour", f"handbook-{flavour}"])
        column += _label(label(language, flavour), [])
        column += _output_block(text)
        row += column
    output += row
    return output


def stamp(language: str | None) -> nodes.paragraph:
    """The sentence naming the versions that produced the outputs, read from the install."""
    stack = pins.installed(pins.pinned())
    versions = ", ".join(f"{name} {version}" for name, version in stack.items())
    text = label(language, "stamp", versions=versions)
    # generated in each language from labels.py, so gettext must not extract it
    return nodes.paragraph(text, text, classes=["handbook-stamp"], translatable=False)


def _add_stamp(app: Sphinx, doctree: nodes.document) -> None:
    """Put the stamp under the page title."""
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        section.insert(1, stamp(app.config.language))
    else:
        doctree.insert(0, stamp(app.config.language))


def _cache(app: Sphinx) -> ExecutionCache:
    if not hasattr(app, "handbook_cache"):
        app.handbook_cache = ExecutionCache(Path(app.config.handbook_cache_dir),
                                            app.config.handbook_timeout)
    return app.handbook_cache


def insert_outputs(app: Sphinx, doctree: nodes.document) -> None:
    """Append the checked output of every snippet-loaded code cell of the page just read."""
    if app.builder.name == "gettext":
        return  # translators get prose only; outputs are never translated
    page = Path(app.env.doc2path(app.env.docname))
    source = page.read_text(encoding="utf-8")
    # myst-nb's cell line numbers drift with the front matter; the `:load:` lines are exact,
    # and cells are top-level, so the n-th loaded cell is the n-th `:load:` of the source
    load_lines = [source.count("\n", 0, m.start()) + 1 for m in LOAD.finditer(source)]
    cells = [cell for cell in doctree.findall(nodes.container)
             if cell.get("nb_element") == "cell_code" and "load" in cell.get("cell_metadata", {})]
    for index, cell in enumerate(cells):
        line = load_lines[index] if index < len(load_lines) else cell.line
        snippet = (page.parent / cell["cell_metadata"]["load"]).resolve()
        app.env.note_dependency(str(snippet))
        runs = {}
        for flavour in app.config.handbook_flavours:
            app.env.note_dependency(str(expected.expected_path(snippet, flavour)))
            runs[flavour] = run = _cache(app).run(snippet, flavour)
            _check(app, snippet, run, f"{_shown(app, page)}:{line}", (app.env.docname, line))
        if all(run.ok for run in runs.values()):
            cell += render_outputs(app.config.language,
                                   {flavour: run.stdout for flavour, run in runs.items()})
    if cells:
        _add_stamp(app, doctree)


def check_loads(app: Sphinx, docname: str, source: list[str]) -> None:
    """Warn at the page line about a `:load:` of a missing file, and drop that option.

    myst-nb would stop the whole build with a traceback that names no page line; without the
    option the cell is empty, the warning fails the build and the other pages are still checked.
    """
    page = Path(app.env.doc2path(docname))
    for match in reversed(list(LOAD.finditer(source[0]))):
        if not (page.parent / match[1]).is_file():
            line = source[0].count("\n", 0, match.start()) + 1
            _warn(app, Problem.snippet_missing, f":load: {match[1]} does not exist; fix the "
                  "path or add the snippet", (docname, line))
            source[0] = source[0][:match.start()] + source[0][match.end():]


def loaded_snippets(srcdir: Path) -> list[tuple[Path, Path]]:
    """(page, snippet) for every existing snippet a page loads, read from the page sources."""
    found = []
    for page in sorted(Path(srcdir).rglob("*.md")):
        for target in LOAD.findall(page.read_text(encoding="utf-8")):
            path = (page.parent / target).resolve()
            if path.is_file():
                found.append((page, path))
    return found


def execute_ahead(app: Sphinx) -> None:
    """Run every loaded snippet the cache lacks before reading starts, one process per core."""
    if app.builder.name == "gettext":
        return
    snippets = dict.fromkeys(snippet for _, snippet in loaded_snippets(app.srcdir))
    folders = {snippet.parent / "expected" for snippet in snippets}
    for stored in sorted(p for folder in folders for p in folder.glob("*.txt")):
        if not expected.snippet_for(stored).is_file():
            # not tied to a page: the location is the file itself
            LOGGER.warning(f"{_shown(app, stored)} belongs to no snippet "
                           f"({expected.snippet_for(stored).name} does not exist); delete it or "
                           "restore the snippet", type="handbook",
                           subtype=Problem.orphan_expected.value, location=str(stored))
    jobs = [(s, f) for s in snippets for f in app.config.handbook_flavours]
    _cache(app).run_all(jobs)


def check_config(app: Sphinx, config) -> None:
    unknown = [f for f in config.handbook_flavours if f not in FLAVOURS]
    if unknown:
        raise ConfigError(f"handbook_flavours: unknown {unknown}; known: {list(FLAVOURS)}")
    try:
        pins.check()
    except pins.PinMismatch as exc:
        raise ConfigError(str(exc)) from None
    if not config.handbook_cache_dir:
        config.handbook_cache_dir = str(Path(config.handbook_root) / "build" / "cache")
    # part of the environment: a new pin, a new flavour or an edit to this package (which renders
    # outputs, labels and stamps into the doctrees) makes Sphinx read every page again
    config.handbook_versions = {**pins.stack_versions(), "flavours": config.handbook_flavours,
                                "handbook": code_digest()}


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
    app.add_config_value("handbook_flavours", ["keras3", "keras2"], "env", list)
    app.add_config_value("handbook_timeout", 300, "env", int)  # whole seconds: -D can set it
    app.add_config_value("handbook_cache_dir", "", "", str)
    app.add_config_value("handbook_versions", {}, "env", dict)
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
