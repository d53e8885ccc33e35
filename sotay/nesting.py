"""How deeply a page nests, measured before Python-Markdown parses it (rule T03).

Python-Markdown parses nested lists, blockquotes, admonitions and `markdown` HTML blocks by
recursion, and serialises the tree by recursion too: about 250 nested list levels raise
RecursionError (a traceback in the build), and 1,000 nested `???` blocks take a minute. Real
pages nest three or four levels. `deepest` reads the masked text line by line (code, comments
and front matter blanked, see sotay.source.mask) in linear time, so the checker can report the
page and the build can refuse it before rendering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_DEPTH = 20  # far above real pages, far below where Python-Markdown's recursion fails

# A line can only nest MAX_DEPTH deep if its prefix of indentation and container markers is at
# least that long (each level costs at least one character): the precise count runs on those.
_CANDIDATE = re.compile(rf"^[ \t>*+\-!?.)0-9]{{{MAX_DEPTH},}}", re.M)
_MARKER = re.compile(r"(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])|!!!\+?|\?\?\?\+?)")
_RULE = re.compile(r"[ ]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*")  # "- - -" is a horizontal rule
_EMPHASIS_RUN = re.compile(r"[*_]+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])([^<>]*?)(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


@dataclass(frozen=True)
class Deep:
    """Where a page first nests deeper than MAX_DEPTH, how deep, and in what."""

    line: int
    column: int
    depth: int
    what: str  # Vietnamese: what nests


def _block_depth(line: str) -> int:
    """Containers opened by the line: every 4 columns of indentation and every marker."""
    depth = column = pos = 0
    while pos < len(line):
        char = line[pos]
        if char == " ":
            column += 1
            pos += 1
        elif char == "\t":
            column += 4 - column % 4
            pos += 1
        else:
            match = _MARKER.match(line, pos)
            if not match:
                break
            depth += 1 + column // 4
            column = 0
            pos = match.end()
    return depth + (column // 4 if pos < len(line) else 0)  # a blank (or blanked) tail opens nothing


def _blocks(masked: str) -> Deep | None:
    for match in _CANDIDATE.finditer(masked):
        start = match.start()
        end = masked.find("\n", start)
        line_text = masked[start : len(masked) if end == -1 else end]
        if not line_text.strip() or _RULE.fullmatch(line_text):
            continue  # blank (or blanked: front matter, code) or a horizontal rule
        depth = _block_depth(line_text)
        if depth > MAX_DEPTH:
            line = masked.count("\n", 0, start) + 1
            return Deep(line, 1, depth, "danh sách, trích dẫn hoặc khối ghi chú")
    return None


def _emphasis(masked: str) -> Deep | None:
    """Open emphasis runs within a paragraph: `*a *b *c …` nests one level per run."""
    depth = last = 0
    for match in _EMPHASIS_RUN.finditer(masked):
        start, end = match.span()
        if _BLANK_LINE.search(masked, last, start):
            depth = 0  # a new paragraph closes whatever was left open
        last = end
        before = masked[start - 1] if start else " "
        after = masked[end] if end < len(masked) else " "
        opens = not after.isspace() and (before.isspace() or not before.isalnum())
        closes = not before.isspace() and (after.isspace() or not after.isalnum())
        if opens and not closes:
            depth += end - start
            if depth > MAX_DEPTH:
                line = masked.count("\n", 0, start) + 1
                column = start - (masked.rfind("\n", 0, start) + 1) + 1
                return Deep(line, column, depth, "chữ nghiêng/đậm (* hoặc _)")
        elif closes and not opens:
            depth = max(0, depth - (end - start))
    return None


def _html(masked: str) -> Deep | None:
    depth = 0
    for match in _TAG.finditer(masked):
        closing, name, _, self_closing = match.groups()
        if name.lower() in _VOID or self_closing:
            continue
        if closing:
            depth = max(0, depth - 1)
            continue
        depth += 1
        if depth > MAX_DEPTH:
            line = masked.count("\n", 0, match.start()) + 1
            column = match.start() - (masked.rfind("\n", 0, match.start()) + 1) + 1
            return Deep(line, column, depth, "thẻ HTML")
    return None


def deepest(masked: str) -> Deep | None:
    """The first place the page nests deeper than MAX_DEPTH, or None (cheap on ordinary pages)."""
    found = [_blocks(masked)]
    if masked.count("*") + masked.count("_") > MAX_DEPTH:
        found.append(_emphasis(masked))
    if masked.count("<") > MAX_DEPTH:
        found.append(_html(masked))
    hits = [d for d in found if d is not None]
    return min(hits, key=lambda d: (d.line, d.column)) if hits else None
