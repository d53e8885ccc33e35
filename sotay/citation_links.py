"""Citation links: every document symbol in a page's prose becomes a link to its reference page.

Uses the checker's own single-pass citation parser (sotay.citations.iter_spans), so the build
links exactly the citations the checker verified.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata

from sotay.citations import iter_spans
from sotay.registry import Registry
from sotay.source import mask

# An HTML link's text (rendered from data by the tools, already linked) is left alone, like a Markdown link's.
_LINK_SPAN = re.compile(r"<a\b[^>\n]*>[^<\n]*</a>|!?\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\([^)\n]*\)|<[^>\n]+>|\{[^}\n]*\}")
_HEADING = re.compile(r"^#{1,6}[ \t]")


def link_citations(markdown: str, rel: str, registry: Registry, skip: str | None = None) -> str:
    """Wrap each citation symbol in a link to its reference page (not in code, links, headings)."""
    masked = mask(markdown)
    masked = _LINK_SPAN.sub(lambda m: " " * len(m.group(0)), masked)
    base = posixpath.dirname(rel)
    pieces, last = [], 0
    for span in iter_spans(masked):
        line_start = markdown.rfind("\n", 0, span.start) + 1
        line_end = markdown.find("\n", span.start)
        line = markdown[line_start : len(markdown) if line_end == -1 else line_end]
        if _HEADING.match(line) or not unicodedata.is_normalized("NFC", line):
            continue
        doc = registry.resolve(span.symbol, span.date).document
        if doc is None or doc.id == skip:
            continue
        target = posixpath.relpath(doc.page, base) if base else doc.page
        text = markdown[span.start : span.start + span.length]
        title = f"{doc.kind} {doc.symbol}: {doc.title}".replace('"', "'")
        pieces += [markdown[last : span.start], f'[{text}]({target} "{title}")']
        last = span.start + span.length
    pieces.append(markdown[last:])
    return "".join(pieces)
