"""The directive table: every `<!-- sotay:… -->` a page may hold, how it is checked and rendered.

One table read by the checker (P01: unknown name, wrong arguments, not on its own line) and by the
build (expansion), so the two can never disagree about which directives exist.
"""

from __future__ import annotations

import posixpath

from sotay import planner, rubric
from sotay.context import DataContext
from sotay.directives import Spec
from sotay.examples import check_directive as check_example
from sotay.examples import render_directive as render_example
from sotay.glossary import glossary_table
from sotay.meeting_views import check_checklist, check_procedure, render_checklist_directive, render_procedure
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


def _render_rubric(args: tuple[str, ...], ctx: DataContext, rel: str, url: str) -> str:
    assert ctx.rubric is not None  # check_args refused the directive otherwise
    return rubric.render_rubric(ctx.rubric, ctx, url)


SPECS: dict[str, Spec] = {
    "sotay:abbreviations": Spec("sotay:abbreviations", _no_args, _render_abbreviations),
    "sotay:mau-bieu": Spec("sotay:mau-bieu ID", _template_arg, _render_template),
    "sotay:nguon": Spec("sotay:nguon", _no_args, _render_sources),
    "sotay-bundle:downloads": Spec("sotay-bundle:downloads", _no_args, _render_downloads),
    "sotay:quy-trinh": Spec("sotay:quy-trinh LOẠI buoc|bang|thoi-gian|lich [NGÀY]", check_procedure, render_procedure),
    "sotay:kiem-tra": Spec("sotay:kiem-tra LOẠI truoc|trong|sau|chuyen-de|nguoi-du", check_checklist,
                           render_checklist_directive),
    "sotay:vi-du": Spec("sotay:vi-du MÃ chuong-trinh|bien-ban|nghi-quyet", check_example, render_example),
    # Tools (cong-cu/): planner, programme, holidays, calendar file, self-assessment sheet.
    "sotay:lich-hop": Spec("sotay:lich-hop", planner.check_args, lambda a, c, r, u: planner.render_planner(c, u)),
    "sotay:lich-hop-chuong-trinh": Spec("sotay:lich-hop-chuong-trinh", planner.check_args,
                                        lambda a, c, r, u: planner.render_programme(c, u)),
    "sotay:ngay-nghi": Spec("sotay:ngay-nghi", planner.check_args, lambda a, c, r, u: planner.render_holidays(c, u)),
    "sotay:lich-ics": Spec("sotay:lich-ics", planner.check_args, lambda a, c, r, u: planner.render_ics_link(c, u)),
    "sotay:cham-diem": Spec("sotay:cham-diem", rubric.check_args, _render_rubric),
}
