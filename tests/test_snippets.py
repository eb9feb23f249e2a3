"""Every snippet, run as a reader runs it, prints exactly the stored output the page shows.

`nox -s docs` runs each snippet forked from a server that imported TensorFlow (handbook.runner),
under two numerics configurations. The tests' build makes each native run as a reader runs a
copy instead (conftest.READER_RUNS: a cell in a fresh Jupyter kernel under Keras 3, a file in a
fresh interpreter under Keras 2), and the capped run forked. Each native run must have been made
that way and print the stored output byte for byte; the capped forked run must print the same
bytes, or the build fails. That is what proves the forked runs are what a reader gets.
"""

from __future__ import annotations

import pytest
from conftest import READER_RUNS, ROOT, SNIPPETS

from handbook import continues, expected
from handbook.runner import FLAVOURS
from handbook.verdict import compare, judge

JOBS = [(snippet, flavour, mode) for flavour, mode in READER_RUNS for snippet in SNIPPETS]


def _id(job) -> str:
    return f"{job[0].relative_to(ROOT / 'snippets')}-{job[1]}-{job[2]}"


@pytest.mark.parametrize("job", JOBS, ids=_id)
def test_snippet_run_by_a_reader_prints_its_expected_output(reader_runs, job):
    snippet, flavour, mode = job
    run = reader_runs[job]
    assert run.mode == mode, f"{snippet} [{flavour}] ran {run.mode}, not as a reader ({mode})"
    verdict = judge([run], timeout=300) or compare(run, snippet, snippet.relative_to(ROOT))
    assert verdict is None, f"{snippet} [{flavour}, {mode}] {verdict}"


# A snippet is read on a page and copied whole, so it stays short; a longer piece of code is
# split into cells that continue one another (handbook.continues), as freeze_report is.
MAX_LINES = 45


def test_every_snippet_fits_in_45_lines():
    lines = {
        str(s.relative_to(ROOT / "snippets")): len(s.read_text().splitlines()) for s in SNIPPETS
    }
    too_long = {name: n for name, n in lines.items() if n > MAX_LINES}
    assert not too_long, f"snippets over {MAX_LINES} lines (split or shorten them): {too_long}"


def test_a_cell_that_others_continue_prints_nothing():
    # so a continuation's run, which runs the cells it continues first, prints its own output
    continued = {part for s in SNIPPETS for part in continues.chain(s)[:-1]}
    assert continued, "no snippet continues another: this test checks nothing"
    printing = [
        f"{part.relative_to(ROOT)} [{flavour}]"
        for part in sorted(continued)
        for flavour in FLAVOURS
        if expected.read(part, flavour) != ""
    ]
    assert not printing, f"continued cells that print (or have no stored output): {printing}"


def test_every_snippet_is_on_a_page():
    pages = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md"))
    unused = [
        str(s.relative_to(ROOT))
        for s in SNIPPETS
        if f":load: ../{s.relative_to(ROOT)}" not in pages
    ]
    assert not unused, f"snippets no page loads: {unused}"


def test_no_expected_output_without_its_snippet():
    orphans = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "snippets").rglob("expected/*.txt")
        if not expected.snippet_for(p).is_file()
    ]
    assert not orphans
