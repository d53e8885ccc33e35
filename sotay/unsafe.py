"""Finding HTML that would not survive the sanitiser: one scanner for Markdown sources and built pages.

The checker runs it over each page's masked Markdown (raw HTML inside Markdown, attr_list blocks and
link targets) so an editor sees file:line; the build runs it over every rendered page, generated pages
included, so whatever a data file or a directive produced is reported too. The build then strips it
with nh3 (sotay.sanitize), so nothing refused here is published even without `--strict`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

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


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[Problem] = []

    def _add(self, code: str, message: str) -> None:
        line, offset = self.getpos()
        self.problems.append(Problem(line, offset + 1, code, message))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check(tag, attrs)

    def _check(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if ":" in tag or "@" in tag:  # a Markdown autolink such as <https://…> or <a@b.vn>
            scheme = policy.unsafe_url(tag)
            if scheme:
                self._add("R04", f"liên kết dùng giao thức '{scheme}:' không được phép; chỉ dùng http(s), "
                                 "mailto, tel hoặc đường dẫn tương đối")
            return
        if tag in _DANGEROUS_CODE_TAGS:
            self._add("R01", f"thẻ <{tag}> không được dùng trong trang; đưa mã vào overrides/ của giao diện")
            return
        if tag not in policy.ALLOWED_TAGS:
            self._add("R01", f"thẻ <{tag}> không được phép trong trang (danh sách cho phép: "
                             "sotay/html_policy.py); dùng cú pháp Markdown")
            return
        for name, value in attrs:
            self._check_attribute(tag, name, value or "")

    def _check_attribute(self, tag: str, name: str, value: str) -> None:
        if name.startswith("on"):
            self._add("R03", f"thuộc tính sự kiện '{name}' của <{tag}> không được phép (chạy mã khi đọc trang)")
        elif name in policy.URL_ATTRIBUTES:
            scheme = policy.unsafe_url(value)
            if scheme:
                self._add("R04", f"<{tag} {name}> dùng giao thức '{scheme}:' không được phép; chỉ dùng "
                                 "http(s), mailto, tel hoặc đường dẫn tương đối")
            elif not policy.attribute_allowed(tag, name):
                self._add("R03", f"thuộc tính '{name}' của <{tag}> không được phép")
        elif name == "style" and policy.attribute_allowed(tag, name):
            if not policy.style_allowed(value):
                self._add("R03", f"thuộc tính style='{value[:40]}' của <{tag}> không được phép (chỉ text-align)")
        elif not policy.attribute_allowed(tag, name):
            self._add("R03", f"thuộc tính '{name}' của <{tag}> không được phép")


def scan_html(text: str) -> list[Problem]:
    """Refused tags, attributes and URL schemes in `text` (raw HTML, or Markdown with HTML inside)."""
    if "<" not in text:
        return []
    scanner = _Scanner()
    scanner.feed(text)
    scanner.close()
    return scanner.problems


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
