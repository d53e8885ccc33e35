"""The project's data as one build or one check sees it: registry, glossary, templates, edition.

Loaded once per run (by the plugin in `on_config`/`on_files`, by the checker at start) and passed
explicitly to everything that renders or checks, instead of module globals.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sotay.bundle import Edition
from sotay.errors import ConfigError
from sotay.examples import Example, load_examples
from sotay.glossary import load_glossary
from sotay.meeting import MeetingKind, Source, load_model
from sotay.planner import CalendarRules, load_calendar
from sotay.project import Project
from sotay.registry import Registry
from sotay.rubric import Rubric, load_rubric
from sotay.sources import SourceRegistry
from sotay.style import Style
from sotay.templates import Template, load_templates, source_problems


@dataclass
class DataContext:
    """Data every view is rendered from; `downloads` maps a template id to its Word file in the site.

    `meetings` is the meeting model (data/quy-trinh/), `meeting_sources` the sources its steps cite (each
    names an id of `sources`), `examples` the filled examples (data/vi-du/) the checker proves consistent.
    """

    project: Project
    registry: Registry
    glossary: dict[str, str]
    templates: dict[str, Template]
    edition: Edition
    meetings: dict[str, MeetingKind] = field(default_factory=dict)
    meeting_sources: dict[str, Source] = field(default_factory=dict)
    examples: dict[str, Example] = field(default_factory=dict)
    sources: SourceRegistry = field(default_factory=lambda: SourceRegistry([]))
    style: Style = field(default_factory=lambda: Style([]))
    offline: bool = False
    mike: bool = False
    site_url: str = ""
    downloads: dict[str, str] = field(default_factory=dict)
    calendar: CalendarRules | None = None  # data/lich-hop.yml: meeting day, holidays (cong-cu/lich-hop/)
    rubric: Rubric | None = None  # data/cham-diem.yml: the self-assessment sheet (cong-cu/cham-diem/)

    @classmethod
    def load(cls, project: Project, edition: Edition | None = None, **settings: object) -> DataContext:
        """Read and validate the data files; ConfigError names the file and entry of any problem."""
        sources = SourceRegistry.load(project.data_dir / "nguon.yml")
        model = load_model(project.meetings_dir, sources.by_id)
        registry = Registry.load(project.registry_path, sources if sources.path else None)
        problems = sources.problems_with_documents(set(registry.by_id))
        templates = load_templates(project.templates_dir, model.kinds)
        if sources.path:  # a project without a source registry (some test projects) cites by address
            problems += source_problems(templates, sources, project.templates_dir)
        if problems:
            raise ConfigError("\n".join(problems))
        return cls(
            project=project,
            registry=registry,
            sources=sources,
            style=Style.load(project.data_dir / "van-phong.yml"),
            glossary=load_glossary(project.glossary_path),
            templates=templates,
            edition=edition or Edition.from_env(),
            meetings=model.kinds,
            meeting_sources=model.sources,
            examples=load_examples(project.examples_dir, project.root, model.kinds),
            calendar=load_calendar(project.data_dir),
            rubric=load_rubric(project.data_dir),
            **settings,  # type: ignore[arg-type]
        )
