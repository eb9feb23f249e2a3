"""Code-cell captions: each snippet's docstring above its code, from a checked catalogue."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import sphinx_build

from handbook import captions, translations

ENGLISH = "Prints whether a layer is `trainable`."
CHINESE = "打印一个层是否 `trainable`（可训练）。"


def _caption(html: Path) -> str:
    """The caption paragraph of the page's one cell, and that it comes before the code."""
    page = html.read_text(encoding="utf-8")
    found = re.search(r'<div class="cell docutils container">\s*<p class="handbook-caption">', page)
    assert found, "no caption as the cell's first child"
    caption = page[found.end() : page.index("</p>", found.end())]
    assert page.index('<div class="cell_input', found.end()) > found.end()
    return re.sub(r"<[^>]+>", "", caption)  # the text, with the code span's tags taken out


@pytest.mark.parametrize(("language", "text"), [("en", ENGLISH), ("zh_CN", CHINESE)])
def test_caption_above_the_code_in_the_page_language(project, tmp_path, language, text):
    source = project("captions")
    done = sphinx_build(source, tmp_path / "out", "-D", f"language={language}")
    assert done.returncode == 0, done.stderr
    html = tmp_path / "out" / "html" / "index.html"
    assert _caption(html) == text.replace("`", "")
    page = html.read_text(encoding="utf-8")
    assert '<code class="docutils literal notranslate"><span class="pre">trainable</span>' in page
    # the code itself stays the English script, whatever the language
    assert "Prints whether a layer is `trainable`." in page.split("cell_input", 1)[1]


def test_an_untranslated_caption_falls_back_to_english(project, tmp_path):
    source = project("captions")
    po = captions.catalogue(source, "zh_CN")
    po.write_text(po.read_text(encoding="utf-8").replace(CHINESE, ""), encoding="utf-8")
    done = sphinx_build(source, tmp_path / "out", "-D", "language=zh_CN")
    assert done.returncode == 0, done.stderr
    assert _caption(tmp_path / "out" / "html" / "index.html") == ENGLISH.replace("`", "")


def test_a_snippet_without_docstring_fails_the_build_at_the_page_line(project, tmp_path):
    source = project("captions")
    (source / "snippet.py").write_text('print("trainable: True")\n', encoding="utf-8")
    done = sphinx_build(source, tmp_path / "out")
    assert done.returncode != 0
    assert "index.md:12" in done.stderr and "[handbook.caption_missing]" in done.stderr
    assert "snippet.py on index.md:12: its first line must be a one-line docstring" in done.stderr


def _line_of(po: Path, text: str) -> int:
    lines = po.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


@pytest.mark.parametrize(
    ("edit", "kind"),
    [
        (lambda po: po.replace(CHINESE, ""), "untranslated"),
        (lambda po: po.replace('msgctxt "snippet.py"', '#, fuzzy\nmsgctxt "snippet.py"'), "fuzzy"),
    ],
)
def test_gate_names_the_snippet_and_the_po_line(project, edit, kind):
    source = project("captions")
    po = captions.catalogue(source, "zh_CN")
    po.write_text(edit(po.read_text(encoding="utf-8")), encoding="utf-8")
    problems = captions.check(source, "zh_CN", root=source)
    assert [p.kind for p in problems] == [kind], problems
    line = _line_of(po, 'msgid "Prints whether')
    assert str(problems[0]).startswith(f"{po}:{line}: {kind}: snippet.py: {ENGLISH!r}")


def test_gate_checks_captions_against_the_glossary(project):
    source = project("captions")
    docstring = "Prints whether a frozen layer is `trainable`."
    (source / "snippet.py").write_text(f'"""{docstring}"""\n\nprint(1)\n', encoding="utf-8")
    po = captions.catalogue(source, "zh_CN")
    text = po.read_text(encoding="utf-8").replace(ENGLISH, docstring)
    po.write_text(text.replace(CHINESE, "打印一个固定的层是否 `trainable`。"), encoding="utf-8")
    glossary = translations.load_glossary("zh_CN")
    (problem,) = captions.check(source, "zh_CN", glossary, root=source)
    assert problem.kind == "glossary" and problem.line == _line_of(po, docstring)
    assert "snippet.py: 'frozen' must be translated as one of ['冻结']" in str(problem)


@pytest.mark.parametrize(
    ("translation", "kinds"),
    [
        ("打印 `fit` 传入的 `training`。", []),  # an identifier of the English prose, as code
        ("打印 `fit()` 传入的 `training`。", ["code span changed"]),  # not the English's
        ("打印 fit 传入的值。", ["code span changed"]),  # the English's code span is lost
    ],
)
def test_a_caption_may_put_an_identifier_of_the_english_in_code(project, translation, kinds):
    source = project("captions")
    docstring = "Prints what fit passes as `training`."
    (source / "snippet.py").write_text(f'"""{docstring}"""\n\nprint(1)\n', encoding="utf-8")
    po = captions.catalogue(source, "zh_CN")
    text = po.read_text(encoding="utf-8").replace(ENGLISH, docstring)
    po.write_text(text.replace(CHINESE, translation), encoding="utf-8")
    assert [p.kind for p in captions.check(source, "zh_CN", root=source)] == kinds


def test_gate_says_a_new_snippet_is_missing_and_how_to_add_it(project):
    source = project("captions")
    (source / "snippets").mkdir()
    (source / "snippets" / "new.py").write_text('"""A new snippet."""\n', encoding="utf-8")
    (problem,) = captions.check(source, "zh_CN", root=source)
    assert problem.kind == "missing (new English text)"
    assert "snippets/new.py: 'A new snippet.'" in str(problem)
    assert "python -m handbook.captions update" in str(problem)


def test_update_keeps_translations_marks_changed_ones_fuzzy_and_adds_new_ones(project):
    source = project("captions")
    (source / "snippets").mkdir()
    (source / "snippets" / "new.py").write_text('"""A new snippet."""\n', encoding="utf-8")
    captions.update(["zh_CN"], docs=source, root=source)
    po = captions.catalogue(source, "zh_CN")
    catalog = captions.read(po, "zh_CN")
    assert catalog is not None
    assert catalog.get(ENGLISH, context="snippet.py").string == CHINESE
    assert catalog.get("A new snippet.", context="snippets/new.py").string == ""
    # the docstring changes: the old translation stays, marked fuzzy, with the old English
    changed = "Prints whether one layer is `trainable`."
    (source / "snippet.py").write_text(f'"""{changed}"""\n\nprint(1)\n', encoding="utf-8")
    captions.update(["zh_CN"], docs=source, root=source)
    catalog = captions.read(po, "zh_CN")
    assert catalog is not None
    message = catalog.get(changed, context="snippet.py")
    assert message.string == CHINESE and message.fuzzy and message.previous_id == [ENGLISH]
    assert catalog.get(ENGLISH, context="snippet.py") is None and not catalog.obsolete
    kinds = [p.kind for p in captions.check(source, "zh_CN", root=source)]
    assert kinds == ["fuzzy", "untranslated"]  # the changed snippet, the new one (by path)
    # run again with nothing changed: the same file, the old English of the fuzzy one kept
    written = po.read_bytes()
    captions.update(["zh_CN"], docs=source, root=source)
    assert po.read_bytes() == written and f"#| msgid {ENGLISH!r}".replace("'", '"') in (
        written.decode()
    )


@pytest.mark.parametrize("language", ["zh_CN", "ru"])
def test_the_site_captions_are_translated(language):
    problems = captions.check(captions.DOCS, language, translations.load_glossary(language))
    assert not problems, "\n".join(map(str, problems))
