"""The tools in the bundle: in the offline zip with the calendar file, in the Kiwix file, and in the PDF as
blank printable pages (dates and names left as dotted lines, no screen-only controls or other kinds)."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

from sotay.bundle import pdf_name, zim_name, zip_name

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from bundle_support import VERSION, build_dist, pdftotext  # noqa: E402

pytestmark = pytest.mark.slow
PAGES = ["cong-cu/index.html", "cong-cu/lich-hop.html", "cong-cu/cham-diem.html"]
ICS = "cong-cu/lich-sinh-hoat-chi-bo.ics"


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    return build_dist(tmp_path_factory)


def test_offline_zip_has_the_tools_their_scripts_and_the_calendar(dist):
    with zipfile.ZipFile(dist / zip_name(VERSION)) as archive:
        names = set(archive.namelist())
        planner_page = archive.read("cong-cu/lich-hop.html").decode("utf-8")
        ics = archive.read(ICS)
    assert set(PAGES) <= names
    assert {"assets/javascripts/planner.js", "assets/javascripts/rubric.js"} <= names
    assert 'href="lich-sinh-hoat-chi-bo.ics"' in planner_page and "planner.js" in planner_page
    assert ics.startswith(b"BEGIN:VCALENDAR\r\n") and b"RRULE:FREQ=MONTHLY;BYMONTHDAY=3" in ics


def test_kiwix_file_has_the_tools_and_the_calendar(dist):
    from libzim.reader import Archive

    archive = Archive(str(dist / zim_name(VERSION)))
    assert archive.get_entry_by_path("cong-cu/lich-hop.html").title.startswith("Lịch họp tháng")
    assert archive.get_entry_by_path("cong-cu/cham-diem.html").title.startswith("Phiếu tự chấm điểm")
    item = archive.get_entry_by_path(ICS).get_item()
    assert item.mimetype == "text/calendar" and bytes(item.content).startswith(b"BEGIN:VCALENDAR")


def test_pdf_has_blank_printable_tools(dist):
    text = pdftotext(dist / pdf_name(VERSION))
    planner = text[text.index("Ngày họp và các việc trong tháng"):text.index("Sửa danh sách ngày nghỉ")]
    assert "Ngày họp: ngày 3 tháng …… năm ………" in planner
    assert planner.count("……/……/……\n") >= 2  # every dated step left blank (on one line) to fill in by hand
    assert "Tiền lệ: Tỉnh ủy Hậu Giang" in planner and "Quốc khánh" in planner
    assert "Tháng trước" not in planner and "Loại buổi họp" not in planner  # no script-made controls
    sheet = text[text.index("Phiếu tự đánh giá chất lượng buổi sinh hoạt chi bộ (tham khảo)"):]
    assert "1.1. Trên 85% đảng viên" in sheet and "Mức xếp loại" in sheet and "Tổng điểm: ……" in sheet
    assert "Xóa phiếu" not in sheet.split("Thay bằng phiếu")[0]
