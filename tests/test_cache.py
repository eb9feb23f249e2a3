"""The execution cache and incremental builds: an edit invalidates exactly what depends on it.

A stale output must never reach a page, and an unrelated output must never be recomputed. Each
test builds a tiny project twice and reads, from the execution log and the doctree files, what the
second build ran and what it read again.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT, executions, sphinx_build

from handbook import pins
from handbook.execute import ExecutionCache
from handbook.runner import configurations


def _ran(out: Path, skip: int = 0) -> list[tuple[str, str]]:
    """(snippet file name, flavour) of every real run after the first `skip` runs per
    configuration, each listed once: it runs once under every numerics configuration."""
    runs = [line.split("\t") for line in executions(out)]
    per = len(configurations())
    assert all(sum(r[2] == c for r in runs) * per == len(runs) for c in configurations())
    return sorted((Path(r[0]).name, r[1]) for r in runs[skip * per :] if r[2] == "native")


def _read_times(out: Path) -> dict[str, int]:
    """When each page was last read: Sphinx rewrites a page's doctree whenever it reads it."""
    return {p.stem: p.stat().st_mtime_ns for p in (out / "doctrees").glob("*.doctree")}


def _html(out: Path, page: str) -> str:
    return (out / "html" / f"{page}.html").read_text(encoding="utf-8")


def test_unchanged_rebuild_runs_nothing_and_reads_nothing(project, tmp_path):
    source, out = project("two-pages"), tmp_path / "out"
    assert sphinx_build(source, out).returncode == 0
    read = _read_times(out)
    assert sphinx_build(source, out).returncode == 0
    assert _ran(out, skip=2) == []
    assert _read_times(out) == read


def test_changed_snippet_runs_only_that_snippet_again(project, tmp_path):
    source, out = project("two-pages"), tmp_path / "out"
    assert sphinx_build(source, out).returncode == 0
    (source / "other.py").write_text('"""Edited."""\nprint("second, edited")\n', encoding="utf-8")
    (source / "expected" / "other.keras3.txt").write_text("second, edited\n", encoding="utf-8")
    done = sphinx_build(source, out)
    assert done.returncode == 0, done.stderr
    assert _ran(out, skip=2) == [("other.py", "keras3")]
    assert "second, edited" in _html(out, "other")


def test_changed_snippet_without_new_expected_output_fails_instead_of_showing_the_old_one(
    project, tmp_path
):
    source, out = project("two-pages"), tmp_path / "out"
    assert sphinx_build(source, out).returncode == 0
    (source / "other.py").write_text('"""Changed."""\nprint("changed")\n', encoding="utf-8")
    done = sphinx_build(source, out)
    assert done.returncode != 0 and "+changed" in done.stderr and "other.md:13" in done.stderr


def test_changed_expected_output_reads_only_its_page_again_and_runs_nothing(project, tmp_path):
    source, out = project("two-pages"), tmp_path / "out"
    assert sphinx_build(source, out).returncode == 0
    read = _read_times(out)
    (source / "expected" / "other.keras3.txt").write_text("edited by hand\n", encoding="utf-8")
    done = sphinx_build(source, out)
    assert done.returncode != 0 and "-edited by hand\n+second" in done.stderr
    assert _ran(out, skip=2) == []  # the run came from the cache; the comparison did not
    after = _read_times(out)
    assert after["other"] != read["other"] and after["index"] == read["index"]


def test_each_language_reuses_the_execution(project, tmp_path):
    source, out = project("two-flavours"), tmp_path / "out"
    for language in ("en", "zh_CN"):
        done = sphinx_build(
            source,
            out,
            "-D",
            "handbook_flavours=keras3,keras2",
            "-D",
            f"language={language}",
            "-d",
            str(out / f"doctrees-{language}"),
        )
        assert done.returncode == 0, done.stderr
    assert sorted(_ran(out)) == [("snippet.py", "keras2"), ("snippet.py", "keras3")]


def test_changed_pinned_version_runs_every_snippet_again(project, tmp_path, monkeypatch):
    # the build refuses versions that differ from the pins (test_output_checker), so a new pin
    # reaches the cache as new installed versions; simulated here, where the cache reads them
    source = project("two-pages")
    jobs = [(source / "snippet.py", "keras3"), (source / "other.py", "keras3")]
    ExecutionCache(tmp_path / "cache", 60, preload=()).run_all(jobs)
    ExecutionCache(tmp_path / "cache", 60, preload=()).run_all(jobs)
    assert len(_ran(tmp_path)) == 2  # the second time, every run came from the cache
    versions = pins.stack_versions()
    monkeypatch.setattr(pins, "stack_versions", lambda: {**versions, "keras": "3.99.0"})
    ExecutionCache(tmp_path / "cache", 60, preload=()).run_all(jobs)
    assert sorted(_ran(tmp_path, skip=2)) == [("other.py", "keras3"), ("snippet.py", "keras3")]


def test_unchanged_site_rebuild_writes_no_page_again(project, tmp_path):
    from handbook import site

    source, work = project("two-pages"), tmp_path / "work"
    assert site.build(docs=source, build=work, out=tmp_path / "site") == 0
    # the pages of the sources; Sphinx writes its index and search pages on every build
    pages = {
        p: p.stat().st_mtime_ns
        for name in ("index", "other")
        for p in (work / "languages").glob(f"*/html/{name}.html")
    }
    assert len(pages) == 4
    assert site.build(docs=source, build=work, out=tmp_path / "site") == 0
    assert {p: p.stat().st_mtime_ns for p in pages} == pages
    assert (tmp_path / "site" / "zh_CN" / "other.html").is_file()  # and all are published


def test_removed_page_is_no_longer_published(project, tmp_path):
    from handbook import site

    source, published = project("two-pages"), tmp_path / "site"
    assert site.build(docs=source, build=tmp_path / "work", out=published) == 0
    assert (published / "en" / "other.html").is_file()
    assert list((published / "en" / "_sources").glob("other.*"))
    (source / "other.md").unlink()
    (source / "other.py").unlink()
    (source / "expected" / "other.keras3.txt").unlink()
    assert site.build(docs=source, build=tmp_path / "work", out=published) == 0
    for language in ("en", "zh_CN"):
        assert not (published / language / "other.html").exists()
        assert not list((published / language / "_sources").glob("other.*"))  # its source
        assert (published / language / "index.html").is_file()


def test_edited_build_code_reads_every_page_again_without_running_anything(project, tmp_path):
    # labels, stamps and output blocks are rendered into the doctrees, so pages read by the old
    # code must not survive an edit to the handbook package
    code = tmp_path / "code"
    shutil.copytree(
        ROOT / "handbook", code / "handbook", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", code)  # the pins, read beside the package
    source, out = project("two-pages"), tmp_path / "out"
    assert sphinx_build(source, out, code=code).returncode == 0
    assert "Output, Keras 3" in _html(out, "index")
    labels = code / "handbook" / "labels.py"
    labels.write_text(
        labels.read_text(encoding="utf-8").replace(
            '"keras3": "Output, Keras 3"', '"keras3": "Printed by Keras 3"'
        ),
        encoding="utf-8",
    )
    done = sphinx_build(source, out, code=code)
    assert done.returncode == 0, done.stderr
    for page in ("index", "other"):
        assert "Printed by Keras 3" in _html(out, page)
    assert _ran(out, skip=2) == []
