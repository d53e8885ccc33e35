"""Everything `make bundle` makes for one edition: offline zip, PDF, Word templates, Kiwix file.

One small module per artefact (offline, pdf, docx, zim); `runner.build_bundle` calls them in order;
`hooks` is the MkDocs side (Word files in the build, printable checklists, the "Tải về" list).
The dist/ file names are stable: the release tooling publishes them under each version.

Reproducible: with SOURCE_DATE_EPOCH set (reproducible-builds.org), two bundles of the same sources are
byte-identical; every timestamp written into a file comes from `Edition.timestamp`.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from sotay import __version__
from sotay.dates import vi_date
from sotay.errors import ConfigError

SLUG = "so-tay-sinh-hoat-chi-bo"
TITLE = "Sổ tay sinh hoạt chi bộ"
# mkdocs.yml's site_url when SITE_URL is unset: fine for a local site, useless on paper.
PLACEHOLDER_HOST = "so-tay-sinh-hoat-chi-bo.example"
LOCAL_BUILD_ENV = "SOTAY_LOCAL_BUILD"


EPOCH_ENV = "SOURCE_DATE_EPOCH"
_ZIP_MIN = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)  # the earliest date a zip (MS-DOS) timestamp can hold


def source_date_epoch() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH (seconds since 1970, UTC) as an aware datetime; None when unset or empty."""
    value = os.environ.get(EPOCH_ENV, "").strip()
    if not value:
        return None
    try:
        return dt.datetime.fromtimestamp(int(value), dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise ConfigError(f"{EPOCH_ENV}='{value}' không phải số giây kể từ 1/1/1970 (UTC)") from None


def zip_date_time(moment: dt.datetime) -> tuple[int, int, int, int, int, int]:
    """`moment` as a zip entry's date_time (UTC wall clock; zip cannot store dates before 1980)."""
    moment = max(moment.astimezone(dt.UTC), _ZIP_MIN)
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


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
        epoch = source_date_epoch()
        if os.environ.get("SOTAY_DATE"):
            try:
                date = dt.date.fromisoformat(os.environ["SOTAY_DATE"])
            except ValueError:
                raise ConfigError(f"SOTAY_DATE='{os.environ['SOTAY_DATE']}' không đúng dạng YYYY-MM-DD") from None
        elif epoch is not None:
            # A reproducible build of a given commit names the same day whenever it is rebuilt.
            date = epoch.date()
        else:
            date = dt.date.today()
        return cls(version, date)

    @property
    def timestamp(self) -> dt.datetime:
        """The one moment written into the files (zip entries, Word and PDF dates): SOURCE_DATE_EPOCH when
        set, else midnight UTC of the edition date. Read at call time so that the MkDocs subprocess and
        the bundle agree; never the wall clock, so a rebuild differs only if the sources do."""
        return source_date_epoch() or dt.datetime.combine(self.date, dt.time(0, 0), dt.UTC)

    @property
    def date_vi(self) -> str:
        return vi_date(self.date)

    @property
    def label(self) -> str:
        """"Ấn bản 2026.1, ngày 23/11/2026"."""
        return f"Ấn bản {self.version}, ngày {self.date_vi}"

    def env(self) -> dict[str, str]:
        return {"SOTAY_VERSION": self.version, "SOTAY_DATE": self.date.isoformat()}
