"""Publishing with mike: the built edition goes onto the pages branch as one commit, its aliases move, the
first release makes the root redirect to the default alias; with --push everything goes out in one push.

mike's git helpers run git in the current directory and its build reads `os.environ`; a release changes
neither. So mike runs here in a child process started in the project (`cwd=`, `env=`), on a site that is
already built (strictly, by `build.build_site`); as a child in its own process group a signal stops it like
any other step, and the undo puts the pages branch back where it was.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sotay.release.errors import ReleaseError
from sotay.release.git import Git
from sotay.release.process import Runner

DEFAULT_SET = "sotay-release: set-default"


def read_versions(git: Git, branch: str) -> Any:
    """mike's Versions of `branch` (empty when the branch or its versions.json is missing)."""
    from mike.versions import Versions

    text = git.show(branch, "versions.json")
    return Versions.loads(text) if text else Versions()


@dataclass
class Deploy:
    site: str
    version: str
    aliases: list[str]
    alias_type: str
    template: str | None
    branch: str
    message: str
    use_directory_urls: bool
    default: str | None  # make the root redirect here when this release sets that alias


def publish(runner: Runner, root: Path, deploy: Deploy, env: Mapping[str, str]) -> bool:
    """Commit the edition to the pages branch; returns whether the root redirect was (re)made."""
    command = [sys.executable, "-m", "sotay.release.publish", json.dumps(asdict(deploy), ensure_ascii=False)]
    result = runner.run(command, cwd=root, env=env)
    if result.returncode != 0:
        raise ReleaseError(f"mike không ghi được ấn bản {deploy.version} lên nhánh {deploy.branch}:\n"
                           f"{(result.stderr or result.stdout).strip()}")
    return DEFAULT_SET in result.stdout


def push(git: Git, remote: str, work_branch: str, branch: str) -> str | None:
    """One atomic push of the work branch (with the changelog commit) and the pages branch; the error or None."""
    result = git("push", "--atomic", "--quiet", remote, f"HEAD:refs/heads/{work_branch}",
                 f"refs/heads/{branch}:refs/heads/{branch}", check=False, foreground=True)
    return None if result.returncode == 0 else (result.stderr.strip() or f"git push: mã {result.returncode}")


def _deploy(spec: Deploy) -> bool:
    from mike import commands, git_utils

    cfg = {"site_dir": spec.site, "use_directory_urls": spec.use_directory_urls}
    with commands.deploy(cfg, spec.version, None, spec.aliases, update_aliases=True,
                         alias_type=commands.AliasType[spec.alias_type], template=spec.template,
                         branch=spec.branch, message=spec.message):
        pass  # the site is already built
    if not spec.default or spec.default not in spec.aliases:
        return False
    try:
        root_page = git_utils.read_file(spec.branch, "index.html", universal_newlines=True)
    except git_utils.GitError:
        root_page = ""
    if f'"{spec.default}/"' in root_page:
        return False
    commands.set_default(spec.default, template=spec.template, branch=spec.branch)
    return True


def main(argv: Sequence[str]) -> int:
    """The child: `python -m sotay.release.publish '<Deploy as JSON>'`, run in the project directory."""
    from mike.git_utils import GitError

    try:
        if _deploy(Deploy(**json.loads(argv[0]))):
            print(DEFAULT_SET)
    except (GitError, ValueError, OSError) as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
