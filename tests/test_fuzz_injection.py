"""Every known injection reaches neither the reader nor a passing build (tests/fuzz/README.md).

Page attacks from tests/fuzz/injection/*.md share one mini project (one check, one strict build, one
non-strict build), so the corpus can grow without making the suite slow.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests import mini_project
from tests.conftest import ROOT, run_sotay

pytestmark = pytest.mark.slow

CORPUS = ROOT / "tests" / "fuzz" / "injection"

# attack file → (code the checker must report, strings that must not reach the page)
EXPECTED: dict[str, tuple[str, tuple[str, ...]]] = {
    "img-onerror": ("R03", ("onerror",)),
    "svg-onload": ("R01", ("<svg", "onload")),
    "details-ontoggle": ("R03", ("ontoggle",)),
    "attr-list-onclick": ("R03", ("onclick",)),
    "attr-list-onmouseover": ("R03", ("onmouseover",)),
    "link-javascript": ("R04", ("javascript:",)),
    "link-vbscript": ("R04", ("vbscript:",)),
    "link-data-html": ("R04", ("data:text/html",)),
    "refdef-javascript": ("R04", ("javascript:",)),
    "a-href-javascript": ("R04", ("script:alert", "jav&#x61;script")),
    "a-href-tab-javascript": ("R04", ("javascript:",)),
    "object": ("R01", ("<object",)),
    "embed": ("R01", ("<embed",)),
    "style": ("R01", ("<style", "display:none")),
    "meta-refresh": ("R01", ("http-equiv",)),
    "form-action": ("R01", ("<form", "example.com/steal")),
    "base-href": ("R01", ("<base",)),
    "file-link": ("R04", ("file:",)),
    "script": ("R01", ("<script>alert", "alert(1)")),
    "iframe": ("R01", ("<iframe",)),
}


def _article(html: str) -> str:
    """The page body as the reader gets it (the theme's own header forms and styles are not page content)."""
    start, end = html.find("<article"), html.rfind("</article>")
    assert start != -1 and end != -1
    return html[start:end]


def test_corpus_and_table_agree():
    assert {p.stem for p in CORPUS.glob("*.md")} == set(EXPECTED)


@pytest.fixture(scope="module")
def page_attacks(tmp_path_factory) -> Path:
    pages = {f"tan-cong/{p.stem}.md": mini_project.FRONT.format(t="Trang thử") + p.read_text(encoding="utf-8")
             for p in sorted(CORPUS.glob("*.md"))}
    return mini_project.make(tmp_path_factory.mktemp("attacks"), pages=pages)


def test_checker_reports_every_page_attack(page_attacks):
    result = run_sotay("check", "--root", str(page_attacks), env={"SOTAY_SOURCES": ""})
    assert result.returncode == 1, result.stdout[-2000:]
    for name, (code, _) in EXPECTED.items():
        assert re.search(rf"docs/tan-cong/{name}\.md:\d+:\d+: lỗi \[{code}\]", result.stdout), (name, result.stdout)


def test_strict_build_fails_on_every_page_attack(page_attacks):
    result = mini_project.build(page_attacks)
    assert result.returncode != 0
    for name, (code, _) in EXPECTED.items():
        assert re.search(rf"tan-cong/{name}\.md:\d+:\d+: lỗi \[{code}\]", result.stderr), (name, result.stderr[-3000:])


def test_no_page_attack_reaches_the_reader(page_attacks):
    result = mini_project.build(page_attacks, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    for name, (_, forbidden) in EXPECTED.items():
        html = _article((page_attacks / "site" / "tan-cong" / name / "index.html").read_text(encoding="utf-8"))
        html = re.sub(r"[\t\n\r]", "", html)  # a browser drops these inside a URL: "java<TAB>script:" is javascript:
        for needle in forbidden:
            assert needle not in html.lower() if needle.islower() else needle not in html, (name, needle)


# ----------------------------------------------------------------------------- data and front matter


@pytest.fixture(scope="module")
def data_attacks(tmp_path_factory) -> Path:
    project = mini_project.make(tmp_path_factory.mktemp("data"), pages={
        "fm-title.md": '---\ntitle: "<script>alert(1)</script>"\ndescription: Trang thử.\nsources: [ban-bien-soan]\n'
                       "reviewed: 2026-11-23\n---\n\nNội dung.\n",
        "fm-description.md": "---\ntitle: Mô tả\ndescription: 'x\"><script>alert(2)</script>'\n"
                             "sources: [ban-bien-soan]\n"
                             "reviewed: 2026-11-23\n---\n\n# Mô tả\n\nNội dung.\n",
        "bang.md": mini_project.FRONT.format(t="Bảng") + "<!-- sotay:abbreviations -->\n",
    })
    registry = project / "data" / "van-ban.yml"
    text = registry.read_text(encoding="utf-8")
    old = "title: Về tiếp tục đổi mới và nâng cao chất lượng sinh hoạt chi bộ trong giai đoạn mới"
    assert old in text
    registry.write_text(text.replace(old, old + " <img src=x onerror=alert(3)>", 1), encoding="utf-8")
    glossary = project / "includes" / "abbreviations.md"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "*[XSS]: <img src=x onerror=alert(4)>\n",
                        encoding="utf-8")
    return project


def test_checker_reports_markup_in_data_and_front_matter(data_attacks):
    result = run_sotay("check", "--root", str(data_attacks), env={"SOTAY_SOURCES": ""})
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout
    assert re.search(r"docs/fm-title\.md:2:1: lỗi \[R05\]", out), out
    assert re.search(r"docs/fm-description\.md:3:1: lỗi \[R05\]", out), out
    assert re.search(r"data/van-ban\.yml:\d+:\d+: lỗi \[R05\]", out), out
    assert re.search(r"includes/abbreviations\.md:\d+:\d+: lỗi \[R05\]", out), out


def test_strict_build_fails_on_markup_in_data(data_attacks):
    result = mini_project.build(data_attacks)
    assert result.returncode != 0
    assert result.stderr.count("[R05]") >= 4, result.stderr[-3000:]


def test_markup_in_data_is_escaped_where_rendered(data_attacks):
    result = mini_project.build(data_attacks, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    site = data_attacks / "site"
    everything = "\n".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    for needle in ("<script>alert(1)", "<script>alert(2)", "<img src=x onerror=alert(3)", "<img src=x onerror=alert(4)",
                   'x"><script>'):
        assert needle not in everything, needle
    assert "&lt;img src=x onerror=alert(3)&gt;" in (site / "van-ban" / "50-ct-tw-2025" / "index.html").read_text(
        encoding="utf-8")


# ----------------------------------------------------------------------------- symlinks


@pytest.mark.parametrize("kind", ["outside-file", "outside-dir", "loop", "inside-dir"])
def test_symlinks_that_leave_docs_are_refused(tmp_path, kind):
    project = mini_project.make(tmp_path / "p")
    docs = project / "docs"
    if kind == "outside-file":
        (docs / "bi-mat.txt").symlink_to("/etc/passwd")
    elif kind == "outside-dir":
        (docs / "he-thong").symlink_to("/etc")
    elif kind == "loop":
        (docs / "vong-a").symlink_to(docs / "vong-b")
        (docs / "vong-b").symlink_to(docs / "vong-a")
    else:
        (docs / "ban-sao").symlink_to(docs)
    check = run_sotay("check", "--root", str(project), env={"SOTAY_SOURCES": ""})
    assert check.returncode == 1 and "[L05]" in check.stdout, check.stdout + check.stderr
    assert "Traceback" not in check.stderr
    build = mini_project.build(project, timeout=120)
    assert build.returncode != 0 and "[L05]" in build.stderr, build.stderr[-2000:]
    assert "Traceback" not in build.stderr
    assert not (project / "site" / "bi-mat.txt").exists() and not (project / "site" / "he-thong").exists()


def test_nfc_never_writes_through_a_symlink(tmp_path):
    outside = tmp_path / "ngoai.md"
    nfd = "Đa\u0309ng vie\u0302n\n"
    outside.write_text(nfd, encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "lien-ket.md").symlink_to(outside)
    result = run_sotay("nfc", str(docs / "lien-ket.md"), cwd=tmp_path)
    assert result.returncode == 2 and "liên kết tượng trưng" in result.stderr
    assert outside.read_text(encoding="utf-8") == nfd
    assert os.path.islink(docs / "lien-ket.md")
