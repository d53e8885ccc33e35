"""The bundle refuses to print QR codes and the PDF cover link for the placeholder domain, unless the
build says it is a local test build (SOTAY_LOCAL_BUILD=1 or --local-build)."""

from __future__ import annotations

import pytest

from sotay.bundle import LOCAL_BUILD_ENV, PLACEHOLDER_HOST, public_address_problem

MIKE = {"version": {"provider": "mike", "default": "latest"}}


@pytest.fixture(autouse=True)
def _no_flags(monkeypatch):
    monkeypatch.delenv(LOCAL_BUILD_ENV, raising=False)
    monkeypatch.delenv("SOTAY_ONLINE_URL", raising=False)


@pytest.mark.parametrize("site_url", [f"https://{PLACEHOLDER_HOST}/", f"http://{PLACEHOLDER_HOST}", ""])
def test_placeholder_or_empty_address_is_refused_with_the_setting_to_change(site_url):
    problem = public_address_problem({"site_url": site_url, "extra": MIKE})
    assert problem is not None
    assert "site_url" in problem and "mkdocs.yml" in problem and "SITE_URL" in problem
    assert f"{LOCAL_BUILD_ENV}=1" in problem and "--local-build" in problem


def test_real_address_passes():
    assert public_address_problem({"site_url": "https://sotay.chibo.vn/", "extra": MIKE}) is None


def test_online_override_counts(monkeypatch):
    monkeypatch.setenv("SOTAY_ONLINE_URL", "https://sotay.chibo.vn/latest/")
    assert public_address_problem({"site_url": f"https://{PLACEHOLDER_HOST}/", "extra": MIKE}) is None
    monkeypatch.setenv("SOTAY_ONLINE_URL", f"https://{PLACEHOLDER_HOST}/latest/")
    assert public_address_problem({"site_url": "https://sotay.chibo.vn/", "extra": MIKE}) is not None


def test_local_build_flag_and_env(monkeypatch):
    config = {"site_url": f"https://{PLACEHOLDER_HOST}/", "extra": MIKE}
    assert public_address_problem(config, local_build=True) is None
    monkeypatch.setenv(LOCAL_BUILD_ENV, "1")
    assert public_address_problem(config) is None
    monkeypatch.setenv(LOCAL_BUILD_ENV, "0")
    assert public_address_problem(config) is not None


def test_bundle_cli_refuses_before_building(sotay_cli, tmp_path):
    out = tmp_path / "dist"
    result = sotay_cli("bundle", "--version", "2099.1", "--out", str(out),
                       env={LOCAL_BUILD_ENV: "", "SOTAY_ONLINE_URL": "", "SITE_URL": f"https://{PLACEHOLDER_HOST}/"})
    assert result.returncode == 1, result.stderr
    assert "từ chối" in result.stderr and "site_url" in result.stderr and "Traceback" not in result.stderr
    assert f"https://{PLACEHOLDER_HOST}/latest/" in result.stderr  # mike's edition address, read from mkdocs.yml
    assert not out.exists() or not any(out.iterdir())
