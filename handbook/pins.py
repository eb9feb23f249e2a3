"""The pinned Keras stack: read once from pyproject.toml, checked against what is installed.

Expected outputs are only true for the versions that produced them, so every execution is keyed by
the installed versions, and a build refuses to run when they differ from the pins.
"""

from __future__ import annotations

import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

from handbook import ROOT

PYPROJECT = ROOT / "pyproject.toml"
# The dependency group that holds the packages whose versions decide what snippets print.
STACK_GROUP = "keras"


class PinMismatch(RuntimeError):
    """The installed Keras stack is not the one pinned in pyproject.toml."""


def pinned(pyproject: Path = PYPROJECT) -> dict[str, str]:
    """Return {distribution: version} for every `name==version` in the stack group."""
    groups = tomllib.loads(pyproject.read_text(encoding="utf-8"))["dependency-groups"]
    pins = {}
    for requirement in groups[STACK_GROUP]:
        match = re.fullmatch(r"\s*([A-Za-z0-9_.-]+)\s*==\s*([^\s;]+)\s*", requirement)
        if not match:
            raise PinMismatch(
                f"{pyproject}: {requirement!r} in [dependency-groups] "
                f"{STACK_GROUP} is not pinned with '=='"
            )
        pins[match[1].lower()] = match[2]
    return pins


def installed(names) -> dict[str, str | None]:
    """Return {distribution: installed version or None}."""
    versions: dict[str, str | None] = {}
    for name in names:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def stack_versions() -> dict[str, str]:
    """The versions that key an execution: the pinned stack as installed, and Python."""
    versions = {name: str(v) for name, v in installed(pinned()).items()}
    versions["python"] = ".".join(map(str, sys.version_info[:3]))
    return versions


def check(pyproject: Path = PYPROJECT) -> None:
    """Raise PinMismatch naming both versions of every package that differs from its pin."""
    pins = pinned(pyproject)
    found = installed(pins)
    wrong = [
        f"  {name}: pinned {pin} in {pyproject.name}, installed {found[name] or 'nothing'}"
        for name, pin in pins.items()
        if found[name] != pin
    ]
    if wrong:
        raise PinMismatch(
            "the installed Keras stack differs from the pins, so outputs would not match:\n"
            + "\n".join(wrong)
            + "\nfix the environment: run the build through nox (`nox -s docs`), which installs "
            "the pins, or run `pip install -c constraints.txt "
            + " ".join(f"{name}=={pin}" for name, pin in pins.items())
            + "`"
        )
