"""Find document citations ("12-HD/BTCTW", "62/2020/NĐ-CP") in Vietnamese text.

Party symbols are number-dash-type/issuer; State symbols are number/year/type. Public parsers
use ASCII [A-Z] and miss "Đ" (ĐA, QĐ, ĐUK); this one accepts it, tolerates the spaces and dash
variants the press writes ("274 - TB/HU", "12- CT/TU", en dashes), reads NFD input as NFC, and
returns the canonical symbol with the kind named just before it and the date just after it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import asdict, dataclass

UPPER = "A-ZĐ"
DASH = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"
_CODE = rf"[{UPPER}][{UPPER}0-9]*"

# One pattern for both forms, so each page is scanned once; "(?=\d)" first lets the engine skip
# quickly to digits before trying the look-behind.
_NUM = rf"(?=\d)(?<![\w/.,{DASH}])(?P<num>\d{{1,4}})"
_PARTY_TAIL = (rf"[ \t]*[{DASH}][ \t]*(?P<type>[{UPPER}]{{1,6}})[ \t]*/[ \t]*"
               rf"(?P<org>{_CODE}(?:[{DASH}]{_CODE})*)")
_STATE_TAIL = (rf"[ \t]*/[ \t]*(?P<year>(?:19|20)\d\d)[ \t]*/[ \t]*"
               rf"(?P<sorg>{_CODE}(?:[ \t]*[{DASH}][ \t]*{_CODE})*)")
SYMBOL = re.compile(rf"{_NUM}(?:{_PARTY_TAIL}|{_STATE_TAIL})(?![\w/])")

KINDS = {
    "chỉ thị": "Chỉ thị",
    "hướng dẫn": "Hướng dẫn",
    "quy định": "Quy định",
    "kết luận": "Kết luận",
    "nghị quyết": "Nghị quyết",
    "đề án": "Đề án",
    "thông báo kết luận": "Thông báo",
    "thông báo": "Thông báo",
    "công văn": "Công văn",
    "quyết định": "Quyết định",
    "kế hoạch": "Kế hoạch",
    "nghị định": "Nghị định",
    "thông tư liên tịch": "Thông tư liên tịch",
    "thông tư": "Thông tư",
    "báo cáo": "Báo cáo",
    "chương trình": "Chương trình",
    "luật": "Luật",
}
# Matched on the reversed text before the symbol, so the engine tries one position only.
_KIND_BEFORE_REVERSED = re.compile(
    r"[ \t]*(?:\)[^(]*\([ \t]*)?(?:ốs[ \t]+)?(?P<kind>"
    + "|".join(sorted((re.escape(k[::-1]) for k in KINDS), key=len, reverse=True))
    + r")",
    re.I,
)
_DATE_AFTER = re.compile(
    r"\A[ \t]*(?:,[ \t]*)?(?:\([ \t]*)?(?:ngày[ \t]+)?"
    r"(?:(?P<d>\d{1,2})[ \t]*(?P<sep>[/.\-])[ \t]*(?P<m>\d{1,2})[ \t]*(?P=sep)[ \t]*(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})[ \t]+tháng[ \t]+(?P<m2>\d{1,2})[ \t]+năm[ \t]+(?P<y2>\d{4}))",
    re.I,
)


@dataclass(frozen=True)
class Citation:
    """One citation: where it is, its canonical symbol, the kind and date written with it."""

    file: str
    line: int
    column: int
    symbol: str
    kind: str | None
    date: str | None
    length: int = 0  # characters of the symbol as written (not printed by the CLI)

    def as_json(self) -> dict[str, object]:
        data = asdict(self)
        data.pop("length")
        return data


def canonical(symbol: str) -> str:
    """NFC, no spaces, ASCII hyphen-minus: "274 – TB/HU" → "274-TB/HU"."""
    text = unicodedata.normalize("NFC", symbol)
    text = re.sub(rf"[{DASH}]", "-", text)
    return re.sub(r"\s+", "", text)


def _date_after(line: str, end: int) -> str | None:
    match = _DATE_AFTER.match(line[end:])
    if not match:
        return None
    day, month, year = (match.group("d") or match.group("d2"), match.group("m") or match.group("m2"),
                        match.group("y") or match.group("y2"))
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _kind_before(line: str, start: int) -> str | None:
    match = _KIND_BEFORE_REVERSED.match(line[max(0, start - 60) : start][::-1])
    return KINDS[match.group("kind")[::-1].lower()] if match else None


@dataclass(frozen=True)
class Span:
    """A citation found in a text: offset of its first character, and what was read."""

    start: int
    symbol: str
    kind: str | None
    date: str | None
    length: int


def iter_spans(text: str) -> Iterator[Span]:
    """Citations in an NFC text, in order. Symbols never span lines, so one pass suffices."""
    if "/" not in text:
        return
    for match in SYMBOL.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line = text[line_start : len(text) if line_end == -1 else line_end]
        start, end = match.start() - line_start, match.end() - line_start
        yield Span(match.start(), canonical(match.group(0)), _kind_before(line, start),
                   _date_after(line, end), end - start)


def find_citations(text: str, file: str = "<text>") -> list[Citation]:
    """All citations in a text (NFD input is read as NFC; columns count NFC characters)."""
    from sotay.source import LineIndex

    text = unicodedata.normalize("NFC", text)
    index = LineIndex(text)
    result = []
    for span in iter_spans(text):
        line, column = index.line_col(span.start)
        result.append(Citation(file, line, column, span.symbol, span.kind, span.date, span.length))
    return result
