#!/usr/bin/env python3
"""Benchmark (prints figures; not a test): our Vietnamese search vs Material's stock search.

Usage: scripts/bench_search.py [--pages 1000] [--runs 3] [--rate 4]

Builds the synthetic handbook (tests.synthetic) twice, with our search and with stock Material
search (`search: lang: vi`, no sotay_search hook, no lunr.vi override), and prints for each:
- the size of search/search_index.json (raw and gzip);
- time from page load to the first result, with `?q=` in the URL (Material's own worker);
- index build time and per-query latency under CPU throttling (CDP Emulation.setCPUThrottlingRate).
  Chrome's throttling is sure to slow the page's own thread, so the engine (Material's worker
  script, unchanged) runs there through iframe-worker, as it does in the offline build;
- hit rate on the query table (tests/search_queries.py) against the real handbook, built both ways.
Targets (issue 4): index ≤ 2 MB, query ≤ 50 ms throttled, hit rate ≥ 95 %.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.search_queries import QUERIES, hit, page_key  # noqa: E402
from tests.synthetic import make_project  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SEARCH_HOOK = "  - overrides/hooks/sotay_search.py"
SHIM = ROOT / "overrides" / "assets" / "javascripts" / "iframe-worker" / "shim.js"
FIRST_QUERY = "sinh hoat chi bo"

_FIRST_RESULT = """new MutationObserver((_, observer) => {
  if (document.querySelector('.md-search-result__item')) {
    window.__firstResult = performance.now(); observer.disconnect()
  }
}).observe(document, {childList: true, subtree: true})"""

_SETUP = """async () => {
  const config = JSON.parse(document.querySelector('#__config').textContent)
  const worker = new URL(config.search, location.href).href
  const index = await (await fetch(new URL('search/search_index.json', new URL(config.base, location.href)))).json()
  const w = new IFrameWorker(worker)
  window.__bench = w
  const ready = new Promise(resolve => w.addEventListener('message', function f(ev) {
    if (ev.data.type === 1) { w.removeEventListener('message', f); resolve() }
  }))
  const start = performance.now()
  w.postMessage({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}})
  await ready
  return performance.now() - start
}"""

_QUERY = """q => new Promise(resolve => {
  const w = window.__bench
  const start = performance.now()
  w.addEventListener('message', function f(ev) {
    if (ev.data.type !== 3) return
    w.removeEventListener('message', f)
    resolve({ms: performance.now() - start, keys: ev.data.data.items.map(g => g[0].location.split('#')[0])})
  })
  w.postMessage({type: 2, data: q})
})"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(directory: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def make_stock(project: Path) -> None:
    """Turn a project copy into stock Material search: no search hook, no lunr.vi override."""
    config = project / "mkdocs.yml"
    lines = [line for line in config.read_text(encoding="utf-8").splitlines(keepends=True)
             if not line.startswith(SEARCH_HOOK)]
    config.write_text("".join(lines), encoding="utf-8")
    shutil.rmtree(project / "overrides" / "assets" / "javascripts" / "lunr", ignore_errors=True)


def copy_real(target: Path) -> Path:
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(
        "site", "dist", ".git", "tests", "__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis", "*.egg-info"))
    return target


def build(project: Path) -> Path:
    site = project / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("OFFLINE", None)
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
                   check=True, env=env, capture_output=True, cwd=project)
    return site


def _new_page(browser, rate: float):
    context = browser.new_context()
    page = context.new_page()
    if rate > 1:
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": rate})
    return context, page


def first_result_ms(browser, base: str, rate: float, runs: int) -> float:
    """Median ms from navigation start to the first result rendered, query given in the URL."""
    times = []
    for _ in range(runs):
        context, page = _new_page(browser, rate)
        page.add_init_script(_FIRST_RESULT)
        page.goto(f"{base}?q={FIRST_QUERY.replace(' ', '+')}")
        page.wait_for_function("window.__firstResult", timeout=180_000, polling=50)
        times.append(page.evaluate("window.__firstResult"))
        context.close()
    return statistics.median(times)


def engine(browser, base: str, rate: float):
    """A page running Material's search worker on its own (throttled) thread via iframe-worker."""
    context, page = _new_page(browser, rate)
    page.goto(base)
    page.add_script_tag(path=str(SHIM))
    build_ms = page.evaluate(_SETUP)
    return context, page, build_ms


def latencies(page, runs: int) -> list[float]:
    per_query = []
    for query in QUERIES:
        page.evaluate(_QUERY, query.text)  # warm-up
        per_query.append(statistics.median(page.evaluate(_QUERY, query.text)["ms"] for _ in range(runs)))
    return per_query


def hit_rate(browser, base: str) -> tuple[int, list[str]]:
    context, page, _ = engine(browser, base, 1)
    hits, misses = 0, []
    for query in QUERIES:
        keys = [page_key("/" + key) .lstrip("/") for key in page.evaluate(_QUERY, query.text)["keys"]]
        if hit(query, keys):
            hits += 1
        else:
            misses.append(query.text)
    context.close()
    return hits, misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rate", type=float, default=4)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        tmp_path = Path(tmp)
        sites: dict[str, dict[str, Path]] = {"ours": {}, "stock": {}}
        print(f"Dựng {args.pages} trang tổng hợp và sổ tay thật, hai cách (ours, stock)...", flush=True)
        for name in ("ours", "stock"):
            synthetic = make_project(tmp_path / f"synthetic-{name}", ROOT, args.pages)
            real = copy_real(tmp_path / f"real-{name}")
            if name == "stock":
                make_stock(synthetic)
                make_stock(real)
            sites[name] = {"synthetic": build(synthetic), "real": build(real)}

        rows = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            for name in ("ours", "stock"):
                index = sites[name]["synthetic"] / "search" / "search_index.json"
                raw = index.read_bytes()
                root, server = serve(sites[name]["synthetic"])
                base = root + "p/trang-00000/"  # the synthetic handbook has no home page
                load_1 = first_result_ms(browser, base, 1, args.runs)
                load_n = first_result_ms(browser, base, args.rate, args.runs)
                context, page, build_ms = engine(browser, base, args.rate)
                per_query = latencies(page, args.runs)
                context.close()
                server.shutdown()
                real_base, real_server = serve(sites[name]["real"])
                hits, misses = hit_rate(browser, real_base)
                real_server.shutdown()
                packed = len(gzip.compress(raw))
                rows.append((name, len(raw), packed, load_1, load_n, build_ms, per_query, hits, misses))
            browser.close()

    print(f"\nTìm kiếm trên {args.pages} trang tổng hợp; CPU chậm {args.rate:g}× (CDP); trung vị của {args.runs} lần.")
    header = ("engine", "index MB", "gzip MB", "load→1st ms", f"load→1st {args.rate:g}× ms",
              f"build {args.rate:g}× ms", f"query p50 {args.rate:g}×", "p95", "max", "hit rate")
    print(" | ".join(header))
    for name, size, packed, load_1, load_n, build_ms, per_query, hits, _ in rows:
        ordered = sorted(per_query)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        print(" | ".join([
            name, f"{size / 1e6:.2f}", f"{packed / 1e6:.2f}", f"{load_1:.0f}", f"{load_n:.0f}", f"{build_ms:.0f}",
            f"{statistics.median(per_query):.1f}", f"{p95:.1f}", f"{max(per_query):.1f}",
            f"{hits}/{len(QUERIES)} ({100 * hits / len(QUERIES):.0f}%)",
        ]))
    for name, *_, misses in rows:
        if misses:
            print(f"{name}: trượt {len(misses)}: " + "; ".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
