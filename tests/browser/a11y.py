"""axe-core in Chromium: which pages are audited, in which schemes, and how a run is read.

axe-core is vendored under tests/vendor/axe-core/ (its licence beside it) and injected into the page
by the test only; the site never loads it. Shared by tests/browser/test_a11y.py and
scripts/axe_report.py (the before/after table for people).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from tests.search_queries import ui_search

AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe-core" / "axe.min.js"
PHONE = {"width": 360, "height": 740}
SCHEMES = ("light", "dark")  # prefers-color-scheme → Material's default / slate palette
# WCAG 2.0/2.1 A and AA, plus 2.2 AA's 2.5.8 target size (24×24 px) and axe's best practices
# (skip link, landmarks); the test fails on the critical and serious ones.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
FAILING = ("critical", "serious")

CHECKLISTS = ["kiem-tra/truoc-cuoc-hop/", "kiem-tra/trong-cuoc-hop/", "kiem-tra/sau-cuoc-hop/",
              "kiem-tra/sinh-hoat-chuyen-de/", "kiem-tra/nguoi-du-danh-gia/", "kiem-tra/"]
# path → what it stands for; "search:" pages are the home page with a query typed into the search box.
PAGES = {
    "": "trang chủ",
    "quy-trinh/sinh-hoat-thuong-ky/": "quy trình",
    **{path: "danh sách kiểm tra" for path in CHECKLISTS},
    "mau-bieu/bien-ban/": "mẫu biểu",
    "van-ban/42-hd-btctw-2025/": "trang tham chiếu văn bản",
    "quy-trinh/sinh-hoat-thuong-ky/?h=chi+b%E1%BB%99": "trang có từ tìm được tô sáng",
    "search:sinh hoạt chuyên đề": "kết quả tìm kiếm",
    "cong-cu/": "mục lục công cụ",
    "cong-cu/lich-hop/": "công cụ lập lịch họp",
    "cong-cu/cham-diem/": "phiếu tự chấm điểm",
}


@dataclass(frozen=True)
class Finding:
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        shown = ", ".join(self.targets[:3]) + (f" … (+{len(self.targets) - 3})" if len(self.targets) > 3 else "")
        return f"[{self.impact}] {self.rule}: {self.help} — {len(self.targets)} nút: {shown}"


def new_phone_page(browser, scheme: str):
    """A fresh 360×740 context in `scheme`; the caller closes page.context."""
    context = browser.new_context(viewport=PHONE, color_scheme=scheme, device_scale_factor=1,
                                  has_touch=True, is_mobile=False)
    return context.new_page()


def open_page(page, base: str, path: str) -> None:
    """Open `path` of the site at `base` ("search:QUERY": type QUERY into the home page's search)."""
    if path.startswith("search:"):
        page.goto(base)
        ui_search(page, path.removeprefix("search:"))
    else:
        page.goto(base + path)
    page.wait_for_load_state("load")
    page.evaluate("() => document.fonts.ready")


def run_axe(page) -> list[Finding]:
    """Every axe finding on the page as it is now (all impacts; filter with FAILING)."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],"
        " rules: {'target-size': {enabled: true}}})", TAGS
    )
    return [
        Finding(v["id"], v["impact"] or "minor", v["help"], tuple(json.dumps(n["target"][-1]) for n in v["nodes"]))
        for v in result["violations"]
    ]


def scheme_of(page) -> str:
    return page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
