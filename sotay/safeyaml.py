"""YAML with bounded cost: no alias bombs, no runaway nesting, no traceback for an impossible date.

PyYAML shares the object an alias points to, so a 13-line "billion laughs" block loads in
microseconds; the cost comes later, when anything walks or prints the value (a page title
rendered with `str()` is 9⁹ copies). LibYAML's composer is recursive in C, so 100,000 nested
`[` crash the interpreter (segfault) instead of raising. Both are refused here from the event
stream, which LibYAML produces without recursion, before any object is built. And PyYAML turns
an unquoted `2025-02-30` into a ValueError from `datetime`, not a YAMLError: the loaders below
keep it as an `InvalidDate` string so the caller can say which field holds it.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import SafeConstructor

# LibYAML's parser when PyYAML was built with it (front matter is parsed once per page).
BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Deeper than any real front matter or data file (the registry nests 3 levels), far below the
# depth where the composer's recursion becomes a problem.
MAX_DEPTH = 50


class Refused(yaml.MarkedYAMLError):
    """Valid YAML that is refused (alias, anchor, nesting too deep); `problem` says which."""


class InvalidDate(str):
    """An unquoted timestamp that names no real day ("2025-02-30"); kept as its text."""


def _timestamp(loader: Any, node: yaml.Node) -> Any:
    try:
        return SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return InvalidDate(loader.construct_scalar(node))


class Loader(BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader whose impossible dates become `InvalidDate` instead of a traceback."""


Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def refused(text: str, loader: type = Loader, aliases: bool = False) -> Refused | None:
    """The first alias/anchor (unless allowed) or nesting deeper than MAX_DEPTH, as a YAML error.

    The error carries `problem` and `problem_mark` like any parser error, so callers report it
    with the same file:line code. Linear in the size of the text; nothing is constructed.
    """
    if ("&" not in text and "*" not in text) or aliases:
        # Every level of nesting needs one of these indicators, so few of them bound the depth.
        if sum(text.count(c) for c in "[{-:?") < MAX_DEPTH:
            return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if not aliases and (isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None)):
                return Refused(
                    problem="không được dùng alias/anchor YAML (&tên, *tên); viết giá trị ra đầy đủ",
                    problem_mark=event.start_mark,
                )
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return Refused(
                        problem=f"YAML lồng quá sâu (quá {MAX_DEPTH} cấp)", problem_mark=event.start_mark
                    )
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None  # the loader reports the syntax error itself, with its own position
    return None


def load(text: str, loader: type = Loader, aliases: bool = False) -> Any:
    """`yaml.load` after `refused`: raises yaml.YAMLError (never RecursionError/ValueError)."""
    problem = refused(text, loader, aliases)
    if problem is not None:
        raise problem
    return yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass
