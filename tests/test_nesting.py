"""Deep nesting (rule T03): measured before Python-Markdown, whose recursion it would exhaust."""

from __future__ import annotations

import markdown
import pytest

from sotay.nesting import MAX_DEPTH, deepest

# The build's extensions that parse nested blocks (mkdocs.yml, markdown_extensions).
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
              "pymdownx.details", "pymdownx.superfences", "pymdownx.tasklist"]


def lists(n: int, indent: str = "    ") -> str:
    return "".join(indent * i + f"- mục {i}\n" for i in range(n))


def quotes(n: int) -> str:
    return "> " * n + "a\n"


def details(n: int) -> str:
    return "".join("    " * i + '??? note "x"\n\n' for i in range(n)) + "    " * n + "a\n"


def emphasis(n: int) -> str:
    return "*a " * n + "b" + " c*" * n + "\n"


def html(n: int) -> str:
    return "<div markdown>\n\n" * n + "a\n\n" + "</div>\n\n" * n


@pytest.mark.parametrize("make", [lists, quotes, details, emphasis, html])
def test_limit_is_exact(make):
    assert deepest(make(MAX_DEPTH)) is None
    deep = deepest(make(MAX_DEPTH + 1))
    assert deep is not None and deep.depth == MAX_DEPTH + 1


@pytest.mark.parametrize("make", [lists, quotes, details, emphasis, html])
def test_everything_allowed_renders(make):
    """The margin: what T03 lets through, Python-Markdown renders without RecursionError."""
    assert markdown.markdown(make(MAX_DEPTH), extensions=EXTENSIONS)


def test_position_is_the_first_line_too_deep():
    deep = deepest("# Tiêu đề\n\n" + lists(30))
    assert (deep.line, deep.column, deep.depth) == (3 + MAX_DEPTH, 1, MAX_DEPTH + 1)
    assert "danh sách" in deep.what


def test_tabs_count_as_four_columns():
    assert deepest(lists(MAX_DEPTH + 1, "\t")).depth == MAX_DEPTH + 1


def test_ordinary_markdown_is_not_deep():
    text = "\n".join([
        "- [ ] việc 1", "    1. bước", "        > trích", "", "* * * * * * * * * * * * * * * * * * * * * * * *",
        "| a | **b** | *c* |", "", "snake_case_name_with_many_parts_a_b_c_d_e_f_g_h_i_j_k_l_m_n_o_p_q_r_s_t_u_v",
        "**Đậm** và *nghiêng* " * 40, "<br>" * 40, "<p>a</p>" * 40, " " * 400,
    ])
    assert deepest(text) is None


def test_a_new_paragraph_closes_open_emphasis():
    text = "\n\n".join(["*mở mà không đóng"] * (MAX_DEPTH * 2))
    assert deepest(text) is None


def test_deep_nesting_is_linear_and_bounded():
    deep = deepest(">" * 200_000 + " a\n" + "*a " * 100_000)
    assert deep is not None and deep.line == 1
