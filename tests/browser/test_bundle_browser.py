"""The offline bundle in Debian's Chromium: opened from file:// (links, ticks, glossary, search,
downloads; no request leaves file://) and each checklist printed on one A4 sheet.

Uses the session `browser` of tests/browser/conftest.py (one Playwright per session) and the bundle
built once per session by tests/bundle_support.py.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from sotay.bundle import zip_name

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bundle_support import ARTEFACTS, CHECKLISTS, VERSION, build_dist, pdftotext  # noqa: E402

pytestmark = pytest.mark.browser

@pytest.fixture(scope="session")
def usb(tmp_path_factory) -> Path:
    """The zip unpacked into a fresh folder, as a commune office copies it from a USB stick."""
    target = tmp_path_factory.mktemp("usb-browser")
    with zipfile.ZipFile(build_dist(tmp_path_factory) / zip_name(VERSION)) as archive:
        archive.extractall(target)
    return target


@pytest.fixture
def page(browser):
    """A fresh context (own localStorage); `page.requests` lists every URL the page asked for."""
    context = browser.new_context()
    new_page = context.new_page()
    new_page.requests = []
    context.on("request", lambda request: new_page.requests.append(request.url))
    yield new_page
    context.close()


def _tick(page, index: int) -> None:
    """Tick a box as a click would (the styled box is a pseudo-element Playwright cannot target)."""
    page.locator(".md-content .task-list-item input[type=checkbox]").nth(index).evaluate("box => box.click()")


def _outside_file(urls: list[str]) -> list[str]:
    return [u for u in urls if not u.startswith(("file://", "data:", "blob:", "about:"))]


def test_offline_bundle_works_from_file_urls(page, usb):
    page.goto((usb / "index.html").as_uri())
    assert "Sổ tay sinh hoạt chi bộ" in page.title()
    # follow links: the nav to a checklist, then a content link to a template page
    page.locator(".md-nav__link[href$='kiem-tra/truoc-cuoc-hop.html']").first.dispatch_event("click")
    page.wait_for_url("**/kiem-tra/truoc-cuoc-hop.html")
    page.locator(".md-content a[href$='mau-bieu/chuong-trinh.html']").first.click()
    page.wait_for_url("**/mau-bieu/chuong-trinh.html")
    assert page.locator(".md-content a[href$='.docx']").count() >= 1
    # tick a box, reload from file://, still ticked
    page.goto((usb / "kiem-tra" / "truoc-cuoc-hop.html").as_uri())
    _tick(page, 1)
    page.reload()
    assert page.locator(".md-content .task-list-item input[type=checkbox]").nth(1).is_checked()
    # glossary: abbreviations carry their expansion for the tooltip
    assert page.locator(".md-content abbr[title]").count() >= 1
    # search from file://
    page.goto((usb / "index.html").as_uri())
    page.locator(".md-search__input").fill("biên bản")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert page.locator(".md-search-result__item a[href*='bien-ban']").count() >= 1
    assert _outside_file(page.requests) == []


@pytest.mark.parametrize("name", CHECKLISTS)
def test_checklist_prints_on_one_a4_sheet(page, usb, name, tmp_path):
    page.goto((usb / "kiem-tra" / f"{name}.html").as_uri())
    _tick(page, 0)
    assert page.locator(".md-content .task-list-item input[type=checkbox]").nth(0).is_checked()
    assert page.locator(".sotay-progress__print").is_visible()  # the "In danh sách" button
    page.emulate_media(media="print")
    assert page.locator(".sotay-print-sheet .sotay-qr").is_visible()
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(page.pdf(prefer_css_page_size=True, print_background=True))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M), f"{name} prints on more than one sheet"
    assert "(A4)" in info, info
    text = pdftotext(pdf)
    flat = re.sub(r"\s+", "", text)  # the long address wraps on the sheet
    assert f"Ấnbản{VERSION}" in flat and f"kiem-tra/{name}/" in flat
    assert _outside_file(page.requests) == []
    if name == CHECKLISTS[0] and os.environ.get("SOTAY_SAVE_ARTEFACTS"):
        ARTEFACTS.mkdir(exist_ok=True)
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-singlefile", str(pdf), str(ARTEFACTS / "checklist-print")],
                       check=True)
