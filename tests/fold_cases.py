"""The folding rule's cases, shared by the Python side (tests/test_slugs.py, sotay.slugs.fold) and the
JavaScript side (tests/browser/test_search.py, lunr.vi.fold in Chromium): (typed, folded lower case)."""

from __future__ import annotations

import unicodedata


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


FOLD_CASES: tuple[tuple[str, str], ...] = (
    ("Đảng", "dang"),
    ("đảng viên", "dang vien"),
    ("ĐẢNG ỦY", "dang uy"),
    ("Điểm danh", "diem danh"),
    ("hòa", "hoa"),
    ("hoà", "hoa"),
    ("thủy", "thuy"),
    ("thuỷ", "thuy"),
    ("quốc", "quoc"),
    ("nguyễn", "nguyen"),
    ("ưu tiên", "uu tien"),
    ("Ơn", "on"),
    ("ăn", "an"),
    ("Âm", "am"),
    ("Khuổi Ngọa", "khuoi ngoa"),
    ("Bằng Vân", "bang van"),
    ("Đề dẫn", "de dan"),
    (_nfd("Sinh hoạt chi bộ"), "sinh hoat chi bo"),
    (_nfd("Đảng ủy"), "dang uy"),
    ("d\u0301", "d"),                        # a stray combining acute
    ("Ðảng", "dang"),                        # Ð (U+00D0, Icelandic eth) typed for Đ by legacy keyboards
    ("ð", "d"),
    ("12-HD/BTCTW", "12-hd/btctw"),
    ("CBKM", "cbkm"),
    ("", ""),
    ("café", "cafe"),
    ("naïve", "naive"),
    ("Ⅻ", "ⅻ"),                              # lower case only; not a mark
    ("ﬁ", "ﬁ"),                              # ligatures are left alone (no NFKC)
    ("Σ", "σ"),
)
