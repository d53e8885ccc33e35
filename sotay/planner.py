"""The meeting planner (`cong-cu/lich-hop/`): date rules and holidays from data/lich-hop.yml, steps from the
meeting model, rendered as static HTML that overrides/assets/javascripts/planner.js brings to life.

Why static HTML first: the PDF and a browser without JavaScript get a blank, fillable plan and programme
(dates left as dotted lines); the script only reads what the page already shows (each step's day offset
as a class, the holidays as `<time datetime="--MM-DD">`), so the page needs no request, works from
file:// and cannot disagree with the data it was built from.

The date rule is never bent here: the meeting is on `meeting_day` (the 3rd, Chỉ thị 50-CT/TW); when that
day is a Sunday or a public holiday the page says so and sends the reader to the đảng ủy cấp trên, citing
the one precedent on record; it never moves the date.

Steps come from the meeting model (issue 9: `ctx.meetings`, dict kind id → MeetingKind, or the published
quy-trinh.json shape) when the build has it; until then the `rules:` of data/lich-hop.yml (meeting day,
materials deadline) are the plan, and the programme points to the template page.
"""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sotay import refs
from sotay.errors import ConfigError
from sotay.project import load_yaml

if TYPE_CHECKING:
    from sotay.context import DataContext

FILE_NAME = "lich-hop.yml"
ICS_PATH = "cong-cu/lich-sinh-hoat-chi-bo.ics"
TEMPLATE_PAGE = "mau-bieu/chuong-trinh.md"
DEFAULT_KIND = "thuong-ky"
IN_MEETING = ("mo-dau", "noi-dung", "ket-thuc")
BLANK_DATE = "……/……/……"  # fits the PDF's narrow date column on one line
BLANK_NAME = "…………………………………"

_STEP = {
    "type": "object",
    "required": ["id", "title", "who", "day_offset", "page", "sources"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
        "title": {"type": "string", "minLength": 3},
        "who": {"type": "string", "minLength": 2},
        "day_offset": {"type": "integer", "minimum": -31, "maximum": 31},
        "page": {"type": "string", "pattern": r"^[a-z0-9/_-]+\.md(#[a-z0-9_-]+)?$"},
        "sources": refs.SOURCE_KEYS,
    },
}
SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["meeting_day", "meeting_source", "materials_days_before", "materials_source", "rules",
                 "holidays", "precedent", "references"],
    "additionalProperties": False,
    "properties": {
        "meeting_day": {"type": "integer", "minimum": 1, "maximum": 28},
        "meeting_source": refs.SOURCE_KEYS,
        "materials_days_before": {"type": "integer", "minimum": 0, "maximum": 27},
        "materials_source": refs.SOURCE_KEYS,
        "rules": {"type": "array", "minItems": 1, "items": _STEP},
        "holidays": {
            "type": "object",
            "required": ["source", "fixed", "variable", "years"],
            "additionalProperties": False,
            "properties": {
                "source": refs.SOURCE_KEYS,
                "fixed": {"type": "array", "items": {
                    "type": "object", "required": ["month", "day", "name"], "additionalProperties": False,
                    "properties": {"month": {"type": "integer", "minimum": 1, "maximum": 12},
                                   "day": {"type": "integer", "minimum": 1, "maximum": 31},
                                   "name": {"type": "string", "minLength": 2}}}},
                "variable": {"type": "array", "items": {
                    "type": "object", "required": ["name", "why"], "additionalProperties": False,
                    "properties": {"name": {"type": "string", "minLength": 2}, "why": {"type": "string"},
                                   "months": {"type": "array",
                                              "items": {"type": "integer", "minimum": 1, "maximum": 12}}}}},
                "years": {"type": "object", "propertyNames": {"pattern": "^(19|20)[0-9]{2}$"},
                          "additionalProperties": {"type": "array", "items": {
                              "type": "object", "required": ["date", "name", "source"],
                              "additionalProperties": False,
                              "properties": {"date": {"type": "string",
                                                      "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
                                             "name": {"type": "string", "minLength": 2},
                                             "source": {"type": "string"}}}}},
            },
        },
        "precedent": {
            "type": "object", "required": ["title", "summary", "note", "sources"], "additionalProperties": False,
            "properties": {"title": {"type": "string"}, "summary": {"type": "string"}, "note": {"type": "string"},
                           "sources": refs.SOURCE_KEYS},
        },
        "references": refs.REFERENCES_SCHEMA,
    },
}


@dataclass(frozen=True)
class PlanStep:
    """One step as the planner needs it (from the meeting model or from the rules of data/lich-hop.yml)."""

    id: str
    title: str
    who: str
    phase: str | None = None
    minutes: int | None = None
    day_offset: int | None = None
    page: str | None = None  # site-relative URL ("quy-trinh/x/#a") or docs path ("quy-trinh/x.md#a")


@dataclass(frozen=True)
class PlanKind:
    id: str
    title: str
    steps: tuple[PlanStep, ...]
    minimum_minutes: int | None = None


@dataclass(frozen=True)
class Holiday:
    name: str
    month: int
    day: int
    year: int | None = None  # None: every year (fixed date)

    @property
    def datetime(self) -> str:
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}" if self.year else f"--{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class CalendarRules:
    """data/lich-hop.yml, validated."""

    path: Path
    meeting_day: int
    meeting_sources: tuple[str, ...]
    materials_days_before: int
    materials_sources: tuple[str, ...]
    rules: tuple[PlanStep, ...]
    rule_sources: dict[str, tuple[str, ...]]
    holidays: tuple[Holiday, ...]
    holiday_sources: tuple[str, ...]
    variable: tuple[dict[str, Any], ...]
    precedent: dict[str, Any]
    references: dict[str, refs.Reference]

    @property
    def materials_day(self) -> int:
        return self.meeting_day - self.materials_days_before


def load_calendar(data_dir: Path) -> CalendarRules | None:
    """data/lich-hop.yml, or None when the project has none; ConfigError names file and field of a problem."""
    path = data_dir / FILE_NAME
    if not path.is_file():
        return None
    data = load_yaml(path)
    refs.validate(path, data, SCHEMA)
    references = refs.load_references(data)
    if data["materials_days_before"] >= data["meeting_day"]:
        raise ConfigError(f"{path}: trường 'materials_days_before': phải nhỏ hơn meeting_day "
                          f"({data['meeting_day']}) để hạn nộp tài liệu nằm trong cùng tháng")
    holidays_data = data["holidays"]
    rule_sources = {r["id"]: refs.check_keys(path, f"rules/{i}/sources", r["sources"], references)
                    for i, r in enumerate(data["rules"])}
    holidays = [Holiday(h["name"], h["month"], h["day"]) for h in holidays_data["fixed"]]
    for year, items in holidays_data["years"].items():
        for i, item in enumerate(items):
            y, m, d = (int(part) for part in item["date"].split("-"))
            if str(y) != year:
                raise ConfigError(f"{path}: trường 'holidays/years/{year}/{i}/date': "
                                  f"{item['date']} không thuộc năm {year}")
            holidays.append(Holiday(item["name"], m, d, y))
    return CalendarRules(
        path=path,
        meeting_day=data["meeting_day"],
        meeting_sources=refs.check_keys(path, "meeting_source", data["meeting_source"], references),
        materials_days_before=data["materials_days_before"],
        materials_sources=refs.check_keys(path, "materials_source", data["materials_source"], references),
        rules=tuple(PlanStep(r["id"], r["title"], r["who"], None, None, r["day_offset"], r["page"])
                    for r in data["rules"]),
        rule_sources=rule_sources,
        holidays=tuple(holidays),
        holiday_sources=refs.check_keys(path, "holidays/source", holidays_data["source"], references),
        variable=tuple(holidays_data["variable"]),
        precedent={**data["precedent"],
                   "sources": refs.check_keys(path, "precedent/sources", data["precedent"]["sources"], references)},
        references=references,
    )


# ---------------------------------------------------------------------- the meeting model, as the planner sees it
def _get(obj: Any, name: str, default: Any = None) -> Any:
    return obj.get(name, default) if isinstance(obj, dict) else getattr(obj, name, default)


def plan_kinds(meetings: Any) -> list[PlanKind]:
    """The meeting model in planner form, default kind first.

    Accepts `ctx.meetings` (dict kind id → MeetingKind objects), the same dict with plain dicts, or the
    published quy-trinh.json document ({"schema": …, "kinds": [...]}). A step's link is its `page` (the
    site-relative URL of its anchor), else the kind's `page` + "#" + step id when the kind has one.
    """
    if not meetings:
        return []
    kinds_in = meetings["kinds"] if isinstance(meetings, dict) and "kinds" in meetings else (
        list(meetings.values()) if isinstance(meetings, dict) else list(meetings))
    kinds: list[PlanKind] = []
    for kind in kinds_in:
        kind_page = _get(kind, "page")
        steps = []
        for step in _get(kind, "steps", ()) or ():
            anchor = _get(step, "anchor") or _get(step, "id")  # MeetingKind steps: "buoc-<id>"
            page = _get(step, "page") or (f"{kind_page.split('#')[0]}#{anchor}" if kind_page else None)
            steps.append(PlanStep(
                id=str(_get(step, "id")), title=str(_get(step, "title")), who=str(_get(step, "who", "") or ""),
                phase=_get(step, "phase"), minutes=_get(step, "minutes"), day_offset=_get(step, "day_offset"),
                page=page,
            ))
        kinds.append(PlanKind(str(_get(kind, "id")), str(_get(kind, "title")), tuple(steps),
                              _get(kind, "minimum_minutes")))
    kinds.sort(key=lambda k: k.id != DEFAULT_KIND)
    return kinds


def model_kinds(ctx: DataContext) -> list[PlanKind]:
    """The build's meeting model (`ctx.meetings`, issue 9) in planner form; [] while the build has none."""
    return plan_kinds(getattr(ctx, "meetings", None))


# ---------------------------------------------------------------------- links
site_url = refs.site_url
relative_link = refs.relative_link


def _text(ctx: DataContext, text: str, page_url: str) -> str:
    return refs.linked_html(text, ctx, page_url)


def _link(ctx: DataContext, target: str | None, page_url: str, text: str) -> str:
    if not target:
        return _text(ctx, text, page_url)
    return f'<a href="{html.escape(refs.href(ctx, target, page_url))}">{html.escape(text)}</a>'


# ---------------------------------------------------------------------- rendering
def offset_text(offset: int) -> str:
    if offset == 0:
        return "ngày họp"
    return f"trước {-offset} ngày" if offset < 0 else f"sau {offset} ngày"


def _offset_class(offset: int) -> str:
    return f"sotay-offset_{'m' if offset < 0 else 'p'}{abs(offset)}"


def _kinds_or_rules(ctx: DataContext, rules: CalendarRules) -> list[PlanKind]:
    kinds = model_kinds(ctx)
    return kinds or [PlanKind(DEFAULT_KIND, "Sinh hoạt chi bộ thường kỳ", rules.rules)]


def _kind_attrs(kind: PlanKind, first: bool) -> str:
    # Kinds other than the default are for the screen (the script shows the chosen one); the PDF and a
    # script-less print keep the default kind only.
    extra = "" if first else " sotay-screen-only"
    return f'class="sotay-kind sotay-kind_{html.escape(kind.id)}{extra}"'


def _plan_rows(ctx: DataContext, rules: CalendarRules, kind: PlanKind, page_url: str) -> list[PlanStep]:
    dated = [s for s in kind.steps if s.day_offset is not None]
    if not any(s.day_offset == 0 for s in dated):
        dated += [s for s in rules.rules if s.day_offset == 0]
    return sorted(dated, key=lambda s: s.day_offset or 0)


def render_planner(ctx: DataContext, page_url: str) -> str:
    """`<!-- sotay:lich-hop -->`: the meeting date line, the notice area and the dated steps of each kind."""
    rules = _require(ctx)
    kinds = _kinds_or_rules(ctx, rules)
    parts = [
        f'<div class="sotay-planner sotay-day_{rules.meeting_day}" id="lich-thang">',
        '<p class="sotay-planner__meeting"><strong>Ngày họp:</strong> '
        f'<span class="sotay-planner__date">ngày {rules.meeting_day} tháng …… năm ………</span></p>',
        '<div class="sotay-planner__notice" role="status"></div>',
    ]
    for index, kind in enumerate(kinds):
        parts.append(f"<div {_kind_attrs(kind, index == 0)}>")
        parts.append(f'<p class="sotay-kind__title"><strong>{_text(ctx, kind.title, page_url)}</strong></p>')
        parts.append('<table class="sotay-plan"><thead><tr><th scope="col">Việc</th><th scope="col">Ai làm</th>'
                     '<th scope="col">So với ngày họp</th><th scope="col">Ngày</th></tr></thead><tbody>')
        for step in _plan_rows(ctx, rules, kind, page_url):
            offset = step.day_offset or 0
            parts.append(
                f'<tr class="sotay-step {_offset_class(offset)}">'
                f"<td>{_link(ctx, step.page, page_url, step.title)}</td><td>{_text(ctx, step.who, page_url)}</td>"
                f'<td>{offset_text(offset)}</td><td class="sotay-step__date">{BLANK_DATE}</td></tr>'
            )
        parts.append("</tbody></table></div>")
    parts.append("</div>")
    return "\n" + "\n".join(parts) + "\n"


def render_programme(ctx: DataContext, page_url: str) -> str:
    """`<!-- sotay:lich-hop-chuong-trinh -->`: a programme sheet per kind with blank lines for names."""
    rules = _require(ctx)
    kinds = model_kinds(ctx)
    if not kinds:
        link = _link(ctx, TEMPLATE_PAGE, page_url, "Mẫu chương trình sinh hoạt")
        return (f'\n<div class="sotay-programme-sheet"><p>Các phần của buổi họp: xem {link}. Ngày họp: '
                f'<span class="sotay-programme__date">ngày {rules.meeting_day}/……/………</span>.</p></div>\n')
    parts = ['<div class="sotay-programme-sheet">']
    for index, kind in enumerate(kinds):
        parts.append(f"<div {_kind_attrs(kind, index == 0)}>")
        parts.append('<p class="sotay-programme__head">Chi bộ: ' + BLANK_NAME + "</p>")
        title = _text(ctx, kind.title.lower(), page_url)
        parts.append(f'<p class="sotay-programme__title"><strong>Chương trình {title} '
                     '<span class="sotay-programme__month">tháng …… năm ………</span></strong></p>')
        parts.append('<p>Thời gian: …… giờ ……, <span class="sotay-programme__date">'
                     f"ngày {rules.meeting_day}/……/………</span>. Địa điểm: {BLANK_NAME}</p>")
        parts.append(f"<p>Chủ trì: {BLANK_NAME} Thư ký: {BLANK_NAME}</p>")
        if kind.minimum_minutes:
            parts.append(f"<p>Thời lượng tối thiểu: {int(kind.minimum_minutes)} phút.</p>")
        parts.append('<ol class="sotay-programme">')
        for step in (s for s in kind.steps if s.phase in IN_MEETING):
            minutes = f" (khoảng {int(step.minutes)} phút)" if step.minutes else ""
            who = f" Phụ trách: {_text(ctx, step.who, page_url)}." if step.who else ""
            parts.append(
                f'<li class="sotay-programme__step">{_link(ctx, step.page, page_url, step.title)}{minutes}.{who}'
                f'<br><span class="sotay-programme__name">Người thực hiện: {BLANK_NAME}</span></li>'
            )
        parts.append("</ol></div>")
    parts.append("</div>")
    return "\n" + "\n".join(parts) + "\n"


def render_holidays(ctx: DataContext, page_url: str) -> str:
    """`<!-- sotay:ngay-nghi -->`: the holiday list the script checks against, and the precedent."""
    rules = _require(ctx)
    r = rules.references
    rows = "".join(
        f'<tr class="sotay-holiday"><td><time datetime="{h.datetime}">{h.day}/{h.month}'
        f'{"/" + str(h.year) if h.year else ""}</time></td><td>{_text(ctx, h.name, page_url)}</td></tr>'
        for h in rules.holidays
    )
    variable = "".join(
        f'<li class="sotay-holiday-maybe {" ".join(f"sotay-month_{m}" for m in v.get("months", ()))}">'
        f'<span class="sotay-holiday-maybe__name">{_text(ctx, v["name"], page_url)}</span>: '
        f'{_text(ctx, v["why"], page_url)}.</li>'
        for v in rules.variable
    )
    p = rules.precedent
    return (
        '\n<table class="sotay-holidays"><thead><tr><th scope="col">Ngày</th><th scope="col">Ngày nghỉ lễ</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>\n"
        f'<p>Nguồn: {refs.sources_html(rules.holiday_sources, r, ctx, page_url)}.</p>\n'
        "<p>Những ngày nghỉ không có ngày dương lịch cố định:</p>\n"
        f'<ul class="sotay-holidays-variable">{variable}</ul>\n'
        f'<div class="sotay-planner__precedent" id="tien-le"><p><strong>Tiền lệ: {_text(ctx, p["title"], page_url)}.'
        f'</strong> <span class="sotay-precedent__summary">{_text(ctx, p["summary"], page_url)}</span></p>'
        f'<p>{_text(ctx, p["note"], page_url)} '
        f'Nguồn: {refs.sources_html(p["sources"], r, ctx, page_url)}.</p></div>\n'
    )


def render_ics_link(ctx: DataContext, page_url: str) -> str:
    """`<!-- sotay:lich-ics -->`: the download button of the calendar file."""
    rules = _require(ctx)
    href = relative_link(ICS_PATH, page_url)
    return (f'\n<p><a class="md-button sotay-ics" href="{html.escape(href)}" download>Thêm vào lịch điện thoại</a> '
            f"(tệp <code>{posixpath.basename(ICS_PATH)}</code>: họp ngày {rules.meeting_day} hằng tháng; "
            f"nhắc hạn đưa tài liệu ngày {rules.materials_day})</p>\n")


def _require(ctx: DataContext) -> CalendarRules:
    calendar = getattr(ctx, "calendar", None)
    if calendar is None:
        raise ConfigError(f"không có data/{FILE_NAME}")
    return calendar


def check_args(args: tuple[str, ...], ctx: DataContext) -> str | None:
    """P01 for the planner directives: no arguments, the data file present, fallback pages present."""
    if args:
        return "chỉ thị này không nhận tham số"
    calendar = getattr(ctx, "calendar", None)
    if calendar is None:
        return f"không có data/{FILE_NAME}"
    texts = [calendar.precedent["title"], calendar.precedent["summary"], calendar.precedent["note"]]
    texts += [s.title for s in calendar.rules] + [s.who for s in calendar.rules]
    texts += [h.name for h in calendar.holidays] + [v["name"] for v in calendar.variable]
    texts += [ref.title for ref in calendar.references.values()]
    unknown = refs.unknown_citations(texts, ctx)
    if unknown:
        return (f"data/{FILE_NAME}: trích dẫn không khớp sổ đăng ký data/van-ban.yml (số hiệu hoặc ngày): "
                f"{', '.join(unknown)}")
    docs = ctx.project.docs_dir
    if not model_kinds(ctx) and not (docs / TEMPLATE_PAGE).is_file():
        return f"không có trang {TEMPLATE_PAGE} (chương trình dự phòng khi chưa có mô hình cuộc họp)"
    for step in calendar.rules:
        if step.page and not (docs / step.page.split("#")[0]).is_file():
            return f"data/{FILE_NAME}: trường 'rules/{step.id}/page': không có trang {step.page.split('#')[0]}"
    return None
