"""The A4 PDF handbook, made with WeasyPrint from the pages of the built (offline) site.

Why WeasyPrint and not Chromium's print-to-PDF: a paper handbook needs a table of contents with page
numbers, and only a CSS paged-media engine fills them in (`target-counter`); WeasyPrint also writes
the PDF outline from the headings, running headers and page numbers from `@page` rules, and needs no
browser at bundle time (pip only; Pango comes with Debian). Chromium's page.pdf cannot number a TOC.

Each nav page becomes a chapter on a new page, in nav order; ids are prefixed per page so internal
links become links inside the PDF; links to what the PDF does not hold point to the page online.
The font is the Noto Sans shipped in overrides/assets/fonts (SIL OFL 1.1), subset and embedded.

Reproducible: WeasyPrint 70 names font subsets by an MD5 of the font (not a random tag) and writes no
XMP UUID outside PDF/A; its only clock-like values are the dcterms.created/modified meta tags, set here
to `Edition.timestamp`. The /ID pair is asked for (`pdf_identifier`): the first half from the edition
name, stable across rebuilds; pydyf makes the second an MD5 of the content.
"""

from __future__ import annotations

import hashlib
import html
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lhtml

from sotay.bundle import SLUG, TITLE, Edition, online_base
from sotay.project import Project

FONTS = Path(__file__).resolve().parents[2] / "overrides" / "assets" / "fonts"
EXCLUDED = {"tai-ve.md"}  # a list of files to download means nothing on paper
_REMOVE = (
    "a.headerlink", ".md-content__button", ".md-source-file", "script", "form", ".sotay-print-sheet",
    "a.footnote-backref", ".sotay-progress", ".sotay-screen-only",
)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


@dataclass
class Entry:
    """One nav item: a page (src) and/or a section title with children."""

    title: str | None
    src: str | None
    depth: int
    children: list[Entry] = field(default_factory=list)


def nav_entries(nav: Any, depth: int = 1) -> list[Entry]:
    entries: list[Entry] = []
    for item in nav or []:
        if isinstance(item, str):
            entries.append(Entry(None, item, depth))
        elif isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    entries.append(Entry(title, value, depth))
                else:
                    children = nav_entries(value, depth + 1)
                    # navigation.indexes: a section's first untitled index page is the section page.
                    src = None
                    if children and children[0].title is None and children[0].src.endswith("index.md"):
                        src = children.pop(0).src
                    entries.append(Entry(title, src, depth, children))
    return entries


def _flatten(entries: list[Entry]) -> list[Entry]:
    out: list[Entry] = []
    for entry in entries:
        out.append(entry)
        out.extend(_flatten(entry.children))
    return out


def _xpath(selector: str) -> str:
    """"tag.class", ".class" or "tag" as a descendant XPath (no cssselect dependency)."""
    tag, _, css_class = selector.partition(".")
    test = f"[contains(concat(' ', normalize-space(@class), ' '), ' {css_class} ')]" if css_class else ""
    return f".//{tag or '*'}{test}"


def page_id(src: str) -> str:
    return "p-" + re.sub(r"[^a-z0-9]+", "-", src[: -len(".md")].lower()).strip("-")


def html_path(src: str) -> str:
    return src[: -len(".md")] + ".html"


def _directory_url(site_path: str) -> str:
    stem = site_path[: -len(".html")] if site_path.endswith(".html") else site_path
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


class Handbook:
    """Collects the chapters as one HTML document for WeasyPrint."""

    def __init__(self, site: Path, project: Project, edition: Edition) -> None:
        self.site = site
        self.project = project
        self.edition = edition
        extra = project.config.get("extra") or {}
        version = extra.get("version") if hasattr(extra, "get") else None  # MkDocs' LegacyConfig is no dict
        mike = isinstance(version, dict) and version.get("provider") == "mike"
        self.online = online_base(str(project.config.get("site_url") or ""), mike)
        self.entries = nav_entries(project.config.get("nav"))
        self.pages: dict[str, str] = {}  # site html path → page id, for every page in the PDF
        for entry in _flatten(self.entries):
            if entry.src and entry.src not in EXCLUDED:
                self.pages[html_path(entry.src)] = page_id(entry.src)
        self.appendix = self._appendix_sources()
        for src in self.appendix:
            self.pages[html_path(src)] = page_id(src)

    def _appendix_sources(self) -> list[str]:
        """Reference pages of cited documents (not in nav): printed after the "Văn bản" chapter."""
        folder = self.site / "van-ban"
        if "van-ban/index.html" not in self.pages or not folder.is_dir():
            return []
        return [f"van-ban/{p.stem}.md" for p in sorted(folder.glob("*.html")) if p.name != "index.html"]

    # ------------------------------------------------------------------ rewriting one page
    def _article(self, src: str) -> etree._Element:
        path = self.site / html_path(src)
        tree = lhtml.fromstring(path.read_bytes())
        found = tree.xpath("//article[contains(concat(' ', normalize-space(@class), ' '), ' md-content__inner ')]")
        if not found:
            raise ValueError(f"{path}: không thấy nội dung trang (article.md-content__inner)")
        article = found[0]
        for selector in _REMOVE:
            for element in article.xpath(_xpath(selector)):
                element.drop_tree()
        for label in article.xpath(_xpath("label.task-list-control")):
            box = etree.Element("span", {"class": "box"})
            box.tail = label.tail
            label.getparent().replace(label, box)
        return article

    def _link(self, href: str, here: str) -> str:
        if href.startswith("#"):
            return f"#{self.pages[here]}--{href[1:]}" if len(href) > 1 else f"#{self.pages[here]}"
        if _SCHEME.match(href) or href.startswith("//"):
            return href
        parts = urlsplit(href)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(here), parts.path)) if parts.path else here
        if target in self.pages:
            return f"#{self.pages[target]}--{parts.fragment}" if parts.fragment else f"#{self.pages[target]}"
        online = _directory_url(target) if target.endswith(".html") else target
        return self.online + online + (f"#{parts.fragment}" if parts.fragment else "")

    def chapter(self, src: str, depth: int, css_class: str = "chapter") -> str:
        here = html_path(src)
        pid = self.pages[here]
        article = self._article(src)
        for element in article.iter():
            if not isinstance(element.tag, str):
                continue
            if element.get("id"):
                element.set("id", f"{pid}--{element.get('id')}")
            if element.tag == "a" and element.get("href") is not None:
                element.set("href", self._link(element.get("href"), here))
            if element.tag == "img" and element.get("src") and not _SCHEME.match(element.get("src")):
                resolved = (self.site / posixpath.dirname(here) / element.get("src")).resolve()
                element.set("src", resolved.as_uri())
        article.tag = "section"
        article.attrib.clear()
        article.set("id", pid)
        article.set("class", f"{css_class} depth-{min(depth, 3)}")
        return etree.tostring(article, encoding="unicode", method="html")

    # ------------------------------------------------------------------ whole document
    def _title_of(self, entry: Entry) -> str:
        if entry.src:
            article = self._article(entry.src)
            heading = article.find(".//h1")
            if heading is not None:
                return heading.text_content().strip()
        return entry.title or ""

    def _toc(self, entries: list[Entry]) -> str:
        items = []
        for entry in entries:
            if entry.src in EXCLUDED:
                continue
            title = html.escape(entry.title or self._title_of(entry))
            target = page_id(entry.src) if entry.src else (page_id(entry.children[0].src) if entry.children else "")
            sub = f"<ul>{self._toc(entry.children)}</ul>" if entry.children else ""
            items.append(f'<li class="toc-{min(entry.depth, 3)}"><a href="#{target}">{title}</a>{sub}</li>')
        return "".join(items)

    def _body(self, entries: list[Entry]) -> list[str]:
        parts: list[str] = []
        for entry in entries:
            if entry.src and entry.src not in EXCLUDED:
                parts.append(self.chapter(entry.src, entry.depth))
                if entry.src == "van-ban/index.md":
                    parts.extend(self.chapter(src, 3, "appendix") for src in self.appendix)
            elif entry.title and entry.children:
                # A section without an index page: a divider page carrying its title.
                parts.append(f'<section class="chapter divider depth-{min(entry.depth, 3)}" '
                             f'id="{page_id(entry.children[0].src)}-section"><h1>{html.escape(entry.title)}</h1>'
                             "</section>")
            parts.extend(self._body(entry.children))
        return parts

    def document(self) -> str:
        config = self.project.config
        description = html.escape(str(config.get("site_description") or ""))
        css = stylesheet(self.edition)
        stamp = self.edition.timestamp.strftime("%Y-%m-%dT%H:%M:%SZ")
        cover = (
            '<section class="cover">'
            f'<p class="cover-kicker">{html.escape(str(config.get("site_author") or ""))}</p>'
            f"<h1>{html.escape(TITLE)}</h1>"
            f'<p class="cover-description">{description}</p>'
            f'<p class="cover-edition">Ấn bản {html.escape(self.edition.version)}<br>'
            f"Ngày {html.escape(self.edition.date_vi)}</p>"
            f'<p class="cover-url">Bản trực tuyến: {html.escape(self.online)}</p>'
            f'<p class="cover-note">{html.escape(str(config.get("copyright") or ""))}</p>'
            "</section>"
        )
        toc = f'<section class="toc"><h1>Mục lục</h1><ul>{self._toc(self.entries)}</ul></section>'
        body = "\n".join(self._body(self.entries))
        return (
            '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
            f"<title>{html.escape(TITLE)} – {html.escape(self.edition.label)}</title>"
            f'<meta name="author" content="{html.escape(str(config.get("site_author") or ""))}">'
            f'<meta name="description" content="{description}">'
            f'<meta name="dcterms.created" content="{stamp}">'
            f'<meta name="dcterms.modified" content="{stamp}">'
            f'<meta name="generator" content="sotay bundle">'
            f"<style>{css}</style></head><body>"
            f"{cover}{toc}{body}</body></html>"
        )


def stylesheet(edition: Edition) -> str:
    faces = "".join(
        f'@font-face {{ font-family: "Sotay Noto Sans"; font-weight: {weight}; font-style: {style}; '
        f'src: url("{(FONTS / f"NotoSans-{name}.ttf").as_uri()}"); }}\n'
        for name, weight, style in (("Regular", 400, "normal"), ("Bold", 700, "normal"),
                                    ("Italic", 400, "italic"), ("BoldItalic", 700, "italic"))
    )
    math = (FONTS / "NotoSansMath-Regular.ttf").as_uri()
    running = f"{TITLE} · {edition.label}".replace('"', "'")
    return (faces + f'@font-face {{ font-family: "Sotay Noto Sans Math"; src: url("{math}"); }}\n'
            + PDF_CSS.replace("string(edition)", f'"{running}"'))


PDF_CSS = """
@page {
  size: A4; margin: 20mm 18mm 20mm 20mm; font-family: "Sotay Noto Sans", "Sotay Noto Sans Math";
  @top-left { content: string(edition); font-size: 7.5pt; color: #666; }
  @top-right { content: string(chapter); font-size: 7.5pt; color: #666; }
  @bottom-center { content: "Trang " counter(page) " / " counter(pages); font-size: 8pt; color: #444; }
}
@page :first { margin: 0; @top-left { content: none; } @top-right { content: none; } @bottom-center { content: none; } }
html { font-family: "Sotay Noto Sans", "Sotay Noto Sans Math", sans-serif; font-size: 10pt; line-height: 1.45;
  color: #111; }
body { margin: 0; }
h1, h2, h3, h4 { font-weight: 700; line-height: 1.25; break-after: avoid; color: #8b0000; }
h1 { font-size: 19pt; margin: 0 0 0.6em; string-set: chapter content(); }
h2 { font-size: 13pt; margin: 1.2em 0 0.4em; }
h3 { font-size: 11pt; margin: 1em 0 0.3em; color: #222; }
h4, h5, h6 { font-size: 10pt; color: #222; }
h1, h2, h3, h4, h5, h6 { bookmark-level: none; }
.depth-1 h1 { bookmark-level: 1; } .depth-1 h2 { bookmark-level: 2; }
.depth-2 h1 { bookmark-level: 2; } .depth-2 h2 { bookmark-level: 3; }
.depth-3 h1 { bookmark-level: 3; }
.appendix h1 { bookmark-level: 2; font-size: 13pt; string-set: none; }
.appendix h2 { font-size: 11pt; }
p, li { orphans: 2; widows: 2; }
ul ul, ol ul, li ul, dd ul { list-style-type: "– "; }  /* the default ◦ and ▪ are not in Noto Sans */
a { color: #0b4f9c; text-decoration: none; }
section.chapter { break-before: page; }
section.appendix { margin-top: 1.6em; padding-top: 0.8em; border-top: 1px solid #bbb; }
.divider h1 { font-size: 26pt; margin-top: 35%; text-align: center; }

.cover { page: cover; height: 297mm; box-sizing: border-box; padding: 55mm 25mm 20mm; text-align: left;
  border-top: 14mm solid #b71c1c; }
.cover h1 { font-size: 34pt; color: #b71c1c; bookmark-level: none; string-set: none; margin: 0.2em 0 0.5em; }
.cover-kicker { font-size: 11pt; color: #555; text-transform: uppercase; letter-spacing: 0.05em; }
.cover-description { font-size: 13pt; max-width: 140mm; }
.cover-edition { font-size: 14pt; font-weight: 700; margin-top: 30mm; }
.cover-url, .cover-note { font-size: 9pt; color: #555; }

.toc { break-before: page; }
.toc h1 { bookmark-level: 1; bookmark-label: "Mục lục"; }
.toc ul { list-style: none; padding-left: 0; margin: 0; }
.toc ul ul { padding-left: 1.4em; }
.toc li { margin: 0.15em 0; }
.toc-1 > a { font-weight: 700; }
.toc a { color: #111; }
.toc a::after { content: leader(". ") target-counter(attr(href url), page); font-weight: 400; }

table { border-collapse: collapse; width: 100%; margin: 0.6em 0; font-size: 8.8pt; break-inside: auto; }
th, td { border: 0.6pt solid #999; padding: 3pt 4pt; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { background: #f1e4e4; }
tr { break-inside: avoid; }
code { font-family: "Sotay Noto Sans", "Sotay Noto Sans Math", sans-serif; background: #f2f2f2; padding: 0 2pt;
  font-size: 0.92em; }
pre { white-space: pre-wrap; background: #f5f5f5; padding: 4pt; }
blockquote { margin: 0.6em 0; padding-left: 0.8em; border-left: 2pt solid #ccc; color: #333; }
.admonition, details { border: 0.6pt solid #d9a4a4; border-left: 3pt solid #b71c1c; padding: 0.3em 0.8em;
  margin: 0.8em 0; break-inside: avoid; background: #fdf7f7; }
.admonition-title, summary { font-weight: 700; margin: 0.2em 0; display: block; }
.task-list { list-style: none; padding-left: 0.2em; }
.task-list-item { list-style: none; }
.box { display: inline-block; width: 0.85em; height: 0.85em; border: 0.8pt solid #000; margin-right: 0.45em;
  vertical-align: -0.1em; }
.footnote { font-size: 8pt; color: #333; border-top: 0.6pt solid #bbb; margin-top: 1.2em; }
.footnote hr { display: none; }
sup { font-size: 0.7em; line-height: 0; }
abbr { text-decoration: none; }
img, svg { max-width: 100%; }
.twemoji svg, .md-button svg { width: 1em; height: 1em; }
.md-button { font-weight: 700; }
.md-typeset__scrollwrap, .md-typeset__table { overflow: visible; }
/* Tools (cong-cu/): the blank date and tick cells keep their width instead of breaking mid-word. */
.sotay-plan td.sotay-step__date, .sotay-plan th:last-child { width: 24mm; white-space: nowrap; overflow-wrap: normal; }
.sotay-rubric__items td.sotay-item__mark, .sotay-rubric__items th:last-child { width: 12mm; white-space: nowrap;
  overflow-wrap: normal; text-align: center; }
.sotay-conditions, .sotay-options { list-style: none; padding-left: 0; margin: 0; }
"""


def write_pdf(site: Path, root: Path, edition: Edition, target: Path) -> Path:
    """Render the handbook from the built site at `site` into `target`."""
    from weasyprint import HTML  # imported here: only the bundle needs it

    handbook = Handbook(site, Project.load(root), edition)
    document = handbook.document()
    target.parent.mkdir(parents=True, exist_ok=True)
    HTML(string=document, base_url=str(site) + "/").write_pdf(target, pdf_identifier=pdf_identifier(edition))
    return target


def pdf_identifier(edition: Edition) -> bytes:
    """First half of the PDF's /ID: the same for every build of one edition (the spec's "permanent" part)."""
    return hashlib.md5(f"{SLUG}-{edition.version}".encode(), usedforsecurity=False).hexdigest().encode()
