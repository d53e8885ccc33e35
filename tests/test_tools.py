"""The tools of cong-cu/: date rules and holidays (data/lich-hop.yml), the calendar file, the planner and
programme rendered from the meeting model (a test double until issue 9 lands), the rubric and its schema."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
from pathlib import Path
from types import SimpleNamespace

import icalendar
import pytest
import recurring_ical_events
import yaml

from sotay import calendar_ics, planner, rubric
from sotay.context import DataContext
from sotay.errors import ConfigError
from sotay.project import Project
from tests import mini_project
from tests.conftest import ROOT
from tests.meeting_double import IN_MEETING_TITLES, QUY_TRINH

RUBRIC_PATH = ROOT / "data" / "cham-diem.yml"


@pytest.fixture(scope="module")
def ctx() -> DataContext:
    return DataContext.load(Project.load(ROOT))


@pytest.fixture
def model_ctx(ctx):
    """The real context with the meeting model double attached, as `DataContext.meetings` will be."""
    ctx.meetings = copy.deepcopy(QUY_TRINH)
    yield ctx
    del ctx.meetings


# ---------------------------------------------------------------------------------------- date rules
def test_date_rules_and_holidays_come_from_the_data_file(ctx):
    rules = ctx.calendar
    assert (rules.meeting_day, rules.materials_days_before, rules.materials_day) == (3, 1, 2)
    fixed = {(h.month, h.day): h.name for h in rules.holidays if h.year is None}
    assert fixed == {(1, 1): "Tết Dương lịch", (4, 30): "Ngày Chiến thắng", (5, 1): "Ngày Quốc tế lao động",
                     (9, 2): "Quốc khánh"}
    assert [r.url for r in map(rules.references.get, rules.holiday_sources)][0].startswith("https://thuvienphapluat")
    assert "747-CV/TU" in rules.precedent["title"] and rules.precedent["sources"] == ("cv747-haugiang",)
    assert [v.get("months") for v in rules.variable] == [None, None, [9]]


def _write(tmp_path: Path, name: str, data) -> Path:
    (tmp_path / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("change", "field"), [
    (lambda d: d.update(meeting_day=31), "'meeting_day'"),
    (lambda d: d.update(materials_days_before=3), "'materials_days_before'"),
    (lambda d: d["rules"][0].update(sources=["khong-co"]), "'rules/0/sources'"),
    (lambda d: d["holidays"]["fixed"][0].pop("name"), "'holidays/fixed/0'"),
    (lambda d: d["holidays"]["years"].update({"2027": [{"date": "2026-02-03", "name": "Tết", "source": "x"}]}),
     "'holidays/years/2027/0/date'"),
])
def test_a_malformed_calendar_file_names_file_and_field(tmp_path, change, field):
    data = yaml.safe_load((ROOT / "data" / "lich-hop.yml").read_text(encoding="utf-8"))
    change(data)
    with pytest.raises(ConfigError) as error:
        planner.load_calendar(_write(tmp_path, "lich-hop.yml", data))
    assert "lich-hop.yml" in str(error.value) and field in str(error.value), str(error.value)


# ---------------------------------------------------------------------------------------- calendar file
def _ics(ctx, start: dt.date) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(calendar_ics.build_ics(ctx.calendar, start, "https://x.example/cong-cu/"))


def test_calendar_expands_to_the_3rd_of_the_next_12_months(ctx):
    start = dt.date(2026, 12, 10)
    calendar = _ics(ctx, start)
    events = recurring_ical_events.of(calendar).between(start, dt.date(2027, 12, 10))
    meetings = sorted(e["DTSTART"].dt for e in events if str(e["SUMMARY"]).startswith("Sinh hoạt chi bộ"))
    deadlines = sorted(e["DTSTART"].dt for e in events if "Sổ tay đảng viên điện tử" in str(e["SUMMARY"]))
    assert meetings == [dt.date(2027, month, 3) for month in range(1, 13)]
    assert deadlines == [dt.date(2027, month, 2) for month in range(1, 13)]
    for event in calendar.walk("VEVENT"):
        alarms = event.walk("VALARM")
        assert len(alarms) == 1 and alarms[0]["TRIGGER"].dt == dt.timedelta(hours=-15)
        assert event["UID"] and event["DTSTAMP"] and event["RRULE"]["FREQ"] == ["MONTHLY"]


def test_calendar_starts_on_the_edition_date_when_it_is_a_meeting_day(ctx):
    events = recurring_ical_events.of(_ics(ctx, dt.date(2027, 3, 3))).between(dt.date(2027, 3, 1), dt.date(2027, 4, 1))
    assert sorted(e["DTSTART"].dt for e in events) == [dt.date(2027, 3, 3)]  # the 2nd of March is before it


def test_calendar_file_is_rfc5545_text(ctx):
    raw = calendar_ics.build_ics(ctx.calendar, dt.date(2026, 12, 2))
    lines = raw.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR" and b"VERSION:2.0" in lines and lines[-2] == b"END:VCALENDAR"
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in raw.replace(b"\r\n", b"")


# ---------------------------------------------------------------------------------------- planner
def _rows(fragment: str) -> list[tuple[str, str]]:
    return re.findall(r'<tr class="sotay-step (sotay-offset_\w+)"><td>(.*?)</td>', fragment)


def test_planner_dates_every_dated_step_of_the_model(model_ctx):
    out = planner.render_planner(model_ctx, "cong-cu/lich-hop/")
    blocks = out.split('<div class="sotay-kind ')[1:]
    assert blocks[0].startswith("sotay-kind_thuong-ky\"")  # the default kind first, for the PDF and print
    assert blocks[1].startswith("sotay-kind_chuyen-de sotay-screen-only\"")
    rows = _rows(blocks[0])
    assert [r[0] for r in rows] == ["sotay-offset_m7", "sotay-offset_m1", "sotay-offset_p0", "sotay-offset_p2"]
    assert 'href="../../quy-trinh/sinh-hoat-thuong-ky/#hop-chi-uy">Họp chi ủy chuẩn bị</a>' in rows[0][1]
    # A kind with no step on the day itself still shows the meeting row (from data/lich-hop.yml).
    assert [r[0] for r in _rows(blocks[1])] == ["sotay-offset_m5", "sotay-offset_p0"]


def test_programme_lists_the_in_meeting_steps_in_order_with_blank_names(model_ctx):
    out = planner.render_programme(model_ctx, "cong-cu/lich-hop/")
    first = out.split('<div class="sotay-kind ')[1]
    titles = re.findall(r'<li class="sotay-programme__step"><a [^>]+>([^<]+)</a>', first)
    assert titles == IN_MEETING_TITLES
    assert first.count("Người thực hiện: …") == 3 and "Thời lượng tối thiểu: 90 phút" in first


def test_plan_kinds_reads_model_objects_as_well_as_the_json_shape():
    step = SimpleNamespace(id="hop", phase="chuan-bi", title="Họp chi ủy", who="Chi ủy", minutes=None,
                           day_offset=-3)
    kind = SimpleNamespace(id="thuong-ky", title="Thường kỳ", minimum_minutes=90, steps=[step],
                           page="quy-trinh/sinh-hoat-thuong-ky/")
    (planned,) = planner.plan_kinds({"thuong-ky": kind})
    assert planned.steps[0].day_offset == -3 and planned.steps[0].page == "quy-trinh/sinh-hoat-thuong-ky/#hop"
    assert [k.id for k in planner.plan_kinds(QUY_TRINH)] == ["thuong-ky", "chuyen-de"]


def test_without_the_model_the_planner_uses_the_rules_and_points_to_the_template(ctx, monkeypatch):
    assert not hasattr(ctx, "meetings")
    monkeypatch.setitem(ctx.project.config, "use_directory_urls", False)  # the offline build's URLs
    rows = _rows(planner.render_planner(ctx, "cong-cu/lich-hop.html"))
    assert [r[0] for r in rows] == ["sotay-offset_m1", "sotay-offset_p0"]
    assert 'href="../quy-trinh/sinh-hoat-thuong-ky.html#gui-tai-lieu"' in rows[0][1]  # no directory URLs
    assert 'href="../mau-bieu/chuong-trinh.html"' in planner.render_programme(ctx, "cong-cu/lich-hop.html")


def test_relative_links_keep_directory_slashes():
    assert planner.relative_link("quy-trinh/x/", "cong-cu/lich-hop/") == "../../quy-trinh/x/"
    assert planner.relative_link("cong-cu/a.ics", "cong-cu/lich-hop.html") == "a.ics"
    assert planner.site_url("index.md#a", True) == "#a" and planner.site_url("a/index.md", False) == "a/index.html"


def test_citations_in_data_text_are_linked_and_checked(ctx):
    out = planner.render_holidays(ctx, "cong-cu/lich-hop/")
    assert '<a href="../../van-ban/747-cv-tu-hau-giang-2023/"' in out and "[747-CV/TU]" not in out
    assert planner.check_args((), ctx) is None
    saved = ctx.calendar
    ctx.calendar = dataclasses.replace(saved, precedent={**saved.precedent, "title": "Công văn 999-CV/TU"})
    try:
        assert "999-CV/TU" in planner.check_args((), ctx)
        wrong_date = {**saved.precedent, "title": "Công văn 747-CV/TU ngày 1/1/2020"}
        ctx.calendar = dataclasses.replace(saved, precedent=wrong_date)
        assert "747-CV/TU ngày 2020-01-01" in planner.check_args((), ctx)  # a date the registry does not give
    finally:
        ctx.calendar = saved


# ---------------------------------------------------------------------------------------- rubric
def test_shipped_rubric_invents_no_points_and_keeps_the_binh_thuan_levels(ctx):
    sheet = ctx.rubric
    assert not sheet.scored and all(i.points is None and not i.options for i in sheet.items)
    assert [(lv.label, lv.min) for lv in sheet.levels] == [("Tốt", 90), ("Khá", 70), ("Trung bình", 50), ("Kém", 0)]
    assert all(lv.sources == ("w32",) for lv in sheet.levels)
    assert sheet.references["w32"].url.startswith("https://stdt.danguykhoibinhthuan.vn/")
    assert {k for g in sheet.groups for k in g.sources} == {"w33", "w34", "w35"}
    assert not sheet.official_form and "Ban biên soạn" in sheet.authority
    html = rubric.render_rubric(sheet, ctx, "cong-cu/cham-diem/")
    assert "sotay-points_" not in html and html.count('class="sotay-item"') == len(sheet.items)


SCORED = {
    "id": "thu", "title": "Phiếu thử", "authority": "Đảng ủy thử", "official_form": True, "note": "Phiếu thử.",
    "max_points": 10,
    "groups": [{"id": "a", "title": "Nhóm A", "sources": ["r"], "items": [
        {"id": "x", "text": "Tiêu chí x", "points": 4},
        {"id": "y", "text": "Tiêu chí y", "options": [{"id": "du", "label": "Đủ", "points": 6},
                                                     {"id": "thieu", "label": "Thiếu", "points": 2}]},
    ]}],
    "levels": [{"id": "tot", "label": "Tốt", "min": 9, "sources": ["r"], "conditions": ["Điều kiện"]},
               {"id": "kha", "label": "Khá", "min": 5, "sources": ["r"]},
               {"id": "kem", "label": "Kém", "min": 0, "sources": ["r"]}],
    "references": {"r": {"title": "Nguồn thử", "url": "https://example.org/", "authority": "thử"}},
}


def test_a_scored_rubric_carries_points_and_thresholds():
    sheet = rubric.parse_rubric(Path("data/cham-diem.yml"), copy.deepcopy(SCORED))
    html = rubric.render_rubric(sheet)
    assert sheet.scored and 'sotay-max_10' in html and 'class="sotay-item sotay-points_4"' in html
    assert 'sotay-option sotay-points_6' in html and 'sotay-level sotay-min_9' in html


@pytest.mark.parametrize(("change", "field"), [
    (lambda d: d.pop("levels"), "trường '(gốc)'"),
    (lambda d: d["groups"][0]["items"][0].update(points="bốn"), "trường 'groups/0/items/0/points'"),
    (lambda d: d["groups"][0].update(sources=["khong-co"]), "trường 'groups/0/sources'"),
    (lambda d: d["levels"][1].update(min=12), "trường 'levels/1/min'"),
    (lambda d: d["levels"][2].update(min=1), "trường 'levels/2/min'"),
    (lambda d: d.update(max_points=100), "trường 'max_points'"),
    (lambda d: d["groups"][0]["items"][0].pop("points"), "trường 'groups/…/items/x'"),
    (lambda d: d["groups"][0]["items"][1].update(points=3), "trường 'groups/0/items/1'"),
    (lambda d: d["groups"][0]["items"][1]["options"][1].update(id="du"), "trường 'groups/0/items/1/options/1/id'"),
    (lambda d: d["references"]["r"].update(url="file:///etc/passwd"), "trường 'references/r/url'"),
])
def test_a_malformed_rubric_names_file_and_field(change, field):
    data = copy.deepcopy(SCORED)
    change(data)
    with pytest.raises(ConfigError) as error:
        rubric.parse_rubric(Path("data/cham-diem.yml"), data)
    assert "data/cham-diem.yml" in str(error.value) and field in str(error.value), str(error.value)


@pytest.mark.slow
def test_a_malformed_rubric_fails_the_build(tmp_path):
    project = mini_project.make(tmp_path)
    data = yaml.safe_load(RUBRIC_PATH.read_text(encoding="utf-8"))
    data["levels"][1]["min"] = 95
    (project / "data" / "cham-diem.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = mini_project.build(project)
    assert result.returncode != 0
    assert "cham-diem.yml" in result.stderr and "trường 'levels/1/min'" in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
