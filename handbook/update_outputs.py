"""Regenerate stored expected outputs from real runs: `python -m handbook.update_outputs [SNIPPET...]`.

Each snippet runs twice in fresh processes per flavour (never from the cache: a stored output must
come from runs made now); when both runs print the same, that stdout becomes
`expected/<name>.<flavour>.txt`, and when they differ the snippet is nondeterministic and nothing is
stored. Review with `git diff`.
Expected files whose snippet no longer exists are reported, not deleted.
"""
from __future__ import annotations

import argparse
import difflib
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import handbook
from handbook import expected, pins
from handbook.execute import FLAVOURS, run_snippet

SNIPPETS = pins.ROOT / "snippets"  # where snippets live unless named on the command line


def _runs_diff(first: str, second: str) -> str:
    return "".join(difflib.unified_diff(first.splitlines(keepends=True),
                                        second.splitlines(keepends=True), "run 1", "run 2"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("snippets", nargs="*", type=Path, help="default: every snippet")
    parser.add_argument("--flavour", action="append", choices=list(FLAVOURS),
                        help="default: every flavour")
    parser.add_argument("--timeout", type=float, default=300.0)
    args = parser.parse_args(argv)
    pins.check()
    snippets = [p.resolve() for p in args.snippets] or sorted(SNIPPETS.rglob("*.py"))
    jobs = [(s, f) for s in snippets for f in (args.flavour or FLAVOURS)]
    with ThreadPoolExecutor(max_workers=os.cpu_count()) as pool:  # one TensorFlow per core
        runs = list(pool.map(lambda job: run_snippet(job[0], job[1], args.timeout), jobs * 2))
    failed = 0
    for run, again in zip(runs[:len(jobs)], runs[len(jobs):]):
        shown = handbook.shown(run.snippet)
        if not run.ok:
            failed += 1
            why = "timed out" if run.returncode is None else f"exited {run.returncode}"
            print(f"{shown} [{run.flavour}] {why}; expected output left as it was:\n"
                  f"{run.stderr.strip()}", file=sys.stderr)
            continue
        found = expected.noise(run.stdout)
        if found:
            failed += 1
            print(f"{shown} [{run.flavour}] printed noise at output line {found[0]}: "
                  f"{found[1]!r}; expected output left as it was", file=sys.stderr)
            continue
        if (again.returncode, again.stdout) != (run.returncode, run.stdout):
            failed += 1
            print(f"{shown} [{run.flavour}] is nondeterministic: two runs printed different "
                  "outputs; fix its seeds or print rounded values. Expected output left as it "
                  f"was.\n{_runs_diff(run.stdout, again.stdout)}",
                  file=sys.stderr)
            continue
        old = expected.read(Path(run.snippet), run.flavour)
        path = expected.write(Path(run.snippet), run.flavour, run.stdout)
        state = "unchanged" if old == run.stdout else ("new" if old is None else "UPDATED")
        print(f"{state:9} {handbook.shown(path)} ({run.seconds:.1f} s)")
    for stored in sorted(SNIPPETS.rglob("expected/*.txt")):
        if not expected.snippet_for(stored).is_file():
            print(f"orphan    {handbook.shown(stored)}: its snippet does not exist; "
                  "delete it or restore the snippet", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
