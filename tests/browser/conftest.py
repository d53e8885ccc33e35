"""Browser test fixtures: the real site built once per session, served over http or opened from
file://, and Debian's Chromium driven by Playwright (no browser download)."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--allow-file-access-from-files",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output readable
        pass


def serve(directory: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve a folder on 127.0.0.1 at a free port; returns (base URL, server)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.fixture(scope="session")
def site_url(site_dir) -> Iterator[str]:
    url, server = serve(site_dir)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/install-deps.sh --browser")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class RequestLog:
    """Every URL a page requested, to prove nothing leaves the site."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def outside(self, *allowed_prefixes: str) -> list[str]:
        return [u for u in self.urls if not u.startswith(allowed_prefixes) and not u.startswith(("data:", "blob:"))]


@pytest.fixture
def page_with_log(browser):
    """A fresh browser context (own localStorage) and page, with its requests recorded."""
    context = browser.new_context()
    page = context.new_page()
    log = RequestLog()
    context.on("request", lambda request: log.urls.append(request.url))
    yield page, log
    context.close()


@pytest.fixture
def unzipped_copy(tmp_path):
    """Copy a built site to a fresh folder, as a user copies it from a USB stick."""

    def copy(source: Path) -> Path:
        target = tmp_path / "usb"
        shutil.copytree(source, target)
        return target

    return copy
