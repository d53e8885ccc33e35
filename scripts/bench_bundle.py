#!/usr/bin/env python3
"""Benchmark of `make bundle`: build time and size of every artefact, into a temporary folder.

    python3 scripts/bench_bundle.py [--version X]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sotay.bundle import Edition  # noqa: E402
from sotay.bundle.runner import build_bundle, human_size  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--version", default=None)
    args = parser.parse_args()
    edition = Edition.from_env()
    if args.version:
        edition = Edition(args.version, edition.date)
    print(f"bench-bundle: ấn bản {edition.version}")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="sotay-bench-") as tmp:
        artefacts = build_bundle(ROOT, Path(tmp), edition)
    total = time.perf_counter() - started
    print(f"{'total':<8} {len(artefacts)} tệp, {human_size(sum(a.bytes for a in artefacts)):>9} {total:>7.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
