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
