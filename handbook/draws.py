"""Tell a behaviour change from a different random draw, for snippets whose Keras 2 and Keras 3
outputs differ.

Mechanism: Keras 2 and Keras 3 draw different random numbers from the same seed (initial
weights, dropout masks), so two outputs can differ although both versions behave the same. The
build runs a reseeded copy of such a snippet (its `set_random_seed(0)` made `set_random_seed(1)`)
under each flavour. A line that differs between the flavours is a random draw when it also
changes with the seed in *both* flavours; a line that stays put under reseeding in either
flavour is behaviour (e.g. Keras 2 drops nothing whatever the seed, Keras 3 drops units). So
is a line whose numbers keep the same pattern of equal values under reseeding in each flavour,
a pattern that differs between the flavours: `loss 5.626, mse 5.626` in one and `loss 5.881,
mse 5.626` in the other both change with the seed, but "loss equals mse" holds in one flavour
under every seed and in the other under none. A snippet differs only by its draws when every
line that differs between the flavours is a draw and both outputs have the same number of lines;
anything else, including a snippet without a seed to change, is a behaviour change.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from handbook import continues

SEED = re.compile(r"set_random_seed\(0\)")
NUMBER = re.compile(r"-?\d+(?:\.\d*)?(?:e[-+]?\d+)?")


def pattern(line: str) -> str:
    """The line with each number replaced by the index of its distinct value: which numbers
    are equal, not what they are (`loss 5.6, mse 5.6` -> `loss #0, mse #0`)."""
    seen: dict[str, int] = {}
    return NUMBER.sub(lambda m: f"#{seen.setdefault(m[0], len(seen))}", line)


def reseeded(snippet: Path, folder: Path) -> Path | None:
    """A copy of `snippet` seeded with 1 instead of 0, in `folder`, or None if it sets no seed."""
    # a continuation's copy holds the cells it continues too: it runs on its own in `folder`
    source = continues.script(snippet).decode("utf-8")
    if not SEED.search(source):
        return None
    copy = SEED.sub("set_random_seed(1)", source)
    # named by content: two snippets with one name in two topics never share a copy
    digest = hashlib.sha256(copy.encode()).hexdigest()[:12]
    path = Path(folder) / f"{Path(snippet).stem}-{digest}.py"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(copy, encoding="utf-8")
    return path


def only_draws(seeded: dict[str, str], reseeded_: dict[str, str]) -> bool:
    """True when the flavours' outputs (`seeded`, {flavour: stdout}) differ only in lines that
    change with the seed in every flavour (`reseeded_`, the same under the other seed)."""
    lines = {flavour: text.splitlines() for flavour, text in seeded.items()}
    again = {flavour: text.splitlines() for flavour, text in reseeded_.items()}
    if len({len(v) for v in (*lines.values(), *again.values())}) != 1:
        return False
    columns = list(zip(*lines.values(), strict=True))
    differing = [i for i, row in enumerate(columns) if len(set(row)) > 1]

    def draw(i: int) -> bool:
        if any(lines[f][i] == again[f][i] for f in lines):
            return False  # it stays put under reseeding in one flavour: behaviour
        stable = all(pattern(lines[f][i]) == pattern(again[f][i]) for f in lines)
        return not (stable and len({pattern(lines[f][i]) for f in lines}) > 1)

    return bool(differing) and all(draw(i) for i in differing)
