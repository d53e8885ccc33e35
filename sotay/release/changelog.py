"""The changelog page (docs/lich-su-phien-ban.md) is the one record of editions: a release moves its
"Chưa phát hành" notes under a dated entry, commits that, and builds exactly that commit. `undo` takes the
commit (and any half-written edit) back when the release does not finish.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from sotay.dates import vi_date
from sotay.release.git import Git

CHANGELOG = Path("docs") / "lich-su-phien-ban.md"
UNRELEASED_ID = "chua-phat-hanh"
UNRELEASED_RE = re.compile(r"^## [^\n]*\{ *#" + UNRELEASED_ID + r" *\}[^\n]*$", re.M)
H2_RE = re.compile(r"^## ", re.M)
COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
NO_NOTES = "- Không ghi thay đổi về nội dung."


def entry_id(version: str) -> str:
    return "v" + version.replace(".", "-")


def commit_message(version: str) -> str:
    return f"Phát hành ấn bản {version}"


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


def commit_changelog(git: Git, version: str, date: dt.date) -> str:
    """Write and commit the entry for `version`; returns the short hash the edition is built from.
    Run inside `Runner.critical()`: a signal must not fall between the edit and the commit."""
    path = git.root / CHANGELOG
    path.write_text(release_changelog(path.read_text(encoding="utf-8"), version, date), encoding="utf-8")
    git("commit", "--quiet", "-m", commit_message(version), "--", CHANGELOG.as_posix())
    return git("rev-parse", "--short", "HEAD").stdout.strip()


def undo(git: Git, start: str) -> bool:
    """Back to `start` (the clean commit the release began from): the changelog commit goes, and so does an
    edit that never reached a commit. Returns whether there was a commit to take back."""
    committed = git.rev("HEAD") != start
    if committed:
        git("reset", "--quiet", "--keep", start)
    git("checkout", "--quiet", start, "--", CHANGELOG.as_posix())
    return committed
