"""A new user's first command: a fresh clone, only the system's `python3` on PATH, `make serve`.

Proves the project-local environment (scripts/install-deps.sh, Makefile): `.venv` is made with the
stock Debian/Ubuntu `python3` (no pyenv, no activated venv, PEP 668 respected), the site is served on
127.0.0.1:8000, and afterwards the verbs that only need the stamp (`make bundle`, `make release`)
would not reinstall anything. Slow: it installs requirements.txt into a new venv (pip's cache helps).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
# Variables that would point the clone at another Python or another environment than the system's.
FOREIGN = ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PYENV_VERSION", "PYENV_ROOT", "CONDA_PREFIX", "SOTAY_VENV")
INSTALL_TIMEOUT = 1500  # s: a cold pip cache on a 2-core machine
SERVE_TIMEOUT = 600  # s: mkdocs serve builds the whole site before it answers


def _system_python() -> str:
    """The python3 a stock Debian/Ubuntu has, installing it with apt when the machine lacks it."""
    found = shutil.which("python3", path=SYSTEM_PATH)
    if found and subprocess.run([found, "-c", "import sys; assert sys.version_info >= (3, 11)"]).returncode == 0:
        return found
    if shutil.which("apt-get", path=SYSTEM_PATH) is None or os.geteuid() != 0:
        pytest.skip("no python3 ≥ 3.11 in the system directories and no apt-get as root to install Debian's")
    subprocess.run(["apt-get", "update", "-qq"], check=True, timeout=600)
    subprocess.run(["apt-get", "install", "-y", "-qq", "python3", "python3-venv"], check=True, timeout=900,
                   env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    found = shutil.which("python3", path=SYSTEM_PATH)
    assert found, "apt-get installed python3 but it is not in the system directories"
    return found


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, proc: subprocess.Popen, log: Path, timeout: float) -> str:
    """Poll `url` until it answers 200 (→ body), the server exits, or `timeout` passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"make serve stopped (exit {proc.returncode}):\n{log.read_text(errors='replace')[-4000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return response.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(2)
    pytest.fail(f"{url} did not answer within {timeout:.0f} s:\n{log.read_text(errors='replace')[-4000:]}")


def _stop(proc: subprocess.Popen) -> None:
    """End `make serve` and its children (mkdocs): the whole process group it leads."""
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=20)


def test_fresh_clone_serves_with_system_python(tmp_path):
    python = _system_python()
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True, timeout=120)
    env = {k: v for k, v in os.environ.items() if k not in FOREIGN}
    env.update(PATH=SYSTEM_PATH, NO_MKDOCS_2_WARNING="1")
    # The real address is 127.0.0.1:8000; another clone's server may hold it on a shared machine.
    port = 8000 if _port_free(8000) else _free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            ["make", "serve", *([] if port == 8000 else [f"ADDR=127.0.0.1:{port}"])], cwd=clone, env=env,
            stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        body = _wait_for(f"http://127.0.0.1:{port}/", proc, log, INSTALL_TIMEOUT + SERVE_TIMEOUT)
    finally:
        _stop(proc)
    assert "<title>Sổ tay sinh hoạt chi bộ" in body or "Sổ tay sinh hoạt chi bộ</title>" in body

    venv_python = clone / ".venv" / "bin" / "python"
    assert venv_python.exists(), "make serve did not create the project's .venv"
    base = subprocess.run([str(venv_python), "-c", "import sys; print(sys.base_prefix)"], capture_output=True,
                          text=True, check=True, cwd=tmp_path, env=env).stdout.strip()
    expected = subprocess.run([python, "-c", "import sys; print(sys.base_prefix)"], capture_output=True,
                              text=True, check=True).stdout.strip()
    assert base == expected, f".venv was made from {base}, not from the system python3 ({expected})"
    # From a neutral folder (not the clone, not this checkout): what the venv's own install resolves to.
    found = subprocess.run([str(venv_python), "-c", "import sotay; print(sotay.__file__)"], capture_output=True,
                           text=True, check=True, cwd=tmp_path, env=env).stdout.strip()
    assert Path(found).resolve().is_relative_to(clone.resolve()), f"the clone imports another copy's sotay: {found}"

    # `make bundle` / `make release` only need the stamp: make sees it up to date, and the bundle's
    # install step (scripts/install-deps.sh --bundle) leaves the installed packages untouched.
    stamp = clone / ".venv" / ".installed"
    assert subprocess.run(["make", "-q", ".venv/.installed"], cwd=clone, env=env).returncode == 0
    before = {p: p.stat().st_mtime_ns for p in [stamp, *(clone / ".venv").glob("lib/python3*/site-packages/*sotay*")]}
    started = time.monotonic()
    result = subprocess.run(["scripts/install-deps.sh", "--bundle"], cwd=clone, env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert {p: p.stat().st_mtime_ns for p in before} == before, "install-deps.sh reinstalled with a fresh stamp"
    dry = subprocess.run(["make", "-n", "release", "VERSION=2099.1"], cwd=clone, env=env, capture_output=True,
                         text=True, check=True).stdout
    assert "install-deps" not in dry and "pip" not in dry, dry
    print(f"second install step: {time.monotonic() - started:.1f} s")
