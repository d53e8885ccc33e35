"""The checker's scanner sees the anchors and links that Python-Markdown renders, no more and no fewer.

Documents are built from blocks where scanners usually go wrong: setext headings, indented code
blocks (and indented text that continues a list or an admonition instead), fenced code, a stray
backtick, code spans holding link syntax, duplicate headings.
"""

from __future__ import annotations

import re

import markdown as python_markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from sotay import markdown
from sotay.slugs import slugify
from sotay.source import mask

WORDS = st.sampled_from(["Chuẩn bị", "Điểm danh", "Biểu quyết", "Đảng phí", "Kết luận", "Thư ký", "Bước 1"])
TARGETS = st.sampled_from(["a.md", "b.md#dieu-kien", "../c.md", "d.md#x"])

BLOCKS = st.one_of(
    st.builds(lambda w: f"## {w}", WORDS),
    st.builds(lambda w, u: f"{w}\n{u}", WORDS, st.sampled_from(["===", "---", "=====", "-----"])),
    st.builds(lambda w, t: f"Đọc [{w}]({t}) trước.", WORDS, TARGETS),
    st.builds(lambda t: f"    [trong mã]({t})\n    ## không phải tiêu đề", TARGETS),
    st.builds(lambda t: f"```\n[trong mã]({t})\n## không phải tiêu đề\n```", TARGETS),
    st.builds(lambda t: f"Dấu ` lẻ, rồi [liên kết]({t}).", TARGETS),
    st.builds(lambda t: f"Mã `[không phải]({t})` trong câu.", TARGETS),
    st.builds(lambda w, t: f"- {w}\n\n    [tiếp mục]({t})", WORDS, TARGETS),
    st.builds(lambda w, t: f'!!! note "{w}"\n\n    [trong ghi chú]({t})', WORDS, TARGETS),
    st.builds(lambda w: f"### {w} {{ #rieng }}", WORDS),
)

EXTENSIONS = ["toc", "attr_list", "admonition", "footnotes", "tables", "def_list", "md_in_html",
              "pymdownx.superfences"]


def render(text: str) -> str:
    md = python_markdown.Markdown(extensions=EXTENSIONS, extension_configs={"toc": {"slugify": slugify}})
    return md.convert(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(BLOCKS, min_size=1, max_size=8))
def test_anchors_and_links_match_python_markdown(blocks):
    text = "\n\n".join(blocks) + "\n"
    html = render(text)
    masked = mask(text)
    rendered_ids = set(re.findall(r'<h[1-6] id="([^"]+)"', html))
    assert markdown.anchors(masked) == rendered_ids, (text, html)
    rendered_links = sorted(re.findall(r'<a href="([^"]+)"', html))
    scanned = sorted(link.target for link in markdown.links(masked))
    assert scanned == rendered_links, (text, html)


def test_setext_heading_defines_its_anchor():
    text = "Điều kiện\n=========\n\nĐoạn.\n\nThư ký\n------\n"
    assert markdown.anchors(mask(text)) == {"dieu-kien", "thu-ky"}


def test_indented_code_hides_links_but_list_continuation_does_not():
    code = "Đoạn.\n\n    [a](khong-co.md)\n"
    assert [link.target for link in markdown.links(mask(code))] == []
    listed = "- Mục\n\n    [b](co.md)\n"
    assert [link.target for link in markdown.links(mask(listed))] == ["co.md"]


def test_stray_backtick_masks_nothing_in_the_next_paragraph():
    text = "Một dấu ` lẻ.\n\nXem [c](c.md) và một dấu ` nữa.\n"
    assert [link.target for link in markdown.links(mask(text))] == ["c.md"]
