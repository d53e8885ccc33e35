"""The search query table, and how a browser page runs it (shared by the tests and the benchmark).

Each row: what a reader types, the pages one of which must come back within the first `top`
results, and what the row exercises. Expected pages are pages of the real handbook (nav pages and
the reference pages generated from data/van-ban.yml), written without extension or trailing slash
so the same table serves the http build (`van-ban/42-hd-btctw-2025/`) and the offline build
(`van-ban/42-hd-btctw-2025.html`).

The browser helpers take a Playwright page (sync API) and need nothing else from this package.
"""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
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
_ROLES = "quy-trinh/vai-tro"
_REGULAR = "quy-trinh/sinh-hoat-thuong-ky"
# Dues are collected at the opening of a regular meeting; the checklists and criteria name them.
_DUES = (_REGULAR, "kiem-tra/trong-cuoc-hop", "kiem-tra/truoc-cuoc-hop", "kiem-tra/sau-cuoc-hop",
         "tieu-chi/dang-vien-5-tot", "quy-trinh")
# Roll call is a step of the opening: the procedure, its overview and the meeting's programme.
_ROLL_CALL = (_REGULAR, "quy-trinh", "mau-bieu/chuong-trinh", "kiem-tra/trong-cuoc-hop")
_DURATION = (_REGULAR, "cau-hoi-thuong-gap", "nhung-diem-moi-2025")
# Districts ended on 1/7/2025 (Nghị quyết 203/2025/QH15): what changed, the FAQ, the resolution's page.
_DISTRICT = ("nhung-diem-moi-2025", "cau-hoi-thuong-gap", "van-ban/203-2025-qh15")
# The planner (cong-cu/lich-hop) works out the 3rd of each month: a right answer too.
_MONTHLY = (_REGULAR, "cau-hoi-thuong-gap", "nhung-diem-moi-2025", "quy-trinh", "cong-cu/lich-hop")


def _both(text: str, expected: tuple[str, ...], top: int = 3, kind: str = "word") -> tuple[Query, Query]:
    """The same words typed with their diacritics and without them (as many readers type on a phone)."""
    from sotay.slugs import fold

    return (Query(text, expected, top, kind), Query(fold(text).lower(), expected, top, f"{kind}-folded"))

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
    # Reader queries (issue 11): words of two or more syllables, typed with and without diacritics.
    # The pages a reader who types the word expects; a few right answers where several pages are about it.
    *_both("đảng phí", _DUES),
    *_both("điểm danh", _ROLL_CALL),
    *_both("thư ký", (_ROLES,), top=1),
    *_both("phó bí thư", (_ROLES,), top=1),
    *_both("chủ tọa", (_ROLES,)),
    *_both("bí thư chi bộ", (_ROLES,)),
    *_both("sổ tay đảng viên điện tử", ("mo-hinh/duk-yen-bai",)),
    *_both("biên bản", ("mau-bieu/bien-ban",), top=1),
    *_both("nghị quyết chi bộ", ("mau-bieu/nghi-quyet",), top=1),
    *_both("chương trình sinh hoạt", ("mau-bieu/chuong-trinh",), top=1),
    *_both("khai mạc", (_REGULAR, "kiem-tra/trong-cuoc-hop")),
    *_both("bế mạc", (_REGULAR, "kiem-tra/trong-cuoc-hop")),
    *_both("họp chi ủy", (_REGULAR, "kiem-tra/truoc-cuoc-hop")),
    *_both("chuẩn bị đề dẫn", ("quy-trinh/sinh-hoat-chuyen-de", "mau-bieu/de-dan", "kiem-tra/sinh-hoat-chuyen-de")),
    *_both("chọn chủ đề", ("goi-y-chu-de", "quy-trinh/sinh-hoat-chuyen-de", "kiem-tra/sinh-hoat-chuyen-de")),
    *_both("gợi ý chủ đề", ("goi-y-chu-de",), top=1),
    *_both("lỗi thường gặp", ("loi-thuong-gap",), top=1),
    *_both("câu hỏi thường gặp", ("cau-hoi-thuong-gap",), top=1),
    *_both("câu hỏi tự kiểm tra", ("tap-huan/cau-hoi-tu-kiem-tra",), top=1),
    *_both("câu hỏi thảo luận", ("tap-huan/cau-hoi-thao-luan",), top=1),
    *_both("kế hoạch tập huấn", ("tap-huan/ke-hoach",), top=1),
    *_both("đóng vai", ("tap-huan/kich-ban-dong-vai",), top=1),
    *_both("người dự đánh giá", ("kiem-tra/nguoi-du-danh-gia",), top=1),
    *_both("sau cuộc họp", ("kiem-tra/sau-cuoc-hop",), top=1),
    *_both("trong cuộc họp", ("kiem-tra/trong-cuoc-hop",), top=1),
    *_both("sinh hoạt chi bộ mẫu", ("quy-trinh/sinh-hoat-chi-bo-mau-diem", "mo-hinh/bao-yen")),
    *_both("sinh hoạt chéo", ("mo-hinh/ham-yen",)),
    *_both("rút kinh nghiệm", ("quy-trinh/sinh-hoat-chi-bo-mau-diem", "mo-hinh/bao-thang", "kiem-tra/sau-cuoc-hop")),
    *_both("tổ công tác", ("quy-trinh/sinh-hoat-chi-bo-mau-diem", "mo-hinh/bao-thang")),
    *_both("thuật ngữ", ("thuat-ngu",), top=1),
    *_both("lịch sử phiên bản", ("lich-su-phien-ban",), top=1),
    *_both("tải về", ("tai-ve",), top=1),
    *_both("những điểm mới", ("nhung-diem-moi-2025",), top=1),
    *_both("mô hình điển hình", ("mo-hinh",), top=1),
    *_both("chia thời gian", (_REGULAR, "tap-huan/ke-hoach")),
    # The failures the issue lists, as readers typed them.
    Query("thoi luong sinh hoat", _DURATION, kind="issue"),
    Query("thời lượng sinh hoạt", _DURATION, kind="issue"),
    Query("ngay 3 hang thang", _MONTHLY, kind="issue"),
    Query("ngày 3 hằng tháng", _MONTHLY, kind="issue"),
    Query("cấp huyện", _DISTRICT, kind="issue"),
    Query("cap huyen", _DISTRICT, kind="issue"),
    Query("bien ban", ("mau-bieu/bien-ban",), top=1, kind="issue"),
    # Questions, in the words a secretary would use.
    Query("ai ghi biên bản", (_ROLES, "mau-bieu/bien-ban"), kind="question"),
    Query("ai ghi bien ban", (_ROLES, "mau-bieu/bien-ban"), kind="question"),
    Query("họp mấy phút", _DURATION, kind="question"),
    Query("hop may phut", _DURATION, kind="question"),
    Query("họp khi nào", _MONTHLY, kind="question"),
    Query("bao lâu một lần", ("quy-trinh/sinh-hoat-chuyen-de", "cau-hoi-thuong-gap"), kind="question"),
    Query("chuyên đề mấy tháng một lần", ("quy-trinh/sinh-hoat-chuyen-de", "cau-hoi-thuong-gap"), kind="question"),
    Query("ai chủ trì cuộc họp", (_ROLES, _REGULAR), kind="question"),
    Query("nghị quyết hay kết luận", ("mau-bieu/nghi-quyet",), top=1, kind="question"),
    Query("đảng viên ngại phát biểu", ("loi-thuong-gap",), top=1, kind="question"),
    Query("dang vien ngai phat bieu", ("loi-thuong-gap",), top=1, kind="question"),
    Query("bí thư ôm đồm", ("loi-thuong-gap",), top=1, kind="question"),
    Query("cấp ủy viên cấp trên dự", (_ROLES, "kiem-tra/nguoi-du-danh-gia"), kind="question"),
    Query("chi bộ không có chi ủy", ("cau-hoi-thuong-gap",), kind="question"),
    Query("ghi biên bản thế nào", ("mau-bieu/bien-ban",), top=1, kind="question"),
    Query("thông qua nghị quyết", (_REGULAR, "mau-bieu/nghi-quyet"), kind="question"),
    Query("xếp loại chất lượng", ("tieu-chi/danh-gia-xep-loai",), top=1, kind="question"),
    Query("những gì không đổi", ("nhung-diem-moi-2025",), top=1, kind="question"),
    # Place names: the model pages.
    *_both("Bảo Yên", ("mo-hinh/bao-yen",), top=1, kind="place"),
    *_both("Bảo Thắng", ("mo-hinh/bao-thang",), top=1, kind="place"),
    *_both("Bằng Vân", ("mo-hinh/bang-van",), top=1, kind="place"),
    *_both("Khuổi Ngọa", ("mo-hinh/bang-van",), top=1, kind="place"),
    *_both("Phù Lưu", ("mo-hinh/ham-yen",), top=1, kind="place"),
    *_both("Phố Ràng", ("mo-hinh/bao-yen",), top=1, kind="place"),
    *_both("Già Hạ", ("mo-hinh/bao-yen",), top=1, kind="place"),
    Query("Lào Cai", ("mo-hinh/bao-yen", "mo-hinh/bao-thang"), kind="place"),
    Query("Tuyên Quang", ("mo-hinh/ham-yen",), kind="place"),
    Query("Bắc Kạn", ("mo-hinh/bang-van",), kind="place"),
    # A word still being typed: the last syllable is a prefix.
    Query("đảng ph", _DUES, kind="prefix"),
    Query("biên bả", ("mau-bieu/bien-ban",), kind="prefix"),
    Query("kich ban dong", ("tap-huan/kich-ban-dong-vai",), kind="prefix"),
    Query("chi bo kieu m", ("tieu-chi/chi-bo-kieu-mau",), kind="prefix"),
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


def text_only_word(docs: list[dict]) -> str:
    """A Vietnamese word (folded, 4+ letters) in the text of three sections or more and in no heading: what the
    headings' index, which answers the first queries, cannot find."""
    from sotay.slugs import fold

    def words(value: str) -> set[str]:
        return {fold(w).lower() for w in re.findall(r"[^\W\d_]{4,}", re.sub(r"<[^>]+>", " ", value))
                if not w.isascii()}  # a Vietnamese word, not a stray tag name or code

    in_titles = set().union(*(words(doc["title"]) for doc in docs))
    in_text = Counter(w for doc in docs for w in words(doc["text"]))
    return sorted(w for w, n in in_text.items() if n >= 3 and w not in in_titles)[0]


# ------------------------------------------------------------------------ in the browser


_RESULT_KEYS = """() => Array.from(document.querySelectorAll('.md-search-result__item'))
    .map(item => item.querySelector('a.md-search-result__link').href)"""


def ui_search(page, text: str, timeout: float = 15000) -> list[str]:
    """Type `text` into Material's search box as a reader would; the result links, best first.

    Clears the box first and waits for the placeholder, so the results read belong to `text`, and for
    the whole index (<html data-sotay-search="full">, set by search-on-demand.js).
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
    # The worker answers from the headings first; the ranking under test is the whole index's.
    page.wait_for_function("() => document.documentElement.dataset.sotaySearch === 'full'", timeout=timeout)
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


# ------------------------------------------------------------------------ under Node

NODE_WORKER = Path(__file__).resolve().parent / "js" / "search_worker.js"


def node_search(site: Path, texts: list[str], *flags: str, node: str = "node") -> dict:
    """Run Material's search worker (the site's own script and lunr files) under Node on `texts`.

    Returns {"readyMs": float, "buildMs": float, "results": [{"query", "ms", "keys", "sections", "first"}]}:
    readyMs to READY (the headings' index), buildMs to the whole index the queries run on; keys being
    result page locations relative to the site root, best first.
    Flags: "--one-stage" (the whole index before READY), "--headings" (query the headings' index).
    """
    done = subprocess.run([node, str(NODE_WORKER), str(site), *flags], input=json.dumps(texts),
                          capture_output=True, text=True, check=True, timeout=600)
    return json.loads(done.stdout)


def node_fold(site: Path, words: list[str], node: str = "node") -> list[str]:
    """lunr.vi.fold of each word, as the site's search worker folds it."""
    done = subprocess.run([node, str(NODE_WORKER), str(site), "--fold"], input=json.dumps(words),
                          capture_output=True, text=True, check=True, timeout=600)
    return json.loads(done.stdout)
