"""Word templates (.docx) from data/mau-bieu/*.yml: the same Template records the pages render.

Layout follows the usual look of a party cell's paper: a two-column header (party committee and
cell on the left, "ĐẢNG CỘNG SẢN VIỆT NAM" and the date on the right), a centred title, then each
section with its fields as dotted lines to write on, and signature blocks at the end. Hints are
grey italics so the person filling it in knows what goes where.

Reproducible: python-docx stamps every zip entry with the wall clock, so the saved file is rewritten
with the edition's timestamp, fixed permissions and python-docx's own (stable) entry order.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from sotay.bundle import TITLE, Edition, zip_date_time
from sotay.templates import Template

FONT = "Times New Roman"  # the font of party and state documents; present wherever Word is
GREY = RGBColor(0x59, 0x59, 0x59)


def _base_style(document) -> None:
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")
    style.paragraph_format.space_after = Pt(3)
    style.paragraph_format.line_spacing = 1.15


def _page(document) -> float:
    """A4 portrait with the customary margins; returns the text width in cm."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    return 21 - 3 - 1.5


def _no_borders(table) -> None:
    borders = table._tbl.tblPr.makeelement(qn("w:tblBorders"), {})
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(borders.makeelement(qn(f"w:{edge}"), {qn("w:val"): "nil"}))
    table._tbl.tblPr.append(borders)


def _cell_lines(cell, lines: tuple[str, ...], right: bool) -> None:
    """Left: superior committee in regular capitals, the cell in bold, then a star. Right: the party's
    name in bold, the place and date in italics."""
    for index, text in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(text)
        if right and "ngày" in text:
            run.italic = True
            paragraph.paragraph_format.space_before = Pt(6)
        else:
            run.bold = right or index > 0 or len(lines) == 1
    if lines and not right:
        cell.add_paragraph("*").alignment = WD_ALIGN_PARAGRAPH.CENTER


def _header(document, template: Template, width: float) -> None:
    if not (template.header_left or template.header_right):
        return
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    left, right = table.rows[0].cells
    left.width, right.width = Cm(width * 0.42), Cm(width * 0.58)
    _cell_lines(left, template.header_left, right=False)
    _cell_lines(right, template.header_right, right=True)
    if template.header_right and "ngày" not in template.header_right[0]:
        right.paragraphs[0].runs[0].underline = True  # "ĐẢNG CỘNG SẢN VIỆT NAM" is underlined


def _dotted(document, width: float, label: str | None = None) -> None:
    """One line to write on: optional bold label, then dots up to the right margin."""
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(width), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    paragraph.paragraph_format.space_after = Pt(2)
    if label:
        paragraph.add_run(f"{label}: ").bold = True
    paragraph.add_run("\t")


def _hint(document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(f"({text})")
    run.italic = True
    run.font.size = Pt(11)
    run.font.color.rgb = GREY


def _signatures(document, template: Template, width: float) -> None:
    if not template.footer:
        return
    document.add_paragraph()
    table = document.add_table(rows=1, cols=len(template.footer))
    _no_borders(table)
    for cell, text in zip(table.rows[0].cells, template.footer, strict=True):
        cell.width = Cm(width / len(template.footer))
        title, _, rest = text.partition(" (")
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(title.upper()).bold = True
        if rest:
            note = cell.add_paragraph()
            note.alignment = WD_ALIGN_PARAGRAPH.CENTER
            note.add_run(f"({rest}").italic = True


def _filled_line(document, label: str, value: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(3)
    paragraph.add_run(f"{label}: ").bold = True
    paragraph.add_run(value)


def build_docx(template: Template, edition: Edition, filled: bool = False) -> bytes:
    """The Word file of one template, as bytes; `filled`: each field's example is the value written in
    (the filled examples of data/vi-du/), instead of dotted lines and hints."""
    document = Document()
    _base_style(document)
    width = _page(document)
    _header(document, template, width)

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(18)
    title.paragraph_format.space_after = Pt(12)
    run = title.add_run(template.title.upper())
    run.bold = True
    run.font.size = Pt(15)

    note = document.add_paragraph()
    prefix = "Ghi chú" if filled else "Ghi chú (xóa trước khi dùng)"
    note_run = note.add_run(f"{prefix}: {template.note} Mẫu tham khảo của {TITLE}, {edition.label.lower()}.")
    note_run.italic = True
    note_run.font.size = Pt(10)
    note_run.font.color.rgb = GREY

    for number, section in enumerate(template.sections, start=1):
        heading = document.add_paragraph()
        heading.paragraph_format.space_before = Pt(10)
        heading.paragraph_format.keep_with_next = True
        heading.add_run(f"{_roman(number)}. {section.heading.upper()}").bold = True
        for item in section.fields:
            if filled:
                _filled_line(document, item.label, item.example)
                continue
            _dotted(document, width, item.label)
            if item.hint:
                _hint(document, item.hint)
            for _ in range(item.lines - 1):
                _dotted(document, width)

    _signatures(document, template, width)

    props = document.core_properties
    props.title = template.title
    props.subject = TITLE
    props.author = "Nhóm biên soạn " + TITLE
    props.language = "vi-VN"
    props.keywords = f"mẫu biểu; {template.id}; {edition.version}"
    props.comments = template.note
    props.version = edition.version
    props.created = props.modified = edition.timestamp.replace(tzinfo=None)  # python-docx writes it as UTC
    props.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_zip(buffer.getvalue(), zip_date_time(edition.timestamp))


def normalize_zip(data: bytes, date_time: tuple[int, int, int, int, int, int]) -> bytes:
    """The same archive with every entry dated `date_time`, mode 0644 and no extra fields: what
    python-docx's save leaves varying from one second to the next."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever system builds it
            target.writestr(info, source.read(entry), compresslevel=6)
    return out.getvalue()


def _roman(number: int) -> str:
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in numerals:
        while number >= value:
            out += letters
            number -= value
    return out


def write_all(templates: dict[str, Template], edition: Edition, target: Path) -> list[Path]:
    """Write every template's .docx into `target`; returns the paths."""
    target.mkdir(parents=True, exist_ok=True)
    paths = []
    for template in templates.values():
        path = target / template.docx_name
        path.write_bytes(build_docx(template, edition))
        paths.append(path)
    return paths
