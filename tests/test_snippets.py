"""Every snippet, run as a fresh standalone process per flavour, prints its stored expected output."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import ROOT

from handbook import expected
from handbook.execute import FLAVOURS, run_snippet

SNIPPETS = sorted((ROOT / "snippets").rglob("*.py"))
JOBS = [(snippet, flavour) for snippet in SNIPPETS for flavour in FLAVOURS]


def _id(job) -> str:
    return f"{job[0].relative_to(ROOT / 'snippets')}-{job[1]}"


@pytest.fixture(scope="module")
def fresh_runs():
    # no cache: these runs prove a reader's copy works, so each starts from nothing;
    # two workers, one TensorFlow per core
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = pool.map(lambda job: run_snippet(job[0], job[1], timeout=300), JOBS)
        return dict(zip(JOBS, runs))


@pytest.mark.parametrize("job", JOBS, ids=_id)
def test_snippet_prints_its_expected_output(fresh_runs, job):
    snippet, flavour = job
    run = fresh_runs[job]
    assert run.ok, f"{snippet} [{flavour}] failed:\n{run.stderr}"
    stored = expected.read(snippet, flavour)
    assert stored is not None, f"no {expected.expected_path(snippet, flavour)}"
    assert not expected.diff(stored, run.stdout, snippet, flavour), \
        expected.diff(stored, run.stdout, snippet, flavour)
    assert expected.noise(run.stdout) is None


def test_every_snippet_is_on_a_page():
    pages = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md"))
    unused = [str(s.relative_to(ROOT)) for s in SNIPPETS
              if f":load: ../{s.relative_to(ROOT)}" not in pages]
    assert not unused, f"snippets no page loads: {unused}"


def test_no_expected_output_without_its_snippet():
    orphans = [str(p.relative_to(ROOT)) for p in (ROOT / "snippets").rglob("expected/*.txt")
               if not expected.snippet_for(p).is_file()]
    assert not orphans
