"""Pages and files made from the registry during the build, in memory (never in docs/).

- van-ban/<id>.md: one reference page per document;
- van-ban/index.md: every document, grouped by issuer, then by kind;
- van-ban.json: the machine-readable inventory published with the site.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sotay.dates import vi_date
from sotay.registry import BASES, BASES_SHORT, KIND_ORDER, STATUSES, Document, Registry

if TYPE_CHECKING:
    from sotay.context import DataContext
    from sotay.sources import SourceRegistry

ASSETS = ("van-ban.json", "quy-trinh.json")
SOURCES_PAGE = "nguon-va-bien-soan.md"  # linked from reference pages when the handbook has it

ISSUER_ORDER = [
    "Đại hội", "Ban Chấp hành Trung ương", "Bộ Chính trị", "Ban Bí thư", "Ban Tổ chức Trung ương",
    "Quốc hội",
]


def esc(value: str) -> str:
    """A data value as Markdown text: HTML escaped (it is text, never markup) and safe in a table cell."""
    return html.escape(value, quote=False).replace("|", "\\|").replace("\n", " ")


def _source_item(ident: str, sources: SourceRegistry | None) -> str:
    """One source of a document as a reader sees it: its readable citation and link, never a file name."""
    source = sources.by_id.get(ident) if sources is not None else None
    if source is None:  # the registry's validation refuses unknown ids; this is the fallback without data
        return f"- {esc(ident)}"
    return f"- {source.full_markdown()}"


def _issuer_rank(issuer: str) -> tuple[int, str]:
    for rank, prefix in enumerate(ISSUER_ORDER):
        if issuer.startswith(prefix):
            return rank, issuer
    return len(ISSUER_ORDER), issuer


def _kind_rank(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


def _title_line(doc: Document, registry: Registry | None = None) -> str:
    """Display name; the year is added when another registry entry shares the symbol."""
    if not doc.symbol:
        return esc(doc.title)
    name = esc(f"{doc.kind} {doc.symbol}")
    if registry is not None and len(registry.by_symbol.get(doc.symbol, ())) > 1 and doc.date:
        name += f" ({doc.date[:4]})"
    return name


def reference_page(doc: Document, registry: Registry, cited_by: Iterable[str] = (),
                   titles: dict[str, str] | None = None, sources: SourceRegistry | None = None) -> str:
    """Markdown of one document's reference page (`titles` holds the handbook's page titles)."""
    status = STATUSES[doc.status]
    if doc.superseded_by and doc.superseded_by in registry.by_id:
        newer = registry.by_id[doc.superseded_by]
        status += f" bởi [{_title_line(newer, registry)}]({newer.id}.md)"
    replaced = [d for d in registry.documents if d.superseded_by == doc.id]
    date = vi_date(doc.date)
    if doc.alt_dates:
        date += " (nguồn khác ghi " + ", ".join(vi_date(d) for d in doc.alt_dates) + ")"
    description = html.unescape(f"{_title_line(doc, registry)}: {doc.title}.")
    lines = [
        "---",
        f"title: {json.dumps(html.unescape(_title_line(doc, registry)), ensure_ascii=False)}",
        f"description: {json.dumps(description, ensure_ascii=False)}",
        "sources: " + json.dumps(list(doc.sources), ensure_ascii=False),
        "status: tham-khao",
        "---",
        "",
        f"# {_title_line(doc, registry)} {{ #van-ban }}",
        "",
        "Trang tham chiếu do sổ đăng ký văn bản tạo ra: số hiệu, ngày, cơ quan ban hành và tình trạng "
        "của văn bản, cùng nguồn của từng thông tin.",
        "",
        "| Thông tin | Nội dung |",
        "| --- | --- |",
        f"| Số hiệu | {esc(doc.symbol) if doc.symbol else 'không có số hiệu trong nguồn'} |",
        f"| Loại văn bản | {esc(doc.kind)} |",
        f"| Cơ quan ban hành | {esc(doc.issuer)} |",
        f"| Ngày ban hành | {date} |",
        f"| Trích yếu | {esc(doc.title)} |",
        f"| Tình trạng | {status} |",
        f"| Cơ sở thông tin | {BASES[doc.basis]} |",
    ]
    if replaced:
        older = ", ".join(f"[{_title_line(d, registry)}]({d.id}.md)" for d in replaced)
        lines.append(f"| Thay thế cho | {older} |")
    lines.append("")
    if doc.note:
        lines += ['!!! note "Ghi chú về nguồn"', "", f"    {esc(doc.note)}", ""]
    lines += ["## Nguồn { #nguon }", ""] + [_source_item(s, sources) for s in doc.sources] + [""]
    if titles is not None and SOURCES_PAGE in titles:
        lines += [f"Cách Ban biên soạn dùng các nguồn: [Nguồn và cách biên soạn](../{SOURCES_PAGE}).", ""]
    pages = sorted(set(cited_by))
    if pages:
        lines += ["## Các trang nhắc tới văn bản này { #trang-nhac-toi }", ""]
        titles = titles or {}
        lines += [f"- [{esc(titles.get(p, p))}](../{p})" for p in pages] + [""]
    return "\n".join(lines)


def index_page(registry: Registry) -> str:
    """Markdown of the list page: issuer sections, kind subsections, one row per document."""
    lines = [
        "---",
        "title: Văn bản được trích dẫn",
        "description: Danh mục mọi văn bản mà sổ tay nhắc tới, theo cơ quan ban hành và loại văn bản.",
        "sources: [ban-bien-soan]",
        "status: tham-khao",
        "---",
        "",
        "# Văn bản được trích dẫn { #van-ban }",
        "",
        "Danh mục này được tạo từ sổ đăng ký văn bản của sổ tay. Mỗi văn bản có một trang riêng ghi nguồn "
        "của từng thông tin. Cột “Cơ sở thông tin” cho biết nội dung văn bản lấy từ đâu: văn bản đã xem, "
        "báo chí đưa tin hay trang web dẫn lại; hai trường hợp sau chưa được đối chiếu với văn bản gốc. "
        "Bản máy đọc được: [van-ban.json](../van-ban.json).",
        "",
        "| Tình trạng | Số văn bản |",
        "| --- | --- |",
    ]
    for key, label in STATUSES.items():
        lines.append(f"| {label} | {sum(d.status == key for d in registry.documents)} |")
    lines.append("")
    by_issuer: dict[str, list[Document]] = {}
    for doc in registry.documents:
        by_issuer.setdefault(doc.issuer, []).append(doc)
    from sotay.slugs import slugify

    for issuer in sorted(by_issuer, key=_issuer_rank):
        lines += [f"## {esc(issuer)} {{ #{slugify(issuer)} }}", ""]
        docs = sorted(by_issuer[issuer], key=lambda d: (_kind_rank(d.kind), d.date or "", d.id))
        for kind in dict.fromkeys(d.kind for d in docs):
            lines += [f"### {esc(kind)} {{ #{slugify(issuer)}-{slugify(kind)} }}", "",
                      "| Văn bản | Ngày | Trích yếu | Tình trạng | Cơ sở thông tin |",
                      "| --- | --- | --- | --- | --- |"]
            for doc in (d for d in docs if d.kind == kind):
                lines.append(
                    f"| [{_title_line(doc, registry)}]({doc.id}.md) | {vi_date(doc.date)} | {esc(doc.title)} | "
                    f"{STATUSES[doc.status]} | {BASES_SHORT[doc.basis]} |"
                )
            lines.append("")
    return "\n".join(lines)


def inventory_json(registry: Registry) -> str:
    """van-ban.json: every document with its fields and its page, for other tools."""
    payload = {
        "schema": "so-tay-sinh-hoat-chi-bo/van-ban/1",
        "statuses": STATUSES,
        "documents": [d.as_json() for d in registry.documents],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def reference_pages(registry: Registry, cited_by: dict[str, set[str]] | None = None,
                    titles: dict[str, str] | None = None, sources: SourceRegistry | None = None) -> dict[str, str]:
    """Every generated page, keyed by its path inside docs/."""
    cited_by = cited_by or {}
    titles = titles if titles is not None else {}
    pages = {"van-ban/index.md": index_page(registry)}
    for doc in registry.documents:
        pages[doc.page] = reference_page(doc, registry, cited_by.get(doc.id, ()), titles, sources)
    return pages


@dataclass(frozen=True)
class GeneratedPage:
    """A page made from data in memory: its Markdown and the data file it comes from (for messages)."""

    text: str
    origin: str


def pages(ctx: DataContext, cited_by: dict[str, set[str]] | None = None,
          titles: dict[str, str] | None = None) -> dict[str, GeneratedPage]:
    """Every page the build generates from data, keyed by its path inside docs/ (the one list that the
    plugin adds to the build and the checker checks)."""
    origin = ctx.project.rel(ctx.project.registry_path)
    return {rel: GeneratedPage(text, origin)
            for rel, text in reference_pages(ctx.registry, cited_by, titles, ctx.sources).items()}
