"""The meeting model (data/quy-trinh/<kind>.yml): one ordered list of steps per kind of meeting.

Every view of a meeting's order — the procedure pages, the checklists, the programme, minutes and
resolution templates, their Word files, the PDF and quy-trinh.json — is rendered from these records,
so the handbook cannot list the steps in two different orders again.

`_nguon.yml` in the same folder maps the short source keys used by the steps to an id of the one source
registry (data/nguon.yml), a short label of what is cited (document and section) and the authority of the
wording. The registry alone holds outlets, dates and addresses: a step footnote prints the registry's
readable citation, like any `nguon:ID` footnote of a page, so the two can never drift apart; an id the
registry lacks is refused with file and line.
A step may reuse a step of another kind (`from: thuong-ky`, `id: diem-danh`, overriding any field),
so a combined meeting repeats no wording of its own.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema

from sotay.errors import ConfigError
from sotay.project import load_yaml

PHASES: dict[str, str] = {
    "chuan-bi": "Chuẩn bị",
    "mo-dau": "Mở đầu",
    "noi-dung": "Nội dung",
    "ket-thuc": "Kết thúc",
    "sau-cuoc-hop": "Sau cuộc họp",
}
IN_MEETING = ("mo-dau", "noi-dung", "ket-thuc")
CHECKLISTS = ("truoc", "trong", "sau", "chuyen-de", "nguoi-du")
# How much weight a step's wording has. How each source is known (press, a law firm's page…) is the
# registry's `kind`, stated once per page by the source box: the labels here do not repeat it.
AUTHORITIES: dict[str, str] = {
    "hien-hanh": "quy định hiện hành",
    "truoc-day": "văn bản trước đây",
    "dia-phuong": "cách làm của một địa phương",
    "tham-khao": "trang hướng dẫn, biểu mẫu tham khảo",
}
SOURCES_FILE = "_nguon.yml"
_ID = "^[a-z0-9]+(-[a-z0-9]+)*$"

_ITEM = {
    "oneOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object", "required": ["text"], "additionalProperties": False,
            "properties": {"text": {"type": "string", "minLength": 1},
                           "sources": {"type": "array", "items": {"type": "string"}, "minItems": 1}},
        },
    ]
}
_FORM_FIELD = {
    "type": "object", "required": ["label"], "additionalProperties": False,
    "properties": {"label": {"type": "string"}, "hint": {"type": "string"},
                   "lines": {"type": "integer", "minimum": 1, "maximum": 20}},
}
STEP_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": _ID},
        "from": {"type": "string", "pattern": _ID},
        "phase": {"enum": list(PHASES)},
        "title": {"type": "string", "minLength": 1},
        "who": {"type": "string", "minLength": 1},
        "produces": {"type": "string", "minLength": 1},
        "minutes": {"type": "integer", "minimum": 1, "maximum": 240},
        "day_offset": {"type": "integer", "minimum": -90, "maximum": 90},
        "day_offset_suggestion": {"type": "boolean"},
        "sources": {"type": "array", "items": {"type": "string"}},
        "suggestion": {"type": "boolean"},
        "detail": {"type": "string"},
        "good": {"type": "string"},
        "checks": {
            "type": "object", "additionalProperties": False,
            "properties": {name: {"type": "array", "items": _ITEM, "minItems": 1} for name in CHECKLISTS},
        },
        "forms": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": _FORM_FIELD, "minItems": 1},
        },
    },
    "required": ["id"],
}
KIND_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["id", "title", "page", "minimum_minutes", "sources", "order_note", "steps"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": _ID},
        "title": {"type": "string", "minLength": 1},
        "page": {"type": "string", "pattern": r"^[a-z0-9/-]+\.md$"},
        "minimum_minutes": {"type": "integer", "minimum": 1},
        "minimum_source": {"type": "string"},
        "sources": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "order_note": {"type": "string", "minLength": 1},
        "steps": {"type": "array", "items": {"type": "object"}, "minItems": 1},
    },
}
SOURCES_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": {
        "type": "object", "required": ["source", "label", "authority"], "additionalProperties": False,
        "properties": {"source": {"type": "string", "pattern": _ID},
                       "label": {"type": "string", "minLength": 1},
                       "authority": {"enum": list(AUTHORITIES)}},
    },
}
_REQUIRED_STEP = ("phase", "title", "who", "produces")


@dataclass(frozen=True)
class Source:
    """A step source: its registry id (`source`, in data/nguon.yml), what it is cited for, and its weight."""

    key: str
    source: str
    label: str
    authority: str


@dataclass(frozen=True)
class CheckItem:
    """One line of a checklist: its text and the sources of that line (none: the handbook's practice)."""

    text: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class FormField:
    label: str
    hint: str = ""
    lines: int = 1


@dataclass(frozen=True)
class Step:
    """One step of a meeting kind, in the kind's order."""

    id: str
    phase: str
    title: str
    who: str
    produces: str
    sources: tuple[str, ...] = ()
    suggestion: bool = False
    minutes: int | None = None
    day_offset: int | None = None
    day_offset_suggestion: bool = False
    detail: str = ""
    good: str = ""
    checks: dict[str, tuple[CheckItem, ...]] = field(default_factory=dict)
    forms: dict[str, tuple[FormField, ...]] = field(default_factory=dict)
    reused_from: str | None = None  # kind the wording comes from, when the step is shared

    @property
    def anchor(self) -> str:
        return f"buoc-{self.id}"

    @property
    def phase_title(self) -> str:
        return PHASES[self.phase]


@dataclass(frozen=True)
class MeetingKind:
    """A kind of meeting: its steps in order and the minimum length of the session."""

    id: str
    title: str
    page: str  # docs path of the procedure page holding the step anchors
    minimum_minutes: int
    sources: tuple[str, ...]
    order_note: str
    steps: tuple[Step, ...]
    minimum_source: str = ""
    path: str = ""  # data file, for messages

    @property
    def by_id(self) -> dict[str, Step]:
        return {s.id: s for s in self.steps}

    @property
    def meeting_minutes(self) -> int:
        return sum(s.minutes or 0 for s in self.steps if s.phase in IN_MEETING)

    def phase_steps(self, *phases: str) -> list[Step]:
        return [s for s in self.steps if s.phase in phases]


@dataclass
class MeetingModel:
    """Every kind by id plus the source table the steps cite (a dict subclass would hide the sources)."""

    kinds: dict[str, MeetingKind]
    sources: dict[str, Source]


def _errors(validator: jsonschema.Draft202012Validator, data: Any) -> list[jsonschema.ValidationError]:
    return sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))


def _field_of(error: jsonschema.ValidationError) -> str:
    if error.validator == "required":
        return str(error.message).split("'")[1]
    if error.validator == "additionalProperties":
        return "(trường lạ)"
    return "/".join(map(str, error.absolute_path)) or "(gốc)"


_KEY_LINE = re.compile(r"^([^\s#][^:]*):\s*(?:#.*)?$")
_SOURCE_LINE = re.compile(r"^\s+source:\s*['\"]?([^'\"#\s]*)")


def _source_lines(text: str) -> dict[str, int]:
    """Line of each entry's `source:` (by key), so a wrong id is reported where the editor typed it."""
    lines: dict[str, int] = {}
    key = None
    for number, line in enumerate(text.split("\n"), 1):
        if (top := _KEY_LINE.match(line)) is not None:
            key = top.group(1).strip().strip("'\"")
        elif key is not None and _SOURCE_LINE.match(line):
            lines.setdefault(key, number)
    return lines


def _registry_ids(directory: Path) -> Container[str]:
    """Ids of the source registry next to the model (data/nguon.yml beside data/quy-trinh/)."""
    from sotay.sources import SourceRegistry  # sotay.sources reads page text; only its loader is needed here

    return SourceRegistry.load(directory.parent / "nguon.yml").by_id


def load_sources(directory: Path, registry: Container[str] | None = None) -> dict[str, Source]:
    """`_nguon.yml`, each `source` checked against the registry's ids (default: data/nguon.yml)."""
    path = directory / SOURCES_FILE
    if not path.is_file():
        return {}
    data = load_yaml(path) or {}
    errors = _errors(jsonschema.Draft202012Validator(SOURCES_SCHEMA), data)
    if errors:
        raise ConfigError("\n".join(
            f"{path}: nguồn '{'/'.join(map(str, e.absolute_path)) or '(gốc)'}': {e.message}" for e in errors))
    known = _registry_ids(directory) if registry is None else registry
    lines = _source_lines(path.read_text(encoding="utf-8"))
    problems = [
        f"{path}:{lines.get(key, 1)}: nguồn '{key}', trường 'source': không có mã nguồn '{value['source']}' "
        "trong sổ đăng ký nguồn data/nguon.yml; sửa mã hoặc thêm mục vào sổ đăng ký"
        for key, value in data.items() if value["source"] not in known
    ]
    if problems:
        raise ConfigError("\n".join(problems))
    return {key: Source(key, **value) for key, value in data.items()}


def load_model(directory: Path, registry: Container[str] | None = None) -> MeetingModel:
    """All kinds and the source table; ConfigError names the file, step id and field of any problem.

    `registry`: the ids of the source registry the step sources must name (default: read
    data/nguon.yml next to the model's folder).
    """
    sources = load_sources(directory, registry)
    raw: dict[str, tuple[Path, dict[str, Any]]] = {}
    if directory.is_dir():
        kind_validator = jsonschema.Draft202012Validator(KIND_SCHEMA)
        for path in sorted(directory.glob("*.yml")):
            if path.name.startswith("_"):
                continue
            data = load_yaml(path)
            errors = _errors(kind_validator, data)
            if errors:
                raise ConfigError("\n".join(
                    f"{path}: trường '{_field_of(e)}': {e.message}" for e in errors))
            if data["id"] != path.stem:
                raise ConfigError(f"{path}: trường 'id' phải trùng tên tệp ('{path.stem}')")
            raw[data["id"]] = (path, data)
    kinds: dict[str, MeetingKind] = {}
    for kind_id in raw:
        _resolve(kind_id, raw, sources, kinds, ())
    return MeetingModel(kinds, sources)


def load_meetings(directory: Path) -> dict[str, MeetingKind]:
    """Every meeting kind by id (the planner's entry point); see `load_model` for the sources too."""
    return load_model(directory).kinds


def _resolve(kind_id: str, raw: dict[str, tuple[Path, dict[str, Any]]], sources: dict[str, Source],
             done: dict[str, MeetingKind], chain: tuple[str, ...]) -> MeetingKind:
    if kind_id in done:
        return done[kind_id]
    path, data = raw[kind_id]
    if kind_id in chain:
        raise ConfigError(f"{path}: các loại cuộc họp mượn bước của nhau thành vòng: {' → '.join(chain + (kind_id,))}")
    validator = jsonschema.Draft202012Validator(STEP_SCHEMA)
    steps: list[Step] = []
    seen: set[str] = set()
    for index, item in enumerate(data["steps"], 1):
        step_id = item.get("id", f"#{index}") if isinstance(item, dict) else f"#{index}"
        where = f"{path}: bước {index} (id={step_id})"
        errors = _errors(validator, item)
        if errors:
            raise ConfigError("\n".join(f"{where}, trường '{_field_of(e)}': {e.message}" for e in errors))
        values = dict(item)
        reused = values.pop("from", None)
        if reused is not None:
            if reused not in raw:
                raise ConfigError(f"{where}, trường 'from': không có loại cuộc họp '{reused}' trong {path.parent}")
            base = _resolve(reused, raw, sources, done, chain + (kind_id,)).by_id.get(step_id)
            if base is None:
                raise ConfigError(f"{where}, trường 'id': loại '{reused}' không có bước '{step_id}'")
            merged = {**_as_values(base), **values}
        else:
            merged = values
        for name in _REQUIRED_STEP:
            if name not in merged:
                raise ConfigError(f"{where}, trường '{name}': thiếu trường bắt buộc")
        if step_id in seen:
            raise ConfigError(f"{where}, trường 'id': trùng với một bước trước trong cùng loại")
        seen.add(step_id)
        step = _step(merged, reused, where, sources)
        steps.append(step)
    for name, keys in (("sources", data["sources"]), ("minimum_source", [data.get("minimum_source") or ""])):
        for key in keys:
            if key and key not in sources:
                raise ConfigError(f"{path}: trường '{name}': nguồn '{key}' không có trong {SOURCES_FILE}")
    kind = MeetingKind(
        id=kind_id, title=data["title"], page=data["page"], minimum_minutes=data["minimum_minutes"],
        sources=tuple(data["sources"]), order_note=data["order_note"], steps=tuple(steps),
        minimum_source=data.get("minimum_source", ""), path=str(path),
    )
    _check_order(kind, path)
    done[kind_id] = kind
    return kind


def _as_values(step: Step) -> dict[str, Any]:
    return {
        "id": step.id, "phase": step.phase, "title": step.title, "who": step.who, "produces": step.produces,
        "sources": list(step.sources), "suggestion": step.suggestion, "minutes": step.minutes,
        "day_offset": step.day_offset, "day_offset_suggestion": step.day_offset_suggestion,
        "detail": step.detail, "good": step.good,
        "checks": {k: [{"text": i.text, "sources": list(i.sources)} if i.sources else i.text for i in v]
                   for k, v in step.checks.items()},
        "forms": {k: [{"label": f.label, "hint": f.hint, "lines": f.lines} for f in v] for k, v in step.forms.items()},
        "_reused": step.reused_from,
    }


def _step(values: dict[str, Any], reused: str | None, where: str, sources: dict[str, Source]) -> Step:
    step_sources = tuple(values.get("sources") or ())
    suggestion = bool(values.get("suggestion"))
    if not step_sources and not suggestion:
        raise ConfigError(f"{where}, trường 'sources': bước cần nguồn, hoặc 'suggestion: true' nếu là gợi ý "
                          "của Ban biên soạn")
    checks: dict[str, tuple[CheckItem, ...]] = {}
    for name, items in (values.get("checks") or {}).items():
        checks[name] = tuple(
            CheckItem(i) if isinstance(i, str) else CheckItem(i["text"], tuple(i.get("sources") or ()))
            for i in items
        )
    cited = list(step_sources) + [s for items in checks.values() for i in items for s in i.sources]
    for key in cited:
        if key not in sources:
            raise ConfigError(f"{where}, trường 'sources': nguồn '{key}' không có trong {SOURCES_FILE}")
    phase = values["phase"]
    minutes = values.get("minutes")
    if minutes is not None and phase not in IN_MEETING:
        raise ConfigError(f"{where}, trường 'minutes': chỉ bước trong cuộc họp (mở đầu, nội dung, kết thúc) "
                          "mới có thời lượng; bước chuẩn bị hoặc sau cuộc họp dùng 'day_offset'")
    if minutes is None and phase in IN_MEETING:
        raise ConfigError(f"{where}, trường 'minutes': bước trong cuộc họp cần thời lượng gợi ý (phút)")
    day = values.get("day_offset")
    if day is not None:
        if phase in IN_MEETING:
            raise ConfigError(f"{where}, trường 'day_offset': bước trong cuộc họp diễn ra đúng ngày họp")
        if (phase == "chuan-bi" and day > 0) or (phase == "sau-cuoc-hop" and day < 0):
            raise ConfigError(f"{where}, trường 'day_offset': bước chuẩn bị có số âm (trước ngày họp), bước sau "
                              "cuộc họp có số dương hoặc 0")
        if not values.get("day_offset_suggestion") and not step_sources:
            raise ConfigError(f"{where}, trường 'day_offset': mốc ngày cần nguồn của bước, hoặc "
                              "'day_offset_suggestion: true' nếu là gợi ý của Ban biên soạn")
    return Step(
        id=values["id"], phase=phase, title=values["title"], who=values["who"], produces=values["produces"],
        sources=step_sources, suggestion=suggestion, minutes=minutes, day_offset=day,
        day_offset_suggestion=bool(values.get("day_offset_suggestion")), detail=values.get("detail") or "",
        good=values.get("good") or "", checks=checks,
        forms={k: tuple(FormField(**f) for f in v) for k, v in (values.get("forms") or {}).items()},
        reused_from=reused or values.get("_reused"),
    )


def _check_order(kind: MeetingKind, path: Path) -> None:
    """Phases never go backwards, and the meeting's steps add up to at least the minimum."""
    order = list(PHASES)
    last = 0
    for step in kind.steps:
        rank = order.index(step.phase)
        if rank < last:
            raise ConfigError(f"{path}: bước id={step.id}, trường 'phase': '{step.phase}' đứng sau một bước của "
                              f"phần '{order[last]}'; các phần phải theo thứ tự {', '.join(order)}")
        last = rank
    previous: Step | None = None
    for step in kind.steps:
        if step.day_offset is None:
            continue
        if previous is not None and previous.phase == step.phase and step.day_offset < previous.day_offset:
            raise ConfigError(f"{path}: bước id={step.id}, trường 'day_offset': {step.day_offset} đứng sau bước "
                              f"'{previous.id}' ({previous.day_offset}); xếp các bước theo ngày")
        previous = step
    if kind.meeting_minutes < kind.minimum_minutes:
        raise ConfigError(f"{path}: trường 'minutes': các bước trong cuộc họp cộng lại {kind.meeting_minutes} phút, "
                          f"ít hơn 'minimum_minutes' ({kind.minimum_minutes} phút)")
