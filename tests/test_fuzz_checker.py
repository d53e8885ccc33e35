"""The checker over the fuzz corpus (tests/fuzz/): every attack ends, in bounded time, with a finding.

Each file is dropped into a copy of the clean fixture project at the place expected.yml names,
and `python -m sotay check` runs in a subprocess with a timeout far above its real time (well
under a second each): a hang or a blow-up fails the test instead of the test run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
import yaml

from tests.conftest import FIXTURES, ROOT

FUZZ = ROOT / "tests" / "fuzz"
EXPECTED: dict[str, dict] = yaml.safe_load((FUZZ / "expected.yml").read_text(encoding="utf-8"))
TIMEOUT = 60  # seconds; generous so a loaded machine never flakes, small enough to catch a hang


def test_every_attack_file_has_an_expectation():
    files = {p.name for p in FUZZ.iterdir() if p.is_file() and p.name not in {"expected.yml", "README.md"}}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_attack_is_reported_in_bounded_time(name, tmp_path):
    spec = EXPECTED[name]
    project = tmp_path / "proj"
    shutil.copytree(FIXTURES / "clean", project)
    target = project / spec.get("target", "docs/index.md")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(FUZZ / name, target)
    env = {**os.environ, "SOTAY_SOURCES": str(FIXTURES / "sources")}
    try:
        result = subprocess.run(
            [sys.executable, "-m", "sotay", "check", "--root", str(project), "--format", "json"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{name}: the checker did not finish within {TIMEOUT} s")
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert result.returncode == spec.get("exit", 1), result.stderr[-2000:]
    if result.returncode == 2:
        assert spec["message"] in result.stderr, result.stderr[-2000:]
        return
    findings = [f for f in json.loads(result.stdout)["findings"] if f["file"] == "docs/index.md"]
    codes = {f["code"] for f in findings}
    assert set(spec.get("codes", ())) <= codes, findings[:5]
    assert not set(spec.get("absent", ())) & codes, findings[:5]
    if "message" in spec:
        assert any(spec["message"] in f["message"] for f in findings), findings[:5]
