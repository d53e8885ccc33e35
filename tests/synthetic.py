"""Synthetic handbooks for benchmarks: N valid pages with links, anchors, citations, abbreviations.

Each page is clean under the checker, so timings measure the normal path, and the project
reuses the real config, registry and glossary so the hooks do their real work.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from sotay.registry import Registry

_WORDS = ("sinh hoạt chi bộ đảng viên nghị quyết biên bản chuẩn bị thảo luận kết luận nhiệm vụ tháng "
          "chi ủy bí thư đề dẫn chuyên đề thường kỳ đánh giá xếp loại kiểm tra giám sát").split()


def make_project(root: Path, source: Path, pages: int, seed: int = 7) -> Path:
    """Write a project with `pages` pages under `root`, copying config and data from `source`."""
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    (root / "docs" / "p").mkdir(parents=True)
    for name in ("data", "includes", "overrides", "sotay"):
        if (source / name).exists():
            shutil.copytree(source / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    registry = Registry.load(source / "data" / "van-ban.yml")
    cited = [d for d in registry.documents if d.symbol and d.status != "bi-thay-the"]
    config = (source / "mkdocs.yml").read_text(encoding="utf-8")
    config = config[: config.index("\nnav:")] + "\nnav:\n" + "".join(
        f"  - p/trang-{i:05d}.md\n" for i in range(pages)
    )
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    for i in range(pages):
        body = [
            "---", f"title: Trang {i}", "description: Trang tổng hợp để đo tốc độ.",
            "sources: [ban-bien-soan]", "reviewed: 2026-11-23", "---", "", f"# Trang {i}", "",
        ]
        for section in range(4):
            body += [f"## Mục {section} về sinh hoạt {{ #muc-{section} }}", ""]
            for _ in range(3):
                words = " ".join(rng.choice(_WORDS) for _ in range(40))
                doc = rng.choice(cited)
                target = rng.randrange(pages)
                body.append(
                    f"{words.capitalize()} theo {doc.kind} {doc.symbol}; CBKM và BCH "
                    f"xem [trang {target}](trang-{target:05d}.md#muc-{rng.randrange(4)}). {words}."
                )
                body.append("")
            body += ["- [ ] Việc cần làm", "- [ ] Việc thứ hai", ""]
        (root / "docs" / "p" / f"trang-{i:05d}.md").write_text("\n".join(body), encoding="utf-8")
    (root / "docs" / "index.md").unlink(missing_ok=True)
    return root
