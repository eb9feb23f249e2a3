"""Run each snippet as a fresh Python process, once per Keras flavour, and cache the result.

Mechanism: a run is keyed by a hash of the snippet's bytes, the flavour and the installed versions
of the pinned stack (`pins.stack_versions`); a change to any of them is a cache miss, so a stale
output is never served. Only runs that exit 0 are stored, so a failure is retried, and reported
again, on the next build. Every real execution is appended to `executions.log` in the cache folder,
which is how the tests prove a snippet runs once per flavour, not once per language.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from handbook import pins

# How each Keras flavour is selected: the same `from tensorflow import keras` resolves to Keras 3
# by default and to tf-keras (Keras 2) when TF_USE_LEGACY_KERAS=1.
FLAVOURS = {
    "keras3": {"TF_USE_LEGACY_KERAS": "0"},
    "keras2": {"TF_USE_LEGACY_KERAS": "1"},
}
# TensorFlow's C++ start-up lines only reach stderr, which pages never show; silencing them keeps
# the tracebacks of failing snippets readable.
QUIET = {"TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONIOENCODING": "utf-8"}


@dataclasses.dataclass
class Run:
    """What one execution of one snippet under one flavour produced."""

    snippet: str
    flavour: str
    returncode: int | None  # None: killed after the timeout
    stdout: str
    stderr: str
    seconds: float

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def run_snippet(path: Path, flavour: str, timeout: float, cwd: Path = pins.ROOT) -> Run:
    """Run `python <path>` in a fresh process, as a reader would, and capture what it prints."""
    env = {**os.environ, **QUIET, **FLAVOURS[flavour]}
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, str(path)], cwd=cwd, env=env, capture_output=True,
                              text=True, encoding="utf-8", timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        return Run(str(path), flavour, None, _text(exc.stdout), _text(exc.stderr),
                   time.perf_counter() - start)
    return Run(str(path), flavour, done.returncode, done.stdout, done.stderr,
               time.perf_counter() - start)


def _text(data) -> str:
    return data.decode("utf-8", "replace") if isinstance(data, bytes) else (data or "")


class ExecutionCache:
    """Content-addressed store of successful runs, shared by every language build."""

    def __init__(self, folder: Path, timeout: float):
        self.folder = Path(folder)
        self.timeout = timeout
        self.versions = pins.stack_versions()
        self.this_build: dict[str, Run] = {}  # failures too: a build runs each job at most once

    def key(self, path: Path, flavour: str) -> str:
        digest = hashlib.sha256(Path(path).read_bytes())
        digest.update(json.dumps([flavour, FLAVOURS[flavour], self.versions]).encode())
        return digest.hexdigest()

    def get(self, path: Path, flavour: str) -> Run | None:
        entry = self.folder / f"{self.key(path, flavour)}.json"
        if not entry.is_file():
            return None
        return Run(**json.loads(entry.read_text(encoding="utf-8")))

    def run(self, path: Path, flavour: str) -> Run:
        """Return the cached run, or execute the snippet now (and store it if it succeeded)."""
        key = self.key(path, flavour)
        cached = self.this_build.get(key) or self.get(path, flavour)
        if cached is not None:
            return cached
        result = self.this_build[key] = run_snippet(path, flavour, self.timeout)
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / "executions.log", "a", encoding="utf-8") as log:
            log.write(f"{path}\t{flavour}\t{result.returncode}\t{result.seconds:.2f}\n")
        if result.ok:
            entry = self.folder / f"{key}.json"
            partial = entry.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps(dataclasses.asdict(result)), encoding="utf-8")
            partial.replace(entry)  # atomic: a concurrent build never reads half an entry
        return result

    def run_all(self, jobs: list[tuple[Path, str]], workers: int | None = None) -> list[Run]:
        """Run many (snippet, flavour) pairs, missing ones in parallel, one process per core."""
        workers = workers or os.cpu_count() or 1
        with ThreadPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(lambda job: self.run(*job), jobs))
