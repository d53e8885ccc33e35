"""Finding HTML that would not survive the sanitiser: one scanner for Markdown sources and built pages.

The checker runs it over each page's masked Markdown (raw HTML inside Markdown, attr_list blocks and
link targets) so an editor sees file:line; the build runs it over every rendered page, generated pages
included, so whatever a data file or a directive produced is reported too. The build then strips it
with nh3 (sotay.sanitize), so nothing refused here is published even without `--strict`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from sotay import html_policy as policy
from sotay.source import LineIndex

_DANGEROUS_CODE_TAGS = {"script", "iframe"}  # R01 keeps its historical wording for these two
_ATTR_LIST = re.compile(r"\{:?[ \t]*(?P<body>[^{}\n]*)\}")
_ATTR_LIST_PAIR = re.compile(r"""(?P<name>[^\s=#.{}]+)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s}]*)""")


@dataclass(frozen=True)
class Problem:
    """One refused element, attribute or URL at a 1-based line and column of the scanned text."""

    line: int
    column: int
    code: str
    message: str


# A start tag up to the next ">" with no "<" inside: each character is read once, so a page of unclosed
# tags stays linear (Python's HTMLParser re-reads the rest of the text for every unclosed tag).
_TAG = re.compile(r"<(?P<name>[A-Za-z][^\s<>/]*)(?P<attrs>[^<>]*)>?")
_ATTR = re.compile(r"""(?P<name>[^\s=/>"']+)(?:\s*=\s*(?P<value>"[^"]*"?|'[^']*'?|[^\s>]+))?""")


def _attributes(text: str) -> list[tuple[str, str]]:
    pairs = []
    for match in _ATTR.finditer(text):
        value = match.group("value") or ""
        if value[:1] in "\"'":
            value = value[1:-1] if len(value) > 1 and value[-1] == value[0] else value[1:]
        pairs.append((match.group("name").lower(), html.unescape(value)))
    return pairs


def _tag_problems(tag: str, attrs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(code, message) for one start tag."""
    if ":" in tag or "@" in tag:  # a Markdown autolink such as <https://…> or <a@b.vn>
        scheme = policy.unsafe_url(tag)
        return [("R04", f"liên kết dùng giao thức '{scheme}:' không được phép; chỉ dùng http(s), "
                        "mailto, tel hoặc đường dẫn tương đối")] if scheme else []
    if tag in _DANGEROUS_CODE_TAGS:
        return [("R01", f"thẻ <{tag}> không được dùng trong trang; đưa mã vào overrides/ của giao diện")]
    if tag not in policy.ALLOWED_TAGS:
        return [("R01", f"thẻ <{tag}> không được phép trong trang (danh sách cho phép: "
                        "sotay/html_policy.py); dùng cú pháp Markdown")]
    found = []
    for name, value in attrs:
        if name.startswith("on"):
            found.append(("R03", f"thuộc tính sự kiện '{name}' của <{tag}> không được phép (chạy mã khi đọc trang)"))
        elif name in policy.URL_ATTRIBUTES:
            scheme = policy.unsafe_url(value)
            if scheme:
                found.append(("R04", f"<{tag} {name}> dùng giao thức '{scheme}:' không được phép; chỉ dùng "
                                     "http(s), mailto, tel hoặc đường dẫn tương đối"))
            elif not policy.attribute_allowed(tag, name):
                found.append(("R03", f"thuộc tính '{name}' của <{tag}> không được phép"))
        elif name == "style" and policy.attribute_allowed(tag, name):
            if not policy.style_allowed(value):
                found.append(("R03", f"thuộc tính style='{value[:40]}' của <{tag}> không được phép (chỉ text-align)"))
        elif not policy.attribute_allowed(tag, name):
            found.append(("R03", f"thuộc tính '{name}' của <{tag}> không được phép"))
    return found


def scan_html(text: str) -> list[Problem]:
    """Refused tags, attributes and URL schemes in `text` (raw HTML, or Markdown with HTML inside)."""
    if "<" not in text:
        return []
    index: LineIndex | None = None
    problems = []
    for match in _TAG.finditer(text):
        found = _tag_problems(match.group("name").lower(), _attributes(match.group("attrs")))
        if found:
            index = index or LineIndex(text)
            line, column = index.line_col(match.start())
            problems += [Problem(line, column, code, message) for code, message in found]
    return problems


def scan_attr_lists(masked: str) -> Iterator[Problem]:
    """attr_list blocks (`{ #id .class key=value }`) that set an attribute the sanitiser refuses."""
    if "{" not in masked or "=" not in masked:
        return
    index: LineIndex | None = None
    for block in _ATTR_LIST.finditer(masked):
        for pair in _ATTR_LIST_PAIR.finditer(block.group("body")):
            name = pair.group("name").lower()
            if name in policy.GLOBAL_ATTRIBUTES or name in {"markdown", "width", "height", "loading", "download"}:
                continue
            index = index or LineIndex(masked)
            line, column = index.line_col(block.start("body") + pair.start())
            if name.startswith("on"):
                message = f"attr_list đặt thuộc tính sự kiện '{name}' (chạy mã khi đọc trang); bỏ thuộc tính này"
            else:
                message = f"attr_list đặt thuộc tính '{name}' không được phép; chỉ dùng #id, .class"
            yield Problem(line, column, "R03", message)


def scan_url(target: str) -> str | None:
    """The refused scheme of a Markdown link or image target, or None."""
    return policy.unsafe_url(target)
