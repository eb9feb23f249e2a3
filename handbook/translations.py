"""The translation gate and status table: `python -m handbook.translations {check,status}`.

Mechanism: each .po file is read with babel (a syntax error is reported at its line) and compared
with the English templates that Sphinx's gettext builder extracts from the source as it is now.
A catalogue passes when every message is translated, none is fuzzy or obsolete or missing, every
msgstr keeps the msgid's inline code spans, roles, link targets and substitutions unchanged, and
every glossary term is translated as the language's glossary says: with one of the accepted forms
of its `[terms]` table and none of the variants its `[forbidden]` table rules out (regular
expressions, so "核 alone" can be told from 核心). Each problem names `file.po:line` and the
entry, so a translator can go straight to it. The snippet captions' catalogue
(`snippets.po`, see handbook.captions) is checked the same way against the snippets' docstrings;
its problems also name the snippet.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter
from pathlib import Path

from babel.messages.pofile import PoFileError, read_po

from handbook import pins, shown

DOCS = pins.ROOT / "docs"
# What a translator may reorder but never change; each pattern is counted as a multiset.
MARKUP = {
    "code span": re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)"),
    "role": re.compile(r"\{[\w:.+-]+\}(?=`)"),
    "link target": re.compile(r"(?<=\]\()[^)\s]+(?=\))|(?<=<)https?://[^>\s]+(?=>)"),
    "substitution": re.compile(r"\{\{[^}]+\}\}"),
}


# What the translator does about each kind of problem.
HINTS = {
    "untranslated": "translate it",
    "fuzzy": "check the translation against the English, then delete the `#, fuzzy` line",
    "obsolete": "delete the `#~` entry",
    "missing (new English text)": "run `nox -s update-translations`, then translate it",
    "no longer in the English source": "run `nox -s update-translations`",
    "missing catalogue": "run `nox -s update-translations`, then translate it",
    "glossary": "use the form the language's glossary.toml gives",
    "broken .po file": "fix the syntax; `msgfmt --check FILE` shows it",
    "no docstring": 'make the first line a one-line docstring, """What the snippet shows."""',
}
MARKUP_HINT = "copy it unchanged from the msgid"


@dataclasses.dataclass
class Problem:
    path: Path
    line: int
    kind: str
    detail: str
    hint: str = ""  # what to do, when it is not the kind's usual HINTS entry

    def __str__(self) -> str:
        hint = self.hint or HINTS.get(self.kind, MARKUP_HINT)
        return f"{shown(self.path)}:{self.line}: {self.kind}: {self.detail} ({hint})"


def _markup(text: str) -> dict[str, Counter]:
    return {
        kind: Counter(m.group(0) for m in pattern.finditer(text))
        for kind, pattern in MARKUP.items()
    }


def _prose(text: str) -> str:
    """The text without markup: identifiers and link targets are never glossary terms."""
    for pattern in MARKUP.values():
        text = pattern.sub(" ", text)
    return text


def _entry(message) -> str:
    """How a problem names an entry: its msgid, after its msgctxt when it has one (the
    snippet of a caption)."""
    return f"{message.context}: {message.id!r}" if message.context else repr(message.id)


def validate(path: Path) -> Problem | None:
    """`msgfmt --check` (GNU gettext), the reference parser: babel accepts some broken files."""
    if shutil.which("msgfmt") is None:
        raise RuntimeError("msgfmt not found: install GNU gettext (apt-get install gettext)")
    done = subprocess.run(
        ["msgfmt", "--check", "-o", os.devnull, str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    if done.returncode == 0:
        return None
    first = done.stderr.strip().splitlines()[0]
    match = re.match(r".*?:(\d+): (.*)", first)
    return Problem(
        path, int(match[1]) if match else 0, "broken .po file", match[2] if match else first
    )


def read_catalog(path: Path):
    """The catalogue in `path`, or a Problem naming the line that could not be read."""
    invalid = validate(path)
    if invalid is not None:
        return invalid
    try:
        with open(path, "rb") as handle:
            return read_po(handle, abort_invalid=True)
    except PoFileError as error:
        return Problem(path, getattr(error, "lineno", 0), "broken .po file", str(error))
    except (UnicodeDecodeError, ValueError) as error:
        return Problem(path, 0, "broken .po file", str(error))


@dataclasses.dataclass
class Glossary:
    """English term -> accepted translations (stems for inflecting languages), and English term
    -> variants that must not translate it (regular expressions, matched case-insensitively in
    the translation's prose)."""

    terms: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    forbidden: dict[str, list[re.Pattern]] = dataclasses.field(default_factory=dict)


def load_glossary(language: str, docs: Path = DOCS) -> Glossary:
    """The language's glossary.toml; a forbidden variant of a term the glossary does not define,
    or one that is not a valid regular expression, stops the gate with the file and the term."""
    path = docs / "locales" / language / "glossary.toml"
    if not path.is_file():
        return Glossary()
    table = tomllib.loads(path.read_text(encoding="utf-8"))
    glossary = Glossary(terms=table["terms"])
    for term, variants in table.get("forbidden", {}).items():
        if term not in glossary.terms:
            raise ValueError(
                f"{shown(path)}: [forbidden] {term!r} is not in [terms]: add the "
                "form to use, so the gate can say what to write instead"
            )
        try:
            glossary.forbidden[term] = [re.compile(v, re.IGNORECASE) for v in variants]
        except re.error as error:
            raise ValueError(f"{shown(path)}: [forbidden] {term!r}: {error}") from None
    return glossary


def _mentions(text: str, term: str) -> bool:
    return re.search(rf"\b{re.escape(term)}\b", _prose(text), re.IGNORECASE) is not None


def glossary_problems(po: Path, message, glossary: Glossary) -> list[Problem]:
    """One problem per glossary term the msgid's prose uses and the msgstr translates otherwise:
    a forbidden variant (named, with the form to use instead), or none of the accepted forms."""
    problems = []
    translated = _prose(message.string)
    snippet = f"{message.context}: " if message.context else ""  # a caption names its snippet
    for term, accepted in glossary.terms.items():
        if not _mentions(message.id, term):
            continue
        variants = [
            found.group(0)
            for pattern in glossary.forbidden.get(term, [])
            if (found := pattern.search(translated))
        ]
        if variants:
            problems.append(
                Problem(
                    po,
                    message.lineno,
                    "glossary",
                    f"{snippet}{term!r} is translated with {variants[0]!r}, a variant "
                    f"the glossary rules out; use one of {accepted}",
                )
            )
        elif not any(form.lower() in translated.lower() for form in accepted):
            problems.append(
                Problem(
                    po,
                    message.lineno,
                    "glossary",
                    f"{snippet}{term!r} must be translated as one of {accepted}",
                )
            )
    return problems


def _from_prose(span: str, english: str) -> bool:
    """Whether a code span of a translation marks an identifier the English writes as prose."""
    inner = span.strip("`")
    return re.search(rf"(?<![\w.`]){re.escape(inner)}(?![\w`])", _prose(english)) is not None


def check(
    po: Path,
    pot: Path | None = None,
    glossary: Glossary | None = None,
    code_from_prose: bool = False,
) -> list[Problem]:
    """Every problem of one catalogue; `pot` is its English template (None: skip the sync check).
    With `code_from_prose`, a translation may also put in a code span an identifier that the
    English writes without one (a snippet's docstring: "Inside fit, ..." -> "在 `fit` 内部")."""
    catalog = read_catalog(po)
    if isinstance(catalog, Problem):
        return [catalog]
    problems = []
    if pot is not None:
        template = read_catalog(pot)
        if isinstance(template, Problem):
            return [template]
        # an entry is its msgid and msgctxt: two snippets may share a docstring
        wanted = {(m.id, m.context or ""): m for m in template if m.id}
        present = {(m.id, m.context or "") for m in catalog if m.id}
        problems += [
            Problem(po, 0, "missing (new English text)", _entry(wanted[key]))
            for key in sorted(wanted.keys() - present)
        ]
        problems += [
            Problem(po, m.lineno, "no longer in the English source", _entry(m))
            for m in catalog
            if m.id and (m.id, m.context or "") not in wanted
        ]
    problems += [Problem(po, m.lineno, "obsolete", _entry(m)) for m in catalog.obsolete.values()]
    for message in catalog:
        if not message.id:
            continue
        if message.fuzzy:
            problems.append(Problem(po, message.lineno, "fuzzy", _entry(message)))
            continue
        if not message.string:
            problems.append(Problem(po, message.lineno, "untranslated", _entry(message)))
            continue
        source, target = _markup(message.id), _markup(message.string)
        if code_from_prose:
            for span in list((target["code span"] - source["code span"]).elements()):
                if _from_prose(span, message.id):
                    target["code span"][span] -= 1
            target["code span"] = +target["code span"]  # drop the zero counts
        for kind in MARKUP:
            if source[kind] != target[kind]:
                lost = sorted((source[kind] - target[kind]).elements())
                added = sorted((target[kind] - source[kind]).elements())
                problems.append(
                    Problem(
                        po,
                        message.lineno,
                        f"{kind} changed",
                        f"{message.context + ': ' if message.context else ''}"
                        f"msgid has {lost}, msgstr has {added} instead",
                    )
                )
        if glossary is not None:
            problems += glossary_problems(po, message, glossary)
    return problems


def templates(docs: Path = DOCS) -> Path:
    """Extract the English templates (.pot) of `docs` into a temporary folder."""
    out = Path(tempfile.mkdtemp(prefix="handbook-gettext-"))
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "gettext", "-q", "-W", str(docs), str(out)],
        check=True,
    )
    return out


def check_site(docs: Path = DOCS) -> list[Problem]:
    """The gate over every page and the snippet captions, in every translated language."""
    from handbook import captions
    from handbook.site import languages

    pots = templates(docs)
    problems = []
    for language in languages(docs):
        if language == "en":
            continue
        glossary = load_glossary(language, docs)
        for pot in sorted(pots.rglob("*.pot")):
            page = pot.relative_to(pots).with_suffix(".po")
            po = docs / "locales" / language / "LC_MESSAGES" / page
            if not po.is_file():
                problems.append(Problem(po, 0, "missing catalogue", "no .po file for this page"))
                continue
            problems += check(po, pot, glossary)
        problems += captions.check(docs, language, glossary, docs.parent)
    return problems + link_title_problems(docs)


LINK = re.compile(r"\[((?:[^\[\]]|\[[^\]]*\])+)\]\(([\w-]+)\.md\)")
HEADING = re.compile(r"^# (.+)$", re.MULTILINE)


def english_titles(docs: Path = DOCS) -> dict[str, str]:
    """{page name: its H1} for every page."""
    titles = {}
    for page in docs.glob("*.md"):
        heading = HEADING.search(page.read_text(encoding="utf-8"))
        if heading:
            titles[page.stem] = heading[1].strip()
    return titles


def link_title_problems(docs: Path = DOCS) -> list[Problem]:
    """A link to another page must be named with that page's title, in the English pages and in
    each translation (the translated title is the msgstr of the page's H1): a page has one name
    everywhere, and a retitled page shows every link that still uses the old name."""
    from handbook.site import languages

    english = english_titles(docs)
    problems = []
    for page in sorted(docs.glob("*.md")):
        source = page.read_text(encoding="utf-8")
        for link in LINK.finditer(source):
            title = english.get(link[2])
            if title is not None and " ".join(link[1].split()) != title:
                line = source.count("\n", 0, link.start()) + 1
                detail = f"[{link[1]}]({link[2]}.md) names {link[2]}.md, titled {title!r}"
                problems.append(Problem(page, line, "link text", detail, "use the page's title"))
    for language in languages(docs):
        if language == "en":
            continue
        folder = docs / "locales" / language / "LC_MESSAGES"
        titles = {}
        for name, title in english.items():
            catalog = (
                read_catalog(folder / f"{name}.po") if (folder / f"{name}.po").is_file() else None
            )
            if catalog is not None and not isinstance(catalog, Problem) and title in catalog:
                titles[name] = catalog[title].string
        for po in sorted(folder.glob("*.po")):
            catalog = read_catalog(po)
            if isinstance(catalog, Problem):
                continue  # the gate reports it
            for message in catalog:
                if not message.id or not isinstance(message.string, str):
                    continue
                for link in LINK.finditer(message.string):
                    title = titles.get(link[2])
                    if title and " ".join(link[1].split()) != title:
                        detail = (
                            f"[{link[1]}]({link[2]}.md) names {link[2]}.md, titled {title!r} in "
                            f"{language}"
                        )
                        problems.append(
                            Problem(po, message.lineno, "link text", detail, "use the page's title")
                        )
    return problems


def status_rows(docs: Path = DOCS) -> list[tuple[str, str, int, int, int, int]]:
    """(language, page, translated, fuzzy, untranslated, obsolete) for every catalogue."""
    rows = []
    for po in sorted((docs / "locales").glob("*/LC_MESSAGES/**/*.po")):
        language = po.relative_to(docs / "locales").parts[0]
        page = po.relative_to(docs / "locales" / language / "LC_MESSAGES").with_suffix("")
        catalog = read_catalog(po)
        if isinstance(catalog, Problem):
            rows.append((language, f"{page} (BROKEN: {catalog.detail})", 0, 0, 0, 0))
            continue
        messages = [m for m in catalog if m.id]
        rows.append(
            (
                language,
                page.as_posix(),
                sum(1 for m in messages if m.string and not m.fuzzy),
                sum(1 for m in messages if m.fuzzy),
                sum(1 for m in messages if not m.string and not m.fuzzy),
                len(catalog.obsolete),
            )
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["check", "status"])
    args = parser.parse_args(argv)
    if args.command == "status":
        rows = status_rows()
        header = ("language", "page", "translated", "fuzzy", "untranslated", "obsolete")
        width = max(len(str(r[1])) for r in [*rows, header])
        print(f"{header[0]:<9} {header[1]:<{width}} " + " ".join(f"{h:>12}" for h in header[2:]))
        for row in rows:
            print(f"{row[0]:<9} {row[1]:<{width}} " + " ".join(f"{v:>12}" for v in row[2:]))
        return 0
    problems = check_site()
    for problem in problems:
        print(problem)
    print(f"{len(problems)} translation problems" if problems else "translations complete")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
