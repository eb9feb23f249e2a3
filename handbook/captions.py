"""Code-cell captions: what each loaded snippet shows, above its code, in the page's language.

Mechanism: the code of a cell is the snippet's bytes, in English on every page (the copy check
needs it), so the one-line docstring that opens every snippet (`\"\"\"What it shows.\"\"\"`) is
also shown above the code as a caption, in the reader's language. English pages show the
docstring itself; zh_CN and ru pages take its translation from one gettext catalogue per
language for every snippet, `docs/locales/<lang>/LC_MESSAGES/snippets.po`: msgid the English
docstring, msgctxt the snippet's path from the repository root. `python -m handbook.captions
update` writes those catalogues with babel from the snippets as they are now (every snippet a
page loads and every .py under snippets/): an unchanged docstring keeps its translation, a changed
one keeps the old translation marked fuzzy (with the old English as `#| msgid`), a moved snippet
with the same docstring keeps its translation, and a removed snippet's entry is dropped. The
translation gate (`handbook.translations`) checks these catalogues like a page's (a docstring
writes identifiers as prose, "Inside fit, ...", and a translation may put them in code spans,
"在 `fit` 内部", so a Chinese or Russian caption shows no bare English word): a docstring
untranslated, fuzzy, missing from the catalogue or breaking the glossary fails it, naming the
snippet and `snippets.po:line`. The build (`handbook.outputs`) inserts the caption as the cell's
first child, a paragraph that gettext never extracts, with the class `handbook-caption`
(handbook/static/handbook.css); it falls back to the English docstring when the translation is
missing or fuzzy, which the gate reports, and warns `[handbook.caption_missing]` at the page line
when the snippet's first line is not a one-line docstring.
"""

from __future__ import annotations

import argparse
import ast
import datetime
import sys
import tempfile
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import denormalize, read_po, write_po
from docutils import nodes

from handbook import pins, scan, shown
from handbook.labels import label

DOMAIN = "snippets"  # the catalogue's file name: LC_MESSAGES/snippets.po
DOCS = pins.ROOT / "docs"
UPDATE = "python -m handbook.captions update"
HEADER = (
    "# Captions of the Keras Freezing Handbook's code cells: each snippet's\n"
    "# one-line docstring (msgid), by its path (msgctxt).\n"
    "# Written by `python -m handbook.captions update`: translate each msgstr;\n"
    "# check a fuzzy one against the English, then delete its `#, fuzzy` line."
)


class NoDocstring(ValueError):
    """The snippet's first line is not a one-line docstring."""


def docstring(snippet: Path) -> str:
    """The one-line docstring on the snippet's first line, or NoDocstring saying what is there."""
    try:
        with open(snippet, encoding="utf-8") as handle:
            first = handle.readline().strip()
    except UnicodeDecodeError:
        raise NoDocstring("its first line is not UTF-8") from None
    if first.startswith('"""') and first.endswith('"""') and len(first) > 6:
        try:
            text = ast.literal_eval(first)
        except (SyntaxError, ValueError):
            text = None
        if isinstance(text, str) and text.strip():
            return text.strip()
    raise NoDocstring(
        f'its first line must be a one-line docstring, """What the snippet shows.""", '
        f"not {first[:60]!r}"
    )


def snippets(docs: Path = DOCS, root: Path = pins.ROOT) -> list[Path]:
    """Every snippet a page under `docs` loads, and every .py under `root`/snippets/ (a new
    snippet is translated before a page loads it), sorted by path."""
    found = {load.snippet for load in scan.loaded_snippets(docs)}
    found |= {path.resolve() for path in (root / "snippets").rglob("*.py")}
    return sorted(found, key=lambda path: context(path, root))


def context(snippet: Path, root: Path = pins.ROOT) -> str:
    """The msgctxt of a snippet's entry: its path from the repository root, with slashes."""
    return shown(snippet, root).as_posix()


def catalogue(docs: Path, language: str) -> Path:
    return docs / "locales" / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def template(docs: Path = DOCS, root: Path = pins.ROOT) -> tuple[Catalog, dict[Path, str]]:
    """The English template (every snippet's docstring, msgctxt its path) and, apart, the
    snippets whose first line is no docstring, with what is wrong."""
    catalog = Catalog(
        project=label("en", "title"),
        version="",
        msgid_bugs_address="",
        copyright_holder=label("en", "author"),
        fuzzy=False,
    )
    catalog.header_comment = HEADER
    broken = {}
    for snippet in snippets(docs, root):
        try:
            catalog.add(docstring(snippet), context=context(snippet, root))
        except NoDocstring as error:
            broken[snippet] = str(error)
    return catalog, broken


def merge(old: Catalog | None, english: Catalog, language: str) -> Catalog:
    """`old` brought in line with `english` (see the module docstring); a new catalogue if None."""
    if old is None:
        old = Catalog(
            locale=language,
            project=english.project,
            version="",
            msgid_bugs_address="",
            fuzzy=False,
            copyright_holder=english.copyright_holder,
            last_translator="Keras Freezing Handbook translators",
            language_team=language,
            revision_date=datetime.datetime.now(datetime.UTC),
        )
        old.header_comment = HEADER
    previous = [message for message in old if message.id]
    by_key = {(m.id, m.context): m for m in previous}
    by_context = {m.context: m for m in previous if m.context and m.string}
    by_id = {m.id: m for m in previous if m.string}
    for message in previous:
        old.delete(message.id, message.context)
    old.obsolete.clear()
    for message in english:
        if not message.id:
            continue
        new = old.add(message.id, context=message.context)
        same = by_key.get((message.id, message.context))
        if same is not None:  # unchanged: as it was, fuzzy or not
            new.string, new.flags = same.string, set(same.flags)
            new.previous_id = same.previous_id
            new.user_comments = same.user_comments
        elif message.context in by_context:  # the docstring changed: the translator checks
            changed = by_context[message.context]
            new.string, new.flags = changed.string, {*changed.flags, "fuzzy"}
            new.previous_id = [changed.id] if isinstance(changed.id, str) else list(changed.id)
            new.user_comments = changed.user_comments
        elif message.id in by_id:  # the snippet moved: the same English, the same translation
            moved = by_id[message.id]
            new.string, new.flags = moved.string, set(moved.flags)
    return old


def read(path: Path, language: str) -> Catalog | None:
    """The catalogue in `path` (None if there is none), with the old English of each fuzzy entry
    (`#| msgid`), which babel writes but does not read back."""
    if not path.is_file():
        return None
    with open(path, "rb") as handle:
        catalog = read_po(handle, locale=language, abort_invalid=True)
    previous: list[tuple[int, str]] = []  # (line after the `#| msgid` lines, old msgid)
    lines: list[str] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#| msgid ") or (lines and line.startswith('#| "')):
            lines.append(line.removeprefix("#| msgid ").removeprefix("#| "))
        elif lines:
            previous.append((number, denormalize("\n".join(lines))))
            lines = []
    entries = sorted((m for m in catalog if m.id), key=lambda m: m.lineno)
    for message in entries:
        # an entry's `#|` lines come after the entry before it and before its msgid line
        before = [m.lineno for m in entries if m.lineno < message.lineno]
        start = max(before, default=0)
        message.previous_id = [old for end, old in previous if start < end <= message.lineno]
        # babel reads the `#|` lines as translator comments ("| msgid ..."): they are not
        message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
    return catalog


def write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        # sphinx-intl's width, so the page catalogues and this one wrap alike
        write_po(handle, catalog, width=76, include_previous=True, ignore_obsolete=True)


def update(
    languages: list[str], docs: Path = DOCS, root: Path = pins.ROOT, pot: Path | None = None
) -> tuple[list[Path], dict[Path, str]]:
    """Write each language's snippets.po (and the template to `pot`, if given); return the
    catalogues written and the snippets left out because their first line is no docstring."""
    english, broken = template(docs, root)
    if pot is not None:
        pot.parent.mkdir(parents=True, exist_ok=True)
        with open(pot, "wb") as handle:
            write_po(handle, english, width=76)
    written = []
    for language in languages:
        path = catalogue(docs, language)
        write(path, merge(read(path, language), english, language))
        written.append(path)
    return written, broken


def check(docs: Path, language: str, glossary=None, root: Path = pins.ROOT) -> list:
    """The gate's problems of one language's snippets.po (handbook.translations.Problem)."""
    from handbook import translations  # it calls this module from check_site

    english, broken = template(docs, root)
    problems = [
        translations.Problem(snippet, 1, "no docstring", error) for snippet, error in broken.items()
    ]
    po = catalogue(docs, language)
    if not po.is_file():
        return [
            *problems,
            translations.Problem(
                po, 0, "missing catalogue", "no snippet captions", hint=f"run `{UPDATE}`"
            ),
        ]
    with tempfile.TemporaryDirectory(prefix="handbook-captions-") as folder:
        pot = Path(folder) / f"{DOMAIN}.pot"
        with open(pot, "wb") as handle:
            write_po(handle, english)
        found = translations.check(po, pot, glossary, code_from_prose=True)
    for problem in found:
        if problem.kind in {"missing (new English text)", "no longer in the English source"}:
            problem.hint = f"run `{UPDATE}`" + (
                ", then translate it" if problem.kind.startswith("missing") else ""
            )
        elif problem.kind == "obsolete":
            problem.hint = f"run `{UPDATE}`, which drops it"
    return problems + found


def translated(path: Path, language: str) -> dict[tuple[str, str], str]:
    """{(snippet path, English docstring): translation} of a catalogue, fuzzy entries left out
    (as msgfmt leaves them out)."""
    catalog = read(path, language)
    if catalog is None:
        return {}
    return {
        (m.context, m.id): m.string
        for m in catalog
        if m.id and m.context and isinstance(m.string, str) and m.string and not m.fuzzy
    }


def _inline(text: str) -> list[nodes.Node]:
    """The caption's words, its `code spans` as inline literals."""
    parts: list[nodes.Node] = []
    for index, piece in enumerate(text.split("`")):
        if index % 2:
            parts.append(nodes.literal(piece, piece))
        elif piece:
            parts.append(nodes.Text(piece))
    return parts if text.count("`") % 2 == 0 else [nodes.Text(text)]


def caption(app, snippet: Path) -> nodes.paragraph:
    """The caption of a cell loading `snippet`, in the build's language; NoDocstring if the
    snippet has none."""
    text = docstring(snippet)
    language = app.config.language or "en"
    if language != "en":
        po = Path(app.srcdir) / (app.config.locale_dirs or ["locales"])[0] / language
        po = po / "LC_MESSAGES" / f"{DOMAIN}.po"
        if po.is_file():  # a missing dependency would make Sphinx read the page on every build
            app.env.note_dependency(str(po))  # a new translation rebuilds the page
        if not hasattr(app, "handbook_captions"):
            app.handbook_captions = translated(po, language)
        key = (context(snippet, Path(app.config.handbook_root)), text)
        text = app.handbook_captions.get(key, text)  # missing or fuzzy: the gate says so
    # written in each language already, so gettext must not extract it
    paragraph = nodes.paragraph("", "", *_inline(text), translatable=False)
    paragraph["classes"].append("handbook-caption")
    return paragraph


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["update"])
    parser.add_argument("--pot", type=Path, help="also write the English template here")
    args = parser.parse_args(argv)
    from handbook.site import languages

    written, broken = update([c for c in languages(DOCS) if c != "en"], pot=args.pot)
    for path in written:
        print(f"updated {shown(path)}")
    for snippet, error in broken.items():
        print(f"{shown(snippet)}:1: no caption: {error}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
