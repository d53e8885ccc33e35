"""Scanning masked Markdown for headings (anchors), links, images and raw HTML resources."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from sotay.slugs import slugify


@dataclass(frozen=True)
class Link:
    """A link or image target found in a page."""

    line: int
    column: int
    target: str
    is_image: bool
    alt: str = ""


_HEADING = re.compile(r"^(#{1,6})[ \t]+(?P<text>.+?)[ \t]*#*[ \t]*$")
# Inner classes exclude the next opener ("{", "<", "["), so an unclosed one is read up to the
# next opener only, never to the end of the line or file: every scan stays linear.
_ATTR_ID = re.compile(r"\{:?[^{}\n]*?#(?P<id>[A-Za-z0-9_\-:.]+)[^{}\n]*\}")
_HEADING_ATTR = re.compile(r"[ \t]*\{:?[^{}\n]*\}[ \t]*$")
_HTML_ID = re.compile(r"""\b(?:id|name)=["'](?P<id>[^"']+)["']""")
# Starts with a literal "[" so the engine can skip ahead; "!" before it (an image) is read separately.
_INLINE = re.compile(
    r"\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(\s*<?(?P<target>[^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)"
)
_REFDEF = re.compile(r"^[ \t]{0,3}\[(?P<label>[^\[\]\n]+)\]:[ \t]*<?(?P<target>\S+?)>?(?:[ \t]+.*)?$", re.M)
_HTML_SRC = re.compile(r"""<(?P<tag>img|a)\b[^<>]*?\b(?P<attr>src|href)=["'](?P<target>[^"']*)["'][^<>]*>""", re.I)


def _plain(text: str) -> str:
    """Heading text as toc sees it: links reduced to their text, emphasis and code marks gone."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"[*_`~]", "", text)
    return html.unescape(text).strip()


_FOOTNOTE_DEF = re.compile(r"^\[\^([^\]]+)\]:", re.M)


_SETEXT_UNDERLINE = re.compile(r"^(?:=+|-+)[ \t]*$")
_NOT_SETEXT_TEXT = re.compile(r"^(?:(?:[-*+]|\d+[.)])[ \t]|>|\||<|!!!|\?\?\?)")


def headings(masked: str) -> list[str]:
    """Heading texts in document order: ATX (`## …`) and setext (a paragraph's first line over === or ---)."""
    lines = masked.split("\n")
    found: list[str] = []
    previous_blank = True
    # Indented code is already masked, so an indented heading here sits inside a list item or admonition.
    for number, line in enumerate(lines):
        stripped = line.lstrip(" \t")
        match = _HEADING.match(stripped)
        if match:
            found.append(match.group("text"))
        elif (previous_blank and stripped and number + 1 < len(lines)
              and _SETEXT_UNDERLINE.match(lines[number + 1].lstrip(" \t"))
              and not _NOT_SETEXT_TEXT.match(stripped)):
            found.append(stripped.strip())
        previous_blank = not line.strip()
    return found


def anchors(masked: str) -> set[str]:
    """Ids a page defines: headings (explicit or slugged, de-duplicated like toc), attr_list, HTML."""
    found: set[str] = set()
    counts: dict[str, int] = {}
    for text in headings(masked):
        explicit = _ATTR_ID.search(text)
        if explicit:
            found.add(explicit.group("id"))
            continue
        slug = slugify(_plain(_HEADING_ATTR.sub("", text)))
        if slug in counts:
            counts[slug] += 1
            slug = f"{slug}_{counts[slug]}"
        else:
            counts[slug] = 0
        found.add(slug)
    if "{" in masked:
        found.update(m.group("id") for m in _ATTR_ID.finditer(masked))
    if "id=" in masked or "name=" in masked:
        found.update(m.group("id") for m in _HTML_ID.finditer(masked))
    if "[^" in masked:
        found.update(f"fn:{m.group(1)}" for m in _FOOTNOTE_DEF.finditer(masked))
    return found


def links(masked: str) -> Iterator[Link]:
    """Inline links and images, reference definitions, and <a>/<img> tags with their positions."""
    from sotay.source import LineIndex

    if "](" not in masked and "<" not in masked and "]:" not in masked:
        return
    index = LineIndex(masked)
    for match in _INLINE.finditer(masked):
        start = match.start()
        is_image = start > 0 and masked[start - 1] == "!"
        line, column = index.line_col(start - 1 if is_image else start)
        yield Link(line, column, match.group("target"), is_image, match.group("text"))
    for match in _HTML_SRC.finditer(masked):
        line, column = index.line_col(match.start())
        alt_match = re.search(r"""\balt=["']([^"']*)["']""", match.group(0), re.I)
        yield Link(line, column, match.group("target"), match.group("tag").lower() == "img",
                   alt_match.group(1) if alt_match else "")
    for match in _REFDEF.finditer(masked):
        if not match.group("label").startswith("^"):
            line, column = index.line_col(match.start("target"))
            yield Link(line, column, match.group("target"), False, "x")
