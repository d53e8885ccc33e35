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
from sotay.citations import (
    KINDS,
    Span,
    Suspect,
    iter_spans,
    iter_suspects,
    kinds_for,
    odd_char_kind,
    symbol_type,
    visible,
)
from sotay.context import DataContext
from sotay.dates import vi_date
from sotay.examples import check_examples
from sotay.nesting import MAX_DEPTH, deepest
from sotay.project import Project
from sotay.rules import RENDER_BLOCKERS, Finding
from sotay.safeyaml import InvalidDate
from sotay.source import DecodeProblem, FrontMatter, LineIndex, line_col, mask, read_text, split_front_matter

REQUIRED_FIELDS = ("title", "description", "sources", "reviewed")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:|^//")
_ABBR = re.compile(r"(?=[A-ZĐ])(?<![\w\-/.#&])([A-ZĐ][A-ZĐ0-9]{1,9})(?![\w\-/])")
_ROMAN = re.compile(r"^[IVXLC]+$")
# Inner classes exclude the next opener ("<", "{", "]"), so an unclosed one is read to the next
# opener only, never to the end of the line or file: every scan stays linear.
_REMOTE = re.compile(
    r"<(?:link|script|img|source|video|audio|embed|object|iframe|track)\b[^<>]*?\b(?:src|href|data|srcset)"
    r"\s*=\s*[\"']?\s*(?:https?:)?//|url\(\s*[\"']?\s*(?:https?:)?//|@import\s+[\"']?(?:url\()?\s*[\"']?(?:https?:)?//",
    re.I,
)
_HTML_IN_TEXT = re.compile(r"[<>]")
_DATA_TAG = re.compile(r"<\s*/?[A-Za-z][^>]*>?")
_HISTORICAL = re.compile(r"thay thế|thay cho|trước đây|đã hết hiệu lực|không còn hiệu lực|\bcũ\b", re.I)
_HEADING_OR_ATTR = re.compile(r"\{[^{}\n]*\}|<[^<>\n]*>")
_LINK_TARGET = re.compile(r"\]\([^)\]\n]*\)")


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
    def prose(self) -> str:
        """The masked text, NFC-normalised line by line only if the page itself is not NFC."""
        masked = self.masked
        if not unicodedata.is_normalized("NFC", masked):
            masked = "\n".join(unicodedata.normalize("NFC", line) for line in masked.split("\n"))
        return masked

    @cached_property
    def suspects(self) -> list[Suspect]:
        """Symbols written with invisible, fullwidth or lookalike characters (rule C04)."""
        return list(iter_suspects(self.prose))

    @cached_property
    def spans(self) -> list[Span]:
        """Citations in the prose, without those a suspect overlaps."""
        return list(iter_spans(self.prose, self.suspects))

    @cached_property
    def index(self) -> LineIndex:
        return LineIndex(self.masked)

    @cached_property
    def front_lines(self) -> list[str]:
        """Lines of the front matter block (split once, however many fields are looked up)."""
        return self.text.split("\n", self.front.end_line)[: self.front.end_line]


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

    def blocking(self) -> list[Finding]:
        """Findings whose page MkDocs must not read or render (rules.RENDER_BLOCKERS)."""
        return [f for f in self.findings if f.code in RENDER_BLOCKERS]

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
        self._check_data_files(report)
        for path in self.project.markdown_files():
            page = Page.read(docs, path)
            report.pages[page.rel] = page
        virtual = {
            rel: Page.from_text(rel, gen.text, origin=gen.origin)
            for rel, gen in generated.pages(self.ctx, titles=report.titles()).items()
        }
        known = {**virtual, **report.pages}
        anchors = {rel: markdown.anchors(self._expanded(page)) for rel, page in known.items()}
        assets = set(generated.ASSETS)
        for page in known.values():
            self._check_page(page, known, anchors, assets, report)
        report.findings += check_examples(self.ctx.examples, self.ctx.meetings)
        unique = {(f.file, f.line, f.column, f.code): f for f in report.findings}
        report.findings = sorted(unique.values())
        return report

    def _data_files(self) -> list[Path]:
        """Data files whose values are rendered on pages (text, never markup)."""
        files = [self.project.registry_path, self.project.glossary_path]
        data = self.project.data_dir
        if data.is_dir():
            files += sorted(p for p in data.rglob("*.yml") if p.is_file() and p != self.project.registry_path)
        return [p for p in files if p.is_file()]

    def _check_data_files(self, report: Report) -> None:
        """R05: a tag in a data value. Data is escaped where it is rendered; a tag there is a mistake
        (or an attack) that the editor should see with its file and line, not a silently escaped string."""
        for path in self._data_files():
            text, _ = read_text(path)
            for number, line in enumerate(text.split("\n"), 1):
                code = line.split("#", 1)[0] if path.suffix == ".yml" and line.lstrip().startswith("#") else line
                match = _DATA_TAG.search(code)
                if match:
                    report.findings.append(Finding(
                        self.project.rel(path), number, match.start() + 1, "R05",
                        "dữ liệu chứa thẻ HTML; dữ liệu là chữ thường, mọi thẻ sẽ hiện nguyên văn hoặc bị loại"))

    def _expanded(self, page: Page) -> str:
        """The page's masked text with its directives expanded: headings made from data (e.g. the steps of a
        meeting, `#buoc-<id>`) are anchors other pages may link to."""
        if "sotay:" not in page.text:
            return page.masked
        body = mask(page.text, page.front.end_line, comments=False)
        expanded = directives.expand(page.text, body, self.ctx, page.rel, "")
        return mask(expanded, page.front.end_line)

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
        self._check_nesting(page, add)
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
        leaks = [*sources.LEAK.finditer(body), *sources.DATA_PATH.finditer(page.masked)]
        for match in sorted(leaks, key=lambda m: m.start()):
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
        shown = self._expanded(page) if "sotay:" in page.text else page.masked
        generated = {m.group(1) for m in sources.refs(shown)}  # the meeting model's step footnotes
        for ident in listed:
            # A source is cited by `nguon:ID` (in the page or in a view rendered from data on it), or by its
            # address in a link (footnotes the page writes, the rubric's references).
            url = getattr(self.ctx.sources.by_id.get(ident), "url", None)
            if ident in generated or (url and (url in shown or url in page.text)):
                continue
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
            # First character where the line and its NFC form differ (the base letter of a
            # decomposed one): one normalisation per line, not one per prefix.
            fixed = unicodedata.normalize("NFC", line)
            column = next((i + 1 for i, (a, b) in enumerate(zip(line, fixed, strict=False)) if a != b),
                          min(len(line), len(fixed)) + 1)
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
            elif name == "reviewed" and isinstance(value, InvalidDate):
                add(line, 1, "F02", f"trường 'reviewed': ngày '{value}' không có thật (kiểm tra ngày và tháng)")
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
        lines = page.front_lines
        needle = value if value is not None else f"{name}:"
        for number, line in enumerate(lines, 1):
            if (line.startswith(needle) if value is None else needle in line):
                return number
        return 1

    def _check_nesting(self, page: Page, add) -> None:
        deep = deepest(page.masked)
        if deep is not None:
            add(deep.line, deep.column, "T03",
                f"lồng quá sâu: {deep.what} lồng {deep.depth} cấp (tối đa {MAX_DEPTH}); viết phẳng lại "
                "hoặc tách trang")

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
        for suspect in page.suspects:
            self._check_suspect(page, suspect, add)
        historical: dict[int, bool] = {}  # line number → names the replacement (read once per line)
        for span in page.spans:
            number, column = page.index.line_col(span.start)
            symbol, date = span.symbol, span.date
            if span.bad_date:
                add(number, column, "C05", f"'{symbol}' ghi ngày {span.bad_date}, một ngày không có thật; "
                                           "kiểm tra lại ngày và tháng")
            resolution = self.registry.resolve(symbol, date)
            self._check_kind(span, resolution.document if resolution.problem != "unknown" else None,
                             number, column, add)
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
                if number not in historical:
                    start = page.index.starts[number - 1]
                    end = page.masked.find("\n", start)
                    historical[number] = bool(_HISTORICAL.search(page.masked, start, len(page.masked)
                                                                  if end == -1 else end))
                if not historical[number]:
                    newer = self.registry.by_id.get(doc.superseded_by or "")
                    add(number, column, "C03",
                        f"'{symbol}' đã được thay thế bởi {newer.name if newer else '?'}; trích dẫn văn "
                        "bản mới hoặc nói rõ trong câu rằng văn bản này đã được thay thế")

    def _check_suspect(self, page: Page, suspect: Suspect, add) -> None:
        number, column = page.index.line_col(suspect.start)
        odd = "; ".join(odd_char_kind(c) for c in suspect.odd)
        add(number, column, "C04", f"số hiệu '{visible(suspect.written)}' có {odd} nên không đọc đúng "
                                   f"được; có phải {suspect.suggestion}?")

    @staticmethod
    def _check_kind(span: Span, doc, number: int, column: int, add) -> None:
        """The kind named before a symbol must fit its type (CT is a Chỉ thị) and the registry."""
        if span.kind is None:
            return
        allowed = kinds_for(span.symbol)
        if allowed is not None and span.kind not in allowed:
            right = doc.kind if doc is not None and doc.kind in allowed else " hoặc ".join(sorted(allowed))
            add(number, column, "C06", f"'{span.kind} {span.symbol}': ký hiệu {symbol_type(span.symbol)} là "
                                       f"của {' hoặc '.join(sorted(allowed))}, không phải {span.kind}; "
                                       f"có phải {right} {span.symbol}?")
            return
        if doc is not None and KINDS.get(doc.kind.lower(), doc.kind) != span.kind:
            add(number, column, "C06", f"'{span.kind} {span.symbol}': sổ đăng ký ghi văn bản này là "
                                       f"{doc.kind}; có phải {doc.kind} {span.symbol}?")

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
            line, column = page.index.line_col(match.start())
            add(line, column, "R02", "trang tải tài nguyên từ mạng ngoài; gói ngoại tuyến sẽ hỏng, "
                                     "hãy lưu tài nguyên vào trang web")

    def _check_directives(self, page: Page, add) -> None:
        if "sotay" not in page.text:
            return
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
    start = max(line.rfind("\n", max(0, match.start() - 30), match.start()) + 1, match.start() - 30)
    end = line.find("\n", match.end(), match.end() + 30)
    end = match.end() + 30 if end == -1 else end
    return any(len(w) > 1 and w.isupper() and _NOT_BASIC_CAPS.search(w)
               for w in _WORD.findall(line, max(0, start), end))


_WORD = re.compile(r"[^\W\d_]+")
_NOT_BASIC_CAPS = re.compile(r"[^A-ZĐ]")


def check(root: Path | str = ".") -> Report:
    """Check a project; raises ConfigError when its configuration or data cannot be read."""
    return Checker.for_project(Project.load(root)).run()
