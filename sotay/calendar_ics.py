"""The calendar file (RFC 5545) published with the site: the monthly meeting and the materials deadline.

Written with the `icalendar` package (a maintained RFC 5545 writer and parser) rather than by hand, so
folding, escaping and value types are right. Two all-day events repeat monthly (RRULE BYMONTHDAY):

- the meeting on `meeting_day` (the 3rd, Chỉ thị 50-CT/TW), reminded at 09:00 the day before;
- the deadline for the materials on the Sổ tay đảng viên điện tử (`materials_days_before` days before,
  Hướng dẫn 42-HD/BTCTW), reminded at 09:00 the day before the deadline.

Both start at the first such day on or after the edition's date, so a build is reproducible
(SOTAY_DATE) and a phone shows the coming months. The calendar never moves a date that falls on a
Sunday or a holiday: the description says to ask the đảng ủy cấp trên, as the planner page does.
"""

from __future__ import annotations

import datetime as dt

import icalendar

from sotay.planner import CalendarRules

PRODID = "-//So tay sinh hoat chi bo//Lich sinh hoat//VI"
UID_DOMAIN = "so-tay-sinh-hoat-chi-bo"
REMINDER = dt.timedelta(hours=-15)  # 09:00 on the day before an all-day event (which starts at 00:00)


def first_on_or_after(day: int, start: dt.date) -> dt.date:
    """The first date with day-of-month `day` on or after `start` (day ≤ 28: every month has it)."""
    candidate = start.replace(day=day)
    if candidate < start:
        year, month = (start.year + 1, 1) if start.month == 12 else (start.year, start.month + 1)
        candidate = dt.date(year, month, day)
    return candidate


def _event(uid: str, summary: str, description: str, day: int, start: dt.date, stamp: dt.datetime,
           url: str, alarm_text: str) -> icalendar.Event:
    first = first_on_or_after(day, start)
    event = icalendar.Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", first)
    event.add("dtend", first + dt.timedelta(days=1))
    event.add("rrule", {"freq": "monthly", "bymonthday": day})
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    if url:
        event.add("url", url)
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", alarm_text)
    alarm.add("trigger", REMINDER)
    event.add_component(alarm)
    return event


def build_ics(rules: CalendarRules, start: dt.date, planner_url: str = "") -> bytes:
    """The .ics bytes; `start` is the edition's date, `planner_url` the planner page online (may be empty)."""
    stamp = dt.datetime.combine(start, dt.time(0, 0), tzinfo=dt.UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Sinh hoạt chi bộ")
    see = f" Xem: {planner_url}" if planner_url else ""
    calendar.add_component(_event(
        "sinh-hoat-chi-bo-hang-thang",
        f"Sinh hoạt chi bộ (ngày {rules.meeting_day} hằng tháng)",
        f"Chỉ thị 50-CT/TW: toàn Đảng sinh hoạt chi bộ vào ngày {rules.meeting_day} hằng tháng. "
        "Ngày này trùng Chủ nhật hoặc ngày lễ thì hỏi đảng ủy cấp trên; lịch không tự dời ngày." + see,
        rules.meeting_day, start, stamp, planner_url,
        f"Ngày mai sinh hoạt chi bộ (ngày {rules.meeting_day}).",
    ))
    calendar.add_component(_event(
        "han-tai-lieu-so-tay-dang-vien-dien-tu",
        "Hạn đưa tài liệu sinh hoạt lên Sổ tay đảng viên điện tử",
        f"Hướng dẫn 42-HD/BTCTW: tài liệu sinh hoạt đưa lên Sổ tay đảng viên điện tử ít nhất "
        f"{rules.materials_days_before} ngày trước ngày sinh hoạt." + see,
        rules.materials_day, start, stamp, planner_url,
        "Ngày mai là hạn đưa tài liệu sinh hoạt chi bộ lên Sổ tay đảng viên điện tử.",
    ))
    return calendar.to_ical()
