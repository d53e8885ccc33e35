"""A small project built with the real plugin: checker findings fail the strict build; citations link.

Not marked slow: `make test-fast` runs these two builds (a few seconds each).
"""

from __future__ import annotations

from pathlib import Path

from tests import mini_project
from tests.conftest import run_sotay


def test_strict_build_fails_on_a_checker_finding(tmp_path):
    project = mini_project.make(tmp_path, "Theo Chỉ thị 50-CT/TW ngày 1/1/2020, xem [mục](hai.md#khong-co).\n")
    result = mini_project.build(project)
    assert result.returncode != 0
    assert "[C02]" in result.stderr and "[L02]" in result.stderr


def test_strict_build_passes_and_links_citations(tmp_path):
    project = mini_project.make(tmp_path, "Theo Chỉ thị 50-CT/TW ngày 23/7/2025, xem [trang hai](hai.md).\n")
    result = mini_project.build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    html = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="van-ban/50-ct-tw-2025/"' in html


def test_page_too_deep_to_render_is_refused_not_crashed(tmp_path):
    body = "".join("  " * depth + "- mục\n" for depth in range(300))
    project = mini_project.make(tmp_path, body)
    strict = mini_project.build(project)
    assert strict.returncode != 0 and "[T03]" in strict.stderr and "Traceback" not in strict.stderr
    lenient = mini_project.build(project, strict=False)
    assert lenient.returncode == 0 and "RecursionError" not in lenient.stderr
    assert "Trang bị từ chối" in (project / "site" / "index.html").read_text(encoding="utf-8")


def _repeat_after(path: Path, anchor: str, line: str) -> tuple[int, int]:
    """Insert `line` right after the first line equal to `anchor`; (anchor's line, new line), 1-based."""
    lines = path.read_text(encoding="utf-8").split("\n")
    at = lines.index(anchor)
    lines.insert(at + 1, line)
    path.write_text("\n".join(lines), encoding="utf-8")
    return at + 1, at + 2


def test_repeated_key_in_data_stops_check_and_build_with_file_and_line(tmp_path):
    project = mini_project.make(tmp_path)
    first, second = _repeat_after(project / "data" / "quy-trinh" / "thuong-ky.yml", "minimum_minutes: 90",
                                  "minimum_minutes: 45")
    message = f"thuong-ky.yml:{second}:1: khóa 'minimum_minutes' lặp lại (đã có ở dòng {first})"
    check = run_sotay("check", "--root", str(project))
    assert check.returncode == 2 and message in check.stderr and "Traceback" not in check.stderr
    build = mini_project.build(project)
    assert build.returncode != 0 and message in build.stderr and "Traceback" not in build.stderr


def test_repeated_front_matter_key_fails_the_strict_build_as_f01(tmp_path):
    page = mini_project.FRONT.format(t="Trang ba").replace("reviewed:", "title: Tên khác\nreviewed:") + "Nội dung.\n"
    project = mini_project.make(tmp_path, pages={"ba.md": page})
    expected = "docs/ba.md:5:1: lỗi [F01] front matter khóa 'title' lặp lại (đã có ở dòng 2)"
    check = run_sotay("check", "--root", str(project))
    assert check.returncode == 1 and expected in check.stdout
    build = mini_project.build(project)
    assert build.returncode != 0 and expected in build.stderr and "Traceback" not in build.stderr
