"""One sitemap.xml at the site root: every page of every language, with its language versions.

Mechanism: after every language is built, `write` reads each published page's own
`<link rel="canonical">` and `<link rel="alternate" hreflang>` (written by Sphinx and
handbook.discovery) and lists the page at its canonical URL with one `<xhtml:link>` per
alternate, as search engines read multilingual sitemaps. Pages without alternates (search,
index) are left out. Reading the published pages, not the build's list of written pages, keeps
the sitemap whole after an incremental build, which writes only the pages that changed; this is
why sphinx-sitemap does not fit: it lists only the pages its build wrote, and one language per
file inside that language's folder.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


class _Links(HTMLParser):
    """The canonical URL and the (hreflang, URL) alternates of a page's <head>."""

    def __init__(self) -> None:
        super().__init__()
        self.canonical = ""
        self.alternates: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link":
            return
        found = dict(attrs)
        if found.get("rel") == "canonical":
            self.canonical = found.get("href") or ""
        elif found.get("rel") == "alternate" and (language := found.get("hreflang")):
            self.alternates.append((language, found.get("href") or ""))


def page_links(path: Path) -> _Links:
    parser = _Links()
    text = path.read_text(encoding="utf-8")
    head = text.find("</head>")
    parser.feed(text if head < 0 else text[:head])  # the links are in <head>; skip the body
    parser.close()
    return parser


def entries(site: Path, languages: list[str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """(canonical URL, alternates) of every page that declares alternates, language by language."""
    found = []
    for language in languages:
        folder = site / language
        for path in sorted(folder.rglob("*.html")):
            if any(part.startswith("_") for part in path.relative_to(folder).parts):
                continue  # _static/, _sources/: assets, not pages
            links = page_links(path)
            if links.canonical and links.alternates:
                found.append((links.canonical, links.alternates))
    return found


def write(site: Path, languages: list[str]) -> Path | None:
    """Write `site`/sitemap.xml; return None, and write nothing, when no page has an address
    (no html_baseurl)."""
    pages = entries(site, languages)
    if not pages:
        return None
    ElementTree.register_namespace("", SITEMAP)
    ElementTree.register_namespace("xhtml", XHTML)
    urlset = ElementTree.Element(f"{{{SITEMAP}}}urlset")
    for canonical, alternates in pages:
        url = ElementTree.SubElement(urlset, f"{{{SITEMAP}}}url")
        ElementTree.SubElement(url, f"{{{SITEMAP}}}loc").text = canonical
        for language, href in alternates:
            ElementTree.SubElement(
                url, f"{{{XHTML}}}link", rel="alternate", hreflang=language, href=href
            )
    ElementTree.indent(urlset)
    target = site / "sitemap.xml"
    ElementTree.ElementTree(urlset).write(target, encoding="utf-8", xml_declaration=True)
    return target
