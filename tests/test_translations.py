"""The translation gate: the real catalogues pass it, and each kind of broken entry fails it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from handbook import translations

FIXTURES = Path(__file__).parent / "fixtures" / "po"
GLOSSARY = translations.load_glossary("ru")


def test_site_translations_are_complete_and_keep_their_markup():
    problems = translations.check_site()
    assert not problems, "\n".join(map(str, problems))


@pytest.mark.parametrize(
    ("fixture", "line", "kind"),
    [
        # the line of the entry's msgid (or of the error), as an editor numbers lines
        ("untranslated.po", 11, "untranslated"),
        ("fuzzy.po", 12, "fuzzy"),
        ("code-span.po", 11, "code span changed"),
        ("link-target.po", 11, "link target changed"),
        ("glossary.po", 8, "glossary"),
        ("obsolete.po", 14, "obsolete"),
        ("broken.po", 12, "broken .po file"),
    ],
)
def test_gate_names_file_line_and_entry(fixture, line, kind):
    problems = translations.check(FIXTURES / fixture, glossary=GLOSSARY)
    assert [(p.line, p.kind) for p in problems] == [(line, kind)], problems
    assert str(problems[0]).startswith(f"{(FIXTURES / fixture).relative_to(ROOT)}:{line}: {kind}")


def test_gate_reports_new_english_text_missing_from_a_catalogue():
    problems = translations.check(FIXTURES / "glossary.po", FIXTURES / "new-english.pot")
    assert [p.kind for p in problems] == ["missing (new English text)"]
    assert "A sentence added to the English page" in problems[0].detail


def test_code_span_problem_says_what_changed():
    (problem,) = translations.check(FIXTURES / "code-span.po")
    assert "`trainable = False`" in problem.detail and "`trainable=False`" in problem.detail


def test_status_counts_translated_fuzzy_and_untranslated_messages():
    rows = {(lang, page): counts for lang, page, *counts in translations.status_rows()}
    assert rows[("ru", "dropout")][1:] == [0, 0, 0]  # fuzzy, untranslated, obsolete
    assert rows[("ru", "dropout")][0] > 0


def test_link_to_a_page_under_another_name_fails_naming_file_and_line(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    page = docs / "dropout.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "[BatchNormalization when frozen](batchnorm.md)",
            "[the batchnorm page](batchnorm.md)",
            1,
        ),
        encoding="utf-8",
    )
    po = docs / "locales" / "zh_CN" / "LC_MESSAGES" / "training-argument.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            "[冻结时的 BatchNormalization](batchnorm.md)", "[BN 页面](batchnorm.md)"
        ),
        encoding="utf-8",
    )
    problems = [str(p) for p in translations.link_title_problems(docs)]
    assert len(problems) >= 2, problems
    assert any(
        "dropout.md:" in p
        and "[the batchnorm page](batchnorm.md)" in p
        and "'BatchNormalization when frozen'" in p
        for p in problems
    )
    assert any("training-argument.po:" in p and "[BN 页面](batchnorm.md)" in p for p in problems)
