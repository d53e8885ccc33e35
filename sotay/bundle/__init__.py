"""Everything `make bundle` makes for one edition: offline zip, PDF, Word templates, Kiwix file.

One small module per artefact (offline, pdf, docx, zim); `runner.build_bundle` calls them in order;
`hooks` is the MkDocs side (Word files in the build, printable checklists, the "Tải về" list).
The dist/ file names are stable: the release tooling publishes them under each version.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from sotay import __version__
from sotay.dates import vi_date

SLUG = "so-tay-sinh-hoat-chi-bo"
TITLE = "Sổ tay sinh hoạt chi bộ"
# mkdocs.yml's site_url when SITE_URL is unset: fine for a local site, useless on paper.
PLACEHOLDER_HOST = "so-tay-sinh-hoat-chi-bo.example"
LOCAL_BUILD_ENV = "SOTAY_LOCAL_BUILD"


def online_base(site_url: str, mike: bool) -> str:
    """Where the published edition lives: SOTAY_ONLINE_URL, else site_url (+ "latest/" under mike)."""
    base = os.environ.get("SOTAY_ONLINE_URL") or site_url or ""
    base = base if base.endswith("/") else base + "/"
    # Under `mike deploy` with canonical_version, mike has already pointed site_url at latest/.
    if mike and not os.environ.get("SOTAY_ONLINE_URL") and not base.endswith("/latest/"):
        base += "latest/"
    return base


def public_address_problem(config: Any, local_build: bool = False) -> str | None:
    """Why the bundle must not be printed with this configuration (Vietnamese, one paragraph), or None.

    Every printed checklist carries a QR code and the PDF cover a link to the handbook online
    (`online_base`); with the placeholder domain a handout's QR code leads nowhere. A local test build
    says so explicitly (`local_build`, or SOTAY_LOCAL_BUILD=1). `config` is MkDocs' (Project.config).
    Called by `python -m sotay bundle`; `make release` must call it before it commits anything.
    """
    if local_build or os.environ.get(LOCAL_BUILD_ENV, "").strip().lower() in {"1", "true", "yes"}:
        return None
    extra = config.get("extra") or {}
    version = extra.get("version") if hasattr(extra, "get") else None  # MkDocs' LegacyConfig is no dict
    mike = isinstance(version, dict) and version.get("provider") == "mike"
    base = online_base(str(config.get("site_url") or ""), mike)
    host = (urlsplit(base).hostname or "").lower()
    if host and host != PLACEHOLDER_HOST and not host.endswith("." + PLACEHOLDER_HOST):
        return None
    where = f"tới {base}, một địa chỉ giữ chỗ không dẫn tới đâu" if host else "tới một địa chỉ trống"
    return (
        f"mã QR trên danh sách kiểm tra in ra và liên kết ở bìa sổ tay PDF sẽ trỏ {where}. "
        "Đặt địa chỉ công khai của sổ tay một lần, ở `site_url` trong mkdocs.yml (hoặc biến môi trường "
        "SITE_URL khi dựng; SOTAY_ONLINE_URL nếu ấn bản nằm ở địa chỉ khác), rồi chạy lại. Nếu đây chỉ là "
        f"bản dựng thử trên máy này, nói rõ điều đó: {LOCAL_BUILD_ENV}=1 make bundle "
        "(hoặc python -m sotay bundle --local-build)."
    )


def zip_name(version: str) -> str:
    return f"{SLUG}-{version}.zip"


def pdf_name(version: str) -> str:
    return f"{SLUG}-{version}.pdf"


def zim_name(version: str) -> str:
    return f"{SLUG}-{version}.zim"


@dataclass(frozen=True)
class Edition:
    """Version and date printed on the cover, the checklists and the Kiwix metadata."""

    version: str
    date: dt.date

    @classmethod
    def from_env(cls) -> Edition:
        """SOTAY_VERSION (else mike's MIKE_DOCS_VERSION, else the package version) and SOTAY_DATE (ISO; else
        SOURCE_DATE_EPOCH, else today)."""
        version = os.environ.get("SOTAY_VERSION") or os.environ.get("MIKE_DOCS_VERSION") or __version__
        if os.environ.get("SOTAY_DATE"):
            date = dt.date.fromisoformat(os.environ["SOTAY_DATE"])
        elif os.environ.get("SOURCE_DATE_EPOCH"):
            date = dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), dt.UTC).date()
        else:
            date = dt.date.today()
        return cls(version, date)

    @property
    def date_vi(self) -> str:
        return vi_date(self.date)

    @property
    def label(self) -> str:
        """"Ấn bản 2026.1, ngày 23/11/2026"."""
        return f"Ấn bản {self.version}, ngày {self.date_vi}"

    def env(self) -> dict[str, str]:
        return {"SOTAY_VERSION": self.version, "SOTAY_DATE": self.date.isoformat()}
