"""Sessions of the Keras Freezing Handbook; `nox -l` lists them, each docstring is its manual."""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "venv"
nox.options.sessions = ["tests"]
# TensorFlow is large: keep each session's environment and let pip verify the pins on each run.
nox.options.reuse_venv = "yes"

PYPROJECT = nox.project.load_toml("pyproject.toml")
PYTHON = "3.11"  # the expected outputs were produced on this Python
# a pytest-xdist worker per core, each taking the next test (a file whose tests share a tiny
# build goes whole to one worker); under `nox -s tests` one worker builds the real site and the
# others wait for it (tests/conftest.py)
PARALLEL = ("-n", "auto")


def install(session: nox.Session, group: str) -> None:
    # constraints.txt pins every transitive package too, so every machine gets the same stack
    session.install("-c", "constraints.txt", *nox.project.dependency_groups(PYPROJECT, group))


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """Build the site, every language (or those given: `nox -s docs -- en`), into build/site.

    Each snippet runs once per Keras flavour and numerics configuration, forked from a server
    that imported TensorFlow (HANDBOOK_RUNNER=fresh: a fresh interpreter each); outputs are
    checked against the stored ones, and the published folder is only replaced when every
    language builds cleanly.
    """
    install(session, "docs")
    session.run("python", "-m", "handbook.site", *session.posargs)


@nox.session(python=PYTHON, name="update-outputs")
def update_outputs(session: nox.Session) -> None:
    """Regenerate expected outputs from real runs (all, or the snippets given); review: git diff."""
    install(session, "docs")
    session.run("python", "-m", "handbook.update_outputs", *session.posargs)


@nox.session(python=PYTHON, name="update-translations")
def update_translations(session: nox.Session) -> None:
    """Refresh the zh_CN and ru .po files after English prose or a snippet docstring changed."""
    install(session, "docs")
    session.run("sphinx-build", "-b", "gettext", "-q", "docs", "build/gettext")
    languages = session.run(
        "python",
        "-c",
        "import handbook.site as s; print(' '.join(c for c in s.languages() if c != 'en'))",
        silent=True,
    ).split()
    session.run(
        "sphinx-intl",
        "update",
        "-p",
        "build/gettext",
        "-d",
        "docs/locales",
        *[arg for code in languages for arg in ("-l", code)],
    )
    # the code-cell captions (snippet docstrings) have their own catalogue, snippets.po
    session.run("python", "-m", "handbook.captions", "update")


@nox.session(python=PYTHON, name="translation-status")
def translation_status(session: nox.Session) -> None:
    """Print a table per language and page: translated, fuzzy, untranslated, obsolete messages."""
    install(session, "docs")
    session.run("python", "-m", "handbook.translations", "status")


@nox.session(python=PYTHON, name="docs-live")
def docs_live(session: nox.Session) -> None:
    """Preview one language with live reload: `nox -s docs-live -- zh_CN` (default en), :8000."""
    install(session, "live")
    language = session.posargs[0] if session.posargs else "en"
    session.run(
        "sphinx-autobuild",
        "-D",
        f"language={language}",
        "-d",
        f"build/live/doctrees-{language}",
        "--port",
        "8000",
        "--watch",
        "snippets",
        "--watch",
        "handbook",
        "docs",
        f"build/live/{language}",
    )


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Print build-speed figures (cold, fresh-process floor, warm, edits, memory) and JSON."""
    install(session, "docs")
    session.run("python", "-m", "handbook.bench")


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run every test: checker, translations, site, snippets as readers run them, browser."""
    install(session, "test")
    # the slowest tests, and (tests/conftest.py) the site build's runs, end the report: where
    # the time went, from every CI log
    session.run("pytest", *PARALLEL, "--durations=15", *session.posargs)


@nox.session(python=PYTHON, name="tests-fast")
def tests_fast(session: nox.Session) -> None:
    """Run the tests that run no TensorFlow snippet: tiny roots, runner, translation gate."""
    install(session, "test")
    session.run("pytest", *PARALLEL, "-m", "not site", *session.posargs)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """Lint and type-check: ruff check, ruff format --check, mypy (settings in pyproject.toml)."""
    install(session, "lint")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", "handbook", "tests", "noxfile.py")
    session.run("mypy")


@nox.session(python=PYTHON, reuse_venv=False)  # a stale venv would leak into the lock
def lock(session: nox.Session) -> None:
    """Re-resolve constraints.txt from the dependency groups (after changing a pin)."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "test", "lint"))
    frozen = session.run("python", "-m", "pip", "freeze", "--exclude-editable", silent=True)
    header = (
        "# Every package of the docs and test environments, pinned: what snippets print "
        "depends on it.\n# Regenerate: nox -s lock (a fresh venv, pip install of the "
        "dependency groups, pip freeze).\n"
    )
    with open("constraints.txt", "w", encoding="utf-8") as out:
        out.write(header + frozen)


@nox.session(python=PYTHON)
def releases(session: nox.Session) -> None:
    """Check stored outputs on older TensorFlow releases (releases/), or `-- --latest` on PyPI's."""
    # nothing installed here: the tool makes one environment per release under .nox/releases
    session.run("python", "-m", "handbook.releases", *session.posargs)
