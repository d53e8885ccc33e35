"""The release, step by step, and the command line (`scripts/release.py`, `make release`).

Every refusal happens before anything is written. Once the changelog commit is made, any failure and any
SIGINT or SIGTERM lead to the same undo: the children are stopped (process.py), the commit is taken back,
the local pages branch returns to where it was before the run; the remote is only ever written by the final
atomic push. A signal ends the run with one line on stderr and exit code 130 (SIGINT) or 143 (SIGTERM).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sotay.bundle import public_address_problem
from sotay.dates import vi_date
from sotay.project import Project
from sotay.release import build, changelog
from sotay.release.errors import Refusal, ReleaseError, Stopped
from sotay.release.git import Git
from sotay.release.process import Runner
from sotay.release.publish import Deploy, publish, push, read_versions
from sotay.release.settings import Settings, read_settings
from sotay.release.versions import check_aliases, check_version, check_versions

PROG = "make release"


@dataclass
class Options:
    version: str
    aliases: list[str] = field(default_factory=list)
    push: bool = False
    replace: bool = False
    date: dt.date = field(default_factory=dt.date.today)
    root: Path = field(default_factory=Path.cwd)


def check_options(opts: Options, known: Sequence[str]) -> None:
    check_version(opts.version)
    check_aliases(opts.aliases, known)


def release_env(opts: Options, settings: Settings, base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of every build step: this process's own, plus the edition (os.environ is not changed)."""
    env = {**(os.environ if base is None else base), "SOTAY_VERSION": opts.version,
           "SOTAY_DATE": opts.date.isoformat()}
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    if settings.site_url and settings.known_aliases:
        # QR codes and "bản trực tuyến" links point at the stable alias, not at one edition.
        env.setdefault("SOTAY_ONLINE_URL", settings.site_url.rstrip("/") + f"/{settings.known_aliases[0]}/")
    return env


@dataclass
class State:
    """What the undo needs: where HEAD and the pages branch were before the run, and how far it got."""

    start: str | None = None
    pages_ref: str = ""
    pages_before: str | None = None
    done: bool = False  # the edition is on the local pages branch for good (pushed, or the push is left to do)


def preflight(git: Git, opts: Options) -> Settings:
    root = opts.root
    if git.rev("HEAD") is None or git.toplevel() != str(root):
        raise Refusal(f"{root} không phải thư mục gốc của một kho git có commit.")
    dirty = git.dirty_paths()
    if dirty:
        shown = "\n".join(f"  {p}" for p in dirty[:10]) + ("\n  ..." if len(dirty) > 10 else "")
        raise Refusal(
            "Cây làm việc còn thay đổi chưa commit; ấn bản phải dựng đúng từ một commit. Commit hoặc "
            f"`git stash` rồi chạy lại:\n{shown}"
        )
    settings = read_settings(root)
    check_aliases(opts.aliases, settings.known_aliases)
    address = public_address_problem(Project.load(root).config)
    if address:
        raise Refusal("Không phát hành: " + address.replace("make bundle", "make release"))
    if not (root / changelog.CHANGELOG).is_file():
        raise Refusal(f"Không có trang lịch sử phiên bản {changelog.CHANGELOG}.")
    return settings


def release(opts: Options, runner: Runner, state: State, log: Callable[[str], None] = print) -> None:
    check_version(opts.version)  # before git, mkdocs.yml or any child sees it
    root = opts.root
    git = Git(root, runner)
    settings = preflight(git, opts)
    remote, branch = settings.remote, settings.branch
    state.pages_ref = f"refs/heads/{branch}"
    state.pages_before = git.rev(state.pages_ref)

    log(f"{branch}: {git.sync_pages_branch(remote, branch)}")
    work_branch = git.check_branch_current(remote) if opts.push else git.current_branch()
    check_versions(read_versions(git, branch), opts.version, opts.aliases, opts.replace)
    env = release_env(opts, settings)

    with tempfile.TemporaryDirectory(prefix=f"sotay-release-{opts.version}-") as fresh:
        state.start = git.rev("HEAD")
        runner.check()
        with runner.critical():
            built_from = changelog.commit_changelog(git, opts.version, opts.date)
        log(f"lịch sử phiên bản: đã ghi mục ấn bản {opts.version} (commit {built_from})")

        dist, site, scratch = Path(fresh) / "dist", Path(fresh) / "site", Path(fresh) / "tmp"
        scratch.mkdir()
        env = {**env, "TMPDIR": str(scratch)}  # what the children leave in temp, even when killed, goes with `fresh`
        build.run_bundle(runner, root, opts.version, dist, env)
        build.build_site(runner, root, site, opts.version, env)
        added, skipped = build.add_dist(dist, site, opts.version)
        page, missing = build.missing_downloads(site)
        if missing:
            raise ReleaseError(
                f"Trang Tải về ({page.relative_to(site) if page else '?'}) dẫn tới tệp không có trong ấn bản: "
                f"{', '.join(missing)}. Kiểm tra `make bundle VERSION={opts.version}`."
            )
        for rel in added:
            log(f"tải về: {opts.version}/{rel} ({build.human_size((site / rel).stat().st_size)})")
        for rel in skipped:
            log(f"tải về: {rel} đã có trong bản dựng, không chép lại")
        if page is None:
            log("chú ý: bản dựng không có trang Tải về (tai-ve.md)")

        message = (f"Ấn bản {opts.version} ({vi_date(opts.date)}) từ {built_from}"
                   + (f", bí danh {', '.join(opts.aliases)}" if opts.aliases else ""))
        default = settings.known_aliases[0] if settings.known_aliases else None
        deploy = Deploy(str(site), opts.version, opts.aliases, settings.alias_type, settings.redirect_template,
                        branch, message, settings.use_directory_urls, default)
        if publish(runner, root, deploy, env):
            log(f"trang gốc: chuyển hướng tới {default}/")
        runner.check()

    listing = read_versions(git, branch)
    log(f"đã phát hành ấn bản {opts.version} lên nhánh {branch} trong máy; các ấn bản: "
        + ", ".join(f"{v.version}" + (f" [{', '.join(sorted(v.aliases))}]" if v.aliases else "") for v in listing))
    if not opts.push:
        state.done = True
        log(f"xem thử: mike serve (http://localhost:8000); đẩy lên: git push --atomic {remote} "
            f"{work_branch or 'HEAD'} {branch}")
        return
    assert work_branch is not None  # check_branch_current refused a detached HEAD
    with runner.critical():
        error = push(git, remote, work_branch, branch)
    if error and runner.signum is not None:
        runner.check()  # stopped during the push, which did not go through: undo like any other step
    state.done = True
    if error:
        raise ReleaseError(
            f"Đã phát hành trong máy nhưng chưa đẩy được lên '{remote}':\n{error}\n"
            f"Sửa xong, đẩy bằng: git push --atomic {remote} {work_branch} {branch}"
        )
    log(f"đã đẩy {work_branch} và {branch} lên '{remote}'")


def undo(runner: Runner, opts: Options, state: State) -> str:
    """Take back the changelog commit (or its unfinished edit) and put the local pages branch back where it was
    before the run. Returns a note for the message."""
    if state.done:
        return ""
    git = Git(opts.root, runner)
    notes = []
    with runner.critical():
        try:
            if state.start is not None and changelog.undo(git, state.start):
                notes.append(f"đã gỡ commit \"{changelog.commit_message(opts.version)}\"")
            if state.pages_ref and git.rev(state.pages_ref) != state.pages_before:
                git.set_ref(state.pages_ref, state.pages_before)
        except ReleaseError as exc:
            notes.append(f"CHƯA hoàn tác được ({exc}); chạy `git reset --keep {state.start}` và "
                         f"`git update-ref {state.pages_ref} {state.pages_before or ''}`")
    return "; ".join(notes)


def parse_args(argv: Sequence[str] | None) -> Options:
    parser = argparse.ArgumentParser(prog=PROG, description="Phát hành một ấn bản của sổ tay bằng mike.")
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
    return Options(args.version, aliases, args.push, args.replace, args.date, args.root.resolve())


def main(argv: Sequence[str] | None = None) -> int:
    runner = Runner()
    with runner.handling_signals():
        return _main(argv, runner)


def _main(argv: Sequence[str] | None, runner: Runner) -> int:
    from sotay.errors import ConfigError

    def say(label: str, text: str) -> None:
        print(f"{PROG}: {label}: {text}", file=sys.stderr)

    try:
        opts = parse_args(argv)
    except ValueError as exc:
        say("lỗi", str(exc))
        return 2
    state = State()
    try:
        release(opts, runner, state)
    except Refusal as exc:  # raised before anything was written
        say(exc.label, str(exc))
        return 1
    except BaseException as exc:
        note = undo(runner, opts, state)
        if isinstance(exc, Stopped):
            say("đã dừng", f"nhận {exc.name}, ấn bản {opts.version} không được phát hành, mọi tiến trình con đã "
                "ngừng" + (f"; {note}" if note else "")
                + ("." if "CHƯA" in note else "; nhánh gh-pages và kho từ xa giữ nguyên."))
            return exc.exit_code
        if isinstance(exc, ReleaseError | ConfigError):
            label = exc.label if isinstance(exc, ReleaseError) else "lỗi cấu hình"
            say(label, str(exc) + (f"\n(hoàn tác: {note})" if note else ""))
            return 1 if isinstance(exc, ReleaseError) else 2
        raise
    if runner.signum is not None:  # came during the push, which went through
        say("đã dừng", f"nhận {Stopped(runner.signum).name} khi đang đẩy lên; ấn bản {opts.version} đã phát hành "
            "và đã đẩy xong.")
        return 128 + runner.signum
    return 0
