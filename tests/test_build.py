"""The real handbook builds strictly; generated pages, citations links and anchors are right."""

from __future__ import annotations

import json
import re

import pytest

from sotay.registry import Registry
from tests.conftest import ROOT, run_sotay

pytestmark = pytest.mark.slow


def test_checker_is_clean_on_the_handbook():
    result = run_sotay("check", env={"SOTAY_SOURCES": str(ROOT.parent / "shared" / "sources")})
    assert result.returncode == 0, result.stdout[-3000:]


def test_every_registry_document_has_a_reference_page(site_dir):
    registry = Registry.load(ROOT / "data" / "van-ban.yml")
    for doc in registry.documents:
        html = (site_dir / "van-ban" / doc.id / "index.html").read_text(encoding="utf-8")
        assert doc.title.split()[0] in html
    index = (site_dir / "van-ban" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{doc.id}/"' in index for doc in registry.documents)


def test_inventory_json_is_published(site_dir):
    data = json.loads((site_dir / "van-ban.json").read_text(encoding="utf-8"))
    symbols = {d["symbol"] for d in data["documents"]}
    assert {"50-CT/TW", "42-HD/BTCTW", "366-QĐ/TW", "12-HD/BTCTW"} <= symbols
    hd12 = [d for d in data["documents"] if d["symbol"] == "12-HD/BTCTW" and d["date"] == "2018-07-06"]
    assert hd12 and hd12[0]["alt_dates"] == ["2018-07-16"]


def test_citations_link_to_reference_pages(site_dir):
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="van-ban/50-ct-tw-2025/"[^>]*>50-<abbr', html) or \
        'href="van-ban/50-ct-tw-2025/"' in html


def test_heading_ids_keep_d(site_dir):
    ids = set()
    for page in site_dir.rglob("*.html"):
        ids.update(re.findall(r'<h[2-6] id="([^"]+)"', page.read_text(encoding="utf-8")))
    assert ids, "no heading ids found"
    assert all(re.fullmatch(r"[a-z0-9_-]+", i) for i in ids), [i for i in ids if not re.fullmatch(r"[a-z0-9_-]+", i)]
    assert not any(i.startswith(("ieu-", "ang-", "anh-gia")) for i in ids)


@pytest.mark.parametrize("variant", ["site_dir", "offline_site_dir"])
def test_no_page_loads_anything_from_outside(variant, request):
    site_dir = request.getfixturevalue(variant)
    # Resources a browser fetches by itself (a canonical <link> or an <a href> is not fetched).
    pattern = re.compile(
        r"""<(?:script|img|iframe|source|video|audio)\b[^>]*\bsrc=["'](?:https?:)?//"""
        r"""|<link\b(?=[^>]*\brel=["'](?:stylesheet|preload|modulepreload|icon|manifest)["'])[^>]*\bhref=["'](?:https?:)?//""",
        re.I,
    )
    offenders = [p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")
                 if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


# Per built page (article text: body, generated views, source box, footnotes): the source box states once
# how the page's rules are known ("chưa đối chiếu văn bản gốc", 1), and a document's reference page adds
# its own "Cơ sở thông tin" row (2 more). Anything above that is a hedge repeated sentence by sentence.
HEDGES_PER_PAGE = 3


def test_built_pages_print_no_seed_file_and_at_most_a_few_hedges(site_dir):
    from sotay.sources import LEAK
    from sotay.style import hedge_counts, site_page_texts

    pages = dict(site_page_texts(site_dir))
    assert len(pages) > 40 and "quy-trinh/sinh-hoat-thuong-ky/index.html" in pages
    leaks = [f"{path.relative_to(site_dir)}: {m.group(0)}" for path in site_dir.rglob("*.html")
             for m in LEAK.finditer(path.read_text(encoding="utf-8", errors="replace"))]
    assert not leaks, leaks[:20]
    counts = {rel: sum(hedge_counts(text).values()) for rel, text in pages.items()}
    assert not {rel: n for rel, n in counts.items() if n > HEDGES_PER_PAGE}
    # The procedure pages are rendered from the meeting model: only the box's one statement remains.
    for rel in ("quy-trinh/sinh-hoat-thuong-ky/index.html", "quy-trinh/sinh-hoat-ket-hop/index.html",
                "kiem-tra/trong-cuoc-hop/index.html"):
        assert counts[rel] <= 1, (rel, hedge_counts(pages[rel]))
