"""Sphinx extension: the page chrome (title, footer, theme buttons) in the language of the build.

Mechanism, three sources of chrome text and one fix for each:

- Values that conf.py would set (`project`, `author`, `copyright`, `html_title`, the theme's
  `search_bar_text`) are set at config-inited from handbook/labels.py, by `config.language`:
  conf.py itself runs before `-D language=...` is applied, so it only ever sees English.
- Theme strings that pass through gettext but that pydata-sphinx-theme's and sphinx-book-theme's
  own catalogues lack, or "translate" into the same English ("Color mode", "© Copyright ..."),
  are in handbook/locales/<lang>/LC_MESSAGES/<domain>.po. At setup each .po is compiled to a .mo
  under the build's doctree folder (never committed, never in the source tree) and added with
  `app.add_message_catalog`. Sphinx chains the catalogues of a domain in the order they are
  added: Sphinx's own first, then ours (added here), then the themes' (added when the HTML
  builder loads them, later). So ours wins over a theme's English placeholder; it holds only
  such gaps (tests/test_chrome.py fails on an entry that Sphinx or a theme really translates),
  so it never replaces a real translation.
- Strings the themes write without gettext (aria-label "Main" and "Page", the "Toggle ...
  sidebar" tooltips) are put through the same catalogue by small templates in
  handbook/templates/ that shadow the theme's. They call `handbook_gettext()`, not `_()`:
  Sphinx's gettext builder extracts every `_()` of the project's templates into a sphinx.pot,
  which the translation gate would then expect docs/locales/ to translate. The download menu's
  ".md" / ".pdf" entries are relabelled at html-page-context.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx.application import Sphinx
from sphinx.util import logging

from handbook.labels import label

LOCALES = Path(__file__).parent / "locales"
TEMPLATES = Path(__file__).parent / "templates"
logger = logging.getLogger(__name__)


def set_language_values(app: Sphinx, config) -> None:
    """Per-language values of the configuration, from the one table in handbook/labels.py."""
    language = config.language
    config.project = label(language, "title")
    config.html_title = label(language, "title")
    config.author = label(language, "author")
    config.copyright = label(language, "copyright")
    # a copy: conf.py's dict is shared by every Sphinx application made in one process (tests)
    config.html_theme_options = {
        **config.html_theme_options,
        "search_bar_text": label(language, "search"),
    }
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path.append(str(TEMPLATES))


def compile_catalogues(language: str, out: Path) -> list[str]:
    """Compile handbook/locales/<language>/LC_MESSAGES/*.po into `out` (same layout); return
    the gettext domains found. A .po that cannot be read is a warning at its file and line."""
    domains = []
    source = LOCALES / language / "LC_MESSAGES"
    for po in sorted(source.glob("*.po")) if source.is_dir() else []:
        try:
            with open(po, "rb") as handle:
                catalog = read_po(handle, locale=language, abort_invalid=True)
        except Exception as error:  # babel raises PoFileError or ValueError with the line
            logger.warning(
                "theme catalogue %s cannot be read: %s",
                po,
                error,
                type="handbook",
                subtype="theme_catalogue",
                location=str(po),
            )
            continue
        target = out / language / "LC_MESSAGES" / f"{po.stem}.mo"
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "wb") as handle:
            write_mo(handle, catalog)  # fuzzy entries are left out, as msgfmt does
        domains.append(po.stem)
    return domains


def add_catalogues(app: Sphinx) -> None:
    # at setup: the themes register their catalogues when the HTML builder loads them, after
    # every extension's setup, so ours comes before theirs in the chain
    out = Path(app.doctreedir) / "handbook-locales"
    for domain in compile_catalogues(app.config.language or "en", out):
        app.add_message_catalog(domain, str(out))


def add_gettext(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """`handbook_gettext()` for handbook/templates/: the "sphinx" domain, ours included."""
    context["handbook_gettext"] = app.translator.gettext


def relabel_downloads(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree
) -> None:
    """The download menu says what its entries are, in the page's language, instead of the
    theme's bare ".md" and ".pdf" (the link targets stay as the theme made them)."""
    language = app.config.language
    for group in context.get("header_buttons", []):
        for button in group.get("buttons", []):
            if button.get("label") == "download-source-button":
                button["text"] = label(language, "source_button")
            elif button.get("label") == "download-pdf-button":
                button["text"] = label(language, "print_button")


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", set_language_values)
    add_catalogues(app)
    # before pydata-sphinx-theme renders the components to drop empty ones (priority 500)
    app.connect("html-page-context", add_gettext, priority=400)
    # after sphinx-book-theme fills header_buttons (priority 501)
    app.connect("html-page-context", relabel_downloads, priority=600)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
