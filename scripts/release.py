#!/usr/bin/env python3
"""`make release VERSION=2025.1 [PUSH=1] [REPLACE=1] [ALIAS=latest]`: the logic is in sotay/release/."""

import signal
import sys
from pathlib import Path

# Until main() installs its handler, Ctrl-C ends the process quietly (nothing is written yet).
signal.signal(signal.SIGINT, signal.SIG_DFL)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's sotay, not another installed copy

from sotay.release.run import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main([*sys.argv[1:], "--root", str(ROOT)]))
