"""Every page exists in every language, fully translated, in sync with the English source."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from conftest import ROOT

from handbook.site import languages

DOCS = ROOT / "docs"
TRANSLATED = [code for code in languages() if code != "en"]
PAGES = sorted(p.relative_to(DOCS).with_suffix("").as_posix() for p in DOCS.rglob("*.md"))
CODE = re.compile(r"`+[^`]+`+")


@pytest.fixture(scope="module")
def templates(tmp_path_factory) -> Path:
    """The message catalogue templates of the English source as it is now."""
    out = tmp_path_factory.mktemp("gettext")
    subprocess.run([sys.executable, "-m", "sphinx", "-b", "gettext", "-q", "-W", str(DOCS),
                    str(out)], check=True, cwd=ROOT)
    return out


def _catalog(path: Path):
    with open(path, "rb") as handle:
        return read_po(handle, abort_invalid=True)


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("page", PAGES)
def test_page_is_fully_translated(templates, language, page):
    po = DOCS / "locales" / language / "LC_MESSAGES" / f"{page}.po"
    assert po.is_file(), f"{po.relative_to(ROOT)} missing: run `nox -s update-translations`"
    catalog = _catalog(po)
    source = {m.id for m in _catalog(templates / f"{page}.pot") if m.id}
    present = {m.id for m in catalog if m.id}
    assert source <= present, (f"{po.relative_to(ROOT)} lacks new English messages: "
                               f"{sorted(source - present)}; run `nox -s update-translations`")
    assert present <= source, (f"{po.relative_to(ROOT)} has messages the English source no longer "
                               f"has: {sorted(present - source)}; run `nox -s update-translations`")
    problems = [f"{po.relative_to(ROOT)}:{m.lineno}: "
                + ("fuzzy" if m.fuzzy else "untranslated") + f": {m.id!r}"
                for m in catalog if m.id and (m.fuzzy or not m.string)]
    problems += [f"{po.relative_to(ROOT)}: obsolete: {m.id!r}" for m in catalog.obsolete.values()]
    problems += [f"{po.relative_to(ROOT)}:{m.lineno}: code spans changed: {m.id!r}"
                 for m in catalog if m.id and m.string
                 and sorted(CODE.findall(m.id)) != sorted(CODE.findall(m.string))]
    assert not problems, "\n".join(problems)
