"""A small copy of the real project (config, theme overrides, data, glossary) around pages of a test's own.

Used by build tests and the fuzz corpus: the real plugin, registry and glossary, but two or three
pages, so a strict build takes seconds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

FRONT = "---\ntitle: {t}\ndescription: Trang thử.\nsources: [ban-bien-soan]\nreviewed: 2026-11-23\n---\n\n# {t}\n\n"


def make(tmp_path: Path, body: str = "", pages: dict[str, str] | None = None) -> Path:
    """`index.md` holds `body` after a valid front matter; `pages` adds more files verbatim (path → text)."""
    for name in ("overrides", "includes", "data"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    pages = {"index.md": FRONT.format(t="Trang chủ") + body, "hai.md": FRONT.format(t="Trang hai") + "Nội dung.\n",
             **(pages or {})}
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = "".join(f"  - {rel}\n" for rel in pages if rel.endswith(".md"))
    config = config[: config.index("\nnav:")] + "\nnav:\n" + nav
    config = config.replace("  - data\n  - sotay\n", "  - data\n")  # the package is not copied: it is installed
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    for rel, text in pages.items():
        path = tmp_path / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def build(project: Path, strict: bool = True, timeout: int = 300) -> subprocess.CompletedProcess:
    """`mkdocs build` of the mini project into project/site (never with -q: it hides strict's warnings)."""
    env = {k: v for k, v in os.environ.items() if k not in ("SOTAY_SOURCES", "OFFLINE")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    command = [sys.executable, "-m", "mkdocs", "build", "-d", str(project / "site")]
    if strict:
        command.append("--strict")
    else:
        # mkdocs.yml says strict: true; a non-strict build (to see what would be published) overrides it.
        config = project / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("strict: true", "strict: false"),
                          encoding="utf-8")
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=timeout)
