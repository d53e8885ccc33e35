"""Filled examples (data/vi-du/): checks M01–M06 with golden output, schema messages, the real example,
and a seeded inconsistent example failing the strict build."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import yaml
from docx import Document

from sotay.context import DataContext
from sotay.project import Project
from sotay.rules import RULES
from tests import mini_project
from tests.conftest import FIXTURES, ROOT, run_sotay

BROKEN = FIXTURES / "examples-broken"
CODES = {code for code in RULES if code.startswith("M")}


def _project(tmp_path: Path, *examples: Path) -> Path:
    """The clean fixture corpus plus the real meeting model and the given example files."""
    target = tmp_path / "proj"
    shutil.copytree(FIXTURES / "clean", target)
    shutil.copytree(ROOT / "data" / "quy-trinh", target / "data" / "quy-trinh")
    _add_model_sources(target / "data" / "nguon.yml")
    (target / "data" / "vi-du").mkdir()
    for example in examples:
        shutil.copy(example, target / "data" / "vi-du" / example.name)
    return target


def _add_model_sources(registry: Path) -> None:
    """The model's step sources are ids of the real registry: append those entries to the fixture's,
    without `about` (it names documents of the real document registry, not of the fixture's)."""
    model = yaml.safe_load((ROOT / "data" / "quy-trinh" / "_nguon.yml").read_text(encoding="utf-8"))
    used = {entry["source"] for entry in model.values()}
    real = yaml.safe_load((ROOT / "data" / "nguon.yml").read_text(encoding="utf-8"))
    extra = [{k: v for k, v in e.items() if k != "about"} for e in real if e["id"] in used]
    with registry.open("a", encoding="utf-8") as out:
        out.write("\n" + yaml.safe_dump(extra, allow_unicode=True, sort_keys=False))


def test_broken_examples_match_golden_output(tmp_path):
    project = _project(tmp_path, *sorted(BROKEN.glob("*.yml")))
    result = run_sotay("check", "--root", str(project))
    assert result.returncode == 1
    assert result.stdout == (BROKEN / "expected.txt").read_text(encoding="utf-8")


def test_every_example_rule_has_a_fixture_and_the_valid_one_is_clean(tmp_path):
    project = _project(tmp_path, *sorted(BROKEN.glob("*.yml")))
    findings = json.loads(run_sotay("check", "--root", str(project), "--format", "json").stdout)["findings"]
    assert {f["code"] for f in findings} == CODES
    for finding in findings:
        assert finding["file"].startswith(f"data/vi-du/{finding['code'].lower()}-"), finding
        assert finding["line"] > 1


def test_example_schema_error_names_file_line_and_field(tmp_path):
    bad = tmp_path / "hop-le.yml"
    bad.write_text((BROKEN / "hop-le.yml").read_text(encoding="utf-8").replace(
        "membership: du-bi", "membership: tam-thoi"), encoding="utf-8")
    project = _project(tmp_path, bad)
    result = run_sotay("check", "--root", str(project))
    assert result.returncode == 2
    assert "data/vi-du/hop-le.yml:16: trường 'members/2/membership'" in result.stderr
    assert "Traceback" not in result.stderr


def test_real_example_is_consistent_and_renders_three_documents():
    ctx = DataContext.load(Project.load(ROOT))
    from sotay.examples import PARTS, check_examples, filled

    assert "chi-bo-thon-12-2026" in ctx.examples
    assert check_examples(ctx.examples, ctx.meetings) == []
    example = ctx.examples["chi-bo-thon-12-2026"]
    kind = ctx.meetings["thuong-ky"]
    programme = filled(example, ctx.templates["chuong-trinh"], kind)
    rows = [f.step for s in programme.sections for f in s.fields if f.step]
    assert rows == [r["step"] for r in example.data["programme"]]
    minutes = {f.label: f.example for s in filled(example, ctx.templates["bien-ban"], kind).sections for f in s.fields}
    assert minutes["Có mặt"].startswith("12/14") and "10/10" in minutes["Kết quả biểu quyết"]
    assert "Đàm Văn Sơn" in minutes["Vắng không có lý do"] and "Đàm Văn Sơn" not in minutes["Ý kiến phát biểu"]
    for part in PARTS:
        from sotay.bundle import Edition
        from sotay.bundle.docx import build_docx

        document = filled(example, ctx.templates[part], kind)
        text = "\n".join(p.text for p in Document(io.BytesIO(build_docx(document, Edition.from_env(),
                                                                        filled=True))).paragraphs)
        assert "Lương Văn Thắng" in text or part == "nghi-quyet"
        assert "...." not in text.replace("...-NQ/CB", "")


def test_strict_build_fails_on_a_seeded_inconsistent_example(tmp_path):
    project = mini_project.make(tmp_path)
    shutil.copy(BROKEN / "m02-bieu-quyet.yml", project / "data" / "vi-du" / "m02-bieu-quyet.yml")
    result = mini_project.build(project)
    assert result.returncode != 0
    assert "data/vi-du/m02-bieu-quyet.yml" in result.stderr and "[M02]" in result.stderr
