"""The meeting model (data/quy-trinh/): schema messages, the views rendered from it, quy-trinh.json, and
one order everywhere — moving a step in the model moves it in every view."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest
from docx import Document

from sotay.bundle import Edition
from sotay.bundle.docx import build_docx
from sotay.checks import _ABBR, _ROMAN, _shouted
from sotay.citations import iter_spans
from sotay.context import DataContext
from sotay.errors import ConfigError
from sotay.examples import PARTS
from sotay.examples import render_directive as render_example
from sotay.meeting import IN_MEETING, PHASES, load_meetings
from sotay.meeting_views import inventory_json, render_checklist, render_steps, render_table
from sotay.project import Project
from sotay.templates import render_markdown
from tests import mini_project
from tests.conftest import ROOT, run_sotay

MODEL = ROOT / "data" / "quy-trinh"


def _copy_model(tmp_path: Path) -> Path:
    """The model and, beside it as in data/, the source registry its `_nguon.yml` names ids of."""
    target = tmp_path / "quy-trinh"
    shutil.copytree(MODEL, target)
    shutil.copy(ROOT / "data" / "nguon.yml", tmp_path / "nguon.yml")
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_real_model_has_the_four_kinds_with_unique_kebab_ids():
    kinds = load_meetings(MODEL)
    assert {"thuong-ky", "chuyen-de", "ket-hop", "mau-diem"} <= set(kinds)
    assert kinds["ket-hop"].minimum_minutes == 120 and kinds["thuong-ky"].minimum_minutes == 90
    for kind in kinds.values():
        ids = [s.id for s in kind.steps]
        assert len(ids) == len(set(ids)), kind.id
        assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)
        assert all(s.phase in PHASES for s in kind.steps)
        assert all(s.sources or s.suggestion for s in kind.steps)
        assert all((s.minutes is not None) == (s.phase in IN_MEETING) for s in kind.steps)
        assert kind.meeting_minutes >= kind.minimum_minutes


def test_regular_opening_follows_the_settled_order():
    steps = [s.id for s in load_meetings(MODEL)["thuong-ky"].phase_steps("mo-dau")]
    assert steps == ["khai-mac", "dang-phi", "diem-danh", "thong-qua-chuong-trinh", "cu-thu-ky"]
    regular = [s.id for s in load_meetings(MODEL)["thuong-ky"].steps]
    assert regular.index("y-kien-cap-tren") < regular.index("thao-luan")
    assert regular.index("chinh-tri-tu-tuong") < regular.index("kiem-diem-thang")


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("    who: Chủ trì đề cử; chi bộ biểu quyết\n", "", "bước 9 (id=cu-thu-ky), trường 'who'"),
    ("    phase: mo-dau\n    title: Đảng phí", "    phase: khai-mac\n    title: Đảng phí",
     "(id=dang-phi), trường 'phase'"),
    ("    sources: [w28]\n    detail: Khai mạc", "    sources: [khong-co]\n    detail: Khai mạc",
     "(id=khai-mac), trường 'sources': nguồn 'khong-co'"),
    ("    day_offset: -10\n", "    day_offset: -10\n    minutes: 5\n", "(id=phan-cong-soan), trường 'minutes'"),
    ("  - id: cu-thu-ky\n", "  - id: diem-danh\n", "(id=diem-danh), trường 'id': trùng"),
    ("    minutes: 20\n", "    minutes: 5\n", "trường 'minutes': các bước trong cuộc họp cộng lại 75 phút"),
])
def test_schema_errors_name_file_step_and_field(tmp_path, old, new, expected):
    model = _copy_model(tmp_path)
    _edit(model / "thuong-ky.yml", old, new)
    with pytest.raises(ConfigError) as error:
        load_meetings(model)
    assert "thuong-ky.yml" in str(error.value) and expected in str(error.value)


def test_reused_step_must_exist(tmp_path):
    model = _copy_model(tmp_path)
    _edit(model / "ket-hop.yml", "{from: thuong-ky, id: khai-mac}", "{from: thuong-ky, id: khong-co}")
    with pytest.raises(ConfigError, match=r"ket-hop.yml: bước \d+ \(id=khong-co\), trường 'id'"):
        load_meetings(model)


def test_broken_model_stops_the_checker_with_exit_2(tmp_path):
    project = mini_project.make(tmp_path)
    _edit(project / "data" / "quy-trinh" / "thuong-ky.yml", "    phase: mo-dau\n    title: Đảng phí",
          "    phase: giua\n    title: Đảng phí")
    result = run_sotay("check", "--root", str(project))
    assert result.returncode == 2
    assert "thuong-ky.yml" in result.stderr and "id=dang-phi" in result.stderr and "'phase'" in result.stderr
    assert "Traceback" not in result.stderr


def test_inventory_json_shape():
    ctx = DataContext.load(Project.load(ROOT))
    data = json.loads(inventory_json(ctx))
    assert data["schema"] == "so-tay-sinh-hoat-chi-bo/quy-trinh/1"
    kinds = {k["id"]: k for k in data["kinds"]}
    assert {"thuong-ky", "chuyen-de", "ket-hop", "mau-diem"} <= set(kinds)
    for kind in data["kinds"]:
        assert {"id", "title", "minimum_minutes", "steps"} <= set(kind)
        for step in kind["steps"]:
            assert {"id", "phase", "title", "who", "minutes", "day_offset", "sources", "page"} <= set(step)
            assert step["page"].endswith(f"/#buoc-{step['id']}")
    step = next(s for s in kinds["thuong-ky"]["steps"] if s["id"] == "diem-danh")
    assert step["page"] == "quy-trinh/sinh-hoat-thuong-ky/#buoc-diem-danh"
    assert "https://www.scribd.com/document/408532507/Huong-Dan-Sinh-Hoat-Chi-Bo" in step["sources"]
    prep = next(s for s in kinds["thuong-ky"]["steps"] if s["id"] == "gui-tai-lieu")
    assert prep["day_offset"] == -1 and prep["minutes"] is None


def test_rendered_views_cite_only_registry_documents_and_known_abbreviations():
    ctx = DataContext.load(Project.load(ROOT))
    texts = []
    for kind in ctx.meetings.values():
        texts += [render_steps(kind, ctx, kind.page), render_table(kind, ctx, "quy-trinh/index.md")]
        for name in ("truoc", "trong", "sau", "chuyen-de", "nguoi-du"):
            texts.append(render_checklist(kind, name, ctx, "kiem-tra/x.md"))
    for example in ctx.examples:
        texts += [render_example((example, part), ctx, "mau-bieu/vi-du.md", "") for part in PARTS]
    spans = [s for text in texts for s in iter_spans(text)]
    assert spans
    for span in spans:
        assert ctx.registry.resolve(span.symbol, span.date).problem is None, span.symbol
    words = {m.group(1) for text in texts for m in _ABBR.finditer(text)
             if not _shouted(text, m) and not _ROMAN.match(m.group(1))}
    assert words <= set(ctx.glossary), words - set(ctx.glossary)


def _views(ctx: DataContext) -> dict[str, list[str]]:
    """Step ids in the order each view shows them."""
    kind = ctx.meetings["thuong-ky"]
    steps = re.findall(r"\{ #buoc-([a-z0-9-]+) \}", render_steps(kind, ctx, kind.page))
    table = re.findall(r"#buoc-([a-z0-9-]+)\)", render_table(kind, ctx, "quy-trinh/index.md"))
    by_text = {i.text: s.id for s in kind.steps for i in s.checks.get("trong", ())}
    checklist = [by_text[t] for t in re.findall(r"^- \[ \] (.+?)(?:\[\^|$)", render_checklist(
        kind, "trong", ctx, "kiem-tra/trong-cuoc-hop.md"), re.M)]
    programme = ctx.templates["chuong-trinh"]
    rows = [f.step for s in programme.sections for f in s.fields if f.step]
    title_of = {s.title: s.id for s in kind.steps}
    page_rows = [title_of[t] for t in re.findall(r"^\| \d+\. (.+?) \|", render_markdown(programme), re.M)]
    document = Document(io.BytesIO(build_docx(programme, Edition("2026.1", __import__("datetime").date(2026, 12, 2)))))
    docx_rows = [title_of[m.group(1)] for p in document.paragraphs
                 if (m := re.match(r"\d+\. (.+?): ", p.text))]
    minutes = [f.step for s in ctx.templates["bien-ban"].sections for f in s.fields if f.step]
    return {"steps": steps, "table": table, "checklist": list(dict.fromkeys(checklist)), "programme": rows,
            "page_rows": page_rows, "docx": docx_rows, "minutes": list(dict.fromkeys(minutes))}


def test_moving_a_step_in_the_model_moves_it_in_every_view(tmp_path):
    project = mini_project.make(tmp_path)
    before = _views(DataContext.load(Project.load(project)))
    assert before["steps"].index("cu-thu-ky") > before["steps"].index("dang-phi")
    path = project / "data" / "quy-trinh" / "thuong-ky.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: cu-thu-ky\n")
    end = text.index("  # ------------------------------------------------", start)
    block = text[start:end]
    text = text.replace(block, "")
    text = text.replace("  - id: dang-phi\n", block + "  - id: dang-phi\n")
    path.write_text(text, encoding="utf-8")
    after = _views(DataContext.load(Project.load(project)))
    for view, ids in after.items():
        assert ids != before[view], view
        assert ids.index("cu-thu-ky") < ids.index("dang-phi"), view
        assert sorted(ids) == sorted(before[view]), view


_CHECK_ITEM = re.compile(r'^- \[ \] (.+?)(?:\[\^[^\]]*\])*\n  \{ data-sotay-check="([^"]+)" \}$', re.M)


def _check_keys(project: Path) -> dict[str, str]:
    """Checklist item text → its tick key, over every checklist of the real kinds."""
    ctx = DataContext.load(Project.load(project))
    keys: dict[str, str] = {}
    for kind in ctx.meetings.values():
        for name in ("truoc", "trong", "sau", "chuyen-de", "nguoi-du"):
            page = render_checklist(kind, name, ctx, "kiem-tra/x.md")
            pairs = _CHECK_ITEM.findall(page)
            assert len(pairs) == page.count("\n- [ ] ") + page.startswith("- [ ] "), (kind.id, name)
            assert len({key for _, key in pairs}) == len(pairs), (kind.id, name)  # unique on the page
            assert all(re.fullmatch(r"[a-z0-9-]+\.[0-9a-f]{8}(-\d+)?", key) for _, key in pairs)
            keys.update({f"{kind.id}/{name}/{text}": key for text, key in pairs})
    return keys


def test_checklist_tick_keys_are_stable_across_builds_and_survive_an_inserted_item(tmp_path):
    project = mini_project.make(tmp_path)
    before = _check_keys(project)
    assert before and _check_keys(project) == before  # same data, same keys: a rebuild keeps the ticks
    path = project / "data" / "quy-trinh" / "thuong-ky.yml"
    text = path.read_text(encoding="utf-8")
    at = text.index("      truoc:\n") + len("      truoc:\n")
    path.write_text(text[:at] + "        - Mục mới ban biên soạn chèn lên đầu.\n" + text[at:], encoding="utf-8")
    after = _check_keys(project)
    added = set(after) - set(before)  # kinds that reuse the step (ket-hop) get it too
    assert "thuong-ky/truoc/Mục mới ban biên soạn chèn lên đầu." in added
    assert {item.rsplit("/", 1)[1] for item in added} == {"Mục mới ban biên soạn chèn lên đầu."}
    assert {item: after[item] for item in before} == before  # no saved tick moves to another line


def test_mini_build_publishes_json_and_step_anchors(tmp_path):
    page = mini_project.FRONT.format(t="Thường kỳ") + "## Các bước { #cac-buoc }\n\n" \
        "<!-- sotay:quy-trinh thuong-ky buoc -->\n"
    checklist = mini_project.FRONT.format(t="Trong") + "<!-- sotay:kiem-tra thuong-ky trong -->\n"
    body = "<!-- sotay:quy-trinh thuong-ky bang -->\n\n" \
        "[Bước điểm danh](quy-trinh/sinh-hoat-thuong-ky.md#buoc-diem-danh)\n"
    project = mini_project.make(tmp_path, body, {"quy-trinh/sinh-hoat-thuong-ky.md": page,
                                                 "kiem-tra/trong-cuoc-hop.md": checklist})
    result = mini_project.build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    site = project / "site"
    data = json.loads((site / "quy-trinh.json").read_text(encoding="utf-8"))
    html = (site / "quy-trinh" / "sinh-hoat-thuong-ky" / "index.html").read_text(encoding="utf-8")
    for step in next(k for k in data["kinds"] if k["id"] == "thuong-ky")["steps"]:
        assert f'id="buoc-{step["id"]}"' in html
    assert "[^" not in html  # every generated footnote has its definition
    checks = (site / "kiem-tra" / "trong-cuoc-hop" / "index.html").read_text(encoding="utf-8")
    assert checks.count('class="task-list-item"') >= 15 and "sotay-print-sheet" in checks
    # The sanitiser keeps each item's tick key (html_policy allows it on <li>).
    assert checks.count('class="task-list-item" data-sotay-check="') == checks.count('class="task-list-item"')


def _line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").split("\n").index(text) + 1


def test_unknown_registry_id_is_refused_with_file_and_line(tmp_path):
    model = _copy_model(tmp_path)
    _edit(model / "_nguon.yml", "  source: hd42-luatvietnam\n", "  source: hd42-khong-co\n")
    line = _line_of(model / "_nguon.yml", "  source: hd42-khong-co")
    with pytest.raises(ConfigError) as error:
        load_meetings(model)
    assert (f"_nguon.yml:{line}: nguồn 'hd42', trường 'source': không có mã nguồn 'hd42-khong-co' trong sổ đăng "
            "ký nguồn data/nguon.yml") in str(error.value)


def test_a_raw_address_instead_of_an_id_is_refused(tmp_path):
    model = _copy_model(tmp_path)
    _edit(model / "_nguon.yml", "  source: hd09-scribd\n",
          "  source: https://www.scribd.com/document/408532507/Huong-Dan-Sinh-Hoat-Chi-Bo\n")
    with pytest.raises(ConfigError, match=r"_nguon.yml: nguồn 'hd09/source'"):
        load_meetings(model)


def test_unknown_registry_id_stops_the_checker_with_exit_2(tmp_path):
    project = mini_project.make(tmp_path)
    path = project / "data" / "quy-trinh" / "_nguon.yml"
    _edit(path, "  source: chuong-trinh-tuy-loc\n", "  source: tuy-loc\n")
    result = run_sotay("check", "--root", str(project))
    assert result.returncode == 2
    assert f"_nguon.yml:{_line_of(path, '  source: tuy-loc')}: nguồn 'w28'" in result.stderr
    assert "không có mã nguồn 'tuy-loc'" in result.stderr and "Traceback" not in result.stderr


def test_step_footnotes_print_the_registry_citation_and_no_hedge():
    """One source registry: a step footnote is `nguon:ID: label.` (the build prints the registry's readable
    citation with its link); neither the labels, the authority words nor the step texts hedge."""
    from sotay.meeting import AUTHORITIES
    from sotay.style import HEDGES, hedge_counts

    ctx = DataContext.load(Project.load(ROOT))
    kind = ctx.meetings["thuong-ky"]
    text = render_steps(kind, ctx, kind.page)
    definitions = dict(re.findall(r"^\[\^q-([\w-]+)\]: (.*)$", text, re.M))
    assert definitions
    for key, body in definitions.items():
        source = ctx.meeting_sources[key]
        assert source.source in ctx.sources and body == f"nguon:{source.source}: {source.label}."
    assert "*Căn cứ:* quy định hiện hành[^q-" in text
    assert not any(hedge_counts(text).values()), hedge_counts(text)
    for words in [*AUTHORITIES.values(), *(s.label for s in ctx.meeting_sources.values())]:
        assert not any(phrase in words.lower() for phrase in HEDGES) and "biết qua" not in words, words
    for path in MODEL.glob("*.yml"):
        assert not any(hedge_counts(path.read_text(encoding="utf-8")).values()), path


def test_inventory_json_names_registry_ids():
    ctx = DataContext.load(Project.load(ROOT))
    data = json.loads(inventory_json(ctx))
    for kind in data["kinds"]:
        for step in kind["steps"]:
            assert len(step["source_ids"]) == len(step["sources"])
            assert all(ident in ctx.sources for ident in step["source_ids"])
