"""The document registry (data/van-ban.yml): load, validate, look up citations.

One source of truth: reference pages, the list page, van-ban.json, the checker and search all
read this module's `Registry`. Validation errors name the entry (position and id) and field.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema

from sotay.citations import canonical
from sotay.errors import ConfigError
from sotay.project import load_yaml

if TYPE_CHECKING:
    from sotay.sources import SourceRegistry

STATUSES = {
    "hieu-luc": "Đang có hiệu lực",
    "bi-thay-the": "Đã được thay thế",
    "chua-ro": "Chưa xác định được hiệu lực",
    "lich-su": "Văn bản của giai đoạn trước (tham khảo lịch sử)",
}
# How the handbook knows a document's content (shown on its reference page and in each page's source box).
BASES = {
    "van-ban": "Đã xem văn bản",
    "bao-chi": "Biết qua báo chí đưa tin; chưa đối chiếu văn bản gốc",
    "thu-cap": "Biết qua trang web dẫn lại (không phải bản chính thức); chưa đối chiếu văn bản gốc",
}
# The same, one cell per row of the list page, whose introduction says once what the last two mean.
BASES_SHORT = {"van-ban": "Đã xem văn bản", "bao-chi": "Báo chí đưa tin", "thu-cap": "Trang web dẫn lại"}
KIND_ORDER = [
    "Điều lệ", "Nghị quyết", "Chỉ thị", "Kết luận", "Quy định", "Hướng dẫn", "Đề án", "Quyết định",
    "Thông báo", "Công văn", "Kế hoạch", "Nghị định", "Thông tư",
]

SCHEMA: dict[str, Any] = {
    "type": "array",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "symbol", "kind", "issuer", "date", "title", "status", "basis", "sources"],
        "properties": {
            "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
            "symbol": {"type": ["string", "null"], "minLength": 3},
            "kind": {"type": "string", "minLength": 2},
            "issuer": {"type": "string", "minLength": 2},
            "date": {"type": ["string", "null"], "format": "date"},
            "alt_dates": {"type": "array", "items": {"type": "string", "format": "date"}},
            "title": {"type": "string", "minLength": 3},
            "status": {"enum": sorted(STATUSES)},
            "basis": {"enum": sorted(BASES)},
            "superseded_by": {"type": "string"},
            "sources": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 3}},
            "note": {"type": "string"},
            "default": {"type": "boolean"},
        },
    },
}

_FIELD_NAMES = {
    "id": "mã", "symbol": "số hiệu", "kind": "loại", "issuer": "cơ quan ban hành", "date": "ngày",
    "alt_dates": "ngày khác", "title": "trích yếu", "status": "tình trạng",
    "superseded_by": "văn bản thay thế", "sources": "nguồn", "basis": "cơ sở thông tin", "note": "ghi chú",
    "default": "mặc định",
}


@dataclass(frozen=True)
class Document:
    """One registry entry."""

    id: str
    symbol: str | None
    kind: str
    issuer: str
    date: str | None
    title: str
    status: str
    sources: tuple[str, ...]
    basis: str = "bao-chi"
    alt_dates: tuple[str, ...] = ()
    superseded_by: str | None = None
    note: str | None = None
    default: bool = False

    @property
    def name(self) -> str:
        """How pages name it: "Chỉ thị 50-CT/TW" or the title when it has no symbol."""
        return f"{self.kind} {self.symbol}" if self.symbol else self.title

    @property
    def page(self) -> str:
        """Source path of its reference page inside docs/."""
        return f"van-ban/{self.id}.md"

    def accepts_date(self, iso: str) -> bool:
        return iso == self.date or iso in self.alt_dates

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "symbol": self.symbol, "kind": self.kind, "issuer": self.issuer,
            "date": self.date, "alt_dates": list(self.alt_dates), "title": self.title,
            "status": self.status, "basis": self.basis, "superseded_by": self.superseded_by,
            "sources": list(self.sources), "note": self.note, "page": f"van-ban/{self.id}/",
        }


@dataclass
class Resolution:
    """What a citation points to, or why it points nowhere."""

    document: Document | None
    problem: str | None = None  # "unknown" | "date" | "ambiguous"
    candidates: list[Document] = field(default_factory=list)


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _where(entries: list[Any], error: jsonschema.ValidationError) -> str:
    path = list(error.absolute_path)
    index = path[0] if path and isinstance(path[0], int) else None
    ident = ""
    if index is not None and isinstance(entries[index], dict):
        ident = f" (id={entries[index].get('id', '?')})"
    field_name = next((p for p in path[1:] if isinstance(p, str)), None)
    if error.validator == "required":
        missing = re.findall(r"'([^']+)' is a required", error.message)
        field_name = missing[0] if missing else field_name
    if error.validator == "additionalProperties":
        extra = re.findall(r"'([^']+)'", error.message)
        field_name = extra[0] if extra else field_name
    label = f"trường '{field_name}' ({_FIELD_NAMES.get(field_name or '', 'không rõ')})" if field_name else "mục"
    position = f"mục {index + 1}{ident}" if index is not None else "tệp"
    return f"{position}, {label}"


_MESSAGES = {
    "required": "thiếu trường bắt buộc",
    "additionalProperties": "trường không có trong lược đồ",
    "enum": "giá trị không hợp lệ; tình trạng: " + ", ".join(sorted(STATUSES)) + "; cơ sở thông tin: "
            + ", ".join(sorted(BASES)),
    "format": "ngày phải viết dạng YYYY-MM-DD",
    "pattern": "mã chỉ gồm chữ thường ASCII, số và dấu gạch nối",
    "type": "sai kiểu dữ liệu",
    "minItems": "cần ít nhất một nguồn",
    "minLength": "giá trị quá ngắn",
}


def _message(error: jsonschema.ValidationError) -> str:
    if error.validator == "format" and isinstance(error.instance, str) \
            and re.fullmatch(r"\d{4}-\d\d-\d\d", error.instance):
        return f"ngày '{error.instance}' không có thật (kiểm tra ngày và tháng)"
    return _MESSAGES.get(str(error.validator), error.message)


def _supersession_cycles(documents: list[Document]) -> list[str]:
    """Each `superseded_by` chain that comes back to where it started, named by its ids, once."""
    by_id = {d.id: d for d in documents}
    numbers = {d.id: n for n, d in enumerate(documents, 1)}
    problems: list[str] = []
    done: set[str] = set()
    for number, doc in enumerate(documents, 1):
        if doc.id in done:
            continue
        chain, current = [doc.id], by_id[doc.id].superseded_by
        while current in by_id and current not in chain and current not in done:
            chain.append(current)
            current = by_id[current].superseded_by
        done.update(chain)
        if current == doc.id and len(chain) == 1:
            problems.append(f"mục {number} (id={doc.id}), trường 'superseded_by': văn bản không thể "
                            "thay thế chính nó")
        elif current in chain:
            loop = chain[chain.index(current):] + [current]
            problems.append(f"mục {numbers[current]} (id={current}), trường 'superseded_by': vòng thay thế "
                            f"{' → '.join(loop)}; văn bản mới nhất không có 'superseded_by'")
    return problems


class Registry:
    """Validated documents, indexed by id and by canonical symbol."""

    def __init__(self, documents: list[Document], path: Path | None = None) -> None:
        self.path = path
        self.documents = documents
        self.by_id = {d.id: d for d in documents}
        self.by_symbol: dict[str, list[Document]] = {}
        for doc in documents:
            if doc.symbol:
                self.by_symbol.setdefault(doc.symbol, []).append(doc)

    @classmethod
    def load(cls, path: Path, sources: SourceRegistry | None = None) -> Registry:
        """Load and validate; raise ConfigError listing every problem with entry and field."""
        raw = load_yaml(path, aliases=False)
        if raw is None:
            raw = []
        entries = [{k: _iso(v) for k, v in e.items()} if isinstance(e, dict) else e for e in raw] \
            if isinstance(raw, list) else raw
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict) and isinstance(entry.get("alt_dates"), list):
                entry["alt_dates"] = [_iso(v) for v in entry["alt_dates"]]
        validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
        problems = [
            f"{path}: {_where(entries, err)}: {_message(err)}"
            for err in sorted(validator.iter_errors(entries), key=lambda e: list(map(str, e.path)))
        ]
        if problems:
            raise ConfigError("\n".join(problems))
        documents = [
            Document(
                id=e["id"], symbol=e["symbol"], kind=e["kind"], issuer=e["issuer"], date=e["date"],
                title=e["title"], status=e["status"], sources=tuple(e["sources"]), basis=e["basis"],
                alt_dates=tuple(e.get("alt_dates", ())), superseded_by=e.get("superseded_by"),
                note=e.get("note"), default=bool(e.get("default", False)),
            )
            for e in entries
        ]
        problems = cls._semantic_problems(documents, sources)
        if problems:
            raise ConfigError("\n".join(f"{path}: {p}" for p in problems))
        return cls(documents, path)

    @staticmethod
    def _semantic_problems(documents: list[Document], sources: SourceRegistry | None) -> list[str]:
        problems: list[str] = []
        seen: set[str] = set()
        ids = {d.id for d in documents}
        for number, doc in enumerate(documents, 1):
            where = f"mục {number} (id={doc.id})"
            if doc.id in seen:
                problems.append(f"{where}, trường 'id': mã bị trùng")
            seen.add(doc.id)
            if doc.symbol is not None and canonical(doc.symbol) != doc.symbol:
                problems.append(
                    f"{where}, trường 'symbol': viết ở dạng chuẩn '{canonical(doc.symbol)}'"
                )
            if doc.status == "bi-thay-the" and doc.superseded_by not in ids:
                problems.append(f"{where}, trường 'superseded_by': cần mã của văn bản thay thế có trong sổ")
            if doc.superseded_by and doc.status != "bi-thay-the":
                problems.append(f"{where}, trường 'status': có văn bản thay thế thì tình trạng là bi-thay-the")
            if sources is not None:
                for source in doc.sources:
                    if source not in sources:
                        problems.append(f"{where}, trường 'sources': không có nguồn '{source}' trong "
                                        "data/nguon.yml (ghi mã nguồn, không ghi tên tệp hay địa chỉ)")
        problems += _supersession_cycles(documents)
        by_symbol: dict[str, list[Document]] = {}
        for doc in documents:
            if doc.symbol:
                by_symbol.setdefault(doc.symbol, []).append(doc)
        for symbol, docs in by_symbol.items():
            if len(docs) > 1 and sum(d.default for d in docs) != 1:
                problems.append(
                    f"số hiệu {symbol} có {len(docs)} văn bản: đánh dấu đúng một mục 'default: true'"
                )
        return problems

    def resolve(self, symbol: str, date: str | None) -> Resolution:
        """Which document a citation means; a date picks among same-numbered documents."""
        candidates = self.by_symbol.get(symbol, [])
        if not candidates:
            return Resolution(None, "unknown")
        if date:
            for doc in candidates:
                if doc.accepts_date(date):
                    return Resolution(doc)
            fallback = next((d for d in candidates if d.default), candidates[0])
            return Resolution(fallback, "date", candidates)
        if len(candidates) == 1:
            return Resolution(candidates[0])
        return Resolution(next(d for d in candidates if d.default))
