"""The offline site: `OFFLINE=true mkdocs build`, pruned of what file:// never uses, zipped.

Pruned: source maps (and their sourceMappingURL comments), the lunr languages the search config does
not name, sitemaps, 404.html, and search_index.json when the offline plugin has inlined it into
search_index.js (from file:// Material loads only the .js). A "Hướng dẫn sử dụng" text file and the
PDF handbook go at the zip root beside index.html.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterable
from pathlib import Path

from sotay.bundle import TITLE, Edition, pdf_name, zip_date_time
from sotay.errors import ConfigError

GUIDE_NAME = "HUONG-DAN-SU-DUNG.txt"
_SOURCE_MAP = re.compile(rb"\n?(?://[#@] sourceMappingURL=[^\n]*|/\*[#@] sourceMappingURL=[^\n]*?\*/)[ \t]*")
_STOCK_LUNR = re.compile(r"^lunr\.([a-z]{2})\.min\.js$")


class BuildError(ConfigError):
    """The offline build failed; the message carries MkDocs' own output."""


def build_site(root: Path, target: Path, edition: Edition) -> Path:
    """`OFFLINE=true mkdocs build --strict` of the project at `root` into `target`.

    No -q: in MkDocs 1.6.1 `--quiet` silences the warnings `--strict` counts.
    """
    env = {**os.environ, "OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1", **edition.env()}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"),
         "-d", str(target)],
        cwd=root, env=env, capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise BuildError(f"OFFLINE=true mkdocs build --strict thất bại:\n{result.stderr[-6000:]}")
    return target


def search_languages(site: Path) -> list[str]:
    index = site / "search" / "search_index.json"
    if not index.is_file():
        return []
    config = json.loads(index.read_text(encoding="utf-8")).get("config", {})
    return list(config.get("lang") or ["en"])


def prune(site: Path) -> list[Path]:
    """Delete what the offline site never loads; returns the deleted paths."""
    removed: list[Path] = []

    def drop(path: Path) -> None:
        if path.is_file():
            path.unlink()
            removed.append(path)

    for path in sorted(site.rglob("*.map")):
        drop(path)
    for path in sorted([*site.rglob("*.js"), *site.rglob("*.css")]):
        data = path.read_bytes()
        stripped = _SOURCE_MAP.sub(b"", data)
        if stripped != data:
            path.write_bytes(stripped)
    langs = set(search_languages(site))
    lunr = site / "assets" / "javascripts" / "lunr"
    for path in sorted((lunr / "min").glob("lunr.*.min.js")):
        match = _STOCK_LUNR.match(path.name)
        if match and match.group(1) not in langs:
            drop(path)
    if len(langs) < 2:
        drop(lunr / "min" / "lunr.multi.min.js")
    if "ja" not in langs:
        drop(lunr / "tinyseg.js")
    if not langs & {"th", "hi"}:
        drop(lunr / "wordcut.js")
    for name in ("sitemap.xml", "sitemap.xml.gz", "404.html"):
        drop(site / name)
    if (site / "search" / "search_index.js").is_file():
        drop(site / "search" / "search_index.json")
    return removed


def guide_text(edition: Edition) -> str:
    """The short "Hướng dẫn sử dụng" at the zip root (CRLF and a BOM, so Windows Notepad shows it right)."""
    lines = [
        f"{TITLE.upper()}: HƯỚNG DẪN SỬ DỤNG BẢN NGOẠI TUYẾN",
        edition.label,
        "",
        "1. Giải nén toàn bộ tệp .zip vào một thư mục (trên máy tính hoặc USB). Đừng mở trực tiếp",
        "   trong cửa sổ xem tệp nén: các trang sẽ không liên kết được với nhau.",
        "2. Bấm đúp vào tệp index.html. Sổ tay mở trong trình duyệt (Chrome, Edge, Firefox, Cốc Cốc)",
        "   và dùng được khi không có mạng: mục lục, tìm kiếm, danh sách kiểm tra, chú giải chữ viết tắt.",
        "3. Danh sách kiểm tra: ô đã đánh dấu được nhớ trên máy này, trong trình duyệt này.",
        "   Nút \"In danh sách\" in ra một tờ A4 có ô trống, số ấn bản và mã QR dẫn về bản trực tuyến.",
        "4. Mẫu Word (chương trình, biên bản, nghị quyết, đề dẫn): thư mục mau-bieu, tệp mau-*.docx;",
        "   cũng tải được từ trang \"Tải về\" và từng trang mẫu biểu.",
        f"5. Sổ tay in (PDF, khổ A4): tệp {pdf_name(edition.version)} ở cùng thư mục với index.html.",
        "",
        "Khi văn bản hướng dẫn thay đổi, hãy lấy ấn bản mới. Phông chữ Noto Sans đi kèm theo giấy phép",
        "SIL Open Font License 1.1 (assets/fonts/OFL.txt).",
    ]
    return "\ufeff" + "\r\n".join(lines) + "\r\n"


def _entries(site: Path) -> Iterable[tuple[str, Path]]:
    """The site's files by their zip names, in plain string order (the same on every system)."""
    files = [(path.relative_to(site).as_posix(), path) for path in site.rglob("*") if path.is_file()]
    return sorted(files)


def write_zip(site: Path, target: Path, edition: Edition, extra: Iterable[Path] = ()) -> Path:
    """Zip the site with the guide (and `extra` files, e.g. the PDF) at the root.

    Reproducible: entries in a fixed order (guide, extras, then the site's paths sorted), each dated
    `edition.timestamp`, mode 0644, made on "Unix" whatever builds it.
    """
    stamp = zip_date_time(edition.timestamp)
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:

        def add(name: str, data: bytes) -> None:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, data)

        add(GUIDE_NAME, guide_text(edition).encode("utf-8"))
        for path in extra:
            add(path.name, path.read_bytes())
        for name, path in _entries(site):
            add(name, path.read_bytes())
    return target
