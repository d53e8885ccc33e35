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
# Spaces the press writes inside a symbol: ordinary, tab, and the no-break spaces word
# processors put around dashes.
SP = "[ \t\u00a0\u202f]"
# A code may end in one small letter: "TTg" (Thủ tướng) in "QĐ-TTg", "CTr" (Chương trình).
_CODE = rf"[{UPPER}][{UPPER}0-9]*[a-z]?"

# One pattern for both forms, so each page is scanned once; "(?=\d)" first lets the engine skip
# quickly to digits before trying the look-behind. Nothing in it matches a newline, so a match
# never spans lines and the scan is linear in the length of the text.
_NUM = rf"(?=\d)(?<![\w/.,{DASH}])(?P<num>\d{{1,4}})"
_PARTY_TAIL = (rf"{SP}*[{DASH}]{SP}*(?P<type>[{UPPER}]{{1,6}}[a-z]?){SP}*/{SP}*"
               rf"(?P<org>{_CODE}(?:[{DASH}]{_CODE})*)")
# The issuer may be written "NĐ - CP" (one spaced dash, after the type); further parts are
# joined without spaces, so "62/2020/NĐ-CP - UBND" stops before " - UBND".
_STATE_TAIL = (rf"{SP}*/{SP}*(?P<year>(?:19|20)\d\d){SP}*/{SP}*"
               rf"(?P<sorg>{_CODE}(?:{SP}*[{DASH}]{SP}*{_CODE})?(?:[{DASH}]{_CODE})*)")
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
    r"[ \t]*(?:,[ \t]*)?(?:\([ \t]*)?(?:ngày[ \t]+)?"
    r"(?:(?P<d>\d{1,2})[ \t]*(?P<sep>[/.\-])[ \t]*(?P<m>\d{1,2})[ \t]*(?P=sep)[ \t]*(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})[ \t]+tháng[ \t]+(?P<m2>\d{1,2})[ \t]+năm[ \t]+(?P<y2>\d{4}))",
    re.I,
)


# Characters that make a symbol look right and read wrong. Invisible ones and bidi controls
# are dropped when reading a symbol for the suggestion; fullwidth forms and Cyrillic/Greek
# capitals that look like Latin ones are replaced by what they look like.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
LOOKALIKES = {
    # Cyrillic capitals
    "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "І": "I", "Ј": "J", "К": "K", "М": "M",
    "О": "O", "Р": "P", "Ѕ": "S", "Т": "T", "Х": "X", "Ү": "Y",
    # Greek capitals
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    # Đ lookalikes (Icelandic eth, African D) and slashes that are not "/"
    "Ð": "Đ", "Ɖ": "Đ", "\u2044": "/", "\u2215": "/", "\u29f8": "/",
}
_ODD = re.compile(f"[{INVISIBLE}{BIDI}\uff01-\uff5e{''.join(LOOKALIKES)}]")
_REMOVED = frozenset(INVISIBLE + BIDI)


def odd_char_kind(char: str) -> str:
    """How a finding describes a character that should not be in a symbol (Vietnamese)."""
    name = unicodedata.name(char, "?")
    code = f"U+{ord(char):04X}"
    if char in INVISIBLE:
        return f"ký tự ẩn {code} ({name})"
    if char in BIDI:
        return f"ký tự điều khiển hướng chữ {code} ({name})"
    if "\uff01" <= char <= "\uff5e":
        return f"ký tự toàn khổ '{char}' {code} ({name})"
    return f"ký tự '{char}' {code} ({name}) trông giống '{LOOKALIKES[char]}'"


def visible(text: str) -> str:
    """A symbol as written, with invisible characters shown as ⟨U+200B⟩."""
    return "".join(f"⟨U+{ord(c):04X}⟩" if c in _REMOVED else c for c in text)


@dataclass(frozen=True)
class Suspect:
    """A symbol written with invisible, bidi, fullwidth or lookalike characters in or next to it."""

    start: int
    end: int
    written: str  # the original text, odd characters included
    suggestion: str  # the canonical symbol it reads as once cleaned
    odd: tuple[str, ...]  # the odd characters, in order of first appearance


def _clean(line: str) -> tuple[str, list[int]]:
    """The line with odd characters removed or replaced, and the cleaned positions of removals."""
    removals: list[int] = []
    pieces: list[str] = []
    last = length = 0  # length: of the cleaned text so far
    for match in _ODD.finditer(line):
        char = match.group(0)
        pieces.append(line[last : match.start()])
        length += match.start() - last
        last = match.end()
        if char in _REMOVED:
            removals.append(length)
        else:
            pieces.append(LOOKALIKES.get(char) or chr(ord(char) - 0xFEE0))  # fullwidth → ASCII
            length += 1
    pieces.append(line[last:])
    return "".join(pieces), removals


def iter_suspects(text: str) -> Iterator[Suspect]:
    """Symbols that only read as symbols once odd characters are cleaned out, in order.

    Each line holding an odd character is cleaned once and scanned once, so the work stays
    linear in the length of the text.
    """
    from bisect import bisect_right

    if not _ODD.search(text):
        return
    line_end = -1
    for odd in _ODD.finditer(text):
        if odd.start() <= line_end:
            continue
        line_start = text.rfind("\n", 0, odd.start()) + 1
        line_end = text.find("\n", odd.start())
        line_end = len(text) if line_end == -1 else line_end
        line = text[line_start:line_end]
        cleaned, removals = _clean(line)

        def original(position: int, removals: list[int] = removals) -> int:
            return position + bisect_right(removals, position)

        for match in SYMBOL.finditer(cleaned):
            start, end = original(match.start()), original(match.end() - 1) + 1
            while start > 0 and line[start - 1] in _REMOVED:
                start -= 1
            while end < len(line) and line[end] in _REMOVED:
                end += 1
            written = line[start:end]
            found = _ODD.findall(written)
            if found:
                yield Suspect(line_start + start, line_start + end, written, canonical(match.group(0)),
                              tuple(dict.fromkeys(found)))


# Document types as symbols write them, and the kinds of document each can be. "QĐ" is both
# Quy định and Quyết định; "QH14" (Quốc hội) issues laws and resolutions.
TYPE_KINDS: dict[str, frozenset[str]] = {
    "NQ": frozenset({"Nghị quyết"}), "CT": frozenset({"Chỉ thị"}), "HD": frozenset({"Hướng dẫn"}),
    "KL": frozenset({"Kết luận"}), "QĐ": frozenset({"Quy định", "Quyết định"}),
    "TB": frozenset({"Thông báo"}), "CV": frozenset({"Công văn"}), "ĐA": frozenset({"Đề án"}),
    "KH": frozenset({"Kế hoạch"}), "BC": frozenset({"Báo cáo"}), "NĐ": frozenset({"Nghị định"}),
    "TT": frozenset({"Thông tư"}), "TTLT": frozenset({"Thông tư liên tịch"}),
    "QH": frozenset({"Luật", "Nghị quyết"}), "UBTVQH": frozenset({"Nghị quyết"}),
    "CTr": frozenset({"Chương trình"}),
}
_PARTY_TYPE = re.compile(rf"\d+-(?P<type>[{UPPER}]+[a-z]?)/")
_STATE_TYPE = re.compile(rf"\d+/\d{{4}}/(?P<type>[{UPPER}]+)")


def symbol_type(symbol: str) -> str | None:
    """The type part of a canonical symbol: "CT" of 50-CT/TW, "NĐ" of 62/2020/NĐ-CP, "QH" of QH15."""
    match = _PARTY_TYPE.match(symbol) or _STATE_TYPE.match(symbol)
    return match.group("type") if match else None


def kinds_for(symbol: str) -> frozenset[str] | None:
    """Kinds of document the symbol's type can stand for; None when the type is not known."""
    code = symbol_type(symbol)
    return TYPE_KINDS.get(code) if code else None


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


def _date_after(text: str, end: int) -> tuple[str | None, str | None]:
    """(ISO date, None) for a real date written right after `end`; (None, as written) if impossible."""
    match = _DATE_AFTER.match(text, end)
    if not match:
        return None, None
    day, month, year = (match.group("d") or match.group("d2"), match.group("m") or match.group("m2"),
                        match.group("y") or match.group("y2"))
    try:
        return dt.date(int(year), int(month), int(day)).isoformat(), None
    except ValueError:
        return None, f"{int(day)}/{int(month)}/{year}"


def _kind_before(text: str, start: int) -> str | None:
    window = text[max(0, start - 60) : start]
    window = window[window.rfind("\n") + 1 :]  # the kind is on the symbol's line
    match = _KIND_BEFORE_REVERSED.match(window[::-1])
    return KINDS[match.group("kind")[::-1].lower()] if match else None


@dataclass(frozen=True)
class Span:
    """A citation found in a text: offset of its first character, and what was read."""

    start: int
    symbol: str
    kind: str | None
    date: str | None
    length: int
    bad_date: str | None = None  # a date written after it that names no real day ("30/2/2025")


def iter_spans(text: str, suspects: list[Suspect] | None = None) -> Iterator[Span]:
    """Citations in an NFC text, in order; linear in the length of the text.

    Symbols never span lines, so one pass suffices. A span overlapping a `Suspect` is left out:
    "50-CT/T\u200bW" must not be read as 50-CT/T (the suspect is reported instead).
    """
    if "/" not in text and "\u2044" not in text and "\u2215" not in text and "\uff0f" not in text:
        return
    if suspects is None:
        suspects = list(iter_suspects(text))
    next_suspect = 0
    for match in SYMBOL.finditer(text):
        start, end = match.start(), match.end()
        if suspects:
            while next_suspect < len(suspects) and suspects[next_suspect].end <= start:
                next_suspect += 1
            if next_suspect < len(suspects) and suspects[next_suspect].start < end:
                continue
        date, bad_date = _date_after(text, end)
        yield Span(start, canonical(match.group(0)), _kind_before(text, start), date, end - start, bad_date)


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
