"""A Sphinx build forked from a server that imported Sphinx prints, warns and exits as a fresh
`python -m sphinx` does, in the caller's folder, environment and sys.path (handbook.sphinx_fork).
"""

from __future__ import annotations

import os
from pathlib import Path

from conftest import sphinx_build

from handbook import sphinx_fork

# appended to the tiny root's conf.py: what the build sees of its caller, and its exit
PROBE = """
import atexit, os, sys
import handbook  # found through the caller's PYTHONPATH only
print("folder", os.getcwd() == os.path.dirname(os.path.abspath(__file__)))
print("path", sys.path[0] == os.getcwd(), os.path.dirname(handbook.__path__[0]))
print("probe", os.environ.get("HANDBOOK_PROBE"))
print("parent", os.getppid())
atexit.register(print, "exited as a process does")
"""


def _build(source, tmp_path, monkeypatch, mode: str):
    monkeypatch.setenv("HANDBOOK_SPHINX", mode)
    monkeypatch.setenv("HANDBOOK_PROBE", f"set by the caller of the {mode} build")
    done = sphinx_build(source, tmp_path / mode)
    lines = done.stdout.splitlines()
    parent = next(int(line.split()[1]) for line in lines if line.startswith("parent "))
    rest = [line for line in lines if not line.startswith("parent ")]
    return done.returncode, rest, done.stderr, parent


def test_a_forked_build_prints_warns_and_exits_as_a_fresh_one(project, tmp_path, monkeypatch):
    source = project("missing-snippet")
    with open(source / "conf.py", "a", encoding="utf-8") as conf:
        conf.write(PROBE)
    code, stdout, stderr, parent = _build(source, tmp_path, monkeypatch, "forked")
    fresh_code, fresh_stdout, fresh_stderr, fresh_parent = _build(
        source, tmp_path, monkeypatch, "fresh"
    )
    # it really was forked from a server, and the fresh one was not
    assert parent in {server.process.pid for server in sphinx_fork._idle}
    assert fresh_parent == os.getpid()
    assert (code, stderr) == (fresh_code, fresh_stderr)
    assert code == 1 and "[handbook.snippet_missing]" in stderr
    assert stdout == [line.replace("fresh", "forked") for line in fresh_stdout]
    assert stdout == [
        "folder True",
        f"path True {Path(sphinx_fork.__file__).parent.parent}",
        "probe set by the caller of the forked build",
        "exited as a process does",
    ]


def test_a_build_whose_server_died_is_made_fresh_and_says_why(project, tmp_path, monkeypatch):
    def died(*args):
        raise OSError("the Sphinx fork server ended")

    monkeypatch.setattr(sphinx_fork._Server, "build", died)
    done = sphinx_build(project("missing-snippet"), tmp_path / "out")
    note, *rest = done.stderr.splitlines()
    assert note == (
        "note: no Sphinx fork server (the Sphinx fork server ended); "
        "built in a fresh `python -m sphinx`"
    )
    assert done.returncode == 1 and "[handbook.snippet_missing]" in "\n".join(rest)
