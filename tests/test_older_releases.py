"""What older TensorFlow releases printed, from the report of `nox -s releases`: shown under each
output, named "not yet checked" for a snippet edited since, and listed for the maintainer."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest
from conftest import ROOTS, sphinx_build

from handbook import older_releases

RELEASES = [
    {"tensorflow": "2.19.1", "keras": "3.11.2", "tf-keras": "2.19.0"},
    {"tensorflow": "2.20.0", "keras": "3.13.2", "tf-keras": "2.20.1"},
]


def write_report(source, entries):
    report = {
        "format": 1,
        "pinned": {"tensorflow": "2.21.0", "keras": "3.15.1", "tf-keras": "2.21.0"},
        "releases": RELEASES,
        "entries": entries,
    }
    (source / "releases.json").write_text(json.dumps(report), encoding="utf-8")


def entry(source, name, tensorflow, status="identical", output=None, sha=None):
    sha = sha or hashlib.sha256((source / name).read_bytes()).hexdigest()
    found = {"snippet": name, "sha256": sha, "flavour": "keras3", "tensorflow": tensorflow}
    return {**found, "status": status, **({"output": output} if output else {})}


@pytest.fixture(scope="module")
def releases_root(tmp_path_factory):
    source = tmp_path_factory.mktemp("releases") / "project"
    shutil.copytree(ROOTS / "base", source)
    shutil.copytree(ROOTS / "test-releases", source, dirs_exist_ok=True)
    write_report(
        source,
        [
            entry(source, "checked.py", "2.19.1", "different", "then\n"),
            entry(source, "checked.py", "2.20.0"),
            # the report ran an older edited.py: its hash is not the file's
            entry(source, "edited.py", "2.19.1", sha="0" * 64),
            entry(source, "edited.py", "2.20.0", sha="0" * 64),
        ],
    )
    return source


@pytest.fixture(scope="module")
def english(releases_root) -> str:
    """The page built once for the tests that read it."""
    out = releases_root.parent / "out"
    done = sphinx_build(releases_root, out)
    assert done.returncode == 0, done.stderr  # a snippet not yet checked is not a failure
    return (out / "html" / "index.html").read_text(encoding="utf-8")


def test_output_names_the_releases_that_print_it_and_shows_the_others(english):
    page = english
    assert "The same output on TensorFlow 2.20–2.21." in page
    assert "Output, Keras 3 on TensorFlow 2.19" in page and "then\n" in page
    assert "The same snippets were also run on TensorFlow 2.19–2.20." in page


def test_snippet_edited_since_the_report_is_not_yet_checked(english, releases_root):
    assert english.count("Not yet checked on older TensorFlow releases.") == 1
    report = older_releases.load(releases_root / "releases.json")
    notices = older_releases.unchecked(releases_root, releases_root, ["keras3"], report)
    assert notices == [
        "index.md:16: edited.py is not yet checked on TensorFlow 2.19–2.20 (new or edited since "
        "releases/report.json): run `nox -s releases`"
    ]


def test_release_missing_from_the_report_leaves_the_snippet_unchecked(project, tmp_path):
    source = project("releases")
    write_report(source, [entry(source, "checked.py", "2.19.1")])  # 2.20.0 never ran
    report = older_releases.load(source / "releases.json")
    notices = older_releases.unchecked(source, source, ["keras3"], report)
    assert [n.split(":")[1] for n in notices] == ["12", "16"]


def test_broken_report_stops_the_build_naming_the_file(project, tmp_path):
    source = project("releases")
    (source / "releases.json").write_text('{"format": 1, "entries": []}', encoding="utf-8")
    done = sphinx_build(source, tmp_path / "out")
    assert done.returncode != 0
    assert "releases.json: not a releases report (KeyError" in done.stderr


def test_translated_page_says_it_in_its_language(releases_root, tmp_path):
    done = sphinx_build(releases_root, tmp_path / "out", "-D", "language=zh_CN")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "在 TensorFlow 2.20–2.21 上输出相同。" in page
    assert "尚未在更早的 TensorFlow 版本上检查。" in page


def test_release_the_report_has_no_row_for_breaks_the_range():
    report = older_releases.Report("2.21.0", (), {})
    assert report.span(["2.21.0", "2.16.2", "2.17.1"]) == "2.16–2.17, 2.21"
    assert report.span(["2.20.0", "2.21.0", "2.18.1", "2.19.1"]) == "2.18–2.21"
