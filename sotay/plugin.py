"""The `sotay` MkDocs plugin: the build's one gate (registered as an entry point in pyproject.toml).

Every page a reader gets, hand-written or generated from data, passes here:

- on_config: refuses symlinks that leave docs/ or loop (before MkDocs walks docs/); reads the data
  once into a DataContext held by this instance; offline build: drops server-only features and uses
  the local iframe-worker shim;
- on_files: runs the checker over every page (generated ones included; findings are warnings, so
  `--strict` fails) and adds the generated pages, van-ban.json and the Word templates in memory;
- on_page_markdown: expands `<!-- sotay:… -->` directives (the checker's parser and table), turns
  `nguon:ID` into readable citations and adds the page's source box (sotay.sources), links
  citations; escapes front-matter text that the theme prints raw;
- on_page_content: reports anything the HTML allow-list refuses in the rendered page, then sanitises
  it with nh3, so nothing unsafe is published even in a non-strict build;
- on_post_page: the print-only sheet of checklists; on_post_build: the Vietnamese search index.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files

from sotay import calendar_ics, directives, generated, meeting_views, planner, search, sources, unsafe
from sotay.bundle import hooks as bundle_hooks
from sotay.checks import Checker, Report
from sotay.citation_links import link_citations
from sotay.context import DataContext
from sotay.errors import ConfigError
from sotay.project import Project
from sotay.sanitize import sanitize
from sotay.source import mask
from sotay.templates import download_under_title

log = logging.getLogger("mkdocs.plugins.sotay")


class SotayConfig(base.Config):
    """Data paths are the project's (data/, includes/). `search: false` leaves Material's search index as
    Material wrote it (scripts/bench_search.py builds the "stock" side that way)."""

    search = c.Type(bool, default=True)


class SotayPlugin(BasePlugin[SotayConfig]):
    """State lives on the instance: one build, one context, one report."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.ctx: DataContext | None = None
        self.report: Report | None = None
        self.own_pages: dict[str, str] = {}  # reference page → its document id (no self-links)
        self.blocked: dict[str, str] = {}  # page → the finding that keeps MkDocs from reading it

    # ------------------------------------------------------------------ config
    def _on_config_first(self, config: Any) -> Any:
        project = Project.from_config(config)
        problems = project.symlink_problems()
        if problems:
            lines = [f"{project.rel(path)}:1:1: lỗi [L05] liên kết tượng trưng {reason}" for path, reason in problems]
            raise PluginError("sotay: bản dựng từ chối chép tệp ngoài docs/:\n" + "\n".join(lines))
        offline = bundle_hooks.offline_enabled(config)
        try:
            self.ctx = DataContext.load(project, offline=offline, mike=bundle_hooks.uses_mike(config),
                                        site_url=config.site_url or "")
        except ConfigError as exc:
            raise PluginError(f"sotay: {exc}") from None
        if offline:
            bundle_hooks.drop_server_features(config)
        bundle_hooks.drop_version_selector_unless_mike(config)
        return config

    @event_priority(-100)  # after Material's offline plugin has added its polyfill
    def _on_config_last(self, config: Any) -> Any:
        search.use_local_shim(config)
        return config

    on_config = CombinedEvent(_on_config_first, _on_config_last)

    # ------------------------------------------------------------------ files
    def on_files(self, files: Files, config: Any) -> Files:
        ctx = self._context()
        try:
            report = Checker(ctx).run()
        except ConfigError as exc:
            raise PluginError(f"sotay: {exc}") from None
        for finding in report.findings:
            log.warning(finding.human())
        self.report = report
        self.blocked = {}
        for finding in report.blocking():
            rel = finding.file.split("/", 1)[1] if finding.file.startswith("docs/") else finding.file
            self.blocked.setdefault(rel, finding.human())
        for rel, page in generated.pages(ctx, report.cited_by, report.titles()).items():
            files.append(File.generated(config, rel, content=page.text))
        files.append(File.generated(config, "van-ban.json", content=generated.inventory_json(ctx.registry)))
        files.append(File.generated(config, meeting_views.JSON_NAME, content=meeting_views.inventory_json(ctx)))
        bundle_hooks.add_docx(ctx, files, config)
        if ctx.calendar is not None:
            files.append(File.generated(config, planner.ICS_PATH, content=calendar_ics.build_ics(
                ctx.calendar, ctx.edition.date, bundle_hooks.online_url(ctx, "cong-cu/lich-hop/"))))
        self.own_pages = {d.page: d.id for d in ctx.registry.documents}
        return files

    # ------------------------------------------------------------------ pages
    def on_page_read_source(self, page: Any, config: Any) -> str | None:
        """A page the checker found unsafe to render (front matter bomb, nesting deep enough to crash
        Python-Markdown: rules.RENDER_BLOCKERS) is never read: it becomes a notice naming the finding."""
        finding = self.blocked.get(page.file.src_uri)
        if finding is None:
            return None
        return ("---\ntitle: Trang bị từ chối\n---\n\n# Trang bị từ chối\n\n"
                f"Bản dựng không đọc trang này vì: `{finding}`\n")
    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Files) -> str:
        ctx = self._context()
        rel = page.file.src_uri
        _escape_meta(page)
        own = self.own_pages.get(rel)
        if own is None:
            markdown = directives.expand(markdown, mask(markdown, comments=False), ctx, rel, page.url)
        # Readable citations and the source box, after the views: the meeting model's step footnotes cite
        # nguon:ID too, so the box counts what the steps rest on as well as what the page writes.
        markdown = sources.render_page(markdown, rel, page.meta, ctx)
        if own is None:
            markdown = download_under_title(markdown)  # the Word button on the first screen of a template page
        return link_citations(markdown, rel, ctx.registry, skip=own)

    def on_page_content(self, content: str, page: Any, config: Any, files: Files) -> str:
        problems = unsafe.scan_html(content)
        for problem in problems:
            log.warning(f"{page.file.src_uri}: lỗi [{problem.code}] trong trang đã dựng (dòng HTML "
                        f"{problem.line}): {problem.message}; phần này bị loại khỏi trang")
        return sanitize(content)

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        return bundle_hooks.add_print_sheet(self._context(), output, page.file.src_uri, page.title or "")

    @event_priority(-50)  # after the search plugin writes the index, before the offline plugin (-100) inlines it
    def on_post_build(self, config: Any) -> None:
        if self.config.search:
            search.enrich_site_index(Path(config.site_dir), self._context().glossary)

    def _context(self) -> DataContext:
        if self.ctx is None:
            raise PluginError("sotay: plugin chưa được cấu hình (on_config chưa chạy)")
        return self.ctx


def _escape_meta(page: Any) -> None:
    """Front-matter text is text: the theme prints title and description without escaping them."""
    meta = page.meta
    for key in ("title", "description"):
        if isinstance(meta.get(key), str):
            meta[key] = html.escape(meta[key], quote=True)
    if isinstance(page.title, str) and ("<" in page.title or ">" in page.title or '"' in page.title):
        page.title = html.escape(page.title, quote=True)
