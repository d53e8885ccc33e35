#!/usr/bin/env python3
"""Write the attack files of tests/fuzz/ (run once; the files are committed, this documents them).

Usage: scripts/make_fuzz_corpus.py [--out tests/fuzz]
Each attack is one file named for it; tests/fuzz/expected.yml says where it goes in a copy of
tests/fixtures/clean and what the checker must report. Hand-written entries (HTML injection,
…) may sit beside these: this script only overwrites the files it writes.
"""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

FRONT = "---\ntitle: Trang thử\ndescription: Trang tấn công mẫu.\nsources: [bai-1.txt]\nreviewed: 2026-11-23\n---\n\n"
# A citation the clean corpus's registry does not have: proves the page was still read to the end.
SENTINEL = "\n\nCuối trang: Chỉ thị 99-CT/TW.\n"


def laughs() -> str:
    """13 lines of front matter whose title is 9⁹ "lol"s once anything prints it."""
    lines = ["---", 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    lines += ["title: *a8", "description: Trang tấn công mẫu.", "sources: [bai-1.txt]", "reviewed: 2026-11-23"]
    return "\n".join(lines) + "\n---\n\n# Tấn công\n"


def registry_laughs() -> str:
    head = ['- id: 50-ct-tw-2025', '  symbol: 50-CT/TW', '  kind: Chỉ thị', '  issuer: Ban Bí thư',
            '  date: 2025-07-23', '  title: &t0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
            '  status: hieu-luc', '  sources: [bai-1.txt]']
    head += [f"  note{i}: &t{i} [" + ",".join([f"*t{i - 1}"] * 9) + "]" for i in range(1, 9)]
    return "\n".join(head) + "\n"


def entry(ident: str, symbol: str, date: str, status: str = "hieu-luc", superseded: str | None = None) -> str:
    text = (f"- id: {ident}\n  symbol: {symbol}\n  kind: Chỉ thị\n  issuer: Ban Bí thư\n  date: {date}\n"
            f"  title: Văn bản thử\n  status: {status}\n  sources: [bai-1.txt]\n")
    return text + (f"  superseded_by: {superseded}\n" if superseded else "")


def attacks() -> dict[str, str | bytes]:
    line_200k = ("Chỉ thị 50-CT/TW ngày 23/7/2025 và " * 6000)[:200_000]
    return {
        # YAML
        "billion-laughs.md": laughs(),
        "yaml-deep-flow.md": FRONT.replace("reviewed: 2026-11-23\n", "reviewed: 2026-11-23\nx: " + "[" * 50_000
                                           + "]" * 50_000 + "\n") + "# Tấn công\n",
        "reviewed-impossible-date.md": FRONT.replace("2026-11-23", "2025-02-30") + "# Tấn công\n",
        "registry-billion-laughs.yml": registry_laughs(),
        "registry-impossible-date.yml": entry("50-ct-tw-2025", "50-CT/TW", "2025-02-30"),
        "registry-superseded-self.yml": entry("50-ct-tw-2025", "50-CT/TW", "2025-07-23", "bi-thay-the",
                                              "50-ct-tw-2025"),
        "registry-superseded-cycle.yml": entry("a-1", "1-CT/TW", "2025-07-23", "bi-thay-the", "b-2")
        + entry("b-2", "2-CT/TW", "2025-07-23", "bi-thay-the", "a-1"),
        "template-alias.yml": "id: template-alias\ntitle: &t Mẫu\nofficial_form: false\nnote: *t\n"
                              "sources: [x]\nsections: [{heading: a, fields: [{label: b}]}]\n",
        # Size and nesting
        "long-line-200k.md": FRONT + "# Tấn công\n\n" + line_200k + " Chỉ thị 99-CT/TW.\n",
        "long-line-superseded-100k.md": FRONT + "# Tấn công\n\n" + ("Quy định 124-QĐ/TW, " * 5000) + "\n",
        "long-line-nfd-200k.md": FRONT + "# Tấn công\n\n" + "a" * 200_000 + "Đe\u0300\n",
        "nested-lists-300.md": FRONT + "".join("\t" * i + "- a\n" for i in range(300)),
        "nested-blockquotes-1000.md": FRONT + ">" * 1000 + " a\n",
        "nested-details-300.md": FRONT + "".join("\t" * i + '??? note "x"\n\n' for i in range(300))
        + "\t" * 300 + "a\n",
        "nested-emphasis-1000.md": FRONT + "*a " * 1000 + "b" + " c*" * 1000 + "\n",
        "nested-html-500.md": FRONT + "<div markdown>\n\n" * 500 + "a\n\n" + "</div>\n\n" * 500,
        "unclosed-comments.md": FRONT + "<!--" * 50_000 + SENTINEL,
        "unclosed-backticks.md": FRONT + "` a `` b " * 20_000 + SENTINEL,
        "unclosed-braces.md": FRONT + "# Tấn công " + "{" * 100_000 + "\n\n" + "XYZ {" * 20_000 + SENTINEL,
        "unclosed-brackets.md": FRONT + "[a\n" * 30_000 + "[a](b \"" * 8_000 + "](" * 8_000 + SENTINEL,
        "unclosed-tags.md": FRONT + "<a <img " * 10_000 + "<!-- sotay:x " * 10_000 + SENTINEL,
        # Encodings
        "crlf-bom.md": ("\ufeff" + FRONT + "# Tấn công\n\nChỉ thị 99-CT/TW.\n").replace("\n", "\r\n").encode("utf-8"),
        # Citation precision
        "symbol-zero-width.md": FRONT + "Theo Chỉ thị 50-CT/T\u200bW.\n",
        "symbol-soft-hyphen.md": FRONT + "Theo Chỉ thị 50\u00ad-CT/TW.\n",
        "symbol-bidi-override.md": FRONT + "Theo Chỉ thị 50-CT/\u202eTW.\n",
        "symbol-fullwidth-slash.md": FRONT + "Theo Chỉ thị 50-CT\uff0fTW.\n",
        "symbol-fullwidth-digits.md": FRONT + "Theo Chỉ thị \uff15\uff10-CT/TW.\n",
        "symbol-cyrillic-lookalike.md": FRONT + "Theo Chỉ thị 50-\u0421T/TW.\n",
        "symbol-greek-lookalike.md": FRONT + "Theo Chỉ thị 50-CT/\u03a4W.\n",
        "symbol-eth-for-d.md": FRONT + "Theo Quy định 366-Q\u00d0/TW.\n",
        "state-symbol-then-issuer.md": FRONT + "Nghị định 62/2020/NĐ-CP - UBND tỉnh.\n",
        "citation-impossible-date.md": FRONT + "Theo Chỉ thị 50-CT/TW ngày 30/2/2025.\n",
        "kind-disagrees-with-type.md": FRONT + "Theo Nghị quyết 50-CT/TW ngày 23/7/2025.\n",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "tests" / "fuzz"))
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)
    for name, content in attacks().items():
        path = out / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="\n")
        print(f"{path}: {path.stat().st_size} byte")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
