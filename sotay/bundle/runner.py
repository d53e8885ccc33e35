"""`python -m sotay bundle` / `make bundle`: every artefact of one edition into dist/.

Order: Word templates (straight from data/mau-bieu), the offline site (`OFFLINE=true mkdocs build`,
pruned), the PDF (from the offline site's pages), the zip (site + PDF + guide), the ZIM (site + PDF).
Prints one line per artefact with its size and build time, and writes dist/manifest.json: version,
date and, per file, kind, name, size and SHA-256. Build times stay out of the manifest (they are only
printed, and measured by `make bench-bundle`): with SOURCE_DATE_EPOCH set, dist/ is byte-identical
from one build to the next, manifest included.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from sotay.bundle import SLUG, Edition, docx, offline, pdf, pdf_name, zim, zim_name, zip_name
from sotay.project import Project
from sotay.templates import load_templates

ZIP_LIMIT = 5 * 1024 * 1024
MANIFEST = "manifest.json"


@dataclass
class Artefact:
    kind: str
    file: str
    bytes: int
    sha256: str
    seconds: float  # printed, never written to the manifest

    def manifest_entry(self) -> dict[str, object]:
        entry = asdict(self)
        del entry["seconds"]
        return entry


def _clean(out: Path) -> None:
    """Remove what an earlier bundle left in `out` (only our own file names)."""
    if not out.is_dir():
        return
    for pattern in (f"{SLUG}-*", "mau-*.docx", MANIFEST):
        for path in out.glob(pattern):
            if path.is_file():
                path.unlink()


def human_size(size: int) -> str:
    return f"{size / 1024 / 1024:.2f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


def build_bundle(root: Path, out: Path, edition: Edition, log=print) -> list[Artefact]:
    root, out = root.resolve(), out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    _clean(out)
    project = Project.load(root)
    artefacts: list[Artefact] = []

    def record(kind: str, path: Path, started: float) -> None:
        seconds = round(time.perf_counter() - started, 2)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        artefact = Artefact(kind, path.name, path.stat().st_size, digest, seconds)
        artefacts.append(artefact)
        log(f"{kind:<8} {artefact.file:<42} {human_size(artefact.bytes):>9} {artefact.seconds:>7.2f} s")

    for template in load_templates(project.templates_dir).values():
        started = time.perf_counter()
        path = out / template.docx_name
        path.write_bytes(docx.build_docx(template, edition))
        record("docx", path, started)

    with tempfile.TemporaryDirectory(prefix="sotay-bundle-") as tmp:
        site = Path(tmp) / "site"
        started = time.perf_counter()
        offline.build_site(root, site, edition)
        removed = offline.prune(site)
        log(f"{'site':<8} {'OFFLINE=true mkdocs build (+ dọn ' + str(len(removed)) + ' tệp thừa)':<42} "
            f"{'':>9} {time.perf_counter() - started:>7.2f} s")

        started = time.perf_counter()
        pdf_path = pdf.write_pdf(site, root, edition, out / pdf_name(edition.version))
        record("pdf", pdf_path, started)

        started = time.perf_counter()
        zip_path = offline.write_zip(site, out / zip_name(edition.version), edition, extra=[pdf_path])
        record("zip", zip_path, started)

        started = time.perf_counter()
        description = str(project.config.get("site_description") or "")
        zim_path = zim.write_zim(site, out / zim_name(edition.version), edition, description, extra=(pdf_path,))
        record("zim", zim_path, started)

    manifest = {"version": edition.version, "date": edition.date.isoformat(),
                "artefacts": [a.manifest_entry() for a in artefacts]}
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    zipped = next(a for a in artefacts if a.kind == "zip")
    if zipped.bytes > ZIP_LIMIT:
        log(f"CẢNH BÁO: gói ngoại tuyến {human_size(zipped.bytes)} vượt mục tiêu {human_size(ZIP_LIMIT)}")
    return artefacts
