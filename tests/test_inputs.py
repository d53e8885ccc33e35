"""Input the checker must read like any other (CRLF, BOM) or refuse with a finding, never a traceback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sotay import safeyaml
from sotay.errors import ConfigError
from sotay.registry import Registry
from sotay.source import read_text, split_front_matter, universal
from tests.conftest import FIXTURES, run_sotay

BROKEN = FIXTURES / "broken"


def _findings(root: Path) -> list[dict]:
    result = run_sotay("check", "--root", str(root), "--format", "json")
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)["findings"]


def test_crlf_and_bom_pages_give_the_same_findings_at_the_same_places(tmp_path):
    project = tmp_path / "proj"
    shutil.copytree(BROKEN, project, symlinks=True)  # the L05 page is a symlink and must stay one
    for page in (project / "docs").glob("*.md"):
        if page.name == "t02-latin1.md":
            continue  # not UTF-8 on purpose
        text = page.read_text(encoding="utf-8")
        page.write_bytes(("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8"))
    assert _findings(project) == _findings(BROKEN)


def test_universal_matches_how_mkdocs_reads():
    assert universal("\ufeff---\r\na: 1\r\n---\r\nx\ry") == "---\na: 1\n---\nx\ny"


def test_read_text_keeps_raw_text_for_rewriting(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"\xef\xbb\xbfa\r\nb")
    assert read_text(path) == ("a\nb", None)
    assert read_text(path, raw_text=True) == ("\ufeffa\r\nb", None)


def test_decode_problem_line_counts_crlf_once(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"a\r\nb\r\nc\xe0")
    _, problem = read_text(path)
    assert (problem.line, problem.column) == (3, 2)


@pytest.mark.parametrize(
    ("block", "line", "words"),
    [
        ("title: &t a\ndescription: *t\n", 2, "alias/anchor"),
        ("title: a\nx: " + "[" * 200 + "]" * 200 + "\n", 3, "lồng quá sâu"),
        ("title: a\nx:\n  " + "- " * 200 + "a\n", 4, "lồng quá sâu"),
        ("title: a\ndescription: b\ntitle: c\n", 4, "khóa 'title' lặp lại (đã có ở dòng 2)"),
        ("title: a\nx:\n  k: 1\n  j: 2\n  k: 3\n", 6, "khóa 'k' lặp lại (đã có ở dòng 4)"),
        ("title: a\nx: [{k: 1, k: 2}]\n", 3, "khóa 'k' lặp lại (đã có ở dòng 3)"),
    ],
)
def test_front_matter_refusals_are_f01_with_line(block, line, words):
    front = split_front_matter(f"---\n{block}---\n")
    assert front.error is not None and front.error[0] == line and words in front.error[2]
    assert front.data == {}


def test_impossible_reviewed_date_is_f02_not_a_traceback():
    front = split_front_matter("---\ntitle: a\nreviewed: 2025-02-30\n---\n")
    assert front.error is None and isinstance(front.data["reviewed"], safeyaml.InvalidDate)


def test_a_repeated_key_is_refused_where_it_repeats_and_a_merge_may_override():
    with pytest.raises(safeyaml.DuplicateKey) as error:
        safeyaml.load("a: 1\nb: 2\n'a': 3\n")
    assert error.value.problem_mark.line == 2 and "khóa 'a' lặp lại (đã có ở dòng 1)" == error.value.problem
    # A number and a string are different keys; a number and a boolean that Python holds equal are not.
    assert safeyaml.load("1: a\n'1': b\n") == {1: "a", "1": "b"}
    with pytest.raises(safeyaml.DuplicateKey, match="khóa 'true' lặp lại"):
        safeyaml.load("1: a\ntrue: c\n")
    # mkdocs.yml keeps aliases: overriding what `<<:` brought in is the point of a merge, not a repeat.
    assert safeyaml.load("x: &x {k: 1, j: 2}\ny:\n  <<: *x\n  k: 3\n", aliases=True)["y"] == {"k": 3, "j": 2}


def test_aliases_stay_allowed_where_asked():
    assert safeyaml.load("a: &x 1\nb: *x\n", aliases=True) == {"a": 1, "b": 1}
    with pytest.raises(safeyaml.Refused):
        safeyaml.load("a: &x 1\nb: *x\n")


def _registry(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "van-ban.yml"
    path.write_text(text, encoding="utf-8")
    return path


ENTRY = ("- id: {id}\n  symbol: {symbol}\n  kind: Chỉ thị\n  issuer: Ban Bí thư\n  date: {date}\n"
         "  title: Văn bản thử\n  status: {status}\n  basis: bao-chi\n  sources: [bai-1.txt]\n")


def test_unquoted_impossible_registry_date_names_entry_and_field(tmp_path):
    path = _registry(tmp_path, ENTRY.format(id="a-1", symbol="1-CT/TW", date="2025-02-30", status="hieu-luc"))
    with pytest.raises(ConfigError) as error:
        Registry.load(path)
    assert "mục 1 (id=a-1), trường 'date'" in str(error.value) and "'2025-02-30' không có thật" in str(error.value)


def test_registry_alias_is_refused_with_file_and_line(tmp_path):
    text = ENTRY.format(id="a-1", symbol="1-CT/TW", date="2025-01-02", status="hieu-luc")
    text = text.replace("title: Văn bản thử", "title: &t Văn bản thử") + "  note: *t\n"
    with pytest.raises(ConfigError) as error:
        Registry.load(_registry(tmp_path, text))
    assert f"{tmp_path / 'van-ban.yml'}:6:10: không được dùng alias/anchor" in str(error.value)


def test_registry_repeated_key_names_file_and_both_lines(tmp_path):
    text = ENTRY.format(id="a-1", symbol="1-CT/TW", date="2025-01-02", status="hieu-luc") + "  note: một\n"
    text += "  note: hai\n"
    with pytest.raises(ConfigError) as error:
        Registry.load(_registry(tmp_path, text))
    assert str(error.value) == f"{tmp_path / 'van-ban.yml'}:11:3: khóa 'note' lặp lại (đã có ở dòng 10)"


def test_superseded_by_itself_or_in_a_cycle_is_a_registry_error(tmp_path):
    own = ENTRY.format(id="a-1", symbol="1-CT/TW", date="2025-01-02", status="bi-thay-the") + "  superseded_by: a-1\n"
    with pytest.raises(ConfigError, match=r"mục 1 \(id=a-1\), trường 'superseded_by': văn bản không thể thay thế"):
        Registry.load(_registry(tmp_path, own))
    cycle = "".join(
        ENTRY.format(id=i, symbol=f"{n}-CT/TW", date="2025-01-02", status="bi-thay-the") + f"  superseded_by: {to}\n"
        for n, (i, to) in enumerate([("a-1", "b-2"), ("b-2", "c-3"), ("c-3", "a-1")], 1)
    )
    with pytest.raises(ConfigError) as error:
        Registry.load(_registry(tmp_path, cycle))
    assert str(error.value).count("vòng thay thế") == 1 and "a-1 → b-2 → c-3 → a-1" in str(error.value)


def test_a_chain_into_the_newest_document_is_fine(tmp_path):
    chain = (ENTRY.format(id="a-1", symbol="1-CT/TW", date="2025-01-02", status="bi-thay-the")
             + "  superseded_by: b-2\n" + ENTRY.format(id="b-2", symbol="2-CT/TW", date="2025-01-02",
                                                       status="hieu-luc"))
    assert len(Registry.load(_registry(tmp_path, chain)).documents) == 2


def test_report_names_the_pages_the_build_must_refuse():
    from sotay.checks import Checker
    from sotay.project import Project

    blocking = Checker.for_project(Project.load(BROKEN)).run().blocking()
    assert {(f.file, f.code) for f in blocking} == {
        ("docs/f01-alias.md", "F01"), ("docs/f01-khoa-lap.md", "F01"), ("docs/f01-yaml.md", "F01"),
        ("docs/t03-long-sau.md", "T03")}


def test_the_real_project_repeats_no_key():
    from sotay.project import load_yaml
    from tests.conftest import ROOT

    for path in sorted((ROOT / "data").rglob("*.yml")):
        load_yaml(path, aliases=False)  # ConfigError on a repeated key
    for page in sorted((ROOT / "docs").rglob("*.md")):
        front = split_front_matter(read_text(page)[0])
        assert front.error is None, (page, front.error)
