"""Vietnamese search in real Chromium: the query table over http and from file://, nothing leaving
the site; exact diacritics first, old/new tone placement and NFD pages on a small built corpus."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from sotay.search import SHIM_LOCAL, SHIM_UNPKG
from tests.browser.conftest import serve
from tests.search_queries import QUERIES, hit, relative_key, result_html, ui_search

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


def _run_table(page, start: str, base: str) -> list[str]:
    page.goto(start)
    failures = []
    for query in QUERIES:
        links = ui_search(page, query.text)
        keys = [relative_key(link, base) for link in links]
        if not hit(query, keys):
            failures.append(f"{query.kind} {query.text!r}: want {query.expected} in top {query.top}, got {keys[:5]}")
        elif query.kind != "abbreviation" and not any("<mark>" in html for html in result_html(page)[:3]):
            # (an abbreviation matches the hidden keyword field: nothing visible to highlight)
            failures.append(f"{query.kind} {query.text!r}: no highlighted match in the first results")
    return failures


def test_query_table_over_http(page_with_log, site_url):
    page, log = page_with_log
    failures = _run_table(page, site_url, site_url)
    assert failures == [], "\n".join(failures)
    assert log.outside(site_url) == []


def test_query_table_from_file(page_with_log, offline_site_dir):
    page, log = page_with_log
    base = offline_site_dir.as_uri() + "/"
    failures = _run_table(page, base + "index.html", base)
    assert failures == [], "\n".join(failures)
    assert log.outside("file://") == []
    assert any(url.endswith(SHIM_LOCAL) for url in log.urls), "the offline page should load our iframe-worker copy"


def test_offline_build_has_no_unpkg(offline_site_dir):
    pages = list(offline_site_dir.rglob("*.html"))
    assert pages
    assert not [p for p in pages if SHIM_UNPKG in p.read_text(encoding="utf-8")]
    assert (offline_site_dir / SHIM_LOCAL).is_file()


# ------------------------------------------------------------------ a small corpus of look-alike words

_PAGES = {
    "bo-nang.md": "# Chi bộ\n\nChi bộ họp mỗi tháng một lần.\n",
    "bo-sac.md": "# Người cha\n\nÔng bố dặn con. Bố đi làm, bố về muộn, bố kể chuyện.\n",
    "bo-hoi.md": "# Bỏ phiếu\n\nBỏ phiếu kín, bỏ qua bước thừa.\n",
    "bo-huyen.md": "# Bạn bè\n\nBồ câu bay; bạn bồ đến chơi.\n",
    "hoa-cu.md": "# Hòa giải ở cơ sở\n\nTổ hòa giải làm việc ở thôn.\n",
    "hoa-moi.md": "# Hoà nhập cộng đồng\n\nGiúp người khuyết tật hoà nhập.\n",
    "hoa-sac.md": "# Văn hóa\n\nNếp sống văn hóa ở khu dân cư.\n",
    "thuy-nfd.md": unicodedata.normalize("NFD", "# Công trình thủy lợi\n\nĐảng viên tham gia làm thủy lợi nội đồng.\n"),
}


@pytest.fixture(scope="module")
def lookalike_url(tmp_path_factory):
    """Build a tiny Material site with our search (hook + lunr.vi override) and serve it."""
    project = tmp_path_factory.mktemp("lookalike")
    (project / "docs").mkdir()
    for name, text in _PAGES.items():
        (project / "docs" / name).write_text(text, encoding="utf-8")
    (project / "docs" / "index.md").write_text("# Trang chủ\n\nThử tìm kiếm.\n", encoding="utf-8")
    (project / "includes").mkdir()
    (project / "includes" / "abbreviations.md").write_text("*[CB]: Chi bộ\n", encoding="utf-8")
    shutil.copytree(ROOT / "overrides" / "assets" / "javascripts" / "lunr",
                    project / "overrides" / "assets" / "javascripts" / "lunr")
    hook = ROOT / "overrides" / "hooks" / "sotay_search.py"
    (project / "mkdocs.yml").write_text(
        "site_name: Thử\ntheme:\n  name: material\n  custom_dir: overrides\n  language: vi\n  font: false\n"
        "plugins:\n  - search:\n      lang: vi\n"
        f"hooks:\n  - {hook}\n", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("OFFLINE", None)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
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
