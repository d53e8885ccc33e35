#!/usr/bin/env python3
"""Print the hedge phrases per page (the editorial target: at most 40 in docs/ in all).

Usage: python3 scripts/count_hedges.py [docs]
       python3 scripts/count_hedges.py --site DIR    (a built site: each page's article text, as read,
                                                     with the text rendered from data; menus left out)
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sotay.style import hedge_counts, site_page_texts  # noqa: E402


def report(pages: Iterable[tuple[str, str]]) -> int:
    """Print one line per page with hedges and the total; return the total."""
    total = 0
    for name, text in pages:
        counts = {k: v for k, v in hedge_counts(text).items() if v}
        if counts:
            total += sum(counts.values())
            detail = ", ".join(f"{k} {v}" for k, v in counts.items())
            print(f"{sum(counts.values()):4d}  {name}  ({detail})")
    print(f"{total:4d}  tổng")
    return total


def main(*args: str) -> int:
    if args and args[0] == "--site":
        if len(args) != 2 or not Path(args[1]).is_dir():
            print("cách dùng: count_hedges.py --site THƯ_MỤC_ĐÃ_DỰNG (thư mục phải có sẵn)", file=sys.stderr)
            return 2
        report(site_page_texts(Path(args[1])))
        return 0
    folder = Path(args[0] if args else "docs")
    report((p.as_posix(), p.read_text(encoding="utf-8")) for p in sorted(folder.rglob("*.md")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:]))
