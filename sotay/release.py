"""`make release VERSION=2025.1`: publish one edition of the handbook with mike.

One run, in this order; every refusal happens before anything is written, so a refused run leaves the
working tree, the branch and `gh-pages` as they were:

1. refuse a dirty tree, a malformed version, an unknown alias (known: `extra.version.default` in mkdocs.yml);
2. when a remote exists, fetch its `gh-pages` and fast-forward the local one (a fresh clone that never
   fetched `gh-pages` would otherwise start an empty branch and wipe every other version: jimporter/mike#49);
   with --push also refuse a branch that is behind its remote;
3. refuse a version already on `gh-pages` (unless --replace), and moving `latest` back to an older edition;
4. move the "Chưa phát hành" notes of docs/lich-su-phien-ban.md under a dated entry for the version and
   commit that (the changelog page is the one source; the deployed build is exactly that commit);
5. `make bundle VERSION=…` (offline zip, PDF, Word templates, ZIM into dist/; SOTAY_RELEASE_BUNDLE=stub
   writes small stand-ins instead, for tests), then `mkdocs build` through mike; every file of dist/ that
   the build does not already hold is copied to the root of the version, where the "Tải về" page links
   them; a "Tải về" link without its file stops the release;
6. mike commits the version (and moves the aliases) on `gh-pages`; the first release also makes the root
   redirect to `latest/`; with --push, the branch and `gh-pages` go to the remote in one atomic push.

If the build fails after step 4, the changelog commit is undone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html.parser
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sotay.dates import vi_date

VERSION_RE = re.compile(r"^\d{4}\.\d+(?:\.\d+)?$")
CHANGELOG = Path("docs") / "lich-su-phien-ban.md"
DIST = Path("dist")
SLUG = "so-tay-sinh-hoat-chi-bo"
UNRELEASED_ID = "chua-phat-hanh"
UNRELEASED_RE = re.compile(r"^## [^\n]*\{ *#" + UNRELEASED_ID + r" *\}[^\n]*$", re.M)
H2_RE = re.compile(r"^## ", re.M)
COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
NO_NOTES = "- Không ghi thay đổi về nội dung."
SKIP_FROM_DIST = {"manifest.json"}
STUB_ENV = "SOTAY_RELEASE_BUNDLE"


class ReleaseError(Exception):
    """A failed step: the message (Vietnamese) says what happened and what to do."""

    label = "lỗi"


class Refusal(ReleaseError):
    """The release will not start: nothing was written."""

    label = "từ chối"


@dataclass
class Options:
    version: str
    aliases: list[str] = field(default_factory=list)
    push: bool = False
    replace: bool = False
    date: dt.date = field(default_factory=dt.date.today)
    root: Path = field(default_factory=Path.cwd)


# ------------------------------------------------------------------ git


def git(*args: str, check: bool = True, root: Path | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise ReleaseError(f"lệnh `git {' '.join(args)}` thất bại:\n{result.stderr.strip()}")
    return result


def rev(ref: str) -> str | None:
    result = git("rev-parse", "--verify", "--quiet", ref + "^{commit}", check=False)
    return result.stdout.strip() or None


def is_ancestor(older: str, newer: str) -> bool:
    return git("merge-base", "--is-ancestor", older, newer, check=False).returncode == 0


def dirty_paths() -> list[str]:
    out = git("status", "--porcelain", "--untracked-files=normal").stdout
    return [line[3:] for line in out.splitlines() if line.strip()]


def current_branch() -> str | None:
    result = git("symbolic-ref", "--quiet", "--short", "HEAD", check=False)
    return result.stdout.strip() or None


def has_remote(remote: str) -> bool:
    return remote in git("remote").stdout.split()


def remote_has_branch(remote: str, branch: str) -> bool:
    result = git("ls-remote", "--exit-code", "--heads", remote, branch, check=False)
    if result.returncode == 2:  # reached the remote; no such branch
        return False
    if result.returncode != 0:
        raise Refusal(
            f"Không liên lạc được kho '{remote}' để lấy nhánh {branch} mới nhất:\n{result.stderr.strip()}\n"
            "Phát hành khi chưa có bản gh-pages mới nhất có thể xóa mất các ấn bản khác; kiểm tra mạng rồi "
            "chạy lại."
        )
    return True


def sync_pages_branch(remote: str, branch: str) -> str:
    """Fetch `remote/branch` and fast-forward the local branch to it (mike#49). Returns a note for the log."""
    if not has_remote(remote):
        return f"không có kho '{remote}': chỉ phát hành vào nhánh {branch} trong máy"
    if not remote_has_branch(remote, branch):
        if rev(f"refs/heads/{branch}"):
            return f"kho '{remote}' chưa có nhánh {branch}; dùng nhánh {branch} trong máy (chưa đẩy lên)"
        return f"kho '{remote}' chưa có nhánh {branch}: đây là lần phát hành đầu tiên"
    tracking = f"refs/remotes/{remote}/{branch}"
    git("fetch", "--quiet", remote, f"+refs/heads/{branch}:{tracking}")
    theirs, ours = rev(tracking), rev(f"refs/heads/{branch}")
    assert theirs is not None
    if ours is None or is_ancestor(ours, theirs):
        git("update-ref", f"refs/heads/{branch}", theirs)
        return f"đã lấy nhánh {branch} từ '{remote}' ({theirs[:7]})"
    if is_ancestor(theirs, ours):
        return f"nhánh {branch} trong máy đi trước '{remote}' (có lần phát hành chưa đẩy lên)"
    raise Refusal(
        f"Nhánh {branch} trong máy và trên '{remote}' đã rẽ hai ngả; phát hành lúc này sẽ làm mất ấn bản ở một "
        f"bên. Xem `git log --oneline {branch} {remote}/{branch}`, giữ lại bên đúng (ví dụ "
        f"`git branch -f {branch} {remote}/{branch}`) rồi chạy lại."
    )


def check_branch_current(remote: str) -> str:
    """Before --push: the branch that receives the changelog commit must not be behind the remote."""
    branch = current_branch()
    if branch is None:
        raise Refusal("HEAD không ở nhánh nào (detached); với PUSH=1 hãy chuyển sang nhánh chính rồi chạy lại.")
    if not has_remote(remote):
        raise Refusal(f"PUSH=1 nhưng kho không có remote '{remote}'.")
    if remote_has_branch(remote, branch):
        tracking = f"refs/remotes/{remote}/{branch}"
        git("fetch", "--quiet", remote, f"+refs/heads/{branch}:{tracking}")
        if not is_ancestor(tracking, "HEAD"):
            raise Refusal(
                f"Nhánh {branch} đang thiếu commit đã có trên '{remote}'; chạy `git pull` (xem lại lịch sử phiên "
                "bản) rồi phát hành lại."
            )
    return branch


# ------------------------------------------------------------------ options and versions


def known_aliases(config: dict[str, Any]) -> list[str]:
    """Aliases a release may set: extra.version.default of mkdocs.yml (one source; "latest")."""
    version = (config.get("extra") or {}).get("version") or {}
    default = version.get("default") if isinstance(version, dict) else None
    default = default or "latest"
    return [default] if isinstance(default, str) else list(default)


def version_key(version: str) -> tuple[int, ...] | None:
    return tuple(int(part) for part in version.split(".")) if VERSION_RE.match(version) else None


def check_options(opts: Options, known: list[str]) -> None:
    if not VERSION_RE.match(opts.version):
        raise Refusal(
            f"Số ấn bản '{opts.version}' không đúng dạng NĂM.SỐ (ví dụ 2025.1). Gọi: make release VERSION=2025.1"
        )
    unknown = [a for a in opts.aliases if a not in known]
    if unknown:
        raise Refusal(
            f"Bí danh không biết: {', '.join(unknown)}. Bí danh được dùng: {', '.join(known)} "
            "(extra.version.default trong mkdocs.yml); ALIAS= (để trống) để phát hành không kèm bí danh."
        )


def check_versions(versions: Any, opts: Options) -> None:
    """`versions` is mike's Versions read from gh-pages."""
    if versions.find(opts.version) and not opts.replace:
        raise Refusal(
            f"Ấn bản {opts.version} đã có trên nhánh gh-pages. Chọn số ấn bản mới, hoặc thêm REPLACE=1 để dựng "
            "lại và thay ấn bản này."
        )
    mine = version_key(opts.version)
    for info in versions:
        held = [a for a in opts.aliases if a in info.aliases]
        other = version_key(str(info.version))
        if held and other is not None and mine is not None and other > mine:
            raise Refusal(
                f"Bí danh {held[0]} đang chỉ ấn bản {info.version}, mới hơn {opts.version}. Để phát hành lại ấn "
                f"bản cũ mà không chuyển bí danh: make release VERSION={opts.version} ALIAS= REPLACE=1"
            )


# ------------------------------------------------------------------ changelog


def entry_id(version: str) -> str:
    return "v" + version.replace(".", "-")


def _section_end(text: str, start: int) -> int:
    match = H2_RE.search(text, start)
    return match.start() if match else len(text)


def release_changelog(text: str, version: str, date: dt.date) -> str:
    """The changelog with the "Chưa phát hành" notes moved under a dated entry for `version`.

    No "Chưa phát hành" section: the entry says no change was noted. An entry for `version` already there
    (a replaced release): the notes and "phát hành lại" go at its end.
    """
    notes = ""
    unreleased = UNRELEASED_RE.search(text)
    if unreleased:
        end = _section_end(text, unreleased.end())
        notes = COMMENT_RE.sub("", text[unreleased.end():end]).strip()
        text = text[: unreleased.start()] + text[end:]
        insert_at = unreleased.start()
    else:
        first = H2_RE.search(text)
        insert_at = first.start() if first else len(text.rstrip("\n")) + 1
    existing = re.search(r"^## [^\n]*\{ *#" + re.escape(entry_id(version)) + r" *\}[^\n]*$", text, re.M)
    if existing:
        end = _section_end(text, existing.end())
        body = text[existing.end():end].rstrip("\n")
        addition = (notes + "\n" if notes else "") + f"- Phát hành lại ngày {vi_date(date)}."
        text = text[: existing.end()] + body + "\n" + addition + "\n\n" + text[end:].lstrip("\n")
    else:
        entry = f"## Ấn bản {version}, ngày {vi_date(date)} {{ #{entry_id(version)} }}\n\n{notes or NO_NOTES}\n\n"
        if not text[:insert_at].endswith("\n\n"):
            entry = "\n" + entry
        text = text[:insert_at] + entry + text[insert_at:].lstrip("\n")
    text = re.sub(r"^reviewed: .*$", f"reviewed: {date.isoformat()}", text, count=1, flags=re.M)
    return text.rstrip("\n") + "\n"


# ------------------------------------------------------------------ bundle and downloads


def stub_bundle(dist: Path, version: str) -> None:
    """Small stand-ins with the real names (SOTAY_RELEASE_BUNDLE=stub): release tests in seconds."""
    dist.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(dist / f"{SLUG}-{version}.zip", "w") as archive:
        archive.writestr("index.html", f"<p>Sổ tay sinh hoạt chi bộ, ấn bản {version} (bản thử)</p>")
    (dist / f"{SLUG}-{version}.pdf").write_bytes(f"%PDF-1.4\n% ấn bản {version} (bản thử)\n%%EOF\n".encode())
    (dist / f"{SLUG}-{version}.zim").write_bytes(b"ZIM\x04" + version.encode())
    (dist / "manifest.json").write_text(json.dumps({"version": version}) + "\n", encoding="utf-8")


def run_bundle(root: Path, version: str, env: dict[str, str]) -> None:
    dist = root / DIST
    shutil.rmtree(dist, ignore_errors=True)  # no artefact of an earlier edition can slip into this one
    if os.environ.get(STUB_ENV) == "stub":
        stub_bundle(dist, version)
        return
    result = subprocess.run(["make", "--no-print-directory", "bundle", f"VERSION={version}"], cwd=root, env=env)
    if result.returncode != 0:
        raise ReleaseError(f"`make bundle VERSION={version}` thất bại (mã {result.returncode}); xem lỗi ở trên.")
    if not dist.is_dir() or not any(dist.iterdir()):
        raise ReleaseError(f"`make bundle VERSION={version}` không tạo ra tệp nào trong {DIST}/.")


def dist_files(dist: Path) -> list[Path]:
    return sorted(p for p in dist.rglob("*") if p.is_file() and p.name not in SKIP_FROM_DIST)


def add_dist(dist: Path, site: Path) -> tuple[list[str], list[str]]:
    """Copy dist/ into the root of the built version, except files the build already publishes (by name)."""
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


# ------------------------------------------------------------------ the release


def build_site(version: str, env: dict[str, str]) -> None:
    """`mkdocs build --strict` for mike (MIKE_DOCS_VERSION). Not `--quiet`: in MkDocs 1.6 it hides the warnings
    from the strict counter, so a broken link would pass (mike's own build helper passes --quiet)."""
    from mike.mkdocs_utils import docs_version_var

    command = ["mkdocs", "build", "--clean", "--strict", "--config-file", "mkdocs.yml"]
    result = subprocess.run(command, env={**env, docs_version_var: version}, capture_output=True, text=True)
    if result.returncode != 0:
        lines = [line for line in (result.stdout + result.stderr).splitlines()
                 if line.startswith(("WARNING", "ERROR", "Aborted", "Error"))]
        raise ReleaseError(f"`mkdocs build` cho ấn bản {version} thất bại (mã {result.returncode}):\n"
                           + "\n".join(lines[-20:]))


def release(opts: Options, log=print) -> None:
    from mike import commands, git_utils, mkdocs_utils
    from mike.mkdocs_plugin import MikePlugin

    from sotay.project import load_yaml

    root = opts.root
    os.chdir(root)  # mike works on the repository of the current directory
    if rev("HEAD") is None or git("rev-parse", "--show-toplevel").stdout.strip() != str(root):
        raise Refusal(f"{root} không phải thư mục gốc của một kho git có commit.")
    dirty = dirty_paths()
    if dirty:
        shown = "\n".join(f"  {p}" for p in dirty[:10]) + ("\n  ..." if len(dirty) > 10 else "")
        raise Refusal(
            "Cây làm việc còn thay đổi chưa commit; ấn bản phải dựng đúng từ một commit. Commit hoặc "
            f"`git stash` rồi chạy lại:\n{shown}"
        )
    raw_config = load_yaml(root / "mkdocs.yml")
    known = known_aliases(raw_config)
    check_options(opts, known)
    if not (root / CHANGELOG).is_file():
        raise Refusal(f"Không có trang lịch sử phiên bản {CHANGELOG}.")

    cfg = mkdocs_utils.load_config("mkdocs.yml")
    plugin = cfg["plugins"].get("mike") or MikePlugin.default()
    remote, branch = cfg["remote_name"], cfg["remote_branch"]
    alias_type = commands.AliasType[plugin.config["alias_type"]]
    site_url = cfg["site_url"] or ""

    log(f"gh-pages: {sync_pages_branch(remote, branch)}")
    work_branch = check_branch_current(remote) if opts.push else current_branch()
    versions = commands.list_versions(branch)
    check_versions(versions, opts)

    env = {
        **os.environ,
        "SOTAY_VERSION": opts.version,
        "SOTAY_DATE": opts.date.isoformat(),
        "NO_MKDOCS_2_WARNING": os.environ.get("NO_MKDOCS_2_WARNING", "1"),
    }
    if site_url and known:
        # QR codes and "bản trực tuyến" links point at the stable alias, not at one edition.
        env.setdefault("SOTAY_ONLINE_URL", site_url.rstrip("/") + f"/{known[0]}/")

    start = rev("HEAD")
    assert start is not None
    changelog = root / CHANGELOG
    changelog.write_text(release_changelog(changelog.read_text(encoding="utf-8"), opts.version, opts.date),
                         encoding="utf-8")
    git("commit", "--quiet", "-m", f"Phát hành ấn bản {opts.version}", "--", str(CHANGELOG))
    built_from = git("rev-parse", "--short", "HEAD").stdout.strip()
    log(f"lịch sử phiên bản: đã ghi mục ấn bản {opts.version} (commit {built_from})")

    old_pages = rev(f"refs/heads/{branch}")
    try:
        os.environ.update(env)  # mike's build runs with os.environ
        run_bundle(root, opts.version, env)
        site = Path(cfg["site_dir"])
        message = (f"Ấn bản {opts.version} ({vi_date(opts.date)}) từ {built_from}"
                   + (f", bí danh {', '.join(opts.aliases)}" if opts.aliases else ""))
        with commands.deploy(cfg, opts.version, None, opts.aliases, update_aliases=True, alias_type=alias_type,
                             template=plugin.config["redirect_template"], branch=branch, message=message):
            build_site(opts.version, env)
            added, skipped = add_dist(root / DIST, site)
            page, missing = missing_downloads(site)
            if missing:
                raise ReleaseError(
                    f"Trang Tải về ({page.relative_to(site)}) dẫn tới tệp không có trong ấn bản: "
                    f"{', '.join(missing)}. Kiểm tra `make bundle VERSION={opts.version}` và thư mục {DIST}/."
                )
            for rel in added:
                log(f"tải về: {opts.version}/{rel} ({human_size((site / rel).stat().st_size)})")
            for rel in skipped:
                log(f"tải về: {rel} đã có trong bản dựng, không chép lại")
            if page is None:
                log("chú ý: bản dựng không có trang Tải về (tai-ve.md)")
        default = known[0] if known else None
        if default and default in opts.aliases:
            try:
                root_page = git_utils.read_file(branch, "index.html", universal_newlines=True)
            except git_utils.GitError:
                root_page = ""
            if f'"{default}/"' not in root_page:
                commands.set_default(default, branch=branch)
                log(f"trang gốc: chuyển hướng tới {default}/")
    except BaseException:
        # Undo: the changelog commit, and whatever reached gh-pages before the failure.
        git("reset", "--quiet", "--keep", start)
        if rev(f"refs/heads/{branch}") != old_pages:
            if old_pages:
                git("update-ref", f"refs/heads/{branch}", old_pages)
            else:
                git("update-ref", "-d", f"refs/heads/{branch}")
        raise

    listing = commands.list_versions(branch)
    log(f"đã phát hành ấn bản {opts.version} lên nhánh {branch} trong máy; các ấn bản: "
        + ", ".join(f"{v.version}" + (f" [{', '.join(sorted(v.aliases))}]" if v.aliases else "") for v in listing))
    if opts.push:
        result = git("push", "--atomic", "--quiet", remote, f"HEAD:refs/heads/{work_branch}",
                     f"refs/heads/{branch}:refs/heads/{branch}", check=False)
        if result.returncode != 0:
            raise ReleaseError(
                f"Đã phát hành trong máy nhưng chưa đẩy được lên '{remote}':\n{result.stderr.strip()}\n"
                f"Sửa xong, đẩy bằng: git push --atomic {remote} {work_branch} {branch}"
            )
        log(f"đã đẩy {work_branch} và {branch} lên '{remote}'")
    else:
        log(f"xem thử: mike serve (http://localhost:8000); đẩy lên: git push --atomic {remote} "
            f"{work_branch or 'HEAD'} {branch}")


def parse_args(argv: Sequence[str] | None) -> Options:
    parser = argparse.ArgumentParser(prog="make release", description="Phát hành một ấn bản của sổ tay bằng mike.")
    parser.add_argument("--version", required=True, help="số ấn bản, dạng NĂM.SỐ (2025.1)")
    parser.add_argument("--alias", default="latest",
                        help="bí danh, cách nhau bởi dấu phẩy hoặc khoảng trắng; để trống: không bí danh")
    parser.add_argument("--push", action="store_true", help="đẩy nhánh hiện tại và gh-pages lên remote")
    parser.add_argument("--replace", action="store_true", help="dựng lại và thay một ấn bản đã có")
    parser.add_argument("--date", type=dt.date.fromisoformat,
                        default=os.environ.get("SOTAY_DATE") or dt.date.today().isoformat(),
                        help="ngày phát hành YYYY-MM-DD (mặc định SOTAY_DATE hoặc hôm nay)")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="thư mục gốc của dự án (kho git)")
    args = parser.parse_args(argv)
    aliases = [a for a in re.split(r"[,\s]+", args.alias.strip()) if a]
    return Options(args.version.strip(), aliases, args.push, args.replace, args.date, args.root.resolve())


def main(argv: Sequence[str] | None = None) -> int:
    try:
        opts = parse_args(argv)
    except ValueError as exc:
        print(f"make release: {exc}", file=sys.stderr)
        return 2
    from mkdocs.exceptions import ConfigurationError

    from sotay.errors import ConfigError

    try:
        release(opts)
    except ReleaseError as exc:
        print(f"make release: {exc.label}: {exc}", file=sys.stderr)
        return 1
    except (ConfigError, ConfigurationError) as exc:
        print(f"make release: lỗi cấu hình: {exc}", file=sys.stderr)
        return 2
    return 0
