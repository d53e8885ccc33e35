"""ASCII heading ids and diacritic folding for Vietnamese.

Python-Markdown's default slug drops letters it cannot transliterate, so "Điều kiện"
becomes "ieu-kien". Folding maps đ→d and strips tone marks first, so ids stay readable and
stable; the same folding serves search and the abbreviation check.
"""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Combining diacritical marks: every Vietnamese tone and vowel mark after NFD. The search
# pipeline in overrides/assets/javascripts/lunr/min/lunr.vi.min.js strips the same range.
_MARKS = re.compile("[\u0300-\u036f]+")
_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def fold(text: str) -> str:
    """Strip Vietnamese tone and vowel marks and map đ→d, keeping case ("Đảng" → "Dang")."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    return unicodedata.normalize("NFC", _MARKS.sub("", decomposed))


def slugify(value: str, separator: str = "-") -> str:
    """Heading id for Python-Markdown's toc: "Điều kiện đăng ký" → "dieu-kien-dang-ky"."""
    folded = fold(value).lower()
    return _NON_ALNUM.sub(separator, folded).strip(separator)
