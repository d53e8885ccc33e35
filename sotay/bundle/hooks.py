"""The bundle's part of the build (called by the plugin, sotay.plugin):

- `offline_enabled` / `drop_server_features`: in the offline build (`OFFLINE=true`, Material's offline
  plugin enabled) drop what needs a server: the version selector and instant loading;
- `drop_version_selector_unless_mike`: the selector (and its versions.json request) only in mike's builds;
- `add_docx`: the Word templates (mau-bieu/mau-<id>.docx) join the build and are recorded in the
  context, so `<!-- sotay:mau-bieu ID -->` shows a download button;
- `downloads_html`: what `<!-- sotay-bundle:downloads -->` (the "Tải về" page) becomes;
- `add_print_sheet`: checklist pages get a print-only block with the edition and a QR code.
"""

from __future__ import annotations

import html
import os
import posixpath
from typing import TYPE_CHECKING, Any

import segno
from mkdocs.structure.files import File, Files

from sotay.bundle import TITLE, online_base, pdf_name, zim_name, zip_name
from sotay.bundle.docx import build_docx

if TYPE_CHECKING:
    from sotay.context import DataContext

CHECKLIST_DIR = "kiem-tra/"
MIKE_VERSION_ENV = "MIKE_DOCS_VERSION"  # set by mike for the builds of `mike deploy`
DOCX_DIR = "mau-bieu"


def offline_enabled(config: Any) -> bool:
    """True in the offline build: Material's offline plugin is enabled (`OFFLINE=true`)."""
    for plugin in config.plugins.values():
        if type(plugin).__name__ == "OfflinePlugin":
            return bool(plugin.config.enabled)
    return False


def uses_mike(config: Any) -> bool:
    version = config.extra.get("version") or {}
    return isinstance(version, dict) and version.get("provider") == "mike"


def drop_server_features(config: Any) -> None:
    """From file:// there is no versions.json to fetch and no XHR for instant loading."""
    config.extra.pop("version", None)
    features = config.theme.get("features") or []
    config.theme["features"] = [f for f in features if not f.startswith("navigation.instant")]


def drop_version_selector_unless_mike(config: Any) -> None:
    """Material's version selector fetches ../versions.json, which only `mike deploy` writes (and mike
    marks its builds with MIKE_DOCS_VERSION): a plain `mkdocs build`/`serve` would 404 on every page."""
    if not os.environ.get(MIKE_VERSION_ENV):
        config.extra.pop("version", None)


def online_url(ctx: DataContext, path: str) -> str:
    """The page or file at `path` (site-relative, directory URL) on the published site."""
    return online_base(ctx.site_url, ctx.mike) + path


def directory_url(src_uri: str) -> str:
    """docs path → the page's directory URL ("kiem-tra/truoc-cuoc-hop.md" → "kiem-tra/truoc-cuoc-hop/")."""
    stem = src_uri[: -len(".md")] if src_uri.endswith(".md") else src_uri
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
        return stem
    return stem + "/"


def relative(target: str, page_url: str) -> str:
    """Site-relative `target` as a link from the page at `page_url` (works with and without directory URLs)."""
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    return posixpath.relpath(target, base or ".")


def add_docx(ctx: DataContext, files: Files, config: Any) -> None:
    """Each template's Word file joins the build next to the template pages."""
    for template in ctx.templates.values():
        rel = f"{DOCX_DIR}/{template.docx_name}"
        files.append(File.generated(config, rel, content=build_docx(template, ctx.edition)))
        ctx.downloads[template.id] = rel
    from sotay.examples import PARTS, filled

    for example in ctx.examples.values():
        kind = ctx.meetings[example.data["kind"]]
        for part in PARTS:
            document = filled(example, ctx.templates[part], kind)
            rel = f"{DOCX_DIR}/{document.docx_name}"
            files.append(File.generated(config, rel, content=build_docx(document, ctx.edition, filled=True)))
            ctx.downloads[document.id] = rel


def downloads_html(ctx: DataContext, page_url: str) -> str:
    """The table of this edition's files on the "Tải về" page."""
    edition = ctx.edition
    rows: list[tuple[str, str, str]] = []

    def link(target: str, text: str) -> str:
        return f'<a href="{html.escape(relative(target, page_url))}" download>{html.escape(text)}</a>'

    online = f'<a href="{html.escape(online_url(ctx, "tai-ve/"))}">trang Tải về của bản trực tuyến</a>'
    rows.append(("Sổ tay in (PDF, khổ A4)", link(pdf_name(edition.version), pdf_name(edition.version)),
                 "Bìa, mục lục, số trang; mỗi chương sang trang mới. In hai mặt được."))
    zip_cell = html.escape(zip_name(edition.version))
    zim_cell = html.escape(zim_name(edition.version))
    if ctx.offline:
        zip_cell += f" (có ở {online})"
        zim_cell += f" (có ở {online})"
    else:
        zip_cell = link(zip_name(edition.version), zip_name(edition.version))
        zim_cell = link(zim_name(edition.version), zim_name(edition.version))
    rows.append(("Gói ngoại tuyến (.zip)", zip_cell,
                 "Giải nén, mở <code>index.html</code>: đọc, tìm kiếm, đánh dấu danh sách không cần mạng."))
    rows.append(("Tệp Kiwix (.zim)", zim_cell,
                 "Đọc bằng ứng dụng Kiwix trên điện thoại hoặc máy tính, có tìm kiếm toàn văn."))
    for template_id, rel in ctx.downloads.items():
        if template_id not in ctx.templates:
            continue  # a filled example's Word file: offered on the example's own page
        title = ctx.templates[template_id].title
        rows.append((f"Mẫu Word: {html.escape(title)}", link(rel, posixpath.basename(rel)),
                         "Tệp .docx mở bằng Word hoặc LibreOffice; điền vào chỗ chấm."))
    body = "\n".join(f"<tr><td>{name}</td><td>{cell}</td><td>{note}</td></tr>" for name, cell, note in rows)
    return (
        f'<p class="sotay-edition"><strong>{html.escape(edition.label)}</strong></p>\n'
        '<table class="sotay-downloads">\n<thead><tr><th>Tệp</th><th>Tải về</th><th>Dùng để</th></tr></thead>\n'
        f"<tbody>\n{body}\n</tbody>\n</table>"
    )


def is_checklist(src_uri: str, content: str) -> bool:
    return (src_uri.startswith(CHECKLIST_DIR) and not src_uri.endswith("index.md")
            and "task-list-item" in content)


def print_sheet(ctx: DataContext, src_uri: str, title: str) -> str:
    """Print-only footer of a checklist: title, edition, QR code and address of the page online."""
    edition = ctx.edition
    url = online_url(ctx, directory_url(src_uri))
    qr = segno.make(url, error="m").svg_inline(scale=2, border=1, omitsize=True, svgclass="sotay-qr",
                                             title=f"Mã QR: {url}")
    return (
        '<div class="sotay-print-sheet">'
        f'<div class="sotay-print-sheet__text"><strong>{html.escape(TITLE)}</strong> · '
        f"{html.escape(title)}<br>{html.escape(edition.label)}<br>"
        f'Bản trực tuyến (quét mã QR): <span class="sotay-print-sheet__url">{html.escape(url)}</span><br>'
        "Ngày dùng: ........................ Người đánh dấu: ..............................</div>"
        f"{qr}</div>"
    )


def add_print_sheet(ctx: DataContext, output: str, src_uri: str, title: str) -> str:
    """A checklist page's HTML with its print-only sheet before the end of the article."""
    if not is_checklist(src_uri, output):
        return output
    end = output.rfind("</article>")
    if end < 0:
        return output
    return output[:end] + print_sheet(ctx, src_uri, title) + output[end:]
