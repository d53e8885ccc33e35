"""Shared by tests/test_bundle.py, tests/test_reproducible.py and tests/browser/test_bundle_browser.py:
`python -m sotay bundle` run once per test session (about a minute), whichever module asks first.

Every build here sets SOURCE_DATE_EPOCH (EPOCH, the morning of DATE): the tests check the dates it puts
in the files, and tests/test_reproducible.py builds a second copy (`build_dist(..., "again")`) to
compare byte for byte with the first."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTEFACTS = ROOT / "tests" / "artefacts"
VERSION = "9.9.0-test"
DATE = "2026-11-23"
EPOCH = 1795420800  # 2026-11-23T08:00:00Z
CHECKLISTS = ["truoc-cuoc-hop", "trong-cuoc-hop", "sau-cuoc-hop", "sinh-hoat-chuyen-de", "nguoi-du-danh-gia"]

_built: dict[str, Path] = {}


def build_dist(tmp_path_factory, name: str = "dist", env: dict[str, str] | None = None) -> Path:
    """The bundle of edition VERSION/DATE built once per session under `name` (`env`: extra variables)."""
    if name not in _built:
        out = tmp_path_factory.mktemp(name)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(EPOCH),
               "SOTAY_LOCAL_BUILD": "1",  # placeholder site_url
               **(env or {})}
        result = subprocess.run(
            [sys.executable, "-m", "sotay", "bundle", "--version", VERSION, "--date", DATE, "--out", str(out)],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
        )
        assert result.returncode == 0, result.stderr[-4000:]
        _built[name] = out
    return _built[name]


def pdftotext(path: Path, first: int | None = None, last: int | None = None) -> str:
    args = ["pdftotext", "-layout"]
    if first:
        args += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run([*args, str(path), "-"], capture_output=True, text=True, check=True).stdout
