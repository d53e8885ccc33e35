"""Thin MkDocs hook: the logic lives in the importable package `sotay` (sotay/build.py)."""

import sys
from pathlib import Path

# The package is installed by requirements.txt (-e .); this keeps a bare checkout working too.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sotay.build import on_files, on_page_markdown  # noqa: E402

__all__ = ["on_files", "on_page_markdown"]
