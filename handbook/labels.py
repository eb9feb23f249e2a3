"""The few words the build itself writes on a page, in each language of the site.

Prose is translated through gettext; these labels are generated, not written in a page, so they
live here, one table, reviewed like any translation.
"""
from __future__ import annotations

LABELS = {
    "en": {
        "same": "Output, the same in Keras 2 and Keras 3",
        "keras3": "Output, Keras 3",
        "keras2": "Output, Keras 2 (tf-keras)",
        "differs": "≠ Keras 2 and Keras 3 print different outputs here",
        "stamp": "Outputs on this page were produced when the site was built, with {versions}.",
        "languages": "Languages",
        "not_found": "Page not found",
        "not_found_text": "There is no page at this address in the Keras Freezing Handbook.",
        "contents": "Go to the contents",
        "differences": "{differ} of the {total} snippets on this site print different outputs "
                       "under Keras 2 and Keras 3.",
    },
    "zh_CN": {
        "same": "输出（Keras 2 与 Keras 3 相同）",
        "keras3": "输出：Keras 3",
        "keras2": "输出：Keras 2（tf-keras）",
        "differs": "≠ 此处 Keras 2 与 Keras 3 的输出不同",
        "stamp": "本页的输出是在构建网站时实际运行得到的，所用版本为 {versions}。",
        "languages": "语言",
        "not_found": "页面不存在",
        "not_found_text": "Keras 冻结手册中没有这个地址的页面。",
        "contents": "前往目录",
        "differences": "本站的 {total} 个代码片段中，有 {differ} 个在 Keras 2 与 Keras 3 下的输出不同。",
    },
    "ru": {
        "same": "Вывод, одинаковый в Keras 2 и Keras 3",
        "keras3": "Вывод, Keras 3",
        "keras2": "Вывод, Keras 2 (tf-keras)",
        "differs": "≠ Здесь Keras 2 и Keras 3 выводят разное",
        "stamp": "Вывод на этой странице получен при сборке сайта, версии: {versions}.",
        "languages": "Языки",
        "not_found": "Страница не найдена",
        "not_found_text": "В справочнике по заморозке слоёв в Keras нет страницы с таким адресом.",
        "contents": "Перейти к содержанию",
        "differences": "Фрагментов кода на сайте: {total}; из них под Keras 2 и Keras 3 "
                       "выводят разное: {differ}.",
    },
}


def label(language: str | None, key: str, **values: str) -> str:
    table = LABELS.get(language or "en", LABELS["en"])
    return table[key].format(**values)
