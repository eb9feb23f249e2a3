"""How a checked output looks on a page: the output boxes under a code cell and the stamp.

Mechanism: plain docutils nodes with the classes myst-nb gives a cell's stream output (so the
theme styles them), one box when every flavour printed the same and one per flavour under a "≠"
marker when they differ; the words come from `labels`, generated in each language.
"""

from __future__ import annotations

import platform

from docutils import nodes

from handbook import pins
from handbook.labels import label


def where() -> str:
    """The kind of machine the outputs were produced on, e.g. "CPU, x86-64, Python 3.11"."""
    machine = {"x86_64": "x86-64", "AMD64": "x86-64", "aarch64": "arm64"}.get(
        platform.machine(), platform.machine()
    )
    return (
        f"CPU, {machine}, Python {platform.python_version_tuple()[0]}."
        f"{platform.python_version_tuple()[1]}"
    )


def output_block(text: str) -> nodes.literal_block:
    # the same classes myst-nb gives a stream output, so the theme styles it the same way;
    # a literal block is escaped by the HTML writer, so printed markup is shown, never rendered
    block = nodes.literal_block(text, text, language="none")
    block["classes"] += ["output", "stream"]
    return block


def output_label(text: str, classes: list[str]) -> nodes.container:
    return nodes.container("", nodes.inline(text, text), classes=["handbook-label", *classes])


def render_outputs(language: str | None, texts: dict[str, str]) -> nodes.container:
    """One output when every flavour printed the same, else one per flavour under a marker."""
    output = nodes.container(nb_element="cell_code_output", classes=["cell_output"])
    if len(set(texts.values())) == 1:
        key = "same" if len(texts) > 1 else next(iter(texts))
        box = nodes.container(classes=["handbook-output", "handbook-same"])
        box += output_label(label(language, key), [])
        box += output_block(next(iter(texts.values())))
        output += box
        return output
    output += output_label(label(language, "differs"), ["handbook-differs-marker"])
    row = nodes.container(classes=["handbook-output", "handbook-differs"])
    for flavour, text in texts.items():
        column = nodes.container(classes=["handbook-flavour", f"handbook-{flavour}"])
        column += output_label(label(language, flavour), [])
        column += output_block(text)
        row += column
    output += row
    return output


def stamp(language: str | None, also: str = "") -> nodes.paragraph:
    """The sentence naming the versions that produced the outputs, read from the install, and
    `also` after it (the older releases checked)."""
    stack = pins.installed(pins.pinned())
    versions = ", ".join(f"{name} {version}" for name, version in stack.items())
    versions += f" ({where()})"
    text = label(language, "stamp", versions=versions) + also
    # generated in each language from labels.py, so gettext must not extract it
    return nodes.paragraph(text, text, classes=["handbook-stamp"], translatable=False)


def add_stamp(language: str | None, doctree: nodes.document, also: str = "") -> None:
    """Put the stamp under the page title."""
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        section.insert(1, stamp(language, also))
    else:
        doctree.insert(0, stamp(language, also))
