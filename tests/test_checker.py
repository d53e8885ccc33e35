"""The checker over fixture corpora: one broken page per rule (golden output) and a clean one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sotay.checks import Checker
from sotay.project import Project
from sotay.rules import RULES
from tests.conftest import FIXTURES, run_sotay

BROKEN = FIXTURES / "broken"
CLEAN = FIXTURES / "clean"


def test_broken_corpus_matches_golden_output():
    result = run_sotay("check", "--root", str(BROKEN))
    assert result.returncode == 1
    expected = (BROKEN / "expected.txt").read_text(encoding="utf-8")
    assert result.stdout.replace(str(FIXTURES / "sources"), "tests/fixtures/sources") == expected


def test_every_rule_has_a_broken_page():
    result = run_sotay("check", "--root", str(BROKEN), "--format", "json")
    codes = {f["code"] for f in json.loads(result.stdout)["findings"]}
    assert codes == set(RULES)


def test_clean_corpus_has_no_findings():
    result = run_sotay("check", "--root", str(CLEAN))
    assert result.returncode == 0, result.stdout
    assert "Không có vấn đề" in result.stdout


def test_json_output_is_well_formed():
    result = run_sotay("check", "--root", str(BROKEN), "--format", "json")
    payload = json.loads(result.stdout)
    assert payload["summary"]["pages"] == 25
    for finding in payload["findings"]:
        assert set(finding) == {"file", "line", "column", "code", "message", "severity"}
        assert finding["file"].startswith("docs/") and finding["line"] >= 1


def test_usage_error_exits_2():
    result = run_sotay("check", "--format", "xml")
    assert result.returncode == 2


def test_missing_project_exits_2_with_message(tmp_path):
    result = run_sotay("check", "--root", str(tmp_path))
    assert result.returncode == 2
    assert "mkdocs.yml" in result.stderr and "Traceback" not in result.stderr


def _copy(tmp_path: Path, corpus: Path = CLEAN) -> Path:
    target = tmp_path / "proj"
    shutil.copytree(corpus, target)
    return target


def test_invalid_registry_names_entry_and_field(tmp_path):
    proj = _copy(tmp_path)
    registry = proj / "data" / "van-ban.yml"
    text = registry.read_text(encoding="utf-8").replace("date: 2025-07-23", "date: 23/7/2025", 1)
    text = text.replace("status: chua-ro", "status: con-hieu-luc", 1)
    registry.write_text(text, encoding="utf-8")
    result = run_sotay("check", "--root", str(proj))
    assert result.returncode == 2
    assert "mục 1 (id=50-ct-tw-2025), trường 'date'" in result.stderr
    assert "mục 2 (id=12-hd-btctw-2018), trường 'status'" in result.stderr
    assert "Traceback" not in result.stderr


def test_registry_needs_one_default_for_shared_symbols(tmp_path):
    proj = _copy(tmp_path)
    registry = proj / "data" / "van-ban.yml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("  default: true\n", ""), encoding="utf-8")
    result = run_sotay("check", "--root", str(proj))
    assert result.returncode == 2 and "12-HD/BTCTW" in result.stderr and "default" in result.stderr


def test_bad_glossary_line_is_named(tmp_path):
    proj = _copy(tmp_path)
    (proj / "includes" / "abbreviations.md").write_text("*[CBKM]: Chi bộ kiểu mẫu\nCBKM = sai\n", encoding="utf-8")
    result = run_sotay("check", "--root", str(proj))
    assert result.returncode == 2 and "abbreviations.md:2" in result.stderr


def test_heading_anchor_keeps_d(tmp_path):
    proj = _copy(tmp_path)
    page = proj / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "(quy-trinh/thuong-ky.md#dieu-kien-dang-ky)", "(quy-trinh/thuong-ky.md#ieu-kien-ang-ky)"), encoding="utf-8")
    result = run_sotay("check", "--root", str(proj))
    assert "[L02]" in result.stdout and "#ieu-kien-ang-ky" in result.stdout


def test_date_of_the_other_same_numbered_document_is_accepted():
    report = Checker.for_project(Project.load(CLEAN)).run()
    assert report.cited_by["12-hd-btctw-2022"] == {"index.md"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.text(max_size=400), raw=st.binary(max_size=200))
def test_random_pages_never_crash_the_checker(tmp_path_factory, body, raw):
    proj = _copy(tmp_path_factory.mktemp("h"))
    (proj / "docs" / "index.md").write_text(body, encoding="utf-8")
    (proj / "docs" / "quy-trinh" / "thuong-ky.md").write_bytes(raw)
    report = Checker.for_project(Project.load(proj)).run()
    for finding in report.findings:
        assert finding.code in RULES and finding.line >= 1 and finding.column >= 1
        assert finding.file.startswith("docs/")
