"""Shared fixtures: tiny Sphinx projects built from tests/roots, a build command for them, the
real site built once, and the runs a reader makes of every snippet."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ROOTS = Path(__file__).parent / "roots"
SNIPPETS = sorted((ROOT / "snippets").rglob("*.py"))


@pytest.fixture
def project(tmp_path):
    """Return make(case): a copy of roots/base overlaid with roots/test-<case>, in tmp_path."""

    def make(case: str) -> Path:
        folder = tmp_path / case
        shutil.copytree(ROOTS / "base", folder)
        shutil.copytree(ROOTS / f"test-{case}", folder, dirs_exist_ok=True)
        return folder

    return make


def sphinx_build(
    source: Path, out: Path, *options: str, code: Path = ROOT
) -> subprocess.CompletedProcess:
    """Build `source` as the site does (-W, keep-going) with the execution cache under `out`,
    using the handbook package found in `code` (default: this repository's)."""
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "-W",
        "--keep-going",
        "-q",
        "-D",
        f"handbook_cache_dir={out / 'cache'}",
        "-d",
        str(out / "doctrees"),
        *options,
        str(source),
        str(out / "html"),
    ]
    env = {**os.environ, "PYTHONPATH": str(code)}  # the extension lives in <code>/handbook
    # run in the project, not here: `python -m` puts the working folder first on sys.path
    return subprocess.run(
        command, capture_output=True, text=True, encoding="utf-8", env=env, cwd=source
    )


@pytest.fixture(scope="session")
def site_build(tmp_path_factory) -> tuple[Path, int, str]:
    """The real site built as `nox -s docs` builds it, with a fresh execution cache: the work
    folder, the exit code and the build's report."""
    import contextlib
    import io

    from handbook import site

    # a fresh cache, so the execution log counts every run this build needed
    work = tmp_path_factory.mktemp("site")
    report = io.StringIO()
    with contextlib.redirect_stdout(report), contextlib.redirect_stderr(report):
        code = site.build(build=work, out=work / "site")
    return work, code, report.getvalue()


@pytest.fixture(scope="session")
def built(site_build) -> Path:
    """The built site; every test that needs it is skipped when the build failed, which
    test_site reports once, with the build's own report."""
    work, code, _ = site_build
    if code != 0:
        pytest.skip("the site build failed: see test_the_site_builds for its report")
    return work


# How a reader runs a copied snippet: a cell in a fresh Jupyter kernel (Keras 3, as in Colab and
# most notebooks) and a file in a fresh interpreter (Keras 2, tf-keras). Both are fresh processes,
# so between them they prove for each flavour that the build's forked runs print what a reader
# gets; each runs once per snippet in the whole suite (a kernel costs ~10 s of CPU, a fresh
# interpreter ~5 s, a forked run ~1.5 s).
READER_RUNS = [("keras3", "jupyter"), ("keras2", "fresh")]


@pytest.fixture(scope="session")
def reader_runs():
    """{(snippet, flavour, mode): Run} for every snippet and every READER_RUNS entry, two at a
    time (one TensorFlow per core), each in the declared environment of handbook.runner."""
    from concurrent.futures import ThreadPoolExecutor

    from handbook.runner import Runner

    runner = Runner()
    jobs = [(s, f, m) for f, m in READER_RUNS for s in SNIPPETS]
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(lambda job: runner.run(job[0], job[1], "native", 300, job[2]), jobs))
    return dict(zip(jobs, runs, strict=True))


def pytest_collection_modifyitems(config, items):
    # the fast tier (`nox -s tests-fast`, `-m "not site"`) leaves out every test that needs the
    # real site or real snippet runs: they are the ones that run TensorFlow
    for item in items:
        if {"built", "site_build", "reader_runs"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.site)


def executions(out: Path) -> list[str]:
    """The lines of the execution log: one per real (not cached) snippet run."""
    log = out / "cache" / "executions.log"
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []
