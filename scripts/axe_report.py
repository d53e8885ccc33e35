"""Print axe-core's findings for every audited page in light and dark schemes (for people, not a test).

Usage: python scripts/axe_report.py [SITE_DIR]   (default: builds the site into a temporary folder)
The test (tests/browser/test_a11y.py) fails on the critical and serious ones; this lists every impact.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.a11y import PAGES, SCHEMES, new_phone_page, open_page, run_axe  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402


def main() -> int:
    if len(sys.argv) > 1:
        site = Path(sys.argv[1])
    else:
        site = Path(tempfile.mkdtemp()) / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=ROOT, check=True)
    base, server = serve(site)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for scheme in SCHEMES:
            for path, kind in PAGES.items():
                page = new_phone_page(browser, scheme)
                open_page(page, base, path)
                findings = run_axe(page)
                counts = Counter(f.impact for f in findings for _ in f.targets)
                summary = ", ".join(f"{impact} {counts[impact]}" for impact in ("critical", "serious", "moderate",
                                                                                 "minor") if counts[impact])
                print(f"{scheme:5} {path or '/':48} ({kind}): {summary or 'không có'}")
                for finding in findings:
                    print(f"      {finding}")
                page.context.close()
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
