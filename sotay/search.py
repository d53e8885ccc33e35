"""Vietnamese search: what the build adds to Material's search index, and the offline shim.

Material's worker builds a lunr index in the browser from `search/search_index.json` and loads
`assets/javascripts/lunr/min/lunr.vi.min.js` for the language; our theme override of that file
(overrides/assets/javascripts/lunr/min/lunr.vi.min.js) does the folding, in the browser, for the
index and the query alike. This module prepares the index it reads:

- title and text in NFC (pages pasted as NFD are then the same words; highlights stay aligned);
- a separator that also splits on "/" and punctuation, so "12-HD/BTCTW" is the words 12, hd, btctw
  and "12-HD", "hd 12" or "12/HD" find it;
- two hidden fields, `kt` (weighted like the title): a title's document symbols in parts and
  written together ("12", "hd", "12hd", "hd12") and the abbreviation of every glossary expansion
  it contains; `kx` (weighted like the text): the same abbreviations for the text ("chi bộ kiểu
  mẫu" → CBKM) and the expansion of every abbreviation used in the title or text;
- field weights our lunr.vi scoring honours (TITLE_BOOST), no empty `tags` field, and sections that
  only list other pages or sources weighing less (LINK_BOOST);
- in the offline build, the iframe-worker shim from our own assets instead of unpkg.com;
- for the Kiwix file (sotay.bundle.zim), each page's text for the full-text indexer (zim_text).

The index is fetched only when the reader goes to search (overrides/assets/javascripts/
search-on-demand.js); tests/search_queries.py is the query table both the tests and
scripts/bench_search.py run.

Called by the plugin (sotay.plugin).
"""

from __future__ import annotations

import html
import json
import logging
import re
import unicodedata
from pathlib import Path
from typing import Any

from sotay.slugs import fold
from sotay.style import article_text, html_text

log = logging.getLogger("mkdocs.plugins.sotay.search")

# Words are split on white space, hyphens, slashes and punctuation; "." only when no digit follows.
SEPARATOR = r"[\s\-\u2010-\u2015,:;!?=\[\]()\"'“”‘’/…]+|\.(?!\d)|&[lg]t;"
# Field weights. Our lunr.vi scores a field by its plain BM25 dot product (lunr's own division by the
# field vector's length made boosts cancel out), so these weigh as written: a word in a heading counts
# as much as TITLE_BOOST words of text. Hidden fields: keywords found in the title (weighted like the
# title) and in the text.
TITLE_BOOST = 5.0
FIELDS = {"title": {"boost": TITLE_BOOST}, "text": {"boost": 1.0}, "tags": {"boost": TITLE_BOOST},
          "kt": {"boost": TITLE_BOOST}, "kx": {"boost": 1.0}}
# Sections that list other pages or sources ("Nguồn", "Trang liên quan", "Các trang nhắc tới văn bản
# này", "Căn cứ") name other pages' topics; they weigh this much of a section of their own.
LINK_SECTIONS = ("nguon", "lien-quan", "trang-nhac-toi", "can-cu")
LINK_BOOST = 0.2
# The reference pages generated from data/van-ban.yml are short and full of words ("nghị quyết",
# "thông qua", "sinh hoạt chi bộ") that other pages are about; a symbol still finds them through the
# title keywords (kt), which no page about the topic has.
REFERENCE_PREFIX = "van-ban/"
REFERENCE_BOOST = 0.7  # tuned on the query table: 0.5 already loses "cap huyen" to the localities
SHIM_UNPKG = "https://unpkg.com/iframe-worker/shim"
# What Material's offline plugin writes before the index in search/search_index.js.
SEARCH_INDEX_JS_PREFIX = "var __index = "
SHIM_LOCAL = "assets/javascripts/iframe-worker/shim.js"

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
# A document symbol: number, optional year, kind, issuer ("12-HD/BTCTW", "16-ĐA/TU", "203/2025/QH15").
_SYMBOL = re.compile(r"(?<![\w/])(\d+)(?:/\d{4})?[-/‐‑]([A-ZĐ]{1,6})(?:/[A-ZĐ0-9]+)?(?![\w/])")
_PAREN = re.compile(r"\s*\([^)]*\)")


def fold_key(text: str) -> str:
    """Lower-case folded text with single spaces: the form phrases are compared in."""
    return _SPACE.sub(" ", fold(unicodedata.normalize("NFC", text)).lower()).strip()


class Glossary:
    """Abbreviation ↔ expansion matchers built once from includes/abbreviations.md."""

    def __init__(self, entries: dict[str, str]) -> None:
        self.entries = entries
        # (needle, result, pattern): a plain substring test runs first, the regex only on a hit.
        self._expansions: list[tuple[str, str, re.Pattern[str]]] = []
        self._abbreviations: list[tuple[str, str, re.Pattern[str]]] = []
        for abbr, text in entries.items():
            expansion = _PAREN.sub("", text).strip()
            key = fold_key(expansion)
            if len(key.split()) >= 2:  # one-word expansions ("Quốc hội" is two) would match too much
                pattern = re.compile(rf"(?<![a-z0-9]){re.escape(key)}(?![a-z0-9])")
                self._expansions.append((key, abbr, pattern))
            self._abbreviations.append((abbr, expansion, re.compile(rf"(?<![\w]){re.escape(abbr)}(?![\w])")))

    def abbreviations(self, text: str) -> list[str]:
        """Abbreviations whose expansion the text contains ("chi bộ kiểu mẫu" → CBKM)."""
        folded = fold_key(text)
        return [abbr for key, abbr, pattern in self._expansions if key in folded and pattern.search(folded)]

    def expansions(self, text: str) -> list[str]:
        """Expansions of the abbreviations the text uses (CBKM → "Chi bộ kiểu mẫu")."""
        return [expansion for abbr, expansion, pattern in self._abbreviations
                if abbr in text and pattern.search(text)]


def symbol_keywords(text: str) -> list[str]:
    """A title's symbols, as number and kind and written together both ways round:
    "12-HD/BTCTW" → "12", "hd", "12hd", "hd12" (so "12-HD" or "hd 12" weighs on the title twice)."""
    out: list[str] = []
    for match in _SYMBOL.finditer(text):
        number, kind = match.group(1), match.group(2).lower()
        out += [number, kind, f"{number}{kind}", f"{kind}{number}"]
    return out


def _plain(value: str) -> str:
    return html.unescape(_TAG.sub(" ", value))


def _unique(words: list[str]) -> str:
    return " ".join(dict.fromkeys(words))


def enrich(index: dict[str, Any], glossary: Glossary) -> dict[str, Any]:
    """Return Material's search index with NFC text, our separator and the hidden keyword fields."""
    config = index.setdefault("config", {})
    config["separator"] = SEPARATOR
    fields = config.setdefault("fields", {})
    fields.update(FIELDS)
    if not any(doc.get("tags") for doc in index.get("docs", [])):
        fields.pop("tags", None)  # no page has tags: one field less for every term the browser indexes
    for doc in index.get("docs", []):
        for name in ("title", "text"):
            if isinstance(doc.get(name), str):
                doc[name] = unicodedata.normalize("NFC", doc[name])
        title = _plain(doc.get("title", ""))
        text = _plain(doc.get("text", ""))
        # Expansions weigh like text even from the title: "Hướng dẫn 12-HD" must not count "dẫn" twice.
        in_title = symbol_keywords(title) + glossary.abbreviations(title)
        found = glossary.abbreviations(text) + glossary.expansions(title) + glossary.expansions(text)
        in_text = [w for w in found if w not in in_title]
        if in_title:
            doc["kt"] = _unique(in_title)
        if in_text:
            doc["kx"] = _unique(in_text)
        if _is_link_section(doc.get("location", "")):
            doc["boost"] = LINK_BOOST * float(doc.get("boost", 1.0))
        if doc.get("location", "").startswith(REFERENCE_PREFIX):
            doc["boost"] = REFERENCE_BOOST * float(doc.get("boost", 1.0))
    return index


def _is_link_section(location: str) -> bool:
    anchor = location.partition("#")[2]
    return any(anchor == name or anchor.startswith(name + "-") or anchor.startswith(name + "_")
               for name in LINK_SECTIONS)


def zim_text(title: str, page_html: str) -> tuple[str, str]:
    """Title and text a page gives Kiwix's full-text indexer: the article's words (not the menus every
    page repeats) as libzim would index them, then the same words folded.

    libzim strips the marks of the page text it parses itself, and of every query, but not of the
    text an item supplies: so the words go in without marks ("Đảng viên" → "Đang vien", what a query
    typed with diacritics becomes) and folded ("Dang vien", what a query typed without them is)."""
    text = article_text(page_html)
    if text is None:
        text = html_text(page_html)

    def both(value: str) -> str:
        bare = strip_marks(value)
        folded = fold(bare)
        return bare if folded == bare else f"{bare} {folded}"

    return both(title), both(text)


def strip_marks(text: str) -> str:
    """NFD, drop combining marks, NFC (as libzim's ICU "remove accents" does): "Đảng" → "Đang"."""
    return unicodedata.normalize("NFC", "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)))


# ------------------------------------------------------------------------------- MkDocs side


def use_local_shim(config: Any) -> None:
    """Offline build: Material's offline plugin adds iframe-worker from unpkg; use our copy instead."""
    polyfills = config.extra.get("polyfills")
    if polyfills:
        config.extra["polyfills"] = [SHIM_LOCAL if str(url) == SHIM_UNPKG else url for url in polyfills]


def enrich_site_index(site_dir: Path, glossary: dict[str, str]) -> None:
    """Rewrite search/search_index.json (before the offline plugin inlines it into search_index.js)."""
    path = site_dir / "search" / "search_index.json"
    if path.is_file():
        index = json.loads(path.read_text(encoding="utf-8"))
        enrich(index, Glossary(glossary))
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
