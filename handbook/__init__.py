"""Build machinery of the Keras Freezing Handbook.

Snippets run in a declared environment, forked or fresh (`runner`, cached by `execute`); their
stdout is compared with the stored expected output (`expected`), and a Sphinx extension puts the
checked output under each code cell (`outputs`). `site` builds every language and publishes the
result only when all of them pass.
"""

import hashlib
from pathlib import Path

from handbook import continues  # imports nothing of the package: no cycle

ROOT = Path(__file__).resolve().parent.parent  # the repository


def shown(path, root: Path = ROOT) -> Path:
    """`path` as a maintainer types it: relative to the repository when inside it."""
    try:
        return Path(path).resolve().relative_to(root)
    except ValueError:
        return Path(path)


def snippet_digest(path) -> str:
    """The sha256 of what a run of the snippet executes (its bytes, after those of the cells it
    continues): how the releases report names the version it ran."""
    return hashlib.sha256(continues.script(path)).hexdigest()
