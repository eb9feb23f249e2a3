"""Build the whole site, every language, and publish it only if every language built cleanly.

Mechanism: each language is one `sphinx-build -W` (forked: `handbook.sphinx_fork`) into its own
folder, `build/languages/<lang>/`, kept between builds with its doctrees, so Sphinx reads and
writes only the pages whose sources, translations or checked outputs changed. The first language
fills the shared execution cache; the others then build in parallel and read every output from it,
so no snippet runs once per language. When all succeed, the HTML folders are copied into a staging
folder, which replaces the published one by renames; on any failure the published site is left as
it was, and the command exits 1 after reporting every language's warnings.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import runpy
import shutil
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from handbook import older_releases, pins, sitemap, sphinx_fork
from handbook.labels import label
from handbook.runner import FLAVOURS

DOCS = pins.ROOT / "docs"
BUILD = pins.ROOT / "build"


def languages(docs: Path = DOCS) -> dict[str, str]:
    """{code: name} as declared once in conf.py."""
    return runpy.run_path(str(docs / "conf.py"))["handbook_languages"]


def kept(build: Path, language: str) -> Path:
    """The folder a language builds in and keeps: html/ and doctrees/ (and myst-nb's
    jupyter_execute/, which it writes beside html/, so parallel languages never share it)."""
    return build / "languages" / language


def build_language(language: str, docs: Path, build: Path) -> tuple[str, int, str, float]:
    """Build one language incrementally into its kept folder."""
    start = time.perf_counter()
    folder = kept(build, language)
    argv = [
        "-b",
        "html",
        "-W",
        "--keep-going",
        "-q",
        "-D",
        f"language={language}",
        "-D",
        f"handbook_cache_dir={build / 'cache'}",
        "-d",
        str(folder / "doctrees"),
        str(docs),
        str(folder / "html"),
    ]
    done = sphinx_fork.run(argv)  # `python -m sphinx`, without paying for its imports
    report = "".join(f"[{language}] {line}\n" for line in (done.stdout + done.stderr).splitlines())
    return language, done.returncode, report, time.perf_counter() - start


def root_page(names: dict[str, str]) -> str:
    """The site root: the handbook's name and what it is, in every language, each leading to that
    language's contents. A script puts the reader's own language (the browser's first that the
    site has) first; without it the page is the same list in the order of conf.py."""
    title = " · ".join(dict.fromkeys(label(code, "title") for code in names))
    heading = " · ".join(
        f'<span lang="{_tag(code)}">{html.escape(label(code, "title"))}</span>' for code in names
    )
    items = "\n".join(
        f'    <li lang="{_tag(code)}"><a href="{code}/index.html" hreflang="{_tag(code)}">'
        f"{html.escape(name)}</a>: {html.escape(label(code, 'description'))}</li>"
        for code, name in names.items()
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{html.escape(title)}</title>
  <meta name="description" content="{html.escape(label("en", "description"))}">
</head>
<body>
  <main>
  <h1>{heading}</h1>
  <ul id="languages">
{items}
  </ul>
  </main>
<script>
  // the reader's languages, most wanted first; "zh-Hans-CN" and "zh" both choose zh-CN
  const list = document.getElementById("languages");
  const wanted = (navigator.languages || [navigator.language]).map((tag) => tag.toLowerCase());
  const rank = (item) => {{
    const tag = item.lang.toLowerCase(), base = tag.split("-")[0];
    const at = wanted.findIndex((want) => want === tag || want.split("-")[0] === base);
    return at < 0 ? wanted.length : at;
  }};
  const best = [...list.children].sort((a, b) => rank(a) - rank(b))[0];
  if (best && rank(best) < wanted.length) list.prepend(best);
</script>
</body>
</html>
"""


def _tag(code: str) -> str:
    """The BCP 47 tag of a language code (zh_CN -> zh-CN), for lang and hreflang."""
    return code.replace("_", "-")


def not_found_page(names: dict[str, str]) -> str:
    """One 404 page for the whole site (static hosts serve one); a script shows the message and
    the tab title in the language of the missing URL's folder and links to that language's
    contents."""
    sections = "\n".join(
        f'  <section data-language="{code}" lang="{_tag(code)}"'
        f' data-title="{html.escape(label(code, "not_found"))} · '
        f'{html.escape(label(code, "title"))}"{"" if code == "en" else " hidden"}>\n'
        f"    <h1>{html.escape(label(code, 'not_found'))}</h1>\n"
        f"    <p>{html.escape(label(code, 'not_found_text'))} "
        f'<a href="{code}/index.html">{html.escape(label(code, "contents"))}</a></p>\n'
        f"  </section>"
        for code in names
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>{html.escape(label("en", "not_found"))} · {html.escape(label("en", "title"))}</title>
</head>
<body>
<main>
{sections}
</main>
<script>
  // the first path segment that names a language decides; the site root is the path before it
  const parts = location.pathname.split("/");
  const at = parts.findIndex((part) => {json.dumps(list(names))}.includes(part));
  const language = at >= 0 ? parts[at] : "en";
  const root = at >= 0 ? parts.slice(0, at).join("/") + "/" : "";
  for (const section of document.querySelectorAll("section[data-language]")) {{
    section.hidden = section.dataset.language !== language;
    if (!section.hidden) {{
      document.documentElement.lang = section.lang;
      document.title = section.dataset.title;
    }}
    section.querySelector("a").href = root + section.dataset.language + "/index.html";
  }}
</script>
</body>
</html>
"""


def build(
    selected: list[str] | None = None,
    docs: Path = DOCS,
    out: Path | None = None,
    build: Path = BUILD,
) -> int:
    """Build `selected` languages (default: all) and publish to `out` only if all succeed."""
    names = languages(docs)
    selected = selected or list(names)
    unknown = [code for code in selected if code not in names]
    if unknown:
        print(f"unknown language {unknown}; conf.py declares {list(names)}", file=sys.stderr)
        return 2
    out = Path(out or build / "site")
    staging = out.with_name(out.name + ".staging")
    shutil.rmtree(staging, ignore_errors=True)
    first, rest = selected[0], selected[1:]
    results = [build_language(first, docs, build)]
    with ThreadPoolExecutor(max_workers=os.cpu_count()) as pool:
        results += pool.map(lambda code: build_language(code, docs, build), rest)
    for language, code, report, seconds in results:
        sys.stderr.write(report)
        print(f"{language}: {'ok' if code == 0 else 'FAILED'} in {seconds:.1f} s")
    if any(code != 0 for _, code, _, _ in results):
        for language, code, _, _ in results:
            if code != 0:
                # the next build of this language reads and writes every page again (runs stay
                # cached), so nothing half-written by this one can survive into a published site
                shutil.rmtree(kept(build, language), ignore_errors=True)
        print(f"build failed; the published site in {out} was left as it was", file=sys.stderr)
        return 1
    for language in selected:
        # a copy, not hard links: Sphinx rewrites files in place, which would reach the published
        # site while the next build is still running; the build info is not for readers
        shutil.copytree(
            kept(build, language) / "html",
            staging / language,
            ignore=shutil.ignore_patterns(".buildinfo", ".buildinfo.bak"),
        )
    (staging / "index.html").write_text(
        root_page({c: names[c] for c in selected}), encoding="utf-8"
    )
    (staging / "404.html").write_text(
        not_found_page({c: names[c] for c in selected}), encoding="utf-8"
    )
    (staging / ".nojekyll").touch()  # static hosts such as GitHub Pages must serve _static/
    sitemap.write(staging, selected)  # one sitemap at the root, from the pages' own links
    old = out.with_name(out.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    print(f"published {', '.join(selected)} to {out}")
    notices = older_releases.unchecked(docs, pins.ROOT, FLAVOURS, older_releases.load())
    if notices:
        # not a failure: the pages say so too; a maintainer runs `nox -s releases` when ready
        print("notice: outputs not yet checked on older releases:", *notices, sep="\n  ")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("languages", nargs="*", help="default: every language in conf.py")
    parser.add_argument("--out", type=Path, help="published folder (default: build/site)")
    parser.add_argument(
        "--work",
        type=Path,
        default=BUILD,
        help="folder for the execution cache and doctrees (default: build)",
    )
    args = parser.parse_args(argv)
    return build(args.languages, out=args.out, build=args.work)


if __name__ == "__main__":
    sys.exit(main())
