"""Shared test helpers: project paths and running `python -m sotay` as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"


def run_sotay(*args: str, env: dict[str, str] | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run the CLI in a subprocess, exactly as an editor or a tool calls it."""
    full_env = {**os.environ, "SOTAY_SOURCES": str(FIXTURES / "sources"), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "sotay", *args], cwd=cwd, env=full_env, capture_output=True, text=True,
        timeout=120,
    )


@pytest.fixture
def sotay_cli():
    return run_sotay


def build_site(target: Path, offline: bool = False) -> Path:
    """`mkdocs build --strict` of the real project into `target` (offline: OFFLINE=true).

    Never add -q: in MkDocs 1.6.1 `--quiet` silences the warnings that `--strict` counts, and a
    broken page would then build with exit code 0.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if offline:
        env["OFFLINE"] = "true"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(target)], cwd=ROOT, env=env,
        capture_output=True,
        text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return target


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("site") / "site")


@pytest.fixture(scope="session")
def offline_site_dir(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("offline") / "site", offline=True)


_HEAVY_FIXTURES = {"site_dir", "offline_site_dir", "released", "dist", "unzipped", "page_attacks", "data_attacks"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/browser/ needs Chromium: mark it so `make test-fast` can leave it out."""
    for item in items:
        if "browser" in item.path.parts:
            item.add_marker(pytest.mark.browser)
        # Tests on a whole build, bundle or release run are slow wherever they live.
        if _HEAVY_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
