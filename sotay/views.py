"""The directive table: every `<!-- sotay:… -->` a page may hold, how it is checked and rendered.

One table read by the checker (P01: unknown name, wrong arguments, not on its own line) and by the
build (expansion), so the two can never disagree about which directives exist.
"""

from __future__ import annotations

import posixpath

from sotay.context import DataContext
from sotay.directives import Spec
from sotay.glossary import glossary_table
from sotay.templates import render_markdown


def _no_args(args: tuple[str, ...], ctx: DataContext) -> str | None:
    return None if not args else "chỉ thị này không nhận tham số"


def _template_arg(args: tuple[str, ...], ctx: DataContext) -> str | None:
    if len(args) != 1:
        return "cần đúng một mã mẫu biểu: <!-- sotay:mau-bieu ID -->"
    if args[0] not in ctx.templates:
        return f"không có mẫu biểu '{args[0]}' trong data/mau-bieu/"
    return None


def _render_abbreviations(args: tuple[str, ...], ctx: DataContext, rel: str, url: str) -> str:
    return glossary_table(ctx.glossary)


def _render_template(args: tuple[str, ...], ctx: DataContext, rel: str, url: str) -> str:
    download = ctx.downloads.get(args[0])
    link = posixpath.relpath(download, posixpath.dirname(rel) or ".") if download else None
    return render_markdown(ctx.templates[args[0]], link)


def _render_sources(args: tuple[str, ...], ctx: DataContext, rel: str, url: str) -> str:
    from sotay.sources import sources_list

    return sources_list(ctx.sources)


def _render_downloads(args: tuple[str, ...], ctx: DataContext, rel: str, url: str) -> str:
    from sotay.bundle.hooks import downloads_html

    return "\n" + downloads_html(ctx, url) + "\n"


SPECS: dict[str, Spec] = {
    "sotay:abbreviations": Spec("sotay:abbreviations", _no_args, _render_abbreviations),
    "sotay:mau-bieu": Spec("sotay:mau-bieu ID", _template_arg, _render_template),
    "sotay:nguon": Spec("sotay:nguon", _no_args, _render_sources),
    "sotay-bundle:downloads": Spec("sotay-bundle:downloads", _no_args, _render_downloads),
}
