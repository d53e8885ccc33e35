"""Reproducible builds: with SOURCE_DATE_EPOCH set, two builds of the site and two bundles are
byte-identical (issue 13). The units run in a second; the slow half builds the site twice and a second
bundle (the first is the session's, tests/bundle_support.py), about a minute more.

The second builds differ in what must not matter: output folder, wall clock, time zone, hash seed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from sotay.bundle import Edition, zip_date_time
from sotay.bundle.docx import build_docx
from sotay.bundle.zim import write_zim
from sotay.errors import ConfigError
from sotay.templates import load_templates

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from bundle_support import DATE, EPOCH, VERSION, build_dist  # noqa: E402

OTHER_ZONE = {"TZ": "Asia/Ho_Chi_Minh", "PYTHONHASHSEED": "12345"}


def hashes(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under `folder`, by relative path."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def differences(first: Path, second: Path) -> list[str]:
    """Files missing on one side or with other bytes; for zip-like files also the entries that differ."""
    a, b = hashes(first), hashes(second)
    out = sorted(set(a) ^ set(b))
    for name in sorted(set(a) & set(b)):
        if a[name] == b[name]:
            continue
        detail = ""
        if name.endswith((".zip", ".docx")):
            with zipfile.ZipFile(first / name) as x, zipfile.ZipFile(second / name) as y:
                entries = [i.filename for i, j in zip(x.infolist(), y.infolist(), strict=False)
                           if (i.filename, i.date_time, i.external_attr, i.CRC) != (j.filename, j.date_time,
                                                                                    j.external_attr, j.CRC)]
            detail = f" (entries: {entries[:5]})"
        out.append(name + detail)
    return out


# ---------------------------------------------------------------------------------------- units
def test_timestamp_is_the_epoch_when_set_else_midnight_of_the_edition_date(monkeypatch):
    edition = Edition("1.0", dt.date(2026, 3, 4))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert edition.timestamp == dt.datetime(2026, 3, 4, tzinfo=dt.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    assert edition.timestamp == dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC)
    assert zip_date_time(edition.timestamp) == (2026, 11, 23, 8, 0, 0)
    assert zip_date_time(dt.datetime(1970, 1, 1, tzinfo=dt.UTC)) == (1980, 1, 1, 0, 0, 0)


def test_edition_date_comes_from_sotay_date_then_the_epoch_then_today(monkeypatch):
    monkeypatch.delenv("SOTAY_DATE", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert Edition.from_env().date == dt.date.today()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    assert Edition.from_env().date == dt.date(2026, 11, 23)
    monkeypatch.setenv("SOTAY_DATE", "2025-01-02")
    assert Edition.from_env().date == dt.date(2025, 1, 2)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "hôm qua")
    with pytest.raises(ConfigError, match="SOURCE_DATE_EPOCH"):
        Edition.from_env()


def test_docx_bytes_do_not_follow_the_clock(monkeypatch):
    """python-docx dates each zip entry by time.time(); the saved file must not."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    template = load_templates(ROOT / "data" / "mau-bieu")["bien-ban"]
    edition = Edition(VERSION, dt.date.fromisoformat(DATE))
    builds = []
    for clock in (1_700_000_000.0, 1_800_000_123.0):
        monkeypatch.setattr(time, "time", lambda clock=clock: clock)
        builds.append(build_docx(template, edition))
    assert builds[0] == builds[1]
    with zipfile.ZipFile(io.BytesIO(builds[0])) as archive:
        infos = archive.infolist()
        core = archive.read("docProps/core.xml").decode()
    assert {(i.date_time, i.external_attr >> 16) for i in infos} == {((2026, 11, 23, 8, 0, 0), 0o644)}
    assert infos[0].filename == "[Content_Types].xml"  # Office wants it first
    assert "2026-11-23T08:00:00Z" in core


def _tiny_site(folder: Path, body: str) -> Path:
    folder.mkdir(parents=True)
    pages = (("index.html", "Trang chủ"), ("bien-ban.html", "Biên bản"), ("a/nghi-quyet.html", "Nghị quyết"))
    for name, title in pages:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
                                   f"<p>{body} {title} của chi bộ, ghi chép cuộc họp.</p></body></html>",
                                   encoding="utf-8")
    return folder


def test_zim_uuids_come_from_the_content(tmp_path):
    from libzim.reader import Archive
    from libzim.search import Query, Searcher

    edition = Edition(VERSION, dt.date.fromisoformat(DATE))
    site = _tiny_site(tmp_path / "site", "Mẫu")
    first, second = tmp_path / "1.zim", tmp_path / "2.zim"
    write_zim(site, first, edition, "Thử")
    write_zim(site, second, edition, "Thử")
    assert first.read_bytes() == second.read_bytes()
    archive = Archive(str(first))
    assert archive.check(), "checksum recomputed after the UUIDs were replaced"
    assert "bien-ban.html" in list(Searcher(archive).search(Query().set_query("biên bản")).getResults(0, 5))
    assert archive.get_metadata("Date").decode() == DATE
    changed = tmp_path / "3.zim"
    write_zim(_tiny_site(tmp_path / "other", "Bản mẫu"), changed, edition, "Thử")
    assert Archive(str(changed)).uuid != archive.uuid, "another content, another UUID"


# ---------------------------------------------------------------------------------------- builds
def _mkdocs(target: Path, extra: dict[str, str]) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(EPOCH), **extra}
    env.pop("OFFLINE", None)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(target)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-4000:]
    return target


@pytest.mark.slow
def test_two_site_builds_are_byte_identical(tmp_path):
    first = _mkdocs(tmp_path / "a", {})
    second = _mkdocs(tmp_path / "b", OTHER_ZONE)
    names = hashes(first)
    assert {"sitemap.xml.gz", "search/search_index.json", "mau-bieu/mau-bien-ban.docx"} <= set(names)
    assert differences(first, second) == []


@pytest.mark.slow
def test_two_bundles_are_byte_identical(tmp_path_factory):
    first = build_dist(tmp_path_factory)
    second = build_dist(tmp_path_factory, "again", env=OTHER_ZONE)
    assert len(hashes(first)) >= 8
    assert differences(first, second) == []


def test_unreadable_epoch_or_date_is_a_message_not_a_traceback(sotay_cli, tmp_path):
    for variable, value in (("SOURCE_DATE_EPOCH", "hôm qua"), ("SOTAY_DATE", "2026-13-01")):
        result = sotay_cli("bundle", "--out", str(tmp_path / "dist"), env={variable: value})
        assert result.returncode == 2, result.stderr
        assert variable in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "dist").exists(), "nothing built"
