"""A tiny handbook project: one page loading one snippet; each test-<case> root adds its files."""

from pathlib import Path

extensions = ["myst_nb", "handbook.outputs", "handbook.differences", "handbook.pruning"]
nb_execution_mode = "off"  # as on the real site: outputs come from handbook.outputs
handbook_root = str(Path(__file__).parent)
handbook_flavours = ["keras3"]
handbook_preload = []  # these snippets import nothing: a fork server starts in milliseconds
handbook_languages = {"en": "English", "zh_CN": "简体中文"}
locale_dirs = ["locales/"]
exclude_patterns = ["expected", "locales"]
# no releases report in a tiny root unless its test writes one (test_older_releases)
handbook_releases_report = "releases.json"
