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
