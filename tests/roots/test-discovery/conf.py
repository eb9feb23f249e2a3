"""The real site's configuration (docs/conf.py) on a tiny project: its theme, chrome and
discovery tags, its three languages, with one flavour and this folder's snippets."""

import runpy
from pathlib import Path

import handbook

_real = runpy.run_path(str(Path(handbook.__file__).parent.parent / "docs" / "conf.py"))
globals().update({name: value for name, value in _real.items() if not name.startswith("_")})
handbook_root = str(Path(__file__).parent)
handbook_flavours = ["keras3"]
exclude_patterns = ["expected", "locales"]
handbook_preload = []  # the real conf.py preloads TensorFlow; this root's snippet imports nothing
