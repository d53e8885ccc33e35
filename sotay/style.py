"""House style as data (data/van-phong.yml): forbidden phrases (V01) and one term per role (V02).

Kept as data so that an editor adds a phrase without touching code, and so the next editor cannot
bring back what the editorial pass removed ("sổ tay biết", "kỳ thường kỳ", "chủ tọa" beside
"chủ trì"). Also counts the hedge phrases the source box replaced (`hedge_counts`), for the
editorial report, in docs/ and in the built site (`site_page_texts`: what a reader sees, including the
text rendered from data, which docs/ does not show).
"""

from __future__ import annotations

import fnmatch
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema

from sotay.errors import ConfigError
from sotay.project import load_yaml

HEDGES = ("theo báo chí", "qua báo chí", "nguồn thứ cấp", "văn bản gốc", "chưa có nguồn", "sổ tay không",
          "sổ tay chưa", "sổ tay biết")

_ITEM = {"type": "string", "minLength": 2}
SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "pending": {"type": "array", "items": _ITEM},
        "forbidden": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["why", "instead"],
            "oneOf": [{"required": ["phrase"]}, {"required": ["pattern"]}],
            "properties": {"phrase": _ITEM, "pattern": _ITEM, "why": _ITEM, "instead": _ITEM},
        }},
        "preferred": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["use", "instead_of", "why"],
            "properties": {"use": _ITEM, "instead_of": {"type": "array", "minItems": 1, "items": _ITEM},
                           "match_case": {"type": "boolean"}, "not_after": {"type": "array", "items": _ITEM},
                           "why": _ITEM},
        }},
    },
}


@dataclass(frozen=True)
class Rule:
    """One compiled style rule: the code it reports and the message for a match."""

    code: str
    regex: re.Pattern[str]
    message: str


@dataclass(frozen=True)
class Hit:
    offset: int
    code: str
    message: str


def _words(phrase: str) -> str:
    return r"(?<!\w)" + r"\s+".join(map(re.escape, phrase.split())) + r"(?!\w)"


@dataclass
class Style:
    """Compiled rules plus the pages they do not apply to yet."""

    rules: list[Rule]
    pending: tuple[str, ...] = ()

    @classmethod
    def load(cls, path: Path) -> Style:
        """Read data/van-phong.yml (absent: no rules); ConfigError names the entry of any problem."""
        if not path.is_file():
            return cls([])
        data = load_yaml(path) or {}
        errors = sorted(jsonschema.Draft202012Validator(SCHEMA).iter_errors(data), key=lambda e: list(map(str, e.path)))
        if errors:
            raise ConfigError("\n".join(
                f"{path}: {'/'.join(map(str, e.absolute_path)) or '(gốc)'}: {e.message}" for e in errors))
        rules: list[Rule] = []
        for number, item in enumerate(data.get("forbidden", []), 1):
            try:
                regex = re.compile(item["pattern"]) if "pattern" in item else re.compile(_words(item["phrase"]), re.I)
            except re.error as exc:
                raise ConfigError(f"{path}: forbidden mục {number}: biểu thức không hợp lệ: {exc}") from None
            rules.append(Rule("V01", regex, f"{{found}}: không dùng ({item['why']}); viết {item['instead']}"))
        for item in data.get("preferred", []):
            guard = "".join(rf"(?<!{re.escape(w)} )" for w in item.get("not_after", []))
            flags = 0 if item.get("match_case") else re.I
            body = "|".join(_words(w) for w in item["instead_of"])
            rules.append(Rule("V02", re.compile(f"{guard}(?:{body})", flags),
                              f"'{{found}}': dùng '{item['use']}' ({item['why'].strip()})"))
        return cls(rules, tuple(data.get("pending", [])))

    def applies(self, rel: str) -> bool:
        return not any(fnmatch.fnmatch(rel, pattern) for pattern in self.pending)

    def scan(self, masked: str) -> Iterator[Hit]:
        """Every rule match in masked prose (code, comments and front matter already blanked)."""
        hits: dict[int, Hit] = {}
        for rule in self.rules:
            for match in rule.regex.finditer(masked):
                if match.start() in hits or _quoted(masked, match.start()):
                    continue  # one finding per place (the first, most specific rule); quoted wording is the source's
                found = " ".join(match.group(0).split())
                hits[match.start()] = Hit(match.start(), rule.code, rule.message.replace("{found}", found))
        yield from (hits[offset] for offset in sorted(hits))


def _quoted(text: str, offset: int) -> bool:
    """True inside "…" or “…” on the same line: a source's own wording may be quoted as written."""
    line = text[text.rfind("\n", 0, offset) + 1 : offset]
    return line.count('"') % 2 == 1 or line.count("“") > line.count("”")


def hedge_counts(text: str) -> dict[str, int]:
    """How often each hedge phrase occurs in a page (case-insensitive)."""
    lower = text.lower()
    return {phrase: lower.count(phrase) for phrase in HEDGES}


_ARTICLE = re.compile(r"<article\b[^>]*\bmd-content__inner\b[^>]*>(.*?)</article>", re.S)
_NOT_TEXT = re.compile(r"<(script|style|svg)\b.*?</\1>|<a\b[^>]*\bheaderlink\b[^>]*>.*?</a>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")


def html_text(fragment: str) -> str:
    """The words of an HTML fragment, one space apart: no tags, scripts, styles or heading links."""
    text = html.unescape(_TAG.sub(" ", _NOT_TEXT.sub(" ", fragment)))
    return " ".join(text.split())


def article_text(page_html: str) -> str | None:
    """The reader's text of one built page: its article (body, source box, footnotes), not the menus,
    header or footer that every page repeats; None when the file has no article (redirects, assets).
    Also what each page gives Kiwix's full-text indexer (sotay.search.zim_text)."""
    found = _ARTICLE.search(page_html)
    return None if found is None else html_text(found.group(1))


def site_page_texts(site: Path) -> Iterator[tuple[str, str]]:
    """(path in the site, article text) of every built page, in path order."""
    for path in sorted(site.rglob("*.html")):
        text = article_text(path.read_text(encoding="utf-8", errors="replace"))
        if text is not None:
            yield path.relative_to(site).as_posix(), text
