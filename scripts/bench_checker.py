#!/usr/bin/env python3
"""Benchmark (prints figures; not a test): checker vs reading the files vs mkdocs build ± hooks.

Usage: scripts/bench_checker.py [--sizes 200,1000,5000] [--no-build-above N]
Targets (issue 2): ≥ 1,000 pages/s; ≤ 3× the time to `cat` the files; hooks add ≤ 30% to the
build; time grows linearly with N.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sotay.checks import Checker  # noqa: E402
from sotay.project import Project  # noqa: E402
from tests.synthetic import make_project  # noqa: E402


def timed(func) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def best_of(runs: int, func) -> float:
    return min(timed(func) for _ in range(runs))


def build(project: Path, hooks: bool) -> float:
    """`mkdocs build` of the project, with the sotay plugin or (hooks=False) without it."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if not hooks:
        text = re.sub(r"^  - sotay\n", "", text, flags=re.M)
        text = text.replace("not_in_nav: |\n  /van-ban/*.md\n", "")
    variant = project / ("mkdocs-hooks.yml" if hooks else "mkdocs-plain.yml")
    variant.write_text(text, encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return timed(lambda: subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(variant), "-d", str(project / "site")],
        check=True, env=env, capture_output=True,
    ))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,1000,5000")
    parser.add_argument("--no-build-above", type=int, default=1000,
                        help="skip mkdocs builds for larger N (they take minutes); 0 = never skip")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'N':>6} {'check s':>8} {'pages/s':>9} {'cat s':>7} {'check/cat':>9} "
          f"{'build s':>8} {'build+hooks s':>13} {'hooks +%':>8}")
    per_page = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            project = make_project(Path(tmp) / f"n{n}", ROOT, n)
            files = [str(p) for p in (project / "docs").rglob("*.md")]
            checker = Checker.for_project(Project.load(project))
            report = checker.run()
            assert not report.findings, report.findings[:3]
            check_s = best_of(3, checker.run)
            cat_s = best_of(3, lambda files=files: subprocess.run(
                ["cat", *files], stdout=subprocess.DEVNULL, check=True))
            per_page.append(check_s / n)
            if args.no_build_above and n > args.no_build_above:
                plain = hooked = float("nan")
            else:
                plain, hooked = build(project, hooks=False), build(project, hooks=True)
            overhead = (hooked / plain - 1) * 100
            print(f"{n:>6} {check_s:>8.3f} {n / check_s:>9.0f} {cat_s:>7.3f} {check_s / cat_s:>9.1f} "
                  f"{plain:>8.2f} {hooked:>13.2f} {overhead:>8.1f}")
    spread = max(per_page) / min(per_page)
    print(f"checker time per page varies ×{spread:.2f} across sizes (1.0 = perfectly linear)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
