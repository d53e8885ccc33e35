"""`python -m sotay`: check the handbook, list citations, normalise text to NFC.

Exit codes: 0 clean, 1 problems found, 2 usage or configuration error. No command prints a
traceback for bad input: every failure is a message naming the file (and line where known).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path

from sotay.checks import check
from sotay.citations import find_citations
from sotay.errors import ConfigError
from sotay.source import DecodeProblem, read_text


def _cmd_check(args: argparse.Namespace) -> int:
    try:
        report = check(args.root)
    except ConfigError as exc:
        print(f"sotay check: lỗi cấu hình:\n{exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        payload = {
            "findings": [f.as_json() for f in report.findings],
            "summary": {"pages": len(report.pages), "errors": report.errors, "warnings": report.warnings},
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for finding in report.findings:
            print(finding.human())
        if report.findings:
            print(f"{len(report.findings)} vấn đề ({report.errors} lỗi, {report.warnings} cảnh báo) "
                  f"trong {len(report.pages)} trang.")
        else:
            print(f"Không có vấn đề nào trong {len(report.pages)} trang.")
    return 1 if report.findings else 0


def _read_files(names: list[str], raw_text: bool = False) -> Iterator[tuple[Path, str | None, DecodeProblem | None]]:
    """Each named file's text (None when unreadable, already reported on stderr).

    `raw_text` keeps BOM and line ends, for a command that writes the file back.
    """
    for name in names:
        path = Path(name)
        try:
            text, problem = read_text(path, raw_text=raw_text)
        except OSError as exc:
            print(f"{name}: không đọc được tệp ({exc.strerror})", file=sys.stderr)
            yield path, None, None
            continue
        if problem:
            print(f"{name}:{problem.line}:{problem.column}: tệp không phải UTF-8 ({problem.reason})",
                  file=sys.stderr)
        yield path, text, problem


def _cmd_citations(args: argparse.Namespace) -> int:
    status = 0
    for path, text, problem in _read_files(args.files):
        if text is None or problem:
            status = 2
        for citation in find_citations(text or "", str(path)):
            print(json.dumps(citation.as_json(), ensure_ascii=False))
    return status


def _cmd_nfc(args: argparse.Namespace) -> int:
    status = 0
    for path, text, problem in _read_files(args.files, raw_text=True):
        if text is None or problem:
            status = 2
            continue
        if path.is_symlink():
            print(f"{path}: là liên kết tượng trưng; sotay nfc không ghi qua liên kết (sửa tệp đích trong docs/)",
                  file=sys.stderr)
            status = 2
            continue
        fixed = unicodedata.normalize("NFC", text)
        if fixed != text:
            path.write_bytes(fixed.encode("utf-8"))  # keeps CRLF line ends as they were
            print(f"{path}: đã chuyển sang NFC")
    return status


def _cmd_bundle(args: argparse.Namespace) -> int:
    import datetime as dt

    from sotay.bundle import Edition, public_address_problem
    from sotay.bundle.runner import build_bundle
    from sotay.project import Project

    try:
        edition = Edition.from_env()  # SOTAY_DATE / SOURCE_DATE_EPOCH unreadable → ConfigError, exit 2
        date = dt.date.fromisoformat(args.date) if args.date else edition.date
    except ValueError:
        print(f"sotay bundle: ngày '{args.date}' không đúng dạng YYYY-MM-DD", file=sys.stderr)
        return 2
    except ConfigError as exc:
        print(f"sotay bundle: {exc}", file=sys.stderr)
        return 2
    edition = Edition(args.version or edition.version, date)
    if not re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z.+_-]*", edition.version, re.ASCII):
        # The version names the files (so-tay-…-VERSION.pdf): no path, no quote, no shell character.
        print(f"sotay bundle: số ấn bản '{edition.version}' chỉ được gồm chữ cái, chữ số ASCII và . + _ - "
              "(ví dụ 2025.1)", file=sys.stderr)
        return 2
    try:
        problem = public_address_problem(Project.load(args.root).config, local_build=args.local_build)
        if problem:
            print(f"sotay bundle: từ chối dựng gói: {problem}", file=sys.stderr)
            return 1
        build_bundle(Path(args.root), Path(args.out), edition)
    except ConfigError as exc:
        print(f"sotay bundle: {exc}", file=sys.stderr)
        return 2
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m sotay", description="Công cụ của Sổ tay sinh hoạt chi bộ.")
    sub = parser.add_subparsers(dest="command", required=True)
    p_check = sub.add_parser("check", help="kiểm tra liên kết, trích dẫn, chữ viết tắt, front matter, ...")
    p_check.add_argument("--root", default=".", help="thư mục dự án (chứa mkdocs.yml); mặc định: .")
    p_check.add_argument("--format", choices=("human", "json"), default="human")
    p_check.set_defaults(func=_cmd_check)
    p_cit = sub.add_parser("citations", help="in mỗi trích dẫn văn bản tìm thấy thành một dòng JSON")
    p_cit.add_argument("files", nargs="+", metavar="FILE")
    p_cit.set_defaults(func=_cmd_citations)
    p_nfc = sub.add_parser("nfc", help="chuyển tệp sang dạng chuẩn NFC (sửa tại chỗ)")
    p_nfc.add_argument("files", nargs="+", metavar="FILE")
    p_nfc.set_defaults(func=_cmd_nfc)
    p_bundle = sub.add_parser("bundle", help="gói ngoại tuyến, PDF, mẫu Word, tệp Kiwix của một ấn bản vào dist/")
    p_bundle.add_argument("--version", help="số ấn bản (mặc định: SOTAY_VERSION hoặc phiên bản gói sotay)")
    p_bundle.add_argument("--date", help="ngày ấn bản YYYY-MM-DD (mặc định: SOTAY_DATE hoặc hôm nay)")
    p_bundle.add_argument("--out", default="dist", help="thư mục kết quả; mặc định: dist")
    p_bundle.add_argument("--root", default=".", help="thư mục dự án (chứa mkdocs.yml); mặc định: .")
    p_bundle.add_argument("--local-build", action="store_true",
                          help="bản dựng thử trên máy: cho mã QR/bìa trỏ tới địa chỉ giữ chỗ (như SOTAY_LOCAL_BUILD=1)")
    p_bundle.set_defaults(func=_cmd_bundle)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))
