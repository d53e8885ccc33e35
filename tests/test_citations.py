"""The citation parser: Party and State symbols, kinds, dates, and what it must not report."""

import json
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sotay.citations import (
    BIDI,
    INVISIBLE,
    LOOKALIKES,
    canonical,
    find_citations,
    iter_spans,
    iter_suspects,
    kinds_for,
    symbol_type,
)
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
        ("05/2020/CT-TTg", "05/2020/CT-TTg"),
        ("15-CTr/TU", "15-CTr/TU"),
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


# -- precision: what a symbol's neighbours and look-alike characters must not change ---------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nghị định 62/2020/NĐ-CP - UBND tỉnh", "62/2020/NĐ-CP"),
        ("Nghị định 62/2020/NĐ - CP ban hành", "62/2020/NĐ-CP"),
        ("Thông tư liên tịch 01/2011/TTLT-BNV-BTC", "01/2011/TTLT-BNV-BTC"),
        ("Thông báo 274\u00a0-\u00a0TB/HU", "274-TB/HU"),
    ],
)
def test_state_issuer_and_no_break_spaces(text, expected):
    assert symbols(text) == [expected]


@pytest.mark.parametrize(
    ("written", "odd"),
    [
        ("50-CT/T\u200bW", "\u200b"),  # zero width space: was read as 50-CT/T
        ("50\u00ad-CT/TW", "\u00ad"),  # soft hyphen
        ("50-CT/\u202eTW", "\u202e"),  # right-to-left override
        ("\u206650-CT/TW\u2069", "\u2066"),  # bidi isolate around the symbol
        ("50-CT\uff0fTW", "\uff0f"),  # fullwidth solidus
        ("\uff15\uff10-CT/TW", "\uff15"),  # fullwidth digits
        ("50-\u0421T/TW", "\u0421"),  # Cyrillic Es
        ("50-CT/\u03a4W", "\u03a4"),  # Greek Tau
        ("50-CT\u2044TW", "\u2044"),  # fraction slash
        ("50-CT/TW\ufeff", "\ufeff"),  # BOM right after it
    ],
)
def test_odd_characters_make_a_suspect_not_a_misread(written, odd):
    text = f"Theo Chỉ thị {written}, chi bộ họp."
    [suspect] = iter_suspects(text)
    assert suspect.suggestion == "50-CT/TW" and odd in suspect.odd
    assert text[suspect.start : suspect.end] == suspect.written and suspect.start == len("Theo Chỉ thị ")
    assert symbols(text) == []  # neither 50-CT/T nor anything else is read from it


def test_eth_reads_as_d_with_stroke():
    [suspect] = iter_suspects("Quy định 366-Q\u00d0/TW")
    assert suspect.suggestion == "366-QĐ/TW"


def test_odd_characters_elsewhere_change_nothing():
    text = "Москва, «ＡＢＣ», a\u200bb; Chỉ thị 50-CT/TW ngày 23/7/2025."
    assert list(iter_suspects(text)) == []
    assert symbols(text) == ["50-CT/TW"]


def test_impossible_date_is_kept_as_written():
    [span] = list(iter_spans("Chỉ thị 50-CT/TW ngày 31/2/2025"))
    assert (span.date, span.bad_date) == (None, "31/2/2025")
    [span] = list(iter_spans("Chỉ thị 50-CT/TW ngày 23 tháng 13 năm 2025"))
    assert span.bad_date == "23/13/2025"


@pytest.mark.parametrize(
    ("symbol", "code", "kinds"),
    [
        ("50-CT/TW", "CT", {"Chỉ thị"}),
        ("366-QĐ/TW", "QĐ", {"Quy định", "Quyết định"}),
        ("62/2020/NĐ-CP", "NĐ", {"Nghị định"}),
        ("203/2025/QH15", "QH", {"Luật", "Nghị quyết"}),
        ("01/2011/TTLT-BNV", "TTLT", {"Thông tư liên tịch"}),
        ("5-XYZ/TW", "XYZ", None),
    ],
)
def test_symbol_types(symbol, code, kinds):
    assert symbol_type(symbol) == code
    assert kinds_for(symbol) == (frozenset(kinds) if kinds else None)


def test_scan_is_linear_in_line_length():
    """Two sizes, ten times apart: linear work takes ~10× as long, the old quadratic ~100×.

    CPU time of this process, best of three, and a bound of 30× so load on the machine cannot
    make it fail; timing figures themselves are in scripts/bench_checker.py --inputs.
    """
    import time

    unit = "Chỉ thị 50-CT/TW ngày 23/7/2025, Quy định 124-QĐ/TW và đ 1-A/B\u200b "

    def cost(n: int) -> float:
        line = unit * (n // len(unit))
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            found = find_citations(line)
            best = min(best, time.process_time() - start)
        assert len(found) == 2 * (n // len(unit))  # 1-A/B with its zero width space is a suspect
        assert len(list(iter_suspects(line))) == n // len(unit)
        return best

    small, large = cost(20_000), cost(200_000)
    assert large < 30 * max(small, 1e-3)


party_types = st.sampled_from(["CT", "HD", "QĐ", "ĐA", "KL", "NQ", "TB", "CV"])
orgs = st.sampled_from(["TW", "BTCTW", "TU", "HU", "ĐUK", "BTCHU"])
valid_symbols = st.one_of(
    st.builds(lambda n, t, o: f"{n}-{t}/{o}", st.integers(1, 9999), party_types, orgs),
    st.builds(lambda n, y, t: f"{n}/{y}/{t}", st.integers(1, 9999), st.integers(1990, 2029),
              st.sampled_from(["NĐ-CP", "QH15", "TT-BNV", "QĐ-TTg", "TTLT-BNV-BTC"])),
)
_LATIN_TO_LOOKALIKE: dict[str, str] = {}
for _odd, _latin in LOOKALIKES.items():
    _LATIN_TO_LOOKALIKE.setdefault(_latin, _odd)


def _in_context(symbol: str) -> str:
    return f"Theo văn bản {symbol} đã ban hành."


@settings(max_examples=200, deadline=None)
@given(valid_symbols, st.sampled_from(INVISIBLE + BIDI), st.data())
def test_an_invisible_character_anywhere_in_a_symbol_is_found(symbol, char, data):
    assert symbols(_in_context(symbol)) == [symbol]
    at = data.draw(st.integers(0, len(symbol)))
    text = _in_context(symbol[:at] + char + symbol[at:])
    suspects = list(iter_suspects(text))
    assert [s.suggestion for s in suspects] == [symbol]
    assert symbols(text) == []


@settings(max_examples=200, deadline=None)
@given(valid_symbols, st.data())
def test_a_lookalike_or_fullwidth_character_in_a_symbol_is_found(symbol, data):
    at = data.draw(st.sampled_from([i for i, c in enumerate(symbol) if c in _LATIN_TO_LOOKALIKE or c.isascii()]))
    char = symbol[at]
    odd = data.draw(st.sampled_from([o for o in (_LATIN_TO_LOOKALIKE.get(char), chr(ord(char) + 0xFEE0)
                                                 if "!" <= char <= "~" else None) if o]))
    text = _in_context(symbol[:at] + odd + symbol[at + 1:])
    assert [s.suggestion for s in iter_suspects(text)] == [symbol]
    assert symbols(text) == []
