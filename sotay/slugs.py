"""ASCII heading ids and diacritic folding for Vietnamese.

Two foldings, on purpose:

- `fold` is the search rule, one rule for the Python side (index enrichment, glossary, checker) and
  the JavaScript side (overrides/assets/javascripts/lunr/min/lunr.vi.min.js `fold`): NFD, drop the
  combining marks U+0300–U+036F, đ/Đ (and the look-alike Ð/ð that legacy keyboards type) → d, NFC.
  Both sides run the shared table in tests/fold_cases.py, so a change in one fails until the other
  follows.
- `slugify` (heading ids, through Python-Markdown's toc) keeps its own frozen copy of the rule as it
  was when the ids were first published: links into the handbook must not break because search
  learned a new folding. Python-Markdown's default slug would drop "Đ" ("Điều kiện" → "ieu-kien").
"""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Combining diacritical marks: every Vietnamese tone and vowel mark after NFD.
_MARKS = re.compile("[\u0300-\u036f]+")
_D_MAP = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})

# Frozen: the heading-id fold (see the module docstring). Do not change; tests/test_slugs.py pins it.
_ID_MARKS = re.compile("[\u0300-\u036f]+")
_ID_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def fold(text: str) -> str:
    """Strip Vietnamese tone and vowel marks and map đ→d, keeping case ("Đảng" → "Dang")."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    return unicodedata.normalize("NFC", _MARKS.sub("", decomposed))


def _id_fold(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text.translate(_ID_D_MAP))
    return unicodedata.normalize("NFC", _ID_MARKS.sub("", decomposed))


def slugify(value: str, separator: str = "-") -> str:
    """Heading id for Python-Markdown's toc: "Điều kiện đăng ký" → "dieu-kien-dang-ky"."""
    folded = _id_fold(value).lower()
    return _NON_ALNUM.sub(separator, folded).strip(separator)
