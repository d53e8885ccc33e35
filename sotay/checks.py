"""The cross-reference checker behind `python -m sotay check` and the build hook.

It reads the same registry, glossary and pages as the build (one DataContext, one directive table,
one HTML scanner) and reports every problem as a Finding with a stable code and file:line:column.
Pages generated from data (the registry's reference pages) go through the same rules as pages
written by hand. Configuration problems (unreadable mkdocs.yml, invalid registry or glossary)
raise ConfigError instead: nothing can be checked.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote

from sotay import directives, generated, markdown, sources, unsafe
from sotay.citations import Span, iter_spans
from sotay.context import DataContext
from sotay.dates import vi_date
from sotay.project import Project
from sotay.rules import Finding
from sotay.source import DecodeProblem, FrontMatter, LineIndex, line_col, mask, read_text, split_front_matter

REQUIRED_FIELDS = ("title", "description", "sources", "reviewed")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:|^//")
_ABBR = re.compile(r"(?=[A-ZĐ])(?<![\w\-/.#&])([A-ZĐ][A-ZĐ0-9]{1,9})(?![\w\-/])")
_ROMAN = re.compile(r"^[IVXLC]+$")
_REMOTE = re.compile(
    r"<(?:link|script|img|source|video|audio|embed|object|iframe|track)\b[^>]*?\b(?:src|href|data|srcset)"
    r"\s*=\s*[\"']?\s*(?:https?:)?//|url\(\s*[\"']?\s*(?:https?:)?//|@import\s+[\"']?(?:url\()?\s*[\"']?(?:https?:)?//",
    re.I,
)
_HTML_IN_TEXT = re.compile(r"[<>]")
_HISTORICAL = re.compile(r"thay thế|thay cho|trước đây|đã hết hiệu lực|không còn hiệu lực|\bcũ\b", re.I)
_HEADING_OR_ATTR = re.compile(r"\{[^}\n]*\}|<[^>\n]*>")
_LINK_TARGET = re.compile(r"\]\([^)\n]*\)")


def _spaces(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


@dataclass
class Page:
    """A Markdown page as read from docs/ (or generated in memory).

    Citations and line offsets are computed once per page and shared by every rule.
    """

    rel: str  # path inside docs/, POSIX
    path: Path | None
    text: str
    front: FrontMatter
    masked: str
    decode: DecodeProblem | None = None
    origin: str | None = None  # data file a generated page was made from

    @classmethod
    def read(cls, docs_dir: Path, path: Path) -> Page:
        text, decode = read_text(path)
        return cls.from_text(path.relative_to(docs_dir).as_posix(), text, path, decode)

    @classmethod
    def from_text(cls, rel: str, text: str, path: Path | None = None,
                  decode: DecodeProblem | None = None, origin: str | None = None) -> Page:
        front = split_front_matter(text)
        return cls(rel, path, text, front, mask(text, front.end_line), decode, origin)

    @cached_property
    def spans(self) -> list[Span]:
        """Citations in the prose (NFC-normalised only if the page itself is not NFC)."""
        masked = self.masked
        if not unicodedata.is_normalized("NFC", masked):
            masked = "\n".join(unicodedata.normalize("NFC", line) for line in masked.split("\n"))
        return list(iter_spans(masked))

    @cached_property
    def index(self) -> LineIndex:
        return LineIndex(self.masked)


@dataclass
class Report:
    """Everything a check found, plus what it read (reused by the hook for backlinks)."""

    findings: list[Finding] = field(default_factory=list)
    pages: dict[str, Page] = field(default_factory=dict)
    cited_by: dict[str, set[str]] = field(default_factory=dict)  # document id → page rels

    def titles(self) -> dict[str, str]:
        """Page titles from front matter (falling back to the path), for lists of pages."""
        return {
            rel: str(page.front.data.get("title") or rel) for rel, page in self.pages.items()
        }

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == "warning" for f in self.findings)


class Checker:
    """Runs every rule over a project's pages."""

    def __init__(self, ctx: DataContext) -> None:
        self.ctx = ctx
        self.project = ctx.project
        self.registry = ctx.registry
        self.glossary = ctx.glossary
        self.templates = ctx.templates

    @classmethod
    def for_project(cls, project: Project) -> Checker:
        return cls(DataContext.load(project))

    def run(self) -> Report:
        report = Report()
        docs = self.project.docs_dir
        for path, reason in self.project.symlink_problems():
            report.findings.append(Finding(self.project.rel(path), 1, 1, "L05",
                                           f"liên kết tượng trưng {reason}; bản dựng không chép tệp ngoài docs/"))
        for path in self.project.markdown_files():
            page = Page.read(docs, path)
            report.pages[page.rel] = page
        virtual = {
            rel: Page.from_text(rel, gen.text, origin=gen.origin)
            for rel, gen in generated.pages(self.ctx, titles=report.titles()).items()
        }
        known = {**virtual, **report.pages}
        anchors = {rel: markdown.anchors(page.masked) for rel, page in known.items()}
        assets = set(generated.ASSETS)
        for page in known.values():
            self._check_page(page, known, anchors, assets, report)
        unique = {(f.file, f.line, f.column, f.code): f for f in report.findings}
        report.findings = sorted(unique.values())
        return report

    # -- one page -----------------------------------------------------------------------------
    def _check_page(self, page: Page, known: dict[str, Page], anchors: dict[str, set[str]],
                    assets: set[str], report: Report) -> None:
        where = f"{self.project.rel(self.project.docs_dir)}/{page.rel}"
        if page.origin:
            where = f"{page.origin} → {page.rel}"
        out = report.findings

        def add(line: int, column: int, code: str, message: str) -> None:
            out.append(Finding(where, line, column, code, message))

        if page.decode:
            add(page.decode.line, page.decode.column, "T02",
                f"tệp không phải UTF-8 ({page.decode.reason}); lưu lại tệp với mã hóa UTF-8")
        self._check_nfc(page, add)
        self._check_front_matter(page, add)
        if page.rel not in self.project.nav_pages and not self.project.not_in_nav(page.rel) and not page.origin:
            add(1, 1, "F03", f"trang '{page.rel}' không có trong nav của mkdocs.yml; thêm vào nav "
                              "hoặc vào not_in_nav nếu cố ý để ngoài")
        for link in markdown.links(page.masked):
            self._check_link(page, link, known, anchors, assets, add)
        self._check_citations(page, report, add)
        self._check_abbreviations(page, add)
        self._check_raw_html(page, add)
        self._check_directives(page, add)
        self._check_sources(page, add)
        self._check_style(page, add)

    def _check_sources(self, page: Page, add) -> None:
        """N01–N04: cite sources by id, never by file name; list exactly what the page cites."""
        body = _blank_front_matter(page.text, page.front.end_line)  # code is shown to readers too
        for match in sources.LEAK.finditer(body):
            line, column = line_col(body, match.start())
            add(line, column, "N02", f"'{match.group(0)}' là tên tệp hoặc đường dẫn nội bộ, bạn đọc không mở được; "
                                     "trích dẫn bằng mã nguồn: nguon:ID (xem data/nguon.yml)")
        cited: dict[str, tuple[int, int]] = {}
        for match in sources.refs(page.masked):
            ident = match.group(1)
            position = page.index.line_col(match.start())
            if ident not in self.ctx.sources:
                add(*position, "N01", f"không có nguồn '{ident}' trong data/nguon.yml; sửa mã hoặc thêm mục")
                continue
            cited.setdefault(ident, position)
        if page.origin or page.front.error or not isinstance(page.front.data.get("sources"), list):
            return
        listed = sources.listed(page.front.data)
        for ident in listed:
            if ident in self.ctx.sources and ident not in cited and ident != sources.OWN:
                add(self._field_line(page, "sources", ident), 1, "N03",
                    f"nguồn '{ident}' có trong front matter nhưng trang không trích dẫn; thêm chú thích "
                    f"[^x]: nguon:{ident} ở chỗ dùng nguồn, hoặc bỏ khỏi 'sources'")
        for ident, (line, column) in cited.items():
            if ident not in listed:
                add(line, column, "N04", f"trang trích dẫn nguồn '{ident}' nhưng front matter không ghi; "
                                         f"thêm '  - {ident}' vào 'sources'")

    def _check_style(self, page: Page, add) -> None:
        """V01/V02: the house style of data/van-phong.yml, on prose only."""
        style = self.ctx.style
        if not style.rules or not style.applies(page.rel):
            return
        for hit in style.scan(page.masked):
            line, column = page.index.line_col(hit.offset)
            add(line, column, hit.code, hit.message)

    def _check_nfc(self, page: Page, add) -> None:
        if unicodedata.is_normalized("NFC", page.text):
            return
        for number, line in enumerate(page.text.split("\n"), 1):
            if unicodedata.is_normalized("NFC", line):
                continue
            column = next(
                (i + 1 for i in range(len(line))
                 if unicodedata.normalize("NFC", line[: i + 2]) != line[: i + 2]),
                1,
            )
            add(number, column, "T01", "văn bản ở dạng tổ hợp (NFD) hoặc chưa chuẩn hóa; chuyển sang NFC "
                                       "(ví dụ: python -m sotay nfc TỆP)")

    def _check_front_matter(self, page: Page, add) -> None:
        front = page.front
        if front.error:
            line, column, message = front.error
            add(line, column, "F01", message)
            return
        if page.origin:  # generated from data whose schema already holds these fields
            return
        if front.end_line == 0:
            add(1, 1, "F02", "trang không có front matter; cần title, description, sources, reviewed")
            return
        data = front.data
        for name in REQUIRED_FIELDS:
            line = self._field_line(page, name)
            value = data.get(name)
            if value is None or value == "" or value == []:
                add(line, 1, "F02", f"front matter thiếu trường '{name}'")
            elif name in ("title", "description") and not isinstance(value, str):
                add(line, 1, "F02", f"trường '{name}' phải là một chuỗi chữ")
            elif name in ("title", "description") and _HTML_IN_TEXT.search(value):
                add(line, 1, "R05", f"trường '{name}' chứa HTML hoặc ký tự < >; front matter là chữ thường, "
                                    "không phải HTML")
            elif name == "sources" and not (
                isinstance(value, list) and all(isinstance(v, str) for v in value)
            ):
                add(line, 1, "F02", "trường 'sources' phải là danh sách mã nguồn trong data/nguon.yml")
            elif name == "reviewed" and not isinstance(value, dt.date):
                add(line, 1, "F02", "trường 'reviewed' phải là ngày dạng YYYY-MM-DD")
        if isinstance(data.get("sources"), list):
            for source in data["sources"]:
                if isinstance(source, str) and source not in self.ctx.sources:
                    hint = "tên tệp hay địa chỉ không dùng ở đây: " if ("." in source or "/" in source) else ""
                    add(self._field_line(page, "sources", source), 1, "F04",
                        f"không có nguồn '{source}' trong data/nguon.yml; {hint}ghi mã nguồn (id) của sổ "
                        "đăng ký nguồn, thêm mục mới nếu cần")

    @staticmethod
    def _field_line(page: Page, name: str, value: str | None = None) -> int:
        lines = page.text.split("\n")[: page.front.end_line]
        needle = value if value is not None else f"{name}:"
        for number, line in enumerate(lines, 1):
            if (line.startswith(needle) if value is None else needle in line):
                return number
        return 1

    def _check_link(self, page: Page, link: markdown.Link, known: dict[str, Page],
                    anchors: dict[str, set[str]], assets: set[str], add) -> None:
        target = link.target.strip()
        if link.is_image and not link.alt.strip():
            add(link.line, link.column, "I02", f"ảnh '{target}' thiếu mô tả; viết ![mô tả ngắn]({target})")
        if not target or target.startswith("mailto:") or target.startswith("tel:"):
            return
        scheme = unsafe.scan_url(target)
        if scheme:
            add(link.line, link.column, "R04", f"liên kết '{target[:60]}' dùng giao thức '{scheme}:' không được "
                                               "phép; chỉ dùng http(s), mailto, tel hoặc đường dẫn tương đối")
            return
        if _SCHEME.match(target):
            if link.is_image:
                add(link.line, link.column, "R02",
                    f"ảnh tải từ bên ngoài '{target}'; lưu ảnh vào docs/ và dùng đường dẫn tương đối")
            return
        path, _, fragment = target.partition("#")
        path = unquote(path.split("?", 1)[0])
        if path.startswith("/"):
            add(link.line, link.column, "L04", f"'{target}' là đường dẫn tuyệt đối; dùng đường dẫn "
                                               "tương đối tới tệp .md")
            return
        if not path:
            dest = page.rel
        else:
            dest = posixpath.normpath(posixpath.join(posixpath.dirname(page.rel), path))
            if dest == ".." or dest.startswith("../"):
                add(link.line, link.column, "L03", f"'{target}' trỏ ra ngoài thư mục docs/")
                return
        if link.is_image:
            if not (self.project.docs_dir / dest).is_file():
                add(link.line, link.column, "I01", f"không có tệp ảnh '{dest}' trong docs/")
            return
        if dest.endswith(".md"):
            if dest not in known:
                add(link.line, link.column, "L01", f"không có trang '{dest}' (liên kết '{target}')")
                return
            if fragment and fragment not in anchors.get(dest, set()):
                add(link.line, link.column, "L02", f"trang '{dest}' không có neo '#{fragment}'")
            return
        if dest not in assets and not (self.project.docs_dir / dest).exists():
            add(link.line, link.column, "L01", f"không có tệp '{dest}' (liên kết '{target}')")

    def _check_citations(self, page: Page, report: Report, add) -> None:
        for span in page.spans:
            number, column = page.index.line_col(span.start)
            symbol, date = span.symbol, span.date
            resolution = self.registry.resolve(symbol, date)
            if resolution.problem == "unknown":
                add(number, column, "C01", f"văn bản '{symbol}' không có trong sổ đăng ký "
                                           "data/van-ban.yml; thêm mục hoặc sửa số hiệu")
                continue
            doc = resolution.document
            assert doc is not None
            if resolution.problem == "date":
                wanted = ", ".join(
                    f"{vi_date(d.date)}" for d in resolution.candidates if d.date
                ) or "không rõ ngày"
                add(number, column, "C02", f"'{symbol}' ghi ngày {vi_date(date)} nhưng sổ đăng ký "
                                           f"ghi {wanted}")
            if not page.origin:
                report.cited_by.setdefault(doc.id, set()).add(page.rel)
            if doc.status == "bi-thay-the" and not page.origin:
                start = page.index.starts[number - 1]
                end = page.masked.find("\n", start)
                line = page.masked[start : len(page.masked) if end == -1 else end]
                if not _HISTORICAL.search(line):
                    newer = self.registry.by_id.get(doc.superseded_by or "")
                    add(number, column, "C03",
                        f"'{symbol}' đã được thay thế bởi {newer.name if newer else '?'}; trích dẫn văn "
                        "bản mới hoặc nói rõ trong câu rằng văn bản này đã được thay thế")

    def _check_abbreviations(self, page: Page, add) -> None:
        text = page.masked
        if page.spans:
            pieces, last = [], 0
            for span in page.spans:
                pieces += [text[last : span.start], " " * span.length]
                last = span.start + span.length
            text = "".join(pieces) + text[last:]
        text = _HEADING_OR_ATTR.sub(_spaces, text)
        text = _LINK_TARGET.sub(_spaces, text)
        index: LineIndex | None = None
        for match in _ABBR.finditer(text):
            word = match.group(1)
            if word in self.glossary or _ROMAN.match(word) or _shouted(text, match):
                continue
            index = index or LineIndex(text)
            line, column = index.line_col(match.start())
            add(line, column, "A01",
                f"chữ viết tắt '{word}' chưa có trong includes/abbreviations.md; thêm dòng "
                f"'*[{word}]: ...' hoặc viết đầy đủ")

    def _check_raw_html(self, page: Page, add) -> None:
        for problem in unsafe.scan_attr_lists(page.masked):
            add(problem.line, problem.column, problem.code, problem.message)
        if "<" not in page.masked and "//" not in page.masked:
            return
        for problem in unsafe.scan_html(page.masked):
            add(problem.line, problem.column, problem.code, problem.message)
        for match in _REMOTE.finditer(page.masked):
            line, column = line_col(page.masked, match.start())
            add(line, column, "R02", "trang tải tài nguyên từ mạng ngoài; gói ngoại tuyến sẽ hỏng, "
                                     "hãy lưu tài nguyên vào trang web")

    def _check_directives(self, page: Page, add) -> None:
        body = mask(page.text, page.front.end_line, comments=False)
        for directive in directives.find(body):
            message = directives.problem(directive, self.ctx)
            if message:
                line, column = line_col(body, directive.start)
                add(line, column, "P01", message)


def _blank_front_matter(text: str, end_line: int) -> str:
    if not end_line:
        return text
    lines = text.split("\n")
    return "\n".join(" " * len(line) if number < end_line else line for number, line in enumerate(lines))


def _shouted(line: str, match: re.Match[str]) -> bool:
    """True inside an ALL-CAPS phrase with Vietnamese letters ("ĐẢNG CỘNG SẢN VIỆT NAM")."""
    start = max(line.rfind("\n", 0, match.start()) + 1, match.start() - 30)
    end = line.find("\n", match.end())
    end = match.end() + 30 if end == -1 else min(end, match.end() + 30)
    words = re.findall(r"[^\W\d_]+", line[start:end])
    caps = [w for w in words if len(w) > 1 and w.isupper()]
    return any(re.search(r"[^A-ZĐ]", w) for w in caps)


def check(root: Path | str = ".") -> Report:
    """Check a project; raises ConfigError when its configuration or data cannot be read."""
    return Checker.for_project(Project.load(root)).run()
