"""One directive parser and one table for the checker and the build."""

from __future__ import annotations

from sotay import directives
from sotay.views import SPECS


def test_directive_on_its_own_line_is_found_with_its_arguments():
    text = "Đoạn.\n\n<!-- sotay:mau-bieu bien-ban -->\n\nTiếp."
    (found,) = directives.find(text)
    assert found.key == "sotay:mau-bieu" and found.args == ("bien-ban",) and found.own_line
    assert text[found.start : found.end] == "<!-- sotay:mau-bieu bien-ban -->"


def test_directive_inside_a_sentence_is_not_on_its_own_line():
    (found,) = directives.find("Xem bảng <!-- sotay:abbreviations --> dưới đây.")
    assert not found.own_line


def test_every_directive_in_the_handbook_is_in_the_table():
    from tests.conftest import ROOT

    keys = {d.key for path in (ROOT / "docs").rglob("*.md") for d in directives.find(path.read_text("utf-8"))}
    assert keys and keys <= set(SPECS)
    assert "sotay-bundle:downloads" in keys


def test_inline_directive_is_a_finding_and_is_not_expanded(tmp_path):
    from tests.test_checker import _copy, run_sotay

    proj = _copy(tmp_path)
    page = proj / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nBảng: <!-- sotay:abbreviations --> ở đây.\n",
                    encoding="utf-8")
    result = run_sotay("check", "--root", str(proj))
    assert result.returncode == 1
    assert "[P01]" in result.stdout and "phải đứng riêng một dòng" in result.stdout
