"""`<!-- sotay:NAME ARGS -->` directives: one parser and one table for the checker and the build.

A directive is an HTML comment on a line of its own; the build replaces it with Markdown (or an
HTML block) rendered from data. The checker and the build both find directives with `find` and
look them up in `SPECS`, so a directive the checker accepts is exactly one the build expands, and
a directive written inside a sentence is reported (P01) instead of being silently left unexpanded.

New data-driven views add a `Spec` to the table in sotay.views: how to validate the arguments
against the project's data, and how to render them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sotay.context import DataContext

_DIRECTIVE = re.compile(r"<!--\s*(?P<ns>sotay(?:-bundle)?):(?P<name>[\w-]+)(?P<args>[^<>]*?)-->")
_OWN_LINE = re.compile(r"^[ \t]*$")


@dataclass(frozen=True)
class Directive:
    """One directive occurrence: its full name ("sotay:mau-bieu"), arguments and position."""

    namespace: str
    name: str
    args: tuple[str, ...]
    start: int
    end: int
    own_line: bool

    @property
    def key(self) -> str:
        return f"{self.namespace}:{self.name}"


@dataclass(frozen=True)
class Spec:
    """What a directive takes and renders.

    `check(args, ctx)` returns an error message or None; `render(args, ctx, page_rel, page_url)`
    returns the text that replaces the directive line.
    """

    usage: str
    check: Callable[[tuple[str, ...], DataContext], str | None]
    render: Callable[[tuple[str, ...], DataContext, str, str], str]


def find(text: str) -> list[Directive]:
    """Every directive in `text` (code already masked; comments kept), with whether it stands alone."""
    if "<!--" not in text:
        return []
    found = []
    for match in _DIRECTIVE.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end == -1 else line_end
        own = bool(_OWN_LINE.match(text[line_start : match.start()])) and not text[match.end() : line_end].strip()
        found.append(Directive(match.group("ns"), match.group("name"), tuple(match.group("args").split()),
                               match.start(), match.end(), own))
    return found


def problem(directive: Directive, ctx: DataContext) -> str | None:
    """Why `directive` cannot be expanded, in Vietnamese, or None when it can."""
    from sotay.views import SPECS

    spec = SPECS.get(directive.key)
    if spec is None:
        known = ", ".join(f"'{s.usage}'" for s in SPECS.values())
        return f"chỉ thị '{directive.key}' không được hỗ trợ; dùng {known}"
    if not directive.own_line:
        return f"chỉ thị '{directive.key}' phải đứng riêng một dòng (không nằm giữa câu)"
    return spec.check(directive.args, ctx)


def expand(markdown: str, masked: str, ctx: DataContext, page_rel: str, page_url: str) -> str:
    """Replace each valid directive (found in `masked`, same offsets as `markdown`) with its rendering."""
    from sotay.views import SPECS

    pieces, last = [], 0
    for directive in find(masked):
        if problem(directive, ctx) is not None:
            continue  # reported by the checker (P01); the strict build fails on it
        rendered = SPECS[directive.key].render(directive.args, ctx, page_rel, page_url)
        pieces += [markdown[last : directive.start], rendered]
        last = directive.end
    pieces.append(markdown[last:])
    return "".join(pieces)
