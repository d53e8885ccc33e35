"""Views of the meeting model: step lists, "nhìn nhanh" tables, time splits, checklists, quy-trinh.json.

Each function returns Markdown that replaces one directive line (see the SPECS table in sotay.views):

- `<!-- sotay:quy-trinh KIND buoc -->`     the numbered steps by phase, each with an anchor `#buoc-<id>`;
- `<!-- sotay:quy-trinh KIND bang -->`     one row per step, linked to its anchor on the procedure page;
- `<!-- sotay:quy-trinh KIND thoi-gian -->` the suggested minutes of the steps inside the meeting;
- `<!-- sotay:kiem-tra KIND LIST -->`      a checklist (task list: `- [ ] …`, so checklist.js keeps tick
  state, progress and print working), its items taken from the steps in the model's order; each item
  carries `data-sotay-check` (see `check_id`), the key under which the reader's tick is stored.

Sources become footnotes labelled `q-<key>` (keys of data/quy-trinh/_nguon.yml); their definitions are
emitted with the view, so generated text never depends on a hand-written definition, and the `q-` prefix
keeps them apart from the labels a page writes itself (`[^hd42]: nguon:…` on a hand-written page). Each
definition is `nguon:ID: label.`: the build turns `nguon:ID` into the registry's readable citation with
its link, the same as on hand-written pages, and the label says what is cited (document and section).
Data values are text, never markup: everything is escaped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import posixpath
from typing import TYPE_CHECKING

from sotay.meeting import AUTHORITIES, IN_MEETING, PHASES, MeetingKind, Source, Step

if TYPE_CHECKING:
    from sotay.context import DataContext

JSON_NAME = "quy-trinh.json"
JSON_SCHEMA_ID = "so-tay-sinh-hoat-chi-bo/quy-trinh/1"
VIEWS = ("buoc", "bang", "thoi-gian", "lich")
SUGGESTION = "gợi ý của Ban biên soạn"

# How each checklist groups its items: by step (heading = step title, anchor = step id) or by phase
# (heading and anchor from the table; phases mapped to the same key share one heading).
_BY_PHASE = {p: (t, p) for p, t in PHASES.items()}
_ASSESSOR = {"chuan-bi": ("Trước khi dự", "truoc-khi-du"), "mo-dau": ("Trong khi dự", "trong-khi-du"),
             "noi-dung": ("Trong khi dự", "trong-khi-du"), "ket-thuc": ("Trong khi dự", "trong-khi-du"),
             "sau-cuoc-hop": ("Sau khi dự", "sau-khi-du")}
CHECKLIST_GROUPS: dict[str, dict[str, tuple[str, str]] | None] = {
    "truoc": None, "sau": None, "trong": _BY_PHASE, "chuyen-de": _BY_PHASE, "nguoi-du": _ASSESSOR,
}


def esc(value: str) -> str:
    """Data as Markdown text: HTML escaped, safe in a table cell, on one line."""
    return html.escape(value, quote=False).replace("|", "\\|").replace("\n", " ").strip()


def _heading(text: str) -> str:
    """Heading text: escaped and without characters attr_list would read as an attribute block."""
    return esc(text).replace("{", "(").replace("}", ")")


def page_link(kind: MeetingKind, step: Step, page_rel: str) -> str:
    """Relative link from the page being rendered to the step's anchor on its procedure page."""
    target = posixpath.relpath(kind.page, posixpath.dirname(page_rel) or ".")
    if kind.page == page_rel:
        target = ""
    return f"{target}#{step.anchor}"


def when(step: Step) -> str:
    """The step's date relative to the meeting day, in words."""
    if step.minutes is not None:
        return f"{step.minutes} phút"
    if step.day_offset is None:
        return "—"
    days = step.day_offset
    text = ("cùng ngày, sau buổi họp" if days == 0 else
            f"{-days} ngày trước ngày họp" if days < 0 else f"{days} ngày sau ngày họp")
    return text + (" (mốc gợi ý)" if step.day_offset_suggestion else "")


class Notes:
    """Footnotes of one view: references in the text, definitions emitted once at the end."""

    def __init__(self, sources: dict[str, Source]) -> None:
        self.sources = sources
        self.used: dict[str, Source] = {}

    def ref(self, keys: tuple[str, ...]) -> str:
        out = []
        for key in dict.fromkeys(keys):
            self.used[key] = self.sources[key]
            out.append(f"[^q-{key}]")
        return ",".join(out)

    def by_authority(self, keys: tuple[str, ...]) -> str:
        """E.g. "quy định hiện hành[^q-hd42]; cách làm của một địa phương[^q-w28]"."""
        groups: dict[str, list[str]] = {}
        for key in dict.fromkeys(keys):
            groups.setdefault(self.sources[key].authority, []).append(key)
        return "; ".join(AUTHORITIES[a] + self.ref(tuple(k)) for a, k in groups.items())

    def definitions(self) -> str:
        """One definition per cited key: the registry id (rendered as its citation) and the label."""
        return "\n".join(f"[^q-{key}]: nguon:{source.source}: {esc(source.label).rstrip('.')}."
                         for key, source in self.used.items())


def _with_notes(body: list[str], notes: Notes) -> str:
    defs = notes.definitions()
    return "\n" + "\n".join(body).rstrip() + "\n" + (f"\n{defs}\n" if defs else "")


def _basis(step: Step, notes: Notes) -> str:
    parts = [notes.by_authority(step.sources)] if step.sources else []
    if step.suggestion:
        parts.append(("cách làm cụ thể là " if step.sources else "") + SUGGESTION)
    return "; ".join(parts)


def render_steps(kind: MeetingKind, ctx: DataContext, page_rel: str) -> str:
    """The procedure page's numbered steps, by phase, each under its own anchor."""
    notes = Notes(ctx.meeting_sources)
    body = ['!!! info "Thứ tự theo nguồn nào"', "", f"    {esc(kind.order_note)}", ""]
    phase = None
    for number, step in enumerate(kind.steps, 1):
        if step.phase != phase:
            phase = step.phase
            body += [f"### {PHASES[phase]} {{ #{phase} }}", ""]
        body += [f"#### {number}. {_heading(step.title)} {{ #{step.anchor} }}", ""]
        facts = [f"**Ai làm:** {esc(step.who)}.", f"**Kết quả:** {esc(step.produces)}."]
        facts.append(f"**Thời lượng gợi ý:** {step.minutes} phút." if step.minutes is not None
                     else f"**Khi nào:** {esc(when(step))}." if step.day_offset is not None else "")
        body += [" ".join(f for f in facts if f), ""]
        if step.detail:
            body += [esc(step.detail), ""]
        if step.good:
            body += [f"**Đạt khi:** {esc(step.good)}", ""]
        basis = _basis(step, notes)
        shared = ""
        if step.reused_from and step.reused_from in ctx.meetings:
            other = ctx.meetings[step.reused_from]
            shared = (f" Bước dùng chung với [{esc(other.title)}]"
                      f"({page_link(other, step, page_rel)}).")
        body += [f"*Căn cứ:* {basis}.{shared}", ""]
    return _with_notes(body, notes)


def render_table(kind: MeetingKind, ctx: DataContext, page_rel: str) -> str:
    """"Nhìn nhanh": one row per step, linked to the step on its procedure page."""
    body = ["| # | Phần | Bước | Ai làm | Thời lượng hoặc mốc |", "| --- | --- | --- | --- | --- |"]
    for number, step in enumerate(kind.steps, 1):
        body.append(f"| {number} | {PHASES[step.phase]} | [{esc(step.title)}]({page_link(kind, step, page_rel)}) "
                    f"| {esc(step.who)} | {esc(when(step))} |")
    body += ["", f"Cả buổi họp: {kind.meeting_minutes} phút theo gợi ý; tối thiểu {kind.minimum_minutes} phút."]
    return "\n" + "\n".join(body) + "\n"


def render_minutes(kind: MeetingKind, ctx: DataContext, page_rel: str) -> str:
    """The suggested split of the meeting's time, step by step, with a subtotal per phase."""
    body = ["| Phần | Bước | Phút |", "| --- | --- | --- |"]
    for phase in IN_MEETING:
        steps = kind.phase_steps(phase)
        if not steps:
            continue
        for step in steps:
            link = page_link(kind, step, page_rel)
            body.append(f"| {PHASES[phase]} | [{esc(step.title)}]({link}) | {step.minutes} |")
        body.append(f"| **{PHASES[phase]}: cộng** | | **{sum(s.minutes or 0 for s in steps)}** |")
    body.append(f"| **Cả buổi** | | **{kind.meeting_minutes}** |")
    return "\n" + "\n".join(body) + "\n"


def render_calendar(kind: MeetingKind, ctx: DataContext, page_rel: str, day: dt.date) -> str:
    """The dated steps laid out for one meeting day (the planner's view of the same model)."""
    from sotay.dates import vi_date

    body = ["| Ngày | Bước | Ai làm | Mốc |", "| --- | --- | --- | --- |"]
    for step in kind.steps:
        if step.phase in IN_MEETING:
            continue
        if step.day_offset is None:
            continue
        date = vi_date((day + dt.timedelta(days=step.day_offset)).isoformat())
        basis = "gợi ý" if step.day_offset_suggestion else "theo nguồn của bước"
        body.append(f"| {date} | [{esc(step.title)}]({page_link(kind, step, page_rel)}) | {esc(step.who)} | {basis} |")
        if step.phase == "chuan-bi" and step is kind.phase_steps("chuan-bi")[-1]:
            body.append(f"| **{vi_date(day.isoformat())}** | **Họp chi bộ, ít nhất {kind.minimum_minutes} phút** "
                        "| Cả chi bộ | |")
    return "\n" + "\n".join(body) + "\n"


def checklist_items(kind: MeetingKind, name: str) -> list[tuple[Step, str, tuple[str, ...]]]:
    """(step, text, sources) of every item of checklist `name`, in the model's order."""
    return [(s, i.text, i.sources) for s in kind.steps for i in s.checks.get(name, ())]


CHECK_ATTRIBUTE = "data-sotay-check"


def check_id(step: Step, text: str, taken: set[str]) -> str:
    """The key of a checklist item's tick in the reader's browser: `<step id>.<8 hex of the text>`.

    Not its position: an item inserted by the editor would move every later tick onto the wrong
    line. Not the index within the step either (an insertion at the top of a step shifts that step's
    ticks). The text's hash survives insertions and reordering; rewording an item clears its tick,
    the safe failure (a task shown undone, never one shown done that is not). The same text twice in
    a step gets `-2`, `-3`. Digits, letters, `-` and `.` only: safe in an attribute, never all digits
    (checklist.js reads all-digit keys as the old position-based state).
    """
    digest = hashlib.sha1(text.strip().encode("utf-8")).hexdigest()[:8]
    base = candidate = f"{step.id}.{digest}"
    count = 1
    while candidate in taken:
        count += 1
        candidate = f"{base}-{count}"
    taken.add(candidate)
    return candidate


def render_checklist(kind: MeetingKind, name: str, ctx: DataContext, page_rel: str) -> str:
    """A checklist: headings by step or phase, then `- [ ] item[^source]` lines with their `check_id`."""
    notes = Notes(ctx.meeting_sources)
    groups = CHECKLIST_GROUPS[name]
    body: list[str] = []
    current = None
    taken: set[str] = set()
    for step, text, sources in checklist_items(kind, name):
        title, anchor = (step.title, step.id) if groups is None else groups[step.phase]
        if anchor != current:
            current = anchor
            body += ["", f"## {_heading(title)} {{ #{anchor} }}", ""]
        # attr_list puts the attribute on the <li> from a continuation line of the item.
        body += [f"- [ ] {esc(text)}{notes.ref(sources)}", f'  {{ {CHECK_ATTRIBUTE}="{check_id(step, text, taken)}" }}']
    return _with_notes(body, notes)


def _address(ctx: DataContext, ident: str) -> str:
    """A registry source as quy-trinh.json has always published it: its address, or its id when it has none."""
    source = ctx.sources.by_id.get(ident)
    return source.url if source is not None and source.url else ident


def inventory_json(ctx: DataContext) -> str:
    """quy-trinh.json: every kind with its steps in order, each step with the URL of its anchor.

    `sources` keeps its published form (addresses, ids where the registry has none); `source_ids` adds the
    registry ids, so a reader of the file can look each one up in the handbook's list of sources.
    """
    from sotay.bundle.hooks import directory_url

    kinds = []
    for kind in ctx.meetings.values():
        kinds.append({
            "id": kind.id, "title": kind.title, "minimum_minutes": kind.minimum_minutes,
            "page": directory_url(kind.page),
            "steps": [{
                "id": s.id, "phase": s.phase, "title": s.title, "who": s.who, "produces": s.produces,
                "minutes": s.minutes, "day_offset": s.day_offset, "day_offset_suggestion": s.day_offset_suggestion,
                "suggestion": s.suggestion,
                "sources": [_address(ctx, ctx.meeting_sources[k].source) for k in s.sources],
                "source_ids": [ctx.meeting_sources[k].source for k in s.sources],
                "page": f"{directory_url(kind.page)}#{s.anchor}",
            } for s in kind.steps],
        })
    payload = {"schema": JSON_SCHEMA_ID, "phases": PHASES, "kinds": kinds}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


# -- directive specs ---------------------------------------------------------------------------------------
def check_procedure(args: tuple[str, ...], ctx: DataContext) -> str | None:
    if len(args) not in (2, 3) or args[1] not in VIEWS or (len(args) == 3) != (args[1] == "lich"):
        return f"cần dạng <!-- sotay:quy-trinh LOẠI {'|'.join(VIEWS)} --> (lich thêm ngày họp YYYY-MM-DD)"
    if args[1] == "lich":
        try:
            dt.date.fromisoformat(args[2])
        except ValueError:
            return f"ngày họp '{args[2]}' không đúng dạng YYYY-MM-DD"
    if args[0] not in ctx.meetings:
        return f"không có loại cuộc họp '{args[0]}' trong data/quy-trinh/ (có: {', '.join(ctx.meetings)})"
    return None


def render_procedure(args: tuple[str, ...], ctx: DataContext, rel: str, url: str) -> str:
    kind = ctx.meetings[args[0]]
    if args[1] == "lich":
        return render_calendar(kind, ctx, rel, dt.date.fromisoformat(args[2]))
    view = {"buoc": render_steps, "bang": render_table, "thoi-gian": render_minutes}[args[1]]
    return view(kind, ctx, rel)


def check_checklist(args: tuple[str, ...], ctx: DataContext) -> str | None:
    if len(args) != 2 or args[1] not in CHECKLIST_GROUPS:
        return f"cần dạng <!-- sotay:kiem-tra LOẠI {'|'.join(CHECKLIST_GROUPS)} -->"
    if args[0] not in ctx.meetings:
        return f"không có loại cuộc họp '{args[0]}' trong data/quy-trinh/ (có: {', '.join(ctx.meetings)})"
    if not checklist_items(ctx.meetings[args[0]], args[1]):
        return f"loại cuộc họp '{args[0]}' không có mục nào cho danh sách '{args[1]}' (trường checks)"
    return None


def render_checklist_directive(args: tuple[str, ...], ctx: DataContext, rel: str, url: str) -> str:
    return render_checklist(ctx.meetings[args[0]], args[1], ctx, rel)
