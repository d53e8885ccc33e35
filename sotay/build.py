"""MkDocs side of the package: what the thin hook in overrides/hooks/ calls.

- on_files: runs the checker (reporting through MkDocs' logger, so `--strict` fails on any
  finding) and adds the registry's pages and van-ban.json to the build in memory;
- on_page_markdown: expands `<!-- sotay:... -->` directives and links every citation to its
  reference page.
"""

from __future__ import annotations

import logging
import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from sotay import generated
from sotay.checks import Checker, Report
from sotay.citations import iter_spans
from sotay.errors import ConfigError
from sotay.glossary import glossary_table
from sotay.project import Project
from sotay.registry import Registry
from sotay.source import mask
from sotay.templates import Template, render_markdown

log = logging.getLogger("mkdocs.plugins.sotay")

_DIRECTIVE = re.compile(r"^[ \t]*<!--\s*sotay:(?P<name>[\w-]+)(?P<args>[^>]*?)-->[ \t]*$", re.M)
_LINK_SPAN = re.compile(r"!?\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\([^)\n]*\)|<[^>\n]+>|\{[^}\n]*\}")
_HEADING = re.compile(r"^#{1,6}[ \t]")


@dataclass
class BuildState:
    """What one build learned in on_files and reuses for every page."""

    project: Project
    registry: Registry
    glossary: dict[str, str]
    templates: dict[str, Template]
    report: Report
    downloads: dict[str, str] = field(default_factory=dict)  # template id → file path in site


_state: BuildState | None = None


def on_files(files: Files, config: Any) -> Files:
    global _state
    root = Path(config.config_file_path).resolve().parent
    try:
        project = Project.load(root)
        checker = Checker(project)
        report = checker.run()
    except ConfigError as exc:
        raise PluginError(f"sotay: {exc}") from None
    for finding in report.findings:
        log.warning(finding.human())
    _state = BuildState(project, checker.registry, checker.glossary, checker.templates, report)
    pages = generated.reference_pages(checker.registry, report.cited_by, report.titles())
    for rel, content in pages.items():
        files.append(File.generated(config, rel, content=content))
    files.append(File.generated(config, "van-ban.json", content=generated.inventory_json(checker.registry)))
    for hook in _file_hooks:
        hook(_state, files, config)
    return files


# Other modules (the Word templates of the bundle) register extra generated files here.
_file_hooks: list[Any] = []


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    if _state is None:
        return markdown
    rel = page.file.src_uri
    own = next((d.id for d in _state.registry.documents if d.page == rel), None)
    if own is None:
        markdown = _expand_directives(markdown, rel, _state)
    return link_citations(markdown, rel, _state.registry, skip=own)


def _expand_directives(markdown: str, rel: str, state: BuildState) -> str:
    def replace(match: re.Match[str]) -> str:
        name, args = match.group("name"), match.group("args").split()
        if name == "abbreviations":
            return glossary_table(state.glossary)
        if name == "mau-bieu" and args and args[0] in state.templates:
            download = state.downloads.get(args[0])
            link = posixpath.relpath(download, posixpath.dirname(rel)) if download else None
            return render_markdown(state.templates[args[0]], link)
        return match.group(0)  # the checker has already reported it (P01)

    return _DIRECTIVE.sub(replace, markdown)


def link_citations(markdown: str, rel: str, registry: Registry, skip: str | None = None) -> str:
    """Wrap each citation symbol in a link to its reference page (not in code, links, headings)."""
    masked = mask(markdown)
    masked = _LINK_SPAN.sub(lambda m: " " * len(m.group(0)), masked)
    base = posixpath.dirname(rel)
    pieces, last = [], 0
    for span in iter_spans(masked):
        line_start = markdown.rfind("\n", 0, span.start) + 1
        line_end = markdown.find("\n", span.start)
        line = markdown[line_start : len(markdown) if line_end == -1 else line_end]
        if _HEADING.match(line) or not unicodedata.is_normalized("NFC", line):
            continue
        doc = registry.resolve(span.symbol, span.date).document
        if doc is None or doc.id == skip:
            continue
        target = posixpath.relpath(doc.page, base) if base else doc.page
        text = markdown[span.start : span.start + span.length]
        title = f"{doc.kind} {doc.symbol}: {doc.title}".replace('"', "'")
        pieces += [markdown[last : span.start], f'[{text}]({target} "{title}")']
        last = span.start + span.length
    pieces.append(markdown[last:])
    return "".join(pieces)
