"""Where pages load snippets: the one reading of `:load:` options everyone uses.

Mechanism: a code cell names its snippet with a `:load: <path>` option line, relative to the page;
`loads()` returns each such line of a page source with its 1-based line number and the resolved
snippet path, whether or not the file exists (the caller decides what a missing one means).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

LOAD = re.compile(r"^:load:\s*(\S+)\s*$", re.MULTILINE)


@dataclasses.dataclass(frozen=True)
class Load:
    page: Path
    line: int  # of the `:load:` option: where every warning about the cell points
    target: str  # as written on the page
    snippet: Path  # resolved
    start: int  # offset of the option in the source, to cut it out
    end: int


def loads(page: Path, source: str | None = None) -> list[Load]:
    """Every `:load:` of one page, in source order."""
    page = Path(page)
    if source is None:
        source = page.read_text(encoding="utf-8")
    return [
        Load(
            page,
            source.count("\n", 0, m.start()) + 1,
            m[1],
            (page.parent / m[1]).resolve(),
            m.start(),
            m.end(),
        )
        for m in LOAD.finditer(source)
    ]


def loaded_snippets(srcdir: Path) -> list[Load]:
    """Every `:load:` of an existing snippet on every page under `srcdir`, page by page."""
    return [
        load
        for page in sorted(Path(srcdir).rglob("*.md"))
        for load in loads(page)
        if load.snippet.is_file()
    ]
