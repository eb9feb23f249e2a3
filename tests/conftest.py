"""Shared fixtures: tiny Sphinx projects built from tests/roots, and a build command for them."""
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


def sphinx_build(source: Path, out: Path, *options: str,
                 code: Path = ROOT) -> subprocess.CompletedProcess:
    """Build `source` as the site does (-W, keep-going) with the execution cache under `out`,
    using the handbook package found in `code` (default: this repository's)."""
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-q",
               "-D", f"handbook_cache_dir={out / 'cache'}", "-d", str(out / "doctrees"),
               *options, str(source), str(out / "html")]
    env = {**os.environ, "PYTHONPATH": str(code)}  # the extension lives in <code>/handbook
    # run in the project, not here: `python -m` puts the working folder first on sys.path
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", env=env,
                          cwd=source)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The real site built as `nox -s docs` builds it, with a fresh execution cache."""
    from handbook import site

    # a fresh cache, so the execution log counts every run this build needed
    work = tmp_path_factory.mktemp("site")
    assert site.build(build=work, out=work / "site") == 0
    return work


@pytest.fixture(scope="session")
def fresh_runs():
    """Two fresh standalone runs of every snippet in every flavour, keyed by (snippet, flavour)."""
    from concurrent.futures import ThreadPoolExecutor

    from handbook.execute import FLAVOURS, run_snippet

    jobs = [(s, f) for s in SNIPPETS for f in FLAVOURS]
    # no cache: these runs prove a reader's copy works, so each starts from nothing;
    # two workers, one TensorFlow per core
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(lambda job: run_snippet(job[0], job[1], timeout=300), jobs * 2))
    return {job: (runs[i], runs[i + len(jobs)]) for i, job in enumerate(jobs)}


def executions(out: Path) -> list[str]:
    """The lines of the execution log: one per real (not cached) snippet run."""
    log = out / "cache" / "executions.log"
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []
