"""Filled examples of a meeting (data/vi-du/<id>.yml): programme, minutes and resolution of one meeting.

An example is data, not prose, so the checker can prove it consistent (codes M01–M06, each finding at
file:line of the value at fault) and the build renders its three documents — pages and Word files —
through the same templates and the same meeting model as everything else:

- M01 present + excused + unexcused (+ exempted and absent) = total, and each figure matches the roster;
- M02 votes ≤ members entitled to vote (official members present: a probationary member speaks but does
  not vote);
- M03 nobody recorded absent (or unknown) speaks, chairs, takes the minutes or is given a task;
- M04 the programme's minutes add up to the stated start and end;
- M05 the session lasts at least the kind's minimum (90 minutes; 120 for thematic + regular);
- M06 the programme's rows are steps of the kind, in the model's order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema
import yaml

from sotay import safeyaml
from sotay.errors import ConfigError
from sotay.meeting import MeetingKind
from sotay.project import read_config_text
from sotay.rules import Finding
from sotay.templates import Section, Template, TemplateField

if TYPE_CHECKING:
    from sotay.context import DataContext

PARTS = ("chuong-trinh", "bien-ban", "nghi-quyet")
ATTENDANCE = {"co-mat": "có mặt", "vang-co-ly-do": "vắng có lý do", "vang-khong-ly-do": "vắng không có lý do",
              "mien-vang": "được miễn sinh hoạt, vắng mặt", "mien-co-mat": "được miễn sinh hoạt, có mặt"}
MEMBERSHIP = {"chinh-thuc": "chính thức", "du-bi": "dự bị"}
_ID = "^[a-z0-9]+(-[a-z0-9]+)*$"
_TIME = "^([01][0-9]|2[0-3]):[0-5][0-9]$"
_PERSON = {"type": "string", "pattern": _ID}
_VOTE = {
    "type": "object", "required": ["step", "subject", "for"], "additionalProperties": False,
    "properties": {"step": {"type": "string"}, "subject": {"type": "string"},
                   "for": {"type": "integer", "minimum": 0}, "against": {"type": "integer", "minimum": 0},
                   "abstain": {"type": "integer", "minimum": 0}},
}
SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["id", "kind", "title", "party_committee", "cell", "date", "start", "end", "place", "chair",
                 "secretary", "members", "attendance", "programme", "votes", "bien_ban", "nghi_quyet"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": _ID},
        "kind": {"type": "string"},
        "title": {"type": "string"},
        "party_committee": {"type": "string"},
        "cell": {"type": "string"},
        "date": {"type": "string", "format": "date"},
        "start": {"type": "string", "pattern": _TIME},
        "end": {"type": "string", "pattern": _TIME},
        "place": {"type": "string"},
        "chair": _PERSON,
        "secretary": _PERSON,
        "members": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["id", "name", "membership", "attendance"], "additionalProperties": False,
            "properties": {"id": _PERSON, "name": {"type": "string"}, "role": {"type": "string"},
                           "membership": {"enum": list(MEMBERSHIP)}, "attendance": {"enum": list(ATTENDANCE)},
                           "reason": {"type": "string"}}}},
        "guests": {"type": "array", "items": {
            "type": "object", "required": ["id", "name", "role"], "additionalProperties": False,
            "properties": {"id": _PERSON, "name": {"type": "string"}, "role": {"type": "string"}}}},
        "attendance": {
            "type": "object", "additionalProperties": False,
            "required": ["total", "official", "probationary", "exempt_absent", "present", "present_official",
                         "excused", "unexcused"],
            "properties": {k: {"type": "integer", "minimum": 0} for k in (
                "total", "official", "probationary", "exempt_absent", "present", "present_official", "excused",
                "unexcused")},
        },
        "programme": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["step", "who", "minutes"], "additionalProperties": False,
            "properties": {"step": {"type": "string"}, "who": _PERSON,
                           "minutes": {"type": "integer", "minimum": 1}}}},
        "speakers": {"type": "array", "items": {
            "type": "object", "required": ["step", "who", "said"], "additionalProperties": False,
            "properties": {"step": {"type": "string"}, "who": _PERSON, "said": {"type": "string"}}}},
        "votes": {"type": "array", "items": _VOTE},
        "tasks": {"type": "array", "items": {
            "type": "object", "required": ["task", "who", "deadline"], "additionalProperties": False,
            "properties": {"task": {"type": "string"}, "who": {"type": "array", "items": _PERSON, "minItems": 1},
                           "deadline": {"type": "string", "format": "date"}}}},
        "bien_ban": {"type": "object", "additionalProperties": {"type": "string"}},
        "nghi_quyet": {"type": "object", "additionalProperties": {"type": "string"}},
        "number": {"type": "string"},
        "locality": {"type": "string"},
    },
}


@dataclass
class Example:
    """One filled example: its data, its file (project-relative) and the line of every value in it."""

    id: str
    path: str
    data: dict[str, Any]
    lines: dict[tuple[Any, ...], int] = field(default_factory=dict)

    def line(self, *path: Any) -> int:
        """Line of the value at `path`, or of its nearest parent that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1

    @property
    def people(self) -> dict[str, dict[str, Any]]:
        return {p["id"]: p for p in self.data["members"]}

    @property
    def guests(self) -> dict[str, dict[str, Any]]:
        return {g["id"]: g for g in self.data.get("guests", ())}

    def name(self, person: str, first: bool = False) -> str:
        """"đồng chí Lương Văn Thắng" ("Đồng chí …" at the start of a sentence)."""
        who = self.people.get(person) or self.guests.get(person)
        title = "Đồng chí" if first else "đồng chí"
        return f"{title} {who['name']}" if who else person

    def duration(self) -> int:
        start, end = (dt.datetime.strptime(self.data[k], "%H:%M") for k in ("start", "end"))
        return int((end - start).total_seconds() // 60)


def _node_lines(node: yaml.Node, path: tuple[Any, ...], out: dict[tuple[Any, ...], int]) -> None:
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = path + (key.value,)
            _node_lines(value, child, out)
            out[child] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _node_lines(item, path + (index,), out)


def load_examples(directory: Path, root: Path, meetings: dict[str, MeetingKind]) -> dict[str, Example]:
    """Every example by id; ConfigError names the file and field when the data does not fit the schema."""
    examples: dict[str, Example] = {}
    if not directory.is_dir():
        return examples
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    for path in sorted(directory.glob("*.yml")):
        text = read_config_text(path)
        try:
            data = safeyaml.load(text, _NoDates)
            node = yaml.compose(text, Loader=_NoDates)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"{mark.line + 1}:{mark.column + 1}" if mark else "1:1"
            what = "" if isinstance(exc, safeyaml.Refused) else "YAML không hợp lệ: "
            raise ConfigError(f"{path}:{where}: {what}{getattr(exc, 'problem', exc)}") from None
        lines: dict[tuple[Any, ...], int] = {}
        if node is not None:
            _node_lines(node, (), lines)
        errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
        if errors:
            raise ConfigError("\n".join(
                f"{path}:{_line(lines, tuple(e.absolute_path))}: trường "
                f"'{'/'.join(map(str, e.absolute_path)) or '(gốc)'}': {e.message}" for e in errors))
        if data["id"] != path.stem:
            raise ConfigError(f"{path}: trường 'id' phải trùng tên tệp ('{path.stem}')")
        if data["kind"] not in meetings:
            raise ConfigError(f"{path}:{_line(lines, ('kind',))}: trường 'kind': không có loại cuộc họp "
                              f"'{data['kind']}' trong data/quy-trinh/")
        rel = path.resolve().relative_to(root.resolve()).as_posix() if path.resolve().is_relative_to(
            root.resolve()) else str(path)
        examples[data["id"]] = Example(data["id"], rel, data, lines)
    return examples


def _line(lines: dict[tuple[Any, ...], int], path: tuple[Any, ...]) -> int:
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, 1)


class _NoDates(safeyaml.Loader):  # type: ignore[misc, valid-type]
    """The project's loader, keeping `2026-12-03` a string: dates in examples are text checked by the schema."""


_NoDates.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in value if tag != "tag:yaml.org,2002:timestamp"]
    for key, value in safeyaml.Loader.yaml_implicit_resolvers.items()
}


# -- checks --------------------------------------------------------------------------------------------------
def check_example(example: Example, kind: MeetingKind) -> list[Finding]:
    """Every inconsistency of one example, as findings M01–M06 at the line of the value at fault."""
    out: list[Finding] = []
    data = example.data

    def add(path: tuple[Any, ...], code: str, message: str) -> None:
        out.append(Finding(example.path, example.line(*path), 1, code, message))

    members = data["members"]
    stated = data["attendance"]
    count = {key: sum(m["attendance"] == key for m in members) for key in ATTENDANCE}
    present = [m for m in members if m["attendance"] in ("co-mat", "mien-co-mat")]
    present_official = sum(m["membership"] == "chinh-thuc" for m in present)
    roster = {
        "total": len(members), "official": sum(m["membership"] == "chinh-thuc" for m in members),
        "probationary": sum(m["membership"] == "du-bi" for m in members), "exempt_absent": count["mien-vang"],
        "present": len(present), "present_official": present_official, "excused": count["vang-co-ly-do"],
        "unexcused": count["vang-khong-ly-do"],
    }
    parts = stated["present"] + stated["excused"] + stated["unexcused"] + stated["exempt_absent"]
    if parts != stated["total"]:
        add(("attendance", "total"), "M01",
            f"có mặt {stated['present']} + vắng có lý do {stated['excused']} + vắng không lý do {stated['unexcused']}"
            f" + miễn sinh hoạt vắng mặt {stated['exempt_absent']} = {parts}, khác tổng số {stated['total']}")
    if stated["official"] + stated["probationary"] != stated["total"]:
        add(("attendance", "official"), "M01",
            f"chính thức {stated['official']} + dự bị {stated['probationary']} khác tổng số {stated['total']}")
    labels = {"total": "tổng số", "official": "số chính thức", "probationary": "số dự bị",
              "exempt_absent": "số miễn sinh hoạt vắng mặt", "present": "số có mặt",
              "present_official": "số chính thức có mặt", "excused": "số vắng có lý do",
              "unexcused": "số vắng không lý do"}
    for key, label in labels.items():
        if stated[key] != roster[key]:
            add(("attendance", key), "M01", f"{label} ghi {stated[key]} nhưng danh sách đảng viên cho {roster[key]}")

    entitled = present_official
    for index, vote in enumerate(data.get("votes", ())):
        cast = vote["for"] + vote.get("against", 0) + vote.get("abstain", 0)
        if cast > entitled:
            add(("votes", index, "for"), "M02",
                f"biểu quyết '{vote['subject']}' có {cast} phiếu, nhiều hơn {entitled} đảng viên chính thức có mặt "
                "(đảng viên dự bị không biểu quyết)")

    absent = {m["id"]: m for m in members if m["attendance"] not in ("co-mat", "mien-co-mat")}
    known = set(example.people) | set(example.guests)

    def attendee(person: str, path: tuple[Any, ...], what: str, guests_ok: bool = False) -> None:
        if person not in known or (not guests_ok and person not in example.people):
            add(path, "M03", f"'{person}' {what} nhưng không có trong danh sách "
                             f"{'đảng viên và đại biểu' if guests_ok else 'đảng viên'}")
        elif person in absent:
            state = ATTENDANCE[absent[person]["attendance"]]
            add(path, "M03", f"đồng chí {absent[person]['name']} được ghi là {state} nhưng {what}")

    attendee(data["chair"], ("chair",), "chủ trì buổi họp")
    attendee(data["secretary"], ("secretary",), "làm thư ký")
    for index, row in enumerate(data["programme"]):
        attendee(row["who"], ("programme", index, "who"), f"phụ trách mục '{row['step']}' của chương trình",
                 guests_ok=True)
    for index, speech in enumerate(data.get("speakers", ())):
        attendee(speech["who"], ("speakers", index, "who"), "có ý kiến phát biểu", guests_ok=True)
    for index, task in enumerate(data.get("tasks", ())):
        for position, person in enumerate(task["who"]):
            attendee(person, ("tasks", index, "who", position), f"được giao việc '{task['task'][:40]}'")

    total = sum(row["minutes"] for row in data["programme"])
    duration = example.duration()
    if total != duration:
        add(("programme",), "M04", f"các mục của chương trình cộng lại {total} phút, khác thời gian họp "
                                   f"{data['start']}–{data['end']} ({duration} phút)")
    if duration < kind.minimum_minutes:
        add(("end",), "M05", f"buổi họp {duration} phút, ít hơn mức tối thiểu {kind.minimum_minutes} phút của "
                             f"'{kind.title}'")

    order = [s.id for s in kind.steps]
    last = -1
    for index, row in enumerate(data["programme"]):
        if row["step"] not in order:
            add(("programme", index, "step"), "M06", f"bước '{row['step']}' không có trong loại cuộc họp '{kind.id}'")
            continue
        position = order.index(row["step"])
        if position <= last:
            add(("programme", index, "step"), "M06",
                f"bước '{row['step']}' đứng sai thứ tự: trong mô hình cuộc họp nó đứng trước '{order[last]}'")
        last = max(last, position)
    for key in ("speakers", "votes"):
        for index, item in enumerate(data.get(key, ())):
            if item["step"] not in order:
                add((key, index, "step"), "M06", f"bước '{item['step']}' không có trong loại cuộc họp '{kind.id}'")
    return out


def check_examples(examples: dict[str, Example], meetings: dict[str, MeetingKind]) -> list[Finding]:
    return [f for e in examples.values() for f in check_example(e, meetings[e.data["kind"]])]


# -- the three documents as filled templates ------------------------------------------------------------------
def _clock(start: str, minutes: int) -> str:
    return (dt.datetime.strptime(start, "%H:%M") + dt.timedelta(minutes=minutes)).strftime("%H:%M")


def _vi(date: str) -> str:
    from sotay.dates import vi_date

    return vi_date(date)


def _votes(example: Example, step: str) -> str:
    rows = [v for v in example.data.get("votes", ()) if v["step"] == step]
    entitled = example.data["attendance"]["present_official"]
    return "; ".join(
        f"{v['subject']}: {v['for']}/{entitled} đảng viên chính thức có mặt tán thành"
        + (f", {v.get('against', 0)} không tán thành" if v.get("against") else "")
        + (f", {v.get('abstain', 0)} không biểu quyết" if v.get("abstain") else "")
        for v in rows
    )


def _speeches(example: Example, step: str) -> str:
    return "; ".join(f"{example.name(s['who'], True)}: {s['said']}"
                     for s in example.data.get("speakers", ()) if s["step"] == step)


def _names(example: Example, state: str) -> str:
    people = [m for m in example.data["members"] if m["attendance"] == state]
    return ", ".join(f"đồng chí {m['name']}" + (f" ({m['reason']})" if m.get("reason") else "") for m in people)


def _computed(example: Example, part: str, label: str, step: str) -> str | None:
    """Values the minutes and resolution take from the checked data rather than from free text."""
    d, a = example.data, example.data["attendance"]
    people = example.people

    def role(person: str) -> str:
        return f"{example.name(person, True)}, {people[person].get('role', '')}".rstrip(", ")

    if part == "bien-ban":
        table = {
            "Thời gian bắt đầu": f"{d['start'].replace(':', ' giờ ')} phút, ngày {_vi(d['date'])}",
            "Địa điểm": d["place"],
            "Chủ trì": role(d["chair"]) if d["chair"] in people else d["chair"],
            "Thư ký": (role(d["secretary"]) if d["secretary"] in people else d["secretary"])
            + "; " + _votes(example, "cu-thu-ky"),
            "Đại biểu dự": "; ".join(f"Đồng chí {g['name']}, {g['role']}" for g in d.get("guests", ())) or "Không có",
            "Tổng số đảng viên": f"{a['total']} đồng chí ({a['official']} chính thức, {a['probationary']} dự bị)",
            "Được miễn sinh hoạt": (f"{a['exempt_absent']} đồng chí vắng mặt: " + _names(example, "mien-vang"))
            if a["exempt_absent"] else "Không có",
            "Có mặt": f"{a['present']}/{a['total'] - a['exempt_absent']} đồng chí phải dự "
                      f"(trong đó {a['present_official']} đảng viên chính thức)",
            "Vắng có lý do": f"{a['excused']} đồng chí: " + _names(example, "vang-co-ly-do")
            if a["excused"] else "Không có",
            "Vắng không có lý do": f"{a['unexcused']} đồng chí: " + _names(example, "vang-khong-ly-do")
            if a["unexcused"] else "Không có",
            "Thời gian kết thúc": f"{d['end'].replace(':', ' giờ ')} phút, ngày {_vi(d['date'])}",
        }
        if label in table:
            return table[label]
        if step in ("thao-luan", "y-kien-cap-tren") and label in ("Ý kiến phát biểu", "Ý kiến của đại biểu cấp trên"):
            return _speeches(example, step) or "Không có"
        if label in ("Kết quả biểu quyết", "Chương trình đã thông qua", "Thông qua biên bản"):
            text = d["bien_ban"].get(label, "")
            votes = _votes(example, step)
            return f"{text} {votes}.".strip() if text else votes
    if part == "nghi-quyet":
        if label == "Nhiệm vụ trọng tâm":
            return "; ".join(f"{t['task']} ({', '.join(example.name(p) for p in t['who'])} phụ trách, "
                             f"xong trước {_vi(t['deadline'])})" for t in d.get("tasks", ()))
        if label == "Kết quả biểu quyết":
            return _votes(example, "bieu-quyet")
    return None


def filled(example: Example, template: Template, kind: MeetingKind) -> Template:
    """`template` with every field's example replaced by this meeting's value (the Word file and page)."""
    if template.id == "chuong-trinh":
        return _programme(example, template, kind)
    texts = example.data["bien_ban" if template.id == "bien-ban" else "nghi_quyet"]
    sections = []
    for section in template.sections:
        fields = []
        for f in section.fields:
            value = _computed(example, template.id, f.label, f.step)
            if value is None:
                value = texts.get(f.label, "")
            fields.append(TemplateField(f.label, f.hint, value or "—", f.lines, f.step))
        sections.append(Section(section.heading, tuple(fields)))
    return _retitled(example, template, tuple(sections))


def _programme(example: Example, template: Template, kind: MeetingKind) -> Template:
    d = example.data
    steps = kind.by_id
    rows, clock = [], 0
    for number, row in enumerate(d["programme"], 1):
        step = steps.get(row["step"])
        title = step.title if step else row["step"]
        start = _clock(d["start"], clock)
        clock += row["minutes"]
        rows.append(TemplateField(f"{number}. {title}", "", f"{example.name(row['who'], True)}; "
                                  f"{row['minutes']} phút ({start}–{_clock(d['start'], clock)})", 1, row["step"]))
    a = d["attendance"]
    info = (
        TemplateField("Kỳ sinh hoạt", "", d["title"]),
        TemplateField("Thời gian", "", f"{d['start']} đến {d['end']}, ngày {_vi(d['date'])}"),
        TemplateField("Địa điểm", "", d["place"]),
        TemplateField("Chủ trì", "", example.name(d["chair"], True)),
        TemplateField("Thành phần", "", f"{a['total']} đảng viên; đại biểu: "
                      + ("; ".join(f"đồng chí {g['name']}, {g['role']}" for g in d.get("guests", ())) or "không có")),
    )
    return _retitled(example, template, (Section("Thông tin chung", info), Section("Các mục", tuple(rows))))


def _retitled(example: Example, template: Template, sections: tuple[Section, ...]) -> Template:
    d = example.data
    left = (d["party_committee"].upper(), d["cell"].upper()) + (
        (f"Số: {d['number']}",) if template.id == "nghi-quyet" and d.get("number") else ())
    right = ("ĐẢNG CỘNG SẢN VIỆT NAM", f"{d.get('locality', '...')}, ngày {_vi(d['date'])}")
    title = template.title.replace("tháng ...", f"tháng {int(d['date'][5:7])}/{d['date'][:4]}")
    return Template(
        id=f"vi-du-{example.id}-{template.id}", title=title, official_form=False,
        note=f"Ví dụ giả định của Ban biên soạn: {d['title']}.", sources=template.sources, sections=sections,
        header_left=left, header_right=right, footer=template.footer,
    )


# -- the directive `<!-- sotay:vi-du ID chuong-trinh|bien-ban|nghi-quyet -->` ------------------------------------
def check_directive(args: tuple[str, ...], ctx: DataContext) -> str | None:
    if len(args) != 2 or args[1] not in PARTS:
        return f"cần dạng <!-- sotay:vi-du MÃ {'|'.join(PARTS)} -->"
    if args[0] not in ctx.examples:
        return f"không có ví dụ '{args[0]}' trong data/vi-du/"
    if args[1] not in ctx.templates:
        return f"không có mẫu biểu '{args[1]}' trong data/mau-bieu/"
    return None


def render_directive(args: tuple[str, ...], ctx: DataContext, rel: str, url: str) -> str:
    """The filled document as a page shows it: header lines, then one table per section."""
    import posixpath

    from sotay.meeting_views import esc

    example = ctx.examples[args[0]]
    document = filled(example, ctx.templates[args[1]], ctx.meetings[example.data["kind"]])
    parts = []
    download = ctx.downloads.get(document.id)
    if download:
        link = posixpath.relpath(download, posixpath.dirname(rel) or ".")
        parts.append(f"[Tải bản Word đã điền (.docx)]({link}){{ .md-button }}\n")
    parts.append(" · ".join(esc(x) for x in document.header_left) + "  ")
    parts.append(" · ".join(esc(x) for x in document.header_right) + "\n")
    parts.append(f"**{esc(document.title.upper())}**\n")
    for section in document.sections:
        parts += [f"**{esc(section.heading)}**\n", "| Mục | Nội dung |", "| --- | --- |"]
        parts += [f"| {esc(f.label)} | {esc(f.example)} |" for f in section.fields]
        parts.append("")
    if document.footer:
        parts.append("**Ký tên:** " + "; ".join(esc(f) for f in document.footer) + "\n")
    return "\n" + "\n".join(parts) + "\n"
