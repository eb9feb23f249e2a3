"""The translation gate: the real catalogues pass it, and each kind of broken entry fails it."""

from __future__ import annotations

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
