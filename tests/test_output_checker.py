"""The output checker on tiny projects: every failure is loud and located, a fix makes it pass."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import sphinx_build

from handbook import pins


def test_drift_fails_with_a_diff_naming_page_snippet_language_and_flavour(project, tmp_path):
    source = project("drift")
    done = sphinx_build(source, tmp_path / "out")
    assert done.returncode != 0
    message = done.stderr
    assert "index.md:12" in message  # the `:load:` line of the code cell
    assert "snippet.py" in message and "[language en, keras3]" in message
    assert "[handbook.output_mismatch]" in message
    assert "-41\n+42\n" in message  # a unified diff, stored -> executed


def test_drift_names_the_language_of_a_translated_build(project, tmp_path):
    done = sphinx_build(project("drift"), tmp_path / "out", "-D", "language=zh_CN")
    assert done.returncode != 0
    assert "[language zh_CN, keras3]" in done.stderr


def test_drift_passes_once_the_expected_output_is_corrected(project, tmp_path):
    source = project("drift")
    assert sphinx_build(source, tmp_path / "out").returncode != 0
    (source / "expected" / "snippet.keras3.txt").write_text("hello\n42\n", encoding="utf-8")
    done = sphinx_build(source, tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert "42" in (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")


def test_failed_page_is_checked_again_on_an_unchanged_rebuild(project, tmp_path):
    # Sphinx skips unchanged pages; a page that failed must not pass by being skipped
    source = project("drift")
    assert sphinx_build(source, tmp_path / "out").returncode != 0
    again = sphinx_build(source, tmp_path / "out")
    assert again.returncode != 0
    assert "[handbook.output_mismatch]" in again.stderr


def test_error_in_snippet_fails_with_its_traceback(project, tmp_path):
    done = sphinx_build(project("error"), tmp_path / "out")
    assert done.returncode != 0
    assert "[handbook.snippet_error]" in done.stderr and "index.md:12" in done.stderr
    assert 'snippet.py", line 3' in done.stderr
    assert "ValueError: this snippet is broken" in done.stderr


def test_hanging_snippet_is_killed_and_named(project, tmp_path):
    done = sphinx_build(project("timeout"), tmp_path / "out", "-D", "handbook_timeout=2")
    assert done.returncode != 0
    assert "[handbook.snippet_timeout]" in done.stderr
    assert "snippet.py on index.md:12" in done.stderr and "within 2 s" in done.stderr


def test_missing_expected_output_says_how_to_create_it(project, tmp_path):
    done = sphinx_build(project("missing-expected"), tmp_path / "out")
    assert done.returncode != 0
    assert "[handbook.expected_missing]" in done.stderr
    assert "nox -s update-outputs" in done.stderr


def test_printed_markup_is_shown_as_text(project, tmp_path):
    done = sphinx_build(project("markup"), tmp_path / "out")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in page and "<script>alert(" not in page


def test_flavours_that_differ_are_shown_side_by_side(project, tmp_path):
    done = sphinx_build(
        project("two-flavours"), tmp_path / "out", "-D", "handbook_flavours=keras3,keras2"
    )
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert page.count("output stream") == 2 and "handbook-differs" in page
    assert "Output, Keras 2 (tf-keras)" in page
    assert "keras 3" in page and "legacy" in page


def test_flavours_that_agree_are_shown_once(project, tmp_path):
    source = project("markup")
    (source / "expected" / "snippet.keras2.txt").write_text(
        (source / "expected" / "snippet.keras3.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    done = sphinx_build(source, tmp_path / "out", "-D", "handbook_flavours=keras3,keras2")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert page.count("output stream") == 1 and "the same in Keras 2 and Keras 3" in page


def test_broken_keras2_expected_output_fails_naming_keras2(project, tmp_path):
    source = project("two-flavours")
    (source / "expected" / "snippet.keras2.txt").write_text("broken\n", encoding="utf-8")
    done = sphinx_build(source, tmp_path / "out", "-D", "handbook_flavours=keras3,keras2")
    assert done.returncode != 0
    assert "[language en, keras2]" in done.stderr and "+legacy" in done.stderr
    assert "keras3]" not in done.stderr  # the flavour that still matches is not blamed


def test_what_changed_puts_behaviour_first_and_random_draws_after(project, tmp_path):
    done = sphinx_build(
        project("differences"), tmp_path / "out", "-D", "handbook_flavours=keras3,keras2"
    )
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "out" / "html" / "changes.html").read_text(encoding="utf-8")
    assert "same.py" not in page
    assert "2 of the 3 snippets" in page and "outputs under Keras 2 and Keras 3: 1 because" in page
    # differs.py prints its flavour, whatever the seed: behaviour, shown with both outputs
    behaviour, draws = page.split("differ only in their random draws")
    assert "differs.py" in behaviour and "legacy" in behaviour
    # draws.py's differing line changes with the seed in both flavours: listed after, no outputs
    assert "draws.py" in draws and "draw: 0." not in page
    assert 'href="index.html"' in page  # the link to the page that shows the snippet


def test_pin_mismatch_names_both_versions_and_the_fix(tmp_path):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[dependency-groups]\nkeras = ["keras==2.0.3"]\n', encoding="utf-8")
    with pytest.raises(pins.PinMismatch) as error:
        pins.check(pyproject)
    message = str(error.value)
    assert "pinned 2.0.3" in message and "installed 3.15.1" in message
    assert "nox -s docs" in message


def test_missing_snippet_file_fails_the_build_at_the_page_line(project, tmp_path):
    done = sphinx_build(project("missing-snippet"), tmp_path / "out")
    assert done.returncode != 0
    assert "index.md:12: WARNING: :load: no_such_snippet.py does not exist" in done.stderr
    assert "[handbook.snippet_missing]" in done.stderr


def test_nondeterministic_snippet_is_refused_by_update_outputs(project, capsys):
    from handbook import update_outputs

    snippet = project("nondeterministic") / "snippet.py"
    assert update_outputs.main([str(snippet), "--flavour", "keras3", "--preload", ""]) == 1
    message = capsys.readouterr().err
    assert "snippet.py [keras3] is nondeterministic" in message
    assert "[handbook.nondeterministic]" in message and "+++ native run (forked)" in message
    assert not (snippet.parent / "expected").exists()  # nothing stored


def test_fragile_snippet_is_refused_by_update_outputs_naming_both_configurations(project, capsys):
    from handbook import update_outputs

    snippet = project("fragile") / "snippet.py"
    stored = (snippet.parent / "expected" / "snippet.keras3.txt").read_text()
    assert update_outputs.main([str(snippet), "--flavour", "keras3", "--preload", ""]) == 1
    message = capsys.readouterr().err
    assert "[handbook.fragile_output]" in message
    assert "under native (" in message and "and capped (" in message
    assert "-intra-op threads: default\n+intra-op threads: 1\n" in message
    assert (snippet.parent / "expected" / "snippet.keras3.txt").read_text() == stored


def test_fragile_output_fails_the_build_with_both_configurations_and_the_diff(project, tmp_path):
    done = sphinx_build(project("fragile"), tmp_path / "out")
    assert done.returncode != 0
    assert "index.md:12" in done.stderr and "[handbook.fragile_output]" in done.stderr
    assert "[language en, keras3]" in done.stderr
    assert "TF_NUM_INTRAOP_THREADS=1" in done.stderr  # the second configuration, spelled out
    assert "-intra-op threads: default\n+intra-op threads: 1\n" in done.stderr
    assert "tolerance" in done.stderr  # the hint


def test_update_outputs_stores_what_the_snippet_printed(project, capsys):
    from handbook import update_outputs

    snippet = project("drift") / "snippet.py"
    assert update_outputs.main([str(snippet), "--flavour", "keras3", "--preload", ""]) == 0
    assert (snippet.parent / "expected" / "snippet.keras3.txt").read_text() == "hello\n42\n"
    assert "UPDATED" in capsys.readouterr().out


def test_output_longer_than_a_page_fails_with_its_size(project, tmp_path):
    done = sphinx_build(project("too-long"), tmp_path / "out")
    assert done.returncode != 0
    assert "[handbook.output_too_long]" in done.stderr and "index.md:12" in done.stderr
    assert "more than the limit of" in done.stderr
    assert "Traceback" not in done.stderr


def test_output_that_is_not_utf8_fails_naming_the_byte(project, tmp_path):
    done = sphinx_build(project("not-utf8"), tmp_path / "out")
    assert done.returncode != 0
    assert "[handbook.output_not_utf8]" in done.stderr and "index.md:12" in done.stderr
    assert "byte 3 (output line 1)" in done.stderr and "b'\\xe9'" in done.stderr
    assert "Traceback" not in done.stderr


def test_processes_left_behind_are_ended_and_reported_not_as_a_timeout(project, tmp_path):
    done = sphinx_build(project("leftover"), tmp_path / "out")
    assert done.returncode != 0
    assert "[handbook.processes_left]" in done.stderr and "index.md:12" in done.stderr
    assert "snippet_timeout" not in done.stderr
    left = subprocess.run(["pgrep", "-f", "sleep 600"], capture_output=True, text=True)
    assert left.stdout == "", "the snippet's child process is still running"


def test_snippet_waiting_for_input_fails_at_once(project, tmp_path):
    done = sphinx_build(project("input"), tmp_path / "out", "-D", "handbook_timeout=60")
    assert done.returncode != 0
    assert "[handbook.snippet_error]" in done.stderr and "EOFError" in done.stderr
    assert "stdin is closed" in done.stderr


def test_orphan_expected_output_fails_the_build_naming_the_file(project, tmp_path):
    done = sphinx_build(project("orphan"), tmp_path / "out")
    assert done.returncode != 0
    assert "removed_snippet.keras3.txt belongs to no snippet" in done.stderr
    assert "[handbook.orphan_expected]" in done.stderr


def test_one_build_reports_every_failing_page(project, tmp_path):
    done = sphinx_build(project("two-failures"), tmp_path / "out")
    assert done.returncode != 0
    assert "index.md:12" in done.stderr and "[handbook.output_mismatch]" in done.stderr
    assert "other.md:13" in done.stderr and "[handbook.snippet_error]" in done.stderr


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_failed_site_build_leaves_the_published_site_untouched(project, tmp_path, capsys):
    from handbook import site

    source = project("markup")
    published = tmp_path / "site"
    assert site.build(docs=source, build=tmp_path / "work", out=published) == 0
    before = _tree(published)
    assert "en/index.html" in before and "zh_CN/index.html" in before
    (source / "expected" / "snippet.keras3.txt").write_text("drifted\n", encoding="utf-8")
    assert site.build(docs=source, build=tmp_path / "work", out=published) == 1
    assert _tree(published) == before
    assert not (tmp_path / "site.staging").exists()
    assert "left as it was" in capsys.readouterr().err


def test_stamp_names_versions_platform_and_default_settings(project, tmp_path):
    done = sphinx_build(project("markup"), tmp_path / "out")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    stamp = page.split('class="handbook-stamp"', 1)[1].split("</p>", 1)[0]
    assert "tensorflow 2.21.0" in stamp and "keras 3.15.1" in stamp
    assert "(CPU, x86-64, Python 3.11)" in stamp and "default Keras settings" in stamp


def test_a_continuation_runs_after_the_cell_it_continues_and_shows_only_its_output(
    project, tmp_path
):
    done = sphinx_build(project("continues"), tmp_path / "out")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "answer: 42" in page
    assert page.count('class="cell_output') == 1  # the cell that prints nothing shows no box


def test_editing_a_continued_cell_runs_its_continuation_again(project, tmp_path):
    source = project("continues")
    assert sphinx_build(source, tmp_path / "out").returncode == 0
    defines = source / "defines.py"
    defines.write_text(defines.read_text().replace("6 * 7", "6 * 8"), encoding="utf-8")
    done = sphinx_build(source, tmp_path / "out")
    assert done.returncode != 0
    assert "index.md:16" in done.stderr and "[handbook.output_mismatch]" in done.stderr
    assert "-answer: 42\n+answer: 48\n" in done.stderr


def test_a_continuation_above_the_cell_it_continues_is_named_at_its_line(project, tmp_path):
    source = project("continues")
    page = source / "index.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text.replace(":load: defines.py", ":load: TMP")
        .replace(":load: snippet.py", ":load: defines.py")
        .replace(":load: TMP", ":load: snippet.py"),
        encoding="utf-8",
    )
    done = sphinx_build(source, tmp_path / "out")
    assert done.returncode != 0
    assert "index.md:12" in done.stderr and "[handbook.continues_not_above]" in done.stderr
    assert "continues defines.py, which no cell above it" in done.stderr


def test_a_continues_line_naming_no_file_fails_at_the_page_and_snippet_line(project, tmp_path):
    source = project("continues")
    snippet = source / "snippet.py"
    snippet.write_text(snippet.read_text().replace("defines.py", "gone.py"), encoding="utf-8")
    done = sphinx_build(source, tmp_path / "out")
    assert done.returncode != 0
    assert "index.md:16" in done.stderr and "[handbook.continues_broken]" in done.stderr
    assert "snippet.py:2 continues gone.py, which does not exist" in done.stderr
    assert "Traceback" not in done.stderr
