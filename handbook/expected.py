"""Stored expected outputs: where they live, how a run is compared with them, what counts as noise.

One plain-text file per snippet and flavour, beside the snippet:
`snippets/<topic>/expected/<name>.<flavour>.txt` holds exactly what
`python snippets/<topic>/<name>.py`
printed to stdout. Text files diff well in review, and the comparison is exact: no normalisation.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

# Lines that must never reach a page: TensorFlow/absl log lines, Python warnings, progress bars.
NOISE = re.compile(
    r"^[IWEF]\d{4} \d\d:\d\d:\d\d"  # absl C++ log line
    r"|^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+: [IWEF] "  # TensorFlow C++ log line
    r"|^WARNING:|Warning: "  # Python warnings and absl's Python logger
    r"|\d+m?s/step|━|\x08|\r"  # Keras progress bars
)


def expected_path(snippet: Path, flavour: str) -> Path:
    snippet = Path(snippet)
    return snippet.parent / "expected" / f"{snippet.stem}.{flavour}.txt"


def snippet_for(expected: Path) -> Path:
    """The snippet an expected file belongs to (which may not exist: an orphan)."""
    name = expected.name.split(".", 1)[0]
    return expected.parent.parent / f"{name}.py"


def read(snippet: Path, flavour: str) -> str | None:
    path = expected_path(snippet, flavour)
    return path.read_text(encoding="utf-8") if path.is_file() else None


def write(snippet: Path, flavour: str, text: str) -> Path:
    path = expected_path(snippet, flavour)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def diff(expected: str, actual: str, snippet: Path, flavour: str) -> str:
    """A unified diff from the stored output to the one just produced, '' if they are equal."""
    if expected == actual:
        return ""
    lines = difflib.unified_diff(
        expected.splitlines(keepends=True),
        actual.splitlines(keepends=True),
        fromfile=f"{expected_path(snippet, flavour)} (stored)",
        tofile=f"{snippet} (executed, {flavour})",
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


def noise(text: str) -> tuple[int, str] | None:
    """The first (line number, line) of `text` that is log, warning or progress-bar noise."""
    for number, line in enumerate(text.split("\n"), start=1):
        if NOISE.search(line):
            return number, line
    return None
