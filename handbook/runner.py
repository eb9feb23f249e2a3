"""Run one snippet as a reader would, in a declared environment, and say what it printed.

Mechanism: a run sees only the environment `environment()` builds (a flavour, a numerics
configuration, an empty Keras home, a fixed locale and hash seed, `PATH`), works in a fresh empty
folder that is removed afterwards, has stdin closed, and owns a process group, so whatever it
started is ended with it. It runs either in a fresh interpreter (`mode="fresh"`,
`python snippet.py`) or in a child forked from a server that has already imported TensorFlow and
Keras under the same environment (`mode="forked"`, `handbook/forkserver.py`), which saves the
~3 s import of every run. The two print the same bytes (the tests compare them for every
snippet). When a server cannot start, the run falls back to a fresh process and says so in
`Run.note`. What a run printed is checked against the limits here: too long, not UTF-8, or
processes left behind are faults, each with its own message, never a traceback of the build.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import dataclasses
import functools
import json
import os
import queue
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from handbook import continues

# How each Keras flavour is selected: the same `from tensorflow import keras` resolves to Keras 3
# by default and to tf-keras (Keras 2) when TF_USE_LEGACY_KERAS=1.
FLAVOURS = {
    "keras3": {"TF_USE_LEGACY_KERAS": "0"},
    "keras2": {"TF_USE_LEGACY_KERAS": "1"},
}
# How a reader runs a copied snippet: a cell in a fresh Jupyter kernel (Keras 3, as in Colab and
# most notebooks) and a file in a fresh interpreter (Keras 2, tf-keras).
READER = {"keras3": "jupyter", "keras2": "fresh"}
# "reader": the native runs are made as a reader makes them (READER), the others forked. The tests
# build the site so: each native run is then at once the build's run and the proof that a
# reader's copy prints the page's output, and no snippet runs twice under one configuration.
MODES = ("forked", "fresh", "jupyter", "reader")

# What a page can show: a longer output is a mistake (a loop printing too much), and a runaway
# one must not fill the disk, so a run may not write files larger than FILE_LIMIT either.
LIMIT_LINES = 60
LIMIT_BYTES = 8_000
FILE_LIMIT = 64 * 2**20

# Variables a run inherits from the machine, and why: PATH to find programs; OpenBLAS's core
# type and cache size, which some machines set because older OpenBLAS builds compute wrong
# results or crash on their CPU without them.
INHERITED = ("PATH", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
FIXED = {
    "KERAS_BACKEND": "tensorflow",
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
    "PYTHONHASHSEED": "0",
    "PYTHONIOENCODING": "utf-8",
    "PYTHONDONTWRITEBYTECODE": "1",  # nothing written beside the snippet
    # TensorFlow's C++ start-up lines only reach stderr, which pages never show; silencing them
    # keeps the tracebacks of failing snippets readable
    "TF_CPP_MIN_LOG_LEVEL": "3",
}
FORKSERVER = Path(__file__).with_name("forkserver.py")
PRELOAD = ("numpy", "tensorflow")  # what the site's snippets import; test roots import nothing


def cpu_flags(cpuinfo: str | None = None) -> set[str]:
    """The instruction-set flags of this CPU, from /proc/cpuinfo (empty where there is none)."""
    if cpuinfo is None:
        try:
            cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8")
        except OSError:
            return set()
    for line in cpuinfo.splitlines():
        if line.startswith("flags"):
            return set(line.split(":", 1)[1].split())
    return set()


def capped_isa(flags: set[str]) -> str | None:
    """The oneDNN instruction set one step below what the CPU has, so matrix products take
    another code path and round differently (None: nothing lower to cap to)."""
    if "avx512f" in flags:
        return "AVX2"
    if "avx2" in flags or "avx" in flags:
        return "SSE41"
    return None


@functools.cache
def configurations() -> dict[str, dict[str, str]]:
    """The numerics configurations every output is checked under: the machine as it is, and a
    second machine simulated on this one (oneDNN capped one instruction set lower, one thread).
    `TF_ENABLE_ONEDNN_OPTS=0` alone does not change the rounding: matrix products still go
    through oneDNN; the instruction-set cap does."""
    second = {"TF_NUM_INTRAOP_THREADS": "1", "OMP_NUM_THREADS": "1"}
    isa = capped_isa(cpu_flags())
    if isa:
        second["ONEDNN_MAX_CPU_ISA"] = isa
    return {"native": {}, "capped": second}


def describe(configuration: str) -> str:
    """A configuration as a maintainer reads it in a message."""
    variables = configurations()[configuration]
    if not variables:
        return f"{configuration} (this CPU's instruction set, default threads)"
    return f"{configuration} ({' '.join(f'{k}={v}' for k, v in variables.items())})"


def environment(flavour: str, configuration: str, home: Path, tmp: Path) -> dict[str, str]:
    """Everything a snippet run sees in `os.environ`; nothing else of the caller's reaches it."""
    inherited = {name: os.environ[name] for name in INHERITED if name in os.environ}
    inherited.setdefault("PATH", os.defpath)
    return {
        **inherited,
        **FIXED,
        "HOME": str(home),
        "KERAS_HOME": str(home / ".keras"),
        "TMPDIR": str(tmp),
        **FLAVOURS[flavour],
        **configurations()[configuration],
    }


@dataclasses.dataclass
class Run:
    """What one execution of one snippet under one flavour and configuration produced."""

    snippet: str
    flavour: str
    returncode: int | None  # None: killed after the timeout
    stdout: str
    stderr: str
    seconds: float
    configuration: str = "native"
    mode: str = "fresh"
    fault: str | None = None  # output_too_long, output_not_utf8, processes_left
    note: str = ""  # how it ran when not as asked (a fallback)

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and self.fault is None


def _group_left(pgid: int) -> bool:
    """End whatever is left in the run's process group; True if anything was."""
    try:
        os.killpg(pgid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    with contextlib.suppress(ProcessLookupError):  # it ended on its own meanwhile
        os.killpg(pgid, signal.SIGKILL)
    return True


def _read(path: Path) -> tuple[str, str | None]:
    """A captured stream as text, and the fault it shows, if any."""
    with open(path, "rb") as stream:
        data = stream.read(LIMIT_BYTES + 1)
        size = os.fstat(stream.fileno()).st_size
    fault = None
    if size > LIMIT_BYTES:
        fault = f"output_too_long: {size} bytes, more than the limit of {LIMIT_BYTES}"
        data = data[:LIMIT_BYTES]
    elif data.count(b"\n") > LIMIT_LINES:
        lines = data.count(b"\n")
        fault = f"output_too_long: {lines} lines, more than the limit of {LIMIT_LINES}"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if fault is None or size <= LIMIT_BYTES:  # a cut may split a character
            line = data[: exc.start].count(b"\n") + 1
            fault = (
                f"output_not_utf8: byte {exc.start} (output line {line}) is not UTF-8: "
                f"{data[exc.start : exc.end]!r}"
            )
        text = data.decode("utf-8", "replace")
    return text, fault


def _finish(
    path: Path,
    flavour: str,
    configuration: str,
    mode: str,
    returncode: int | None,
    scratch: Path,
    start: float,
    left: bool,
    note: str = "",
) -> Run:
    stdout, fault = _read(scratch / "stdout")
    stderr, _ = _read(scratch / "stderr")
    if left and fault is None:
        fault = (
            "processes_left: the snippet left processes running when it ended; they were "
            "ended with it"
        )
    return Run(
        str(path),
        flavour,
        returncode,
        stdout,
        stderr,
        time.perf_counter() - start,
        configuration,
        mode,
        fault,
        note,
    )


def _scratch() -> Path:
    scratch = Path(tempfile.mkdtemp(prefix="handbook-run-"))
    for name in ("work", "home"):
        (scratch / name).mkdir()
    return scratch


def _script(path: Path, scratch: Path) -> Path:
    """The file a run executes: the snippet itself, or, for a snippet that continues earlier
    cells (handbook.continues), their joined source under the snippet's name, outside the
    working folder."""
    if len(continues.chain(path)) == 1:
        return path
    joined = scratch / "source" / path.name
    joined.parent.mkdir()
    joined.write_bytes(continues.script(path))
    return joined


def run_fresh(
    path: Path,
    flavour: str,
    configuration: str,
    timeout: float,
    note: str = "",
    python: str = sys.executable,
) -> Run:
    """`python <path>` in a fresh interpreter, as a reader runs a copied file; `python` is the
    interpreter (another release's environment for `nox -s releases`)."""
    path = Path(path).resolve()
    scratch = _scratch()
    env = environment(flavour, configuration, home=scratch / "home", tmp=scratch / "work")
    start = time.perf_counter()
    try:
        with open(scratch / "stdout", "wb") as out, open(scratch / "stderr", "wb") as err:
            process = subprocess.Popen(
                [python, str(_script(path, scratch))],
                cwd=scratch / "work",
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                start_new_session=True,
            )
        # before the ~3 s import is over, so before anything is written
        resource.prlimit(process.pid, resource.RLIMIT_FSIZE, (FILE_LIMIT, FILE_LIMIT))
        try:
            returncode: int | None = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            returncode = None
        left = _group_left(process.pid)
        return _finish(
            path, flavour, configuration, "fresh", returncode, scratch, start, left, note
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def run_jupyter(path: Path, flavour: str, configuration: str, timeout: float) -> Run:
    """The snippet's code pasted into one cell of a fresh Jupyter kernel, as a reader of Colab or
    Jupyter runs it: the kernel gets the same declared environment and an empty working folder.
    Only the cell's stdout stream counts, which is where the kernel sends Python's own logging
    (TensorFlow's Python warnings included), so noise a file run sends to stderr shows here."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    path = Path(path).resolve()
    scratch = _scratch()
    env = environment(flavour, configuration, home=scratch / "home", tmp=scratch / "work")
    # the kernel's own start-up needs to find its runtime folder; it is inside the scratch folder
    env["JUPYTER_RUNTIME_DIR"] = str(scratch / "home" / "runtime")
    notebook = nbformat.v4.new_notebook()
    for part in continues.chain(path):  # the cells it continues first, as a reader runs them
        notebook.cells.append(nbformat.v4.new_code_cell(part.read_text(encoding="utf-8")))
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(scratch / "work")}},
    )
    start = time.perf_counter()
    returncode: int | None = 0
    try:
        # asyncio.run closes its event loop; nbclient's own sync wrapper would leave one open
        # per calling thread, and its sockets unclosed
        asyncio.run(client.async_execute(env=env))
    except CellTimeoutError:
        returncode = None
    except CellExecutionError:
        returncode = 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    outputs = [output for cell in notebook.cells for output in cell.get("outputs", [])]
    stdout = "".join(
        o.get("text", "")
        for o in outputs
        if o.get("output_type") == "stream" and o.get("name") == "stdout"
    )
    stderr = "".join(
        o.get("text", "")
        for o in outputs
        if o.get("output_type") == "stream" and o.get("name") == "stderr"
    )
    stderr += "".join(
        "\n".join(o.get("traceback", [])) for o in outputs if o.get("output_type") == "error"
    )
    return Run(
        str(path),
        flavour,
        returncode,
        stdout,
        stderr,
        time.perf_counter() - start,
        configuration,
        "jupyter",
    )


class ServerFailed(RuntimeError):
    """A fork server could not start or died; the run falls back to a fresh process."""


class ForkServer:
    """A server process for one flavour and configuration, serving one run at a time."""

    STARTUP = 180.0  # seconds the import may take on a loaded machine

    def __init__(
        self,
        flavour: str,
        configuration: str,
        preload: tuple[str, ...],
        python: str = sys.executable,
    ):
        self.flavour, self.configuration = flavour, configuration
        self.home = Path(tempfile.mkdtemp(prefix="handbook-server-"))
        env = environment(flavour, configuration, home=self.home, tmp=self.home)
        self.log = open(self.home / "server.log", "wb")  # noqa: SIM115 (closed in close())
        self.process = subprocess.Popen(
            [python, str(FORKSERVER), *preload],
            cwd=self.home,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
            encoding="utf-8",
        )
        self.answers: queue.Queue[dict | None] = queue.Queue()
        self.reader = threading.Thread(target=self._read_answers, daemon=True)
        self.reader.start()
        self.started = False

    def _read_answers(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.answers.put(json.loads(line))
        self.answers.put(None)  # the server ended

    def _answer(self, timeout: float | None) -> dict:
        answer = self.answers.get(timeout=timeout)
        if answer is None:
            self.log.flush()
            log = (self.home / "server.log").read_text(encoding="utf-8", errors="replace")
            raise ServerFailed(
                f"the {self.flavour}/{self.configuration} fork server ended: {log.strip()[-2000:]}"
            )
        return answer

    def run(self, path: Path, timeout: float) -> Run:
        path = Path(path).resolve()
        scratch = _scratch()
        try:
            request = {
                "path": str(_script(path, scratch)),
                "cwd": str(scratch / "work"),
                "stdout": str(scratch / "stdout"),
                "stderr": str(scratch / "stderr"),
                "file_limit": FILE_LIMIT,
            }
            assert self.process.stdin is not None
            try:
                self.process.stdin.write(json.dumps(request) + "\n")
                self.process.stdin.flush()
            except (BrokenPipeError, OSError) as exc:
                raise ServerFailed(
                    f"the {self.flavour}/{self.configuration} fork server is gone ({exc})"
                ) from None
            try:
                pid = self._answer(None if self.started else self.STARTUP)["pid"]
            except queue.Empty:
                raise ServerFailed(
                    f"the fork server did not import TensorFlow within {self.STARTUP:g} s"
                ) from None
            self.started = True
            start = time.perf_counter()
            try:
                status = self._answer(timeout)["status"]
                returncode: int | None = os.waitstatus_to_exitcode(status)
            except queue.Empty:
                os.killpg(pid, signal.SIGKILL)  # the child leads its group: all of it ends
                self._answer(None)
                returncode = None
            left = _group_left(pid)
            return _finish(
                path, self.flavour, self.configuration, "forked", returncode, scratch, start, left
            )
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()  # the server's loop ends at end of input
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.reader.join(timeout=10)  # it ends at the server's end of output
        if self.process.stdout:
            self.process.stdout.close()
        self.log.close()
        shutil.rmtree(self.home, ignore_errors=True)


class Runner:
    """Runs snippets forked where it can; a server serves one run at a time, and a run takes an
    idle server of its flavour and configuration or starts one (so two at once start two)."""

    def __init__(
        self,
        mode: str = "forked",
        preload: tuple[str, ...] = PRELOAD,
        python: str = sys.executable,
    ):
        self.preload = tuple(preload)
        self.python = python  # every fork server and fresh run uses this interpreter
        # a maintainer's HANDBOOK_RUNNER=fresh (or the tests' "reader") applies to every run
        mode = os.environ.get("HANDBOOK_RUNNER", mode)
        if mode not in MODES:
            raise ValueError(f"mode {mode!r} (HANDBOOK_RUNNER?): known {MODES}")
        # a platform without fork runs fresh
        self.mode = "fresh" if not hasattr(os, "fork") and mode != "jupyter" else mode
        self.idle: dict[tuple[str, str], list[ForkServer]] = {}
        self.servers: list[ForkServer] = []
        self.broken: dict[tuple[str, str], str] = {}
        self.lock = threading.Lock()
        atexit.register(self.close)  # servers started after the last close() end too

    def _checkout(self, key: tuple[str, str]) -> ForkServer:
        with self.lock:
            if self.idle.get(key):
                return self.idle[key].pop()
        server = ForkServer(*key, self.preload, self.python)
        with self.lock:
            self.servers.append(server)
        return server

    def run(
        self, path: Path, flavour: str, configuration: str, timeout: float, mode: str | None = None
    ) -> Run:
        """Run one snippet: in `mode`, or in the runner's own mode when None."""
        key = (flavour, configuration)
        mode = mode or self.mode
        if self.mode == "fresh" and mode == "forked":  # no fork here, or the maintainer said so
            mode = "fresh"
        if mode == "reader":
            mode = READER[flavour] if configuration == "native" else "forked"
        if mode == "fresh":
            return run_fresh(path, flavour, configuration, timeout, python=self.python)
        if mode == "jupyter":
            return run_jupyter(path, flavour, configuration, timeout)
        if key not in self.broken:
            server = self._checkout(key)
            try:
                result = server.run(path, timeout)
            except ServerFailed as exc:
                with self.lock:
                    self.broken[key] = str(exc)
            else:
                with self.lock:
                    self.idle.setdefault(key, []).append(server)
                return result
        note = f"fresh process: {self.broken[key]}"
        return run_fresh(path, flavour, configuration, timeout, note=note, python=self.python)

    def close(self) -> None:
        with self.lock:
            for server in self.servers:
                server.close()
            self.servers.clear()
            self.idle.clear()
