"""Sources named inside a data file (`references:` map → title, url, authority) and schema errors as messages.

The tools' data files (data/lich-hop.yml, data/cham-diem.yml) say where every line comes from by a short
key into their own `references:` map, so a reader sees a readable citation with its authority, never a
file name, and a key that points nowhere is an error naming the file and field.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema

from sotay.errors import ConfigError

REFERENCES_SCHEMA: dict[str, Any] = {
    "type": "object",
    "minProperties": 1,
    "propertyNames": {"pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
    "additionalProperties": {
        "type": "object",
        "required": ["title", "url", "authority"],
        "additionalProperties": False,
        "properties": {
            "title": {"type": "string", "minLength": 3},
            "url": {"type": "string", "pattern": "^https?://"},
            "authority": {"type": "string", "minLength": 3},
        },
    },
}
SOURCE_KEYS: dict[str, Any] = {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}}


@dataclass(frozen=True)
class Reference:
    """One cited page: what it is, where it is, how far it can be trusted."""

    key: str
    title: str
    url: str
    authority: str

    def link_html(self) -> str:
        return (f'<a href="{html.escape(self.url)}">{html.escape(self.title)}</a> '
                f"({html.escape(self.authority)})")


def validate(path: Path, data: Any, schema: dict[str, Any]) -> None:
    """ConfigError listing every schema problem as "file: trường 'a/0/b': message" (sorted, all at once)."""
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        raise ConfigError("\n".join(
            f"{path}: trường '{'/'.join(map(str, e.absolute_path)) or '(gốc)'}': {e.message}" for e in errors
        ))


def load_references(data: dict[str, Any]) -> dict[str, Reference]:
    return {key: Reference(key, value["title"], value["url"], value["authority"])
            for key, value in (data.get("references") or {}).items()}


def check_keys(path: Path, where: str, keys: Iterable[str], references: dict[str, Reference]) -> tuple[str, ...]:
    """The keys, or ConfigError naming the field whose source is not in `references`."""
    keys = tuple(keys)
    for key in keys:
        if key not in references:
            known = ", ".join(sorted(references)) or "(trống)"
            raise ConfigError(f"{path}: trường '{where}': nguồn '{key}' không có trong 'references' (có: {known})")
    return keys


def sources_html(keys: Iterable[str], references: dict[str, Reference]) -> str:
    return "; ".join(references[k].link_html() for k in keys)
