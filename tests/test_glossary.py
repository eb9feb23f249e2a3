"""The glossary gate: a term translated with a variant the glossary rules out is reported at
file.po:line with the form to use, and only where the English uses the term."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from handbook import translations

FIXTURES = Path(__file__).parent / "fixtures" / "po"


@pytest.mark.parametrize(
    ("fixture", "language", "expected"),
    [
        # (line of the msgid, term, variant found): a variant is reported even beside the accepted
        # form; "See also" may be «См. также»; «пробует» (tries) is not «пробный»; `kernel` in code
        # is not prose; 核心 (core) is not 核 (kernel); 随机种子 is the seed, 种子 alone is not
        (
            "glossary-variant.po",
            "ru",
            [
                (8, "related pages", "См. также"),
                (11, "related pages", "см. также"),
                (20, "kernel", "Ядр"),
            ],
        ),
        (
            "glossary-variant-zh.po",
            "zh_CN",
            [(8, "probe", "探测"), (11, "kernel", "核"), (17, "seed", "种子")],
        ),
    ],
)
def test_forbidden_variant_is_reported_at_its_line_with_the_form_to_use(
    fixture, language, expected
):
    glossary = translations.load_glossary(language)
    problems = translations.check(FIXTURES / fixture, glossary=glossary)
    assert [(p.line, p.kind) for p in problems] == [(line, "glossary") for line, *_ in expected]
    for problem, (line, term, variant) in zip(problems, expected, strict=True):
        assert problem.detail == (
            f"{term!r} is translated with {variant!r}, a variant the "
            f"glossary rules out; use one of {glossary.terms[term]}"
        )
        assert str(problem).startswith(
            f"{(FIXTURES / fixture).relative_to(ROOT)}:{line}: glossary: "
        )
        assert str(problem).endswith(f"({translations.HINTS['glossary']})")


@pytest.mark.parametrize(
    ("language", "term", "form"),
    [
        ("zh_CN", "probe", "探针"),
        ("ru", "probe", "зонд"),
        ("zh_CN", "kernel", "权重矩阵"),
        ("ru", "kernel", "матрица весов"),
        ("zh_CN", "bias", "偏置"),
        ("ru", "bias", "смещени"),
        ("zh_CN", "head", "头部"),
        ("ru", "head", "голова"),
        ("zh_CN", "seed", "随机种子"),
        ("ru", "seed", "начальное значение генератора"),
        ("zh_CN", "weight-diff report", "权重差异报告"),
        ("ru", "weight-diff report", "о разнице весов"),
        ("zh_CN", "related pages", "相关页面"),
        ("ru", "related pages", "связанные страницы"),
    ],
)
def test_glossary_gives_one_form_per_term_and_rules_out_its_variants(language, term, form):
    glossary = translations.load_glossary(language)
    assert form in glossary.terms[term]
    assert glossary.forbidden[term]  # every new term names the variants to report
    # the form to use is never one of the variants
    assert not any(
        pattern.search(accepted)
        for pattern in glossary.forbidden[term]
        for accepted in glossary.terms[term]
    )


def test_a_variant_of_an_unknown_term_stops_the_gate_with_the_file(tmp_path):
    folder = tmp_path / "locales" / "ru"
    folder.mkdir(parents=True)
    (folder / "glossary.toml").write_text(
        '[terms]\n"bias" = ["смещени"]\n[forbidden]\n"head" = [\'выходной блок\']\n',
        encoding="utf-8",
    )
    unknown = r"glossary.toml: \[forbidden\] 'head' is not in \[terms\]"
    with pytest.raises(ValueError, match=unknown):
        translations.load_glossary("ru", tmp_path)


def test_a_broken_pattern_stops_the_gate_with_the_file_and_term(tmp_path):
    folder = tmp_path / "locales" / "ru"
    folder.mkdir(parents=True)
    (folder / "glossary.toml").write_text(
        '[terms]\n"bias" = ["смещени"]\n[forbidden]\n"bias" = [\'сдвиг(\']\n', encoding="utf-8"
    )
    with pytest.raises(ValueError, match=r"glossary.toml: \[forbidden\] 'bias': missing \)"):
        translations.load_glossary("ru", tmp_path)
