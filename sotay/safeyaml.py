"""YAML with bounded cost: no alias bombs, no runaway nesting, no traceback for an impossible date.

PyYAML shares the object an alias points to, so a 13-line "billion laughs" block loads in
microseconds; the cost comes later, when anything walks or prints the value (a page title
rendered with `str()` is 9⁹ copies). LibYAML's composer is recursive in C, so 100,000 nested
`[` crash the interpreter (segfault) instead of raising. Both are refused here from the event
stream, which LibYAML produces without recursion, before any object is built. And PyYAML turns
an unquoted `2025-02-30` into a ValueError from `datetime`, not a YAMLError: the loaders below
keep it as an `InvalidDate` string so the caller can say which field holds it. Finally PyYAML
lets a later `note:` in the same mapping silently replace an earlier one, so an editor's second
value wins without a word: a repeated key is refused, at the line of its second occurrence.
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


class DuplicateKey(Refused):
    """A mapping names the same key twice; `problem_mark` is the second occurrence."""


class InvalidDate(str):
    """An unquoted timestamp that names no real day ("2025-02-30"); kept as its text."""


def _timestamp(loader: Any, node: yaml.Node) -> Any:
    try:
        return SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return InvalidDate(loader.construct_scalar(node))


class Loader(BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader: impossible dates become `InvalidDate`, a repeated mapping key is an error.

    `first_line` is the file's line number of the text's first line (2 for front matter), so
    the message's "đã có ở dòng N" counts lines the way the caller reports the error's own line.
    """

    first_line = 1

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, yaml.Mark] = {}  # by Python equality: `1` and `true` would share one slot too
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                continue  # `<<:` is expanded below; keys it brings in may be overridden on purpose
            key = self.construct_object(key_node)  # cached: the base class reuses it
            try:
                first = seen.get(key)
            except TypeError:
                continue  # unhashable: the base class reports it
            if first is not None:
                raise DuplicateKey(
                    problem=f"khóa '{key_node.value}' lặp lại (đã có ở dòng {first.line + self.first_line})",
                    problem_mark=key_node.start_mark,
                )
            seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


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


def load(text: str, loader: type = Loader, aliases: bool = False, first_line: int = 1) -> Any:
    """`yaml.load` after `refused`: raises yaml.YAMLError (never RecursionError/ValueError).

    `first_line`: the file's line number of the text's first line, for messages that name
    another line (a repeated key's first occurrence).
    """
    problem = refused(text, loader, aliases)
    if problem is not None:
        raise problem
    instance = loader(text)
    instance.first_line = first_line
    try:
        return instance.get_single_data()
    finally:
        instance.dispose()
