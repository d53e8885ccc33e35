"""What a release reads from mkdocs.yml: remote, pages branch, site URL, mike's alias type, the known aliases.

Read by MkDocs itself (`sotay.project.Project.load` → `mkdocs.config.load_config`): one reader of mkdocs.yml for
the build, the checker and the release, with `!ENV`, defaults and plugin options exactly as the build sees them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sotay.errors import ConfigError
from sotay.project import Project

ALIAS_TYPES = ("symlink", "copy", "redirect")  # mike.commands.AliasType


@dataclass(frozen=True)
class Settings:
    remote: str = "origin"
    branch: str = "gh-pages"
    site_url: str = ""
    use_directory_urls: bool = True
    alias_type: str = "symlink"
    redirect_template: str | None = None
    known_aliases: tuple[str, ...] = ("latest",)


def known_aliases(config: Any) -> list[str]:
    """Aliases a release may set: extra.version.default of mkdocs.yml (one source; "latest")."""
    version = (config.get("extra") or {}).get("version") or {}
    default = version.get("default") if isinstance(version, dict) else None
    default = default or "latest"
    return [default] if isinstance(default, str) else list(default)


def _mike_config(config: Any) -> dict[str, Any]:
    plugin = (config.get("plugins") or {}).get("mike")
    return dict(plugin.config) if plugin is not None else {}


def read_settings(root: Path) -> Settings:
    path = root / "mkdocs.yml"
    config = Project.load(root).config
    mike = _mike_config(config)
    alias_type = mike.get("alias_type") or "symlink"
    if alias_type not in ALIAS_TYPES:
        raise ConfigError(f"{path}: plugins.mike.alias_type '{alias_type}' không thuộc {', '.join(ALIAS_TYPES)}")
    template = mike.get("redirect_template")
    return Settings(
        remote=str(config.get("remote_name") or "origin"),  # MkDocs' own defaults apply
        branch=str(config.get("remote_branch") or "gh-pages"),
        site_url=str(config.get("site_url") or ""),
        use_directory_urls=config.get("use_directory_urls", True) is not False,
        alias_type=alias_type,
        redirect_template=str(root / template) if template else None,
        known_aliases=tuple(known_aliases(config)),
    )
