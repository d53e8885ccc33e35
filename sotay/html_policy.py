"""What HTML may reach a reader: one allow-list for the build's sanitiser and the checker's scanner.

The handbook's pages are Markdown; the HTML they legitimately produce is what Python-Markdown and the
extensions in mkdocs.yml emit (tables, footnotes, admonitions, `<details>`, task lists, `<abbr>`,
`<mark>`, permalinks, attr_list ids and classes, the checklist items' `data-sotay-check`) plus the few
elements the build itself inserts (the download table and buttons). Everything else — event handlers,
`style`, scripts, frames, forms, `<base>`, `<meta>`, `<object>`/`<embed>`, SVG, and URLs with a scheme
other than http(s), mailto and tel — is refused: the checker reports it with file:line, and the build
strips it (nh3) whatever the source (page, front matter, registry, glossary, templates, generated pages).
"""

from __future__ import annotations

import re

ALLOWED_TAGS: frozenset[str] = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "details", "dfn",
    "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "input", "ins", "kbd", "label", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong",
    "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var",
    "wbr",
})

# Tags whose content is dropped with them (the rest keep their text when the tag goes).
DROP_WITH_CONTENT: frozenset[str] = frozenset({"script", "style", "iframe", "object", "embed", "template",
                                               "noscript", "svg", "math", "textarea", "select"})

GLOBAL_ATTRIBUTES: frozenset[str] = frozenset({"id", "class", "title", "lang", "dir", "role", "aria-label",
                                               "aria-hidden", "aria-describedby", "aria-labelledby"})

TAG_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "name", "download", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "input": frozenset({"type", "checked", "disabled"}),
    "td": frozenset({"colspan", "rowspan", "align", "style"}),
    "th": frozenset({"colspan", "rowspan", "align", "style", "scope"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "ol": frozenset({"start", "type", "reversed"}),
    "li": frozenset({"value", "data-sotay-check"}),  # a checklist item's tick key (sotay.meeting_views)
    "details": frozenset({"open"}),
    "time": frozenset({"datetime"}),
    "label": frozenset({"for"}),
    "abbr": frozenset(),
}

# Table cells are aligned by Python-Markdown's tables extension with style="text-align: …".
ALLOWED_STYLE_PROPERTIES: frozenset[str] = frozenset({"text-align"})

URL_ATTRIBUTES: frozenset[str] = frozenset({"href", "src", "action", "formaction", "data", "poster",
                                            "background", "cite", "longdesc", "xlink:href", "srcset", "ping"})
URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto", "tel"})

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# Browsers ignore ASCII tab/newline inside a URL and leading spaces/controls: "java\tscript:" is javascript:.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see in `url` (lower case), or None for a relative URL."""
    match = _SCHEME.match(_URL_NOISE.sub("", url))
    return match.group(1).lower() if match else None


def unsafe_url(url: str) -> str | None:
    """The refused scheme of `url` ("javascript", "data", "file", …), or None if the URL may be published."""
    scheme = url_scheme(url)
    if scheme is None or scheme in URL_SCHEMES:
        return None
    return scheme


def attribute_allowed(tag: str, name: str) -> bool:
    return name in GLOBAL_ATTRIBUTES or name in TAG_ATTRIBUTES.get(tag, frozenset())


def style_allowed(value: str) -> bool:
    """True when a style attribute only sets allowed properties (table alignment)."""
    for declaration in value.split(";"):
        if not declaration.strip():
            continue
        prop, _, _ = declaration.partition(":")
        if prop.strip().lower() not in ALLOWED_STYLE_PROPERTIES:
            return False
    return True
