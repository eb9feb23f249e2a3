"""Under pytest-xdist, a test file whose tests share a module-scoped build goes whole to one
worker, and every other test to the next free worker (tests/conftest.py)."""

from __future__ import annotations

from types import SimpleNamespace

from conftest import MODULE_BUILDS, ROOT, pytest_xdist_make_scheduler


def test_a_file_with_a_module_build_goes_whole_to_one_worker_and_other_tests_one_by_one():
    # what the scheduler reads of pytest's configuration: two local workers, as `-n 2` gives
    config = SimpleNamespace(getvalue={"tx": ["2*popen"]}.get)
    scheduling = pytest_xdist_make_scheduler(config, None)
    for file in MODULE_BUILDS:
        assert (ROOT / file).is_file(), f"{file} was moved: MODULE_BUILDS names it"
        scopes = {scheduling._split_scope(f"{file}::{test}") for test in ("a", "b[en]", "c[ru]")}
        assert scopes == {file}
    other = ["tests/test_site.py::test_a", "tests/test_site.py::test_b[en]"]
    assert [scheduling._split_scope(nodeid) for nodeid in other] == other
