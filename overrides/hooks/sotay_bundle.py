"""Thin MkDocs hook for the bundle: Word templates, printable checklists, the "Tải về" list.
The logic lives in sotay/bundle/hooks.py."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sotay.bundle.hooks import on_config, on_page_content, on_post_page  # noqa: E402

__all__ = ["on_config", "on_page_content", "on_post_page"]
