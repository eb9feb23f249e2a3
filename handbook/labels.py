"""The few words the build itself writes on a page, in each language of the site.

Prose is translated through gettext; these labels are generated, not written in a page, so they
live here, one table, reviewed like any translation. The site's name, author and copyright line,
the search box's placeholder and the download menu's entries are here too: handbook.chrome gives
them to Sphinx and the theme per language (conf.py cannot: it runs before `-D language=...`).
Theme strings that the theme's own catalogues lack are in handbook/locales/ instead, because the
theme asks gettext for them.

A label that says a number of things agrees with it: its value is then a tuple of parts, joined,
each a string or a dict of plural forms, {"count": name, "one": ..., "few": ..., ...}, of which
`label()` takes the form for the number passed as `name`, by the language's CLDR plural rule
(babel: `Locale.parse("ru").plural_form(21)` is "one", of 22 "few", of 25 "many"). A dict has
exactly the forms the language has (Russian: one, few, many and other, the form of fractions;
English: one and other; Chinese, which has none, needs no dict); tests/test_labels.py checks it.
"""

from __future__ import annotations

from babel import Locale

# a sentence, or its parts: strings and plural dicts ({"count": name, form: text, ...})
Label = str | tuple[str | dict[str, str], ...]

LABELS: dict[str, dict[str, Label]] = {
    "en": {
        "same": "Output, the same in Keras 2 and Keras 3",
        "keras3": "Output, Keras 3",
        "keras2": "Output, Keras 2 (tf-keras)",
        "differs": "≠ Keras 2 and Keras 3 print different outputs here",
        "stamp": "Outputs on this page were produced when the site was built, with {versions} "
        "and default Keras settings.",
        "languages": "Languages",
        "not_found": "Page not found",
        "not_found_text": "There is no page at this address in the Keras Freezing Handbook.",
        "contents": "Go to the contents",
        "differences": (
            "{differ} of the ",
            {"count": "total", "one": "{total} snippet", "other": "{total} snippets"},
            " on this site ",
            {"count": "differ", "one": "prints", "other": "print"},
            " different outputs under Keras 2 and Keras 3: {behaviour} because the two versions "
            "behave differently, listed first with both outputs, and {draws} only because ",
            {"count": "draws", "one": "it draws", "other": "they draw"},
            " different random numbers from the same seed, listed after ",
            {"count": "behaviour", "one": "it.", "other": "them."},
        ),
        "draws": "These snippets differ only in their random draws (initial weights, dropout "
        "masks): run again with another seed, every line where Keras 2 and Keras 3 differ "
        "changes in both versions. What the page explains behaves the same in both.",
        "title": "Keras Freezing Handbook",
        "author": "the Keras Freezing Handbook authors",
        "copyright": "2026, the Keras Freezing Handbook authors",
        "description": "Verified answers to the questions people keep asking about freezing "
        "layers in TensorFlow Keras.",
        "search": "Search...",
        "source_button": "Page source (Markdown)",
        "print_button": "Print or save as PDF",
        # what older TensorFlow releases print (handbook.older_releases)
        "name_keras3": "Keras 3",
        "name_keras2": "Keras 2",
        "releases_same": "The same output on TensorFlow {releases}.",
        "releases_same_flavour": "{flavour}: the same output on TensorFlow {releases}.",
        "releases_output": "Output, {flavour} on TensorFlow {releases}",
        "releases_failed": "{flavour} on TensorFlow {releases}: the script fails",
        "releases_unchecked": "Not yet checked on older TensorFlow releases.",
        "stamp_releases": " The same snippets were also run on TensorFlow {releases}.",
        "releases_changes": "On older releases (TensorFlow {releases}), these snippets print "
        "something else or fail:",
        "releases_unchanged": "On older releases (TensorFlow {releases}), every snippet prints "
        "what it prints here.",
    },
    "zh_CN": {
        "same": "输出（Keras 2 与 Keras 3 相同）",
        "keras3": "输出：Keras 3",
        "keras2": "输出：Keras 2（tf-keras）",
        "differs": "≠ 此处 Keras 2 与 Keras 3 的输出不同",
        "stamp": "本页的输出是在构建网站时实际运行得到的，所用版本为 {versions}，"
        "Keras 使用默认设置。",
        "languages": "语言",
        "not_found": "页面不存在",
        "not_found_text": "Keras 冻结手册中没有这个地址的页面。",
        "contents": "前往目录",
        "differences": "本站的 {total} 个代码片段中，"
        "有 {differ} 个在 Keras 2 与 Keras 3 下的输出不同：其中 {behaviour} 个是因为"
        "两个版本的行为不同，先列出，并给出两个版本的输出；"
        "另外 {draws} 个只是因为两个版本用同一个随机种子抽取了不同的随机数，列在后面。",
        "draws": "这些代码片段的差别只在随机抽取的数值上（初始权重、Dropout 掩码）："
        "换一个随机种子重新运行，Keras 2 与 Keras 3 输出不同的每一行在两个版本中都会变化。"
        "页面所讲的行为在两个版本中是一样的。",
        "title": "Keras 冻结手册",
        "author": "Keras 冻结手册的作者们",
        "copyright": "2026，Keras 冻结手册的作者们",
        "description": "针对 TensorFlow Keras 中冻结层时大家反复提出的问题，给出经过验证的解答。",
        "search": "搜索…",
        # Sphinx ships only the English source of a page: the label says so
        "source_button": "页面源文件（英文 Markdown）",
        "print_button": "打印或另存为 PDF",
        "name_keras3": "Keras 3",
        "name_keras2": "Keras 2",
        "releases_same": "在 TensorFlow {releases} 上输出相同。",
        "releases_same_flavour": "{flavour}：在 TensorFlow {releases} 上输出相同。",
        "releases_output": "输出：{flavour}，TensorFlow {releases}",
        "releases_failed": "{flavour}，TensorFlow {releases}：脚本运行失败",
        "releases_unchecked": "尚未在更早的 TensorFlow 版本上检查。",
        "stamp_releases": "这些代码片段也在 TensorFlow {releases} 上运行过。",
        "releases_changes": "在更早的版本上（TensorFlow {releases}），"
        "下面这些代码片段的输出不同，或者运行失败：",
        "releases_unchanged": "在更早的版本上（TensorFlow {releases}），"
        "每个代码片段的输出都与这里相同。",
    },
    "ru": {
        "same": "Вывод, одинаковый в Keras 2 и Keras 3",
        "keras3": "Вывод, Keras 3",
        "keras2": "Вывод, Keras 2 (tf-keras)",
        "differs": "≠ Здесь Keras 2 и Keras 3 выводят разное",
        "stamp": "Вывод на этой странице получен при сборке сайта, версии: {versions}; "
        "настройки Keras — по умолчанию.",
        "languages": "Языки",
        "not_found": "Страница не найдена",
        "not_found_text": "В справочнике по заморозке слоёв в Keras нет страницы с таким адресом.",
        "contents": "Перейти к содержанию",
        # every count agrees with its noun and verb: 1, 21 фрагмент; 2, 22 фрагмента; 5, 11
        # фрагментов; "other" is the form of a fraction (1,5 фрагмента), never shown
        "differences": (
            {
                "count": "total",
                "one": "На сайте {total} фрагмент кода",
                "few": "На сайте {total} фрагмента кода",
                "many": "На сайте {total} фрагментов кода",
                "other": "На сайте {total} фрагмента кода",
            },
            {
                "count": "differ",
                "one": ", и {differ} из них под Keras 2 и Keras 3 выводит разное. ",
                "few": ", и {differ} из них под Keras 2 и Keras 3 выводят разное. ",
                "many": ", и {differ} из них под Keras 2 и Keras 3 выводят разное. ",
                "other": ", и {differ} из них под Keras 2 и Keras 3 выводят разное. ",
            },
            {
                "count": "behaviour",
                "one": "Сначала, с выводом обеих версий, перечислен {behaviour} фрагмент, который "
                "различается из-за того, что две версии ведут себя по-разному; ",
                "few": "Сначала, с выводом обеих версий, перечислены {behaviour} фрагмента, "
                "которые различаются из-за того, что две версии ведут себя по-разному; ",
                "many": "Сначала, с выводом обеих версий, перечислены {behaviour} фрагментов, "
                "которые различаются из-за того, что две версии ведут себя по-разному; ",
                "other": "Сначала, с выводом обеих версий, перечислены {behaviour} фрагмента, "
                "которые различаются из-за того, что две версии ведут себя по-разному; ",
            },
            {
                "count": "draws",
                "one": "затем — {draws} фрагмент, который различается",
                "few": "затем — {draws} фрагмента, которые различаются",
                "many": "затем — {draws} фрагментов, которые различаются",
                "other": "затем — {draws} фрагмента, которые различаются",
            },
            " только потому, что версии получают разные случайные числа из одного и того же "
            "начального значения генератора.",
        ),
        "draws": "Эти фрагменты кода различаются только случайными значениями (начальные веса, "
        "маски Dropout): если запустить их с другим начальным значением генератора, каждая строка, "
        "в которой Keras 2 и Keras 3 расходятся, меняется в обеих версиях. Поведение, которое "
        "описывает страница, в обеих версиях одинаково.",
        "title": "Справочник по заморозке слоёв в Keras",
        "author": "авторы справочника по заморозке слоёв в Keras",
        "copyright": "2026, авторы справочника по заморозке слоёв в Keras",
        "description": "Проверенные ответы на вопросы о заморозке слоёв в TensorFlow Keras, "
        "которые задают снова и снова.",
        "search": "Поиск…",
        # Sphinx ships only the English source of a page: the label says so
        "source_button": "Исходный текст страницы (Markdown, на английском)",
        "print_button": "Распечатать или сохранить в PDF",
        "name_keras3": "Keras 3",
        "name_keras2": "Keras 2",
        "releases_same": "Тот же вывод на TensorFlow {releases}.",
        "releases_same_flavour": "{flavour}: тот же вывод на TensorFlow {releases}.",
        "releases_output": "Вывод, {flavour} на TensorFlow {releases}",
        "releases_failed": "{flavour} на TensorFlow {releases}: скрипт завершается с ошибкой",
        "releases_unchecked": "На более старых версиях TensorFlow ещё не проверено.",
        "stamp_releases": " Те же фрагменты кода запускались и на TensorFlow {releases}.",
        "releases_changes": "На более старых версиях (TensorFlow {releases}) эти фрагменты кода "
        "выводят другое или завершаются с ошибкой:",
        "releases_unchanged": "На более старых версиях (TensorFlow {releases}) каждый фрагмент "
        "кода выводит то же, что и здесь.",
    },
}


def plural(language: str | None, count: int) -> str:
    """The CLDR plural category of `count` in `language`: "one", "few", "many", "other"..."""
    return Locale.parse(language or "en").plural_form(count)


def label(language: str | None, key: str, **values: str | int) -> str:
    """The label `key` in `language` (English if the site has no such language), with `values`
    put in; a count named by a plural dict picks that dict's form (see the module docstring)."""
    language = language if language in LABELS else "en"
    value = LABELS[language][key]
    parts = value if isinstance(value, tuple) else (value,)
    text = ""
    for part in parts:
        if isinstance(part, dict):
            part = part[plural(language, int(values[part["count"]]))]
        text += part
    return text.format(**values)
