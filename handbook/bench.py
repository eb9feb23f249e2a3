"""Build-speed figures: `python -m handbook.bench` (the `nox -s bench` session). Not a test.

Mechanism: copies docs/ and snippets/ into a temporary folder, so edits never touch the real tree,
and times `site.build` there from a cold and a warm state, after a prose-only edit and after a
snippet edit, counting real snippet executions from the cache's execution log. The floor is what
a build with a fresh interpreter per run cannot beat: every unique snippet run once per flavour and
numerics configuration in a fresh process (two at a time, as the build does), plus a
three-language build whose runs all come from the cache; the cold build forks its runs from
servers that imported TensorFlow once, and the table gives the ratio of the two. Memory is
sampled from /proc: the
summed resident memory of the whole process tree (Sphinx builds and snippet runs at once), and the
largest single process. Prints a table and JSON.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

from handbook import pins, site
from handbook.execute import ExecutionCache
from handbook.runner import FLAVOURS, configurations
from handbook.scan import loaded_snippets


def _timed_build(docs: Path, work: Path, languages: list[str] | None = None) -> float:
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        code = site.build(languages, docs=docs, build=work, out=work / "site")
    if code != 0:
        raise SystemExit(f"bench: the build in {work} failed; run `nox -s docs` to see why")
    return time.perf_counter() - start


def _executions(work: Path) -> int:
    log = work / "cache" / "executions.log"
    return len(log.read_text(encoding="utf-8").splitlines()) if log.exists() else 0


class TreeMemory:
    """The peak summed RSS of this process and all its descendants, sampled every 0.1 s.

    Linux /proc only; elsewhere the peak stays 0 and only the largest process is reported.
    """

    def __init__(self) -> None:
        self.peak = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._done.set()
        self._thread.join()

    def _sample(self) -> None:
        page = resource.getpagesize()
        while not self._done.wait(0.1):
            parents, rss = {}, {}
            for stat in Path("/proc").glob("[0-9]*/stat"):
                try:
                    # fields after the command name: state, ppid, ..., rss (in pages) is the 22nd
                    fields = stat.read_text().rsplit(")", 1)[1].split()
                except OSError:  # the process ended while we looked
                    continue
                pid = int(stat.parent.name)
                parents[pid], rss[pid] = int(fields[1]), int(fields[21]) * page
            tree, grew = {os.getpid()}, True
            while grew:
                found = {pid for pid, parent in parents.items() if parent in tree} - tree
                tree |= found
                grew = bool(found)
            self.peak = max(self.peak, sum(rss.get(pid, 0) for pid in tree))


def measure(scratch: Path) -> dict:
    docs = scratch / "docs"
    shutil.copytree(pins.ROOT / "docs", docs, ignore=shutil.ignore_patterns("*.mo"))
    shutil.copytree(pins.ROOT / "snippets", scratch / "snippets")
    flavours = list(FLAVOURS)
    snippets = list(dict.fromkeys(load.snippet for load in loaded_snippets(docs)))
    results: dict[str, float | int] = {}

    results["cold_en_s"] = _timed_build(docs, scratch / "en", ["en"])
    results["cold_all_s"] = _timed_build(docs, scratch / "all")
    results["all_over_en"] = results["cold_all_s"] / results["cold_en_s"]

    start = time.perf_counter()
    # the same runs the build makes (every flavour and configuration), each a fresh interpreter
    ExecutionCache(scratch / "floor" / "cache", 300).run_all(
        [(s, f) for s in snippets for f in flavours], mode="fresh"
    )
    results["floor_runs_s"] = time.perf_counter() - start
    results["floor_build_s"] = _timed_build(docs, scratch / "floor")  # every run is cached
    results["floor_s"] = results["floor_runs_s"] + results["floor_build_s"]
    results["cold_over_floor"] = results["cold_all_s"] / results["floor_s"]
    results["configurations"] = len(configurations())

    work = scratch / "all"
    before = _executions(work)
    results["warm_s"] = _timed_build(docs, work)
    results["warm_executions"] = _executions(work) - before
    results["warm_over_cold"] = results["warm_s"] / results["cold_all_s"]

    page = docs / "dropout.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("Yes.", "Yes, it is.", 1), encoding="utf-8"
    )
    before = _executions(work)
    results["prose_edit_s"] = _timed_build(docs, work)
    results["prose_edit_executions"] = _executions(work) - before

    snippet = snippets[0]
    snippet.write_text(
        snippet.read_text(encoding="utf-8") + "# edited by the benchmark\n", encoding="utf-8"
    )
    before = _executions(work)
    results["snippet_edit_s"] = _timed_build(docs, work)
    results["snippet_edit_executions"] = _executions(work) - before
    results["snippets"] = len(snippets)
    results["flavours"] = len(flavours)
    # ru_maxrss of children is the largest single process (a Sphinx build or a snippet), in KiB
    results["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return results


def table(r: dict) -> str:
    rows = [
        ("cold build, English only", f"{r['cold_en_s']:.1f} s"),
        ("cold build, 3 languages x 2 flavours", f"{r['cold_all_s']:.1f} s"),
        ("  ratio all / English (target <= 1.3)", f"{r['all_over_en']:.2f}"),
        (
            f"fresh-process floor: {r['snippets']} snippets x {r['flavours']} flavours x "
            f"{r['configurations']} configurations, one interpreter each",
            f"{r['floor_runs_s']:.1f} s",
        ),
        ("fresh-process floor: 3 languages, every run cached", f"{r['floor_build_s']:.1f} s"),
        ("fresh-process floor, total", f"{r['floor_s']:.1f} s"),
        (
            "  ratio cold (forked) / fresh-process floor (target <= 0.4)",
            f"{r['cold_over_floor']:.2f}",
        ),
        (
            "warm rebuild, nothing changed",
            f"{r['warm_s']:.1f} s, {r['warm_executions']} executions",
        ),
        ("  ratio warm / cold (target <= 0.10)", f"{r['warm_over_cold']:.2f}"),
        (
            "rebuild after a prose edit in one English page",
            f"{r['prose_edit_s']:.1f} s, {r['prose_edit_executions']} executions",
        ),
        (
            "rebuild after a snippet edit",
            f"{r['snippet_edit_s']:.1f} s, {r['snippet_edit_executions']} executions",
        ),
        ("peak memory of the build, all processes at once", f"{r['peak_tree_mib']:.0f} MiB"),
        ("peak memory of its largest process", f"{r['peak_rss_mib']:.0f} MiB"),
    ]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name:<{width}}  {value}" for name, value in rows)


def main() -> int:
    pins.check()
    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as scratch, TreeMemory() as memory:
        results = measure(Path(scratch))
    results["peak_tree_mib"] = memory.peak / 2**20
    print(table(results))
    print(json.dumps(results, indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
