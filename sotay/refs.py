"""Sources named inside a data file (`references:` map → title, url, authority) and schema errors as messages.

The tools' data files (data/lich-hop.yml, data/cham-diem.yml) say where every line comes from by a short
key into their own `references:` map, so a reader sees a readable citation with its authority, never a
file name, and a key that points nowhere is an error naming the file and field.
"""

from __future__ import annotations

import html
import posixpath
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema

from sotay.citations import iter_spans
from sotay.errors import ConfigError

if TYPE_CHECKING:
    from sotay.context import DataContext

REFERENCES_SCHEMA: dict[str, Any] = {
    "type": "object",
    "minProperties": 1,
    "propertyNames": {"pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
    "additionalProperties": {
        "type": "object",
        "required": ["title", "url", "authority"],
        "additionalProperties": False,
        "properties": {
            "title": {"type": "string", "minLength": 3},
            "url": {"type": "string", "pattern": "^https?://"},
            "authority": {"type": "string", "minLength": 3},
        },
    },
}
SOURCE_KEYS: dict[str, Any] = {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}}


@dataclass(frozen=True)
class Reference:
    """One cited page: what it is, where it is, how far it can be trusted."""

    key: str
    title: str
    url: str
    authority: str

    def link_html(self, ctx: DataContext | None = None, page_url: str = "") -> str:
        title = linked_html(self.title, ctx, page_url, links=False) if ctx else html.escape(self.title)
        return f'<a href="{html.escape(self.url)}">{title}</a> ({html.escape(self.authority)})'


def validate(path: Path, data: Any, schema: dict[str, Any]) -> None:
    """ConfigError listing every schema problem as "file: trường 'a/0/b': message" (sorted, all at once)."""
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        raise ConfigError("\n".join(
            f"{path}: trường '{'/'.join(map(str, e.absolute_path)) or '(gốc)'}': {e.message}" for e in errors
        ))


def load_references(data: dict[str, Any]) -> dict[str, Reference]:
    return {key: Reference(key, value["title"], value["url"], value["authority"])
            for key, value in (data.get("references") or {}).items()}


def check_keys(path: Path, where: str, keys: Iterable[str], references: dict[str, Reference]) -> tuple[str, ...]:
    """The keys, or ConfigError naming the field whose source is not in `references`."""
    keys = tuple(keys)
    for key in keys:
        if key not in references:
            known = ", ".join(sorted(references)) or "(trống)"
            raise ConfigError(f"{path}: trường '{where}': nguồn '{key}' không có trong 'references' (có: {known})")
    return keys


def sources_html(keys: Iterable[str], references: dict[str, Reference], ctx: DataContext | None = None,
                 page_url: str = "") -> str:
    return "; ".join(references[k].link_html(ctx, page_url) for k in keys)


# ---------------------------------------------------------------------- links and citations in data text
def site_url(target: str, use_directory_urls: bool) -> str:
    """A docs path ("quy-trinh/x.md#a") as the site URL the build gives it; a URL is returned unchanged."""
    path, hash_, fragment = target.partition("#")
    if path.endswith(".md"):
        stem = path[: -len(".md")]
        if use_directory_urls:
            path = stem[: -len("index")] if stem == "index" or stem.endswith("/index") else stem + "/"
        else:
            path = stem + ".html"
    return path + hash_ + fragment


def relative_link(target_url: str, page_url: str) -> str:
    """Site-relative `target_url` as seen from the page at `page_url` (directory URLs or .html alike)."""
    path, hash_, fragment = target_url.partition("#")
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    rel = posixpath.relpath(path or ".", base.rstrip("/") or ".")
    if path.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return rel + hash_ + fragment


def href(ctx: DataContext, target: str, page_url: str) -> str:
    """`target` (docs path or site URL) as a relative link from the page at `page_url`."""
    use_dirs = bool(ctx.project.config.get("use_directory_urls", True))
    return relative_link(site_url(target, use_dirs), page_url)


def linked_html(text: str, ctx: DataContext | None, page_url: str, links: bool = True) -> str:
    """Data text as HTML: escaped, with each registered citation symbol linked to its reference page.

    The build's citation linker (sotay.citation_links) writes Markdown links, which mean nothing inside
    the HTML blocks the tools render; so the tools link their own data text here, with the same parser
    and registry, and the linker leaves text inside an `<a>` alone. `links=False` (text already inside a
    link) only escapes.
    """
    text = unicodedata.normalize("NFC", text)
    if ctx is None or not links:
        return html.escape(text)
    pieces, last = [], 0
    for span in iter_spans(text):
        doc = ctx.registry.resolve(span.symbol, span.date).document
        if doc is None:
            continue
        symbol = text[span.start : span.start + span.length]
        title = f"{doc.kind} {doc.symbol}: {doc.title}"
        pieces += [html.escape(text[last : span.start]),
                   f'<a href="{html.escape(href(ctx, doc.page, page_url))}" title="{html.escape(title)}">'
                   f"{html.escape(symbol)}</a>"]
        last = span.start + span.length
    pieces.append(html.escape(text[last:]))
    return "".join(pieces)


def unknown_citations(texts: Iterable[str], ctx: DataContext) -> list[str]:
    """Citations in data text the registry does not confirm: unknown symbols, or a date written after the
    symbol that differs from the registry's (the checker's C01/C02, for text that lives in data/)."""
    unknown: list[str] = []
    for text in texts:
        for span in iter_spans(unicodedata.normalize("NFC", text)):
            resolution = ctx.registry.resolve(span.symbol, span.date)
            label = span.symbol if resolution.document is None else (
                f"{span.symbol} ngày {span.date}" if resolution.problem == "date" else None)
            if label and label not in unknown:
                unknown.append(label)
    return unknown
