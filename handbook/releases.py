"""Check every stored output on older TensorFlow releases: `python -m handbook.releases`.

Runs each snippet that has stored outputs under every Keras flavour and numerics configuration,
once per row of releases/releases.toml (one TensorFlow minor release since 2.16, with the Keras 3
and tf-keras of its time), judges the runs as the build does and compares them with the stored
outputs (which the pinned stack produced), and writes releases/report.json for the site: per
snippet, flavour and release, identical, different (with what it printed) or failed (with why).
`--only 2.16` runs one row and keeps the other rows' entries; `--lock` rewrites each row's
constraints file; `--latest` checks the newest releases on PyPI instead and exits 1 when an output
differs or fails (the weekly workflow opens an issue then).

Mechanism: each row gets its own virtual environment, .nox/releases/tensorflow-<minor>, made with
`python -m venv` from the running interpreter and filled by `pip install -c
releases/constraints/tensorflow-<minor>.txt` with the row's three pins (by `uv pip install
--compile-bytecode` where uv is on PATH: snippets run with PYTHONDONTWRITEBYTECODE=1, so the
environment's bytecode must be compiled at install time). A stamp file in the environment records
the constraints file's sha256; an environment whose stamp and installed versions match is reused,
any other is made anew. `--lock` makes each environment anew from the three pins alone and writes
its `pip freeze` as the constraints file, so every machine gets the same stack. The runs go
through `handbook.runner.Runner` with the environment's interpreter (one fork server per flavour
and configuration imports that TensorFlow once), two at a time, and each (snippet, flavour) is
judged by `handbook.verdict.judge`, as `update-outputs` judges it, before its output is compared
with `handbook.expected`. The report is sorted and indented so that a rerun that finds the same
gives an empty `git diff`.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import re
import shutil
import subprocess
import sys
import threading
import time
import tomllib
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import handbook
from handbook import expected, pins
from handbook.runner import FLAVOURS, Run, Runner, configurations
from handbook.update_outputs import SNIPPETS
from handbook.verdict import judge

RELEASES = pins.ROOT / "releases"
TABLE = RELEASES / "releases.toml"
CONSTRAINTS = RELEASES / "constraints"
REPORT = RELEASES / "report.json"
LATEST_REPORT = pins.ROOT / "build" / "releases-latest.json"
ENVIRONMENTS = pins.ROOT / ".nox" / "releases"
STAMP = "handbook-release.json"  # inside each environment
STACK = ("tensorflow", "keras", "tf-keras")  # what a row pins, in the report's order
FORMAT = 1
PYPI = "https://pypi.org/pypi/{}/json"
PROBLEM_LIMIT = 4000  # characters of a failure's verdict kept in the report (its traceback's end)


class ReleaseError(RuntimeError):
    """A row's environment could not be made or the table is wrong; the message names which."""


@dataclasses.dataclass(frozen=True)
class Release:
    """One environment to check: a row of the table, or the newest releases (`--latest`)."""

    versions: dict[str, str]  # tensorflow, keras, tf-keras
    name: str  # of its environment folder under .nox/releases

    @property
    def tensorflow(self) -> str:
        return self.versions["tensorflow"]

    @property
    def minor(self) -> str:
        return ".".join(self.tensorflow.split(".")[:2])

    @property
    def constraints(self) -> Path:
        return CONSTRAINTS / f"tensorflow-{self.minor}.txt"

    @property
    def folder(self) -> Path:
        return ENVIRONMENTS / self.name

    @property
    def python(self) -> Path:
        return self.folder / "bin" / "python"

    @property
    def requirements(self) -> list[str]:
        return [f"{name}=={self.versions[name]}" for name in STACK]

    def __str__(self) -> str:
        return " ".join(self.requirements)


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version))


def table(path: Path = TABLE) -> list[Release]:
    """The rows of releases/releases.toml, oldest first."""
    try:
        rows = tomllib.loads(path.read_text(encoding="utf-8"))["release"]
    except (OSError, tomllib.TOMLDecodeError, KeyError) as exc:
        raise ReleaseError(
            f"{handbook.shown(path)}: cannot read its [[release]] rows: {exc}"
        ) from None
    releases = []
    for number, row in enumerate(rows, start=1):
        missing = [name for name in STACK if not isinstance(row.get(name), str)]
        if missing:
            raise ReleaseError(
                f"{handbook.shown(path)}: row {number} has no {', '.join(missing)} (a string)"
            )
        versions = {name: row[name] for name in STACK}
        release = Release(versions, f"tensorflow-{'.'.join(row['tensorflow'].split('.')[:2])}")
        releases.append(release)
    return sorted(releases, key=lambda r: version_key(r.tensorflow))


# --- environments -----------------------------------------------------------------------------


def _command(release: Release, what: str, args: list[str]) -> str:
    """Run a command for a row's environment; its stdout, or a ReleaseError naming both."""
    result = subprocess.run(
        args, capture_output=True, text=True, encoding="utf-8", errors="replace", check=False
    )
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip().splitlines()
        raise ReleaseError(
            f"tensorflow {release.tensorflow} ({release}): {what} failed with exit code "
            f"{result.returncode}: {' '.join(args)}\n" + "\n".join(output[-30:])
        )
    return result.stdout


def _installed(release: Release) -> dict[str, str | None] | None:
    """The environment's versions of the three packages, or None when it has no interpreter."""
    if not release.python.exists():
        return None
    script = (
        "import importlib.metadata as m, json, sys\n"
        "def v(n):\n"
        "    try: return m.version(n)\n"
        "    except m.PackageNotFoundError: return None\n"
        "print(json.dumps({n: v(n) for n in sys.argv[1:]}))"
    )
    result = subprocess.run(
        [str(release.python), "-c", script, *STACK], capture_output=True, text=True, check=False
    )
    return json.loads(result.stdout) if result.returncode == 0 else None


def _stamp(release: Release) -> dict:
    try:
        return json.loads((release.folder / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _create(release: Release, python: str) -> None:
    """A new empty environment in the release's folder (an old one is removed first)."""
    shutil.rmtree(release.folder, ignore_errors=True)
    release.folder.parent.mkdir(parents=True, exist_ok=True)
    _command(release, "making its environment", [python, "-m", "venv", str(release.folder)])


def _install(release: Release, constraints: Path | None) -> None:
    pinned = ["-c", str(constraints)] if constraints else []
    uv = shutil.which("uv")
    if uv:
        args = [uv, "pip", "install", "--python", str(release.python), "--compile-bytecode"]
    else:  # pip compiles bytecode as it installs
        args = [str(release.python), "-m", "pip", "install", "--quiet"]
    _command(release, "installing its packages", [*args, *pinned, *release.requirements])
    found = _installed(release)
    if found != release.versions:
        raise ReleaseError(
            f"tensorflow {release.tensorflow}: asked for {release}, the environment "
            f"{handbook.shown(release.folder)} has {found}"
        )


def _write_stamp(release: Release, digest: str) -> None:
    stamp = {"sha256": digest, "versions": release.versions, "python": _python_version(release)}
    (release.folder / STAMP).write_text(json.dumps(stamp, indent=1) + "\n", encoding="utf-8")


def _python_version(release: Release) -> str:
    return _command(
        release,
        "asking its Python's version",
        [str(release.python), "-c", "import platform; print(platform.python_version())"],
    ).strip()


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def environment(release: Release, python: str, constraints: Path | None) -> bool:
    """Make sure the release's environment holds what `constraints` pins (or, without a file, the
    three pins alone); True when it had to be made anew."""
    if constraints is not None and not constraints.is_file():
        raise ReleaseError(
            f"tensorflow {release.tensorflow}: no constraints file {handbook.shown(constraints)}; "
            "make it with `nox -s releases -- --lock`"
        )
    digest = _digest(
        constraints.read_text(encoding="utf-8") if constraints else "\n".join(release.requirements)
    )
    if _stamp(release).get("sha256") == digest and _installed(release) == release.versions:
        return False
    print(f"tensorflow {release.tensorflow}: making {handbook.shown(release.folder)} ({release})")
    _create(release, python)
    _install(release, constraints)
    _write_stamp(release, digest)
    return True


def lock(release: Release, python: str) -> Path:
    """Make the row's environment anew from its three pins and write its `pip freeze`."""
    print(f"tensorflow {release.tensorflow}: locking {release} in {handbook.shown(release.folder)}")
    _create(release, python)
    _install(release, None)
    frozen = _command(
        release,
        "pip freeze",
        [str(release.python), "-m", "pip", "freeze", "--exclude-editable"],
    )
    header = (
        f"# Every package of the tensorflow {release.tensorflow} row of releases/releases.toml, "
        f"pinned (Python {_python_version(release)}).\n# Regenerate: nox -s releases -- --lock "
        "(a fresh venv, pip install of the three pins, pip freeze).\n"
    )
    release.constraints.parent.mkdir(parents=True, exist_ok=True)
    release.constraints.write_text(header + frozen, encoding="utf-8")
    _write_stamp(release, _digest(header + frozen))
    return release.constraints


# --- runs ---------------------------------------------------------------------------------------


def jobs() -> list[tuple[Path, str]]:
    """Every (snippet, flavour) with a stored output, flavours alternating."""
    return [
        (snippet, flavour)
        for snippet in sorted(SNIPPETS.rglob("*.py"))
        for flavour in FLAVOURS
        if expected.expected_path(snippet, flavour).is_file()
    ]


def _relative(text: str) -> str:
    """A verdict's text without this checkout's absolute paths, scratch folders and object
    addresses, so a rerun writes the same report; a long one keeps its first line and the end of
    its traceback."""
    text = text.replace(f"{pins.ROOT}/", "")
    text = re.sub(
        r"(?:/[^/\s'\"]+)*/handbook-(?:run|server)-\w+(?:/work)?(?:/tmp\w{8})?", "<scratch>", text
    )
    text = re.sub(r"\b0x[0-9a-f]{8,}\b", "0x…", text)  # object addresses in reprs
    if len(text) > PROBLEM_LIMIT:
        first, _, rest = text.partition("\n")
        text = f"{first}\n[…]\n{rest[-(PROBLEM_LIMIT - len(first)) :]}"
    return text


def check(
    release: Release, todo: list[tuple[Path, str]], timeout: float, workers: int
) -> list[dict]:
    """Run every job under every configuration in the release's environment; one entry each."""
    runner = Runner(python=str(release.python))
    # what the runs start from: a snippet edited meanwhile is not judged
    digests = {snippet: handbook.snippet_digest(snippet) for snippet, _ in todo}
    per_run = [(s, f, c) for c in configurations() for s, f in todo]  # native runs first
    done_count = [0]
    lock_ = threading.Lock()

    def run(job: tuple[Path, str, str]) -> Run:
        result = runner.run(*job, timeout=timeout)
        with lock_:
            done_count[0] += 1
            if done_count[0] % 50 == 0 or done_count[0] == len(per_run):
                print(f"  tensorflow {release.tensorflow}: {done_count[0]}/{len(per_run)} runs")
        return result

    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            done = list(pool.map(run, per_run))
        runs: dict[tuple[Path, str], list[Run]] = {job: [] for job in todo}
        for (snippet, flavour, _), result in zip(per_run, done, strict=True):
            runs[(snippet, flavour)].append(result)  # native first
        entries = []
        for (snippet, flavour), these in runs.items():

            def again(snippet: Path = snippet, flavour: str = flavour) -> Run:
                return runner.run(snippet, flavour, "native", timeout)

            entry = {
                "snippet": handbook.shown(snippet).as_posix(),
                "sha256": digests[snippet],
                "flavour": flavour,
                "tensorflow": release.tensorflow,
            }
            edited = not snippet.is_file() or digests[snippet] != handbook.snippet_digest(snippet)
            verdict = None if edited else judge(these, timeout, again=again)
            if edited:  # its runs may have run two versions of it: nothing can be said
                entry["status"] = "failed"
                entry["problem"] = "snippet_edited: the snippet changed while it ran; run again"
            elif verdict:
                entry["status"] = "failed"
                entry["problem"] = _relative(f"{verdict.problem.value}: {verdict}")
            elif these[0].stdout == expected.read(snippet, flavour):
                entry["status"] = "identical"
            else:
                entry["status"] = "different"
                entry["output"] = these[0].stdout
            entries.append(entry)
        notes = sorted({r.note for r in done if r.note})
        for note in notes:
            print(f"  tensorflow {release.tensorflow}: {note}", file=sys.stderr)
        return entries
    finally:
        runner.close()


# --- report -------------------------------------------------------------------------------------


def _sort_key(entry: dict) -> tuple:
    return entry["snippet"], entry["flavour"], version_key(entry["tensorflow"])


def _dump(data: dict) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def _load_report(path: Path) -> dict:
    if not path.is_file():
        return {"releases": [], "entries": []}
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise ReleaseError(
            f"{handbook.shown(path)} is not JSON ({exc}); delete it and rerun"
        ) from None
    if report.get("format") != FORMAT:
        raise ReleaseError(
            f"{handbook.shown(path)} has format {report.get('format')!r}, this tool writes "
            f"{FORMAT}; delete it and rerun every row"
        )
    return report


def merge(
    old: dict,
    rows: list[Release],
    ran: dict[str, list[dict]],
    snippets: set[str] | None = None,
) -> dict:
    """The report: the rows just run with their new entries, every other row of the table with
    the entries (and versions) of its last run; rows no longer in the table, snippets gone and
    outputs no longer stored are dropped. With `snippets`, only those snippets ran: a row's other
    entries are kept as they were."""
    previous = {r["tensorflow"]: r for r in old.get("releases", [])}
    releases, entries = [], []
    for row in rows:
        if row.tensorflow in ran:
            releases.append(dict(row.versions))
            entries += ran[row.tensorflow]
            if snippets is not None:
                entries += [
                    e
                    for e in old.get("entries", [])
                    if e["tensorflow"] == row.tensorflow and e["snippet"] not in snippets
                ]
        elif row.tensorflow in previous:
            releases.append(previous[row.tensorflow])
            if previous[row.tensorflow] != row.versions:
                print(
                    f"note: the report's tensorflow {row.tensorflow} entries were made with "
                    f"{previous[row.tensorflow]}, the table now says {row.versions}: rerun it "
                    f"(`nox -s releases -- --only {row.minor}`)",
                    file=sys.stderr,
                )
            entries += [e for e in old["entries"] if e["tensorflow"] == row.tensorflow]
    stored = {(handbook.shown(s).as_posix(), f) for s, f in jobs()}
    entries = [e for e in entries if (e["snippet"], e["flavour"]) in stored]
    return {
        "format": FORMAT,
        "pinned": {name: pins.pinned()[name] for name in STACK},
        "releases": releases,
        "entries": sorted(entries, key=_sort_key),
    }


def summary(rows: list[tuple[Release, list[dict], float]]) -> str:
    lines = [f"{'tensorflow':<11}{'keras':<9}{'tf-keras':<10}identical different failed seconds"]
    for release, entries, seconds in rows:
        count = {s: sum(e["status"] == s for e in entries) for s in ("identical", "different")}
        failed = len(entries) - sum(count.values())
        lines.append(
            f"{release.tensorflow:<11}{release.versions['keras']:<9}"
            f"{release.versions['tf-keras']:<10}{count['identical']:>9} {count['different']:>9} "
            f"{failed:>6} {seconds:>7.0f}"
        )
    return "\n".join(lines)


# --- latest -------------------------------------------------------------------------------------


def _final(version: str) -> bool:
    return re.fullmatch(r"\d+(\.\d+)*(\.post\d+)?", version) is not None


def newest(name: str, prefix: str = "") -> str:
    """The newest final release of `name` on PyPI (starting with `prefix`), not yanked."""
    with urllib.request.urlopen(PYPI.format(name), timeout=60) as answer:
        releases = json.load(answer)["releases"]
    candidates = [
        version
        for version, files in releases.items()
        if _final(version)
        and version.startswith(prefix)
        and files
        and not all(f.get("yanked") for f in files)
    ]
    if not candidates:
        raise ReleaseError(f"PyPI lists no final release of {name} starting with {prefix!r}")
    return max(candidates, key=version_key)


def latest() -> Release:
    tensorflow = newest("tensorflow")
    minor = ".".join(tensorflow.split(".")[:2])
    versions = {
        "tensorflow": tensorflow,
        "keras": newest("keras", "3."),
        "tf-keras": newest("tf-keras", minor + "."),
    }
    return Release(versions, f"latest-{tensorflow}")


def check_latest(python: str, timeout: float, workers: int) -> int:
    try:
        release = latest()
    except OSError as exc:
        raise ReleaseError(f"--latest: cannot ask PyPI for the newest releases: {exc}") from None
    pinned = {name: pins.pinned()[name] for name in STACK}
    same = " (the pinned stack)" if release.versions == pinned else ""
    print(f"newest on PyPI: {release}{same}")
    start = time.perf_counter()
    environment(release, python, None)
    todo = jobs()
    entries = check(release, todo, timeout, workers)
    seconds = time.perf_counter() - start
    LATEST_REPORT.parent.mkdir(parents=True, exist_ok=True)
    LATEST_REPORT.write_text(
        _dump(
            {
                "format": FORMAT,
                "pinned": pinned,
                "latest": release.versions,
                "entries": sorted(entries, key=_sort_key),
            }
        ),
        encoding="utf-8",
    )
    changed = 0
    for entry in sorted(entries, key=_sort_key):
        if entry["status"] == "identical":
            continue
        changed += 1
        snippet, flavour = Path(entry["snippet"]), entry["flavour"]
        if entry["status"] == "different":
            stored = expected.read(pins.ROOT / snippet, flavour) or ""
            print(expected.diff(stored, entry["output"], snippet, flavour), end="")
        else:
            print(f"{snippet} [{flavour}] failed on {release}: {entry['problem']}")
    print(summary([(release, entries, seconds)]))
    print(f"wrote {handbook.shown(LATEST_REPORT)}")
    if changed:
        print(f"{changed} of {len(entries)} outputs differ from the stored ones on {release}")
        return 1
    print(f"all {len(entries)} outputs are identical on {release}")
    return 0


# --- command line -------------------------------------------------------------------------------


def selected(rows: list[Release], only: Iterable[str] | None) -> list[Release]:
    if not only:
        return rows
    chosen = [r for r in rows if r.minor in only or r.tensorflow in only]
    unknown = set(only) - {r.minor for r in chosen} - {r.tensorflow for r in chosen}
    if unknown:
        known = ", ".join(r.minor for r in rows)
        raise ReleaseError(f"--only {', '.join(sorted(unknown))}: no such row (rows: {known})")
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only", action="append", metavar="MINOR", help="run only this row (e.g. 2.16); repeatable"
    )
    parser.add_argument(
        "--lock", action="store_true", help="rewrite each row's constraints file (pip freeze)"
    )
    parser.add_argument(
        "--latest",
        action="store_true",
        help="check the newest tensorflow, keras and tf-keras on PyPI; exit 1 if an output changes",
    )
    parser.add_argument(
        "--snippet",
        action="append",
        type=Path,
        help="run only this snippet (repeatable); the report keeps the others' entries",
    )
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--workers", type=int, default=2, help="runs at once (default 2)")
    parser.add_argument(
        "--python",
        default=sys.executable,
        help="the interpreter the environments are made from (default: this one)",
    )
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # progress in a log
    try:
        if args.latest:
            return check_latest(args.python, args.timeout, args.workers)
        rows = table()
        chosen = selected(rows, args.only)
        if args.lock:
            for release in chosen:
                print(f"wrote {handbook.shown(lock(release, args.python))}")
            return 0
        todo = jobs()
        names = None
        if args.snippet:
            names = {handbook.shown(p.resolve()).as_posix() for p in args.snippet}
            todo = [(s, f) for s, f in todo if handbook.shown(s).as_posix() in names]
        print(f"{len(todo)} outputs (snippet and flavour) are stored; each runs on each release")
        done: list[tuple[Release, list[dict], float]] = []
        ran: dict[str, list[dict]] = {}
        for release in chosen:
            start = time.perf_counter()
            environment(release, args.python, release.constraints)
            print(f"tensorflow {release.tensorflow}: running in {handbook.shown(release.folder)}")
            entries = check(release, todo, args.timeout, args.workers)
            done.append((release, entries, time.perf_counter() - start))
            ran[release.tensorflow] = entries
            # written after each row: a later row's failure keeps what was found
            report = merge(_load_report(REPORT), rows, ran, names)
            REPORT.write_text(_dump(report), encoding="utf-8")
        print(summary(done))
        print(f"wrote {handbook.shown(REPORT)}")
        return 0
    except ReleaseError as exc:
        print(f"releases: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
