"""Edition numbers and aliases: checked before anything is written, and before any shell or make sees them.

An edition number is ASCII `NĂM.SỐ`: four digits, a dot, a number without leading zeros (2025.0, 2025.1,
2025.12). `\\d` would also take fullwidth `２０２５` or Arabic-Indic `٢٠٢٥` digits, and `2025.05` names the same
edition as `2025.5` for mike's version sort but not for its directory: each would publish a duplicate that moves
`latest`. `.0` stays valid: editions 2025.0 and 2026.0 exist.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from sotay.release.errors import Refusal

VERSION_RE = re.compile(r"[1-9][0-9]{3}\.(?:0|[1-9][0-9]*)", re.ASCII)
EXAMPLE = "make release VERSION=2025.1"


def _shown(value: str) -> str:
    """The value as typed, on one line (a newline or control character is shown escaped)."""
    value = value if len(value) <= 60 else value[:60] + "…"
    return value if value.isprintable() else repr(value)[1:-1]


def version_problem(value: str) -> str | None:
    """Why `value` is not an edition number (Vietnamese), or None when it is one."""
    if VERSION_RE.fullmatch(value):
        return None
    if any(ch.isdigit() and not ch.isascii() for ch in value):
        return "chỉ dùng chữ số ASCII 0-9 (không dùng chữ số toàn khổ hay Ả Rập)"
    if re.fullmatch(r"[0-9]{4}\.0[0-9]+", value):
        return "số sau dấu chấm không có số 0 đứng đầu"
    return "bốn chữ số của năm, dấu chấm, rồi số thứ tự"


def check_version(value: str) -> None:
    problem = version_problem(value)
    if problem:
        raise Refusal(f"Số ấn bản '{_shown(value)}' không đúng dạng NĂM.SỐ (ví dụ 2025.1, 2025.12): {problem}. "
                      f"Gọi: {EXAMPLE}")


def check_aliases(aliases: Iterable[str], known: Iterable[str]) -> None:
    known = list(known)
    unknown = [a for a in aliases if a not in known]
    if unknown:
        raise Refusal(
            f"Bí danh không biết: {', '.join(_shown(a) for a in unknown)}. Bí danh được dùng: {', '.join(known)} "
            "(extra.version.default trong mkdocs.yml); ALIAS= (để trống) để phát hành không kèm bí danh."
        )


def version_key(version: str) -> tuple[int, ...] | None:
    return tuple(int(part) for part in version.split(".")) if VERSION_RE.fullmatch(version) else None


def check_versions(versions: Any, version: str, aliases: list[str], replace: bool) -> None:
    """`versions` is mike's Versions read from gh-pages: refuse a duplicate and moving an alias backwards."""
    if versions.find(version) and not replace:
        raise Refusal(
            f"Ấn bản {version} đã có trên nhánh gh-pages. Chọn số ấn bản mới, hoặc thêm REPLACE=1 để dựng "
            "lại và thay ấn bản này."
        )
    mine = version_key(version)
    for info in versions:
        held = [a for a in aliases if a in info.aliases]
        other = version_key(str(info.version))
        if held and other is not None and mine is not None and other > mine:
            raise Refusal(
                f"Bí danh {held[0]} đang chỉ ấn bản {info.version}, mới hơn {version}. Để phát hành lại ấn "
                f"bản cũ mà không chuyển bí danh: make release VERSION={version} ALIAS= REPLACE=1"
            )
