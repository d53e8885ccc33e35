"""The search query table, and how a browser page runs it (shared by the tests and the benchmark).

Each row: what a reader types, the pages one of which must come back within the first `top`
results, and what the row exercises. Expected pages are pages of the real handbook (nav pages and
the reference pages generated from data/van-ban.yml), written without extension or trailing slash
so the same table serves the http build (`van-ban/42-hd-btctw-2025/`) and the offline build
(`van-ban/42-hd-btctw-2025.html`).

The browser helpers take a Playwright page (sync API) and need nothing else from this package.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit


@dataclass(frozen=True)
class Query:
    text: str
    expected: tuple[str, ...]
    top: int = 3
    kind: str = "diacritics"


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


_12HD = ("van-ban/12-hd-btctw-2018", "van-ban/12-hd-btctw-2022")

QUERIES: tuple[Query, ...] = (
    # Typed with diacritics, and the same words without them (or in capitals).
    Query("sinh hoạt thường kỳ", ("quy-trinh/sinh-hoat-thuong-ky",)),
    Query("sinh hoat thuong ky", ("quy-trinh/sinh-hoat-thuong-ky",), kind="folded"),
    Query("SINH HOAT THUONG KY", ("quy-trinh/sinh-hoat-thuong-ky",), kind="folded"),
    Query("sinh hoạt chuyên đề", ("quy-trinh/sinh-hoat-chuyen-de", "kiem-tra/sinh-hoat-chuyen-de")),
    Query("sinh hoat chuyen de", ("quy-trinh/sinh-hoat-chuyen-de", "kiem-tra/sinh-hoat-chuyen-de"), kind="folded"),
    Query("đảng viên 5 tốt", ("tieu-chi/dang-vien-5-tot",)),
    Query("dang vien 5 tot", ("tieu-chi/dang-vien-5-tot",), kind="folded"),
    Query("chi bộ 4 tốt", ("tieu-chi/chi-bo-4-tot",)),
    Query("chi bo 4 tot", ("tieu-chi/chi-bo-4-tot",), kind="folded"),
    Query("chi bộ kiểu mẫu", ("tieu-chi/chi-bo-kieu-mau",)),
    Query("chi bo kieu mau", ("tieu-chi/chi-bo-kieu-mau",), kind="folded"),
    Query("đánh giá xếp loại", ("tieu-chi/danh-gia-xep-loai",)),
    Query("danh gia xep loai", ("tieu-chi/danh-gia-xep-loai",), kind="folded"),
    Query("biên bản sinh hoạt", ("mau-bieu/bien-ban",)),
    Query("bien ban sinh hoat", ("mau-bieu/bien-ban",), kind="folded"),
    Query("đề dẫn", ("mau-bieu/de-dan",)),
    Query("de dan", ("mau-bieu/de-dan",), kind="folded"),
    Query("Hàm Yên", ("mo-hinh/ham-yen",)),
    Query("ham yen", ("mo-hinh/ham-yen",), kind="folded"),
    Query("bang van", ("mo-hinh/bang-van",), kind="folded"),
    Query("kich ban dong vai", ("tap-huan/kich-ban-dong-vai",), kind="folded"),
    Query("danh sach kiem tra truoc cuoc hop", ("kiem-tra/truoc-cuoc-hop",), kind="folded"),
    Query("vai tro tung nguoi", ("quy-trinh/vai-tro",), kind="folded"),
    # Decomposed (NFD) input behaves as NFC.
    Query(_nfd("đánh giá xếp loại"), ("tieu-chi/danh-gia-xep-loai",), kind="nfd"),
    Query(_nfd("Kịch bản đóng vai"), ("tap-huan/kich-ban-dong-vai",), kind="nfd"),
    # Old and new tone placement: the pages write "ủy"; readers may type "uỷ".
    Query("Đảng uỷ khối Yên Bái", ("mo-hinh/duk-yen-bai",), kind="tone"),
    Query("Đảng ủy khối Yên Bái", ("mo-hinh/duk-yen-bai",), kind="tone"),
    Query("vai trò chi uỷ viên", ("quy-trinh/vai-tro",), kind="tone"),
    # Document symbols, whole and in parts: the reference page first.
    Query("12-HD/BTCTW", _12HD, top=1, kind="symbol"),
    Query("12-HD", _12HD, top=1, kind="symbol"),
    Query("hd 12", _12HD, top=1, kind="symbol"),
    Query("42-HD/BTCTW", ("van-ban/42-hd-btctw-2025",), top=1, kind="symbol"),
    Query("hd 42", ("van-ban/42-hd-btctw-2025",), top=1, kind="symbol"),
    Query("50-CT/TW", ("van-ban/50-ct-tw-2025",), top=1, kind="symbol"),
    Query("ct 50", ("van-ban/50-ct-tw-2025",), top=1, kind="symbol"),
    Query("16-ĐA/TU", ("van-ban/16-da-tu-2020",), top=1, kind="symbol"),
    Query("16-da", ("van-ban/16-da-tu-2020",), top=1, kind="symbol"),
    Query("366-QĐ/TW", ("van-ban/366-qd-tw-2025",), top=1, kind="symbol"),
    Query("qd 366", ("van-ban/366-qd-tw-2025",), top=1, kind="symbol"),
    # Abbreviations find their expansion.
    Query("CBKM", ("tieu-chi/chi-bo-kieu-mau",), kind="abbreviation"),
    Query("cbkm", ("tieu-chi/chi-bo-kieu-mau",), kind="abbreviation"),
    Query("ĐUK Yên Bái", ("mo-hinh/duk-yen-bai",), kind="abbreviation"),
    Query("duk yen bai", ("mo-hinh/duk-yen-bai",), kind="abbreviation"),
)


def page_key(url: str) -> str:
    """'http://h/van-ban/42-hd-btctw-2025/?h=x#y', '.../van-ban/42-hd-btctw-2025.html' → 'van-ban/42-hd-btctw-2025'."""
    path = unquote(urlsplit(url).path)
    if path.endswith(".html"):
        path = path[: -len(".html")]
    path = path.rstrip("/")
    if path.endswith("/index") or path == "index":
        path = path[: -len("index")].rstrip("/")
    return path


def relative_key(url: str, base: str) -> str:
    """page_key of `url` relative to the site root `base` (an http URL or a file:// URL)."""
    return page_key(url)[len(page_key(base)) :].strip("/") if base else page_key(url)


def hit(query: Query, keys: list[str]) -> bool:
    return any(key in query.expected for key in keys[: query.top])


# ------------------------------------------------------------------------ in the browser


_RESULT_KEYS = """() => Array.from(document.querySelectorAll('.md-search-result__item'))
    .map(item => item.querySelector('a.md-search-result__link').href)"""


def ui_search(page, text: str, timeout: float = 15000) -> list[str]:
    """Type `text` into Material's search box as a reader would; the result links, best first.

    Clears the box first and waits for the placeholder, so the results read belong to `text`.
    """
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.locator("label[for=__search]").first.click()
    meta = page.locator(".md-search-result__meta")
    placeholder = page.evaluate("() => JSON.parse(document.querySelector('#__config').textContent)"
                                ".translations['search.result.placeholder']")
    box.fill("")
    box.press("End")
    page.wait_for_function("t => document.querySelector('.md-search-result__meta').textContent === t",
                           arg=placeholder, timeout=timeout)
    box.fill(text)
    box.press("End")  # Material reads the box on keyup
    page.wait_for_function("t => document.querySelector('.md-search-result__meta').textContent !== t",
                           arg=placeholder, timeout=timeout)
    assert meta.inner_text() != placeholder
    return page.evaluate(_RESULT_KEYS)


def result_html(page) -> list[str]:
    """Inner HTML of each rendered result article (to check the <mark> highlights)."""
    return page.evaluate("""() => Array.from(document.querySelectorAll('.md-search-result__article'))
        .map(a => a.innerHTML)""")
