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


@pytest.fixture
def project(tmp_path):
    """Return make(case): a copy of roots/base overlaid with roots/test-<case>, in tmp_path."""

    def make(case: str) -> Path:
        folder = tmp_path / case
        shutil.copytree(ROOTS / "base", folder)
        shutil.copytree(ROOTS / f"test-{case}", folder, dirs_exist_ok=True)
        return folder

    return make


def sphinx_build(source: Path, out: Path, *options: str) -> subprocess.CompletedProcess:
    """Build `source` as the site does (-W, keep-going) with the execution cache under `out`."""
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-q",
               "-D", f"handbook_cache_dir={out / 'cache'}", "-d", str(out / "doctrees"),
               *options, str(source), str(out / "html")]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # the extension lives in ROOT/handbook
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", env=env)


def executions(out: Path) -> list[str]:
    """The lines of the execution log: one per real (not cached) snippet run."""
    log = out / "cache" / "executions.log"
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []
