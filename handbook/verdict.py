"""The verdict on a snippet's runs: one function for the build, `update-outputs` and the tests.

Mechanism: each snippet runs under every numerics configuration (`runner.configurations()`); the
runs are judged in a fixed order, first problem wins: timeout, error, a fault of the output (too
long, not UTF-8, processes left), noise (log lines, warnings, progress bars), fragility (the
configurations printed different outputs; a second native run tells nondeterminism from
rounding), and only then the comparison with the stored output (missing, different). Each
problem is a `Problem` subtype, emitted by the build as `[handbook.<subtype>]`.
"""

from __future__ import annotations

import dataclasses
import difflib
import enum
from collections.abc import Callable
from pathlib import Path

from handbook import expected
from handbook.runner import Run, describe


class Problem(enum.Enum):
    """Warning subtypes, emitted as ``[handbook.<value>]`` with a ``page.md:line`` location."""

    output_mismatch = "output_mismatch"
    """The snippet printed something other than its stored expected output."""
    snippet_error = "snippet_error"
    """The snippet exited with an error; the message ends with its traceback."""
    snippet_missing = "snippet_missing"
    """A page loads a snippet file that does not exist (fatal: myst-nb cannot parse the page)."""
    snippet_timeout = "snippet_timeout"
    """The snippet ran longer than ``handbook_timeout`` seconds and was killed."""
    orphan_expected = "orphan_expected"
    """A stored expected output whose snippet does not exist."""
    expected_missing = "expected_missing"
    """The snippet has no stored expected output for a flavour."""
    noisy_output = "noisy_output"
    """The snippet printed a log line, warning or progress bar to stdout."""
    fragile_output = "fragile_output"
    """Two numerics configurations printed different outputs: the output depends on rounding."""
    nondeterministic = "nondeterministic"
    """Two runs under the same configuration printed different outputs."""
    output_too_long = "output_too_long"
    """The snippet printed more than a page can show (`runner.LIMIT_LINES`/`LIMIT_BYTES`)."""
    output_not_utf8 = "output_not_utf8"
    """The snippet printed bytes that are not UTF-8."""
    processes_left = "processes_left"
    """The snippet ended but left processes running; they were ended with it."""
    caption_missing = "caption_missing"
    """The snippet's first line is not the one-line docstring its cell's caption shows."""
    continues_broken = "continues_broken"
    """The snippet's `# Continues` line names a missing file, or its chain loops back."""
    continues_not_above = "continues_not_above"
    """The snippet continues a cell that no cell above it on the page loads."""


@dataclasses.dataclass
class Verdict:
    problem: Problem
    message: str  # completes "<snippet> [<flavour>] ..." in every caller's message

    def __str__(self) -> str:
        return self.message


def runs_diff(first: Run, second: Run) -> str:
    return "".join(
        difflib.unified_diff(
            first.stdout.splitlines(keepends=True),
            second.stdout.splitlines(keepends=True),
            f"{first.configuration} run ({first.mode})",
            f"{second.configuration} run ({second.mode})",
        )
    )


def _run_problem(run: Run, timeout: float) -> Verdict | None:
    where = f"under {describe(run.configuration)}"
    if run.returncode is None:
        return Verdict(
            Problem.snippet_timeout, f"did not finish within {timeout:g} s {where} and was killed"
        )
    if run.fault:
        kind, _, detail = run.fault.partition(": ")
        return Verdict(Problem(kind), f"{detail} {where}")
    if run.returncode != 0:
        hint = (
            "; stdin is closed: a snippet cannot wait for input" if "EOFError" in run.stderr else ""
        )
        return Verdict(
            Problem.snippet_error,
            f"exited with code {run.returncode} {where}{hint}:\n{run.stderr.strip()}",
        )
    found = expected.noise(run.stdout)
    if found:
        return Verdict(
            Problem.noisy_output,
            f"printed noise to stdout at output line "
            f"{found[0]}: {found[1]!r}; silence it in the snippet (e.g. verbose=0)",
        )
    return None


def judge(
    runs: list[Run], timeout: float, again: Callable[[], Run] | None = None
) -> Verdict | None:
    """The first problem of a snippet's runs (one per configuration, native first), or None
    when they all printed the same clean output. `again` runs the first configuration once more,
    only called to tell nondeterminism from rounding."""
    for run in runs:
        problem = _run_problem(run, timeout)
        if problem:
            return problem
    first = runs[0]
    for other in runs[1:]:
        if other.stdout == first.stdout:
            continue
        repeat = again() if again else None
        if repeat is not None and repeat.ok and repeat.stdout != first.stdout:
            return Verdict(
                Problem.nondeterministic,
                "is nondeterministic: two runs under "
                f"{describe(first.configuration)} printed different outputs; fix its "
                "seeds (keras.utils.set_random_seed) or print rounded or counted "
                f"values:\n{runs_diff(first, repeat)}",
            )
        return Verdict(
            Problem.fragile_output,
            "printed different outputs under "
            f"{describe(first.configuration)} and {describe(other.configuration)}: "
            "what it prints depends on float rounding, which differs between CPUs; "
            "count a change only above a tolerance (e.g. np.abs(after - before) > "
            "1e-6 * (1 + np.abs(before))) or print rounded values:\n"
            f"{runs_diff(first, other)}",
        )
    return None


def compare(run: Run, snippet: Path, shown: Path) -> Verdict | None:
    """The stored output against what `run` printed (after `judge` found no problem)."""
    stored = expected.read(snippet, run.flavour)
    if stored is None:
        return Verdict(
            Problem.expected_missing,
            "has no expected output "
            f"{expected.expected_path(shown, run.flavour)}; run `nox -s "
            "update-outputs` and review it with `git diff`",
        )
    difference = expected.diff(stored, run.stdout, shown, run.flavour)
    if difference:
        return Verdict(
            Problem.output_mismatch,
            "printed something other than its expected "
            "output; if the change is intended, run `nox -s update-outputs` and "
            f"review it with `git diff`:\n{difference}",
        )
    return None
