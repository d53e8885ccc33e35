"""The project as the checker and the build both see it: config, pages, nav, data paths."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from sotay import safeyaml
from sotay.errors import ConfigError


class _LenientLoader(safeyaml.Loader):  # LibYAML when available
    """Reads mkdocs.yml without running its tags: `!ENV [X, default]` gives the env or default.

    An impossible unquoted date stays a string (safeyaml.InvalidDate) for the schema to name.
    """


def _env_tag(loader: Any, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)  # type: ignore[arg-type]
        names, default = items[:-1] or items, items[-1] if len(items) > 1 else None
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name])
    return default


def _ignore_tag(loader: Any, suffix: str, node: yaml.Node) -> Any:
    return None


_LenientLoader.add_constructor("!ENV", _env_tag)
_LenientLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def read_config_text(path: Path, what: str = "tệp") -> str:
    """A configuration or data file's text, or ConfigError saying which file and why."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: không tìm thấy {what}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: không phải UTF-8 ({exc.reason})") from exc


def load_yaml(path: Path, aliases: bool = True) -> Any:
    """Load a YAML file or raise ConfigError naming the file, line and problem.

    Data files load with `aliases=False`: one source of truth needs no shorthand, and an alias
    bomb would otherwise cost gigabytes wherever the value is walked. mkdocs.yml keeps them
    (MkDocs accepts them). Nesting is bounded either way.
    """
    text = read_config_text(path)
    try:
        return safeyaml.load(text, _LenientLoader, aliases=aliases)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{mark.line + 1}:{mark.column + 1}" if mark else "1:1"
        what = "" if isinstance(exc, safeyaml.Refused) else "YAML không hợp lệ: "
        raise ConfigError(f"{path}:{where}: {what}{getattr(exc, 'problem', exc)}") from exc


def _nav_pages(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node] if node.endswith(".md") else []
    if isinstance(node, list):
        return [p for item in node for p in _nav_pages(item)]
    if isinstance(node, dict):
        return [p for value in node.values() for p in _nav_pages(value)]
    return []


@dataclass
class Project:
    """Paths and settings shared by the checker, the hooks and the generators."""

    root: Path
    config: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path | str = ".") -> Project:
        root = Path(root).resolve()
        config = load_yaml(root / "mkdocs.yml")
        if not isinstance(config, dict):
            raise ConfigError(f"{root / 'mkdocs.yml'}: cấu hình phải là một bảng khóa: giá trị")
        return cls(root=root, config=config)

    @property
    def docs_dir(self) -> Path:
        return self.root / str(self.config.get("docs_dir") or "docs")

    @property
    def registry_path(self) -> Path:
        return self.root / "data" / "van-ban.yml"

    @property
    def glossary_path(self) -> Path:
        return self.root / "includes" / "abbreviations.md"

    @property
    def templates_dir(self) -> Path:
        return self.root / "data" / "mau-bieu"

    @property
    def sources_dir(self) -> Path | None:
        """The shared source articles, when present beside the project (not in fixtures)."""
        configured = os.environ.get("SOTAY_SOURCES")
        path = Path(configured) if configured else self.root.parent / "shared" / "sources"
        return path if path.is_dir() else None

    @cached_property
    def nav_pages(self) -> set[str]:
        return set(_nav_pages(self.config.get("nav") or []))

    def markdown_files(self) -> list[Path]:
        """Every Markdown page under docs/, sorted, as MkDocs would pick them up."""
        if not self.docs_dir.is_dir():
            raise ConfigError(f"{self.docs_dir}: không có thư mục docs")
        return sorted(p for p in self.docs_dir.rglob("*.md") if p.is_file())

    def rel(self, path: Path) -> str:
        """Path as shown in messages: relative to the project root when possible."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()
