"""Bundle and build one edition, each into a directory of its own that no other run has written.

A shared dist/ mixes editions: a bundle that outlived an interrupted `make release VERSION=2025.4` went on
writing 2025.4's PDF there, and the next release published it inside 2025.5/. Here the bundle writes into
`<fresh>/dist` and mkdocs into `<fresh>/site`, `<fresh>` being a new temporary directory per run, and a file named
for another edition stops the release anyway.

`make bundle VERSION=… BUNDLE_OUT=…` makes the offline zip, PDF, Word templates and ZIM. SOTAY_RELEASE_BUNDLE
names another command to run instead (split like a shell would, never run by one), called with
`--version V --out DIR` like `python -m sotay bundle`: the release tests use it for small stand-ins.
"""

from __future__ import annotations

import html.parser
import posixpath
import re
import shlex
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

from sotay.bundle import SLUG
from sotay.release.errors import ReleaseError
from sotay.release.process import Runner

BUNDLE_ENV = "SOTAY_RELEASE_BUNDLE"
SKIP_FROM_DIST = {"manifest.json"}


def bundle_command(version: str, out: Path, env: Mapping[str, str]) -> list[str]:
    hook = env.get(BUNDLE_ENV, "").strip()
    if hook:
        return [*shlex.split(hook), "--version", version, "--out", str(out)]
    return ["make", "--no-print-directory", "bundle", f"VERSION={version}", f"BUNDLE_OUT={out}"]


def run_bundle(runner: Runner, root: Path, version: str, out: Path, env: Mapping[str, str]) -> None:
    """The bundle of `version` into `out`, which must be new (empty)."""
    if out.exists() and any(out.iterdir()):
        raise ReleaseError(f"thư mục gói {out} đã có tệp; mỗi lần phát hành cần một thư mục mới")
    out.mkdir(parents=True, exist_ok=True)
    command = bundle_command(version, out, env)
    shown = " ".join(shlex.quote(part) for part in command)
    try:
        result = runner.run(command, cwd=root, env=env, capture=False)
    except FileNotFoundError as exc:
        raise ReleaseError(f"không chạy được `{shown}`: {exc.strerror}") from exc
    if result.returncode != 0:
        raise ReleaseError(f"`{shown}` thất bại (mã {result.returncode}); xem lỗi ở trên.")
    if not any(out.iterdir()):
        raise ReleaseError(f"`{shown}` không tạo ra tệp nào.")


def build_site(runner: Runner, root: Path, site: Path, version: str, env: Mapping[str, str]) -> None:
    """`mkdocs build --strict` for mike (MIKE_DOCS_VERSION) into `site`. Not `--quiet`: in MkDocs 1.6 it hides
    the warnings from the strict counter, so a broken link would pass (mike's own build helper passes --quiet)."""
    command = [sys.executable, "-m", "mkdocs", "build", "--clean", "--strict",
               "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(site)]
    result = runner.run(command, cwd=root, env={**env, "MIKE_DOCS_VERSION": version})
    if result.returncode != 0:
        lines = [line for line in (result.stdout + result.stderr).splitlines()
                 if line.startswith(("WARNING", "ERROR", "Aborted", "Error"))]
        raise ReleaseError(f"`mkdocs build` cho ấn bản {version} thất bại (mã {result.returncode}):\n"
                           + "\n".join(lines[-20:]))


def foreign_files(dist: Path, version: str) -> list[str]:
    """Files of the bundle named for another edition (`so-tay-sinh-hoat-chi-bo-2025.4.pdf` inside 2025.5)."""
    own = f"{SLUG}-{version}."
    return sorted(p.name for p in dist.rglob(f"{SLUG}-*") if p.is_file() and not p.name.startswith(own))


def dist_files(dist: Path) -> list[Path]:
    return sorted(p for p in dist.rglob("*") if p.is_file() and p.name not in SKIP_FROM_DIST)


def add_dist(dist: Path, site: Path, version: str) -> tuple[list[str], list[str]]:
    """Copy the bundle into the root of the built version, except files the build already publishes (by name)."""
    foreign = foreign_files(dist, version)
    if foreign:
        raise ReleaseError(f"gói của ấn bản {version} có tệp của ấn bản khác: {', '.join(foreign)}")
    built = {p.name for p in site.rglob("*") if p.is_file()}
    added, skipped = [], []
    for path in dist_files(dist):
        rel = path.relative_to(dist).as_posix()
        if path.name in built:
            skipped.append(rel)
            continue
        target = site / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
        added.append(rel)
    return added, skipped


class _DownloadLinks(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and "download" in values and values.get("href"):
            self.hrefs.append(values["href"] or "")


def missing_downloads(site: Path) -> tuple[Path | None, list[str]]:
    """The "Tải về" page of the build and its download links that point at no file of the version."""
    page = next((p for p in (site / "tai-ve" / "index.html", site / "tai-ve.html") if p.is_file()), None)
    if page is None:
        return None, []
    parser = _DownloadLinks()
    parser.feed(page.read_text(encoding="utf-8"))
    base = page.parent.relative_to(site).as_posix()
    missing = []
    for href in parser.hrefs:
        if re.match(r"^[a-z]+:|^/", href):
            continue
        target = posixpath.normpath(posixpath.join(base, href.split("#")[0].split("?")[0]))
        if target.startswith("..") or not (site / target).is_file():
            missing.append(href)
    return page, missing


def human_size(size: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit in ("B", "KB") else f"{size:.1f} {unit}"
        size /= 1024
    return ""
