"""The git commands of a release, all run in the project's directory (`cwd=`), never in the current one.

`sync_pages_branch` fetches the remote's gh-pages and fast-forwards the local one first: a fresh clone that
never fetched gh-pages would otherwise start an empty branch and wipe every other edition (jimporter/mike#49).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sotay.release.errors import Refusal, ReleaseError
from sotay.release.process import Runner


@dataclass
class Git:
    root: Path
    runner: Runner
    env: dict[str, str] | None = None

    def __call__(self, *args: str, check: bool = True, foreground: bool = False):
        result = self.runner.run(["git", *args], cwd=self.root, env=self.env, foreground=foreground)
        if check and result.returncode != 0:
            raise ReleaseError(f"lệnh `git {' '.join(args)}` thất bại:\n{result.stderr.strip()}")
        return result

    def rev(self, ref: str) -> str | None:
        return self("rev-parse", "--verify", "--quiet", ref + "^{commit}", check=False).stdout.strip() or None

    def is_ancestor(self, older: str, newer: str) -> bool:
        return self("merge-base", "--is-ancestor", older, newer, check=False).returncode == 0

    def toplevel(self) -> str | None:
        result = self("rev-parse", "--show-toplevel", check=False)
        return result.stdout.strip() if result.returncode == 0 else None

    def dirty_paths(self) -> list[str]:
        out = self("status", "--porcelain", "--untracked-files=normal").stdout
        return [line[3:] for line in out.splitlines() if line.strip()]

    def current_branch(self) -> str | None:
        return self("symbolic-ref", "--quiet", "--short", "HEAD", check=False).stdout.strip() or None

    def has_remote(self, remote: str) -> bool:
        return remote in self("remote").stdout.split()

    def show(self, branch: str, path: str) -> str | None:
        """A file of `branch` (e.g. gh-pages:versions.json), or None when branch or file is missing."""
        result = self("show", f"{branch}:{path}", check=False)
        return result.stdout if result.returncode == 0 else None

    def set_ref(self, ref: str, value: str | None) -> None:
        """Point `ref` at `value`, or delete it when value is None (the branch did not exist)."""
        if value:
            self("update-ref", ref, value)
        elif self.rev(ref):
            self("update-ref", "-d", ref)

    def remote_has_branch(self, remote: str, branch: str) -> bool:
        result = self("ls-remote", "--exit-code", "--heads", remote, branch, check=False, foreground=True)
        if result.returncode == 2:  # reached the remote; no such branch
            return False
        if result.returncode != 0:
            raise Refusal(
                f"Không liên lạc được kho '{remote}' để lấy nhánh {branch} mới nhất:\n{result.stderr.strip()}\n"
                "Phát hành khi chưa có bản gh-pages mới nhất có thể xóa mất các ấn bản khác; kiểm tra mạng rồi "
                "chạy lại."
            )
        return True

    def fetch(self, remote: str, branch: str) -> str:
        tracking = f"refs/remotes/{remote}/{branch}"
        self("fetch", "--quiet", remote, f"+refs/heads/{branch}:{tracking}", foreground=True)
        return tracking

    def sync_pages_branch(self, remote: str, branch: str) -> str:
        """Fetch `remote/branch` and fast-forward the local branch to it (mike#49). Returns a note for the log."""
        if not self.has_remote(remote):
            return f"không có kho '{remote}': chỉ phát hành vào nhánh {branch} trong máy"
        if not self.remote_has_branch(remote, branch):
            if self.rev(f"refs/heads/{branch}"):
                return f"kho '{remote}' chưa có nhánh {branch}; dùng nhánh {branch} trong máy (chưa đẩy lên)"
            return f"kho '{remote}' chưa có nhánh {branch}: đây là lần phát hành đầu tiên"
        tracking = self.fetch(remote, branch)
        theirs, ours = self.rev(tracking), self.rev(f"refs/heads/{branch}")
        if theirs is None:
            raise ReleaseError(f"không đọc được {tracking} sau khi lấy từ '{remote}'")
        if ours is None or self.is_ancestor(ours, theirs):
            self("update-ref", f"refs/heads/{branch}", theirs)
            return f"đã lấy nhánh {branch} từ '{remote}' ({theirs[:7]})"
        if self.is_ancestor(theirs, ours):
            return f"nhánh {branch} trong máy đi trước '{remote}' (có lần phát hành chưa đẩy lên)"
        raise Refusal(
            f"Nhánh {branch} trong máy và trên '{remote}' đã rẽ hai ngả; phát hành lúc này sẽ làm mất ấn bản ở "
            f"một bên. Xem `git log --oneline {branch} {remote}/{branch}`, giữ lại bên đúng (ví dụ "
            f"`git branch -f {branch} {remote}/{branch}`) rồi chạy lại."
        )

    def check_branch_current(self, remote: str) -> str:
        """Before --push: the branch that receives the changelog commit must not be behind the remote."""
        branch = self.current_branch()
        if branch is None:
            raise Refusal("HEAD không ở nhánh nào (detached); với PUSH=1 hãy chuyển sang nhánh chính rồi chạy lại.")
        if not self.has_remote(remote):
            raise Refusal(f"PUSH=1 nhưng kho không có remote '{remote}'.")
        if self.remote_has_branch(remote, branch):
            tracking = self.fetch(remote, branch)
            if not self.is_ancestor(tracking, "HEAD"):
                raise Refusal(
                    f"Nhánh {branch} đang thiếu commit đã có trên '{remote}'; chạy `git pull` (xem lại lịch sử "
                    "phiên bản) rồi phát hành lại."
                )
        return branch
