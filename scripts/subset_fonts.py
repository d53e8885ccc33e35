#!/usr/bin/env python3
"""Rebuild overrides/assets/fonts/ from Debian's fonts-noto-core (Noto Sans and Noto Sans Math, SIL OFL 1.1).

Keeps only Latin with every Vietnamese letter and tone mark, punctuation and the đồng sign, so the
four files stay small in the repo, the offline zip and the PDF. Run once after a font update:
    apt-get install fonts-noto-core && python3 scripts/subset_fonts.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset

SOURCE = Path("/usr/share/fonts/truetype/noto")
TARGET = Path(__file__).resolve().parents[1] / "overrides" / "assets" / "fonts"
STYLES = ("Regular", "Bold", "Italic", "BoldItalic")
# Noto Sans has no arrows (→) nor most math signs (≤): a small fallback cut from Noto Sans Math.
MATH = "U+2190-21FF,U+2200-22FF"
# Basic Latin, Latin-1, Latin Extended-A/B, combining marks, Latin Extended Additional (Vietnamese),
# general punctuation, currency (₫), letterlike (№), arrows, math operators used in tables, boxes.
UNICODES = "U+0020-007E,U+00A0-024F,U+0300-036F,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-214F," \
           "U+2190-21FF,U+2212,U+2260-2265,U+25A0-25FF"


def main() -> int:
    if not SOURCE.is_dir():
        print(f"{SOURCE} không có: cài gói Debian fonts-noto-core", file=sys.stderr)
        return 2
    TARGET.mkdir(parents=True, exist_ok=True)
    jobs = [(f"NotoSans-{style}.ttf", UNICODES) for style in STYLES] + [("NotoSansMath-Regular.ttf", MATH)]
    for name, unicodes in jobs:
        source, target = SOURCE / name, TARGET / name
        options = subset.Options()
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        options.glyph_names = False
        options.hinting = False  # print and modern screens do not need TrueType hints
        font = subset.load_font(str(source), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=subset.parse_unicodes(unicodes))
        subsetter.subset(font)
        subset.save_font(font, str(target), options)
        print(f"{target.name}: {target.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
