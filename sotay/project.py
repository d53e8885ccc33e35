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
    """Paths and settings shared by the checker, the plugin and the generators.

    `config` is MkDocs' own configuration (mkdocs.yml read once, by MkDocs: `!ENV`, `!!python/name`,
    defaults and validation exactly as the build sees them).
    """

    root: Path
    config: Any = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path | str = ".") -> Project:
        """The project at `root`, its mkdocs.yml loaded by MkDocs; ConfigError if it cannot be read."""
        from mkdocs.config import load_config
        from mkdocs.exceptions import ConfigurationError

        root = Path(root).resolve()
        path = root / "mkdocs.yml"
        if not path.is_file():
            raise ConfigError(f"{path}: không tìm thấy tệp cấu hình")
        try:
            config = load_config(str(path))
        except ConfigurationError as exc:
            raise ConfigError(f"{path}: cấu hình không hợp lệ: {exc}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: không đọc được: {exc}") from None
        except ImportError as exc:  # a plugin or extension whose package is not installed
            raise ConfigError(f"{path}: thiếu gói Python ({exc}); chạy `make deps` để cài lại .venv") from None
        return cls(root=root, config=config)

    @classmethod
    def from_config(cls, config: Any) -> Project:
        """The project of a running MkDocs build (the plugin's view)."""
        return cls(root=Path(config.config_file_path).resolve().parent, config=config)

    @property
    def docs_dir(self) -> Path:
        return Path(self.config.get("docs_dir") or self.root / "docs").resolve()

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
    def meetings_dir(self) -> Path:
        return self.root / "data" / "quy-trinh"

    @property
    def examples_dir(self) -> Path:
        return self.root / "data" / "vi-du"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def sources_dir(self) -> Path | None:
        """The shared source articles, when present beside the project (not in fixtures)."""
        configured = os.environ.get("SOTAY_SOURCES")
        path = Path(configured) if configured else self.root.parent / "shared" / "sources"
        return path if path.is_dir() else None

    @cached_property
    def nav_pages(self) -> set[str]:
        return set(_nav_pages(self.config.get("nav") or []))

    def not_in_nav(self, rel: str) -> bool:
        """True when `rel` matches mkdocs.yml's `not_in_nav` (MkDocs' own gitignore-style matcher)."""
        spec = self.config.get("not_in_nav")
        return bool(spec) and bool(spec.match_file(rel))

    def markdown_files(self) -> list[Path]:
        """Every Markdown page under docs/, sorted; symlinks that leave docs/ or loop are not followed."""
        return sorted(p for p in self.docs_files() if p.suffix == ".md")

    def docs_files(self) -> list[Path]:
        """Every file under docs/ that the build may publish (see `escaping_links` for the others)."""
        if not self.docs_dir.is_dir():
            raise ConfigError(f"{self.docs_dir}: không có thư mục docs")
        files = []
        for folder, dirs, names in os.walk(self.docs_dir, followlinks=False):
            base = Path(folder)
            for name in list(dirs):
                if (base / name).is_symlink():
                    dirs.remove(name)
            for name in names:
                path = base / name
                if path.is_symlink() and self.escaping_link(path) is not None:
                    continue
                if path.is_file():
                    files.append(path)
        return files

    def escaping_link(self, path: Path) -> str | None:
        """Why the symlink `path` may not be published ("ra ngoài", "vòng lặp"), or None if it stays in docs/."""
        try:
            target = path.resolve(strict=True)
        except RuntimeError:
            return "vòng lặp"
        except OSError:
            return "không trỏ tới tệp nào"
        docs = self.docs_dir
        if target != docs and docs not in target.parents:
            return f"trỏ ra ngoài docs/ ({target})"
        if target.is_dir():
            return "trỏ tới một thư mục (MkDocs sẽ chép cả cây thư mục)"
        return None

    def symlink_problems(self) -> list[tuple[Path, str]]:
        """Every symlink under docs/ that the build refuses, with the reason."""
        problems = []
        if not self.docs_dir.is_dir():
            return problems
        for folder, dirs, names in os.walk(self.docs_dir, followlinks=False):
            base = Path(folder)
            for name in dirs + names:
                path = base / name
                if path.is_symlink():
                    reason = self.escaping_link(path)
                    if reason is not None:
                        problems.append((path, reason))
        return sorted(problems)

    def rel(self, path: Path) -> str:
        """Path as shown in messages: relative to the project root when possible."""
        try:
            return path.absolute().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()
