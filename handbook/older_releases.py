"""What older TensorFlow releases print: read the committed report of `nox -s releases`, show it
under each output, and name the outputs it does not cover yet.

Mechanism: `releases/report.json` (written by `handbook.releases`) holds one entry per snippet,
flavour and older release, with the sha256 of the snippet's bytes when it ran and whether its
output was identical to the stored one. A snippet is covered when every release of the report has
an entry for it in every flavour with the snippet's current hash; anything else (a new snippet, an
edited one) is "not yet checked", which a page says under the output and `nox -s docs` lists with
the `page.md:line` of the cell, so a maintainer knows to run `nox -s releases`. It is a notice, not
a build failure: checking five releases takes about an hour on 2 cores, and a page may say
honestly that it has not been done yet. Ranges of minor releases are written as `2.16–2.21`,
the pinned one included; a release the report has no row for breaks the range.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from docutils import nodes

from handbook import pins, scan, shown, snippet_digest
from handbook.labels import label
from handbook.render import output_block, output_label

REPORT = pins.ROOT / "releases" / "report.json"
FORMAT = 1


class ReportError(ValueError):
    """The report cannot be read: the message names the file and what is wrong."""


@dataclasses.dataclass(frozen=True)
class Entry:
    tensorflow: str
    status: str  # identical, different or failed
    text: str  # the output when different, the problem when failed


@dataclasses.dataclass(frozen=True)
class Report:
    pinned: str  # the TensorFlow version of the pinned stack, e.g. "2.21.0"
    releases: tuple[dict[str, str], ...]  # oldest first, as the report lists them
    by_release: dict[tuple[str, str, str, str], Entry]  # (snippet, sha256, flavour, tensorflow)

    def covers(self, snippet: str, digest: str, flavours) -> bool:
        return all(
            (snippet, digest, flavour, release["tensorflow"]) in self.by_release
            for flavour in flavours
            for release in self.releases
        )

    def span(self, versions: list[str]) -> str:
        """`versions` as ranges of minor releases: consecutive minors become `2.16–2.21`, a
        gap a comma (`2.16–2.17, 2.21` when the report has no row for 2.18 to 2.20)."""
        minors = sorted({tuple(int(p) for p in v.split(".")[:2]) for v in versions})
        runs: list[list[tuple[int, ...]]] = []
        for minor in minors:
            if runs and runs[-1][-1] == (minor[0], minor[1] - 1):
                runs[-1].append(minor)
            else:
                runs.append([minor])

        def name(minor: tuple[int, ...]) -> str:
            return ".".join(map(str, minor))

        return ", ".join(name(r[0]) if len(r) == 1 else f"{name(r[0])}–{name(r[-1])}" for r in runs)


def load(path: Path = REPORT) -> Report | None:
    """The report, or None when there is none (the site then says nothing about releases)."""
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ReportError(f"{path}: format {data.get('format')!r}, expected {FORMAT}")
        by_release = {
            (e["snippet"], e["sha256"], e["flavour"], e["tensorflow"]): Entry(
                e["tensorflow"], e["status"], e.get("output") or e.get("problem") or ""
            )
            for e in data["entries"]
        }
        return Report(data["pinned"]["tensorflow"], tuple(data["releases"]), by_release)
    except (KeyError, TypeError, json.JSONDecodeError) as exc:
        raise ReportError(f"{path}: not a releases report ({type(exc).__name__}: {exc})") from exc


def _key(snippet: Path, root: Path) -> str:
    # as the report names it: relative to the repository (the project, for a test root)
    return shown(snippet, root).as_posix()


def _paragraph(text: str, classes: list[str]) -> nodes.paragraph:
    # generated in each language from labels.py, so gettext must not extract it
    return nodes.paragraph(text, text, classes=["handbook-releases", *classes], translatable=False)


def render(
    language: str | None, report: Report, snippet: Path, root: Path, texts: dict[str, str]
) -> list[nodes.Node]:
    """What the older releases printed for one cell: the releases that print exactly the output
    above, and a box for each other output with the releases that print it."""
    key, sha = _key(snippet, root), snippet_digest(snippet)
    if not report.covers(key, sha, texts):
        return [_paragraph(label(language, "releases_unchecked"), ["handbook-unchecked"])]
    same: dict[str, list[str]] = {}
    other: dict[tuple[str, str, str], list[str]] = {}  # (flavour, status, text) -> releases
    for flavour in texts:
        same[flavour] = [report.pinned]
        for release in report.releases:
            entry = report.by_release[(key, sha, flavour, release["tensorflow"])]
            if entry.status == "identical":
                same[flavour].append(entry.tensorflow)
            else:
                other.setdefault((flavour, entry.status, entry.text), []).append(entry.tensorflow)
    found: list[nodes.Node] = []
    if len({tuple(v) for v in same.values()}) == 1:
        releases = report.span(next(iter(same.values())))
        found.append(_paragraph(label(language, "releases_same", releases=releases), []))
    else:
        for flavour, versions in same.items():
            text = label(
                language,
                "releases_same_flavour",
                flavour=label(language, f"name_{flavour}"),
                releases=report.span(versions),
            )
            found.append(_paragraph(text, []))
    for (flavour, status, text), versions in other.items():
        name = "releases_output" if status == "different" else "releases_failed"
        title = label(
            language,
            name,
            flavour=label(language, f"name_{flavour}"),
            releases=report.span(versions),
        )
        box = nodes.container(classes=["handbook-output", "handbook-older"])
        box += output_label(title, [])
        box += output_block(text)
        found.append(box)
    return found


def changed(report: Report, snippet: Path, root: Path) -> bool:
    """Whether an older release printed something else for the snippet as it is now."""
    key, sha = _key(snippet, root), snippet_digest(snippet)
    return any(
        k[0] == key and k[1] == sha and entry.status != "identical"
        for k, entry in report.by_release.items()
    )


def checked(language: str | None, report: Report | None) -> str:
    """The stamp's sentence on the releases the report covers, or "" without a report."""
    if report is None or not report.releases:
        return ""
    versions = [r["tensorflow"] for r in report.releases]
    return label(language, "stamp_releases", releases=report.span(versions))


def unchecked(srcdir: Path, root: Path, flavours, report: Report | None) -> list[str]:
    """`page.md:line: snippet ...` for every loaded snippet the report does not cover."""
    if report is None:
        return []
    return [
        f"{shown(load.page, root).as_posix()}:{load.line}: {_key(load.snippet, root)} is not "
        "yet checked on "
        f"TensorFlow {report.span([r['tensorflow'] for r in report.releases])} (new or edited "
        "since releases/report.json): run `nox -s releases`"
        for load in scan.loaded_snippets(srcdir)
        if not report.covers(_key(load.snippet, root), snippet_digest(load.snippet), flavours)
    ]
