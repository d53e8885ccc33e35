"""The Kiwix file (.zim, PyPI libzim): the offline site with a full-text index, read in Kiwix apps.

Every file of the pruned offline site becomes an entry at the same path (its relative links keep
working); HTML pages are front articles, so they are titled, counted and indexed (language "vie").
Metadata: title, description, language, creator, date, and a 48×48 illustration drawn here.

Reproducible: libzim 3.13 (libzim 9) has no option for it, so three things are fixed here. One worker
thread (`config_nbworkers(1)`): with several, pages reach the full-text index in thread order, and the
index's bytes change from run to run. After writing, the random UUIDs (the ZIM header's, and the one
Xapian puts in each of its two databases, title and full text) are replaced by UUIDs derived from the
file's content, and the MD5 checksum at the end of the file is recomputed (`stamp_identity`).
Everything else libzim writes (Date metadata = edition date, Counter, cluster order) is already stable.

Search, both kinds:
- the header search: Kiwix serves the file over http(s), so Material asks for
  search/search_index.json, which the pruned offline site has only inlined in search_index.js; the
  JSON goes back in as its own entry (same bytes), and the header search works as on the web;
- Kiwix's full-text search (Xapian): its Vietnamese analysis strips tone marks but keeps "đ", so
  "dang vien" never met "đảng viên". Each page gives the indexer its own text (sotay.search.zim_text:
  the article's text, without the menus repeated on every page, followed by the same words folded),
  so a query typed with or without diacritics finds the same pages.
"""

from __future__ import annotations

import contextlib
import hashlib
import mimetypes
import os
import re
import struct
import sys
import uuid
import zlib
from pathlib import Path

from libzim.writer import Creator, Hint, IndexData, Item, StringProvider

from sotay.bundle import SLUG, TITLE, Edition
from sotay.search import SEARCH_INDEX_JS_PREFIX, zim_text

_TITLE = re.compile(rb"<title>(.*?)</title>", re.S | re.I)
_MIME = {
    ".html": "text/html", ".js": "application/javascript", ".css": "text/css", ".svg": "image/svg+xml",
    ".json": "application/json", ".ttf": "font/ttf", ".woff2": "font/woff2", ".png": "image/png",
    ".pdf": "application/pdf", ".txt": "text/plain",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
_SITE_SUFFIX = re.compile(r"\s+-\s+" + re.escape(TITLE) + r"$")
WORKERS = 1  # see the module docstring: more threads, a different index each run
_HEADER_UUID = 8  # ZIM header: magic (4 bytes), major and minor version (2 + 2), then the UUID (16)
_HEADER_CHECKSUM_POS = 72  # ...and at byte 72 the offset of the MD5 checksum of everything before it
_GLASS_MAGIC = b"\x0f\rXapian Glass"  # a Xapian glass database starts magic, 2-byte format, UUID (16)


class _Entry(Item):
    def __init__(self, path: str, title: str, mimetype: str, content: bytes, front: bool) -> None:
        super().__init__()
        self._path, self._title, self._mimetype, self._content, self._front = path, title, mimetype, content, front

    def get_path(self) -> str:
        return self._path

    def get_title(self) -> str:
        return self._title

    def get_mimetype(self) -> str:
        return self._mimetype

    def get_contentprovider(self) -> StringProvider:
        return StringProvider(self._content)

    def get_hints(self) -> dict:
        return {Hint.FRONT_ARTICLE: self._front, Hint.COMPRESS: not self._mimetype.startswith(("image/png",))}

    def get_indexdata(self) -> IndexData | None:
        """A page's text for the full-text index, with its words folded too (see the module docstring)."""
        if not self._front:
            return None
        title, text = zim_text(self._title, self._content.decode("utf-8", "replace"))
        return _IndexText(title, text)


class _IndexText(IndexData):
    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self._title, self._text = title, text

    def has_indexdata(self) -> bool:
        return True

    def get_title(self) -> str:
        return self._title

    def get_content(self) -> str:
        return self._text

    def get_keywords(self) -> str:
        return ""

    def get_wordcount(self) -> int:
        return len(self._text.split())

    def get_geoposition(self) -> tuple[float, float] | None:
        return None


def _search_index_entry(site: Path, names: set[str]) -> tuple[str, Path | bytes] | None:
    """search/search_index.json for the header search, taken back out of search_index.js if pruned."""
    name = "search/search_index.json"
    script = site / "search" / "search_index.js"
    if name in names or not script.is_file():
        return None
    data = script.read_bytes()
    prefix = SEARCH_INDEX_JS_PREFIX.encode()
    if not data.startswith(prefix):
        return None
    return name, data[len(prefix):]


def html_title(data: bytes) -> str:
    import html

    match = _TITLE.search(data)
    if not match:
        return ""
    title = html.unescape(match.group(1).decode("utf-8", "replace")).strip()
    return _SITE_SUFFIX.sub("", title)


def illustration_png(size: int = 48) -> bytes:
    """A red square with an open white book and a yellow star: the handbook's icon for Kiwix."""
    red, white, yellow, dark = (183, 28, 28), (255, 255, 255), (255, 202, 40), (120, 16, 16)
    rows = []
    for y in range(size):
        row = bytearray([0])  # filter: none
        for x in range(size):
            color = red
            cx, cy = x - 24, y - 12
            # star: a small diamond-ish shape near the top
            if abs(cx) + abs(cy) * 1.6 <= 6 or (abs(cy - 1) <= 1 and abs(cx) <= 8):
                color = yellow
            # book: two pages from y=22 to y=40 with a spine at x=24
            if 22 <= y <= 40 and 7 <= x <= 41:
                color = dark if x in (23, 24) else white
                if y >= 39:
                    color = dark
            row += bytes(color)
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def mimetype(path: Path) -> str:
    return _MIME.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


@contextlib.contextmanager
def _quiet_stdout():
    """libzim's C++ side prints progress lines straight to fd 1; keep `make bundle` output to our table."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 1)
            yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def stamp_identity(target: Path, name: str) -> uuid.UUID:
    """Replace libzim's and Xapian's random UUIDs in the .zim at `target` by ones derived from its content
    and `name`, fix its checksum; returns the ZIM's UUID (Kiwix tells files apart by it, so a changed
    page gives a new UUID and an unchanged rebuild the same one)."""
    data = bytearray(target.read_bytes())
    (checksum_at,) = struct.unpack_from("<Q", data, _HEADER_CHECKSUM_POS)
    spots = [_HEADER_UUID] + [m.start() + len(_GLASS_MAGIC) + 2 for m in re.finditer(re.escape(_GLASS_MAGIC), data)]
    for spot in spots:
        data[spot : spot + 16] = bytes(16)
    digest = hashlib.sha256(data[:checksum_at]).hexdigest()
    zim_uuid = uuid.uuid5(uuid.NAMESPACE_URL, f"urn:{SLUG}:{name}:{digest}")
    for index, spot in enumerate(spots):
        data[spot : spot + 16] = (zim_uuid if index == 0 else uuid.uuid5(zim_uuid, f"xapian-{index}")).bytes
    data[checksum_at : checksum_at + 16] = hashlib.md5(data[:checksum_at], usedforsecurity=False).digest()
    target.write_bytes(data)
    return zim_uuid


def write_zim(site: Path, target: Path, edition: Edition, description: str, extra: tuple[Path, ...] = ()) -> Path:
    """Write the site at `site` (plus `extra` files at the root) as a .zim at `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        target.unlink()
    files: list[tuple[str, Path | bytes]] = [
        (p.relative_to(site).as_posix(), p) for p in sorted(site.rglob("*")) if p.is_file()]
    files += [(p.name, p) for p in extra]
    index = _search_index_entry(site, {name for name, _ in files})
    if index:
        files.append(index)
    creator = Creator(str(target)).config_verbose(False).config_nbworkers(WORKERS).config_indexing(True, "vie")
    with _quiet_stdout(), creator:
        creator.set_mainpath("index.html")
        creator.add_illustration(48, illustration_png())
        for name, value in (
            ("Name", f"{SLUG}_vi_all"),
            ("Title", TITLE),
            ("Description", description[:80]),
            ("LongDescription", description[:4000]),
            ("Language", "vie"),
            ("Creator", "Nhóm biên soạn " + TITLE),
            ("Publisher", "Nhóm biên soạn " + TITLE),
            ("Date", edition.date.isoformat()),
            ("Tags", "_category:other;_pictures:no;_videos:no;_details:yes;_ftindex:yes"),
            ("Flavour", edition.version),
        ):
            creator.add_metadata(name, value)
        for name, path in files:
            data = path if isinstance(path, bytes) else path.read_bytes()
            kind = mimetype(Path(name))
            is_page = kind == "text/html"
            title = html_title(data) if is_page else name
            creator.add_item(_Entry(name, title or name, kind, data, is_page))
    stamp_identity(target, f"{SLUG}-{edition.version}")
    return target
