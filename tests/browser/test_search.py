"""Vietnamese search in real Chromium: the query table over http and from file://, nothing leaving
the site; the index fetched only when the reader goes to search; the folding table shared with
Python; the Kiwix file's header search; exact diacritics first, word pairs, old/new tone placement
and NFD pages on a small built corpus."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from sotay.search import SHIM_LOCAL, SHIM_UNPKG, enrich_site_index
from tests.browser.conftest import serve
from tests.fold_cases import FOLD_CASES
from tests.search_queries import QUERIES, hit, relative_key, result_html, text_only_word, ui_search

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
LUNR_VI = ROOT / "overrides" / "assets" / "javascripts" / "lunr" / "min" / "lunr.vi.min.js"
TARGET = 0.95  # issue 11: at least 19 queries in 20 put a right page where the reader looks


def _run_table(page, start: str, base: str) -> tuple[list[str], int, int]:
    """(failures, hits in top N, hits at rank 1) of the query table typed into the search box."""
    page.goto(start)
    failures, hits, first = [], 0, 0
    for query in QUERIES:
        links = ui_search(page, query.text)
        keys = [relative_key(link, base) for link in links]
        first += bool(keys) and keys[0] in query.expected
        if not hit(query, keys):
            failures.append(f"{query.kind} {query.text!r}: want {query.expected} in top {query.top}, got {keys[:5]}")
            continue
        hits += 1
        if not query.kind.startswith("abbreviation") and not any("<mark>" in html for html in result_html(page)[:3]):
            # (an abbreviation matches the hidden keyword field: nothing visible to highlight)
            failures.append(f"{query.kind} {query.text!r}: no highlighted match in the first results")
    return failures, hits, first


def _check_table(failures: list[str], hits: int, first: int) -> None:
    total = len(QUERIES)
    print(f"query table: top N {hits}/{total}, top 1 {first}/{total}")
    assert len(QUERIES) >= 120
    assert hits >= TARGET * total, f"{hits}/{total} in top N:\n" + "\n".join(failures)
    # The failures issue 11 reported, the symbols and the highlights must all pass.
    strict = [f for f in failures if f.split(" ", 1)[0] in ("issue", "symbol") or "no highlighted" in f]
    assert strict == [], "\n".join(strict)


def test_query_table_over_http(page_with_log, site_url):
    page, log = page_with_log
    _check_table(*_run_table(page, site_url, site_url))
    assert log.outside(site_url) == []


def test_query_table_from_file(page_with_log, offline_site_dir):
    page, log = page_with_log
    base = offline_site_dir.as_uri() + "/"
    _check_table(*_run_table(page, base + "index.html", base))
    assert log.outside("file://") == []
    assert any(url.endswith(SHIM_LOCAL) for url in log.urls), "the offline page should load our iframe-worker copy"


def test_offline_build_has_no_unpkg(offline_site_dir):
    pages = list(offline_site_dir.rglob("*.html"))
    assert pages
    assert not [p for p in pages if SHIM_UNPKG in p.read_text(encoding="utf-8")]
    assert (offline_site_dir / SHIM_LOCAL).is_file()


# ------------------------------------------------------------------ the index only when needed


def _search_requests(log) -> list[str]:
    return [u for u in log.urls if "search_index" in u or "/workers/search." in u or "lunr." in u]


def test_page_view_fetches_no_index_until_the_reader_searches(page_with_log, site_url):
    page, log = page_with_log
    page.goto(site_url + "quy-trinh/vai-tro/")
    page.wait_for_load_state("networkidle")
    page.mouse.move(300, 500)  # reading, away from the search box
    page.mouse.wheel(0, 600)
    page.wait_for_timeout(500)
    assert _search_requests(log) == [], "a page view must not fetch the search index or start the worker"
    keys = [relative_key(link, site_url) for link in ui_search(page, "thư ký")]
    assert keys[0] == "quy-trinh/vai-tro", keys
    assert any(u.endswith("search/search_index.json") for u in log.urls)
    assert log.outside(site_url) == []


def test_search_link_with_query_still_works(page_with_log, site_url):
    page, _ = page_with_log
    page.goto(site_url + "?q=biên+bản")
    page.wait_for_selector(".md-search-result__item", timeout=30000)
    first = page.evaluate("() => document.querySelector('.md-search-result__item a').href")
    assert relative_key(first, site_url) == "mau-bieu/bien-ban"


def test_headings_answer_first_and_results_refresh_with_the_whole_index(browser, offline_site_dir):
    """From file:// the worker runs on the page's thread (iframe-worker): slowed 20×, the text takes
    many seconds after READY. A word found only in text has no result at first, then appears by
    itself, with no further key, once the whole index is in."""
    index = json.loads((offline_site_dir / "search" / "search_index.js").read_text(encoding="utf-8")
                       .removeprefix("var __index = ").rstrip().rstrip(";"))
    word = text_only_word(index["docs"])
    context = browser.new_context()
    page = context.new_page()
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 20})
    page.goto(offline_site_dir.as_uri() + "/index.html")
    box = page.locator("input.md-search__input")
    (box if box.is_visible() else page.locator("label[for=__search]").first).click()
    box.press_sequentially("biên bản")
    page.wait_for_selector(".md-search-result__item", timeout=120000)  # the headings' index answers
    assert page.evaluate("document.documentElement.dataset.sotaySearch") != "full"
    box.fill(word)
    box.press("End")
    page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent"
                           " && !document.querySelector('.md-search-result__item')", timeout=60000)
    assert page.evaluate("document.documentElement.dataset.sotaySearch") != "full", "the text is not in yet"
    page.wait_for_selector(".md-search-result__item", timeout=300000)  # no key pressed since
    assert page.evaluate("document.documentElement.dataset.sotaySearch") == "full"
    assert any("<mark>" in html for html in result_html(page)[:3]), "the refreshed results are highlighted"
    context.close()


# ------------------------------------------------------------------ one folding rule, both sides


def test_javascript_fold_matches_the_shared_table(browser):
    """lunr.vi's fold runs the table tests/test_slugs.py runs against sotay.slugs.fold."""
    page = browser.new_page()
    try:
        page.set_content("<html><body></body></html>")
        page.evaluate(_LUNR_STUB)
        page.add_script_tag(content=LUNR_VI.read_text(encoding="utf-8"))
        folded = page.evaluate("words => words.map(w => self.lunr.vi.fold(w))", [typed for typed, _ in FOLD_CASES])
    finally:
        page.close()
    assert list(zip([typed for typed, _ in FOLD_CASES], folded, strict=True)) == list(FOLD_CASES)


# Just enough of lunr's surface for lunr.vi.min.js to load outside Material's worker.
_LUNR_STUB = """() => {
  const proto = () => ({ prototype: {} })
  self.lunr = {
    Pipeline: { registerFunction() {} }, generateStopWordFilter: () => t => t,
    Query: Object.assign(proto(), { presence: {}, wildcard: {} }), Index: proto(), Vector: proto(),
    Builder: proto(), Token: function () {}, FieldRef: function () {}, tokenizer: {},
  }
}"""


# ------------------------------------------------------------------ the Kiwix file's header search


def test_zim_header_search_runs_on_its_own_index(browser, tmp_path_factory):
    """Kiwix serves the ZIM over http: pages ask for search/search_index.json, which must be in it."""
    from libzim.reader import Archive

    from tests.bundle_support import VERSION, build_dist

    dist = build_dist(tmp_path_factory)
    archive = Archive(str(next(dist.glob(f"*{VERSION}*.zim"))))
    index = json.loads(bytes(archive.get_entry_by_path("search/search_index.json").get_item().content))
    assert index["docs"] and index["config"]["lang"] == ["vi"]

    origin = "http://kiwix.test/content/so-tay/"

    def from_zim(route) -> None:
        path = route.request.url[len(origin):].split("?")[0].split("#")[0] or "index.html"
        try:
            item = archive.get_entry_by_path(path).get_item()
        except KeyError:
            route.fulfill(status=404, body="")
            return
        route.fulfill(status=200, body=bytes(item.content), content_type=item.mimetype)

    context = browser.new_context()
    outside: list[str] = []
    context.on("request", lambda r: None if r.url.startswith((origin, "data:", "blob:")) else outside.append(r.url))
    context.route("**/*", lambda route: from_zim(route) if route.request.url.startswith(origin) else route.abort())
    page = context.new_page()
    try:
        page.goto(origin + "index.html")
        keys = [relative_key(link, origin) for link in ui_search(page, "dang phi", timeout=60000)]
    finally:
        context.close()
    assert keys and keys[0] in {"quy-trinh/sinh-hoat-thuong-ky", "kiem-tra/trong-cuoc-hop"}, keys
    assert outside == []


# ------------------------------------------------------------------ a small corpus of look-alike words

_PAGES = {
    "bo-nang.md": "# Chi bộ\n\nChi bộ họp mỗi tháng một lần.\n",
    "bo-sac.md": "# Người cha\n\nÔng bố dặn con. Bố đi làm, bố về muộn, bố kể chuyện.\n",
    "bo-hoi.md": "# Bỏ phiếu\n\nBỏ phiếu kín, bỏ qua bước thừa.\n",
    "bo-huyen.md": "# Bạn bè\n\nBồ câu bay; bạn bồ đến chơi.\n",
    "hoa-cu.md": "# Hòa giải ở cơ sở\n\nTổ hòa giải làm việc ở thôn.\n",
    "hoa-moi.md": "# Hoà nhập cộng đồng\n\nGiúp người khuyết tật hoà nhập.\n",
    "hoa-sac.md": "# Văn hóa\n\nNếp sống văn hóa ở khu dân cư.\n",
    "cap-gan.md": "# Đầu buổi họp\n\nThư ký ghi tên người vắng. Thu đảng phí của đảng viên.\n",
    "cap-xa.md": "# Việc khác\n\nĐảng viên nộp báo cáo. Phí in tài liệu do chi bộ lo; đảng ủy duyệt.\n",
    "cap-dau.md": "# Dạng phi tuyến\n\nMột dạng phi tuyến trong toán học.\n",
    "phien.md": "# Phiên họp đảng ủy\n\nPhiên họp thứ hai của đảng ủy.\n",
    "ngan.md": "# Văn bản số 9\n\nThư ký ký nhận.\n",
    "dai.md": "# Những người trong buổi họp\n\n" + "Mỗi người có việc riêng trong buổi sinh hoạt. " * 30
    + "\n\n## Thư ký\n\n" + "Ghi biên bản đủ các phần, đọc lại trước khi bế mạc. " * 12 + "\n",
    "thuy-nfd.md": unicodedata.normalize("NFD", "# Công trình thủy lợi\n\nĐảng viên tham gia làm thủy lợi nội đồng.\n"),
}


@pytest.fixture(scope="module")
def lookalike_url(tmp_path_factory):
    """Build a tiny Material site with our search (lunr.vi override + the plugin's index enrichment), serve it."""
    project = tmp_path_factory.mktemp("lookalike")
    (project / "docs").mkdir()
    for name, text in _PAGES.items():
        (project / "docs" / name).write_text(text, encoding="utf-8")
    (project / "docs" / "index.md").write_text("# Trang chủ\n\nThử tìm kiếm.\n", encoding="utf-8")
    shutil.copytree(ROOT / "overrides" / "assets" / "javascripts" / "lunr",
                    project / "overrides" / "assets" / "javascripts" / "lunr")
    # search-on-demand.js marks the page when the worker has the whole index (ui_search waits for it).
    shutil.copy(ROOT / "overrides" / "assets" / "javascripts" / "search-on-demand.js",
                project / "overrides" / "assets" / "javascripts" / "search-on-demand.js")
    (project / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block libs %}{{ super() }}'
        '<script src="{{ \'assets/javascripts/search-on-demand.js\' | url }}"></script>{% endblock %}\n',
        encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: Thử\ntheme:\n  name: material\n  custom_dir: overrides\n  language: vi\n  font: false\n"
        "plugins:\n  - search:\n      lang: vi\n", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("OFFLINE", None)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"], cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    enrich_site_index(project / "site", {"CB": "Chi bộ"})  # what the sotay plugin does after the build
    url, server = serve(project / "site")
    yield url
    server.shutdown()


def _keys(page, base: str, text: str) -> list[str]:
    return [relative_key(link, base) for link in ui_search(page, text)]


def test_exact_diacritics_rank_first(page_with_log, lookalike_url):
    page, log = page_with_log
    page.goto(lookalike_url)
    keys = _keys(page, lookalike_url, "bộ")
    assert keys[0] == "bo-nang", keys
    assert {"bo-sac", "bo-hoi", "bo-huyen"} <= set(keys), "folded matches still listed after the exact one"
    assert _keys(page, lookalike_url, "bố")[0] == "bo-sac"
    assert _keys(page, lookalike_url, "bỏ")[0] == "bo-hoi"
    assert _keys(page, lookalike_url, "bồ")[0] == "bo-huyen"
    assert log.outside(lookalike_url) == []


def test_old_and_new_tone_placement_are_one_word(page_with_log, lookalike_url):
    page, _ = page_with_log
    page.goto(lookalike_url)
    for typed in ("hòa", "hoà", unicodedata.normalize("NFD", "hoà")):
        keys = _keys(page, lookalike_url, typed)
        assert set(keys[:2]) == {"hoa-cu", "hoa-moi"}, (typed, keys)
        assert "hoa-sac" in keys[2:], (typed, keys)


def test_nfd_page_found_and_highlighted(page_with_log, lookalike_url):
    page, _ = page_with_log
    page.goto(lookalike_url)
    for typed in ("thuỷ lợi", "thủy lợi", "thuy loi", "dang vien"):
        keys = _keys(page, lookalike_url, typed)
        assert keys and keys[0] == "thuy-nfd", (typed, keys)
        first = result_html(page)[0]
        assert "<mark>" in first, (typed, first)
    marked = result_html(page)[0]
    assert "<mark>Đảng</mark>" in marked or "<mark>Đảng</mark>" in unicodedata.normalize("NFC", marked)


def test_folded_match_is_highlighted(page_with_log, lookalike_url):
    page, _ = page_with_log
    page.goto(lookalike_url)
    keys = _keys(page, lookalike_url, "bo phieu")
    assert keys[0] == "bo-hoi"
    html = result_html(page)[0]
    assert "<mark>Bỏ</mark> <mark>phiếu</mark>" in html, html


def test_adjacent_syllables_outrank_the_same_syllables_apart(page_with_log, lookalike_url):
    page, _ = page_with_log
    page.goto(lookalike_url)
    keys = _keys(page, lookalike_url, "đảng phí")
    assert keys[0] == "cap-gan", keys
    assert keys.index("cap-xa") < keys.index("cap-dau"), "exact syllables apart above the word folded"
    html = result_html(page)[0]
    keys = _keys(page, lookalike_url, "dang phi")  # without marks "dạng phi" is the same word
    assert keys.index("cap-gan") < keys.index("cap-xa"), keys
    assert "<mark>đảng</mark> <mark>phí</mark>" in html, html


def test_whole_word_outranks_a_prefix_of_the_last_syllable(page_with_log, lookalike_url):
    page, _ = page_with_log
    page.goto(lookalike_url)
    keys = _keys(page, lookalike_url, "đảng phí")
    assert "phien" not in keys[:2], keys
    keys = _keys(page, lookalike_url, "phiê")  # still typing: the prefix finds it
    assert keys[0] == "phien", keys


def test_heading_that_is_the_query_outranks_a_three_line_page(page_with_log, lookalike_url):
    page, _ = page_with_log
    page.goto(lookalike_url)
    keys = _keys(page, lookalike_url, "thư ký")
    assert keys[0] == "dai", keys
    assert "ngan" in keys, keys
