"""WCAG 2.1 AA in Chromium at 360×740: axe-core over every page type in light and dark schemes, the
keyboard path to a checklist box, and the phone details axe cannot see (title, status marks, unticked
look, Word button on the first screen, tables, print, no versions.json outside mike).

SOTAY_SAVE_ARTEFACTS=1 refreshes the screenshots in tests/artefacts/ (for people; nothing compares them).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

from tests.browser.a11y import FAILING, PAGES, PHONE, SCHEMES, new_phone_page, open_page, run_axe, scheme_of
from tests.search_queries import ui_search

pytestmark = pytest.mark.browser

ARTEFACTS = Path(__file__).resolve().parents[1] / "artefacts"
CHECKLIST = "kiem-tra/truoc-cuoc-hop/"
TEMPLATE = "mau-bieu/bien-ban/"
PROCEDURE = "quy-trinh/sinh-hoat-thuong-ky/"


@pytest.fixture
def phone(browser):
    pages = []

    def make(scheme: str = "light"):
        page = new_phone_page(browser, scheme)
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", list(PAGES))
def test_axe_finds_no_serious_violation(phone, site_url, path, scheme):
    page = phone(scheme)
    open_page(page, site_url, path)
    assert scheme_of(page) == ("slate" if scheme == "dark" else "default")
    failing = [f for f in run_axe(page) if f.impact in FAILING]
    assert not failing, f"{path or '/'} ({PAGES[path]}, {scheme}):\n" + "\n".join(map(str, failing))


@pytest.mark.parametrize("scheme", SCHEMES)
def test_tools_in_use_have_no_serious_violation(phone, site_url, scheme):
    """What the scripts add after a choice (the planner's notice and dates, the rubric's result) is audited too."""
    page = phone(scheme)
    page.clock.set_fixed_time(dt.datetime(2026, 12, 10, 9, 0))  # next meeting 3/1/2027, a Sunday: a notice
    open_page(page, site_url, "cong-cu/lich-hop/")
    assert page.locator(".sotay-planner__notice").inner_text().strip()
    page.get_by_label("Loại buổi họp").select_option("chuyen-de")
    failing = [f for f in run_axe(page) if f.impact in FAILING]
    page.goto(site_url + "cong-cu/cham-diem/")
    page.get_by_role("checkbox", name=re.compile(r"^1\.1\. Trên 85%")).check()
    page.get_by_label("Tổng điểm theo phiếu của đảng ủy cấp trên").fill("92")
    assert "Xếp loại" in page.locator(".sotay-rubric__result").inner_text()
    failing += [f for f in run_axe(page) if f.impact in FAILING]
    assert not failing, f"tools in use ({scheme}):\n" + "\n".join(map(str, failing))


def test_axe_is_not_blind(phone, site_url):
    """The same run on a page made worse on purpose must report it (a test that cannot fail is a defect)."""
    page = phone()
    open_page(page, site_url, CHECKLIST)
    page.evaluate("""() => {
        document.querySelectorAll('.md-content input[type=checkbox]').forEach(b => b.removeAttribute('aria-label'));
        document.querySelector('.md-content p').style.color = '#bbbbbb';
    }""")
    rules = {f.rule for f in run_axe(page) if f.impact in FAILING}
    assert {"label", "color-contrast"} <= rules


def test_checklist_boxes_are_named_by_their_item(phone, site_url):
    page = phone()
    page.goto(site_url + CHECKLIST)
    items = page.locator(".md-content .task-list-item")
    first = items.nth(0)
    text = first.evaluate("""li => { const c = li.cloneNode(true);
        c.querySelectorAll('ul, ol, label, sup').forEach(n => n.remove());
        return c.textContent.replace(/\\s+/g, ' ').trim(); }""")
    assert len(text) > 10
    box = page.get_by_role("checkbox", name=text, exact=True)
    assert box.count() == 1 and not box.is_checked()
    assert page.get_by_role("checkbox").count() == items.count()


def test_keyboard_reaches_and_ticks_a_box_with_a_visible_focus_ring(phone, site_url):
    page = phone()
    page.goto(site_url + CHECKLIST)
    page.keyboard.press("Tab")
    skip = page.locator(".md-skip")
    assert page.evaluate("() => document.activeElement.classList.contains('md-skip')"), "first Tab: the skip link"
    assert skip.inner_text().strip() == "Tới nội dung chính"
    box = skip.bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    on_top = page.evaluate("([x, y]) => document.elementFromPoint(x, y)?.closest('.md-skip') !== null",
                           [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
    assert on_top, "the focused skip link is hidden under something on a phone"
    page.keyboard.press("Enter")
    for _press in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.md-content input[type=checkbox]')"):
            break
    else:
        pytest.fail("no checklist box within 10 Tab presses after the skip link")
    index = page.evaluate("() => Array.from(document.querySelectorAll('.md-content input[type=checkbox]'))"
                          ".indexOf(document.activeElement)")
    box = page.locator(".md-content .task-list-item input[type=checkbox]").nth(index)
    indicator = page.locator(".md-content .task-list-item .task-list-indicator").nth(index)
    ring = indicator.evaluate("el => { const s = getComputedStyle(el, '::before');"
                              " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }")
    assert ring[0] != "none" and ring[1] >= 2, f"focus ring: {ring}"
    row = indicator.bounding_box()
    clip = {"x": 0, "y": max(row["y"] - 12, 0), "width": PHONE["width"], "height": row["height"] + 24}
    with_ring = page.screenshot(clip=clip)
    if os.environ.get("SOTAY_SAVE_ARTEFACTS"):
        page.screenshot(path=ARTEFACTS / "phone-checklist-focus.png")
    page.keyboard.press("Space")
    assert box.is_checked()
    assert page.locator(".sotay-progress__text").inner_text().startswith("Đã xong 1/")
    page.keyboard.press("Space")  # untick again, then take focus away: the ring must go
    assert not box.is_checked()
    page.evaluate("() => document.activeElement.blur()")
    assert page.screenshot(clip=clip) != with_ring, "focused and unfocused box look the same"


def test_unticked_box_looks_empty_and_ticked_box_looks_done(phone, site_url):
    for scheme in SCHEMES:
        page = phone(scheme)
        page.goto(site_url + CHECKLIST)
        indicator = ".md-content .task-list-item .task-list-indicator"
        look = """el => { const b = getComputedStyle(el, '::before'), a = getComputedStyle(el, '::after');
            return {fill: b.backgroundColor, page: getComputedStyle(document.body).backgroundColor,
                    border: b.borderTopStyle, tick: a.content}; }"""
        # the real (invisible) box lies exactly on the drawn one and is 24×24 px: a tap on the drawing ticks it
        real, drawn = page.locator(indicator).nth(0).evaluate("""el => {
            const b = getComputedStyle(el, '::before'), r = el.getBoundingClientRect();
            const box = el.previousElementSibling.getBoundingClientRect();
            return [[box.left, box.top, box.width, box.height],
                    [r.left + parseFloat(b.left), parseFloat(b.width), parseFloat(b.height)]]; }""")
        assert abs(real[0] - drawn[0]) <= 1 and real[2] >= 24 and real[3] >= 24 and drawn[1] >= 24, (real, drawn)
        empty = page.locator(indicator).nth(0).evaluate(look)
        assert empty["fill"] == empty["page"] and empty["border"] == "solid" and empty["tick"] in ("none", "normal")
        page.locator(".md-content .task-list-item input[type=checkbox]").nth(0).check()
        done = page.locator(indicator).nth(0).evaluate(look)
        assert done["fill"] != done["page"] and done["tick"] not in ("none", "normal"), (scheme, done)


def test_footnote_references_are_24px_targets(phone, site_url):
    page = phone()
    page.goto(site_url + PROCEDURE)
    sizes = page.evaluate("""() => Array.from(document.querySelectorAll('.md-content a.footnote-ref'))
        .map(a => { const r = a.getBoundingClientRect(); return [a.textContent, r.width, r.height]; })""")
    assert len(sizes) >= 3
    small = [s for s in sizes if s[1] < 24 or s[2] < 24]
    assert not small, f"footnote references under 24×24 px: {small[:5]}"


def test_search_dialog_has_a_name(phone, site_url):
    page = phone()
    page.goto(site_url)
    ui_search(page, "biên bản")
    assert page.get_by_role("dialog", name="Tìm kiếm").count() == 1
    if os.environ.get("SOTAY_SAVE_ARTEFACTS"):
        page.screenshot(path=ARTEFACTS / "phone-search.png")


def test_phone_header_shows_the_whole_title(phone, site_url):
    page = phone()
    page.goto(site_url)
    title = page.locator(".md-header__topic:first-child .md-ellipsis")
    assert title.inner_text().strip() == "Sổ tay sinh hoạt chi bộ"
    clipped = title.evaluate("el => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1")
    assert not clipped, "the site title is cut off at 360 px"
    if os.environ.get("SOTAY_SAVE_ARTEFACTS"):
        page.screenshot(path=ARTEFACTS / "phone-home.png")


def test_nav_shows_no_unexplained_status_icon(phone, site_url):
    page = phone()
    page.goto(site_url)
    page.locator(".md-header label[for=__drawer]").click()  # open the phone menu
    page.wait_for_timeout(400)
    marks = page.evaluate("""() => Array.from(document.querySelectorAll('.md-nav .md-status'))
        .filter(s => s.getClientRects().length && getComputedStyle(s).display !== 'none')
        .map(s => [s.className, s.title, getComputedStyle(s, '::after').content])""")
    assert marks, "the history pages should carry a visible mark"
    for cls, title, content in marks:
        assert title, f"{cls}: no explanation (extra.status)"
        assert content.strip('"') not in ("", "none", "normal"), f"{cls}: an icon without words"


def test_word_button_is_on_the_first_screen_of_a_template_page(phone, site_url):
    page = phone()
    page.goto(site_url + TEMPLATE)
    button = page.get_by_role("link", name="Tải mẫu Word (.docx)").first
    box = button.bounding_box()
    assert box and box["y"] + box["height"] <= PHONE["height"], f"Word button at y={box and box['y']}"
    assert button.get_attribute("href").endswith(".docx")
    if os.environ.get("SOTAY_SAVE_ARTEFACTS"):
        page.screenshot(path=ARTEFACTS / "phone-template.png")
    page.emulate_media(media="print")
    assert page.locator(".md-content .md-button:visible").count() == 0, "buttons on the printed template page"


def test_tables_read_at_360_px(phone, site_url):
    page = phone()
    page.goto(site_url + TEMPLATE)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"], "the page scrolls sideways"
    cells = page.evaluate("""() => Array.from(document.querySelectorAll('.md-content table td'))
        .map(td => td.getBoundingClientRect().width)""")
    assert cells and min(cells) >= 100, f"narrowest cell {min(cells):.0f} px: two words a line"
    wraps = page.locator(".md-typeset__scrollwrap[role=region]")
    assert wraps.count() >= 1, "a table wider than the phone should scroll in its own focusable frame"
    wrap = wraps.first
    assert wrap.get_attribute("tabindex") == "0" and wrap.get_attribute("aria-label").startswith("Bảng")
    wrap.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    assert wrap.evaluate("el => el.scrollLeft") > 0, "arrow keys do not scroll the table"


def test_plain_build_does_not_ask_for_versions_json(page_with_log, site_url):
    page, log = page_with_log
    page.goto(site_url + CHECKLIST)
    page.wait_for_load_state("networkidle")
    assert not [u for u in log.urls if u.endswith("versions.json")]


def test_checklist_screenshot_for_people(phone, site_url):
    if not os.environ.get("SOTAY_SAVE_ARTEFACTS"):
        pytest.skip("SOTAY_SAVE_ARTEFACTS=1 refreshes tests/artefacts/phone-checklist.png")
    page = phone()
    page.goto(site_url + CHECKLIST)
    page.locator(".md-content .task-list-item input[type=checkbox]").nth(1).check()
    page.locator(".sotay-progress").scroll_into_view_if_needed()
    page.screenshot(path=ARTEFACTS / "phone-checklist.png")
    dark = phone("dark")
    dark.goto(site_url + CHECKLIST)
    dark.locator(".sotay-progress").scroll_into_view_if_needed()
    dark.screenshot(path=ARTEFACTS / "phone-checklist-dark.png")


def test_closed_phone_menu_slides_out_for_keyboard_focus(phone, site_url):
    """The drawer's links stay in the Tab order at 360 px: the one with focus must be on screen (WCAG 2.4.7)."""
    page = phone()
    page.goto(site_url + CHECKLIST)
    for _press in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.md-sidebar--primary .md-nav__link')"):
            break
    else:
        pytest.fail("no menu link in the first 12 Tab presses")
    page.wait_for_timeout(400)  # the drawer's slide (0.25 s)
    rect = page.evaluate("() => { const r = document.activeElement.getBoundingClientRect(); "
                         " return [r.left, r.right]; }")
    assert rect[0] >= 0 and rect[1] <= PHONE["width"], f"focused menu link off screen at x={rect[0]:.0f}"
