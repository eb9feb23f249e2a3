"""Every snippet, run as a fresh standalone process per flavour, prints its stored expected output.

Each snippet runs twice per flavour here; with the site build's own run (test_site, fresh cache)
that is three runs per flavour compared with the same stored output: the determinism check.
"""
from __future__ import annotations

import pytest
from conftest import ROOT, SNIPPETS

from handbook import expected
from handbook.execute import FLAVOURS

JOBS = [(snippet, flavour) for snippet in SNIPPETS for flavour in FLAVOURS]


def _id(job) -> str:
    return f"{job[0].relative_to(ROOT / 'snippets')}-{job[1]}"


@pytest.mark.parametrize("job", JOBS, ids=_id)
def test_snippet_prints_its_expected_output_every_time(fresh_runs, job):
    snippet, flavour = job
    stored = expected.read(snippet, flavour)
    assert stored is not None, f"no {expected.expected_path(snippet, flavour)}"
    for run in fresh_runs[job]:
        assert run.ok, f"{snippet} [{flavour}] failed:\n{run.stderr}"
        difference = expected.diff(stored, run.stdout, snippet, flavour)
        assert not difference, difference
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
