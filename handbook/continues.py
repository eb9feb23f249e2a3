"""Snippets that continue an earlier cell of their page, as the cells of a notebook do.

Mechanism: a snippet whose first line after its docstring reads `# Continues <file>.py: ...`
(a path relative to the snippet's folder) runs after that file, in the same process, as a reader
runs a page's cells in order. `chain()` lists the files, earliest first; `script()` joins them
into the one script a file run executes (forked, fresh, older releases), a Jupyter run pastes
them as consecutive cells of one kernel, and the execution cache keys a run by the joined bytes,
so an edit to an earlier cell runs its continuations again. A continued snippet prints nothing
(the tests check its stored outputs are empty), so what the joined script prints is the
continuation's own output, the one shown under its cell.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

MARK = re.compile(r"# Continues (?P<target>[\w./-]+\.py)\b")


class BrokenChain(ValueError):
    """A `# Continues` line naming a file that does not exist, or a chain that loops back."""

    def __init__(self, path: Path, line: int, problem: str):
        super().__init__(f"{path}:{line}: {problem}")
        self.path, self.line, self.problem = path, line, problem


def continued(path: Path) -> tuple[Path, int] | None:
    """The file `path` continues and the line that says so, or None for a standalone snippet."""
    text = Path(path).read_text(encoding="utf-8")
    try:
        body = ast.parse(text).body
    except SyntaxError:
        return None  # a standalone script as far as chains go: its run reports the error
    first = body[0] if body else None
    docstring = (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    )
    number = first.end_lineno + 1 if docstring and first and first.end_lineno else 1
    lines = text.splitlines()
    match = MARK.match(lines[number - 1]) if number <= len(lines) else None
    if match is None:
        return None
    return (Path(path).parent / match["target"]).resolve(), number


def chain(path: Path) -> list[Path]:
    """The files a run of `path` executes, earliest first, `path` last."""
    files = [Path(path).resolve()]
    while (link := continued(files[0])) is not None:
        target, line = link
        if not target.is_file():
            raise BrokenChain(files[0], line, f"continues {target.name}, which does not exist")
        if target in files:
            raise BrokenChain(files[0], line, f"continues {target.name}, which continues it")
        files.insert(0, target)
    return files


def script(path: Path) -> bytes:
    """The joined source a file run of `path` executes: every file of its chain, in order."""
    return b"\n".join(part.read_bytes() for part in chain(path))
