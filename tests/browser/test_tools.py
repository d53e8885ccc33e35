"""The tools in a real Chromium, over http and from file:// (offline build): the planner's dates and
warnings, the programme printed alone, the calendar file, the self-assessment sheet's total, level, memory,
reset and print; 360 px phones and keyboard use. The meeting model is a test double (tests/meeting_double.py)
rendered with the real renderers and scripts until issue 9's model is in the build."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import icalendar
import pytest
import recurring_ical_events

from sotay import planner, rubric
from sotay.context import DataContext
from sotay.project import Project
from tests.conftest import ROOT
from tests.meeting_double import IN_MEETING_TITLES, QUY_TRINH
from tests.test_tools import SCORED

pytestmark = pytest.mark.browser

JS = ROOT / "overrides" / "assets" / "javascripts"
STUB_PRINT = "window.__printed = []; window.print = () => window.__printed.push(document.documentElement.className); 0"


def _date(page) -> str:
    return page.locator(".sotay-planner__date").inner_text()


_WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


def _model_dates(meeting: dt.date, kind: str = "thuong-ky") -> list[str]:
    """The dates the planner must show: every dated step of the meeting model, and the meeting itself."""
    from sotay.meeting import load_model

    offsets = {s.day_offset for s in load_model(ROOT / "data" / "quy-trinh").kinds[kind].steps
               if s.day_offset is not None} | {0}
    days = [meeting + dt.timedelta(days=o) for o in sorted(offsets)]
    return [f"{_WEEKDAYS[d.weekday()]}, {d.day}/{d.month}/{d.year}" for d in days]


def _unique(dates: list[str]) -> list[str]:
    return list(dict.fromkeys(dates))


def _step_dates(page, kind: str = "thuong-ky") -> list[str]:
    return page.locator(f".sotay-planner .sotay-kind_{kind} .sotay-step__date").all_inner_texts()


# ---------------------------------------------------------------------------------------- planner
def _planner(page, url: str) -> None:
    page.clock.set_fixed_time(dt.datetime(2026, 12, 10, 9, 0))
    page.goto(url)
    # Default: the next meeting. The 3rd of December has passed, so January 2027, whose 3rd is a Sunday.
    assert _date(page) == "Chủ nhật, ngày 3/1/2027"
    notice = page.locator(".sotay-planner__notice")
    assert "là Chủ nhật" in notice.inner_text() and "đảng ủy cấp trên" in notice.inner_text()
    assert "Hậu Giang" in notice.inner_text()
    assert notice.locator('a[href="#tien-le"]').count() == 1 and page.locator("#tien-le").count() == 1
    assert _unique(_step_dates(page)) == _model_dates(dt.date(2027, 1, 3))  # the date is never moved

    page.get_by_label("Tháng", exact=True).select_option("12")
    page.get_by_label("Năm").select_option("2026")
    assert _date(page) == "Thứ Năm, ngày 3/12/2026"
    assert _unique(_step_dates(page)) == _model_dates(dt.date(2026, 12, 3))
    assert notice.inner_text().strip() == ""
    assert page.locator(".sotay-programme__date").first.inner_text() == "ngày 3/12/2026 (Thứ Năm)"

    page.reload()
    assert _date(page) == "Thứ Năm, ngày 3/12/2026"  # kept in the browser
    page.get_by_role("button", name="Tháng sau").click()
    assert _date(page) == "Chủ nhật, ngày 3/1/2027"
    page.get_by_label("Tháng", exact=True).select_option("9")
    assert "có thể là ngày nghỉ" in notice.inner_text() and "Quốc khánh" in notice.inner_text()
    page.get_by_label("Tháng", exact=True).select_option("5")
    page.get_by_label("Năm").select_option("2026")
    assert _date(page) == "Chủ nhật, ngày 3/5/2026" and "là Chủ nhật" in notice.inner_text()

    ics = page.locator("article a.sotay-ics", has_text="Thêm vào lịch điện thoại")
    assert ics.get_attribute("href").endswith("lich-sinh-hoat-chi-bo.ics")

    page.evaluate(STUB_PRINT)
    page.get_by_role("button", name="In chương trình").click()
    assert "sotay-print-programme" in page.evaluate("window.__printed")[0]
    page.evaluate("document.documentElement.classList.add('sotay-print-programme')")
    page.emulate_media(media="print")
    assert page.locator(".sotay-programme-sheet").is_visible()
    assert not page.locator(".sotay-planner").is_visible() and not page.locator("#tien-le").is_visible()
    page.emulate_media(media="screen")


def test_planner_over_http(page_with_log, site_url):
    page, log = page_with_log
    _planner(page, f"{site_url}cong-cu/lich-hop/")
    assert log.outside(site_url) == []


def test_planner_from_file(page_with_log, offline_site_dir):
    page, log = page_with_log
    _planner(page, (offline_site_dir / "cong-cu" / "lich-hop.html").as_uri())
    assert log.outside("file://") == []
    href = page.locator("article a.sotay-ics", has_text="Thêm vào lịch điện thoại").get_attribute("href")
    assert (offline_site_dir / "cong-cu" / href).is_file()


def test_planner_defaults_to_this_month_until_the_3rd(page_with_log, site_url):
    page, _ = page_with_log
    page.clock.set_fixed_time(dt.datetime(2026, 12, 3, 20, 0))
    page.goto(f"{site_url}cong-cu/lich-hop/")
    assert _date(page) == "Thứ Năm, ngày 3/12/2026"


def test_published_calendar_file_expands_to_the_next_12_meetings(site_dir):
    calendar = icalendar.Calendar.from_ical((site_dir / planner.ICS_PATH).read_bytes())
    first = min(e["DTSTART"].dt for e in calendar.walk("VEVENT") if "Sinh hoạt" in str(e["SUMMARY"]))
    assert first.day == 3 and first >= dt.date.today() - dt.timedelta(days=31)
    end = first + dt.timedelta(days=360)
    meetings = sorted(e["DTSTART"].dt for e in recurring_ical_events.of(calendar).between(first, end)
                      if "Sinh hoạt" in str(e["SUMMARY"]))
    assert len(meetings) == 12 and all(d.day == 3 for d in meetings)
    assert len({(d.year, d.month) for d in meetings}) == 12


# ---------------------------------------------------------------------------------------- model double
@pytest.fixture(scope="module")
def model_ctx() -> DataContext:
    ctx = DataContext.load(Project.load(ROOT))
    ctx.meetings = QUY_TRINH
    tet = planner.Holiday("Tết Âm lịch (ngày thử)", 2, 3, 2027)
    ctx.calendar = dataclasses.replace(ctx.calendar, holidays=(*ctx.calendar.holidays, tet))
    return ctx


def _harness(page, body: str, script: str) -> None:
    page.set_content('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"></head><body>'
                     f'<div class="md-content"><article class="md-content__inner md-typeset">{body}'
                     "</article></div></body></html>")
    page.add_script_tag(content=(JS / "ready.js").read_text(encoding="utf-8"))
    page.add_script_tag(content=(JS / script).read_text(encoding="utf-8"))


def test_planner_and_programme_follow_the_meeting_model(page_with_log, model_ctx):
    page, _ = page_with_log
    url = "cong-cu/lich-hop/"
    body = (planner.render_planner(model_ctx, url) + planner.render_programme(model_ctx, url)
            + planner.render_holidays(model_ctx, url))
    page.clock.set_fixed_time(dt.datetime(2027, 1, 20, 9, 0))
    _harness(page, body, "planner.js")
    assert _date(page) == "Thứ Tư, ngày 3/2/2027"
    assert "trùng ngày nghỉ lễ Tết Âm lịch (ngày thử)" in page.locator(".sotay-planner__notice").inner_text()
    assert _step_dates(page) == ["Thứ Tư, 27/1/2027", "Thứ Ba, 2/2/2027", "Thứ Tư, 3/2/2027", "Thứ Sáu, 5/2/2027"]

    page.emulate_media(media="print")
    steps = page.locator(".sotay-programme-sheet .sotay-programme__step")
    visible = [steps.nth(i) for i in range(steps.count()) if steps.nth(i).is_visible()]
    assert [re.sub(r" \(khoảng.*", "", s.locator("a").inner_text()) for s in visible] == IN_MEETING_TITLES
    assert all("Người thực hiện: …" in s.inner_text() for s in visible)
    page.emulate_media(media="screen")

    page.get_by_label("Loại buổi họp").select_option("chuyen-de")
    assert _step_dates(page, "chuyen-de") == ["Thứ Sáu, 29/1/2027", "Thứ Tư, 3/2/2027"]
    assert not page.locator(".sotay-programme-sheet .sotay-kind_thuong-ky").is_visible()
    assert page.locator(".sotay-programme-sheet .sotay-kind_chuyen-de").is_visible()


# ---------------------------------------------------------------------------------------- rubric
def _rubric(page, url: str) -> None:
    page.goto(url)
    result = page.locator(".sotay-rubric__result")
    total = page.locator(".sotay-rubric tr.sotay-item").count()
    assert total == 17 and result.inner_text().startswith(f"Đã chấm 0/{total} tiêu chí")
    page.get_by_role("checkbox", name=re.compile(r"^1\.1\. Trên 85%")).check()
    page.locator("#dong-bien-ban").click(position={"x": 30, "y": 10})  # the whole row ticks, on a phone too
    assert result.inner_text().startswith(f"Đã chấm 2/{total} tiêu chí")
    assert "Nhập tổng điểm" in result.inner_text()  # no invented points: the total is the committee's
    field = page.get_by_label("Tổng điểm theo phiếu của đảng ủy cấp trên")
    field.fill("92")
    assert "Xếp loại: Khá" in result.inner_text()  # ≥ 90 without the four full marks
    page.get_by_role("checkbox", name=re.compile("Đạt điểm tối đa")).check()
    assert "Xếp loại: Tốt" in result.inner_text()
    assert page.locator("#muc-tot").get_attribute("aria-current") == "true"
    field.fill("65")
    assert "Xếp loại: Trung bình" in result.inner_text()

    page.reload()
    result = page.locator(".sotay-rubric__result")
    assert result.inner_text().startswith(f"Đã chấm 2/{total} tiêu chí") and "Trung bình" in result.inner_text()
    assert page.locator("#dat-bien-ban").is_checked()

    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Xóa phiếu").click()
    assert page.locator("#dat-bien-ban").is_checked()  # cancelled: nothing cleared
    messages = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="Xóa phiếu").click()
    assert messages and "Xóa" in messages[0]
    page.reload()
    assert page.locator(".sotay-rubric__result").inner_text().startswith(f"Đã chấm 0/{total}")
    assert page.get_by_label("Tổng điểm theo phiếu của đảng ủy cấp trên").input_value() == ""

    page.locator("#dat-ty-le-du").check()
    page.evaluate(STUB_PRINT)
    page.get_by_role("button", name="In phiếu trống").click()
    page.get_by_role("button", name="In phiếu đã chấm").click()
    printed = page.evaluate("window.__printed")
    assert "sotay-print-blank" in printed[0] and "sotay-print-rubric" in printed[0]
    assert "sotay-print-blank" not in printed[1] and "sotay-print-rubric" in printed[1]
    page.evaluate("document.documentElement.classList.add('sotay-print-rubric', 'sotay-print-blank')")
    page.emulate_media(media="print")
    assert not result.is_visible() and not page.locator(".sotay-rubric__controls").is_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('#dat-ty-le-du')).appearance") == "none"
    assert page.locator(".sotay-rubric").is_visible() and not page.locator("#thay-phieu").is_visible()
    page.emulate_media(media="screen")


def test_rubric_over_http(page_with_log, site_url):
    page, log = page_with_log
    _rubric(page, f"{site_url}cong-cu/cham-diem/")
    assert log.outside(site_url) == []


def test_rubric_from_file(page_with_log, offline_site_dir):
    page, log = page_with_log
    _rubric(page, (offline_site_dir / "cong-cu" / "cham-diem.html").as_uri())
    assert log.outside("file://") == []


def test_a_scored_rubric_adds_points_and_classifies(page_with_log):
    page, _ = page_with_log
    from pathlib import Path

    _harness(page, rubric.render_rubric(rubric.parse_rubric(Path("cham-diem.yml"), SCORED)), "rubric.js")
    result = page.locator(".sotay-rubric__result")
    assert "Tổng: 0/10 điểm" in result.inner_text() and "Xếp loại: Kém" in result.inner_text()
    page.get_by_role("checkbox", name="1.1. Tiêu chí x").check()
    assert "Tổng: 4/10 điểm" in result.inner_text() and "Xếp loại: Kém" in result.inner_text()
    page.get_by_role("radio", name="Đủ (6 điểm)").check()
    assert "Tổng: 10/10 điểm" in result.inner_text() and "Xếp loại: Khá" in result.inner_text()
    page.get_by_role("checkbox", name="Điều kiện").check()
    assert "Xếp loại: Tốt" in result.inner_text()
    page.get_by_role("radio", name="Thiếu (2 điểm)").check()
    assert "Tổng: 6/10 điểm" in result.inner_text() and "Xếp loại: Khá" in result.inner_text()
    assert page.get_by_role("radiogroup", name=re.compile("Tiêu chí y")).count() == 1


# ---------------------------------------------------------------------------------------- phones, keyboard
@pytest.mark.parametrize("slug", ["lich-hop", "cham-diem", ""])
def test_tools_fit_a_360px_phone(browser, site_url, slug):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{site_url}cong-cu/{slug + '/' if slug else ''}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


def test_tools_work_from_the_keyboard(page_with_log, site_url):
    page, _ = page_with_log
    page.clock.set_fixed_time(dt.datetime(2026, 12, 10, 9, 0))
    page.goto(f"{site_url}cong-cu/lich-hop/")
    page.get_by_label("Tháng", exact=True).focus()
    page.keyboard.press("ArrowDown")  # January 2027 (the default) → February
    assert _date(page) == "Thứ Tư, ngày 3/2/2027"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # "Tháng trước"
    assert page.evaluate("document.activeElement.textContent") == "Tháng trước"
    assert _date(page) == "Chủ nhật, ngày 3/1/2027"

    page.goto(f"{site_url}cong-cu/cham-diem/")
    page.get_by_role("checkbox", name=re.compile(r"^1\.1\.")).focus()
    page.keyboard.press("Space")
    assert page.locator(".sotay-rubric__result").inner_text().startswith("Đã chấm 1/")
