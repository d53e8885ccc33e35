"""The abbreviation glossary (includes/abbreviations.md), in Python-Markdown abbr syntax.

The same file is appended to every page for tooltips, rendered as the table on the glossary
page, read by the checker, and given to search so "CBKM" finds "chi bộ kiểu mẫu".
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from sotay.errors import ConfigError
from sotay.project import read_config_text

_ENTRY = re.compile(r"^\*\[(?P<abbr>[^\]]+)\]:[ \t]*(?P<text>.+?)[ \t]*$")


def load_glossary(path: Path) -> dict[str, str]:
    """Abbreviation → expansion, in file order; ConfigError names file and line on bad lines."""
    text = read_config_text(path, "bảng chữ viết tắt")
    entries: dict[str, str] = {}
    in_comment = False
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if in_comment or stripped.startswith("<!--"):
            in_comment = "-->" not in stripped
            continue
        if not stripped:
            continue
        match = _ENTRY.match(stripped)
        if not match:
            raise ConfigError(f"{path}:{number}: dòng không đúng dạng '*[VIẾT TẮT]: Nghĩa đầy đủ'")
        abbr = match.group("abbr")
        if abbr in entries:
            raise ConfigError(f"{path}:{number}: chữ viết tắt '{abbr}' bị khai báo hai lần")
        entries[abbr] = match.group("text")
    return entries


def _cell(text: str) -> str:
    """Glossary text is data: escaped, never markup (the tooltips already are; the table must be too)."""
    return html.escape(text, quote=False).replace("|", "\\|")


def glossary_table(entries: dict[str, str]) -> str:
    """Markdown table of the glossary, sorted the way a Vietnamese reader scans it."""
    from sotay.slugs import fold

    rows = sorted(entries.items(), key=lambda item: (fold(item[0]).upper(), item[0]))
    lines = ["| Viết tắt | Nghĩa đầy đủ |", "| --- | --- |"]
    lines += [f"| {_cell(abbr)} | {_cell(text)} |" for abbr, text in rows]
    return "\n".join(lines)
