"""A snippet run sees only its declared environment, in its own folder, and cannot harm the build.

Each test writes a tiny snippet and runs it through handbook.runner in both modes (forked from a
server, and a fresh interpreter), as the build, update-outputs and the tests do.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook import runner

MODES = ["forked", "fresh"]


@pytest.fixture
def run(tmp_path):
    """run(code, mode) -> Run of a snippet file holding `code`, Keras 3, native."""
    # one runner for the whole test, so two forked runs come from the same server
    shared = runner.Runner(preload=())

    def execute(
        code: str,
        mode: str,
        timeout: float = 30,
        flavour: str = "keras3",
        configuration: str = "native",
    ) -> runner.Run:
        snippet = tmp_path / "snippet.py"
        snippet.write_text(code, encoding="utf-8")
        return shared.run(snippet, flavour, configuration, timeout, mode)

    yield execute
    shared.close()


@pytest.mark.parametrize("mode", MODES)
def test_snippet_sees_only_the_declared_environment(run, mode, monkeypatch):
    # a maintainer's own settings must not reach a run
    monkeypatch.setenv("KERAS_BACKEND", "jax")
    monkeypatch.setenv("TF_ENABLE_ONEDNN_OPTS", "0")
    monkeypatch.setenv("SECRET_TOKEN", "x")
    done = run("import os\nfor k in sorted(os.environ): print(k, '=', os.environ[k])\n", mode)
    assert done.ok, done.stderr
    seen = dict(line.split(" = ", 1) for line in done.stdout.splitlines())
    allowed = (
        set(runner.INHERITED)
        | set(runner.FIXED)
        | {"HOME", "KERAS_HOME", "TMPDIR", "TF_USE_LEGACY_KERAS"}
    )
    assert set(seen) <= allowed, set(seen) - allowed
    assert seen["KERAS_BACKEND"] == "tensorflow" and seen["PYTHONHASHSEED"] == "0"
    assert seen["LC_ALL"] == "C.UTF-8" and seen["TF_USE_LEGACY_KERAS"] == "0"


@pytest.mark.parametrize("mode", MODES)
def test_personal_keras_settings_do_not_apply(run, mode, monkeypatch, tmp_path):
    home = tmp_path / "maintainer"
    (home / ".keras").mkdir(parents=True)
    (home / ".keras" / "keras.json").write_text('{"floatx": "float64"}', encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("KERAS_HOME", str(home / ".keras"))
    done = run(
        "import os\nprint(os.listdir(os.environ['KERAS_HOME'])"
        " if os.path.isdir(os.environ['KERAS_HOME']) else [])\n",
        mode,
    )
    assert done.ok, done.stderr
    assert done.stdout == "[]\n"  # an empty Keras home: no personal keras.json


@pytest.mark.parametrize("mode", MODES)
def test_each_run_works_in_a_fresh_empty_folder_that_is_removed(run, mode):
    code = (
        "import os\nprint(sorted(os.listdir('.')))\nprint(os.getcwd())\n"
        "open('model.keras', 'w').write('x')\n"
    )
    first = run(code, mode)
    second = run(code, mode)
    assert first.ok and second.ok, first.stderr + second.stderr
    assert first.stdout.splitlines()[0] == second.stdout.splitlines()[0] == "[]"
    folder = Path(first.stdout.splitlines()[1])
    assert not folder.exists()  # removed with what the snippet wrote
    assert not (runner.Path.cwd() / "model.keras").exists()


@pytest.mark.parametrize("mode", MODES)
def test_forked_and_fresh_runs_print_the_same_bytes(run, mode):
    code = (
        "import sys\nprint(sys.argv[0].endswith('snippet.py'), __name__)\n"
        "print(sys.path[0] == __import__('os').path.dirname(sys.argv[0]))\n"
    )
    assert run(code, mode).stdout == "True __main__\nTrue\n"


@pytest.mark.parametrize("mode", MODES)
def test_unseeded_random_draws_differ_between_runs_as_in_fresh_interpreters(tmp_path, mode):
    # a fork must not hand every child the server's generator state (numpy, imported by the
    # server before forking, keeps it unless the child reseeds; Python's random reseeds itself)
    snippet = tmp_path / "snippet.py"
    snippet.write_text("import numpy, random\nprint(numpy.random.rand(), random.random())\n")
    numpy_server = runner.Runner(preload=("numpy", "numpy.random"))  # as TensorFlow does
    try:
        first, second = (numpy_server.run(snippet, "keras3", "native", 60, mode) for _ in "12")
    finally:
        numpy_server.close()
    assert first.ok and second.ok, first.stderr + second.stderr
    assert first.stdout.split()[0] != second.stdout.split()[0]
    assert first.stdout.split()[1] != second.stdout.split()[1]


@pytest.mark.parametrize("mode", MODES)
def test_exit_code_and_traceback_are_those_of_a_fresh_interpreter(run, mode):
    done = run("print('before')\nraise ValueError('broken')\n", mode)
    assert done.returncode == 1 and done.stdout == "before\n"
    assert done.stderr.startswith("Traceback (most recent call last):\n")
    assert 'snippet.py", line 2, in <module>' in done.stderr
    assert "runpy" not in done.stderr
    assert run("raise SystemExit(3)\n", mode).returncode == 3


@pytest.mark.parametrize("mode", MODES)
def test_timeout_kills_the_snippet_and_what_it_started(run, mode):
    done = run(
        "import subprocess, time\nsubprocess.Popen(['sleep', '300'])\ntime.sleep(300)\n",
        mode,
        timeout=2,
    )
    assert done.returncode is None and done.seconds < 30


def test_second_configuration_caps_the_instruction_set_one_step_below_the_cpu():
    assert runner.capped_isa({"avx512f", "avx2", "avx"}) == "AVX2"
    assert runner.capped_isa({"avx2", "avx", "sse4_1"}) == "SSE41"
    assert runner.capped_isa({"sse4_1"}) is None
    flags = runner.cpu_flags("processor: 0\nflags\t\t: fpu sse4_1 avx2\n")
    assert flags == {"fpu", "sse4_1", "avx2"}
    capped = runner.configurations()["capped"]
    assert capped["TF_NUM_INTRAOP_THREADS"] == "1"
    if runner.capped_isa(runner.cpu_flags()):
        assert capped["ONEDNN_MAX_CPU_ISA"] == runner.capped_isa(runner.cpu_flags())


def test_server_that_cannot_start_falls_back_to_a_fresh_process_and_says_so(tmp_path):
    snippet = tmp_path / "snippet.py"
    snippet.write_text("print('ran')\n", encoding="utf-8")
    broken = runner.Runner(preload=("no_such_module_anywhere",))
    try:
        done = broken.run(snippet, "keras3", "native", 30)
    finally:
        broken.close()
    assert done.ok and done.stdout == "ran\n" and done.mode == "fresh"
    assert "fork server ended" in done.note and "no_such_module_anywhere" in done.note


def test_no_variable_of_the_caller_is_forgotten_in_the_allow_list():
    env = runner.environment("keras2", "capped", Path("/h"), Path("/t"))
    assert env["TF_USE_LEGACY_KERAS"] == "1" and env["TMPDIR"] == "/t"
    assert env["KERAS_HOME"] == str(Path("/h") / ".keras")


def test_reader_mode_runs_native_as_a_reader_and_capped_forked(tmp_path, monkeypatch):
    monkeypatch.setenv("HANDBOOK_RUNNER", "reader")  # as the tests' site build sets it
    snippet = tmp_path / "snippet.py"
    snippet.write_text("print('ran')\n", encoding="utf-8")
    reader = runner.Runner(preload=())
    try:
        native = reader.run(snippet, "keras2", "native", 30)
        capped = reader.run(snippet, "keras2", "capped", 30)
    finally:
        reader.close()
    assert (native.mode, capped.mode) == (runner.READER["keras2"], "forked")
    assert native.stdout == capped.stdout == "ran\n"


def test_a_maintainer_asking_for_fresh_processes_gets_them_even_where_forked_is_asked(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("HANDBOOK_RUNNER", "fresh")
    snippet = tmp_path / "snippet.py"
    snippet.write_text("print('ran')\n", encoding="utf-8")
    fresh = runner.Runner(preload=())
    try:
        done = fresh.run(snippet, "keras3", "native", 30, "forked")  # as the build asks
    finally:
        fresh.close()
    assert done.mode == "fresh" and done.stdout == "ran\n"
