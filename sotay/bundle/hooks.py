"""MkDocs side of the bundle (called by the thin overrides/hooks/sotay_bundle.py).

- on_config: in the offline build (`OFFLINE=true`, Material's offline plugin enabled) drop what needs
  a server: the version selector and instant loading;
- a file hook in sotay.build adds the Word templates (mau-bieu/mau-<id>.docx) to the build and
  records them, so `<!-- sotay:mau-bieu ID -->` shows a download button;
- on_page_content: fills `<!-- sotay-bundle:downloads -->` (the "Tải về" page) with this edition's files;
- on_post_page: checklist pages get a print-only block with the edition and a QR code to the page online.
"""

from __future__ import annotations

import html
import posixpath
from typing import Any

import segno
from mkdocs.structure.files import File, Files

from sotay import build
from sotay.bundle import TITLE, Edition, online_base, pdf_name, zim_name, zip_name
from sotay.bundle.docx import build_docx

DOWNLOADS_MARKER = "<!-- sotay-bundle:downloads -->"
CHECKLIST_DIR = "kiem-tra/"
DOCX_DIR = "mau-bieu"


class _Settings:
    offline = False
    mike = False
    site_url = ""
    edition: Edition | None = None


settings = _Settings()


def _offline_enabled(config: Any) -> bool:
    for plugin in config.plugins.values():
        if type(plugin).__name__ == "OfflinePlugin":
            return bool(plugin.config.enabled)
    return False


def on_config(config: Any) -> Any:
    settings.edition = Edition.from_env()
    settings.offline = _offline_enabled(config)
    version = config.extra.get("version") or {}
    settings.mike = isinstance(version, dict) and version.get("provider") == "mike"
    settings.site_url = config.site_url or ""
    if settings.offline:
        # From file:// there is no versions.json to fetch and no XHR for instant loading.
        config.extra.pop("version", None)
        features = config.theme.get("features") or []
        config.theme["features"] = [f for f in features if not f.startswith("navigation.instant")]
    return config


def online_url(path: str) -> str:
    """The page or file at `path` (site-relative, directory URL) on the published site."""
    return online_base(settings.site_url, settings.mike) + path


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


def add_docx(state: build.BuildState, files: Files, config: Any) -> None:
    """File hook: each template's Word file joins the build next to the template pages."""
    edition = settings.edition or Edition.from_env()
    for template in state.templates.values():
        rel = f"{DOCX_DIR}/{template.docx_name}"
        files.append(File.generated(config, rel, content=build_docx(template, edition)))
        state.downloads[template.id] = rel


if add_docx not in build._file_hooks:
    build._file_hooks.append(add_docx)


def downloads_html(page_url: str) -> str:
    """The table of this edition's files on the "Tải về" page."""
    edition = settings.edition or Edition.from_env()
    rows: list[tuple[str, str, str]] = []

    def link(target: str, text: str) -> str:
        return f'<a href="{html.escape(relative(target, page_url))}" download>{html.escape(text)}</a>'

    online = f'<a href="{html.escape(online_url("tai-ve/"))}">trang Tải về của bản trực tuyến</a>'
    rows.append(("Sổ tay in (PDF, khổ A4)", link(pdf_name(edition.version), pdf_name(edition.version)),
                 "Bìa, mục lục, số trang; mỗi chương sang trang mới. In hai mặt được."))
    zip_cell = html.escape(zip_name(edition.version))
    zim_cell = html.escape(zim_name(edition.version))
    if settings.offline:
        zip_cell += f" (có ở {online})"
        zim_cell += f" (có ở {online})"
    else:
        zip_cell = link(zip_name(edition.version), zip_name(edition.version))
        zim_cell = link(zim_name(edition.version), zim_name(edition.version))
    rows.append(("Gói ngoại tuyến (.zip)", zip_cell,
                 "Giải nén, mở <code>index.html</code>: đọc, tìm kiếm, đánh dấu danh sách không cần mạng."))
    rows.append(("Tệp Kiwix (.zim)", zim_cell,
                 "Đọc bằng ứng dụng Kiwix trên điện thoại hoặc máy tính, có tìm kiếm toàn văn."))
    state = build._state
    if state is not None:
        for template_id, rel in state.downloads.items():
            title = state.templates[template_id].title
            rows.append((f"Mẫu Word: {html.escape(title)}", link(rel, posixpath.basename(rel)),
                         "Tệp .docx mở bằng Word hoặc LibreOffice; điền vào chỗ chấm."))
    body = "\n".join(f"<tr><td>{name}</td><td>{cell}</td><td>{note}</td></tr>" for name, cell, note in rows)
    return (
        f'<p class="sotay-edition"><strong>{html.escape(edition.label)}</strong></p>\n'
        '<table class="sotay-downloads">\n<thead><tr><th>Tệp</th><th>Tải về</th><th>Dùng để</th></tr></thead>\n'
        f"<tbody>\n{body}\n</tbody>\n</table>"
    )


def on_page_content(content: str, page: Any, config: Any, files: Files) -> str:
    if DOWNLOADS_MARKER in content:
        content = content.replace(DOWNLOADS_MARKER, downloads_html(page.url))
    return content


def is_checklist(src_uri: str, content: str) -> bool:
    return (src_uri.startswith(CHECKLIST_DIR) and not src_uri.endswith("index.md")
            and "task-list-item" in content)


def print_sheet(src_uri: str, title: str) -> str:
    """Print-only footer of a checklist: title, edition, QR code and address of the page online."""
    edition = settings.edition or Edition.from_env()
    url = online_url(directory_url(src_uri))
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


def on_post_page(output: str, page: Any, config: Any) -> str:
    if not is_checklist(page.file.src_uri, output):
        return output
    end = output.rfind("</article>")
    if end < 0:
        return output
    return output[:end] + print_sheet(page.file.src_uri, page.title or "") + output[end:]
