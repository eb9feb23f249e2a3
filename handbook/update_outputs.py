"""Regenerate stored expected outputs from real runs: `python -m handbook.update_outputs [SNIPPET]`.

Each snippet runs now (never from the cache: a stored output must come from runs made now) under
every numerics configuration per flavour, and the runs are judged as the build judges them
(`handbook.verdict`): an error, noise, an output too long, or outputs that differ between the
configurations (fragile) or between two runs (nondeterministic) store nothing. Otherwise the
output becomes `expected/<name>.<flavour>.txt`. Review with `git diff`.
Expected files whose snippet no longer exists are reported, not deleted.
"""

from __future__ import annotations

import argparse
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import handbook
from handbook import expected, pins
from handbook.runner import FLAVOURS, Run, Runner, configurations
from handbook.verdict import judge

SNIPPETS = pins.ROOT / "snippets"  # where snippets live unless named on the command line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("snippets", nargs="*", type=Path, help="default: every snippet")
    parser.add_argument(
        "--flavour", action="append", choices=list(FLAVOURS), help="default: every flavour"
    )
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument(
        "--preload",
        default="numpy,tensorflow",
        help="modules the fork servers import first (comma-separated)",
    )
    args = parser.parse_args(argv)
    pins.check()
    snippets = [p.resolve() for p in args.snippets] or sorted(SNIPPETS.rglob("*.py"))
    runner = Runner(preload=tuple(filter(None, args.preload.split(","))))
    jobs = [(s, f) for s in snippets for f in (args.flavour or FLAVOURS)]
    per_job = [(s, f, c) for c in configurations() for s, f in jobs]
    try:
        with ThreadPoolExecutor(max_workers=os.cpu_count()) as pool:  # one TensorFlow per core
            done = list(
                pool.map(lambda job: runner.run(job[0], job[1], job[2], args.timeout), per_job)
            )
        runs: dict[tuple[Path, str], list] = {job: [] for job in jobs}
        for (snippet, flavour, _), run in zip(per_job, done, strict=True):
            runs[(snippet, flavour)].append(run)  # native first: per_job lists it first
        failed = 0
        for (snippet, flavour), these in runs.items():
            shown = handbook.shown(snippet)

            def again(snippet: Path = snippet, flavour: str = flavour) -> Run:
                return runner.run(snippet, flavour, "native", args.timeout)

            verdict = judge(these, args.timeout, again=again)
            if verdict:
                failed += 1
                print(
                    f"{shown} [{flavour}] {verdict}\n[handbook.{verdict.problem.value}] "
                    "expected output left as it was",
                    file=sys.stderr,
                )
                continue
            run = these[0]
            old = expected.read(snippet, flavour)
            path = expected.write(snippet, flavour, run.stdout)
            state = "unchanged" if old == run.stdout else ("new" if old is None else "UPDATED")
            print(f"{state:9} {handbook.shown(path)} ({run.seconds:.1f} s)")
    finally:
        runner.close()
    for stored in sorted(SNIPPETS.rglob("expected/*.txt")):
        if not expected.snippet_for(stored).is_file():
            print(
                f"orphan    {handbook.shown(stored)}: its snippet does not exist; "
                "delete it or restore the snippet",
                file=sys.stderr,
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
