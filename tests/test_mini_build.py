"""A small project built with the real plugin: checker findings fail the strict build; citations link.

Not marked slow: `make test-fast` runs these two builds (a few seconds each).
"""

from __future__ import annotations

from tests import mini_project


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
