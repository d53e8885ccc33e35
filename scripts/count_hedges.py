#!/usr/bin/env python3
"""Print the hedge phrases per page of docs/ (the editorial target: at most 40 in all).

Usage: python3 scripts/count_hedges.py [docs]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sotay.style import hedge_counts  # noqa: E402


def main(folder: str = "docs") -> int:
    total = 0
    for path in sorted(Path(folder).rglob("*.md")):
        counts = {k: v for k, v in hedge_counts(path.read_text(encoding="utf-8")).items() if v}
        if counts:
            total += sum(counts.values())
            detail = ", ".join(f"{k} {v}" for k, v in counts.items())
            print(f"{sum(counts.values()):4d}  {path.as_posix()}  ({detail})")
    print(f"{total:4d}  tổng")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:]))
