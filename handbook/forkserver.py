"""A Python that has imported TensorFlow and Keras once, and forks a child for each snippet run.

Mechanism: `handbook.runner` starts this file as a script (`python handbook/forkserver.py`), with
the declared environment of one Keras flavour and one numerics configuration, so the import reads
the same variables a fresh `python snippet.py` would. The server imports TensorFlow and Keras and
then reads one JSON request per line on stdin: the snippet, a fresh working folder, and two files
for stdout and stderr. For each it forks; the child makes itself a process-group leader, closes
stdin, points fds 1 and 2 at the files, moves into the working folder, reseeds the generators a
fresh interpreter would seed from the OS, and runs the snippet as `__main__` with `runpy`. The
server answers one JSON line: the child's pid (its process-group id) and exit status. Timeouts,
output limits and left-behind processes are handled by the caller, which owns the process group.

The file imports nothing from `handbook`: its folder is first on `sys.path` only for the server,
and the child gets the snippet's folder there instead, as `python snippet.py` would.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import runpy
import sys
import tempfile
import traceback
from pathlib import Path


def _preload(modules: list[str]) -> None:
    """Import what every snippet imports, so no child pays for it."""
    import importlib

    for name in modules:
        importlib.import_module(name)
    if "tensorflow" in modules:
        from tensorflow import keras

        # `from tensorflow import keras` is lazy for tf-keras; touching a module loads it all
        keras.layers.Dense  # noqa: B018


def _exit_code(exc: SystemExit) -> int:
    """What the interpreter would exit with for `raise SystemExit(code)`."""
    if exc.code is None:
        return 0
    if isinstance(exc.code, int):
        return exc.code
    print(exc.code, file=sys.stderr)
    return 1


def _child(path: str, cwd: str, stdout: str, stderr: str, file_limit: int) -> int:
    os.setsid()  # its own process group: the caller can end the snippet and all it started
    resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))  # a runaway print
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)  # input() fails at once with EOFError instead of waiting
    for fd, name in ((1, stdout), (2, stderr)):
        target = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(target, fd)
        os.close(target)
    sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115 (lives until exit)
    os.chdir(cwd)
    os.environ["TMPDIR"] = cwd  # as the caller sets it for a fresh run
    tempfile.tempdir = None  # re-read TMPDIR
    sys.argv = [path]
    sys.path[0] = str(Path(path).parent)
    # a fresh interpreter seeds numpy's global generator from the OS; without this every child
    # would share the server's draws, and a snippet that forgot its seed would look
    # deterministic (Python's `random` reseeds itself after a fork)
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed()
    try:
        runpy.run_path(path, run_name="__main__")
        code = 0
    except SystemExit as exc:
        code = _exit_code(exc)
    except BaseException as exc:  # what the interpreter would print, then exit 1
        tb = exc.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename != path:
            tb = tb.tb_next  # drop the runpy frames a fresh run does not have
        sys.stderr.write("".join(traceback.format_exception(type(exc), exc, tb)))
        code = 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # a closed stream has nothing left to write
            stream.flush()
    return code


def serve(preload: list[str]) -> None:
    _preload(preload)
    answers = sys.stdout
    sys.stdout.flush()
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                code = _child(
                    request["path"],
                    request["cwd"],
                    request["stdout"],
                    request["stderr"],
                    request["file_limit"],
                )
            finally:
                os._exit(code)  # never return into the server's loop
        answers.write(json.dumps({"pid": pid}) + "\n")
        answers.flush()
        _, status = os.waitpid(pid, 0)
        answers.write(json.dumps({"status": status}) + "\n")
        answers.flush()


if __name__ == "__main__":
    serve(sys.argv[1:])
