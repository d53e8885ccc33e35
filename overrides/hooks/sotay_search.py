"""Thin MkDocs hook for Vietnamese search: the logic lives in sotay/search.py."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sotay.search import on_config, on_post_build  # noqa: E402

__all__ = ["on_config", "on_post_build"]
