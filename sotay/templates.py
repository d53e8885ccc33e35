"""Meeting templates (data/mau-bieu/*.yml): one source for the template pages and the .docx.

A page holds `<!-- sotay:mau-bieu ID -->`; the build replaces it with the field table rendered
here, and the bundle writes the Word file from the same data, so the two never drift apart.

A section may declare `from_meeting: KIND` and `phases: [...]`: its fields then come from the meeting
model (data/quy-trinh/), in the order of the steps — one row per step (`each_step: true`, the programme)
or the fields a step lists under `forms: {<template id>: [...]}` (minutes, resolution). The order of a
meeting is thus written once, and the template pages and Word files follow it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Container
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema

from sotay.errors import ConfigError
from sotay.meeting import PHASES, MeetingKind
from sotay.project import load_yaml

SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["id", "title", "official_form", "note", "sources", "sections"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": "^[a-z0-9-]+$"},
        "title": {"type": "string"},
        "official_form": {"type": "boolean"},
        "note": {"type": "string"},
        "sources": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "header": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "left": {"type": "array", "items": {"type": "string"}},
                "right": {"type": "array", "items": {"type": "string"}},
            },
        },
        "sections": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["heading"],
                "additionalProperties": False,
                "properties": {
                    "heading": {"type": "string"},
                    "from_meeting": {"type": "string"},
                    "phases": {"type": "array", "items": {"enum": list(PHASES)}, "minItems": 1},
                    "each_step": {"type": "boolean"},
                    "fields": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["label"],
                            "additionalProperties": False,
                            "properties": {
                                "label": {"type": "string"},
                                "hint": {"type": "string"},
                                "example": {"type": "string"},
                                "lines": {"type": "integer", "minimum": 1, "maximum": 20},
                            },
                        },
                    },
                },
            },
        },
        "footer": {"type": "array", "items": {"type": "string"}},
    },
}


@dataclass(frozen=True)
class TemplateField:
    label: str
    hint: str = ""
    example: str = ""
    lines: int = 1
    step: str = ""  # id of the meeting step this field comes from, if any


@dataclass(frozen=True)
class Section:
    heading: str
    fields: tuple[TemplateField, ...]


@dataclass(frozen=True)
class Template:
    """A meeting document layout: header blocks, sections of fields, signature lines."""

    id: str
    title: str
    official_form: bool
    note: str
    sources: tuple[str, ...]
    sections: tuple[Section, ...]
    header_left: tuple[str, ...] = ()
    header_right: tuple[str, ...] = ()
    footer: tuple[str, ...] = field(default_factory=tuple)

    @property
    def docx_name(self) -> str:
        return f"mau-{self.id}.docx"


def _section_fields(path: Path, template_id: str, section: dict[str, Any], meetings: dict[str, MeetingKind],
                    counter: list[int]) -> tuple[TemplateField, ...]:
    """The section's own fields, then those its meeting steps supply (`counter` numbers programme rows)."""
    fields = [TemplateField(**f) for f in section.get("fields", ())]
    kind_id = section.get("from_meeting")
    if kind_id is None:
        if not fields:
            raise ConfigError(f"{path}: mục '{section['heading']}': cần 'fields' hoặc 'from_meeting'")
        return tuple(fields)
    kind = meetings.get(kind_id)
    if kind is None:
        raise ConfigError(f"{path}: mục '{section['heading']}', trường 'from_meeting': không có loại cuộc họp "
                          f"'{kind_id}' trong data/quy-trinh/")
    for step in kind.phase_steps(*(section.get("phases") or PHASES)):
        if section.get("each_step"):
            counter[0] += 1
            fields.append(TemplateField(label=f"{counter[0]}. {step.title}", hint=f"Người phụ trách: {step.who}",
                                        example=f"{step.minutes} phút (gợi ý)" if step.minutes else "",
                                        step=step.id))
        else:
            fields += [TemplateField(f.label, f.hint, "", f.lines, step.id) for f in step.forms.get(template_id, ())]
    return tuple(fields)


def load_templates(directory: Path, meetings: dict[str, MeetingKind] | None = None) -> dict[str, Template]:
    """All templates by id; ConfigError names the file and field of any schema problem.

    `meetings` defaults to the model next to the templates (data/quy-trinh/ beside data/mau-bieu/).
    """
    templates: dict[str, Template] = {}
    if meetings is None:
        from sotay.meeting import load_meetings

        meetings = load_meetings(directory.parent / "quy-trinh")
    if not directory.is_dir():
        return templates
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for path in sorted(directory.glob("*.yml")):
        data = load_yaml(path, aliases=False)
        errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path)))
        if errors:
            raise ConfigError("\n".join(
                f"{path}: trường '{'/'.join(map(str, e.absolute_path)) or '(gốc)'}': {e.message}"
                for e in errors
            ))
        if data["id"] != path.stem:
            raise ConfigError(f"{path}: trường 'id' phải trùng tên tệp ('{path.stem}')")
        header = data.get("header") or {}
        counter = [0]
        sections = tuple(
            Section(s["heading"], _section_fields(path, data["id"], s, meetings, counter))
            for s in data["sections"]
        )
        templates[data["id"]] = Template(
            id=data["id"], title=data["title"], official_form=data["official_form"],
            note=data["note"], sources=tuple(data["sources"]),
            sections=sections,
            header_left=tuple(header.get("left", ())), header_right=tuple(header.get("right", ())),
            footer=tuple(data.get("footer", ())),
        )
    return templates


def source_problems(templates: dict[str, Template], known: Container[str], directory: Path) -> list[str]:
    """Each template's `sources` must be ids of data/nguon.yml, with file and line of any other value.

    The templates also make the Word files: a seed file name or a bare address there would bypass the
    registry (its readable citation, its kind) and could reach a printed handout.
    """
    problems = []
    for template in templates.values():
        path = directory / f"{template.id}.yml"
        lines = path.read_text(encoding="utf-8").split("\n") if path.is_file() else []
        for ident in template.sources:
            if ident in known:
                continue
            line = next((n for n, text in enumerate(lines, 1) if text.strip() in (f"- {ident}", f"- '{ident}'",
                                                                                   f'- "{ident}"')), 0)
            where = f"{path}:{line}" if line else str(path)
            hint = "tên tệp hay địa chỉ không dùng ở đây; " if ("." in ident or "/" in ident) else ""
            problems.append(f"{where}: trường 'sources': không có nguồn '{ident}' trong data/nguon.yml; "
                            f"{hint}ghi mã nguồn (id) của sổ đăng ký nguồn, thêm mục mới nếu cần")
    return problems


def _cell(text: str) -> str:
    """A data value as table-cell text: escaped, never markup (the build's one-gate rule for data)."""
    return html.escape(text, quote=False).replace("|", "\\|").replace("\n", " ").strip()


DOWNLOAD_LABEL = "Tải mẫu Word (.docx)"
_DOWNLOAD_LINE = re.compile(r"^\[" + re.escape(DOWNLOAD_LABEL) + r"\]\(([^)\s]+)\)\{ \.md-button \}$", re.MULTILINE)
_H1_LINE = re.compile(r"^# [^\n]*\n", re.MULTILINE)


def render_markdown(template: Template, docx_link: str | None = None) -> str:
    """The field tables that replace `<!-- sotay:mau-bieu ID -->` on a page."""
    parts: list[str] = []
    if docx_link:
        parts.append(f"[{DOWNLOAD_LABEL}]({docx_link}){{ .md-button }}\n")
    for section in template.sections:
        parts.append(f"### {_cell(section.heading)}\n")
        parts.append("| Mục | Ghi gì | Ví dụ |\n| --- | --- | --- |")
        parts.extend(
            f"| {_cell(f.label)} | {_cell(f.hint) or '—'} | {_cell(f.example) or '—'} |" for f in section.fields
        )
        parts.append("")
    if template.footer:
        parts.append("**Ký tên:** " + "; ".join(_cell(f) for f in template.footer) + "\n")
    return "\n".join(parts)


def download_under_title(markdown: str) -> str:
    """Repeat a template page's Word button right under its title (expanded markdown in, markdown out).

    The `<!-- sotay:mau-bieu ID -->` directive sits mid-page, after the caveats; on a phone its button was
    below the first screen. The first button found is copied, as the primary button, after the page's
    `# ` title line; a page without a title or without a button is returned unchanged.
    """
    button = _DOWNLOAD_LINE.search(markdown)
    title = _H1_LINE.search(markdown)
    if not button or not title or title.start() > button.start():
        return markdown
    top = f"\n[{DOWNLOAD_LABEL}]({button.group(1)}){{ .md-button .md-button--primary .sotay-download-top }}\n\n"
    return markdown[: title.end()] + top + markdown[title.end():]
