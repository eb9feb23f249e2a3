"""Run each snippet once per Keras flavour and numerics configuration, and cache the result.

Mechanism: a run is keyed by a hash of the snippet's bytes (with those of the cells it continues,
`handbook.continues`), the flavour, the configuration's environment and the installed versions
of the pinned stack (`pins.stack_versions`), not by how
it ran (forked or fresh: they print the same bytes, which the tests check). A change to any of
them is a cache miss, so a stale output is never served. Only successful runs are stored, so a
failure is retried, and reported again, on the next build. Every real execution is appended to
`executions.log` in the cache folder (snippet, flavour, configuration, mode, exit code, seconds,
note), which is how the tests prove a snippet runs once per flavour and configuration, not once
per language, and how a fallback to a fresh process is named.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from handbook import continues, pins
from handbook.runner import FLAVOURS, PRELOAD, Run, Runner, configurations

__all__ = ["FLAVOURS", "ExecutionCache", "Run"]


class ExecutionCache:
    """Content-addressed store of successful runs, shared by every language build."""

    def __init__(
        self, folder: Path, timeout: float, mode: str = "forked", preload: tuple[str, ...] = PRELOAD
    ):
        """`mode`: how runs are made unless a call names one (runner.MODES)."""
        self.folder = Path(folder)
        self.timeout = timeout
        self.versions = pins.stack_versions()
        self.runner = Runner(mode, preload)
        self.this_build: dict[str, Run] = {}  # failures too: a build runs each job at most once
        self.log_lock = threading.Lock()

    def key(self, path: Path, flavour: str, configuration: str = "native") -> str:
        digest = hashlib.sha256(continues.script(path))  # a continuation: its chain's bytes
        digest.update(
            json.dumps(
                [
                    flavour,
                    FLAVOURS[flavour],
                    configuration,
                    configurations()[configuration],
                    self.versions,
                ]
            ).encode()
        )
        return digest.hexdigest()

    def get(self, path: Path, flavour: str, configuration: str = "native") -> Run | None:
        entry = self.folder / f"{self.key(path, flavour, configuration)}.json"
        if not entry.is_file():
            return None
        return Run(**json.loads(entry.read_text(encoding="utf-8")))

    def execute(
        self, path: Path, flavour: str, configuration: str = "native", mode: str | None = None
    ) -> Run:
        """Run now, whatever the cache holds, and log it (not stored)."""
        result = self.runner.run(path, flavour, configuration, self.timeout, mode)
        self.folder.mkdir(parents=True, exist_ok=True)
        with self.log_lock, open(self.folder / "executions.log", "a", encoding="utf-8") as log:
            log.write(
                f"{path}\t{flavour}\t{configuration}\t{result.mode}\t{result.returncode}"
                f"\t{result.seconds:.2f}\t{result.note}\n"
            )
        return result

    def run(
        self, path: Path, flavour: str, configuration: str = "native", mode: str | None = None
    ) -> Run:
        """Return the cached run, or execute the snippet now (and store it if it succeeded)."""
        key = self.key(path, flavour, configuration)
        cached = self.this_build.get(key) or self.get(path, flavour, configuration)
        if cached is not None:
            return cached
        result = self.this_build[key] = self.execute(path, flavour, configuration, mode)
        if result.ok:
            entry = self.folder / f"{key}.json"
            partial = entry.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
            partial.write_text(json.dumps(dataclasses.asdict(result)), encoding="utf-8")
            partial.replace(entry)  # atomic: a concurrent build never reads half an entry
        return result

    def runs(self, path: Path, flavour: str) -> list[Run]:
        """The snippet's runs under every configuration, native first."""
        return [self.run(path, flavour, configuration) for configuration in configurations()]

    def run_all(
        self,
        jobs: list[tuple[Path, str]],
        workers: int | None = None,
        mode: str | None = None,
        only: list[str] | None = None,
    ) -> list[Run]:
        """Run many (snippet, flavour) pairs under every configuration (or those in `only`),
        missing ones in parallel, one process per core; the fork servers end when all are done."""
        workers = workers or os.cpu_count() or 1
        # native runs first, flavours alternating, so two workers tend to use two servers
        expanded = [
            (path, flavour, configuration, mode)
            for configuration in configurations()
            if only is None or configuration in only
            for path, flavour in jobs
        ]
        try:
            with ThreadPoolExecutor(max_workers=workers) as pool:
                return list(pool.map(lambda job: self.run(*job), expanded))
        finally:
            self.runner.close()
