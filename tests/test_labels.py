"""Generated labels: plural forms agree with every count, in every language of the site."""

from __future__ import annotations

import string

import pytest
from babel import Locale

from handbook.labels import LABELS, label, plural

COUNTS = ("differ", "total", "behaviour", "draws")
# the English "differences" label before it had plural forms: its meaning, for counts above 1
BEFORE = (
    "{differ} of the {total} snippets on this site print different outputs under Keras 2 and "
    "Keras 3: {behaviour} because the two versions behave differently, listed first with both "
    "outputs, and {draws} only because they draw different random numbers from the same seed, "
    "listed after them."
)


@pytest.mark.parametrize(
    ("n", "category"),
    [
        (1, "one"),
        (2, "few"),
        (5, "many"),
        (11, "many"),
        (21, "one"),
        (22, "few"),
        (25, "many"),
        (51, "one"),
    ],
)
def test_russian_plural_categories(n, category):
    assert plural("ru", n) == category


# n: (the noun after the number, the verb of "{differ} из них ...")
RUSSIAN = {
    1: ("фрагмент", "выводит"),
    2: ("фрагмента", "выводят"),
    5: ("фрагментов", "выводят"),
    11: ("фрагментов", "выводят"),
    21: ("фрагмент", "выводит"),
    22: ("фрагмента", "выводят"),
    25: ("фрагментов", "выводят"),
    51: ("фрагмент", "выводит"),
}


@pytest.mark.parametrize("n", sorted(RUSSIAN))
def test_russian_differences_agree_with_every_count(n):
    noun, verb = RUSSIAN[n]
    one = verb == "выводит"
    which = "который различается" if one else "которые различаются"
    text = label("ru", "differences", differ=n, total=n, behaviour=n, draws=n)
    assert f"На сайте {n} {noun} кода, и {n} из них под Keras 2 и Keras 3 {verb} разное." in text
    assert f"перечислен{'' if one else 'ы'} {n} {noun}, {which} из-за того" in text
    assert f"затем — {n} {noun}, {which} только потому" in text


def test_russian_differences_take_each_form_from_its_own_count():
    text = label("ru", "differences", total=25, differ=22, behaviour=21, draws=1)
    assert text.startswith("На сайте 25 фрагментов кода, и 22 из них под Keras 2 и Keras 3 выводят")
    assert "перечислен 21 фрагмент, который различается" in text
    assert "затем — 1 фрагмент, который различается" in text


def test_english_differences_keep_their_meaning_and_agree_with_one():
    values = {"differ": 2, "total": 3, "behaviour": 4, "draws": 5}
    assert label("en", "differences", **values) == BEFORE.format(**values)
    one = label("en", "differences", differ=1, total=1, behaviour=1, draws=1)
    assert one.startswith("1 of the 1 snippet on this site prints different outputs")
    assert "1 only because it draws different" in one and one.endswith("listed after it.")


def _parts(value):
    return value if isinstance(value, tuple) else (value,)


def _fields(value) -> set[str]:
    """The placeholders of a label, in all its parts and forms."""
    texts = []
    for part in _parts(value):
        texts += [v for k, v in part.items() if k != "count"] if isinstance(part, dict) else [part]
    return {name for text in texts for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("language", sorted(LABELS))
def test_plural_dicts_have_exactly_the_forms_of_their_language(language):
    forms = {*Locale.parse(language).plural_form.tags, "other"}  # babel leaves "other" implicit
    for key, value in LABELS[language].items():
        for part in _parts(value):
            if isinstance(part, dict):
                assert set(part) - {"count"} == forms, (language, key, sorted(part))
                # the count is one the caller passes: a placeholder of the English label
                assert part["count"] in _fields(LABELS["en"][key]), (language, key, part["count"])


@pytest.mark.parametrize("language", sorted(LABELS))
def test_every_language_says_every_count_of_the_differences(language):
    assert _fields(LABELS[language]["differences"]) == set(COUNTS), language
