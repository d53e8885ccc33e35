"""The citation parser: Party and State symbols, kinds, dates, and what it must not report."""

import json
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sotay.citations import canonical, find_citations
from tests.conftest import ROOT, run_sotay


def symbols(text):
    return [c.symbol for c in find_citations(text)]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("12-HD/BTCTW", "12-HD/BTCTW"),
        ("07-ĐA/TU", "07-ĐA/TU"),
        ("274 - TB/HU", "274-TB/HU"),
        ("12- CT/TU", "12-CT/TU"),
        ("12–HD/BTCTW", "12-HD/BTCTW"),
        ("99-QĐ/ĐUK", "99-QĐ/ĐUK"),
        ("62/2020/NĐ-CP", "62/2020/NĐ-CP"),
        ("203/2025/QH15", "203/2025/QH15"),
        ("01/2011/TT-BNV", "01/2011/TT-BNV"),
    ],
)
def test_symbols_are_found_and_canonical(written, expected):
    assert symbols(f"Theo văn bản {written} đã ban hành.") == [expected]


@pytest.mark.parametrize("text", ["19/19 chi bộ", "10/17 đảng bộ", "ngày 22/4/2023", "2022 - 2025",
                                  "3,8% đảng viên", "02163.818.555", "Đại hội XIV", "COVID-19"])
def test_no_false_positives(text):
    assert symbols(text) == []


def test_kind_and_date():
    [c] = find_citations("Thực hiện Chỉ thị số 12- CT/TU, ngày 20/4/2021 của Ban Thường vụ")
    assert (c.symbol, c.kind, c.date, c.line, c.column) == ("12-CT/TU", "Chỉ thị", "2021-04-20", 1, 22)
    [c] = find_citations("Thông báo Kết luận 274 - TB/HU với nội dung")
    assert (c.kind, c.date) == ("Thông báo", None)
    [c] = find_citations("Hướng dẫn 42-HD/BTCTW (28/10/2025)")
    assert c.date == "2025-10-28"
    [c] = find_citations("văn bản 50-CT/TW ngày 23 tháng 7 năm 2025")
    assert (c.kind, c.date) == (None, "2025-07-23")


def test_impossible_date_is_not_reported():
    [c] = find_citations("Chỉ thị 50-CT/TW ngày 31/2/2025")
    assert c.date is None


def test_nfd_input_reads_as_nfc():
    text = unicodedata.normalize("NFD", "Đề án số 07-ĐA/TU ngày 28/02/2022")
    [c] = find_citations(text)
    assert c.symbol == "07-ĐA/TU" and unicodedata.is_normalized("NFC", c.symbol)
    assert c.kind == "Đề án" and c.date == "2022-02-28"


def test_canonical():
    assert canonical("274 \u2013 TB / HU") == "274-TB/HU"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_random_unicode_never_breaks_the_parser(text):
    for c in find_citations(text):
        assert c.symbol == canonical(c.symbol)
        assert c.line >= 1 and c.column >= 1
        json.dumps(c.as_json(), ensure_ascii=False)


markdownish = st.lists(
    st.sampled_from(["# ", "## ", "- [ ] ", "`", "```", "[a](b.md#c)", "![x](y.png)", "12-HD/BTCTW",
                     " ngày 6/7/2018", "<!-- sotay:x -->", "\n", "Đ", "đảng", "CBKM", "|", "*", "{ #id }",
                     "---\n", "ngày", "/", "-", "3", "QĐ"]),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(markdownish)
def test_random_markdown_never_breaks_the_parser(text):
    for c in find_citations(text):
        assert c.symbol and c.line <= text.count("\n") + 1


def test_cli_lists_every_symbol_in_the_source_articles():
    sources = sorted((ROOT.parent / "shared" / "sources").glob("*.txt"))
    if not sources:
        pytest.skip("../shared/sources is not beside this checkout")
    result = run_sotay("citations", *map(str, sources))
    assert result.returncode == 0, result.stderr
    found = {json.loads(line)["symbol"] for line in result.stdout.splitlines()}
    assert found == {"12-CT/TU", "274-TB/HU", "139-CV/BTCHU", "12-HD/BTCTW", "220-CV/BTCHU", "16-ĐA/TU",
                     "10-CT/TW", "05-CT/TW", "07-ĐA/TU", "21-KL/TW", "01-KL/TW"}
    for line in result.stdout.splitlines():
        assert set(json.loads(line)) == {"file", "line", "column", "symbol", "kind", "date"}


def test_cli_citations_missing_file_is_a_message_not_a_traceback(tmp_path):
    result = run_sotay("citations", str(tmp_path / "khong-co.md"))
    assert result.returncode == 2
    assert "không đọc được" in result.stderr and "Traceback" not in result.stderr
