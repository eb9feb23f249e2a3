"""Run `python -m sphinx` in a child forked from a Python that has already imported Sphinx.

Mechanism: a small build spends most of its CPU importing Sphinx, myst-nb (with jupyter-cache and
SQLAlchemy) and the theme: about 2 s of a 3 s build of a tiny test root. `run` hands the build to
a server, started once per calling process as `python sphinx_fork.py`, that has imported them and
forks a child per build. The child takes the caller's environment, working folder and `sys.path`
as `python -m sphinx` would have them (the working folder, then PYTHONPATH), points fds 0, 1 and 2
at /dev/null and two files, runs `sphinx` as `__main__` and leaves the server's loop to exit as a
process does (atexit handlers, waiting for its threads). The server imports nothing from
`handbook`, so a child imports the extension PYTHONPATH names, as a fresh build does. A server
serves one build at a time; two builds at once start two. Where there is no fork, or a server
cannot start or dies, the build runs in a fresh `python -m sphinx` and its report says why in its
first line; HANDBOOK_SPHINX=fresh asks for a fresh build.

What a child does not get afresh: the modules the server imported read their environment
variables at import, from the environment of the process that started it, and what they print at
import is not in any build's output (PRELOAD leaves out a module that prints).
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

# what the builds import besides Sphinx's built-in extensions (which the server imports too); one
# a build does not use costs nothing but its import, once
PRELOAD = (
    "sphinx.cmd.build",
    "myst_nb.sphinx_ext",
    "sphinx_book_theme",
    "sphinx.search.zh",
)  # not sphinxext.opengraph: its import prints a notice each build's report should show


def _child(request: dict) -> int:
    """In the forked child: become `python -m sphinx <argv>` in the request's folder and
    environment, and return its exit code."""
    import runpy
    import traceback

    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    for fd, name in ((1, request["stdout"]), (2, request["stderr"])):
        target = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(target, fd)
        os.close(target)
    os.environ.clear()
    os.environ.update(request["env"])
    os.chdir(request["cwd"])
    extra = [p for p in request["env"].get("PYTHONPATH", "").split(os.pathsep) if p]
    sys.path[:0] = [request["cwd"], *extra]
    sys.argv = ["-m", *request["argv"]]
    try:
        runpy.run_module("sphinx", run_name="__main__", alter_sys=True)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:
        traceback.print_exc()
        code = 1
    return code


def serve() -> int:
    """The server's loop: one JSON request per line on stdin, one JSON answer per line."""
    import importlib

    from sphinx.application import builtin_extensions

    # stdout carries the answers: what an import prints must not reach it
    with contextlib.redirect_stdout(sys.stderr):
        for name in (*builtin_extensions, *PRELOAD):
            with contextlib.suppress(ImportError):  # a build that needs it will say so itself
                importlib.import_module(name)
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            return _child(request)  # the child leaves the loop and exits like a process
        _, status = os.waitpid(pid, 0)
        sys.stdout.write(json.dumps({"code": os.waitstatus_to_exitcode(status)}) + "\n")
        sys.stdout.flush()
    return 0


class _Server:
    def __init__(self) -> None:
        # no PYTHONPATH and a neutral folder: the server's sys.path holds only the interpreter's
        # own folders, and each child puts the caller's in front
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        self.process = subprocess.Popen(
            [sys.executable, __file__],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=tempfile.gettempdir(),
            env=env,
            text=True,
            encoding="utf-8",
        )

    def build(self, argv: list[str], cwd: str, env: dict[str, str]) -> tuple[int, str, str]:
        assert self.process.stdin is not None and self.process.stdout is not None
        with tempfile.TemporaryDirectory(prefix="handbook-sphinx-") as scratch:
            out, err = Path(scratch) / "stdout", Path(scratch) / "stderr"
            request = {"argv": argv, "cwd": cwd, "env": env, "stdout": str(out), "stderr": str(err)}
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
            answer = self.process.stdout.readline()
            if not answer:
                raise OSError("the Sphinx fork server ended")
            read = lambda p: p.read_text(encoding="utf-8", errors="replace")  # noqa: E731
            return json.loads(answer)["code"], read(out), read(err)

    def close(self) -> None:
        """End the server (at the end of its input) and close its pipes."""
        if self.process.stdin:
            with contextlib.suppress(OSError):  # a server that died leaves a broken pipe
                self.process.stdin.close()
        self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()


_idle: list[_Server] = []
_lock = threading.Lock()


def close() -> None:
    """End every idle server; registered to run at the calling process's exit."""
    with _lock:
        while _idle:
            _idle.pop().close()


atexit.register(close)


def run(
    argv: list[str], cwd: Path | str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """`python -m sphinx <argv>` in `cwd` with `env` (default: this process's), forked from a
    server when it can: the exit code and the captured stdout and stderr, as subprocess.run."""
    cwd = str(Path(cwd or Path.cwd()).resolve())
    env = dict(os.environ if env is None else env)
    if hasattr(os, "fork") and env.get("HANDBOOK_SPHINX") != "fresh":
        with _lock:
            server = _idle.pop() if _idle else None
        try:
            server = server or _Server()
            code, out, err = server.build(argv, cwd, env)
        except (OSError, ValueError) as exc:  # no server (it could not start or died)
            if server is not None:
                server.process.kill()
                server.close()
            note = f"note: no Sphinx fork server ({exc}); built in a fresh `python -m sphinx`\n"
        else:
            with _lock:
                _idle.append(server)
            return subprocess.CompletedProcess(argv, code, out, err)
    else:
        note = ""
    command = [sys.executable, "-m", "sphinx", *argv]
    done = subprocess.run(
        command, capture_output=True, text=True, encoding="utf-8", cwd=cwd, env=env
    )
    done.stderr = note + done.stderr  # the reason a build was not forked, in its report
    return done


if __name__ == "__main__":
    # run as a script, this file's folder (handbook/) is first on sys.path: a child would find
    # handbook's modules (site.py) before the standard library's and the site's extensions
    sys.path.pop(0)
    sys.exit(serve())
