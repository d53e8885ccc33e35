"""Checklists: ticks survive a reload (over http and from file://); reset asks, clears, can be undone;
print is empty."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

CHECKLIST = "kiem-tra/truoc-cuoc-hop"


def _tick_reload_reset(page, url: str) -> None:
    page.goto(url)
    boxes = page.locator(".md-content .task-list-item input[type=checkbox]")
    total = boxes.count()
    assert total >= 5, "checklist page should have task list items"
    assert not boxes.nth(0).is_disabled()
    progress = page.locator(".sotay-progress__text")
    assert progress.inner_text() == f"Đã xong 0/{total} việc"
    indicator = page.locator(".md-content .task-list-item .task-list-indicator").nth(0)
    indicator.scroll_into_view_if_needed()  # the page's source box may push the list below the fold
    box = indicator.bounding_box()
    page.mouse.click(box["x"] - 12, box["y"] + box["height"] / 2)  # the drawn box (a ::before)
    page.locator(".md-content .task-list-item").nth(2).click(position={"x": 200, "y": 8})  # the line
    assert progress.inner_text() == f"Đã xong 2/{total} việc"

    page.reload()
    boxes = page.locator(".md-content .task-list-item input[type=checkbox]")
    assert boxes.nth(0).is_checked() and boxes.nth(2).is_checked() and not boxes.nth(1).is_checked()
    assert page.locator(".sotay-progress__text").inner_text() == f"Đã xong 2/{total} việc"

    page.emulate_media(media="print")
    assert not page.locator(".sotay-progress").is_visible()
    indicator_bg = page.evaluate(
        """() => getComputedStyle(document.querySelector(
            '.md-content .task-list-item input:checked + .task-list-indicator'), '::before').backgroundColor"""
    )
    assert indicator_bg in ("rgba(0, 0, 0, 0)", "transparent")
    page.emulate_media(media="screen")

    # Reset asks first ("Giữ lại" keeps every tick), and can be undone.
    page.get_by_role("button", name="Bỏ đánh dấu tất cả").click()
    assert page.locator(".sotay-progress__confirm").inner_text().startswith("Bỏ 2 dấu đã đánh")
    assert progress.inner_text() == f"Đã xong 2/{total} việc"
    page.get_by_role("button", name="Giữ lại").click()
    assert boxes.nth(0).is_checked() and not page.locator(".sotay-progress__confirm").is_visible()
    page.get_by_role("button", name="Bỏ đánh dấu tất cả").click()
    page.get_by_role("button", name="Bỏ hết dấu").click()
    assert progress.inner_text() == f"Đã xong 0/{total} việc"
    page.get_by_role("button", name="Hoàn tác").click()
    assert boxes.nth(0).is_checked() and boxes.nth(2).is_checked()
    assert progress.inner_text() == f"Đã xong 2/{total} việc"
    page.get_by_role("button", name="Bỏ đánh dấu tất cả").click()
    page.get_by_role("button", name="Bỏ hết dấu").click()
    page.reload()
    boxes = page.locator(".md-content .task-list-item input[type=checkbox]")
    assert not any(boxes.nth(i).is_checked() for i in range(total))


def test_ticks_persist_over_http(page_with_log, site_url):
    page, log = page_with_log
    _tick_reload_reset(page, f"{site_url}{CHECKLIST}/")
    assert log.outside(site_url) == []


def test_ticks_persist_from_file(page_with_log, offline_site_dir):
    page, log = page_with_log
    _tick_reload_reset(page, (offline_site_dir / f"{CHECKLIST}.html").as_uri())
    assert log.outside("file://") == []


def test_ticks_are_kept_per_page(page_with_log, site_url):
    page, _ = page_with_log
    page.goto(f"{site_url}{CHECKLIST}/")
    page.locator(".md-content .task-list-item").nth(0).click(position={"x": 200, "y": 8})
    assert page.locator(".md-content .task-list-item input[type=checkbox]").nth(0).is_checked()
    page.goto(f"{site_url}kiem-tra/sau-cuoc-hop/")
    assert not page.locator(".md-content .task-list-item input[type=checkbox]").nth(0).is_checked()


STORE = "() => JSON.parse(localStorage.getItem('sotay:ticks:' + location.pathname) || 'null')"


def test_ticks_are_stored_by_item_key_not_by_position(page_with_log, site_url):
    """The key is the item's data-sotay-check (step id + hash of its text), so an inserted item moves no tick."""
    page, _ = page_with_log
    page.goto(f"{site_url}{CHECKLIST}/")
    items = page.locator(".md-content .task-list-item")
    keys = [items.nth(i).get_attribute("data-sotay-check") for i in range(items.count())]
    assert all(keys) and len(set(keys)) == len(keys), keys
    items.nth(0).click(position={"x": 200, "y": 8})
    items.nth(2).click(position={"x": 200, "y": 8})
    assert sorted(page.evaluate(STORE)) == sorted([keys[0], keys[2]])
    assert not any(k.isdigit() for k in page.evaluate(STORE))


def test_a_position_based_state_is_moved_to_keys_once(page_with_log, site_url):
    page, _ = page_with_log
    page.goto(f"{site_url}{CHECKLIST}/")
    items = page.locator(".md-content .task-list-item")
    keys = [items.nth(i).get_attribute("data-sotay-check") for i in range(items.count())]
    page.evaluate("() => localStorage.setItem('sotay:ticks:' + location.pathname, '{\"0\": 1, \"2\": 1, \"999\": 1}')")
    page.reload()
    boxes = page.locator(".md-content .task-list-item input[type=checkbox]")
    assert boxes.nth(0).is_checked() and boxes.nth(2).is_checked() and not boxes.nth(1).is_checked()
    assert page.evaluate(STORE) == {keys[0]: 1, keys[2]: 1}  # saved at once; the out-of-range position dropped
    page.reload()
    assert page.locator(".sotay-progress__text").inner_text().startswith("Đã xong 2/")


def test_a_hand_written_task_list_is_keyed_by_its_text(page_with_log, site_url):
    page, _ = page_with_log
    page.goto(f"{site_url}tieu-chi/chi-bo-4-tot/")
    item = page.locator(".md-content .task-list-item").nth(0)
    assert item.get_attribute("data-sotay-check") is None
    item.click(position={"x": 200, "y": 8})
    stored = page.evaluate(STORE)
    assert len(stored) == 1 and re.fullmatch(r"t-[0-9a-f]{8}", next(iter(stored))), stored
    page.reload()
    assert page.locator(".md-content .task-list-item input[type=checkbox]").nth(0).is_checked()
