"""Reading Markdown sources: UTF-8 decoding with positions, front matter, and masking.

Masking replaces code blocks, inline code, HTML comments and front matter with spaces of the
same length, so every later scan (links, citations, abbreviations) sees prose only while line
and column numbers stay those of the original file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sotay import safeyaml

# LibYAML's parser when PyYAML was built with it: front matter is parsed once per page, so
# the pure-Python parser would dominate the checker's time.
SafeLoader = safeyaml.BaseLoader


@dataclass(frozen=True)
class DecodeProblem:
    """Where a file stops being valid UTF-8."""

    line: int
    column: int
    reason: str


@dataclass
class FrontMatter:
    """Parsed front matter; `error` holds a YAML problem with its line in the file."""

    data: dict[str, Any] = field(default_factory=dict)
    end_line: int = 0  # last line of the front matter block (0 when there is none)
    error: tuple[int, int, str] | None = None


def universal(text: str) -> str:
    """Text as MkDocs reads a page (`utf-8-sig`, universal newlines): no BOM, "\n" line ends.

    A Windows checkout (CRLF) or an editor's BOM must not change what the checker sees: the
    front matter still opens on line 1 and columns count the same characters.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_text(path: Path, raw_text: bool = False) -> tuple[str, DecodeProblem | None]:
    """Decode a file as UTF-8; on failure return the text decoded with replacement and where.

    The text is `universal` unless `raw_text` (for commands that write the file back).
    """
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
        return (text if raw_text else universal(text)), None
    except UnicodeDecodeError as exc:
        before = universal(raw[: exc.start].decode("utf-8", errors="replace")) if not raw_text \
            else raw[: exc.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        column = len(before.rsplit("\n", 1)[-1]) + 1
        text = raw.decode("utf-8", errors="replace")
        return (text if raw_text else universal(text)), DecodeProblem(
            line, column, f"byte 0x{raw[exc.start]:02x} không hợp lệ")


_FM_OPEN = re.compile(r"\A---[ \t]*\r?\n")
_FM_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)


def split_front_matter(text: str) -> FrontMatter:
    """Parse a leading `---` YAML block the way MkDocs does, remembering line numbers."""
    if not _FM_OPEN.match(text):
        return FrontMatter()
    start = _FM_OPEN.match(text).end()  # type: ignore[union-attr]
    close = _FM_CLOSE.search(text, start)
    if close is None:
        return FrontMatter(end_line=1, error=(1, 1, "khối front matter mở bằng --- nhưng không đóng"))
    block = text[start : close.start()]
    end_line = text.count("\n", 0, close.start()) + 1
    try:
        data = safeyaml.load(block, first_line=2) if block.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + 2) if mark is not None else 1
        column = (mark.column + 1) if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        message = f"front matter {problem}" if isinstance(exc, safeyaml.Refused) else f"YAML không hợp lệ: {problem}"
        return FrontMatter(end_line=end_line, error=(line, column, message))
    if not isinstance(data, dict):
        return FrontMatter(end_line=end_line, error=(2, 1, "front matter phải là một bảng khóa: giá trị"))
    return FrontMatter(data=data, end_line=end_line)


_FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})")
# Lines after which 4-space indented lines continue a container (list item, admonition, details,
# footnote, definition) instead of starting an indented code block.
_CONTAINER = re.compile(r"^(?:[-*+][ \t]|\d+[.)][ \t]|!!!|\?\?\?|\[\^[^\]]+\]:|:[ \t])")
_INDENTED = re.compile(r"^(?: {4}|\t)")
_BACKTICKS = re.compile(r"`+")
_NOT_NEWLINE = re.compile(r"[^\n]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    pieces, last = [], 0
    for start, end in spans:
        pieces += [text[last:start], _NOT_NEWLINE.sub(" ", text[start:end])]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def _comment_spans(text: str) -> list[tuple[int, int]]:
    """`<!-- ... -->` spans; an unclosed `<!--` ends the search (each character is read once)."""
    spans, pos = [], 0
    while (start := text.find("<!--", pos)) != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            break
        spans.append((start, end + 3))
        pos = end + 3
    return spans


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Inline code: a run of n backticks up to the next run of exactly n (CommonMark's rule).

    A regex with a lazy `.+?` re-reads the rest of the file for every unmatched backtick,
    quadratic in the number of backticks; here every run is looked at once per length.
    """
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    by_length: dict[int, list[int]] = {}
    for number, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(number)
    cursor = dict.fromkeys(by_length, 0)  # first unused index into by_length[n]
    spans, number = [], 0
    while number < len(runs):
        start, end = runs[number]
        same = by_length[end - start]
        i = cursor[end - start]
        while i < len(same) and same[i] <= number:
            i += 1
        cursor[end - start] = i
        if i == len(same):
            number += 1  # no closer of this length further on: a literal backtick run
            continue
        closer = same[i]
        spans.append((start, runs[closer][1]))
        number = closer + 1
    return spans


def _paragraph_code_spans(text: str) -> list[tuple[int, int]]:
    """Code spans paragraph by paragraph: like Python-Markdown, a span never crosses a blank line, so a stray
    backtick masks nothing in the next paragraph."""
    spans: list[tuple[int, int]] = []
    start = 0
    for gap in [*_BLANK_LINE.finditer(text), None]:
        end = gap.start() if gap else len(text)
        if "`" in text[start:end]:
            spans += [(start + a, start + b) for a, b in _code_spans(text[start:end])]
        start = gap.end() - 1 if gap else end
    return spans


def mask(text: str, front_matter_end: int = 0, comments: bool = True) -> str:
    """Blank out front matter, fenced code, inline code and (unless told not to) HTML comments."""
    if "```" in text or "~~~" in text or "\n    " in text or "\n\t" in text:
        masked = _mask_blocks(text, front_matter_end)
    elif front_matter_end:
        cut = -1
        for _ in range(front_matter_end):
            cut = text.find("\n", cut + 1)
            if cut == -1:
                cut = len(text)
                break
        masked = _NOT_NEWLINE.sub(" ", text[:cut]) + text[cut:]
    else:
        masked = text
    if comments and "<!--" in masked:
        masked = _blank_spans(masked, _comment_spans(masked))
    if "`" in masked:
        masked = _blank_spans(masked, _paragraph_code_spans(masked))
    return masked


def _mask_blocks(text: str, front_matter_end: int) -> str:
    """Blank front matter, fenced code and indented code blocks (Python-Markdown's rules: an indented
    block after a blank line is code unless it continues a list item, admonition, footnote or definition)."""
    lines = text.split("\n")
    out: list[str] = []
    fence: str | None = None
    container = False  # the last top-level block opened a container
    previous_blank = True
    in_indented_code = False
    for number, line in enumerate(lines, 1):
        if number <= front_matter_end:
            out.append(" " * len(line))
            continue
        match = _FENCE.match(line)
        blank = not line.strip()
        if fence is not None:
            if line.strip().startswith(fence) and set(line.strip()) <= {fence[0]}:
                fence = None
            out.append(" " * len(line))
        elif in_indented_code and (blank or _INDENTED.match(line)):
            out.append(" " * len(line))
        elif _INDENTED.match(line) and previous_blank and not container and not blank:
            in_indented_code = True
            out.append(" " * len(line))
        elif match and (not _INDENTED.match(line) or container):
            fence = match.group(2)[0] * len(match.group(2))
            in_indented_code = False
            if not line.startswith((" ", "\t")):
                container = False  # a fence at the margin ends any list or admonition
            out.append(" " * len(line))
        else:
            in_indented_code = False
            if not blank and not _INDENTED.match(line) and not line.startswith((" ", "\t")):
                container = bool(_CONTAINER.match(line))
            elif not blank and match is None and _CONTAINER.match(line.lstrip()):
                container = True
            out.append(line)
        previous_blank = blank
    return "\n".join(out)


class LineIndex:
    """Offsets of line starts, to turn a match offset into (line, column) in O(log n)."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_col(self, offset: int) -> tuple[int, int]:
        from bisect import bisect_right

        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column
