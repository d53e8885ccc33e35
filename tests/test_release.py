"""`make release`: three editions through mike into a bare remote, the last one from a fresh clone that
never fetched gh-pages (jimporter/mike#49); refusals (VERSION/ALIAS carrying shell or look-alike digits
included) leave gh-pages alone; releases stopped by SIGINT/SIGTERM mid-bundle undo themselves and the next
edition holds only its own files; the banner in Chromium.

The temp project is the real one (mkdocs.yml, overrides/ with the banner, sotay/, data/, includes/,
Makefile, scripts/release.py) with a small docs/ and a trimmed nav, so one release takes seconds.
SOTAY_RELEASE_BUNDLE names tests/release_stub.py, which makes small stand-ins for the offline zip, PDF and ZIM
instead of `make bundle`.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tarfile
import threading
import time
import zipfile
from pathlib import Path

import pytest

from sotay.release.build import missing_downloads
from sotay.release.changelog import release_changelog
from sotay.release.errors import Refusal, Stopped
from sotay.release.process import Runner
from sotay.release.run import Options, check_options
from sotay.release.settings import known_aliases
from sotay.release.versions import check_version, version_problem

ROOT = Path(__file__).resolve().parents[1]
STUB = shlex.join([sys.executable, str(ROOT / "tests" / "release_stub.py")])
SLUG = "so-tay-sinh-hoat-chi-bo"
VERSIONS = ("2025.0", "2025.1", "2026.0")
DOWNLOADS = (f"{SLUG}-{{v}}.zip", f"{SLUG}-{{v}}.pdf", f"{SLUG}-{{v}}.zim")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

NAV = """nav:
  - Trang chủ: index.md
  - Danh sách kiểm tra:
      - Trước cuộc họp: kiem-tra/truoc-cuoc-hop.md
  - Tải về: tai-ve.md
  - Lịch sử phiên bản: lich-su-phien-ban.md
  - Trang bỏ ở ấn bản sau: trang-cu.md
  - Nguồn và cách biên soạn: nguon-va-bien-soan.md
"""

FRONT = """---
title: {title}
description: Trang thử của bản phát hành.
sources:
  - ban-bien-soan
reviewed: 2026-11-23
status: tham-khao
---

"""


# ------------------------------------------------------------------ unit tests (no git, no build)

CHANGELOG = """---
title: Lịch sử phiên bản
reviewed: 2026-01-01
---

# Lịch sử phiên bản

Giới thiệu.

<!-- cách ghi -->

## Chưa phát hành { #chua-phat-hanh }

<!-- ghi ở đây -->
- Thêm trang A.

## Ấn bản 2025.0, ngày 1/2/2025 { #v2025-0 }

- Ấn bản đầu.
"""


def test_changelog_moves_unreleased_notes_under_a_dated_entry():
    out = release_changelog(CHANGELOG, "2025.1", dt.date(2025, 6, 3))
    assert "Chưa phát hành" not in out and "ghi ở đây" not in out
    assert "<!-- cách ghi -->" in out  # the intro's comment stays
    assert "## Ấn bản 2025.1, ngày 3/6/2025 { #v2025-1 }\n\n- Thêm trang A.\n\n## Ấn bản 2025.0" in out
    assert "reviewed: 2025-06-03" in out


def test_changelog_without_notes_and_replaced_entry():
    bare = CHANGELOG.replace("- Thêm trang A.\n", "")
    out = release_changelog(bare, "2025.1", dt.date(2025, 6, 3))
    assert "{ #v2025-1 }\n\n- Không ghi thay đổi về nội dung.\n\n## Ấn bản 2025.0" in out
    again = release_changelog(CHANGELOG, "2025.0", dt.date(2025, 7, 1))
    assert again.count("{ #v2025-0 }") == 1
    assert again.endswith("- Ấn bản đầu.\n- Thêm trang A.\n- Phát hành lại ngày 1/7/2025.\n")
    no_section = release_changelog("# T\n\nGiới thiệu.\n", "2026.0", dt.date(2026, 1, 2))
    assert no_section.endswith("Giới thiệu.\n\n## Ấn bản 2026.0, ngày 2/1/2026 { #v2026-0 }\n\n"
                               "- Không ghi thay đổi về nội dung.\n")


def test_options_refuse_bad_version_and_unknown_alias():
    known = known_aliases({"extra": {"version": {"provider": "mike", "default": "latest"}}})
    assert known == ["latest"]
    check_options(Options("2025.1", ["latest"]), known)
    check_options(Options("2025.1", []), known)
    with pytest.raises(Refusal, match="NĂM.SỐ"):
        check_options(Options("0.1.0", ["latest"]), known)
    with pytest.raises(Refusal, match="Bí danh không biết: stable"):
        check_options(Options("2025.1", ["stable"]), known)


@pytest.mark.parametrize("value", ["2025.0", "2025.1", "2025.12", "2026.0", "2031.104"])
def test_version_is_ascii_year_dot_number(value):
    assert version_problem(value) is None
    check_version(value)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2025.05", "số 0 đứng đầu"),
        ("2025.00", "số 0 đứng đầu"),
        ("２０２５.5", "chữ số ASCII"),  # fullwidth
        ("٢٠٢٥.5", "chữ số ASCII"),  # Arabic-Indic
        ("2025.٥", "chữ số ASCII"),
        ("2025.5\n", "NĂM.SỐ"),  # `$` of a regex would take it
        (" 2025.5", "NĂM.SỐ"),
        ("2025", "NĂM.SỐ"),
        ("2025.", "NĂM.SỐ"),
        ("2025.1.1", "NĂM.SỐ"),
        ("0.1.0", "NĂM.SỐ"),
        ("0999.1", "NĂM.SỐ"),
        ("2025.+1", "NĂM.SỐ"),
        ('2025.4"; touch /tmp/x; "', "NĂM.SỐ"),
        ("2025.4`touch /tmp/x`", "NĂM.SỐ"),
        ("2025.4$(touch /tmp/x)", "NĂM.SỐ"),
    ],
)
def test_version_refuses_lookalikes_and_shell(value, reason):
    with pytest.raises(Refusal, match=re.escape(reason)) as caught:
        check_version(value)
    assert "\n" not in str(caught.value)  # one line, whatever was typed


def test_a_signal_waits_for_a_critical_step_then_stops_the_next(tmp_path):
    """`git commit` cut half-way would leave .git/index.lock: inside critical() the child runs to its end and
    Stopped comes at the next step; outside, the child's whole process group is stopped at once."""
    runner = Runner(grace=2)
    child = [sys.executable, "-c", "import time; time.sleep(0.6); print('fini')"]
    with runner.handling_signals():
        timer = threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGTERM))
        timer.start()
        with runner.critical():
            result = runner.run(child, cwd=tmp_path)
        timer.join()
        assert (result.returncode, result.stdout, runner.signum) == (0, "fini\n", signal.SIGTERM)
        with pytest.raises(Stopped) as stopped:
            runner.check()
        assert stopped.value.exit_code == 143

    runner = Runner(grace=2)
    tree = [sys.executable, "-c", "import subprocess, sys, time; "
            "p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(30)']); print(p.pid, flush=True); "
            "time.sleep(30)"]
    with runner.handling_signals():
        threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT)).start()
        started = time.monotonic()
        with pytest.raises(Stopped) as stopped:
            runner.run(tree, cwd=tmp_path)
    assert stopped.value.exit_code == 130 and time.monotonic() - started < 5
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back


def test_missing_downloads_names_links_without_files(tmp_path):
    (tmp_path / "tai-ve").mkdir()
    (tmp_path / "mau-bieu").mkdir()
    (tmp_path / "mau-bieu" / "mau-a.docx").write_bytes(b"x")
    (tmp_path / "tai-ve" / "index.html").write_text(
        '<a href="../mau-bieu/mau-a.docx" download>a</a> <a href="../x.pdf" download>b</a> <a href="../y/">c</a>',
        encoding="utf-8")
    page, missing = missing_downloads(tmp_path)
    assert page is not None and missing == ["../x.pdf"]


# ------------------------------------------------------------------ the temp project and its remote


def run(*args: str, cwd: Path, env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(list(args), cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    if check:
        assert result.returncode == 0, f"{args} → {result.returncode}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def stamp_venv(repo: Path) -> None:
    """The Makefile's "installed" stamp, newer than requirements.txt: make runs no install (PYTHON is ours)."""
    (repo / ".venv").mkdir(exist_ok=True)
    (repo / ".venv" / ".installed").touch()


def make_release(repo: Path, env: dict[str, str], version: str, *extra: str) -> subprocess.CompletedProcess:
    stamp_venv(repo)
    return run("make", "--no-print-directory", "release", f"VERSION={version}", f"PYTHON={sys.executable}", *extra,
               cwd=repo, env=env, check=False)


def write_project(repo: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("overrides", "sotay", "data", "includes"):
        shutil.copytree(ROOT / name, repo / name, ignore=ignore)
    (repo / "scripts").mkdir()
    for name in ("Makefile", ".gitignore", "pyproject.toml", "requirements.txt", "scripts/release.py"):
        shutil.copy2(ROOT / name, repo / name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (repo / "mkdocs.yml").write_text(config[: config.index("\nnav:") + 1] + NAV, encoding="utf-8")
    docs = repo / "docs"
    (docs / "kiem-tra").mkdir(parents=True)
    (docs / "index.md").write_text(FRONT.format(title="Trang chủ") + "# Sổ tay\n\nNội dung ấn bản 2025.0.\n",
                                   encoding="utf-8")
    (docs / "kiem-tra" / "truoc-cuoc-hop.md").write_text(
        FRONT.format(title="Trước cuộc họp") + "# Trước cuộc họp\n\n- [ ] Gửi giấy mời.\n- [ ] Chuẩn bị "
        "báo cáo.\n", encoding="utf-8")
    (docs / "tai-ve.md").write_text(FRONT.format(title="Tải về") + "# Tải về\n\n<!-- sotay-bundle:downloads -->\n",
                                    encoding="utf-8")
    (docs / "nguon-va-bien-soan.md").write_text(  # the generated van-ban/ pages link here
        FRONT.format(title="Nguồn") + "# Nguồn\n\nTrang thử.\n", encoding="utf-8")
    (docs / "trang-cu.md").write_text(FRONT.format(title="Trang cũ") + "# Trang cũ\n\nChỉ có ở ấn bản 2025.0.\n",
                                      encoding="utf-8")
    changelog = (ROOT / "docs" / "lich-su-phien-ban.md").read_text(encoding="utf-8")
    intro = changelog[: changelog.index("\n## ") + 1]
    (docs / "lich-su-phien-ban.md").write_text(
        intro + "## Chưa phát hành { #chua-phat-hanh }\n\n- Ấn bản đầu tiên của bản thử.\n", encoding="utf-8")


def edit_and_commit(repo: Path, env: dict[str, str], version: str) -> None:
    """The content of the next edition: a changed page, a page dropped, a changelog note; committed."""
    if (repo / "docs" / "trang-cu.md").exists():
        run("git", "rm", "-q", "docs/trang-cu.md", cwd=repo, env=env)
        config = repo / "mkdocs.yml"
        config.write_text(config.read_text("utf-8").replace("  - Trang bỏ ở ấn bản sau: trang-cu.md\n", ""), "utf-8")
    index = repo / "docs" / "index.md"
    index.write_text(re.sub(r"Nội dung ấn bản \d{4}\.\d+", f"Nội dung ấn bản {version}", index.read_text("utf-8")),
                     encoding="utf-8")
    changelog = repo / "docs" / "lich-su-phien-ban.md"
    text = changelog.read_text(encoding="utf-8")
    if not re.search(r"^## .*#chua-phat-hanh", text, re.M):
        head, _, rest = text.partition("\n## ")
        text = f"{head}\n## Chưa phát hành {{ #chua-phat-hanh }}\n\n- Thay đổi của ấn bản {version}.\n\n## {rest}"
        changelog.write_text(text, encoding="utf-8")
    run("git", "commit", "-qam", f"Nội dung cho {version}", cwd=repo, env=env)


def release_env() -> dict[str, str]:
    env = {**os.environ, "SOTAY_RELEASE_BUNDLE": STUB, "NO_MKDOCS_2_WARNING": "1", "SOTAY_DATE": "2026-11-23",
           "GIT_AUTHOR_NAME": "Người phát hành", "GIT_AUTHOR_EMAIL": "phat-hanh@example.org",
           "GIT_COMMITTER_NAME": "Người phát hành", "GIT_COMMITTER_EMAIL": "phat-hanh@example.org",
           "GIT_CONFIG_NOSYSTEM": "1", "SOTAY_LOCAL_BUILD": "1"}  # the temp repo keeps the placeholder site_url
    for name in ("SOTAY_ONLINE_URL", "SITE_URL", "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "VERSION", "ALIAS", "PUSH",
                 "REPLACE"):
        env.pop(name, None)
    return env


def new_project(remote: Path, repo: Path, env: dict[str, str]) -> None:
    """The temp project in `repo`, committed and pushed to a new bare `remote`."""
    run("git", "init", "-q", "--bare", "-b", "main", str(remote), cwd=remote.parent, env=env)
    repo.mkdir()
    run("git", "init", "-q", "-b", "main", cwd=repo, env=env)
    write_project(repo)
    run("git", "add", "-A", cwd=repo, env=env)
    run("git", "commit", "-qm", "Dự án thử", cwd=repo, env=env)
    run("git", "remote", "add", "origin", str(remote), cwd=repo, env=env)
    run("git", "push", "-q", "origin", "main", cwd=repo, env=env)


def refs(repo: Path, env: dict[str, str], *names: str) -> list[str]:
    return [run("git", "rev-parse", "--verify", "-q", n, cwd=repo, env=env, check=False).stdout.strip() for n in names]


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """2025.0 and 2025.1 from clone A, 2026.0 from a fresh single-branch clone B; every release PUSH=1."""
    tmp = tmp_path_factory.mktemp("release")
    env = release_env()
    remote, a, b = tmp / "remote.git", tmp / "a", tmp / "b"
    new_project(remote, a, env)

    logs = {}
    for version in VERSIONS[:2]:
        if version != VERSIONS[0]:
            edit_and_commit(a, env, version)
        result = make_release(a, env, version, "PUSH=1")
        assert result.returncode == 0, result.stdout + result.stderr
        logs[version] = result.stdout

    run("git", "clone", "-q", "--single-branch", "--branch", "main", str(remote), str(b), cwd=tmp, env=env)
    assert "gh-pages" not in run("git", "branch", "-a", cwd=b, env=env).stdout  # the mike#49 setting
    edit_and_commit(b, env, VERSIONS[2])
    result = make_release(b, env, VERSIONS[2], "PUSH=1")
    assert result.returncode == 0, result.stdout + result.stderr
    logs[VERSIONS[2]] = result.stdout

    served = tmp / "served"
    served.mkdir()
    archive = tmp / "gh-pages.tar"
    run("git", "--git-dir", str(remote), "archive", "-o", str(archive), "gh-pages", cwd=tmp, env=env)
    with tarfile.open(archive) as tar:
        tar.extractall(served, filter="data")
    return {"remote": remote, "a": a, "b": b, "env": env, "served": served, "logs": logs}


def test_three_releases_keep_every_version(released):
    served = released["served"]
    versions = json.loads((served / "versions.json").read_text(encoding="utf-8"))
    assert [v["version"] for v in versions] == ["2026.0", "2025.1", "2025.0"]
    assert {v["version"]: v["aliases"] for v in versions} == {"2026.0": ["latest"], "2025.1": [], "2025.0": []}
    for version in VERSIONS:
        base = served / version
        for name in ("index.html", "kiem-tra/truoc-cuoc-hop/index.html", "tai-ve/index.html",
                     "lich-su-phien-ban/index.html", "sitemap.xml"):
            assert (base / name).is_file(), f"{version}/{name}"
        for pattern in DOWNLOADS:
            assert (base / pattern.format(v=version)).stat().st_size > 0, f"{version}: {pattern}"
        assert "manifest.json" not in os.listdir(base)
        assert f"Nội dung ấn bản {version}." in (base / "index.html").read_text(encoding="utf-8")
        # Links to "the handbook online" (QR codes) name the stable alias once, whichever edition.
        assert "latestlatest" not in (base / "kiem-tra" / "truoc-cuoc-hop" / "index.html").read_text("utf-8")
        page, missing = missing_downloads(base)
        assert page is not None and not missing, f"{version}: Tải về links without files: {missing}"
        downloads = (base / "tai-ve" / "index.html").read_text(encoding="utf-8")
        for pattern in DOWNLOADS:
            assert f'href="../{pattern.format(v=version)}"' in downloads
    # latest/ is a real copy (alias_type: copy), downloads included, and the root redirects to it.
    assert "Nội dung ấn bản 2026.0." in (served / "latest" / "index.html").read_text(encoding="utf-8")
    assert (served / "latest" / f"{SLUG}-2026.0.pdf").is_file()
    assert not (served / "latest").is_symlink()
    assert 'window.location.replace(\n      "latest/"' in (served / "index.html").read_text(encoding="utf-8")


def test_changelog_grows_with_each_release(released):
    served = released["served"]

    def entries(version: str) -> list[str]:
        text = (served / version / "lich-su-phien-ban" / "index.html").read_text(encoding="utf-8")
        return re.findall(r'<h2 id="(v[\d-]+)"', text)

    assert entries("2025.0") == ["v2025-0"]
    assert entries("2025.1") == ["v2025-1", "v2025-0"]
    assert entries("2026.0") == ["v2026-0", "v2025-1", "v2025-0"]
    latest = (served / "2026.0" / "lich-su-phien-ban" / "index.html").read_text(encoding="utf-8")
    assert "Thay đổi của ấn bản 2026.0." in latest and 'id="chua-phat-hanh"' not in latest
    # The changelog commits went to the remote's main with the releases.
    log = run("git", "--git-dir", str(released["remote"]), "log", "--format=%s", "main", cwd=released["b"],
              env=released["env"]).stdout
    assert [line for line in log.splitlines() if line.startswith("Phát hành")] == [
        "Phát hành ấn bản 2026.0", "Phát hành ấn bản 2025.1", "Phát hành ấn bản 2025.0"]


@pytest.mark.parametrize(
    ("case", "extra", "expected"),
    [
        ("dirty", (), "chưa commit"),
        ("duplicate", (), "đã có trên nhánh gh-pages"),
        ("alias", ("ALIAS=stable",), "Bí danh không biết: stable"),
        ("older", (), "đang chỉ ấn bản 2026.0"),
        ("version", (), "không đúng dạng"),
    ],
)
def test_refusals_change_nothing(released, case, extra, expected):
    repo, env = released["b"], released["env"]
    version = {"duplicate": "2025.1", "older": "2025.2", "version": "bản-mới"}.get(case, "2026.1")
    if case == "dirty":
        (repo / "docs" / "index.md").write_text("sửa dở\n", encoding="utf-8")
    names = ("HEAD", "refs/heads/gh-pages")
    before = refs(repo, env, *names) + refs(released["remote"], env, "main", "gh-pages")
    status = run("git", "status", "--porcelain", cwd=repo, env=env).stdout
    try:
        result = make_release(repo, env, version, "PUSH=1", *extra)
    finally:
        if case == "dirty":
            run("git", "checkout", "--", "docs/index.md", cwd=repo, env=env)
    assert result.returncode != 0
    assert "make release: từ chối:" in result.stderr and expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert refs(repo, env, *names) + refs(released["remote"], env, "main", "gh-pages") == before
    if case != "dirty":
        assert run("git", "status", "--porcelain", cwd=repo, env=env).stdout == status


INJECTED = "injected"


@pytest.mark.parametrize(
    ("version", "alias"),
    [
        ('2025.4"; touch {mark}; "', "latest"),
        ("2025.4`touch {mark}`", "latest"),
        ("2025.4$(touch {mark})", "latest"),
        ("$(shell touch {mark})", "latest"),
        ("２０２５.5", "latest"),
        ("٢٠٢٥.5", "latest"),
        ("2025.05", "latest"),
        ("2026.1", 'latest"; touch {mark}; "'),
        ("2026.1", "$(shell touch {mark})"),
        ("2026.1", "`touch {mark}`"),
    ],
)
def test_version_and_alias_never_reach_a_shell(released, tmp_path, version, alias):
    """Refused with exit 1 (make: 2) before anything runs; nothing the value names is executed."""
    repo, env = released["b"], released["env"]
    mark = tmp_path / INJECTED
    version, alias = version.format(mark=mark), alias.format(mark=mark)
    names = ("HEAD", "refs/heads/gh-pages")
    before = refs(repo, env, *names) + refs(released["remote"], env, "main", "gh-pages")
    result = make_release(repo, env, version, f"ALIAS={alias}", "PUSH=1")
    direct = run(sys.executable, "scripts/release.py", "--version", version, "--alias", alias, cwd=repo, env=env,
                 check=False)
    for outcome in (result, direct):
        assert "make release: từ chối:" in outcome.stderr, outcome.stderr
        assert ("Số ấn bản" if alias == "latest" else "Bí danh không biết") in outcome.stderr
        assert "Traceback" not in outcome.stderr
    assert result.returncode == 2 and direct.returncode == 1  # make reports the recipe's exit 1 as 2
    assert not mark.exists() and not list(tmp_path.iterdir())
    assert refs(repo, env, *names) + refs(released["remote"], env, "main", "gh-pages") == before
    assert run("git", "status", "--porcelain", cwd=repo, env=env).stdout == ""


def test_failed_build_undoes_the_changelog_commit(released):
    repo, env = released["b"], released["env"]
    index = repo / "docs" / "index.md"
    index.write_text(index.read_text("utf-8") + "\n[Trang không có](khong-co.md)\n", encoding="utf-8")
    run("git", "commit", "-qam", "Liên kết hỏng", cwd=repo, env=env)
    before = refs(repo, env, "HEAD", "refs/heads/gh-pages") + refs(released["remote"], env, "main", "gh-pages")
    changelog = (repo / "docs" / "lich-su-phien-ban.md").read_text("utf-8")
    try:
        result = make_release(repo, env, "2026.1", "PUSH=1")
        assert result.returncode != 0
        assert "make release: lỗi: `mkdocs build` cho ấn bản 2026.1 thất bại" in result.stderr, result.stderr
        assert refs(repo, env, "HEAD", "refs/heads/gh-pages") + refs(released["remote"], env, "main",
                                                                       "gh-pages") == before
        assert (repo / "docs" / "lich-su-phien-ban.md").read_text("utf-8") == changelog
        assert run("git", "status", "--porcelain", cwd=repo, env=env).stdout == ""
    finally:
        run("git", "reset", "-q", "--hard", "HEAD~1", cwd=repo, env=env)


def test_replace_an_old_edition_without_moving_latest(released):
    """REPLACE=1 ALIAS= rebuilds 2025.1 in place; latest stays on 2026.0 (run last: it changes gh-pages)."""
    repo, env = released["b"], released["env"]
    result = make_release(repo, env, "2025.1", "REPLACE=1", "ALIAS=")
    assert result.returncode == 0, result.stdout + result.stderr
    versions = json.loads(run("git", "show", "gh-pages:versions.json", cwd=repo, env=env).stdout)
    assert {v["version"]: v["aliases"] for v in versions} == {"2026.0": ["latest"], "2025.1": [], "2025.0": []}
    files = run("git", "ls-tree", "-r", "--name-only", "gh-pages", cwd=repo, env=env).stdout.split()
    assert f"2025.1/{SLUG}-2025.1.zip" in files and f"2025.0/{SLUG}-2025.0.zip" in files


# ------------------------------------------------------------------ interrupted releases


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A project with edition 2025.4 on its remote; the interrupted releases below follow it."""
    tmp = tmp_path_factory.mktemp("interrupted")
    env = release_env()
    remote, repo = tmp / "remote.git", tmp / "repo"
    new_project(remote, repo, env)
    result = make_release(repo, env, "2025.4", "PUSH=1")
    assert result.returncode == 0, result.stdout + result.stderr
    return {"remote": remote, "repo": repo, "env": env}


def editions(repo: Path, env: dict[str, str]) -> dict[str, list[str]]:
    text = run("git", "show", "gh-pages:versions.json", cwd=repo, env=env).stdout
    return {v["version"]: v["aliases"] for v in json.loads(text)}


def trees(git: list[str], env: dict[str, str], versions) -> dict[str, str]:
    """The tree hash of every edition's directory on gh-pages (`git` is the command for one repository)."""
    return {v: run(*git, "rev-parse", f"gh-pages:{v}", cwd=Path("/"), env=env).stdout.strip() for v in versions}


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state not in ("Z", "X")  # a zombie has stopped; only its parent's wait is missing


def wait_for(path: Path, proc: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail(f"the release ended ({proc.returncode}) before its bundle step:\n{out[-2000:]}\n{err[-2000:]}")
        assert time.monotonic() < deadline, "the bundle step did not start"
        time.sleep(0.05)


@pytest.mark.parametrize(
    ("signame", "target", "version", "next_version"),
    [
        pytest.param("SIGINT", "group", "2025.5", "2025.6", id="ctrl-c-on-make"),
        pytest.param("SIGTERM", "make", "2025.7", "2025.8", id="sigterm-to-make"),
        pytest.param("SIGTERM", "python", "2025.9", "2025.10", id="sigterm-to-python"),
        pytest.param("SIGINT", "python", "2025.11", "2025.12", id="sigint-to-python"),
    ],
)
def test_interrupted_release_changes_nothing_and_the_next_is_its_own(published, tmp_path, signame, target, version,
                                                                      next_version):
    """A signal while the bundle runs: the bundle's process group stops, the changelog commit goes, gh-pages and
    the remote stay; the next edition then holds its own files only (issue: 2025.5 published 2025.4's PDF)."""
    repo, remote, env = published["repo"], published["remote"], published["env"]
    signum = getattr(signal, signame)
    edit_and_commit(repo, env, version)
    local, bare = ["git", "-C", str(repo)], ["git", "--git-dir", str(remote)]
    before_editions = editions(repo, env)
    before_trees = trees(local, env, before_editions)
    assert trees(bare, env, before_editions) == before_trees
    names = ("HEAD", "refs/heads/gh-pages")
    before = refs(repo, env, *names) + refs(remote, env, "main", "gh-pages")
    changelog = (repo / "docs" / "lich-su-phien-ban.md").read_text("utf-8")

    started = tmp_path / "started.json"
    slow = {**env, "SOTAY_STUB_SLEEP": "120", "SOTAY_STUB_STARTED": str(started)}
    if target == "python":
        command = [sys.executable, "scripts/release.py", "--version", version, "--push"]
    else:
        stamp_venv(repo)
        command = ["make", "--no-print-directory", "release", f"VERSION={version}", f"PYTHON={sys.executable}",
                   "PUSH=1"]
    proc = subprocess.Popen(command, cwd=repo, env=slow, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        wait_for(started, proc, timeout=120)
        bundle = json.loads(started.read_text("utf-8"))
        if target == "group":  # what a terminal does on Ctrl-C: the whole foreground process group
            os.killpg(proc.pid, signum)
        else:
            os.kill(proc.pid, signum)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()

    assert proc.returncode == (128 + signum if target == "python" else proc.returncode) and proc.returncode != 0
    assert "Traceback" not in stderr, stderr
    assert "release_stub: bị dừng" not in stderr  # the dying bundle's output is not passed on
    ours = [line for line in stderr.splitlines() if line.startswith("make release:")]
    assert len(ours) == 1, stderr
    assert ours[0].startswith(f"make release: đã dừng: nhận {signame}, ấn bản {version} không được phát hành")
    assert f'đã gỡ commit "Phát hành ấn bản {version}"' in ours[0]
    if target == "python":
        assert bundle["ppid"] == proc.pid  # the stub was the release's own child
    deadline = time.monotonic() + 10
    while (alive(bundle["pid"]) or alive(bundle["grandchild"])) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(bundle["pid"]) and not alive(bundle["grandchild"]), "the bundle's process group survived"
    assert not Path(bundle["out"]).exists()  # the run's own directory went with it
    assert not (repo / "dist").exists()
    assert refs(repo, env, *names) + refs(remote, env, "main", "gh-pages") == before
    assert (repo / "docs" / "lich-su-phien-ban.md").read_text("utf-8") == changelog
    assert run("git", "status", "--porcelain", cwd=repo, env=env).stdout == ""
    log = run("git", "log", "--format=%s", cwd=repo, env=env).stdout
    assert f"Phát hành ấn bản {version}" not in log

    result = make_release(repo, env, next_version, "PUSH=1")
    assert result.returncode == 0, result.stdout + result.stderr
    after = editions(repo, env)
    assert version not in after and after[next_version] == ["latest"]
    kept = [v for v in before_editions if v != "latest"]
    assert {v: before_trees[v] for v in kept} == trees(local, env, kept) == trees(bare, env, kept)
    files = run("git", "ls-tree", "-r", "--name-only", f"gh-pages:{next_version}", cwd=repo, env=env).stdout.split()
    assert sorted(f for f in files if f.startswith(SLUG)) == sorted(p.format(v=next_version) for p in DOWNLOADS)
    pdf = run("git", "show", f"gh-pages:{next_version}/{SLUG}-{next_version}.pdf", cwd=repo, env=env).stdout
    zipped = subprocess.run(["git", "show", f"gh-pages:{next_version}/{SLUG}-{next_version}.zip"], cwd=repo, env=env,
                            capture_output=True, check=True).stdout
    with zipfile.ZipFile(__import__("io").BytesIO(zipped)) as archive:
        page = archive.read("index.html").decode("utf-8")
    for text in (pdf, page):
        assert re.findall(r"\d{4}\.\d+", text) == [next_version], text


# ------------------------------------------------------------------ Chromium over http


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def in_own_thread(function) -> None:
    """Run `function` in a fresh thread and re-raise its failure here. Playwright's sync API refuses to start
    in a thread where another sync session (a session-scoped browser fixture elsewhere) is running."""
    failure: list[BaseException] = []

    def target() -> None:
        try:
            function()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test thread
            failure.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(timeout=180)
    assert not thread.is_alive(), "browser check did not finish in 180 s"
    if failure:
        raise failure[0]


@pytest.mark.browser
def test_banner_on_old_versions_only(released):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/install-deps.sh --browser")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(_Quiet, directory=str(released["served"])))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        in_own_thread(lambda: check_banner(f"http://127.0.0.1:{server.server_address[1]}/"))
    finally:
        server.shutdown()


def check_banner(url: str) -> None:
    from playwright.sync_api import sync_playwright

    page_path = "kiem-tra/truoc-cuoc-hop/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)

        def open_page(path: str):
            context = browser.new_context()  # own sessionStorage: Material caches "outdated" there
            page = context.new_page()
            page.goto(url + path)
            page.wait_for_selector(".md-version__current", timeout=10_000)  # versions.json read
            page.wait_for_timeout(300)
            return context, page

        # The root redirects to latest/, which is 2026.0.
        context, page = open_page("")
        assert page.url == url + "latest/"
        assert "Nội dung ấn bản 2026.0." in page.inner_text(".md-content")
        assert page.inner_text(".md-version__current").startswith("2026.0")
        context.close()

        for version, outdated in (("2025.0", True), ("2025.1", True), ("2026.0", False), ("latest", False)):
            context, page = open_page(version + "/" + page_path)
            banner = page.locator("[data-md-component=outdated]")
            assert banner.is_visible() is outdated, version
            if outdated:
                assert "ấn bản cũ" in banner.inner_text()
                link = banner.get_by_role("link", name="Xem trang này trong ấn bản mới nhất")
                assert link.evaluate("a => a.href") == url + "latest/" + page_path
                link.click()
                page.wait_for_url(url + "latest/" + page_path)
                page.wait_for_selector(".md-version__current")
                page.wait_for_timeout(300)
                assert not page.locator("[data-md-component=outdated]").is_visible()
            context.close()

        # The version selector keeps the reader on the same page (Material reads the target's sitemap.xml).
        context, page = open_page("2025.0/" + page_path)
        page.locator(".md-version__link", has_text="2026.0").dispatch_event("click")  # the list opens on hover
        page.wait_for_url(url + "2026.0/" + page_path)
        context.close()

        # A page the latest edition no longer has: the banner link falls back to the latest home page.
        context, page = open_page("2025.0/trang-cu/")
        page.locator("[data-md-component=outdated]").get_by_role("link").click()
        page.wait_for_url(url + "latest/")
        assert "Nội dung ấn bản 2026.0." in page.inner_text(".md-content")
        context.close()
        browser.close()


def test_release_refuses_the_placeholder_address(released):
    repo = released["b"]
    env = {k: v for k, v in released["env"].items() if k != "SOTAY_LOCAL_BUILD"}
    names = ("HEAD", "refs/heads/gh-pages")
    before = refs(repo, env, *names) + refs(released["remote"], env, "main", "gh-pages")
    result = make_release(repo, env, "2026.1", "PUSH=1")
    assert result.returncode != 0
    assert "make release: từ chối:" in result.stderr and "địa chỉ giữ chỗ" in result.stderr, result.stderr
    assert refs(repo, env, *names) + refs(released["remote"], env, "main", "gh-pages") == before
