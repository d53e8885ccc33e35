"""Stand-in for `make bundle` in tests/test_release.py (SOTAY_RELEASE_BUNDLE="<python> tests/release_stub.py"),
called like `python -m sotay bundle --version V --out DIR`: small files with the real names, in milliseconds.

SOTAY_STUB_SLEEP=N makes it a bundle that can be interrupted: it writes the PDF, starts a grandchild, records
both pids and the output directory in the JSON file SOTAY_STUB_STARTED, sleeps N seconds, and only then writes
the rest. A release that did not stop it would find its own bundle half-written, or the next release would find
this edition's PDF if the two shared a directory.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

SLUG = "so-tay-sinh-hoat-chi-bo"


def _stopped(signum: int, frame: object) -> None:
    """Says so on stderr, like a real bundle dying: the release must not pass this on after its own message."""
    print("release_stub: bị dừng", file=sys.stderr, flush=True)
    sys.exit(128 + signum)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--version", required=True)
    parser.add_argument("--out", required=True, type=Path)
    args = parser.parse_args()
    out, version = args.out, args.version
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{SLUG}-{version}.pdf").write_bytes(f"%PDF-1.4\n% ấn bản {version} (bản thử)\n%%EOF\n".encode())
    pause = float(os.environ.get("SOTAY_STUB_SLEEP") or 0)
    if pause:
        signal.signal(signal.SIGTERM, _stopped)
        print(f"release_stub: gói ấn bản {version}, nghỉ {pause:g} s", flush=True)
        grandchild = subprocess.Popen([sys.executable, "-c", f"import time; time.sleep({pause})"])
        started = Path(os.environ["SOTAY_STUB_STARTED"])
        record = {"pid": os.getpid(), "ppid": os.getppid(), "grandchild": grandchild.pid, "out": str(out)}
        started.with_suffix(".tmp").write_text(json.dumps(record), encoding="utf-8")
        started.with_suffix(".tmp").replace(started)
        time.sleep(pause)
    with zipfile.ZipFile(out / f"{SLUG}-{version}.zip", "w") as archive:
        archive.writestr("index.html", f"<p>Sổ tay sinh hoạt chi bộ, ấn bản {version} (bản thử)</p>")
    (out / f"{SLUG}-{version}.zim").write_bytes(b"ZIM\x04" + version.encode())
    (out / "manifest.json").write_text(json.dumps({"version": version}) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
