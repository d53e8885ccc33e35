"""The source registry (data/nguon.yml): every article and web page the handbook rests on.

Pages never print a file name or a bare address as a citation: front matter lists source ids
(`sources: [bao-yen-2023]`) and footnotes cite them as `nguon:bao-yen-2023`. At build time each
`nguon:ID` becomes the entry's readable citation with its link, and every page gets one
"Nguồn của trang này" box generated from the sources and documents it cites, instead of a hedge
in every sentence. The checker and the build read the same registry through this module.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema

from sotay.errors import ConfigError
from sotay.project import load_yaml

if TYPE_CHECKING:
    from sotay.context import DataContext
    from sotay.registry import Document

KINDS = {
    "van-ban": "văn bản chính thức",
    "bao-chi": "báo chí",
    "thu-cap": "trang web khác (công ty luật, trang tổng hợp, trang của một đơn vị)",
    "ban-bien-soan": "gợi ý của Ban biên soạn",
}
OWN = "ban-bien-soan"  # the handbook's own suggestion: a page may list it without citing it
SOURCES_PAGE = "nguon-va-bien-soan.md"
BOX_CLASS = "sotay-nguon"

# `nguon:ID` in page text; the id pattern is the registry's.
REF = re.compile(r"(?<![\w/-])nguon:([a-z0-9]+(?:-[a-z0-9]+)*)")
# What must never reach a reader: seed file names, the fact sheets, internal paths.
LEAK = re.compile(
    r"\b\d{3}_[0-9a-f]{16}\.txt\b|\bFACTS(?:-2)?\.md\b|(?:\.\./)*shared/sources\b|/work/[\w./-]+"
)
# A data file named in prose reads as a citation; in inline code it is an instruction to an editor (how to
# replace the rubric or the holiday list), which the tools pages must give.
DATA_PATH = re.compile(r"\bdata/[\w-]+(?:/[\w-]+)?\.ya?ml\b")

SCHEMA: dict[str, Any] = {
    "type": "array",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "kind", "cite", "title", "outlet", "date", "byline", "url"],
        "properties": {
            "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
            "kind": {"enum": sorted(KINDS)},
            "cite": {"type": "string", "minLength": 5},
            "title": {"type": "string", "minLength": 3},
            "outlet": {"type": ["string", "null"], "minLength": 2},
            "date": {"type": ["string", "null"], "pattern": r"^\d{4}(-\d{2}-\d{2})?$"},
            "byline": {"type": ["string", "null"], "minLength": 2},
            "url": {"type": ["string", "null"], "pattern": "^https?://"},
            "about": {"type": "array", "items": {"type": "string"}},
            "period": {"enum": ["lich-su"]},
            "seed": {"type": "string"},
            "note": {"type": "string"},
        },
    },
}

_FIELD_NAMES = {
    "id": "mã", "kind": "loại nguồn", "cite": "trích dẫn ngắn", "title": "tiêu đề", "outlet": "nơi đăng",
    "date": "ngày", "byline": "tác giả", "url": "địa chỉ", "about": "văn bản được đưa tin",
    "period": "giai đoạn", "seed": "tệp lưu nội bộ", "note": "ghi chú",
}
_MESSAGES = {
    "required": "thiếu trường bắt buộc (ghi null nếu nguồn không có)",
    "additionalProperties": "trường không có trong lược đồ",
    "enum": "giá trị không hợp lệ",
    "pattern": "sai dạng (mã: chữ thường ASCII và gạch nối; ngày: YYYY hoặc YYYY-MM-DD; địa chỉ: http(s)://)",
    "type": "sai kiểu dữ liệu",
    "minLength": "giá trị quá ngắn",
}


@dataclass(frozen=True)
class Source:
    """One registry entry; `seed` is an internal key that is never rendered."""

    id: str
    kind: str
    cite: str
    title: str
    outlet: str | None
    date: str | None
    byline: str | None
    url: str | None
    about: tuple[str, ...] = ()
    period: str | None = None
    seed: str | None = None
    note: str | None = None

    def markdown(self) -> str:
        """The readable citation as Markdown: escaped text, linked when the address is known."""
        text = _md_text(self.cite)
        return f"[{text}]({self.url})" if self.url else text

    def full_markdown(self) -> str:
        """Everything a reader may want to check: citation, headline, byline, date, kind, link."""
        parts = [self.markdown() + "."]
        if self.title != self.cite:
            parts.append(f"Tiêu đề: “{_md_text(self.title)}”.")
        if self.byline:
            parts.append(f"Tác giả: {_md_text(self.byline)}.")
        parts.append(f"Loại nguồn: {KINDS[self.kind]}.")
        if self.note:
            parts.append(_md_text(self.note))
        return " ".join(parts)


def _md_text(value: str) -> str:
    return html.escape(value, quote=False).replace("[", "\\[").replace("]", "\\]").replace("\n", " ")


def _where(entries: Any, error: jsonschema.ValidationError) -> str:
    path = list(error.absolute_path)
    index = path[0] if path and isinstance(path[0], int) else None
    ident = ""
    if index is not None and isinstance(entries[index], dict):
        ident = f" (id={entries[index].get('id', '?')})"
    name = next((p for p in path[1:] if isinstance(p, str)), None)
    if error.validator in ("required", "additionalProperties"):
        found = re.findall(r"'([^']+)'", error.message)
        name = found[0] if found else name
    label = f"trường '{name}' ({_FIELD_NAMES.get(name or '', 'không rõ')})" if name else "mục"
    return f"{f'mục {index + 1}{ident}' if index is not None else 'tệp'}, {label}"


class SourceRegistry:
    """Validated sources by id."""

    def __init__(self, sources: list[Source], path: Path | None = None) -> None:
        self.path = path
        self.sources = sources
        self.by_id = {s.id: s for s in sources}

    def __contains__(self, ident: object) -> bool:
        return ident in self.by_id

    @classmethod
    def load(cls, path: Path) -> SourceRegistry:
        """Read data/nguon.yml (absent: empty); ConfigError lists every problem with entry and field."""
        if not path.is_file():
            return cls([], None)
        raw = load_yaml(path) or []
        if isinstance(raw, list):
            raw = [{k: v.isoformat() if isinstance(v, dt.date) else v for k, v in e.items()}
                   if isinstance(e, dict) else e for e in raw]
        validator = jsonschema.Draft202012Validator(SCHEMA)
        problems = [f"{path}: {_where(raw, err)}: {_MESSAGES.get(str(err.validator), err.message)}"
                    for err in sorted(validator.iter_errors(raw), key=lambda e: list(map(str, e.path)))]
        if problems:
            raise ConfigError("\n".join(problems))
        sources, seen = [], set()
        for number, entry in enumerate(raw, 1):
            if entry["id"] in seen:
                problems.append(f"{path}: mục {number} (id={entry['id']}), trường 'id': mã bị trùng")
            seen.add(entry["id"])
            sources.append(Source(
                id=entry["id"], kind=entry["kind"], cite=entry["cite"], title=entry["title"],
                outlet=entry["outlet"], date=entry["date"], byline=entry["byline"], url=entry["url"],
                about=tuple(entry.get("about", ())), period=entry.get("period"), seed=entry.get("seed"),
                note=entry.get("note"),
            ))
        if problems:
            raise ConfigError("\n".join(problems))
        return cls(sources, path)

    def problems_with_documents(self, document_ids: set[str]) -> list[str]:
        """`about` must name documents of data/van-ban.yml (checked once both registries are read)."""
        out = []
        for number, source in enumerate(self.sources, 1):
            for ident in source.about:
                if ident not in document_ids:
                    out.append(f"{self.path}: mục {number} (id={source.id}), trường 'about': không có văn bản "
                               f"'{ident}' trong data/van-ban.yml")
        return out


# ---------------------------------------------------------------------------- page text
def refs(text: str) -> Iterable[re.Match[str]]:
    """Every `nguon:ID` in (masked) page text."""
    return REF.finditer(text)


def listed(meta: dict[str, Any]) -> list[str]:
    value = meta.get("sources")
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def expand_refs(markdown: str, masked: str, registry: SourceRegistry) -> str:
    """Replace `nguon:ID` in prose (positions from `masked`, so code stays literal) by readable citations."""
    pieces, last = [], 0
    for match in refs(masked):
        source = registry.by_id.get(match.group(1))
        if source is None:  # the checker reports it (N01); leave the text for the editor to see
            continue
        pieces += [markdown[last : match.start()], source.markdown()]
        last = match.end()
    return "".join(pieces) + markdown[last:] if pieces else markdown


# ---------------------------------------------------------------------------- the status box
BASIS = {
    "bao-chi": "báo chí đưa tin",
    "thu-cap": "trang web dẫn lại văn bản (trang của công ty luật, trang tổng hợp; không phải bản chính thức)",
}


def _names(docs: list[Document]) -> str:
    return ", ".join(d.name for d in docs)


def page_basis(document: Document, sources: list[Source]) -> str:
    """How this page knows a document: from the sources it cites about it, else the registry's `basis`.

    The registry's `basis` is what the handbook knows in all (Hướng dẫn 42 is reported by the press);
    a page whose rules come only from a law firm's summary of it must say so, or its box would call the
    page's own source press coverage while the footnote (kind `thu-cap`) says otherwise. A press report
    among the page's sources is enough for "báo chí đưa tin".
    """
    if document.basis == "van-ban":
        return "van-ban"
    kinds = {s.kind for s in sources if document.id in s.about}
    for kind in BASIS:
        if kind in kinds:
            return kind
    return document.basis


def status_box(cited_sources: list[str], documents: list[Document], registry: SourceRegistry,
               page_rel: str, reviewed: Any = None, link_sources_page: bool = True) -> str:
    """Markdown of the page's "Nguồn của trang này" box, from what the page lists and cites.

    Current documents are grouped by how this page knows their content (`page_basis`), older ones
    are named as history, local experience is credited to its articles, and the handbook's own
    suggestions are marked as such: the reader learns each statement's authority once per page.
    """
    lines: list[str] = []
    sources = [registry.by_id[s] for s in dict.fromkeys(cited_sources) if s in registry.by_id]
    current = [d for d in documents if d.status == "hieu-luc"]
    older = [d for d in documents if d.status != "hieu-luc"]
    basis = {d.id: page_basis(d, sources) for d in current}
    seen = [d for d in current if basis[d.id] == "van-ban"]
    if seen:
        lines.append(f"Quy định hiện hành nêu ở đây ({_names(seen)}) đã được đối chiếu với văn bản.")
    known = [f"{text} ({_names(group)})" for kind, text in BASIS.items()
             if (group := [d for d in current if basis[d.id] == kind])]
    if known:
        lines.append("Quy định hiện hành nêu ở đây lấy từ " + " và từ ".join(known)
                     + "; Ban biên soạn chưa đối chiếu văn bản gốc.")
    if older:
        lines.append(f"Văn bản của giai đoạn trước ({_names(older)}) được nêu để hiểu bối cảnh, "
                     "không phải quy định đang áp dụng.")
    local = [s for s in sources if s.period == "lich-su"]
    if local:
        # Named, not linked: the footnotes link each article, and a box of links stands between a
        # keyboard or phone reader and the checklist below it.
        lines.append("Kinh nghiệm địa phương (giai đoạn trước khi sắp xếp bộ máy năm 2025) lấy từ: "
                     + "; ".join(_md_text(s.cite) for s in local) + " (xem chú thích cuối trang).")
    others = [s for s in sources if s.period != "lich-su" and s.kind != OWN]
    press = sum(s.kind == "bao-chi" for s in others)
    web = sum(s.kind == "thu-cap" for s in others)
    if press or web:
        counted = [f"{press} bài báo" if press else "", f"{web} trang web khác" if web else ""]
        lines.append("Nguồn khác: " + " và ".join(c for c in counted if c) + " (xem chú thích cuối trang).")
    if not documents and all(s.kind == OWN for s in sources):
        lines.append("Trang này do Ban biên soạn viết để hướng dẫn sử dụng sổ tay; không nêu quy định.")
    else:
        lines.append("Điều ghi “Gợi ý của Ban biên soạn” là cách làm đề xuất, không phải quy định; chỗ các "
                     "nguồn khác nhau được ghi ngay tại chỗ.")
    tail = []
    if isinstance(reviewed, dt.date):
        tail.append(f"Rà soát ngày {reviewed.day}/{reviewed.month}/{reviewed.year}.")
    if link_sources_page:  # only when the handbook has the page (mini projects in tests do not)
        link = posixpath.relpath(SOURCES_PAGE, posixpath.dirname(page_rel) or ".")
        tail.append(f"[Cách biên soạn và danh sách nguồn]({link})")
    body = [f"    {line}\n" for line in lines] + ([f"    {' '.join(tail)}"] if tail else [])
    return f'!!! info {BOX_CLASS} "Nguồn của trang này"\n\n' + "\n".join(body) + "\n"


_H1 = re.compile(r"^# .*$", re.M)


def insert_box(markdown: str, masked: str, box: str) -> str:
    """Put the box after the page's opening paragraph (the purpose line under the H1), or after the H1."""
    heading = _H1.search(masked)
    if heading is None:
        return box + "\n" + markdown
    position = heading.end()
    rest = masked[position:]
    para = re.match(r"\n+(?!#|!!!|\?\?\?|\||- |\d+\. |<)[^\n]+(?:\n[^\n]+)*", rest)
    if para:
        position += para.end()
    return markdown[:position] + "\n\n" + box + "\n" + markdown[position:]


def sources_list(registry: SourceRegistry) -> str:
    """Markdown of every source grouped by kind (for `<!-- sotay:nguon -->` on the sources page)."""
    parts: list[str] = []
    for kind, label in KINDS.items():
        group = [s for s in registry.sources if s.kind == kind and s.kind != OWN]
        if not group:
            continue
        parts.append(f"**{label[0].upper() + label[1:]}**\n")
        parts += [f"- {s.full_markdown()}" for s in group]
        parts.append("")
    return "\n".join(parts)


def render_page(markdown: str, page_rel: str, meta: dict[str, Any], ctx: DataContext) -> str:
    """The build's step for one page: the status box after the opening paragraph, then every
    `nguon:ID` replaced by its readable citation (the box's own citations are Markdown already)."""
    from sotay.citations import iter_spans
    from sotay.source import mask

    masked = mask(markdown)
    documents: dict[str, Document] = {}
    for span in iter_spans(masked):
        doc = ctx.registry.resolve(span.symbol, span.date).document
        if doc is not None:
            documents.setdefault(doc.id, doc)
    cited = [m.group(1) for m in refs(masked)]
    has_page = (ctx.project.docs_dir / SOURCES_PAGE).is_file()
    box = status_box(cited + listed(meta), list(documents.values()), ctx.sources, page_rel, meta.get("reviewed"),
                     has_page)
    markdown = expand_refs(markdown, masked, ctx.sources)
    return insert_box(markdown, mask(markdown), box)
