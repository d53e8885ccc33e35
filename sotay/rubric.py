"""The self-assessment sheet (`cong-cu/cham-diem/`) from one rubric file, data/cham-diem.yml.

A rubric is criteria groups → items (a box to tick, worth `points` when the source gives points, or
a choice among `options`, each with its points), classification levels from the top down (`min`
points and any `conditions`), and the source of each line. Each party committee issues its own form,
so an editor replaces the file; the schema and the cross-checks below refuse a malformed one with a
message naming the file and the field, and the strict build fails on it.

Rendered as static HTML (a blank, printable sheet: the PDF and a script-less print use it as is);
overrides/assets/javascripts/rubric.js adds the boxes, the running total, the level, reset and print,
reading points and thresholds from the classes written here (`sotay-points_N`, `sotay-min_N`).

No invented points: when no item carries points, the sheet is a checklist ("đạt" per criterion) and
the total comes from the committee's own form, typed in by the reader to see the level.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sotay import refs
from sotay.errors import ConfigError
from sotay.project import load_yaml

if TYPE_CHECKING:
    from sotay.context import DataContext

FILE_NAME = "cham-diem.yml"
_ID = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}
_POINTS = {"type": "integer", "minimum": 0, "maximum": 1000}

SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["id", "title", "authority", "official_form", "note", "groups", "levels", "references"],
    "additionalProperties": False,
    "properties": {
        "id": _ID,
        "title": {"type": "string", "minLength": 3},
        "authority": {"type": "string", "minLength": 3},
        "official_form": {"type": "boolean"},
        "note": {"type": "string", "minLength": 3},
        "max_points": {"type": "integer", "minimum": 1, "maximum": 1000},
        "groups": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["id", "title", "sources", "items"], "additionalProperties": False,
            "properties": {
                "id": _ID, "title": {"type": "string", "minLength": 2}, "sources": refs.SOURCE_KEYS,
                "items": {"type": "array", "minItems": 1, "items": {
                    "type": "object", "required": ["id", "text"], "additionalProperties": False,
                    "properties": {
                        "id": _ID, "text": {"type": "string", "minLength": 3}, "sources": refs.SOURCE_KEYS,
                        "points": _POINTS,
                        "options": {"type": "array", "minItems": 2, "items": {
                            "type": "object", "required": ["id", "label", "points"], "additionalProperties": False,
                            "properties": {"id": _ID, "label": {"type": "string", "minLength": 1},
                                           "points": _POINTS}}},
                    },
                }},
            },
        }},
        "levels": {"type": "array", "minItems": 2, "items": {
            "type": "object", "required": ["id", "label", "min", "sources"], "additionalProperties": False,
            "properties": {"id": _ID, "label": {"type": "string", "minLength": 1}, "min": _POINTS,
                           "conditions": {"type": "array", "items": {"type": "string", "minLength": 3}},
                           "sources": refs.SOURCE_KEYS},
        }},
        "levels_note": {"type": "string"},
        "references": refs.REFERENCES_SCHEMA,
    },
}


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    points: int


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    sources: tuple[str, ...]
    points: int | None = None
    options: tuple[Option, ...] = ()

    @property
    def max_points(self) -> int | None:
        if self.options:
            return max(o.points for o in self.options)
        return self.points


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    sources: tuple[str, ...]
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Level:
    id: str
    label: str
    min: int
    sources: tuple[str, ...]
    conditions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rubric:
    path: Path
    id: str
    title: str
    authority: str
    official_form: bool
    note: str
    groups: tuple[Group, ...]
    levels: tuple[Level, ...]
    references: dict[str, refs.Reference]
    levels_note: str = ""
    max_points: int | None = None

    @property
    def items(self) -> list[Item]:
        return [item for group in self.groups for item in group.items]

    @property
    def scored(self) -> bool:
        """True when the items carry points (the sheet adds them up); False: a checklist of criteria."""
        return any(item.max_points is not None for item in self.items)


def load_rubric(data_dir: Path) -> Rubric | None:
    """data/cham-diem.yml, or None if the project has none; ConfigError names the file and field."""
    path = data_dir / FILE_NAME
    if not path.is_file():
        return None
    return parse_rubric(path, load_yaml(path))


def parse_rubric(path: Path, data: Any) -> Rubric:
    refs.validate(path, data, SCHEMA)
    references = refs.load_references(data)
    seen: dict[str, str] = {}

    def unique(kind: str, ident: str, where: str) -> None:
        key = f"{kind}:{ident}"
        if key in seen:
            raise ConfigError(f"{path}: trường '{where}/id': mã '{ident}' trùng với '{seen[key]}'")
        seen[key] = where

    groups = []
    for gi, g in enumerate(data["groups"]):
        unique("group", g["id"], f"groups/{gi}")
        group_sources = refs.check_keys(path, f"groups/{gi}/sources", g["sources"], references)
        items = []
        for ii, it in enumerate(g["items"]):
            where = f"groups/{gi}/items/{ii}"
            unique("item", it["id"], where)
            sources = refs.check_keys(path, f"{where}/sources", it["sources"], references) \
                if "sources" in it else group_sources
            if "points" in it and "options" in it:
                raise ConfigError(f"{path}: trường '{where}': dùng 'points' hoặc 'options', không dùng cả hai")
            options = []
            for oi, o in enumerate(it.get("options", ())):
                if o["id"] in {x.id for x in options}:
                    raise ConfigError(f"{path}: trường '{where}/options/{oi}/id': mã '{o['id']}' trùng")
                options.append(Option(o["id"], o["label"], o["points"]))
            items.append(Item(it["id"], it["text"], sources, it.get("points"), tuple(options)))
        groups.append(Group(g["id"], g["title"], group_sources, tuple(items)))
    levels = []
    for li, lv in enumerate(data["levels"]):
        unique("level", lv["id"], f"levels/{li}")
        if levels and lv["min"] >= levels[-1].min:
            raise ConfigError(f"{path}: trường 'levels/{li}/min': các mức phải xếp từ cao xuống thấp "
                              f"({lv['min']} không nhỏ hơn {levels[-1].min} của mức '{levels[-1].id}')")
        levels.append(Level(lv["id"], lv["label"], lv["min"],
                            refs.check_keys(path, f"levels/{li}/sources", lv["sources"], references),
                            tuple(lv.get("conditions", ()))))
    if levels[-1].min != 0:
        raise ConfigError(f"{path}: trường 'levels/{len(levels) - 1}/min': mức thấp nhất phải có min 0 "
                          "để mọi tổng điểm đều được xếp loại")
    rubric = Rubric(path, data["id"], data["title"], data["authority"], data["official_form"], data["note"],
                    tuple(groups), tuple(levels), references, data.get("levels_note", ""), data.get("max_points"))
    scored = [i for i in rubric.items if i.max_points is not None]
    if scored and len(scored) != len(rubric.items):
        missing = next(i.id for i in rubric.items if i.max_points is None)
        raise ConfigError(f"{path}: trường 'groups/…/items/{missing}': có tiêu chí có điểm thì mọi tiêu chí "
                          "phải có 'points' hoặc 'options'")
    total = sum(i.max_points or 0 for i in scored)
    if rubric.max_points is not None and scored and total != rubric.max_points:
        raise ConfigError(f"{path}: trường 'max_points': {rubric.max_points} khác tổng điểm tối đa của các "
                          f"tiêu chí ({total})")
    return rubric


# ---------------------------------------------------------------------- rendering
def render_rubric(rubric: Rubric, ctx: DataContext | None = None, page_url: str = "") -> str:
    """`<!-- sotay:cham-diem -->`: the whole sheet, blank (the script adds boxes, total and level)."""

    def esc(text: str) -> str:
        return refs.linked_html(text, ctx, page_url)

    def _src(keys: tuple[str, ...], rubric: Rubric) -> str:
        sources = refs.sources_html(keys, rubric.references, ctx, page_url)
        return f'<span class="sotay-rubric__source">Nguồn: {sources}</span>'

    max_total = rubric.max_points or sum(i.max_points or 0 for i in rubric.items)
    mode = "sotay-rubric--scored" if rubric.scored else "sotay-rubric--checklist"
    parts = [f'<div class="sotay-rubric {mode} sotay-max_{max_total}" id="phieu-{esc(rubric.id)}">',
             f'<p class="sotay-rubric__title"><strong>{esc(rubric.title)}</strong></p>',
             f'<p class="sotay-rubric__authority">{esc(rubric.authority)}'
             + (" Mẫu chính thức của cấp ủy." if rubric.official_form else " Không phải mẫu chính thức.")
             + "</p>",
             f'<p class="sotay-rubric__note">{esc(rubric.note)}</p>',
             "<p>Chi bộ: …………………………… Buổi sinh hoạt ngày ……/……/……… Người chấm: ……………………………</p>"]
    points_head = '<th scope="col">Điểm tối đa</th>' if rubric.scored else ""
    for gi, group in enumerate(rubric.groups, start=1):
        parts.append(f'<div class="sotay-rubric__group" id="nhom-{esc(group.id)}">')
        parts.append(f'<h3 id="tieu-chi-{esc(group.id)}">{gi}. {esc(group.title)}</h3>')
        parts.append(f'<p class="sotay-rubric__group-source">{_src(group.sources, rubric)}</p>')
        parts.append(f'<table class="sotay-rubric__items"><thead><tr><th scope="col">Tiêu chí</th>{points_head}'
                     '<th scope="col">Đạt</th></tr></thead><tbody>')
        for ii, item in enumerate(group.items, start=1):
            cls = f"sotay-item sotay-points_{item.points}" if item.points is not None else "sotay-item"
            if item.options:
                cls += " sotay-item--options"
            text = f'<span class="sotay-item__text" id="tc-{esc(item.id)}">{gi}.{ii}. {esc(item.text)}</span>'
            if item.sources != group.sources:
                text += f"<br>{_src(item.sources, rubric)}"
            if item.options:
                text += '<ul class="sotay-options">' + "".join(
                    f'<li class="sotay-option sotay-points_{o.points}" id="tc-{esc(item.id)}--{esc(o.id)}">'
                    f'<span class="box sotay-box" aria-hidden="true"></span>'
                    f'<span class="sotay-option__label">{esc(o.label)} ({o.points} điểm)</span></li>'
                    for o in item.options) + "</ul>"
            points = f"<td>{item.max_points}</td>" if rubric.scored else ""
            mark = "" if item.options else '<span class="box sotay-box" aria-hidden="true"></span>'
            parts.append(f'<tr class="{cls}" id="dong-{esc(item.id)}"><td>{text}</td>{points}'
                         f'<td class="sotay-item__mark">{mark}</td></tr>')
        parts.append("</tbody></table></div>")
    parts.append('<div class="sotay-rubric__levels" id="xep-loai-phieu">')
    parts.append('<h3 id="muc-xep-loai">Mức xếp loại</h3>')
    parts.append('<table class="sotay-levels"><thead><tr><th scope="col">Mức</th><th scope="col">Tổng điểm</th>'
                 '<th scope="col">Điều kiện kèm theo</th></tr></thead><tbody>')
    previous: int | None = None
    for level in rubric.levels:
        span = f"từ {level.min}" + (f" đến dưới {previous}" if previous is not None else "") if level.min else (
            f"dưới {previous}" if previous is not None else "0")
        conditions = "".join(
            f'<li class="sotay-condition" id="dk-{esc(level.id)}-{ci}"><span class="box sotay-box" '
            f'aria-hidden="true"></span><span class="sotay-condition__text">{esc(c)}</span></li>'
            for ci, c in enumerate(level.conditions))
        conditions = f'<ul class="sotay-conditions">{conditions}</ul>' if conditions else "—"
        parts.append(f'<tr class="sotay-level sotay-min_{level.min}" id="muc-{esc(level.id)}">'
                     f'<td class="sotay-level__label">{esc(level.label)}</td><td>{span} điểm</td>'
                     f"<td>{conditions}</td></tr>")
        previous = level.min
    parts.append("</tbody></table>")
    keys = tuple(dict.fromkeys(k for lv in rubric.levels for k in lv.sources))
    if rubric.levels_note:
        parts.append(f'<p class="sotay-rubric__levels-note">{esc(rubric.levels_note)}</p>')
    parts.append(f"<p>{_src(keys, rubric)}</p>")
    parts.append("<p>Tổng điểm: ……………  Xếp loại: ……………………</p></div></div>")
    return "\n" + "\n".join(parts) + "\n"


def check_args(args: tuple[str, ...], ctx: DataContext) -> str | None:
    if args:
        return "chỉ thị này không nhận tham số"
    rubric = getattr(ctx, "rubric", None)
    if rubric is None:
        return f"không có data/{FILE_NAME}"
    texts = [rubric.title, rubric.authority, rubric.note, rubric.levels_note]
    texts += [g.title for g in rubric.groups] + [i.text for i in rubric.items]
    texts += [o.label for i in rubric.items for o in i.options]
    texts += [lv.label for lv in rubric.levels] + [c for lv in rubric.levels for c in lv.conditions]
    texts += [ref.title for ref in rubric.references.values()]
    unknown = refs.unknown_citations(texts, ctx)
    if unknown:
        return (f"data/{FILE_NAME}: trích dẫn không khớp sổ đăng ký data/van-ban.yml (số hiệu hoặc ngày): "
                f"{', '.join(unknown)}")
    return None
